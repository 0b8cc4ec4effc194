import Optimization
import TensorCore

/// The `training` section of an experiment.
///
/// ```json
/// {"epochs": 15, "batchSize": 128,
///  "optimizer": {"kind": "adam", "learningRate": 0.001},
///  "schedule": {"kind": "exponential", "factor": 0.1, "stepSize": 8},
///  "earlyStopping": {"monitor": "loss", "patience": 3},
///  "l2": 0.0001, "labelSmoothing": 0}
/// ```
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// Maximum number of passes over the training split.
    public var epochs: Int
    /// Samples per gradient step: 1 is stochastic gradient descent, the training-split size (or
    /// more) is batch gradient descent. See `BatchPlan` for the rule on a last batch of one sample.
    public var batchSize: Int
    /// Optimizer kind, learning rate and its hyperparameters.
    public var optimizer: OptimizerConfiguration
    /// Learning-rate schedule; constant when absent.
    public var schedule: ScheduleConfiguration?
    /// Early stopping on a validation metric; off when absent.
    public var earlyStopping: EarlyStoppingConfiguration?
    /// L2 penalty coefficient λ on weights (loss + λ/2 Σ w²); 0 for none.
    public var l2: Float
    /// Label smoothing ε of the cross-entropy loss, in [0, 1).
    public var labelSmoothing: Float

    enum CodingKeys: String, CodingKey, CaseIterable {
        case epochs, batchSize, optimizer, schedule, earlyStopping, l2, labelSmoothing
    }

    /// Creates a configuration; arguments are checked by `validate`.
    public init(
        epochs: Int, batchSize: Int, optimizer: OptimizerConfiguration,
        schedule: ScheduleConfiguration? = nil,
        earlyStopping: EarlyStoppingConfiguration? = nil, l2: Float = 0, labelSmoothing: Float = 0
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.schedule = schedule
        self.earlyStopping = earlyStopping
        self.l2 = l2
        self.labelSmoothing = labelSmoothing
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try container.decode(Int.self, forKey: .epochs)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        optimizer = try container.decode(OptimizerConfiguration.self, forKey: .optimizer)
        schedule = try container.decodeIfPresent(ScheduleConfiguration.self, forKey: .schedule)
        earlyStopping = try container.decodeIfPresent(EarlyStoppingConfiguration.self, forKey: .earlyStopping)
        l2 = try container.decodeIfPresent(Float.self, forKey: .l2) ?? 0
        labelSmoothing = try container.decodeIfPresent(Float.self, forKey: .labelSmoothing) ?? 0
        try validate(path: decoder.fieldPath)
    }

    /// Checks every field; `path` prefixes field names in errors.
    public func validate(path: String = "training") throws {
        let prefix = path == "(top level)" ? "" : "\(path)."
        guard epochs > 0 else {
            throw ConfigurationError(
                field: prefix + "epochs", rule: "must be a positive integer", value: "\(epochs)")
        }
        guard batchSize > 0 else {
            throw ConfigurationError(
                field: prefix + "batchSize", rule: "must be a positive integer", value: "\(batchSize)")
        }
        guard l2 >= 0 && l2.isFinite else {
            throw ConfigurationError(
                field: prefix + "l2", rule: "must be a finite number of 0 or more", value: "\(l2)")
        }
        guard labelSmoothing >= 0 && labelSmoothing < 1 else {
            throw ConfigurationError(
                field: prefix + "labelSmoothing", rule: "must be in [0, 1)", value: "\(labelSmoothing)")
        }
        try optimizer.validate(fieldPath: prefix + "optimizer")
        try schedule?.validate(fieldPath: prefix + "schedule")
        try earlyStopping?.validate(fieldPath: prefix + "earlyStopping")
    }
}
