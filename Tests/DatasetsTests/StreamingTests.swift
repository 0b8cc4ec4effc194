import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Sample cache")
struct SampleCacheTests {
    @Test func capacityIsWholeSamplesUnderTheLimit() {
        // 3 values of 4 bytes per sample: 100 bytes hold 8 samples, capped by the 5 keys.
        #expect(SampleCache(byteLimit: 100, sampleSize: 3, keyCount: 20).capacity == 8)
        #expect(SampleCache(byteLimit: 100, sampleSize: 3, keyCount: 5).capacity == 5)
        #expect(SampleCache(byteLimit: 11, sampleSize: 3, keyCount: 5).capacity == 0)
    }

    @Test func admitsUntilFullAndNeverEvicts() {
        let cache = SampleCache(byteLimit: 2 * 2 * 4, sampleSize: 2, keyCount: 4)
        var out: [Float] = [0, 0]
        #expect(!cache.copy(3, to: &out))
        cache.admit(3, from: [30, 31])
        cache.admit(1, from: [10, 11])
        cache.admit(0, from: [0, 1])  // full: not stored
        cache.admit(3, from: [99, 99])  // already cached: unchanged
        #expect(cache.copy(3, to: &out))
        #expect(out == [30, 31])
        #expect(cache.copy(1, to: &out))
        #expect(out == [10, 11])
        #expect(!cache.copy(0, to: &out))
        #expect(
            cache.statistics
                == SampleCache.Statistics(
                    capacity: 2, cachedSamples: 2, cachedBytes: 16, bytesPerValue: 4, hits: 2, misses: 2))
    }

    @Test func byteStorageRoundTripsWholeValues() {
        let cache = SampleCache(byteLimit: 6, sampleSize: 3, keyCount: 3, storesBytes: true)
        #expect(cache.capacity == 2)
        cache.admit(2, from: [0, 128, 255])
        var out: [Float] = [-1, -1, -1]
        #expect(cache.copy(2, to: &out))
        #expect(out == [0, 128, 255])
        #expect(cache.statistics.cachedBytes == 3)
        #expect(cache.statistics.bytesPerValue == 1)
    }

    @Test func concurrentReadersAndWritersKeepSamplesWhole() {
        let keys = 2_000
        let cache = SampleCache(byteLimit: 1_000 * 64 * 4, sampleSize: 64, keyCount: keys)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var buffer = [Float](repeating: 0, count: 64)
            for key in stride(from: worker, to: keys, by: 8) {
                cache.admit(key, from: [Float](repeating: Float(key), count: 64))
                if cache.copy(key / 2, to: &buffer) {
                    precondition(buffer.allSatisfy { $0 == Float(key / 2) }, "torn sample \(key / 2)")
                }
            }
        }
        let statistics = cache.statistics
        #expect(statistics.cachedSamples == 1_000)
        var cachedCount = 0
        var buffer = [Float](repeating: 0, count: 64)
        for key in 0..<keys where cache.copy(key, to: &buffer) {
            #expect(buffer.allSatisfy { $0 == Float(key) })
            cachedCount += 1
        }
        #expect(cachedCount == 1_000)
    }
}

@Suite("Streaming image folders against loading them")
struct StreamingTests {
    static let cifar = CIFARJPEG.folder.path

    /// Prepares `configuration` in memory and streamed with `memoryLimitMB`.
    static func both(_ configuration: DataConfiguration, memoryLimitMB: Int, seed: UInt64 = 5) throws
        -> (memory: PreparedData, streamed: PreparedData)
    {
        var streaming = configuration
        var images = configuration.images ?? .defaults
        images.memoryLimitMB = memoryLimitMB
        streaming.images = images
        let memory = try PreparedData(
            sets: configuration.loadSets(), configuration: configuration, seed: seed)
        let streamed = try PreparedData(streaming: streaming, seed: seed)
        return (memory, streamed)
    }

