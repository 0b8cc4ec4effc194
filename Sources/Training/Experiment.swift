import Datasets
import Foundation
import NeuralNetwork
import TensorCore

/// One experiment file: the data, the model, how to train it, and optionally a search space.
///
/// ```json
/// {"name": "fashion-mnist-mlp", "seed": 42,
///  "data": {"dataset": "fashion-mnist", "validationFraction": 0.1},
///  "model": {"architecture": "mlp", "depth": 2, "units": 256, "dropout": 0.2},
///  "training": {"epochs": 15, "batchSize": 128, "optimizer": {"kind": "adam", "learningRate": 0.001}}}
/// ```
/// The `search` section belongs to `tune search`; `tune train` validates the rest and trains the
/// configuration as written.
public struct Experiment: Codable, Equatable, Sendable {
    /// Name used for run directories and reports.
    public var name: String
    /// Run seed; split, initialization, shuffle and dropout seeds derive from it. Default 0.
    public var seed: UInt64
    public var data: DataConfiguration
    public var model: ModelSpecification
    public var training: TrainingConfiguration
    /// Binary evaluation of one positive class; none when absent.
    public var evaluation: EvaluationConfiguration?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, seed, data, model, training, evaluation, search
    }

    /// Creates an experiment from its sections.
    public init(
        name: String, seed: UInt64 = 0, data: DataConfiguration, model: ModelSpecification,
        training: TrainingConfiguration
    ) {
        self.name = name
        self.seed = seed
        self.data = data
        self.model = model
        self.training = training
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        guard !name.isEmpty, !name.contains("/") else {
            throw ConfigurationError(
                field: "name", rule: "must be a non-empty name without \"/\"", value: "\"\(name)\"")
        }
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        data = try container.decode(DataConfiguration.self, forKey: .data)
        model = try container.decode(ModelSpecification.self, forKey: .model)
        training = try container.decode(TrainingConfiguration.self, forKey: .training)
        evaluation = try container.decodeIfPresent(EvaluationConfiguration.self, forKey: .evaluation)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(seed, forKey: .seed)
        try container.encode(data, forKey: .data)
        try container.encode(model, forKey: .model)
        try container.encode(training, forKey: .training)
        try container.encodeIfPresent(evaluation, forKey: .evaluation)
    }

    /// Decodes an experiment from JSON text, turning decoding failures into `ConfigurationError`.
    public static func decode(_ data: Data) throws -> Experiment {
        try ConfigurationError.decode(Experiment.self, from: data)
    }

    /// Reads and validates the experiment file at `url`.
    public static func load(from url: URL) throws -> Experiment {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ExperimentFileError(
                path: url.path,
                message: "cannot be read (\((error as NSError).localizedDescription)). Check the path.")
        }
        do {
            return try decode(data)
        } catch let error as ConfigurationError {
            throw ExperimentFileError(path: url.path, message: error.description)
        }
    }
}

/// An experiment file that cannot be read or is invalid; the message starts with the path.
public struct ExperimentFileError: Error, CustomStringConvertible {
    public let path: String
    public let message: String

    /// Creates an error about the file at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
