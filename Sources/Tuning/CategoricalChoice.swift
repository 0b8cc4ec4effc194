/// A Swift type whose values can be the choices of a categorical parameter.
///
/// `String`, `Int`, `Double`, `Bool` and `ParameterValue` conform, so
/// `trial.suggestCategorical("optimizer", choices: ["adam", "sgd"])` returns a `String`.
public protocol CategoricalChoice: Hashable, Sendable {
    /// The choice as a stored parameter value.
    var parameterValue: ParameterValue { get }

    /// Converts a stored parameter value back, or returns nil when it has another type.
    init?(parameterValue: ParameterValue)
}

extension String: CategoricalChoice {
    /// The string as `.string`.
    public var parameterValue: ParameterValue { .string(self) }

    /// Converts `.string`, or returns nil.
    public init?(parameterValue: ParameterValue) {
        guard case .string(let value) = parameterValue else { return nil }
        self = value
    }
}

extension Int: CategoricalChoice {
    /// The integer as `.int`.
    public var parameterValue: ParameterValue { .int(self) }

    /// Converts `.int`, or returns nil.
    public init?(parameterValue: ParameterValue) {
        guard case .int(let value) = parameterValue else { return nil }
        self = value
    }
}

extension Double: CategoricalChoice {
    /// The number as `.float`.
    public var parameterValue: ParameterValue { .float(self) }

    /// Converts `.float`, or `.int` exactly, or returns nil.
    public init?(parameterValue: ParameterValue) {
        switch parameterValue {
        case .float(let value): self = value
        case .int(let value): self = Double(value)
        case .string, .bool: return nil
        }
    }
}

extension Bool: CategoricalChoice {
    /// The Boolean as `.bool`.
    public var parameterValue: ParameterValue { .bool(self) }

    /// Converts `.bool`, or returns nil.
    public init?(parameterValue: ParameterValue) {
        guard case .bool(let value) = parameterValue else { return nil }
        self = value
    }
}

extension ParameterValue: CategoricalChoice {
    /// The value itself.
    public var parameterValue: ParameterValue { self }

    /// Returns `parameterValue` unchanged.
    public init?(parameterValue: ParameterValue) {
        self = parameterValue
    }
}
