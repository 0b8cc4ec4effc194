import Foundation
import SwiftTune

/// `tune diagnose DIR [--target-error E]`: the fit verdict of a run, with evidence and advice.
struct DiagnoseCommand {
    let directory: String
    let targetError: Double?

    init(arguments: [String]) throws {
        let parsed = try Arguments(arguments, valued: ["target-error"])
        guard parsed.positionals.count == 1 else {
            throw UsageError(
                "tune diagnose takes one run directory, got \(parsed.positionals.count) arguments.")
        }
        directory = parsed.positionals[0]
        if let text = parsed.options["target-error"] {
            guard let value = Double(text), value >= 0, value < 1 else {
                throw UsageError(
                    "--target-error must be a fraction in [0, 1), such as 0.02 for 2 %, got \"\(text)\".")
            }
            targetError = value
        } else {
            targetError = nil
        }
    }

    func run() throws {
        let report = try RunReport(directory: URL(fileURLWithPath: directory))
        print(try report.diagnosis(targetError: targetError))
    }
}

/// `tune report DIR`: rebuilds `report.html` from the records in a run directory.
struct ReportCommand {
    let directory: String

    init(arguments: [String]) throws {
        let parsed = try Arguments(arguments, valued: [])
        guard parsed.positionals.count == 1 else {
            throw UsageError("tune report takes one directory, got \(parsed.positionals.count) arguments.")
        }
        directory = parsed.positionals[0]
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let url =
            StudyReport.isStudyDirectory(folder)
            ? try StudyReport(directory: folder).write() : try RunReport(directory: folder).writeHTML()
        print("wrote \(url.path)")
    }
}
