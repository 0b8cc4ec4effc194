import TensorCore

/// The optimizer of an experiment: its kind, its initial learning rate and the
/// hyperparameters of that kind.
///
/// ```json
/// {"kind": "adamw", "learningRate": 0.001, "beta1": 0.9, "beta2": 0.999, "weightDecay": 0.01}
/// ```
///
/// | kind | optimizer | fields besides `learningRate`, with defaults |
/// |---|---|---|
/// | `sgd` | `SGD()` | none |
/// | `momentum` | `SGD(momentum:)` | `momentum` 0.9 |
/// | `nesterov` | `SGD(momentum:nesterov: true)` | `momentum` 0.9 |
/// | `adam` | `Adam` | `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8 |
/// | `adamw` | `AdamW` | `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8, `weightDecay` 0.01 |
/// | `adagrad` | `Adagrad` | `epsilon` 1e-10 |
/// | `rmsprop` | `RMSprop` | `rho` 0.99, `epsilon` 1e-8 |
///
/// Rules: `learningRate` is required, positive and finite. `momentum`, `beta1`, `beta2` and
/// `rho` are in `[0, 1)`, `epsilon` is positive and finite, and `weightDecay` is finite and
/// not negative. A field that the kind does not use is an error, not silently ignored. The
/// learning rate is the schedule's starting rate, and the optimizer itself receives the rate
/// of each step from the trainer. Decoding rejects unknown fields and validates every value,
/// with errors that name the field path, such as
/// `training.optimizer.learningRate must be a positive finite number, got -0.1.`
///
/// L2 regularization is configured separately (see `L2Regularization`), and `weightDecay`
/// here is AdamW's decoupled decay.
public struct OptimizerConfiguration: Codable, Equatable, Sendable {
    /// The optimizer algorithm, named as in the JSON `kind` field.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case sgd
        case momentum
        case nesterov
        case adam
        case adamw
        case adagrad
        case rmsprop
    }

    /// The optimizer algorithm.
    public var kind: Kind
    /// Learning rate of the first epoch, before any schedule changes it.
    public var learningRate: Float
    /// Momentum coefficient of `momentum` and `nesterov`, or nil for the default 0.9.
    public var momentum: Float?
    /// First-moment decay of `adam` and `adamw`, or nil for the default 0.9.
    public var beta1: Float?
    /// Second-moment decay of `adam` and `adamw`, or nil for the default 0.999.
    public var beta2: Float?
    /// Denominator term of `adam`, `adamw`, `adagrad` and `rmsprop`, or nil for the kind's default.
    public var epsilon: Float?
    /// Squared-gradient decay of `rmsprop`, or nil for the default 0.99.
    public var rho: Float?
    /// Decoupled weight decay of `adamw`, or nil for the default 0.01.
    public var weightDecay: Float?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind
        case learningRate
        case momentum
        case beta1
        case beta2
        case epsilon
        case rho
        case weightDecay
    }

    /// Creates a configuration whose nil hyperparameters take the kind's defaults.
    ///
    /// Values are not checked here. `validate(fieldPath:)` and `makeOptimizer()` check them.
    public init(
        kind: Kind, learningRate: Float, momentum: Float? = nil, beta1: Float? = nil, beta2: Float? = nil,
        epsilon: Float? = nil, rho: Float? = nil, weightDecay: Float? = nil
    ) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.rho = rho
        self.weightDecay = weightDecay
    }

    /// Decodes a configuration, rejecting unknown fields, and validates it.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let validator = FieldValidator(decoder: decoder)
        kind = try validator.decodeChoice(Kind.self, from: container, forKey: .kind)
        learningRate = try validator.decodeNumber(from: container, forKey: .learningRate)
        momentum = try validator.decodeNumberIfPresent(from: container, forKey: .momentum)
        beta1 = try validator.decodeNumberIfPresent(from: container, forKey: .beta1)
        beta2 = try validator.decodeNumberIfPresent(from: container, forKey: .beta2)
        epsilon = try validator.decodeNumberIfPresent(from: container, forKey: .epsilon)
        rho = try validator.decodeNumberIfPresent(from: container, forKey: .rho)
        weightDecay = try validator.decodeNumberIfPresent(from: container, forKey: .weightDecay)
        try validate(with: validator)
    }

    /// Throws a `ConfigurationError` for the first value that breaks a rule, naming it as
    /// `fieldPath.field` (or just `field` when `fieldPath` is empty).
    public func validate(fieldPath: String = "optimizer") throws {
        try validate(with: FieldValidator(prefix: fieldPath))
    }

    /// Validates the configuration and returns a new optimizer with no state.
    public func makeOptimizer() throws -> any Optimizer {
        try validate()
        switch kind {
        case .sgd:
            return SGD()
        case .momentum:
            return SGD(momentum: momentum ?? 0.9)
        case .nesterov:
            return SGD(momentum: momentum ?? 0.9, nesterov: true)
        case .adam:
            return Adam(beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: epsilon ?? 1e-8)
        case .adamw:
            return AdamW(
                beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: epsilon ?? 1e-8,
                weightDecay: weightDecay ?? 0.01)
        case .adagrad:
            return Adagrad(epsilon: epsilon ?? 1e-10)
        case .rmsprop:
            return RMSprop(rho: rho ?? 0.99, epsilon: epsilon ?? 1e-8)
        }
    }

    private func validate(with validator: FieldValidator) throws {
        try validator.requirePositive(learningRate, CodingKeys.learningRate)

        let name = kind.rawValue
        try validator.rejectUnused(
            momentum, CodingKeys.momentum, kind: name, usedBy: ["momentum", "nesterov"])
        try validator.rejectUnused(beta1, CodingKeys.beta1, kind: name, usedBy: ["adam", "adamw"])
        try validator.rejectUnused(beta2, CodingKeys.beta2, kind: name, usedBy: ["adam", "adamw"])
        try validator.rejectUnused(
            epsilon, CodingKeys.epsilon, kind: name, usedBy: ["adam", "adamw", "adagrad", "rmsprop"])
        try validator.rejectUnused(rho, CodingKeys.rho, kind: name, usedBy: ["rmsprop"])
        try validator.rejectUnused(weightDecay, CodingKeys.weightDecay, kind: name, usedBy: ["adamw"])

        try validator.requireFraction(momentum, CodingKeys.momentum)
        try validator.requireFraction(beta1, CodingKeys.beta1)
        try validator.requireFraction(beta2, CodingKeys.beta2)
        try validator.requirePositive(epsilon, CodingKeys.epsilon)
        try validator.requireFraction(rho, CodingKeys.rho)
        try validator.requireNonNegative(weightDecay, CodingKeys.weightDecay)
    }
}
