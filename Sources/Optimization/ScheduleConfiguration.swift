import TensorCore

/// The learning-rate schedule of an experiment: its kind and the fields of that kind.
///
/// ```json
/// {"kind": "step", "factor": 0.5, "stepSize": 10}
/// {"kind": "exponential", "factor": 0.1, "stepSize": 8}
/// {"kind": "plateau", "monitor": "loss", "mode": "min", "factor": 0.5, "patience": 3,
///  "cooldown": 1, "minLearningRate": 1e-5, "minDelta": 0.0001, "deltaMode": "relative"}
/// ```
///
/// | kind | schedule | fields, with defaults |
/// |---|---|---|
/// | `constant` | `ConstantSchedule` | none |
/// | `step` | `StepDecaySchedule` | `stepSize` (required), `factor` 0.1 |
/// | `exponential` | `ExponentialDecaySchedule` | `stepSize` (required), `factor` 0.1 |
/// | `plateau` | `ReduceOnPlateauSchedule` | see below |
///
/// The fields of `plateau` and their defaults: `monitor` "loss", `mode` (see below), `factor`
/// 0.1, `patience` 10, `cooldown` 0, `minLearningRate` 0, `minDelta` 0.0001 and `deltaMode`
/// "relative".
///
/// Rules:
/// - `factor` is in `(0, 1)`, and `stepSize` is an integer of at least 1.
/// - `patience` and `cooldown` are integers of at least 0.
/// - `minLearningRate` and `minDelta` are finite and not negative.
/// - `monitor` is not empty, `mode` is "min" or "max", and `deltaMode` is "absolute" or "relative".
/// - A field that the kind does not use is an error.
///
/// Decoding rejects unknown fields and validates every value, with errors that name the
/// field path.
///
/// The initial learning rate comes from `OptimizerConfiguration.learningRate`. When `mode`
/// is absent, the caller decides it from the metric name (loss: min, accuracy: max), because
/// this module does not know the metrics.
public struct ScheduleConfiguration: Codable, Equatable, Sendable {
    /// The schedule, named as in the JSON `kind` field.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case constant
        case step
        case exponential
        case plateau
    }

    /// The schedule.
    public var kind: Kind
    /// Multiplier of `step`, `exponential` and `plateau`, or nil for the default 0.1.
    public var factor: Float?
    /// Epochs per `factor` of `step` and `exponential`, required by both.
    public var stepSize: Int?
    /// Metric watched by `plateau`, or nil for the default "loss".
    public var monitor: String?
    /// Whether `plateau` wants the metric low or high, or nil to let the caller decide.
    public var mode: MonitorMode?
    /// Epochs without improvement before `plateau` reduces the rate, or nil for the default 10.
    public var patience: Int?
    /// Epochs ignored by `plateau` after a reduction, or nil for the default 0.
    public var cooldown: Int?
    /// Lower bound of the rate under `plateau`, or nil for the default 0.
    public var minLearningRate: Float?
    /// Margin an improvement must exceed under `plateau`, or nil for the default 0.0001.
    public var minDelta: Float?
    /// Whether `minDelta` is absolute or relative under `plateau`, or nil for the default relative.
    public var deltaMode: DeltaMode?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind
        case factor
        case stepSize
        case monitor
        case mode
        case patience
        case cooldown
        case minLearningRate
        case minDelta
        case deltaMode
    }

    /// Creates a configuration whose nil fields take the kind's defaults.
    ///
    /// Values are not checked here. `validate(fieldPath:)` and `makeSchedule` check them.
    public init(
        kind: Kind, factor: Float? = nil, stepSize: Int? = nil, monitor: String? = nil,
        mode: MonitorMode? = nil,
        patience: Int? = nil, cooldown: Int? = nil, minLearningRate: Float? = nil, minDelta: Float? = nil,
        deltaMode: DeltaMode? = nil
    ) {
        self.kind = kind
        self.factor = factor
        self.stepSize = stepSize
        self.monitor = monitor
        self.mode = mode
        self.patience = patience
        self.cooldown = cooldown
        self.minLearningRate = minLearningRate
        self.minDelta = minDelta
        self.deltaMode = deltaMode
    }

    /// Decodes a configuration, rejecting unknown fields, and validates it.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let validator = FieldValidator(decoder: decoder)
        kind = try validator.decodeChoice(Kind.self, from: container, forKey: .kind)
        factor = try validator.decodeNumberIfPresent(from: container, forKey: .factor)
        stepSize = try validator.decodeIntegerIfPresent(from: container, forKey: .stepSize)
        monitor = try container.decodeIfPresent(String.self, forKey: .monitor)
        mode = try validator.decodeChoiceIfPresent(MonitorMode.self, from: container, forKey: .mode)
        patience = try validator.decodeIntegerIfPresent(from: container, forKey: .patience)
        cooldown = try validator.decodeIntegerIfPresent(from: container, forKey: .cooldown)
        minLearningRate = try validator.decodeNumberIfPresent(from: container, forKey: .minLearningRate)
        minDelta = try validator.decodeNumberIfPresent(from: container, forKey: .minDelta)
        deltaMode = try validator.decodeChoiceIfPresent(DeltaMode.self, from: container, forKey: .deltaMode)
        try validate(with: validator)
    }

    /// Throws a `ConfigurationError` for the first value that breaks a rule, naming it as
    /// `fieldPath.field` (or just `field` when `fieldPath` is empty).
    public func validate(fieldPath: String = "schedule") throws {
        try validate(with: FieldValidator(prefix: fieldPath))
    }

    /// Validates the configuration and returns a schedule that starts at `initialLearningRate`.
    ///
    /// - Parameters:
    ///   - initialLearningRate: The rate of epoch 0, usually `OptimizerConfiguration.learningRate`,
    ///     positive and finite.
    ///   - defaultMode: Returns whether smaller or larger values of the named metric are
    ///     better. Only `plateau` calls it, and only when `mode` is nil.
    public func makeSchedule(
        initialLearningRate: Float, defaultMode: (_ metric: String) -> MonitorMode
    ) throws -> any LearningRateSchedule {
        try validate()
        switch kind {
        case .constant:
            return ConstantSchedule(initialLearningRate: initialLearningRate)
        case .step:
            return StepDecaySchedule(
                initialLearningRate: initialLearningRate, factor: factor ?? 0.1, stepSize: stepSize ?? 1)
        case .exponential:
            return ExponentialDecaySchedule(
                initialLearningRate: initialLearningRate, factor: factor ?? 0.1, stepSize: stepSize ?? 1)
        case .plateau:
            let metric = monitor ?? "loss"
            return ReduceOnPlateauSchedule(
                initialLearningRate: initialLearningRate, metric: metric, mode: mode ?? defaultMode(metric),
                factor: factor ?? 0.1, patience: patience ?? 10, cooldown: cooldown ?? 0,
                minLearningRate: minLearningRate ?? 0, minDelta: minDelta ?? 1e-4,
                deltaMode: deltaMode ?? .relative)
        }
    }

    private func validate(with validator: FieldValidator) throws {
        let name = kind.rawValue
        let decays = ["step", "exponential"]
        try validator.rejectUnused(factor, CodingKeys.factor, kind: name, usedBy: decays + ["plateau"])
        try validator.rejectUnused(stepSize, CodingKeys.stepSize, kind: name, usedBy: decays)
        try validator.rejectUnused(monitor, CodingKeys.monitor, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(mode, CodingKeys.mode, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(patience, CodingKeys.patience, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(cooldown, CodingKeys.cooldown, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(
            minLearningRate, CodingKeys.minLearningRate, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(minDelta, CodingKeys.minDelta, kind: name, usedBy: ["plateau"])
        try validator.rejectUnused(deltaMode, CodingKeys.deltaMode, kind: name, usedBy: ["plateau"])

        if decays.contains(name) && stepSize == nil {
            throw ConfigurationError(
                field: validator.path(CodingKeys.stepSize), rule: "is required for kind \(name)")
        }
        try validator.requireShrinkingFactor(factor, CodingKeys.factor)
        try validator.requireInteger(stepSize, atLeast: 1, CodingKeys.stepSize)
        try validator.requireMetricName(monitor, CodingKeys.monitor)
        try validator.requireInteger(patience, atLeast: 0, CodingKeys.patience)
        try validator.requireInteger(cooldown, atLeast: 0, CodingKeys.cooldown)
        try validator.requireNonNegative(minLearningRate, CodingKeys.minLearningRate)
        try validator.requireNonNegative(minDelta, CodingKeys.minDelta)
    }
}