    /// Checks that two preparations agree in split, statistics, warnings and every sample value.
    static func expectSame(_ memory: PreparedData, _ streamed: PreparedData) throws {
        #expect(streamed.split == memory.split)
        #expect(streamed.standardization == memory.standardization)
        #expect(streamed.warnings == memory.warnings)
        for (name, left, right) in [
            ("training", memory.training, streamed.training),
            ("validation", memory.validation, streamed.validation),
            ("test", memory.test, streamed.test),
        ] {
            #expect(right is StreamedImageSet, "\(name)")
            #expect(right.labels == left.labels, "\(name)")
            #expect(right.sampleShape == left.sampleShape, "\(name)")
            #expect(try allFeatures(right) == allFeatures(left), "\(name)")
        }
    }

    @Test func realCIFARFolderStreamsTheSameSamples() throws {
        let configuration = try DataConfiguration(
            format: .imageFolder, path: Self.cifar, split: SplitPlan(ratios: [80, 10, 10]),
            normalization: .perChannel)
        // The JPEG files decode to whole values in 0...255, so the cache keeps a byte per value:
        // 4 MiB hold 1,365 samples of 3 x 32 x 32 values, under a seventh of the 10,000 images.
        let (memory, streamed) = try Self.both(configuration, memoryLimitMB: 4)
        let cache = try #require(streamed.streamingCache)
        #expect(memory.streamingCache == nil)
        #expect(cache.bytesPerValue == 1)
        #expect(cache.capacity == 1_365)
        // Fitting the standardization read the 8,000 training samples in order and kept the first.
        let prepared = cache.statistics
        #expect(prepared.cachedSamples == 1_365)
        #expect(prepared.cachedBytes == 1_365 * 3 * 32 * 32)
        #expect(prepared.hits == 0)
        #expect(prepared.misses == 8_000)

        try Self.expectSame(memory, streamed)
        // Reading every split again: the first 1,365 training samples come from the cache, the
        // other 6,635 and the 1,000 validation samples are decoded again, and so is the test
        // split, which never enters the cache.
        let reread = cache.statistics
        #expect(reread.cachedSamples == 1_365)
        #expect(reread.hits == 1_365)
        #expect(reread.misses == 8_000 + 6_635 + 1_000 + 1_000)
    }

    @Test func officialTestFolderAndGrayResizedSamples() throws {
        let folder = try TemporaryFolder()
        for (index, (source, target)) in [
            ("airplane/0000.jpg", "train/a"), ("airplane/0001.jpg", "train/a"),
            ("airplane/0002.jpg", "train/a"),
            ("cat/0000.jpg", "train/b"), ("cat/0001.jpg", "train/b"), ("cat/0002.jpg", "train/b"),
            ("airplane/0003.jpg", "test/a"), ("cat/0003.jpg", "test/b"),
        ].enumerated() {
            try folder.write(CIFARJPEG.bytes(of: source), to: "\(target)/\(index).jpg")
        }
        let configuration = try DataConfiguration(
            format: .imageFolder, path: folder.url.path, split: SplitPlan(ratios: [2, 1]),
            normalization: .perFeature,
            images: ImageOptions(channels: 1, size: ImageSize(height: 20, width: 12), resizeMethod: .area))
        let (memory, streamed) = try Self.both(configuration, memoryLimitMB: 1)
        try Self.expectSame(memory, streamed)
        // Gray conversion and area resizing give fractions, which the cache keeps as `Float`.
        #expect(streamed.streamingCache?.bytesPerValue == 4)
        #expect(streamed.test.count == 2)
        #expect(streamed.training.sampleShape == [1, 20, 12])
    }

