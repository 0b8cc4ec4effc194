import TensorCore

/// The counts of files that an image folder loader read, skipped and ignored, for the run record.
public struct ImageFolderReport: Codable, Equatable, Sendable {
    /// An image file that was skipped because it could not be read or decoded.
    public struct SkippedFile: Codable, Equatable, Sendable {
        /// The file's path.
        public var path: String
        /// The reason reading or decoding failed.
        public var reason: String

        /// Creates an entry for a skipped file.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The folder that was loaded.
    public var folder: String
    /// The number of images loaded as samples.
    public var loadedImageCount: Int
    /// The number of unreadable image files skipped because `skipUnreadable` is true.
    public var skippedUnreadableCount: Int
    /// The unreadable image files that were skipped, in the order they were found.
    public var skippedUnreadableFiles: [SkippedFile]
    /// The number of files ignored because their name does not end in `.png`, `.jpg` or `.jpeg`, or
    /// because they lie directly in the top folder instead of a class folder.
    public var ignoredFileCount: Int
    /// Classes without samples, kept because `allowEmptyClasses` is true.
    public var emptyClasses: [String]
    /// The number of images whose channel count was converted (alpha dropped, RGB to gray, or gray
    /// to RGB).
    public var convertedImageCount: Int
    /// The number of images resized to the configured size.
    public var resizedImageCount: Int

    /// Creates a report from its counts.
    public init(
        folder: String, loadedImageCount: Int, skippedUnreadableFiles: [SkippedFile], ignoredFileCount: Int,
        emptyClasses: [String], convertedImageCount: Int, resizedImageCount: Int
    ) {
        self.folder = folder
        self.loadedImageCount = loadedImageCount
        self.skippedUnreadableCount = skippedUnreadableFiles.count
        self.skippedUnreadableFiles = skippedUnreadableFiles
        self.ignoredFileCount = ignoredFileCount
        self.emptyClasses = emptyClasses
        self.convertedImageCount = convertedImageCount
        self.resizedImageCount = resizedImageCount
    }

    /// The counts as a phrase, such as "18 images loaded, 1 unreadable skipped, 1 other file
    /// ignored"; counts of zero are left out, except the loaded images.
    public var countsDescription: String {
        func files(_ count: Int) -> String { count == 1 ? "file" : "files" }
        var counts = ["\(loadedImageCount.groupedDigits) images loaded"]
        if skippedUnreadableCount > 0 {
            counts.append("\(skippedUnreadableCount.groupedDigits) unreadable skipped")
        }
        if ignoredFileCount > 0 {
            counts.append("\(ignoredFileCount.groupedDigits) other \(files(ignoredFileCount)) ignored")
        }
        if convertedImageCount > 0 {
            counts.append("\(convertedImageCount.groupedDigits) changed in channel count")
        }
        if resizedImageCount > 0 {
            counts.append("\(resizedImageCount.groupedDigits) resized")
        }
        return counts.joined(separator: ", ")
    }
}
