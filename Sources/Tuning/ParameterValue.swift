import Foundation

/// The value of one hyperparameter in one trial: a number, a string or a Boolean.
///
/// Encodes as the plain JSON scalar (`0.001`, `64`, `"adam"`, `true`), so a trial's parameters
/// can be written into an experiment document unchanged.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    /// A floating-point value.
    case float(Double)
    /// An integer value.
    case int(Int)
    /// A string value, such as an optimizer name.
    case string(String)
    /// A Boolean value, such as whether to use batch normalization.
    case bool(Bool)

    /// The value as a JSON tree node.
    public var jsonValue: JSONValue {
        switch self {
        case .float(let value): return .number(value)
        case .int(let value): return .integer(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        }
    }

    /// Converts a JSON scalar, or returns nil for null, an array or an object.
    public init?(_ json: JSONValue) {
        switch json {
        case .number(let value): self = .float(value)
        case .integer(let value): self = .int(value)
        case .string(let value): self = .string(value)
        case .bool(let value): self = .bool(value)
        case .null, .array, .object: return nil
        }
    }

    /// The value as a number, or nil for a string or Boolean. An `.int` converts to `Double`.
    public var numericValue: Double? {
        switch self {
        case .float(let value): return value
        case .int(let value): return Double(value)
        case .string, .bool: return nil
        }
    }

    /// The value in the form of the trial log line: numbers with 4 significant digits, strings
    /// without quotes unless they contain white space or are empty.
    public var description: String {
        switch self {
        case .float(let value):
            return formatSignificant(value)
        case .int(let value):
            return String(value)
        case .bool(let value):
            return String(value)
        case .string(let value):
            let needsQuotes = value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "\"" })
            return needsQuotes ? JSONValue.string(value).canonicalText() : value
        }
    }
}

extension ParameterValue: Codable {
    /// Decodes a JSON string, number or Boolean. Integral numbers within `Int` become `.int`.
    ///
    /// Throws `DecodingError.typeMismatch` for null, an array or an object.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let value = ParameterValue(json) else {
            throw DecodingError.typeMismatch(
                ParameterValue.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "a parameter value must be a string, number or boolean, got \(json.typeName)"))
        }
        self = value
    }

    /// Encodes the plain JSON scalar.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

/// Formats `value` with 4 significant digits, such as `0.0031`, `64` or `1.235e-05`.
func formatSignificant(_ value: Double) -> String {
    String(format: "%.4g", value)
}
