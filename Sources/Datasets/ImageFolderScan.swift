import Foundation

/// The class folders and image files of a folder in the ImageFolder layout of torchvision: one
/// subfolder per class, named after the class.
///
/// Rules:
/// - Class names are the names of the subfolders, sorted by Unicode code points (as Python's
///   `sorted` does), and a class's label is its position in that order.
/// - Image files are those ending in `.png`, `.jpg` or `.jpeg` in any letter case, found at any
///   depth below a class folder, in code-point order of their relative paths.
/// - Names starting with "." are skipped: such folders are not classes and are not searched.
/// - Every other file is ignored and counted, including files directly in the top folder.
struct ImageFolderScan {
    /// One image file and the label of its class.
    struct Entry {
        var url: URL
        var label: Int32
    }

    /// The file name extensions read as images, in lower case.
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

    /// The folder that was scanned.
    var folder: URL
    /// The class folders, indexed by label.
    var classFolders: [URL]
    /// Every image file, class after class.
    var entries: [Entry]
    /// Files that were not read as images because of their extension or their place.
    var ignoredFileCount = 0

    /// The class names, indexed by label.
    var classNames: [String] { classFolders.map(\.lastPathComponent) }

    /// Lists the classes and image files below `folder`.
    ///
    /// - Throws: `DatasetError.fileNotFound` when `folder` does not exist, and
    ///   `DatasetError.unrecognizedDataFolder` when it is a file or has no class folders.
    init(folder: URL) throws {
        let path = folder.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.fileNotFound(path: path)
        }
        guard isDirectory.boolValue else {
            throw DatasetError.unrecognizedDataFolder(
                path: path, reason: "it is a file, but an image folder data set is a folder of class folders")
        }

        self.folder = folder
        classFolders = []
        entries = []
        for child in try Self.sortedChildren(of: folder) {
            if Self.isFolder(child) {
                classFolders.append(child)
            } else {
                ignoredFileCount += 1
            }
        }
        guard !classFolders.isEmpty else {
            throw DatasetError.unrecognizedDataFolder(
                path: path,
                reason: "it has no subfolders, but an image folder data set needs one subfolder per class "
                    + "with the images of that class")
        }

        for (label, classFolder) in classFolders.enumerated() {
            var visited: Set<String> = []
            try collectImages(in: classFolder, label: Int32(label), visited: &visited)
        }
    }

    /// Appends the image files below `folder` to `entries`, following folder links once each.
    private mutating func collectImages(in folder: URL, label: Int32, visited: inout Set<String>) throws {
        // A link back to a parent folder would otherwise make the walk endless.
        guard visited.insert(folder.resolvingSymlinksInPath().path).inserted else { return }
        for child in try Self.sortedChildren(of: folder) {
            if Self.isFolder(child) {
                try collectImages(in: child, label: label, visited: &visited)
            } else if Self.imageExtensions.contains(child.pathExtension.lowercased()) {
                entries.append(Entry(url: child, label: label))
            } else {
                ignoredFileCount += 1
            }
        }
    }

    /// Returns the entries of `folder` whose names do not start with ".", in code-point order.
    private static func sortedChildren(of folder: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw DatasetError.unreadableFile(path: folder.path, reason: error.localizedDescription)
        }
        return
            names
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            .map { folder.appendingPathComponent($0) }
    }

    /// Returns whether `url` is a folder, following a symbolic link to its target.
    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
