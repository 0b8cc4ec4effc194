import Evaluation
import TensorCore

/// The `search` section of an experiment: what to optimize, how long, with which sampler, and
/// over which space.
///
/// ```
/// "search": {
///   "objective": "accuracy", "direction": "maximize",
///   "trials": 20, "timeoutMinutes": 90,
///   "sampler": "random", "seed": 7,
///   "space": {
///     "training.learningRate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true},
///     "training.batchSize": {"type": "int", "low": 32, "high": 256, "step": 32}
///   }
/// }
/// ```
///
/// The objective is a metric on the validation split. A grid search may omit both `trials` and
/// `timeoutMinutes` and runs until every grid point is done; a random search needs at least one.
public struct SearchConfiguration: Hashable, Sendable {
    /// The kind of sampler that proposes the parameters.
    public enum SamplerKind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Every grid point once; see `GridSampler`.
        case grid
        /// Independent random values; see `RandomSampler`.
        case random
    }

    /// The validation metric to optimize. Defaults to `accuracy`.
    public var objective: MetricName
    /// Whether larger or smaller objective values are better. Defaults to the metric's own
    /// direction: `loss` minimizes, every other metric maximizes.
    public var direction: OptimizationDirection
    /// The number of finished trials at which the study stops, or nil for no count limit.
    public var trials: Int?
    /// The time after which no new trial starts, in minutes, or nil for no time limit.
    public var timeoutMinutes: Double?
    /// The sampler.
    public var sampler: SamplerKind
    /// The random sampler's seed, or nil to let the caller supply one.
    public var seed: UInt64?
    /// The parameters to tune.
    public var space: SearchSpace

    /// Creates a configuration and validates it as decoding does.
    ///
    /// Throws `ConfigurationError` for a trial count below 1, a timeout that is not positive, a
    /// random search with neither limit, or a grid search over a float parameter without a step.
    /// `field` is the section's path in messages, such as `search.trials`.
    public init(
        objective: MetricName = .accuracy, direction: OptimizationDirection? = nil, trials: Int? = nil,
        timeoutMinutes: Double? = nil, sampler: SamplerKind, seed: UInt64? = nil, space: SearchSpace,
        field: String = "search"
    ) throws {
        self.objective = objective
        self.direction = direction ?? objective.direction
        self.trials = trials
        self.timeoutMinutes = timeoutMinutes
        self.sampler = sampler
        self.seed = seed
        self.space = space
        try validate(field: field)
    }

    /// Returns the sampler this configuration names, seeded with `seed` or else `defaultSeed`.
    public func makeSampler(defaultSeed: UInt64) -> any Sampler {
        switch sampler {
        case .grid:
            // Validation has checked that every parameter has grid values.
            return try! GridSampler(space: space)
        case .random:
            return RandomSampler(seed: seed ?? defaultSeed)
        }
    }

    private func validate(field: String) throws {
        if let trials, trials < 1 {
            throw ConfigurationError(field: "\(field).trials", rule: "must be at least 1", value: "\(trials)")
        }
        if let timeoutMinutes, !(timeoutMinutes > 0 && timeoutMinutes.isFinite) {
            throw ConfigurationError(
                field: "\(field).timeoutMinutes", rule: "must be a positive number of minutes",
                value: "\(timeoutMinutes)")
        }
        switch sampler {
        case .random:
            if trials == nil && timeoutMinutes == nil {
                throw ConfigurationError(
                    field: field,
                    rule: "needs trials or timeoutMinutes with the random sampler, which never runs out")
            }
        case .grid:
            for parameter in space.parameters where parameter.distribution.gridValues == nil {
                throw ConfigurationError(
                    field: "\(field).space.\(parameter.name)",
                    rule: "needs a step for the grid sampler, because a grid needs a finite set of values "
                        + "(add a step, use categorical, or use the random sampler)",
                    value: parameter.distribution.description)
            }
        }
    }
}

extension SearchConfiguration: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case objective, direction, trials, timeoutMinutes, sampler, seed, space
    }

    /// Decodes and validates a `search` section, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)

        var objective = MetricName.accuracy
        if let text = try container.decodeIfPresent(String.self, forKey: .objective) {
            do {
                objective = try MetricName(parsing: text)
            } catch let error as EvaluationError {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.objective), rule: "must be a metric name (\(error))",
                    value: "\"\(text)\"")
            }
        }

        let samplerText = try container.decode(String.self, forKey: .sampler)
        guard let sampler = SamplerKind(rawValue: samplerText) else {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.sampler), rule: "must be \"grid\" or \"random\"",
                value: "\"\(samplerText)\"")
        }

        let directionText = try container.decodeIfPresent(String.self, forKey: .direction)
        var direction: OptimizationDirection?
        if let directionText {
            guard let parsed = OptimizationDirection(rawValue: directionText) else {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.direction),
                    rule: "must be \"maximize\" or \"minimize\"",
                    value: "\"\(directionText)\"")
            }
            direction = parsed
        }

        try self.init(
            objective: objective, direction: direction,
            trials: try container.decodeIfPresent(Int.self, forKey: .trials),
            timeoutMinutes: try container.decodeIfPresent(Double.self, forKey: .timeoutMinutes),
            sampler: sampler, seed: try container.decodeIfPresent(UInt64.self, forKey: .seed),
            space: try container.decode(SearchSpace.self, forKey: .space), field: decoder.fieldPath)
    }

    /// Encodes the `search` section, writing the direction explicitly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objective.description, forKey: .objective)
        try container.encode(direction, forKey: .direction)
        try container.encodeIfPresent(trials, forKey: .trials)
        try container.encodeIfPresent(timeoutMinutes, forKey: .timeoutMinutes)
        try container.encode(sampler, forKey: .sampler)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encode(space, forKey: .space)
    }
}
