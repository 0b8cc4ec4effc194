import Foundation
import Testing

@testable import Datasets

// Expected pixels of the real CIFAR-10 JPEG files were computed independently of SwiftTune with
// Python 3, Pillow 13.0.0 (libjpeg-turbo) and NumPy, as `numpy.asarray(Image.open(path).convert("RGB"))`
// indexed at [y, x]. Gray values are 0.299 R + 0.587 G + 0.114 B of those pixels in float64, and
// area means are the means of 2 x 2 blocks of them. stb_image and libjpeg-turbo use different inverse DCT
// rounding and chroma upsampling, so their pixels differ: over all 30,720,000 values of the
// folder, 94.9 % were equal, 99.99 % within 2 levels, and the largest difference was 3 (compared
// with a throwaway C program linked against Debian's libstb). Pixel checks therefore allow 3 levels,
// and channel means, where the differences mostly cancel, allow 0.25.

/// Returns value (channel, y, x) of `sample` in a data set of [C, H, W] samples.
func pixel(_ dataset: Dataset, sample: Int, channel: Int, y: Int, x: Int) -> Float {
    let shape = dataset.sampleShape
    return dataset.features[sample * dataset.sampleSize + (channel * shape[1] + y) * shape[2] + x]
}

/// Returns the mean of channel `channel` over all samples of a data set of [C, H, W] samples.
func channelMean(_ dataset: Dataset, channel: Int) -> Double {
    let plane = dataset.sampleShape[1] * dataset.sampleShape[2]
    var sum = 0.0
    for sample in 0..<dataset.count {
        let start = sample * dataset.sampleSize + channel * plane
        for offset in start..<(start + plane) {
            sum += Double(dataset.features[offset])
        }
    }
    return sum / Double(dataset.count * plane)
}

@Suite("Image folders: real CIFAR-10 JPEG files")
struct RealImageFolderTests {
    @Test func countsClassesAndShape() throws {
        let loaded = try CIFARJPEG.loaded.get()
        let dataset = loaded.dataset
        #expect(dataset.count == 10_000)
        #expect(dataset.sampleShape == [3, 32, 32])
        #expect(
            dataset.classNames == [
                "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
            ])
        #expect(dataset.labelHistogram() == Array(repeating: 1_000, count: 10))
        #expect(dataset.name == "test")
        #expect(loaded.originalSizes.allSatisfy { $0 == ImageSize(height: 32, width: 32) })
        #expect(loaded.report.loadedImageCount == 10_000)
        #expect(loaded.report.skippedUnreadableCount == 0)
        #expect(loaded.report.ignoredFileCount == 0)
        #expect(loaded.report.convertedImageCount == 0)
        #expect(loaded.report.resizedImageCount == 0)
    }

    @Test(arguments: [
        // (sample, y, x, Pillow's RGB): samples are class-major, 1,000 per class, in file name order.
        (0, 0, 0, [141, 159, 179]),  // airplane/0000.jpg
        (0, 15, 16, [204, 199, 219]),
        (0, 31, 31, [49, 72, 64]),
        (3_000, 0, 0, [167, 107, 47]),  // cat/0000.jpg
        (3_000, 15, 16, [132, 116, 117]),
        (3_000, 31, 31, [27, 79, 129]),
        (6_500, 15, 16, [146, 108, 99]),  // frog/0500.jpg
        (9_999, 0, 0, [255, 255, 246]),  // truck/0999.jpg
        (9_999, 31, 31, [113, 94, 90]),
    ])
    func pixelsMatchPillow(sample: Int, y: Int, x: Int, expected: [Int]) throws {
        let dataset = try CIFARJPEG.loaded.get().dataset
        for channel in 0..<3 {
            let value = pixel(dataset, sample: sample, channel: channel, y: y, x: x)
            #expect(abs(value - Float(expected[channel])) <= 3, "channel \(channel)")
        }
    }

    @Test func channelMeansMatchPillow() throws {
        let dataset = try CIFARJPEG.loaded.get().dataset
        // Pillow's means over all 10,000 images.
        let expected = [125.98676162, 123.69121729, 114.8474124]
        for channel in 0..<3 {
            #expect(
                abs(channelMean(dataset, channel: channel) - expected[channel]) < 0.25, "channel \(channel)")
        }
    }
}

