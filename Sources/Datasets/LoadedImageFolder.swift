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
        let scan = try ImageFolderScan(folder: folder)
        let fileCounts = scan.entries.reduce(into: [Int](repeating: 0, count: scan.classFolders.count)) {
            $0[Int($1.label)] += 1
        }
        try Self.checkEmptyClasses(scan, sampleCounts: fileCounts, skipped: [], options: options)

        var skipped: [Int: String] = [:]
        let headers = try Self.readHeaders(scan, options: options, skipped: &skipped)
        let readable = scan.entries.indices.filter { headers[$0] != nil }
        guard let first = readable.first else {
            throw DatasetError.invalidDataset(
                name: name ?? folder.lastPathComponent,
                reason: "its folder \(folder.path) has no readable image")
        }

        let channels = options.channels ?? (readable.allSatisfy { headers[$0]!.channels <= 2 } ? 1 : 3)
        let size: ImageSize
        if let configured = options.size {
            size = configured
        } else {
            size = ImageSize(height: headers[first]!.height, width: headers[first]!.width)
            try Self.checkSameSize(readable.map { (scan.entries[$0].url.path, headers[$0]!) }, as: size)
        }

        let decoding = ImageBatchDecoder(
            files: readable.map { scan.entries[$0].url }, channels: channels, size: size,
            method: options.resizeMethod)
        decoding.run()
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

        dataset = Dataset(
            uncheckedName: name ?? folder.lastPathComponent,
            sampleShape: [channels, size.height, size.width],
            features: decoding.features(ofSlots: loadedSlots), labels: labels, classNames: scan.classNames)
        originalSizes = loadedEntries.map {
            ImageSize(height: headers[$0]!.height, width: headers[$0]!.width)
        }
        report = ImageFolderReport(
            folder: folder.path, loadedImageCount: loadedEntries.count,
            skippedUnreadableFiles: skipped.keys.sorted().map {
                ImageFolderReport.SkippedFile(path: scan.entries[$0].url.path, reason: skipped[$0]!)
            },
            ignoredFileCount: scan.ignoredFileCount,
            emptyClasses: scan.classNames.indices.filter { sampleCounts[$0] == 0 }.map {
                scan.classNames[$0]
            },
            convertedImageCount: loadedSlots.filter { decoding.wasConverted[$0] }.count,
            resizedImageCount: loadedSlots.filter { decoding.wasResized[$0] }.count)
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
