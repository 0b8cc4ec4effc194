import Foundation

/// The official training set and test set of a data set, as its publisher split them, or the
/// whole data set when it has no official test set.
public struct TrainingAndTestSets: Equatable, Sendable {
    /// The official training set, which SwiftTune splits further into training and validation, or
    /// the whole data set when `test` is nil.
    public var training: Dataset
    /// The official test set, kept apart until the final evaluation, or nil when the data set has
    /// none, so that `PreparedData` carves a test split out of `training`.
    public var test: Dataset?
    /// The size of each sample's image file in `training` before resizing, where known (image
    /// folders), for the distribution check of the splits.
    public var trainingImageSizes: [ImageSize]?
    /// The size of each sample's image file in `test` before resizing, where known.
    public var testImageSizes: [ImageSize]?
    /// The loader's report of each image folder (files read, skipped and ignored), the training
    /// folder first; empty for other formats.
    public var imageFolderReports: [ImageFolderReport] = []

    /// Creates a pair from two data sets, or from a whole data set when `test` is nil.
    ///
    /// The image sizes, where given, must have one entry per sample of their set.
    public init(
        training: Dataset, test: Dataset?, trainingImageSizes: [ImageSize]? = nil,
        testImageSizes: [ImageSize]? = nil
    ) {
        precondition(
            trainingImageSizes == nil || trainingImageSizes?.count == training.count,
            "One image size per training sample.")
        precondition(
            testImageSizes == nil || testImageSizes?.count == test?.count, "One image size per test sample.")
        self.training = training
        self.test = test
        self.trainingImageSizes = trainingImageSizes
        self.testImageSizes = testImageSizes
    }

    /// Loads both sets from their IDX files.
    ///
    /// When `classNames` is nil, the classes are named "0", "1", ... up to the largest label found
    /// in either label file, so both sets get the same class list.
    ///
    /// - Throws: `DatasetError` for a missing, unreadable or malformed file, or a label out of range.
    public init(loading files: IDXFileSet, name: String, classNames: [String]?) throws {
        let trainingLabels = try IDXFile.readLabels(at: files.trainingLabels)
        let testLabels = try IDXFile.readLabels(at: files.testLabels)

        let names: [String]
        if let classNames {
            names = classNames
        } else {
            let largestLabel =
                [trainingLabels.maximumLabel(), testLabels.maximumLabel()].compactMap { $0 }.max() ?? 0
            names = (0...Int(largestLabel)).map(String.init)
        }

        let trainingImages = try IDXFile.readImages(at: files.trainingImages)
        training = try Dataset(images: trainingImages, labels: trainingLabels, name: name, classNames: names)
        let testImages = try IDXFile.readImages(at: files.testImages)
        let test = try Dataset(images: testImages, labels: testLabels, name: name, classNames: names)
        self.test = test

        guard training.sampleShape == test.sampleShape else {
            throw DatasetError.invalidDataset(
                name: name,
                reason: "training images have shape \(training.sampleShape) but test images have shape "
                    + "\(test.sampleShape), from \(files.trainingImages.path) and \(files.testImages.path)")
        }
    }
}