@Suite("Image folders: conversion of real JPEG files")
struct ImageConversionTests {
    /// Copies four real CIFAR JPEG files into two class folders of a temporary folder.
    static func smallFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (source, target) in [
            ("airplane/0000.jpg", "a/0.jpg"), ("cat/0000.jpg", "a/1.jpg"),
            ("frog/0500.jpg", "b/0.jpg"), ("truck/0999.jpg", "b/1.jpg"),
        ] {
            try folder.write(CIFARJPEG.bytes(of: source), to: target)
        }
        return folder
    }

    @Test func grayUsesBT601Weights() throws {
        let folder = try Self.smallFolder()
        let loaded = try LoadedImageFolder(loading: folder.url, options: ImageOptions(channels: 1))
        let dataset = loaded.dataset
        #expect(dataset.sampleShape == [1, 32, 32])
        #expect(loaded.report.convertedImageCount == 4)
        // (sample, y, x, gray from Pillow's RGB): airplane, cat, frog, truck.
        let expected: [(Int, Int, Int, Float)] = [
            (0, 0, 0, 155.898), (0, 15, 16, 202.775), (1, 0, 0, 118.1), (1, 15, 16, 120.898),
            (2, 0, 0, 58.893), (2, 15, 16, 118.336), (3, 0, 0, 253.974), (3, 15, 16, 59.803),
        ]
        for (sample, y, x, gray) in expected {
            #expect(
                abs(pixel(dataset, sample: sample, channel: 0, y: y, x: x) - gray) <= 3, "sample \(sample)")
        }
    }

    @Test func areaResizeAveragesBlocks() throws {
        let folder = try Self.smallFolder()
        let options = try ImageOptions(size: ImageSize(height: 16, width: 16), resizeMethod: .area)
        let loaded = try LoadedImageFolder(loading: folder.url, options: options)
        #expect(loaded.dataset.sampleShape == [3, 16, 16])
        #expect(loaded.report.resizedImageCount == 4)
        #expect(loaded.originalSizes == Array(repeating: ImageSize(height: 32, width: 32), count: 4))
        // Output pixel (7, 9) is the mean of source rows 14-15 and columns 18-19.
        let expected: [[Float]] = [
            [201.25, 201.75, 221.75], [115.75, 108.0, 104.5], [159.5, 121.5, 111.75], [205.75, 189.0, 176.5],
        ]
        for sample in 0..<4 {
            for channel in 0..<3 {
                let value = pixel(loaded.dataset, sample: sample, channel: channel, y: 7, x: 9)
                #expect(abs(value - expected[sample][channel]) <= 3, "sample \(sample) channel \(channel)")
            }
        }
    }

    @Test func truncatedJPEGNamedInError() throws {
        let folder = try Self.smallFolder()
        let bytes = try CIFARJPEG.bytes(of: "dog/0000.jpg")
        let truncated = try folder.write(Array(bytes.prefix(bytes.count / 2)), to: "b/2.jpg")

        let error = #expect(throws: DatasetError.self) { try LoadedImageFolder(loading: folder.url) }
        guard case .unreadableImage(let path, let reason) = error else {
            Issue.record("expected unreadableImage, got \(String(describing: error))")
            return
        }
        #expect(path == truncated.path)
        #expect(reason.contains("stb_image"))
        #expect(error?.description.contains("skipUnreadable") == true)
    }

    @Test func truncatedJPEGSkippedAndCounted() throws {
        let folder = try Self.smallFolder()
        let bytes = try CIFARJPEG.bytes(of: "dog/0000.jpg")
        let truncated = try folder.write(Array(bytes.prefix(bytes.count / 2)), to: "b/2.jpg")
        // A header cut short fails in the first pass, before any pixel is decoded.
        let headerless = try folder.write(Array(bytes.prefix(10)), to: "a/2.jpg")

        let loaded = try LoadedImageFolder(loading: folder.url, options: ImageOptions(skipUnreadable: true))
        #expect(loaded.dataset.count == 4)
        #expect(loaded.dataset.labels == [0, 0, 1, 1])
        #expect(loaded.report.skippedUnreadableCount == 2)
        #expect(loaded.report.skippedUnreadableFiles.map(\.path) == [headerless.path, truncated.path])
        // The samples after the skipped file keep their own pixels: truck/0999.jpg at (0, 0).
        #expect(abs(pixel(loaded.dataset, sample: 3, channel: 2, y: 0, x: 0) - 246) <= 3)
    }
}
