import Foundation
import SwiftTune

/// `tune datasets [--data PATH]`: the named data sets, and where each was found or how to get it.
struct DatasetsCommand {
    let dataPath: String?

    init(arguments: [String]) throws {
        let parsed = try Arguments(arguments, valued: ["data"])
        guard parsed.positionals.isEmpty else {
            throw UsageError(
                "tune datasets takes no arguments besides --data, got \(parsed.positionals.joined(separator: " "))."
            )
        }
        dataPath = parsed.options["data"]
    }

    func run() {
        let locator = DatasetLocator(explicitPath: dataPath)
        var folders = [
            locator.explicitPath, locator.environmentDirectory, locator.cacheDirectory,
            locator.systemDirectory,
        ]
        .compactMap { $0?.path }
        if folders.isEmpty { folders = ["(none)"] }
        print("searched in order: \(folders.joined(separator: ", "))")
        for descriptor in DatasetDescriptor.catalog {
            do {
                let files = try locator.locate(descriptor)
                let folder = files.trainingImages.deletingLastPathComponent().path
                print("\(descriptor.name): found in \(folder) (\(descriptor.classNames.count) classes)")
            } catch {
                print("\(descriptor.name): not found. \(descriptor.instructions)")
            }
        }
    }
}
