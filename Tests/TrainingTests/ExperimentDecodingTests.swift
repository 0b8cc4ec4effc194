import Foundation
import TensorCore
import Testing

@testable import Training

@Suite("Experiment decoding errors")
struct ExperimentDecodingTests {
    static func experiment(epochs: String, batchSize: String = "32", learningRate: String = "0.01") -> Data {
        Data(
            """
            {"name": "decoding", "data": {"dataset": "mnist"}, "model": {"architecture": "mlp"},
             "training": {"epochs": \(epochs), "batchSize": \(batchSize),
                          "optimizer": {"kind": "sgd", "learningRate": \(learningRate)}}}
            """.utf8)
    }

    static func error(decoding data: Data) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try Experiment.decode(data) }
    }

    @Test(arguments: [("2.5", "2.5"), ("1e30", "1e+30"), ("99999999999999999999", "99999999999999999999")])
    func fractionOrHugeNumberInIntegerField(text: String, shown: String) {
        let error = Self.error(decoding: Self.experiment(epochs: text))
        #expect(error?.field == "training.epochs")
        #expect(error?.rule == "must be a whole number that fits a 64-bit integer")
        #expect(error?.value == shown)
    }

    @Test func fractionInNumberFieldIsNotBlamed() {
        // The learning rate is a fraction by right; the batch size is the field at fault.
        let error = Self.error(
            decoding: Self.experiment(epochs: "3", batchSize: "64.5", learningRate: "0.25"))
        #expect(error?.field == "training.batchSize")
        #expect(error?.value == "64.5")
    }

    @Test(arguments: [
        ("\"3\"", "a string"), ("true", "true or false"), ("[3]", "an array"), ("{}", "an object"),
    ])
    func wrongKindIsNamed(text: String, kind: String) {
        let error = Self.error(decoding: Self.experiment(epochs: text))
        #expect(error?.field == "training.epochs")
        #expect(error?.rule == "must be an integer")
        #expect(error?.value == kind)
    }

    @Test func fractionInsideAnArrayIsNamedWithItsIndex() {
        let data = Data(
            """
            {"name": "decoding",
             "data": {"dataset": "mnist"}, "model": {"architecture": "mlp", "unitsPerLayer": [64, 32.5]},
             "training": {"epochs": 1, "batchSize": 8, "optimizer": {"kind": "sgd", "learningRate": 0.1}}}
            """.utf8)
        let error = Self.error(decoding: data)
        #expect(error?.field == "model.unitsPerLayer[1]")
        #expect(error?.value == "32.5")
    }

    @Test func brokenJSONStaysAJSONError() {
        let error = Self.error(decoding: Data("{\"name\": ".utf8))
        #expect(error?.field == "JSON")
    }
}
