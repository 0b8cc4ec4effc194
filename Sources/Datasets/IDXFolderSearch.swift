import Foundation

/// The result of looking for the four IDX files of a data set in one folder.
enum IDXFolderSearch: Equatable {
    case found(IDXFileSet)
    /// The folder does not contain the files, for the reason given as a sentence fragment.
    case notFound(reason: String)

    /// Looks in `folder` for a file of each name in `names`, compressed (`NAME.gz`) or raw (`NAME`).
    ///
    /// The `.gz` file wins when both exist. Only existence is checked here, and reading checks the content.
    init(folder: URL, names: IDXFileNames) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            self = .notFound(reason: "does not exist")
            return
        }
        guard isDirectory.boolValue else {
            self = .notFound(reason: "is a file, not a folder")
            return
        }

        var urls: [URL] = []
        var missing: [String] = []
        for name in names.all {
            let compressed = folder.appendingPathComponent(name + ".gz")
            let raw = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: compressed.path) {
                urls.append(compressed)
            } else if FileManager.default.fileExists(atPath: raw.path) {
                urls.append(raw)
            } else {
                missing.append(name + "[.gz]")
            }
        }

        guard missing.isEmpty else {
            self = .notFound(reason: "lacks " + missing.joined(separator: ", "))
            return
        }
        self = .found(
            IDXFileSet(
                trainingImages: urls[0], trainingLabels: urls[1], testImages: urls[2], testLabels: urls[3]))
    }
}
