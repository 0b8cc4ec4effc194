import TensorCore

/// One entry of an explicit layer list in an experiment's `model.layers`.
///
/// ```json
/// {"type": "conv2d", "filters": 32, "kernelSize": 3, "stride": 1, "padding": "same"}
/// {"type": "maxPool", "poolSize": 2}
/// {"type": "dense", "units": 128}
/// {"type": "activation", "function": "relu"}
/// ```
/// Types: `dense`, `conv2d`, `maxPool`, `avgPool`, `globalAveragePool`, `flatten`, `dropout`,
/// `batchNorm`, `activation`. `dense` and `conv2d` take an optional `activation`, applied after them.
public enum LayerSpecification: Equatable, Sendable {
    case dense(units: Int, activation: ActivationKind?)
    case conv2d(filters: Int, kernelSize: Int, stride: Int, padding: Padding, activation: ActivationKind?)
    case pool(PoolingKind, poolSize: Int, stride: Int?, padding: Padding)
    case globalAveragePool
    case flatten
    case dropout(rate: Double)
    case batchNorm(momentum: Double)
    case activation(ActivationKind)

    /// The `type` names accepted in JSON.
    public static let typeNames = [
        "dense", "conv2d", "maxPool", "avgPool", "globalAveragePool", "flatten", "dropout", "batchNorm",
        "activation",
    ]
}

extension LayerSpecification: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, units, activation, filters, kernelSize, stride, padding, poolSize, rate, momentum, function
    }

    /// Keys each layer type accepts besides `type`.
    private static let allowedKeys: [String: Set<CodingKeys>] = [
        "dense": [.units, .activation],
        "conv2d": [.filters, .kernelSize, .stride, .padding, .activation],
        "maxPool": [.poolSize, .stride, .padding],
        "avgPool": [.poolSize, .stride, .padding],
        "globalAveragePool": [],
        "flatten": [],
        "dropout": [.rate],
        "batchNorm": [.momentum],
        "activation": [.function],
    ]

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard let allowed = Self.allowedKeys[type] else {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.type),
                rule: "must be one of \(Self.typeNames.joined(separator: ", "))", value: "\"\(type)\"")
        }
        for key in container.allKeys where key != .type && !allowed.contains(key) {
            throw ConfigurationError(
                field: decoder.fieldPath(key), rule: "does not apply to a \(type) layer")
        }
        func positive(_ key: CodingKeys, default value: Int? = nil) throws -> Int {
            guard let decoded = try container.decodeIfPresent(Int.self, forKey: key) ?? value else {
                throw ConfigurationError(field: decoder.fieldPath(key), rule: "is missing")
            }
            guard decoded > 0 else {
                throw ConfigurationError(
                    field: decoder.fieldPath(key), rule: "must be a positive integer", value: "\(decoded)")
            }
            return decoded
        }
        let padding = try container.decodeIfPresent(Padding.self, forKey: .padding) ?? .valid
        switch type {
        case "dense":
            self = .dense(
                units: try positive(.units),
                activation: try container.decodeIfPresent(ActivationKind.self, forKey: .activation))
        case "conv2d":
            self = .conv2d(
                filters: try positive(.filters), kernelSize: try positive(.kernelSize, default: 3),
                stride: try positive(.stride, default: 1), padding: padding,
                activation: try container.decodeIfPresent(ActivationKind.self, forKey: .activation))
        case "maxPool", "avgPool":
            let stride = try container.decodeIfPresent(Int.self, forKey: .stride).map { _ in
                try positive(.stride)
            }
            self = .pool(
                type == "maxPool" ? .max : .average, poolSize: try positive(.poolSize, default: 2),
                stride: stride, padding: padding)
        case "globalAveragePool":
            self = .globalAveragePool
        case "flatten":
            self = .flatten
        case "dropout":
            let rate = try container.decode(Double.self, forKey: .rate)
            guard rate >= 0 && rate < 1 else {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.rate), rule: "must be in [0, 1)", value: "\(rate)")
            }
            self = .dropout(rate: rate)
        case "batchNorm":
            let momentum = try container.decodeIfPresent(Double.self, forKey: .momentum) ?? 0.99
            guard momentum >= 0 && momentum < 1 else {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.momentum), rule: "must be in [0, 1)",
                    value: "\(momentum)")
            }
            self = .batchNorm(momentum: momentum)
        default:
            self = .activation(try container.decode(ActivationKind.self, forKey: .function))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .dense(let units, let activation):
            try container.encode("dense", forKey: .type)
            try container.encode(units, forKey: .units)
            try container.encodeIfPresent(activation, forKey: .activation)
        case .conv2d(let filters, let kernelSize, let stride, let padding, let activation):
            try container.encode("conv2d", forKey: .type)
            try container.encode(filters, forKey: .filters)
            try container.encode(kernelSize, forKey: .kernelSize)
            try container.encode(stride, forKey: .stride)
            try container.encode(padding, forKey: .padding)
            try container.encodeIfPresent(activation, forKey: .activation)
        case .pool(let kind, let poolSize, let stride, let padding):
            try container.encode(kind == .max ? "maxPool" : "avgPool", forKey: .type)
            try container.encode(poolSize, forKey: .poolSize)
            try container.encodeIfPresent(stride, forKey: .stride)
            try container.encode(padding, forKey: .padding)
        case .globalAveragePool:
            try container.encode("globalAveragePool", forKey: .type)
        case .flatten:
            try container.encode("flatten", forKey: .type)
        case .dropout(let rate):
            try container.encode("dropout", forKey: .type)
            try container.encode(rate, forKey: .rate)
        case .batchNorm(let momentum):
            try container.encode("batchNorm", forKey: .type)
            try container.encode(momentum, forKey: .momentum)
        case .activation(let kind):
            try container.encode("activation", forKey: .type)
            try container.encode(kind, forKey: .function)
        }
    }
}
