import Foundation
import TensorCore
import Testing

@testable import NeuralNetwork

@Suite("Model specification")
struct ModelSpecificationTests {
    func decode(_ json: String) throws -> ModelSpecification {
        do {
            return try JSONDecoder().decode(ModelSpecification.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw ConfigurationError(error)
        }
    }

    func message(_ json: String) -> String {
        do {
            _ = try decode(json)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func mlpBuilderShapes() throws {
        let specification = try decode(
            #"{"architecture": "mlp", "depth": 2, "units": 16, "dropout": 0.1, "batchNorm": true}"#)
        let model = try specification.makeModel(inputShape: [1, 4, 4], classCount: 3, seed: 1)
        #expect(
            model.layers.map(\.name) == [
                "flatten1", "dense1", "batchNorm1", "relu1", "dropout1", "dense2", "batchNorm2", "relu2",
                "dropout2", "classifier",
            ])
        #expect(model.parameterCount == (16 * 16 + 16) + 32 + (16 * 16 + 16) + 32 + (16 * 3 + 3))
    }

    @Test func cnnBuilderShapes() throws {
        let specification = try decode(
            #"{"architecture": "cnn", "blocks": 2, "filters": 8, "padding": "valid", "denseUnits": 10}"#)
        let model = try specification.makeModel(inputShape: [1, 28, 28], classCount: 10, seed: 1)
        // 28 → conv 26 → pool 13 → conv 11 → pool 5; 16 filters × 5 × 5 = 400 features.
        #expect(model.layers.compactMap { $0 as? Flatten }.first?.outputShape == [400])
        let logits = model.forward(randomTensor([2, 1, 28, 28], seed: 3), isTraining: false)
        #expect(logits.shape == [2, 10])
    }

    @Test func explicitLayers() throws {
        let specification = try decode(
            #"""
            {"architecture": "layers", "layers": [
              {"type": "conv2d", "filters": 4, "kernelSize": 3, "stride": 2, "padding": "same", "activation": "elu"},
              {"type": "avgPool", "poolSize": 2},
              {"type": "globalAveragePool"},
              {"type": "dense", "units": 5, "activation": "gelu"}
            ]}
            """#)
        let model = try specification.makeModel(inputShape: [3, 9, 9], classCount: 2, seed: 1)
        #expect(
            model.layers.map(\.name) == [
                "conv1", "elu1", "pool1", "globalAveragePool1", "dense1", "gelu1", "classifier",
            ])
    }

    @Test("Bad model fields name the field and value")
    func badFields() {
        #expect(message(#"{"architecture": "mlp", "dropout": 1.0}"#) == "dropout must be in [0, 1), got 1.0.")
        #expect(
            message(#"{"architecture": "mlp", "units": 0}"#) == "units must be a positive integer, got 0.")
        #expect(
            message(#"{"architecture": "mlp", "filters": 8}"#).contains(
                "applies to architecture \"cnn\" only"))
        #expect(message(#"{"architecture": "mlp", "widht": 8}"#).hasPrefix("widht is not a known field"))
        #expect(
            message(#"{"architecture": "layers", "layers": [{"type": "lstm"}]}"#).hasPrefix(
                "layers[0].type must be one of dense, conv2d"))
        #expect(
            message(#"{"architecture": "layers", "layers": [{"type": "dense"}]}"#)
                == "layers[0].units is missing.")
        #expect(
            message(#"{"architecture": "layers", "layers": [{"type": "dropout", "rate": -0.1}]}"#)
                == "layers[0].rate must be in [0, 1), got -0.1.")
        #expect(
            message(#"{"architecture": "layers", "layers": [{"type": "maxPool", "units": 3}]}"#)
                == "layers[0].units does not apply to a maxPool layer.")
        #expect(message(#"{"architecture": "transformer"}"#).hasPrefix("architecture is invalid"))
    }

    @Test func cnnOnFeatureRowsIsRejected() throws {
        let specification = try decode(#"{"architecture": "cnn"}"#)
        #expect(throws: ModelBuildError.self) {
            try specification.makeModel(inputShape: [30], classCount: 2, seed: 1)
        }
    }

    @Test func tooManyBlocksIsRejected() throws {
        let specification = try decode(#"{"architecture": "cnn", "blocks": 6, "padding": "valid"}"#)
        #expect(throws: ModelBuildError.self) {
            try specification.makeModel(inputShape: [1, 28, 28], classCount: 10, seed: 1)
        }
    }
}
