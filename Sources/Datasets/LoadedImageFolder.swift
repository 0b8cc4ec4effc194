import Foundation

/// A data set read from a folder of class folders of PNG and JPEG files, with what the loader
/// skipped and ignored.
///
/// The folder follows the layout that `ImageFolderScan` describes (torchvision's ImageFolder).
/// Samples come in the order of the scan, class after class, with shape [C, H, W] and values in
/// 0...255: 8-bit files keep their values, and 16-bit PNG values are divided by 257. Channels and
/// size follow `ImageOptions`. The EXIF orientation of a JPEG is not applied (stb_image does not read
/// it, and neither does Pillow's `Image.open`), so pixels keep the orientation they are stored in.
///
/// Files are decoded in parallel on `ComputeThreads.pool`, in two passes. The first reads only the
/// headers, so that the channel count is settled and sizes are checked before any pixel is decoded.
/// The second decodes, converts and resizes each image into its place in the feature array.
public struct LoadedImageFolder: Sendable {
    /// The images as samples, labeled by class folder.
    public var dataset: Dataset
    /// The counts of loaded, skipped and ignored files, for the run record.
    public var report: ImageFolderReport
    /// The size of each sample's image file before any resizing, indexed like the samples.
    public var originalSizes: [ImageSize]

    /// Loads every image below `folder`.
    ///
    /// - Parameters:
    ///   - folder: a folder with one subfolder per class.
    ///   - options: channel count, size, and how to treat unreadable files and empty classes.
    ///   - name: the data set's name; the folder's name when nil.
    /// - Throws: `DatasetError.unrecognizedDataFolder` when `folder` has no class folders, and
    ///   `.imageSizeMismatch` when no size is configured and two images differ in size. Unless the
    ///   options allow them, it throws `.emptyClassFolder` for a class without images and
    ///   `.unreadableImage` for a file that cannot be decoded.
    public init(loading folder: URL, options: ImageOptions = .defaults, name: String? = nil) throws {
        var index = try ImageFolderIndex(folder: folder, options: options, name: name)
        let decoding = ImageBatchDecoder(
            files: index.readableFiles, channels: index.channels, size: index.size,
            method: options.resizeMethod)
        decoding.run()
        let loaded = try index.finish(decoding, options: options)
        dataset = Dataset(
            uncheckedName: index.name, sampleShape: index.sampleShape,
            features: decoding.features(ofSlots: loaded.slots), labels: loaded.labels,
            classNames: index.scan.classNames)
        originalSizes = loaded.originalSizes
        report = loaded.report
    }
}

/// The image files of a folder in the ImageFolder layout with readable headers, and the channel
/// count and size their samples get: the part of loading that comes before any pixel is decoded.
///
/// `LoadedImageFolder` decodes the files into memory; `StreamedImageSets` only measures them and
/// decodes them again when batches need them.
struct ImageFolderIndex {
    /// The class folders and image files.
    let scan: ImageFolderScan
    /// The data set's name.
    let name: String
    /// The channel count of every sample.
    let channels: Int
    /// The size of every sample.
    let size: ImageSize
    /// The entry indices of the files whose headers were read, in scan order.
    let readable: [Int]
    /// The header of each entry, nil where it could not be read.
    private let headers: [ImageHeader?]
    /// The reason each skipped file was skipped, by entry index.
    private var skipped: [Int: String]

    /// Scans `folder`, reads every header, and settles the channel count and size.
    ///
    /// - Throws: the errors that `LoadedImageFolder.init(loading:options:name:)` documents, except
    ///   those of decoding pixels.
    init(folder: URL, options: ImageOptions, name: String?) throws {
        let scan = try ImageFolderScan(folder: folder)
        let name = name ?? folder.lastPathComponent
        let fileCounts = scan.entries.reduce(into: [Int](repeating: 0, count: scan.classFolders.count)) {
            $0[Int($1.label)] += 1
        }
        try Self.checkEmptyClasses(scan, sampleCounts: fileCounts, skipped: [], options: options)

        var skipped: [Int: String] = [:]
        let headers = try Self.readHeaders(scan, options: options, skipped: &skipped)
        let readable = scan.entries.indices.filter { headers[$0] != nil }
        guard let first = readable.first else {
            throw DatasetError.invalidDataset(
                name: name, reason: "its folder \(folder.path) has no readable image")
        }

        channels = options.channels ?? (readable.allSatisfy { headers[$0]!.channels <= 2 } ? 1 : 3)
        if let configured = options.size {
            size = configured
        } else {
            size = ImageSize(height: headers[first]!.height, width: headers[first]!.width)
            try Self.checkSameSize(readable.map { (scan.entries[$0].url.path, headers[$0]!) }, as: size)
        }
        self.scan = scan
        self.name = name
        self.headers = headers
        self.readable = readable
        self.skipped = skipped
    }

    /// The files to decode, one per readable entry.
    var readableFiles: [URL] { readable.map { scan.entries[$0].url } }

