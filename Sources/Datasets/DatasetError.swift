import Foundation

/// An error raised while finding, reading, checking, splitting or standardizing a data set.
///
/// Each message is a whole sentence that names the file or data set, the rule that failed and the
/// values involved, and where the user can act, what to do next.
public enum DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A data file does not exist at `path`.
    case fileNotFound(path: String)
    /// A data file exists but the operating system failed to read it.
    case unreadableFile(path: String, reason: String)
    /// A file starts with the gzip magic bytes but zlib failed to decompress it.
    case corruptGzip(path: String, reason: String)
    /// An IDX file starts with another magic number than its role requires.
    case invalidMagicNumber(path: String, expected: UInt32, actual: UInt32)
    /// An IDX file is shorter than its fixed-size header.
    case truncatedHeader(path: String, expectedBytes: Int, actualBytes: Int)
    /// An IDX header declares a dimension that is zero or too large to load.
    case invalidHeader(path: String, reason: String)
    /// An IDX payload has another byte count than its header declares.
    ///
    /// `contents` describes the declaration, such as "60000 images of 28 x 28 pixels", and both
    /// byte counts exclude the header.
    case payloadSizeMismatch(path: String, contents: String, expectedBytes: Int, actualBytes: Int)
    /// An image file and its label file contain different numbers of samples.
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// A label file contains a label outside `0..<classCount`.
    case labelOutOfRange(path: String, sampleIndex: Int, label: Int, classCount: Int)
    /// No data set of this name is in the catalog.
    case unknownDataset(name: String, knownNames: [String])
    /// A named data set is in none of the searched folders.
    ///
    /// `searchedLocations` has one line per place looked at, with the reason it did not match,
    /// and `instructions` explains how to get the files.
    case datasetNotFound(name: String, searchedLocations: [String], instructions: String)
    /// A folder given as a data set path contains no files in a supported format.
    case unrecognizedDataFolder(path: String, reason: String)
    /// A class has too few samples to appear in both the training and the validation split.
    case classTooSmallToSplit(dataset: String, className: String, label: Int, sampleCount: Int)
    /// A class has too few samples to appear in each of the training, validation and test splits.
    case classTooSmallForTestSplit(dataset: String, className: String, label: Int, sampleCount: Int)
    /// A validation fraction outside the open interval (0, 1).
    case invalidValidationFraction(Double)
    /// Validation and test fractions that are not both positive with a sum below 1.
    case invalidSplitFractions(validation: Double, test: Double)
    /// A training limit that is not positive or exceeds the samples available.
    case invalidTrainingLimit(dataset: String, limit: Int, sampleCount: Int)
    /// A data set whose parts are inconsistent, or that cannot be used for the requested step.
    case invalidDataset(name: String, reason: String)
    /// Standardization statistics that do not match the sample shape of a data set.
    case standardizationMismatch(dataset: String, sampleShape: [Int], reason: String)
    /// A CSV file that cannot be read as a data set.
    ///
    /// `line` is the 1-based line number in the file and `column` the 1-based column number,
    /// each nil where the problem concerns the whole file or line. `columnName` is the column's
    /// header cell, where the file has a header.
    case invalidCSV(path: String, line: Int?, column: Int?, columnName: String?, reason: String)
    /// An image file that stb_image cannot open or decode, such as a truncated JPEG.
    case unreadableImage(path: String, reason: String)
    /// An image file of a streamed data set that decoded when the data was prepared but not when
    /// a batch needed it again.
    case streamedImageUnreadable(path: String, reason: String)
    /// An image whose size differs from the first image's, when no common size is configured.
    case imageSizeMismatch(path: String, size: ImageSize, referencePath: String, referenceSize: ImageSize)
    /// A class folder without any loadable image; `skippedCount` files in it were unreadable.
    case emptyClassFolder(path: String, skippedCount: Int)
    /// A file of fixed-size records, such as a CIFAR batch, that is empty or whose size is not a
    /// whole number of records.
    case invalidRecordFileSize(path: String, byteCount: Int, recordSize: Int)
    /// A class names file with another number of names than the data set has classes.
    case classNamesCountMismatch(path: String, nameCount: Int, expectedCount: Int)
    /// A class with fewer samples than the splits of a split plan, each of which it must appear in.
    case classTooSmallForSplits(dataset: String, className: String, sampleCount: Int, splitCount: Int)
    /// A split plan that the data set cannot satisfy, such as more validation samples than it has.
    case invalidSplitPlan(dataset: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "Data file \(path) was not found."
        case .unreadableFile(let path, let reason):
            return "Data file \(path) could not be read: \(reason)."
        case .corruptGzip(let path, let reason):
            return "Data file \(path) is not a valid gzip file: \(reason). Download it again."
        case .invalidMagicNumber(let path, let expected, let actual):
            return "IDX file \(path) starts with magic number \(actual) (\(Self.hex(actual))), "
                + "but this role requires \(expected) (\(Self.hex(expected))). "
                + "Check that the image and label files are not swapped."
        case .truncatedHeader(let path, let expectedBytes, let actualBytes):
            return "IDX file \(path) is truncated: its header needs \(expectedBytes) bytes, "
                + "but the file has \(actualBytes)."
        case .invalidHeader(let path, let reason):
            return "IDX file \(path) has an invalid header: \(reason)."
        case .payloadSizeMismatch(let path, let contents, let expectedBytes, let actualBytes):
            let problem = actualBytes < expectedBytes ? "is truncated" : "has extra bytes"
            return "IDX file \(path) \(problem): its header declares \(contents), which need "
                + "\(expectedBytes) bytes after the header, but the file has \(actualBytes)."
        case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            return "Image file \(imagesPath) contains \(imageCount) images and label file "
                + "\(labelsPath) contains \(labelCount) labels, but both must contain the same number."
        case .labelOutOfRange(let path, let sampleIndex, let label, let classCount):
            return "Label file \(path) has label \(label) at sample \(sampleIndex), "
                + "but labels must be in 0...\(classCount - 1) for \(classCount) classes."
        case .unknownDataset(let name, let knownNames):
            return "Data set \"\(name)\" is unknown. Known data sets: "
                + knownNames.joined(separator: ", ") + "."
        case .datasetNotFound(let name, let searchedLocations, let instructions):
            let places = searchedLocations.map { "  - \($0)" }.joined(separator: "\n")
            return "Data set \"\(name)\" was not found. Searched, in order:\n\(places)\n\(instructions)"
        case .unrecognizedDataFolder(let path, let reason):
            return "Data folder \(path) contains no supported data set: \(reason)."
        case .classTooSmallToSplit(let dataset, let className, let label, let sampleCount):
            return "Class \"\(className)\" (label \(label)) of data set \"\(dataset)\" has "
                + "\(sampleCount) sample\(sampleCount == 1 ? "" : "s"), but a stratified split "
                + "needs at least 2 per class so that each class appears in both training and validation."
        case .classTooSmallForTestSplit(let dataset, let className, let label, let sampleCount):
            return "Class \"\(className)\" (label \(label)) of data set \"\(dataset)\" has "
                + "\(sampleCount) sample\(sampleCount == 1 ? "" : "s"), but a stratified split into "
                + "training, validation and test needs at least 3 per class."
        case .invalidValidationFraction(let fraction):
            return "Validation fraction must be greater than 0 and less than 1, got \(fraction)."
        case .invalidSplitFractions(let validation, let test):
            return "Validation fraction \(validation) and test fraction \(test) must each be greater "
                + "than 0, and their sum must be less than 1."
        case .invalidTrainingLimit(let dataset, let limit, let sampleCount):
            return "Training limit \(limit) is invalid for data set \"\(dataset)\": it must be in "
                + "1...\(sampleCount), the number of training samples."
        case .invalidDataset(let name, let reason):
            return "Data set \"\(name)\" is invalid: \(reason)."
        case .standardizationMismatch(let dataset, let sampleShape, let reason):
            return "Standardization cannot be applied to data set \"\(dataset)\" with sample shape "
                + "\(sampleShape): \(reason)."
        case .invalidCSV(let path, let line, let column, let columnName, let reason):
            var location = "CSV file \(path)"
            if let line {
                location += ", line \(line)"
            }
            if let column {
                location += ", column \(column)"
                if let columnName {
                    location += " (\"\(columnName)\")"
                }
            }
            return "\(location): \(reason)."
        case .unreadableImage(let path, let reason):
            return "Image file \(path) could not be read: \(reason). Replace or remove the file, or set "
                + "data.images.skipUnreadable to true to skip unreadable files."
        case .streamedImageUnreadable(let path, let reason):
            return
                "Image file \(path) could not be read: \(reason). It was read when the data "
                + "was prepared, so it changed during the run; a streamed data set must stay unchanged "
                + "until the run ends."
        case .imageSizeMismatch(let path, let size, let referencePath, let referenceSize):
            return "Image file \(path) has \(size), but the first image, \(referencePath), has "
                + "\(referenceSize). Set data.images.size to resize every image to one size."
        case .emptyClassFolder(let path, let skippedCount):
            let content =
                skippedCount == 0
                ? "contains no PNG or JPEG file"
                : "contains no readable image (all \(skippedCount) image files were unreadable and skipped)"
            return "Class folder \(path) \(content), so its class cannot be trained on. Add images, "
                + "remove the folder, or set data.images.allowEmptyClasses to true to keep the class "
                + "without samples."
        case .invalidRecordFileSize(let path, let byteCount, let recordSize):
            if byteCount == 0 {
                return "Data file \(path) is empty, but it must hold at least one \(recordSize)-byte record."
            }
            return "Data file \(path) has \(byteCount) bytes, which is not a whole number of "
                + "\(recordSize)-byte records (\(byteCount / recordSize) records and "
                + "\(byteCount % recordSize) bytes left over). The file may be truncated: download it again."
        case .classNamesCountMismatch(let path, let nameCount, let expectedCount):
            return "Class names file \(path) lists \(nameCount) names, but the data set has "
                + "\(expectedCount) classes. Use the file that came with the data set, or remove it "
                + "to name the classes by number."
        case .classTooSmallForSplits(let dataset, let className, let sampleCount, let splitCount):
            return "Class \"\(className)\" of data set \"\(dataset)\" has \(sampleCount) "
                + "sample\(sampleCount == 1 ? "" : "s"), too few to appear in each of the \(splitCount) "
                + "splits. Add samples, or set data.split.allowSmallClasses to true to put all its samples "
                + "into training."
        case .invalidSplitPlan(let dataset, let reason):
            return "The split plan cannot be applied to data set \"\(dataset)\": \(reason)."
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
