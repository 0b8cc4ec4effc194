import TensorCore

/// The early-stopping settings of an experiment.
///
/// ```json
/// {"monitor": "recall[malignant]", "mode": "max", "patience": 5, "minDelta": 0.001,
///  "restoreBestWeights": true}
/// ```
///
/// | field | meaning | default |
/// |---|---|---|
/// | `monitor` | validation metric to watch, such as "loss", "accuracy" or "recall[malignant]" | "loss" |
/// | `mode` | "min" or "max": whether smaller or larger values are better | decided by the caller |
/// | `patience` | epochs without improvement before stopping, an integer of at least 0 | required |
/// | `minDelta` | margin an improvement must exceed, finite and not negative | 0 |
/// | `deltaMode` | "absolute", or "relative" to the best value | "absolute" |
/// | `restoreBestWeights` | whether to load the best epoch's weights at the end | true |
///
/// The counting rule is written on `PatienceTracker`. When `mode` is absent, the caller
/// decides it from the metric name, because this module does not know the metrics.
/// Decoding rejects unknown fields and validates every value, with errors that name the
/// field path.
public struct EarlyStoppingConfiguration: Codable, Equatable, Sendable {
    /// Name of the validation metric to watch.
    public var monitor: String
    /// Whether smaller or larger values are better, or nil to let the caller decide.
    public var mode: MonitorMode?
    /// Number of consecutive epochs without improvement that stops training, at least 0.
    public var patience: Int
    /// Margin by which a value must beat the best to count as an improvement.
    public var minDelta: Float
    /// Whether `minDelta` is absolute or relative to the best value.
    public var deltaMode: DeltaMode
    /// Whether the trainer loads the best epoch's weights at the end of the run.
    public var restoreBestWeights: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case monitor
        case mode
        case patience
        case minDelta
        case deltaMode
        case restoreBestWeights
    }

    /// Creates a configuration. Values are not checked here. `validate(fieldPath:)` and
    /// `makeEarlyStopping(defaultMode:)` check them.
    public init(
        monitor: String = "loss", mode: MonitorMode? = nil, patience: Int, minDelta: Float = 0,
        deltaMode: DeltaMode = .absolute, restoreBestWeights: Bool = true
    ) {
        self.monitor = monitor
        self.mode = mode
        self.patience = patience
        self.minDelta = minDelta
        self.deltaMode = deltaMode
        self.restoreBestWeights = restoreBestWeights
    }

    /// Decodes a configuration, rejecting unknown fields, and validates it.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let validator = FieldValidator(decoder: decoder)
        monitor = try container.decodeIfPresent(String.self, forKey: .monitor) ?? "loss"
        mode = try validator.decodeChoiceIfPresent(MonitorMode.self, from: container, forKey: .mode)
        guard let patience = try validator.decodeIntegerIfPresent(from: container, forKey: .patience) else {
            throw ConfigurationError(field: validator.path(CodingKeys.patience), rule: "is missing")
        }
        self.patience = patience
        minDelta = try validator.decodeNumberIfPresent(from: container, forKey: .minDelta) ?? 0
        deltaMode =
            try validator.decodeChoiceIfPresent(DeltaMode.self, from: container, forKey: .deltaMode)
            ?? .absolute
        restoreBestWeights = try container.decodeIfPresent(Bool.self, forKey: .restoreBestWeights) ?? true
        try validate(with: validator)
    }

    /// Throws a `ConfigurationError` for the first value that breaks a rule, naming it as
    /// `fieldPath.field` (or just `field` when `fieldPath` is empty).
    public func validate(fieldPath: String = "earlyStopping") throws {
        try validate(with: FieldValidator(prefix: fieldPath))
    }

    /// Validates the configuration and returns early-stopping logic with no recorded epochs.
    ///
    /// - Parameter defaultMode: Returns whether smaller or larger values of the named metric
    ///   are better. It is called only when `mode` is nil.
    public func makeEarlyStopping(defaultMode: (_ metric: String) -> MonitorMode) throws -> EarlyStopping {
        try validate()
        return EarlyStopping(
            mode: mode ?? defaultMode(monitor), patience: patience, minDelta: minDelta, deltaMode: deltaMode,
            restoreBestWeights: restoreBestWeights)
    }

    private func validate(with validator: FieldValidator) throws {
        try validator.requireMetricName(monitor, CodingKeys.monitor)
        try validator.requireInteger(patience, atLeast: 0, CodingKeys.patience)
        try validator.requireNonNegative(minDelta, CodingKeys.minDelta)
    }
}