    @Test func unreadableFilesAreSkippedAsInMemory() throws {
        let folder = try ImageConversionTests.smallFolder()
        for index in 2..<6 {
            try folder.write(CIFARJPEG.bytes(of: "dog/000\(index).jpg"), to: "a/\(index).jpg")
            try folder.write(CIFARJPEG.bytes(of: "ship/000\(index).jpg"), to: "b/\(index).jpg")
        }
        let bytes = try CIFARJPEG.bytes(of: "dog/0000.jpg")
        let truncated = try folder.write(Array(bytes.prefix(bytes.count / 2)), to: "b/9.jpg")
        var configuration = try DataConfiguration(
            format: .imageFolder, path: folder.url.path, split: SplitPlan(ratios: [2, 1, 1]))

        var streaming = configuration
        streaming.images = try ImageOptions(memoryLimitMB: 1)
        let error = #expect(throws: DatasetError.self) { try PreparedData(streaming: streaming, seed: 1) }
        guard case .unreadableImage(let path, _) = error else {
            Issue.record("expected unreadableImage, got \(String(describing: error))")
            return
        }
        #expect(path == truncated.path)

        configuration.images = try ImageOptions(skipUnreadable: true)
        let (memory, streamed) = try Self.both(configuration, memoryLimitMB: 1)
        try Self.expectSame(memory, streamed)
        #expect(memory.training.count + memory.validation.count + memory.test.count == 12)
    }

    @Test func trainingLimitKeepsTheSameSamples() throws {
        let folder = try ImageConversionTests.smallFolder()
        for index in 2..<8 {
            try folder.write(CIFARJPEG.bytes(of: "dog/000\(index).jpg"), to: "a/\(index).jpg")
            try folder.write(CIFARJPEG.bytes(of: "ship/000\(index).jpg"), to: "b/\(index).jpg")
        }
        let configuration = try DataConfiguration(
            format: .imageFolder, path: folder.url.path, split: SplitPlan(ratios: [2, 1, 1]),
            normalization: .perChannel, trainingLimit: 8)
        let (memory, streamed) = try Self.both(configuration, memoryLimitMB: 1)
        try Self.expectSame(memory, streamed)
        #expect(streamed.training.count + streamed.validation.count == 8)
    }

    @Test func fileChangedAfterPreparationNamedInError() throws {
        let folder = try ImageConversionTests.smallFolder()
        for index in 2..<4 {
            try folder.write(CIFARJPEG.bytes(of: "dog/000\(index).jpg"), to: "a/\(index).jpg")
            try folder.write(CIFARJPEG.bytes(of: "ship/000\(index).jpg"), to: "b/\(index).jpg")
        }
        let configuration = try DataConfiguration(
            format: .imageFolder, path: folder.url.path, split: SplitPlan(ratios: [2, 1, 1]),
            images: ImageOptions(memoryLimitMB: 1))
        let streamed = try PreparedData(streaming: configuration, seed: 2)
        // The test split never enters the cache, so its files are read again.
        let test = try #require(streamed.test as? StreamedImageSet)
        try FileManager.default.removeItem(at: test.files[0])

        var buffer = [Float](repeating: 0, count: test.count * test.sampleSize)
        let error = #expect(throws: DatasetError.self) {
            try test.copySamples(at: Array(0..<test.count), to: &buffer)
        }
        guard case .streamedImageUnreadable(let path, _) = error else {
            Issue.record("expected streamedImageUnreadable, got \(String(describing: error))")
            return
        }
        #expect(path == test.files[0].path)
        #expect(error?.description.contains("changed during the run") == true)
    }

    @Test func memoryLimitIsCheckedAndOnlyForImageFolders() throws {
        for value in [0, -4] {
            let error = #expect(throws: ConfigurationError.self) { try ImageOptions(memoryLimitMB: value) }
            #expect(error?.field == "data.images.memoryLimitMB")
            #expect(error?.description.contains("\(value)") == true)
        }
        let configuration = try DataConfiguration(dataset: "mnist")
        #expect(throws: DatasetError.self) { try PreparedData(streaming: configuration, seed: 1) }
    }
}
