import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Data configuration: image formats and split plans")
struct ImageConfigurationTests {
    func decode(_ json: String) throws -> DataConfiguration {
        try DataConfigurationTests().decode(json)
    }

    func decodingError(_ json: String) -> ConfigurationError? {
        DataConfigurationTests().decodingError(json)
    }

    @Test func imageFolderExampleDecodes() throws {
        let configuration = try decode(
            #"""
            {"path": "/data/flowers", "format": "imageFolder",
             "images": {"channels": 1, "size": [64, 48], "resizeMethod": "area", "skipUnreadable": true},
             "split": {"ratios": [70, 15, 15]}}
            """#)
        #expect(configuration.format == .imageFolder)
        #expect(configuration.images?.channels == 1)
        #expect(configuration.images?.size == ImageSize(height: 64, width: 48))
        #expect(configuration.images?.resizeMethod == .area)
        #expect(configuration.images?.skipUnreadable == true)
        #expect(configuration.images?.allowEmptyClasses == false)
        #expect(configuration.split == (try SplitPlan(ratios: [70, 15, 15])))
    }

    @Test func squareSizeFromOneInteger() throws {
        let configuration = try decode(#"{"path": "/d", "format": "imageFolder", "images": {"size": 32}}"#)
        #expect(configuration.images?.size == ImageSize(height: 32, width: 32))
    }

    @Test(arguments: [
        (#"[32.5, 32]"#, "[32.5, 32]"), (#"[32, 32, 3]"#, "[32, 32, 3]"), (#""large""#, "\"large\""),
    ])
    func badSizeShowsTheValue(json: String, expectedValue: String) {
        let error = decodingError(
            #"{"path": "/d", "format": "imageFolder", "images": {"size": "# + json + "}}")
        #expect(error?.field == "data.images.size")
        #expect(error?.value == expectedValue)
    }

    @Test func countsPlanDecodes() throws {
        let configuration = try decode(
            #"{"path": "/d", "format": "cifar", "split": {"validationCount": 5000, "allowSmallClasses": true}}"#
        )
        #expect(configuration.split == (try SplitPlan(validationCount: 5_000, allowSmallClasses: true)))
        #expect(configuration.split?.hasTestSplit == false)
    }

    @Test(arguments: [
        (#"{"path": "/d", "format": "folder"}"#, "data.format"),
        (#"{"path": "/d", "format": "imageFolder", "images": {"channels": 2}}"#, "data.images.channels"),
        (#"{"path": "/d", "format": "imageFolder", "images": {"size": [0, 4]}}"#, "data.images.size"),
        (#"{"path": "/d", "format": "imageFolder", "images": {"size": [1, 2, 3]}}"#, "data.images.size"),
        (
            #"{"path": "/d", "format": "imageFolder", "images": {"resizeMethod": "cubic"}}"#,
            "data.images.resizeMethod"
        ),
        (
            #"{"path": "/d", "format": "imageFolder", "images": {"skipUnreadible": true}}"#,
            "data.images.skipUnreadible"
        ),
        (#"{"path": "/d", "images": {}}"#, "data.images"),
        (#"{"path": "/d", "format": "cifar", "images": {}}"#, "data.images"),
        (#"{"format": "cifar"}"#, "data.path"),
        (#"{"dataset": "mnist", "path": "/d", "format": "cifar"}"#, "data.dataset"),
        (#"{"dataset": "mnist", "split": {"ratios": [80]}}"#, "data.split.ratios"),
        (#"{"dataset": "mnist", "split": {"ratios": [80, -20]}}"#, "data.split.ratios"),
        (#"{"dataset": "mnist", "split": {"ratios": [80, 20], "testCount": 5}}"#, "data.split.ratios"),
        (#"{"dataset": "mnist", "split": {"validationCount": 0}}"#, "data.split.validationCount"),
        (#"{"dataset": "mnist", "split": {"validationCount": 9, "testCount": -1}}"#, "data.split.testCount"),
        (#"{"dataset": "mnist", "split": {"testCount": 9}}"#, "data.split.ratios"),
        (#"{"dataset": "mnist", "split": {"ratios": [8, 2]}, "validationFraction": 0.2}"#, "data.split"),
        (
            #"{"format": "csv", "path": "t.csv", "split": {"ratios": [8, 1, 1]}, "testFraction": 0.1}"#,
            "data.split"
        ),
        (#"{"format": "csv", "path": "t.csv", "split": {"ratios": [8, 2]}}"#, "data.split"),
        (#"{"dataset": "mnist", "split": {"ratios": [8, 1, 1]}}"#, "data.split"),
        (
            #"{"format": "cifar", "path": "/d", "split": {"validationCount": 5, "testCount": 5}}"#,
            "data.split"
        ),
        (#"{"format": "cifar", "path": "/d", "testFraction": 0.1}"#, "data.testFraction"),
    ])
    func invalidFieldNamed(json: String, field: String) {
        #expect(decodingError(json)?.field == field)
    }

    @Test func encodingRoundTrips() throws {
        let configuration = try DataConfiguration(
            format: .imageFolder, path: "/d", split: SplitPlan(validationCount: 10, testCount: 20),
            images: ImageOptions(channels: 3, size: ImageSize(height: 8, width: 16), allowEmptyClasses: true))
        let json = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(DataConfiguration.self, from: json) == configuration)
        #expect(String(decoding: json, as: UTF8.self).contains("validationFraction") == false)
    }

    /// Writes one small gray PNG file at each of `paths` in a new temporary folder.
    func folder(withImagesAt paths: [String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for path in paths {
            try folder.write(ImageFolderLayoutTests.gray, to: path)
        }
        return folder
    }

    @Test func trainAndTestFoldersLoad() throws {
        let folder = try folder(withImagesAt: [
            "train/cat/1.png", "train/dog/1.png", "train/dog/2.png", "test/cat/1.png", "test/dog/1.png",
        ])

        let configuration = try DataConfiguration(format: .imageFolder, path: folder.url.path)
        let sets = try configuration.loadSets()
        #expect(sets.training.labels == [0, 1, 1])
        #expect(sets.test?.labels == [0, 1])
        #expect(sets.training.name == folder.url.lastPathComponent)
        #expect(try configuration.loadImageSets().reports.count == 2)
    }

    @Test func mismatchedTestClassesRejected() throws {
        let folder = try folder(withImagesAt: [
            "train/cat/1.png", "train/dog/1.png", "test/cat/1.png", "test/emu/1.png",
        ])

        let error = #expect(throws: DatasetError.self) {
            try DataConfiguration(format: .imageFolder, path: folder.url.path).loadImageSets()
        }
        #expect(error?.description.contains("(cat, emu)") == true)
    }

    @Test func poolWithoutTestSet() throws {
        let folder = try folder(withImagesAt: ["cat/1.png"])
        let configuration = try DataConfiguration(format: .imageFolder, path: folder.url.path)

        let sets = try configuration.loadImageSets()
        #expect(sets.test == nil)
        #expect(sets.training.count == 1)
        #expect(sets.trainingImageSizes == [ImageSize(height: 2, width: 2)])
        #expect(try configuration.loadSets().test == nil)
    }

    @Test func poolGetsCarvedTestSplit() throws {
        let folder = try folder(withImagesAt: (1...5).flatMap { ["cat/\($0).png", "dog/\($0).png"] })
        let configuration = try DataConfiguration(
            format: .imageFolder, path: folder.url.path, split: SplitPlan(ratios: [60, 20, 20]),
            normalization: .none)

        let prepared = try PreparedData(sets: configuration.loadSets(), configuration: configuration, seed: 3)
        #expect(prepared.training.labelHistogram() == [3, 3])
        #expect(prepared.validation.labelHistogram() == [1, 1])
        #expect(prepared.test.labelHistogram() == [1, 1])
        let testIndices = try #require(prepared.split.testIndices)
        let all = prepared.split.trainingIndices + prepared.split.validationIndices + testIndices
        #expect(all.sorted() == Array(0..<10))
    }

    @Test func poolTooSmallToCarveTestSplit() throws {
        let folder = try folder(withImagesAt: ["cat/1.png", "cat/2.png", "dog/1.png", "dog/2.png"])
        let configuration = try DataConfiguration(format: .imageFolder, path: folder.url.path)

        let error = #expect(throws: DatasetError.self) {
            try PreparedData(sets: configuration.loadSets(), configuration: configuration, seed: 1)
        }
        #expect(error?.description.contains("too few to appear in each of the 3 splits") == true)
    }

    @Test func cifarFormatLoads() throws {
        let folder = try TemporaryFolder()
        try folder.write(CIFARBytes.record(labels: [4], seed: 0), to: "data_batch_1.bin")
        try folder.write(CIFARBytes.record(labels: [2], seed: 0), to: "test_batch.bin")

        let sets = try DataConfiguration(format: .cifar, path: folder.url.path).loadSets()
        #expect(sets.training.labels == [4])
        #expect(sets.test?.labels == [2])
    }
}
