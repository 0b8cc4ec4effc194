import Foundation

/// An image folder whose files were decoded once to check them and measure them, without keeping
/// their pixels: what `StreamedImageSets` needs to stream it.
struct MeasuredImageFolder: ImageFolderContents {
    /// The data set's name.
    var name: String
    /// The files that decoded, class after class.
    var files: [URL]
    /// The label of each file.
    var labels: [Int32]
    /// The class names, indexed by label.
    var classNames: [String]
    var sampleShape: [Int]
    /// The plane moments of each file's sample, for the distribution check.
    var moments: PlaneMoments
    /// The size of each file's image before resizing.
    var originalSizes: [ImageSize]
    /// The counts of loaded, skipped and ignored files.
    var report: ImageFolderReport
    /// Whether every sample has only whole values in 0...255, so that a byte stores each exactly.
    var hasByteValues: Bool

    /// Decodes every image below `folder` in parallel, as `LoadedImageFolder` does, and keeps what
    /// streaming needs instead of the pixels.
    ///
    /// - Throws: the errors of `LoadedImageFolder.init(loading:options:name:)`.
    init(measuring folder: URL, options: ImageOptions, name: String?) throws {
        var index = try ImageFolderIndex(folder: folder, options: options, name: name)
        let files = index.readableFiles
        let decoding = ImageBatchDecoder(
            files: files, channels: index.channels, size: index.size, method: options.resizeMethod,
            keepsFeatures: false)
        decoding.run()
        let loaded = try index.finish(decoding, options: options)
        self.name = index.name
        self.files = loaded.slots.map { files[$0] }
        labels = loaded.labels
        classNames = index.scan.classNames
        sampleShape = index.sampleShape
        moments = decoding.moments!.subset(loaded.slots)
        originalSizes = loaded.originalSizes
        report = loaded.report
        hasByteValues = loaded.slots.allSatisfy { decoding.hasByteValues[$0] }
    }
}

/// An image folder data set prepared for streaming: its training set (the `train` folder, or the
/// whole folder) and its official test set where it has one, read from the files through one
/// cache, with what the distribution check needs.
public struct StreamedImageSets: Sendable {
    /// The official training set, or every image where the data has no official test set.
    public var training: StreamedImageSet
    /// The official test set, or nil where the data has none. It does not admit samples to the
    /// cache.
    public var test: StreamedImageSet?
    /// The size of each training sample's image file before resizing.
    public var trainingImageSizes: [ImageSize]
    /// The size of each test sample's image file before resizing; nil without a test set.
    public var testImageSizes: [ImageSize]?
    /// The report of each folder loaded, the training folder first.
    public var reports: [ImageFolderReport]
    /// The plane moments of the training and test samples.
    let trainingMoments: PlaneMoments
    let testMoments: PlaneMoments?
}

extension DataConfiguration {
    /// Checks and measures the image folder at `path` for streaming, and returns its sets reading
    /// through a cache of `data.images.memoryLimitMB` mebibytes.
    ///
    /// Every file is decoded once here, in parallel, so that unreadable files are found (and
    /// skipped or reported, as `skipUnreadable` sets) before training, and so that the
    /// distribution check has its statistics. The layout rules are those of `loadImageSets()`.
    ///
    /// - Throws: `DatasetError.invalidDataset` when the format is not `imageFolder` or no memory
    ///   limit is set, and the errors of `loadImageSets()`.
    public func streamImageSets() throws -> StreamedImageSets {
        let options = images ?? .defaults
        let folderName = URL(fileURLWithPath: path ?? "").lastPathComponent
        guard format == .imageFolder, let memoryLimitMB = options.memoryLimitMB else {
            throw DatasetError.invalidDataset(
                name: dataset ?? folderName,
                reason: "only an image folder with data.images.memoryLimitMB set can be streamed")
        }
        let pair = try loadFolderPair(options: options) {
            try MeasuredImageFolder(measuring: $0, options: $1, name: $2)
        }
        let training = pair.training
        let testFiles = pair.test?.files ?? []
        let sampleSize = training.sampleShape.reduce(1, *)
        let store = ImageFileStore(
            files: training.files + testFiles, channels: training.sampleShape[0],
            size: ImageSize(height: training.sampleShape[1], width: training.sampleShape[2]),
            method: options.resizeMethod, cacheByteLimit: memoryLimitMB << 20,
            cachesBytes: training.hasByteValues && pair.test?.hasByteValues != false)
        precondition(store.cache.sampleSize == sampleSize, "The store's samples have the measured shape.")

        let trainingSet = StreamedImageSet(
            name: training.name, labels: training.labels, classNames: training.classNames, store: store,
            keys: Array(training.files.indices), admitsToCache: true)
        let testSet = pair.test.map { test in
            StreamedImageSet(
                name: test.name, labels: test.labels, classNames: test.classNames, store: store,
                keys: Array(training.files.count..<(training.files.count + testFiles.count)),
                admitsToCache: false)
        }
        return StreamedImageSets(
            training: trainingSet, test: testSet, trainingImageSizes: training.originalSizes,
            testImageSizes: pair.test?.originalSizes,
            reports: [training.report] + (pair.test.map { [$0.report] } ?? []),
            trainingMoments: training.moments, testMoments: pair.test?.moments)
    }
}
