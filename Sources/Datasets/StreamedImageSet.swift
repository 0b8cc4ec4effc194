import Foundation

/// Image files that are decoded into samples when they are read, through a shared `SampleCache`.
///
/// File `k` of `files` is cache key `k`. Decoding follows `ImageBatchDecoder.decode`, so a sample
/// read here equals the one `LoadedImageFolder` would hold in memory.
final class ImageFileStore: Sendable {
    /// The image files, indexed by key.
    let files: [URL]
    /// Channels per sample, 1 or 3.
    let channels: Int
    /// The size of every sample.
    let size: ImageSize
    /// The filter for images of another size.
    let method: ResizeMethod
    /// The decoded samples kept in memory.
    let cache: SampleCache

    /// Creates a store whose cache takes at most `cacheByteLimit` bytes, storing one byte per
    /// value when `cachesBytes` is true (every sample has only whole values in 0...255).
    init(
        files: [URL], channels: Int, size: ImageSize, method: ResizeMethod, cacheByteLimit: Int,
        cachesBytes: Bool
    ) {
        self.files = files
        self.channels = channels
        self.size = size
        self.method = method
        cache = SampleCache(
            byteLimit: cacheByteLimit, sampleSize: channels * size.height * size.width, keyCount: files.count,
            storesBytes: cachesBytes)
    }

    /// Writes the sample of file `key` to `destination`, from the cache or by decoding the file,
    /// and offers a decoded sample to the cache when `admits` is true.
    ///
    /// - Throws: `DatasetError.streamedImageUnreadable` when the file can no longer be decoded.
    func load(_ key: Int, into destination: UnsafeMutablePointer<Float>, admits: Bool) throws {
        if cache.copy(key, to: destination) { return }
        do {
            _ = try ImageBatchDecoder.decode(
                files[key], channels: channels, size: size, method: method, into: destination)
        } catch {
            throw DatasetError.streamedImageUnreadable(path: files[key].path, reason: error.reason)
        }
        if admits {
            cache.admit(key, from: destination)
        }
    }
}

/// Labeled images read from their files as batches need them, so that a data set larger than
/// memory can train with a bounded cache.
///
/// Samples are [C, H, W] with the values `LoadedImageFolder` gives, standardized when the set
/// carries a `Standardization`. Sets made from one loading share the files and the cache.
public struct StreamedImageSet: SampleSource {
    public let name: String
    public let sampleShape: [Int]
    public let labels: [Int32]
    public let classNames: [String]
    /// The files and the cache.
    let store: ImageFileStore
    /// The store key of each sample.
    let keys: [Int]
    /// Whether samples decoded for this set go into the cache. A test split, read once, does not
    /// take room from the splits read every epoch.
    let admitsToCache: Bool
    /// The statistics applied to each sample as it is read, with their group layout.
    private let standardization: (statistics: Standardization, layout: GroupLayout)?

    init(
        name: String, labels: [Int32], classNames: [String], store: ImageFileStore, keys: [Int],
        admitsToCache: Bool
    ) {
        precondition(labels.count == keys.count, "One store key per label.")
        self.name = name
        sampleShape = [store.channels, store.size.height, store.size.width]
        self.labels = labels
        self.classNames = classNames
        self.store = store
        self.keys = keys
        self.admitsToCache = admitsToCache
        standardization = nil
    }

    private init(
        _ base: StreamedImageSet, keys: [Int], labels: [Int32], admitsToCache: Bool,
        standardization: (statistics: Standardization, layout: GroupLayout)?
    ) {
        name = base.name
        sampleShape = base.sampleShape
        self.labels = labels
        classNames = base.classNames
        store = base.store
        self.keys = keys
        self.admitsToCache = admitsToCache
        self.standardization = standardization
    }

    /// The cache shared by every set of this loading.
    public var cache: SampleCache { store.cache }

    /// The image file of each sample.
    public var files: [URL] { keys.map { store.files[$0] } }

    /// Returns the set of the samples at `indices`, in that order, sharing files and cache.
    ///
    /// - Parameter admitsToCache: whether samples decoded for the new set go into the cache.
    public func subset(_ indices: [Int], admitsToCache: Bool = true) -> StreamedImageSet {
        StreamedImageSet(
            self, keys: indices.map { keys[$0] }, labels: indices.map { labels[$0] },
            admitsToCache: admitsToCache,
            standardization: standardization)
    }

    /// Returns this set with `statistics` applied to every sample it reads, after any it applied.
    ///
    /// - Throws: `DatasetError.standardizationMismatch` when the statistics do not fit the
    ///   sample shape, and `DatasetError.invalidDataset` when the set is already standardized.
    public func standardized(with statistics: Standardization) throws -> StreamedImageSet {
        guard statistics.mode != .none else { return self }
        guard standardization == nil else {
            throw DatasetError.invalidDataset(name: name, reason: "it is standardized already")
        }
        let layout = try GroupLayout(mode: statistics.mode, sampleShape: sampleShape, datasetName: name)
        try statistics.checkStatistics(fit: layout, name: name, sampleShape: sampleShape)
        return StreamedImageSet(
            self, keys: keys, labels: labels, admitsToCache: admitsToCache,
            standardization: (statistics, layout))
    }

    public func copySamples(at indices: [Int], to destination: UnsafeMutablePointer<Float>) throws {
        let size = sampleSize
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < count, "Sample index \(index) is outside 0..<\(count).")
            try store.load(keys[index], into: destination + row * size, admits: admitsToCache)
        }
        if let (statistics, layout) = standardization {
            statistics.standardize(destination, sampleCount: indices.count, layout: layout)
        }
    }
}
