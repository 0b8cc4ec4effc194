import Foundation
import Testing

@testable import Datasets

/// The real data sets used by tests, and the sets loaded from them once per test run.
enum RealData {
    /// The folder containing `mnist/` and `fashion-mnist/`: `$SWIFTTUNE_TEST_DATA` when set, otherwise
    /// `shared/data` beside the package root.
    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["SWIFTTUNE_TEST_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        // This file is <package root>/Tests/DatasetsTests/RealDataTests.swift.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    /// A locator that looks only in `root`, apart from folders that do not exist.
    static var locator: DatasetLocator {
        DatasetLocator(
            explicitPath: root.path, environment: ["HOME": "/nonexistent"],
            systemDirectory: URL(fileURLWithPath: "/nonexistent"))
    }

    static let mnist = Result { try locator.load(.mnist) }
    static let fashionMNIST = Result { try locator.load(.fashionMNIST) }
}

// Expected values below were computed independently of SwiftTune with Python 3's gzip and struct
// modules: each label file was decompressed and its bytes after the 8-byte header counted, and
// image pixels were read at offset 16 + sample * 784 + row * 28 + column of the decompressed file.

@Suite("Real IDX data")
struct RealDataTests {
    @Test func mnistCountsAndShape() throws {
        let sets = try RealData.mnist.get()
        let test = try #require(sets.test)
        #expect(sets.training.count == 60_000)
        #expect(test.count == 10_000)
        #expect(sets.training.sampleShape == [1, 28, 28])
        #expect(test.sampleShape == [1, 28, 28])
        #expect(sets.training.features.count == 60_000 * 784)
        #expect(sets.training.name == "mnist")
        #expect(sets.training.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    }

    @Test func mnistLabelHistograms() throws {
        let sets = try RealData.mnist.get()
        let test = try #require(sets.test)
        #expect(
            sets.training.labelHistogram() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(test.labelHistogram() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    @Test func mnistFirstLabelsAndPixels() throws {
        let sets = try RealData.mnist.get()
        let test = try #require(sets.test)
        #expect(Array(sets.training.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(Array(test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])

        let first = Array(sets.training.features(ofSample: 0))
        #expect(first[14 * 28 + 14] == 240)
        #expect(first[5 * 28 + 12] == 3)
        #expect(first[5 * 28 + 13] == 18)
        #expect(first.reduce(0, +) == 27_525)
        #expect(Array(sets.training.features(ofSample: 59_999))[14 * 28 + 14] == 97)
        #expect(Array(test.features(ofSample: 9_999))[14 * 28 + 14] == 18)
        #expect(test.features(ofSample: 9_999).max() == 254)
    }

    @Test func mnistPixelSumsAndRange() throws {
        let sets = try RealData.mnist.get()
        let test = try #require(sets.test)
        // Sums of all pixel bytes, which a Double represents exactly.
        #expect(sets.training.features.reduce(0.0) { $0 + Double($1) } == 1_567_298_545)
        #expect(test.features.reduce(0.0) { $0 + Double($1) } == 264_923_200)
        #expect(sets.training.features.min() == 0)
        #expect(sets.training.features.max() == 255)
    }

    @Test func fashionMNISTCountsAndClasses() throws {
        let sets = try RealData.fashionMNIST.get()
        let test = try #require(sets.test)
        #expect(sets.training.count == 60_000)
        #expect(test.count == 10_000)
        #expect(sets.training.sampleShape == [1, 28, 28])
        #expect(sets.training.classNames[0] == "T-shirt/top")
        #expect(sets.training.classNames[9] == "Ankle boot")
        #expect(test.classNames == sets.training.classNames)
    }

    @Test func fashionMNISTLabelHistograms() throws {
        let sets = try RealData.fashionMNIST.get()
        let test = try #require(sets.test)
        #expect(sets.training.labelHistogram() == Array(repeating: 6_000, count: 10))
        #expect(test.labelHistogram() == Array(repeating: 1_000, count: 10))
    }

    @Test func fashionMNISTLabelsAndPixels() throws {
        let sets = try RealData.fashionMNIST.get()
        let test = try #require(sets.test)
        #expect(Array(sets.training.labels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(Array(test.labels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(Array(sets.training.features(ofSample: 0))[14 * 28 + 14] == 217)
        #expect(Array(sets.training.features(ofSample: 0))[3 * 28 + 16] == 73)
        #expect(Array(test.features(ofSample: 1))[14 * 28 + 14] == 234)
        #expect(sets.training.features.reduce(0.0) { $0 + Double($1) } == 3_431_114_169)
        #expect(test.features.reduce(0.0) { $0 + Double($1) } == 573_469_082)
    }

    @Test(
        "Debian's dataset-fashion-mnist package is found in /usr/share/datasets",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist")))
    func systemFashionMNIST() throws {
        let locator = DatasetLocator(environment: ["HOME": "/nonexistent"])
        let files = try locator.locate(.fashionMNIST)
        #expect(files.trainingImages.path == "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

        let sets = try locator.load(.fashionMNIST)
        #expect(sets.training.labels == (try RealData.fashionMNIST.get()).training.labels)
    }
}
