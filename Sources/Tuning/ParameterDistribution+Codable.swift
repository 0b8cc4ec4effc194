import TensorCore

/// Decodes and encodes the search-space JSON forms:
///
/// ```
/// {"type": "float", "low": 1e-4, "high": 1e-1, "log": true}
/// {"type": "float", "low": 0.0, "high": 0.5, "step": 0.1}
/// {"type": "int", "low": 32, "high": 256, "step": 32}
/// {"type": "categorical", "choices": ["adam", "sgd", 0.5, true]}
/// ```
///
/// `log` defaults to false and `step` to none (floats) or 1 (integers). Decoding rejects unknown
/// keys and validates, throwing `ConfigurationError` with the member's field path.
extension ParameterDistribution: Codable {
    private enum TypeKey: String, CodingKey {
        case type
    }

    private enum RangeKeys: String, CodingKey, CaseIterable {
        case type, low, high, step, log
    }

    private enum CategoricalKeys: String, CodingKey, CaseIterable {
        case type, choices
    }

    /// Decodes and validates a distribution object.
    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "float":
            try decoder.rejectUnknownKeys(RangeKeys.self)
            let container = try decoder.container(keyedBy: RangeKeys.self)
            self = .float(
                low: try container.decode(Double.self, forKey: .low),
                high: try container.decode(Double.self, forKey: .high),
                step: try container.decodeIfPresent(Double.self, forKey: .step),
                log: try container.decodeIfPresent(Bool.self, forKey: .log) ?? false)
        case "int":
            try decoder.rejectUnknownKeys(RangeKeys.self)
            let container = try decoder.container(keyedBy: RangeKeys.self)
            self = .int(
                low: try container.decode(Int.self, forKey: .low),
                high: try container.decode(Int.self, forKey: .high),
                step: try container.decodeIfPresent(Int.self, forKey: .step) ?? 1,
                log: try container.decodeIfPresent(Bool.self, forKey: .log) ?? false)
        case "categorical":
            try decoder.rejectUnknownKeys(CategoricalKeys.self)
            let container = try decoder.container(keyedBy: CategoricalKeys.self)
            self = .categorical(try container.decode([ParameterValue].self, forKey: .choices))
        default:
            throw ConfigurationError(
                field: decoder.fieldPath(TypeKey.type), rule: "must be \"float\", \"int\" or \"categorical\"",
                value: "\"\(type)\"")
        }
        try validate(field: decoder.fieldPath)
    }

    /// Encodes the JSON form that `init(from:)` reads.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .float(let low, let high, let step, let log):
            var container = encoder.container(keyedBy: RangeKeys.self)
            try container.encode("float", forKey: .type)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
            try container.encodeIfPresent(step, forKey: .step)
            try container.encode(log, forKey: .log)
        case .int(let low, let high, let step, let log):
            var container = encoder.container(keyedBy: RangeKeys.self)
            try container.encode("int", forKey: .type)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
            try container.encode(step, forKey: .step)
            try container.encode(log, forKey: .log)
        case .categorical(let choices):
            var container = encoder.container(keyedBy: CategoricalKeys.self)
            try container.encode("categorical", forKey: .type)
            try container.encode(choices, forKey: .choices)
        }
    }
}