    /// The shape of every sample, [C, H, W].
    var sampleShape: [Int] { [channels, size.height, size.width] }

    /// The samples that loaded after `decoding` ran over `readableFiles`: their decoder slots,
    /// labels and original sizes, and the folder's report.
    struct LoadedSlots {
        var slots: [Int]
        var labels: [Int32]
        var originalSizes: [ImageSize]
        var report: ImageFolderReport
    }

    /// Takes the decoding failures into account and returns the samples that loaded.
    ///
    /// - Throws: `DatasetError.unreadableImage` for the first failure unless `skipUnreadable` is
    ///   set, and `DatasetError.emptyClassFolder` for a class left without samples unless empty
    ///   classes are allowed.
    mutating func finish(_ decoding: ImageBatchDecoder, options: ImageOptions) throws -> LoadedSlots {
        for (slot, reason) in decoding.failures.enumerated() {
            guard let reason else { continue }
            let path = scan.entries[readable[slot]].url.path
            guard options.skipUnreadable else {
                throw DatasetError.unreadableImage(path: path, reason: reason)
            }
            skipped[readable[slot]] = reason
        }

        let loadedSlots = decoding.failures.indices.filter { decoding.failures[$0] == nil }
        let loadedEntries = loadedSlots.map { readable[$0] }
        let labels = loadedEntries.map { scan.entries[$0].label }
        let sampleCounts = labels.reduce(into: [Int](repeating: 0, count: scan.classFolders.count)) {
            $0[Int($1)] += 1
        }
        try Self.checkEmptyClasses(
            scan, sampleCounts: sampleCounts, skipped: Array(skipped.keys), options: options)

        let report = ImageFolderReport(
            folder: scan.folder.path, loadedImageCount: loadedEntries.count,
            skippedUnreadableFiles: skipped.keys.sorted().map {
                ImageFolderReport.SkippedFile(path: scan.entries[$0].url.path, reason: skipped[$0]!)
            },
            ignoredFileCount: scan.ignoredFileCount,
            emptyClasses: scan.classNames.indices.filter { sampleCounts[$0] == 0 }.map {
                scan.classNames[$0]
            },
            convertedImageCount: loadedSlots.filter { decoding.wasConverted[$0] }.count,
            resizedImageCount: loadedSlots.filter { decoding.wasResized[$0] }.count)
        return LoadedSlots(
            slots: loadedSlots, labels: labels,
            originalSizes: loadedEntries.map {
                ImageSize(height: headers[$0]!.height, width: headers[$0]!.width)
            },
            report: report)
    }

    /// Reads every file's header in parallel. An unreadable header throws, unless `skipUnreadable`
    /// is set and it is recorded in `skipped` by entry index.
    private static func readHeaders(
        _ scan: ImageFolderScan, options: ImageOptions, skipped: inout [Int: String]
    )
        throws -> [ImageHeader?]
    {
        let count = scan.entries.count
        var headers = [ImageHeader?](repeating: nil, count: count)
        var failures = [String?](repeating: nil, count: count)
        headers.withUnsafeMutableBufferPointer { headerSlots in
            failures.withUnsafeMutableBufferPointer { failureSlots in
                concurrentForEach(count) { index in
                    var reason = ""
                    headerSlots[index] = ImageHeader.read(
                        atPath: scan.entries[index].url.path, failureReason: &reason)
                    if headerSlots[index] == nil { failureSlots[index] = reason }
                }
            }
        }
        for (index, reason) in failures.enumerated() {
            guard let reason else { continue }
            let path = scan.entries[index].url.path
            guard options.skipUnreadable else {
                throw DatasetError.unreadableImage(path: path, reason: reason)
            }
            skipped[index] = reason
        }
        return headers
    }

    /// Throws `DatasetError.imageSizeMismatch` for the first file whose size differs from `size`, the
    /// size of the first file.
    private static func checkSameSize(_ files: [(path: String, header: ImageHeader)], as size: ImageSize)
        throws
    {
        for file in files where file.header.height != size.height || file.header.width != size.width {
            throw DatasetError.imageSizeMismatch(
                path: file.path, size: ImageSize(height: file.header.height, width: file.header.width),
                referencePath: files[0].path, referenceSize: size)
        }
    }

    /// Throws `DatasetError.emptyClassFolder` for the first class without samples, unless empty
    /// classes are allowed. `skipped` contains the entry indices of skipped files.
    private static func checkEmptyClasses(
        _ scan: ImageFolderScan, sampleCounts: [Int], skipped: [Int], options: ImageOptions
    ) throws {
        guard !options.allowEmptyClasses, let label = sampleCounts.firstIndex(of: 0) else { return }
        let skippedCount = skipped.filter { scan.entries[$0].label == Int32(label) }.count
        throw DatasetError.emptyClassFolder(path: scan.classFolders[label].path, skippedCount: skippedCount)
    }
}
