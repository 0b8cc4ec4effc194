import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Data configuration")
struct DataConfigurationTests {
    /// An experiment wrapper, so that field paths start with `data` as in a real experiment file.
    struct Experiment: Decodable {
        var data: DataConfiguration
    }

    /// Decodes `{"data": <json>}` and returns the configuration.
    func decode(_ json: String) throws -> DataConfiguration {
        try JSONDecoder().decode(Experiment.self, from: Data("{\"data\": \(json)}".utf8)).data
    }

    /// Decodes `{"data": <json>}` and returns the `ConfigurationError` it throws.
    func decodingError(_ json: String) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try decode(json) }
    }

    @Test func defaultsApply() throws {
        let configuration = try decode(#"{"dataset": "mnist"}"#)
        #expect(configuration.dataset == "mnist")
        #expect(configuration.path == nil)
        #expect(configuration.validationFraction == 0.1)
        #expect(configuration.normalization == .global)
        #expect(configuration.trainingLimit == nil)
    }

    @Test func documentedExampleDecodes() throws {
        let configuration = try decode(
            #"{"dataset": "fashion-mnist", "validationFraction": 0.1, "normalization": "global", "trainingLimit": 5000}"#
        )
        #expect(try configuration == DataConfiguration(dataset: "fashion-mnist", trainingLimit: 5_000))
    }

    @Test func allFieldsDecode() throws {
        let configuration = try decode(
            #"{"path": "/tmp/digits", "validationFraction": 0.25, "normalization": "perFeature", "trainingLimit": 100}"#
        )
        #expect(configuration.path == "/tmp/digits")
        #expect(configuration.dataset == nil)
        #expect(configuration.validationFraction == 0.25)
        #expect(configuration.normalization == .perFeature)
        #expect(configuration.trainingLimit == 100)
    }

    @Test func unknownFieldNamed() {
        let error = decodingError(#"{"dataset": "mnist", "validationFracton": 0.2}"#)
        #expect(error?.field == "data.validationFracton")
        #expect(error?.rule.hasPrefix("is not a known field") == true)
        #expect(error?.description.contains("validationFraction") == true)
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.2])
    func validationFractionOutOfRange(fraction: Double) {
        let error = decodingError(#"{"dataset": "mnist", "validationFraction": \#(fraction)}"#)
        #expect(
            error
                == ConfigurationError(
                    field: "data.validationFraction", rule: "must be greater than 0 and less than 1",
                    value: "\(fraction)"))
    }

    @Test func unknownDatasetName() {
        let error = decodingError(#"{"dataset": "cifar-100"}"#)
        #expect(
            error
                == ConfigurationError(
                    field: "data.dataset", rule: "must be one of mnist, fashion-mnist", value: "\"cifar-100\""
                ))
    }

    @Test func unknownNormalizationMode() {
        let error = decodingError(#"{"dataset": "mnist", "normalization": "perPixel"}"#)
        #expect(
            error
                == ConfigurationError(
                    field: "data.normalization", rule: "must be one of global, perFeature, perChannel, none",
                    value: "\"perPixel\""))
    }

    @Test func missingDatasetAndPath() {
        let error = decodingError(#"{"validationFraction": 0.2}"#)
        #expect(error?.field == "data.dataset")
        #expect(error?.rule.contains("and so is path") == true)
    }

    @Test func emptyPathRejected() {
        let error = decodingError(#"{"path": ""}"#)
        #expect(error?.field == "data.path")
    }

    @Test func trainingLimitMustBePositive() {
        let error = decodingError(#"{"dataset": "mnist", "trainingLimit": 0}"#)
        #expect(
            error == ConfigurationError(field: "data.trainingLimit", rule: "must be at least 1", value: "0"))
    }

    @Test func initializerValidates() {
        let error = #expect(throws: ConfigurationError.self) {
            try DataConfiguration(dataset: "mnist", validationFraction: 1.5)
        }
        #expect(error?.field == "data.validationFraction")
    }

    @Test func encodingRoundTrips() throws {
        let configuration = try DataConfiguration(dataset: "mnist", normalization: .none, trainingLimit: 10)
        let json = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(DataConfiguration.self, from: json) == configuration)
    }

    @Test func pathSearchedForNamedSet() throws {
        let configuration = try DataConfiguration(dataset: "mnist", path: RealData.root.path)
        let empty = DatasetLocator(
            environment: ["HOME": "/nonexistent"], systemDirectory: URL(fileURLWithPath: "/nonexistent"))
        let sets = try configuration.loadSets(using: empty)
        #expect(sets.training.count == 60_000)
    }

    @Test func pathAloneLoadsFolder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeIDXDataset(in: "custom", labels: [1, 0, 1, 0, 1, 0])
        let sets = try DataConfiguration(path: path.path).loadSets()
        #expect(sets.training.classNames == ["0", "1"])
        #expect(sets.training.count == 6)
    }
}
