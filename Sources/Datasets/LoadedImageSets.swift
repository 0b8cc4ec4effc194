import Foundation

/// Image data loaded as a `DataConfiguration` with a `format` specifies: a training set, the
/// official test set where the data has one, and what the loader skipped.
public struct LoadedImageSets: Sendable {
    /// The official training set, or every image where the data has no official test set.
    public var training: Dataset
    /// The official test set, or nil where the data has none and a split plan must make one.
    public var test: Dataset?
    /// The size of each training sample's image file before resizing; nil for CIFAR files.
    public var trainingImageSizes: [ImageSize]?
    /// The size of each test sample's image file before resizing; nil without test set or for CIFAR.
    public var testImageSizes: [ImageSize]?
    /// The report of each image folder loaded, the training folder first; empty for CIFAR.
    public var reports: [ImageFolderReport]

    /// Creates image sets from their parts.
    public init(
        training: Dataset, test: Dataset? = nil, trainingImageSizes: [ImageSize]? = nil,
        testImageSizes: [ImageSize]? = nil, reports: [ImageFolderReport]
    ) {
        self.training = training
        self.test = test
        self.trainingImageSizes = trainingImageSizes
        self.testImageSizes = testImageSizes
        self.reports = reports
    }

    /// The training set and the official test set, where there is one, with their image sizes.
    public var sets: TrainingAndTestSets {
        var sets = TrainingAndTestSets(
            training: training, test: test, trainingImageSizes: trainingImageSizes,
            testImageSizes: testImageSizes)
        sets.imageFolderReports = reports
        return sets
    }
}

extension DataConfiguration {
    /// Loads the image data at `path` in the configured `format`.
    ///
    /// For `imageFolder`, when `path` contains both a `train` and a `test` folder, they are the
    /// official training and test sets, and must have the same class folders. Otherwise `path`
    /// itself is the folder of class folders, and there is no official test set. For `cifar`, see
    /// `TrainingAndTestSets.init(cifarFolder:cifar100Labels:)`; CIFAR-100 is labeled by its fine
    /// classes.
    ///
    /// - Throws: `DatasetError.invalidDataset` when the format is not an image format or the class folders of
    ///   `train` and `test` differ, and the errors of the loaders.
    public func loadImageSets() throws -> LoadedImageSets {
        let folder = URL(fileURLWithPath: NSString(string: path ?? "").expandingTildeInPath)
        switch format {
        case .idx, .csv:
            throw DatasetError.invalidDataset(
                name: dataset ?? folder.lastPathComponent,
                reason: "its format \(format.rawValue) is not an image format")
        case .cifar:
            let sets = try TrainingAndTestSets(cifarFolder: folder)
            return LoadedImageSets(training: sets.training, test: sets.test, reports: [])
        case .imageFolder:
            let pair = try loadFolderPair(options: images ?? .defaults) {
                try LoadedImageFolder(loading: $0, options: $1, name: $2)
            }
            return LoadedImageSets(
                training: pair.training.dataset, test: pair.test?.dataset,
                trainingImageSizes: pair.training.originalSizes, testImageSizes: pair.test?.originalSizes,
                reports: [pair.training.report] + (pair.test.map { [$0.report] } ?? []))
        }
    }

    /// Loads the image folder at `path` with `load`, as `loadImageSets()` describes: a `train`
    /// and a `test` folder with the same class folders, or one folder of class folders.
    ///
    /// - Parameter load: loads one folder with the options and the data set's name.
    /// - Returns: the training folder, and the test folder where there is one.
    /// - Throws: `DatasetError.invalidDataset` when `train` and `test` differ in sample shape or
    ///   class folders, and the errors of `load`.
    func loadFolderPair<Folder: ImageFolderContents>(
        options: ImageOptions, load: (URL, ImageOptions, String?) throws -> Folder
    ) throws -> (training: Folder, test: Folder?) {
        let folder = URL(fileURLWithPath: NSString(string: path ?? "").expandingTildeInPath)
        let trainingFolder = folder.appendingPathComponent("train")
        let testFolder = folder.appendingPathComponent("test")
        guard ImageFolderScan.isFolder(trainingFolder), ImageFolderScan.isFolder(testFolder) else {
            return (try load(folder, options, nil), nil)
        }

        let name = folder.lastPathComponent
        let training = try load(trainingFolder, options, name)
        // The test images get the training images' channel count even when the options leave
        // it to the files, because a gray test folder must not become a 1-channel test set.
        var testOptions = options
        testOptions.channels = training.sampleShape[0]
        let test = try load(testFolder, testOptions, name)
        guard test.sampleShape == training.sampleShape else {
            throw DatasetError.invalidDataset(
                name: name,
                reason: "the images of \(testFolder.path) have sample shape \(test.sampleShape), "
                    + "but those of \(trainingFolder.path) have \(training.sampleShape); set "
                    + "data.images.size to resize both to one size")
        }
        guard test.classNames == training.classNames else {
            throw DatasetError.invalidDataset(
                name: name,
                reason:
                    "the class folders of \(testFolder.path) (\(test.classNames.joined(separator: ", "))) "
                    + "differ from those of \(trainingFolder.path) "
                    + "(\(training.classNames.joined(separator: ", ")))")
        }
        return (training, test)
    }
}

/// The properties of a loaded folder that `DataConfiguration.loadFolderPair(options:load:)`
/// compares between a training and a test folder.
protocol ImageFolderContents {
    /// The shape of every sample, [C, H, W].
    var sampleShape: [Int] { get }
    /// The class names, indexed by label.
    var classNames: [String] { get }
}

extension LoadedImageFolder: ImageFolderContents {
    var sampleShape: [Int] { dataset.sampleShape }
    var classNames: [String] { dataset.classNames }
}
