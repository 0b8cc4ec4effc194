import TensorCore

/// The set of values one hyperparameter may take, and the scale to sample it on.
///
/// Construct a distribution freely, then call `validate(field:)`; decoding from JSON validates
/// already. Samplers assume a validated distribution.
public enum ParameterDistribution: Hashable, Sendable, CustomStringConvertible {
    /// Real numbers in `low...high`. With `log`, sampling is uniform in log space, which suits
    /// scale parameters such as a learning rate. With `step`, only `low + k * step` values up to
    /// `high` are allowed.
    case float(low: Double, high: Double, step: Double? = nil, log: Bool = false)
    /// Integers `low, low + step, ...` up to `high`. With `log` (which needs `step` 1), sampling
    /// is uniform in log space.
    case int(low: Int, high: Int, step: Int = 1, log: Bool = false)
    /// One of a fixed list of values, each equally likely under random sampling.
    case categorical([ParameterValue])

    /// Throws `ConfigurationError` unless the distribution is valid.
    ///
    /// `field` names the parameter in messages, such as `search.space.training.learningRate`.
    /// The rules:
    /// - Bounds are finite, and `low <= high`.
    /// - A log scale needs `low > 0` for floats and `low >= 1` for integers, and no step other than 1.
    /// - A float step is positive and finite, and an integer step is at least 1.
    /// - A categorical list is non-empty and has no repeated choice.
    public func validate(field: String) throws {
        switch self {
        case .float(let low, let high, let step, let log):
            guard low.isFinite else {
                throw ConfigurationError(
                    field: "\(field).low", rule: "must be a finite number", value: "\(low)")
            }
            guard high.isFinite else {
                throw ConfigurationError(
                    field: "\(field).high", rule: "must be a finite number", value: "\(high)")
            }
            guard low <= high else {
                throw ConfigurationError(
                    field: "\(field).low", rule: "must not be above high (\(high))", value: "\(low)")
            }
            if log && low <= 0 {
                throw ConfigurationError(
                    field: "\(field).low", rule: "must be positive on a log scale (log: true)",
                    value: "\(low)")
            }
            if let step {
                guard step > 0, step.isFinite else {
                    throw ConfigurationError(
                        field: "\(field).step", rule: "must be positive", value: "\(step)")
                }
                if log {
                    throw ConfigurationError(
                        field: "\(field).step", rule: "cannot be combined with log: true", value: "\(step)")
                }
            }

        case .int(let low, let high, let step, let log):
            guard low <= high else {
                throw ConfigurationError(
                    field: "\(field).low", rule: "must not be above high (\(high))", value: "\(low)")
            }
            guard step >= 1 else {
                throw ConfigurationError(field: "\(field).step", rule: "must be at least 1", value: "\(step)")
            }
            if log && low < 1 {
                throw ConfigurationError(
                    field: "\(field).low", rule: "must be at least 1 on a log scale (log: true)",
                    value: "\(low)")
            }
            if log && step != 1 {
                throw ConfigurationError(
                    field: "\(field).step", rule: "must be 1 on a log scale (log: true)", value: "\(step)")
            }

        case .categorical(let choices):
            guard !choices.isEmpty else {
                throw ConfigurationError(field: "\(field).choices", rule: "must not be empty", value: "[]")
            }
            var seen: Set<ParameterValue> = []
            for choice in choices where !seen.insert(choice).inserted {
                throw ConfigurationError(
                    field: "\(field).choices", rule: "must not repeat a choice", value: choice.description)
            }
        }
    }

    /// Returns `value` in this distribution's type when the distribution contains it, else nil.
    ///
    /// A float distribution accepts an `.int` and returns it as `.float`; an integer distribution
    /// accepts a `.float` with no fraction. A stepped float may be off the step grid by a relative
    /// 1e-9, to allow for rounding, and is returned as the grid value `low + k * step`.
    public func normalizedValue(_ value: ParameterValue) -> ParameterValue? {
        switch self {
        case .float(let low, let high, let step, _):
            guard let number = value.numericValue, number >= low, number <= high else { return nil }
            if let step {
                let steps = (number - low) / step
                guard abs(steps - steps.rounded()) <= 1e-9 * max(1, abs(steps)) else { return nil }
                // Snapping to the computed grid value makes 0.3 equal the grid's 0.1 + 2 * 0.1.
                return .float(min(low + steps.rounded() * step, high))
            }
            return .float(number)

        case .int(let low, let high, let step, _):
            let integer: Int
            switch value {
            case .int(let exact):
                integer = exact
            case .float(let number) where number.rounded() == number && abs(number) < 9e15:
                integer = Int(number)
            default:
                return nil
            }
            guard integer >= low, integer <= high, (integer - low) % step == 0 else { return nil }
            return .int(integer)

        case .categorical(let choices):
            if choices.contains(value) {
                return value
            }
            // A number matches a numeric choice of the other case (1 and 1.0).
            guard let number = value.numericValue else { return nil }
            return choices.first { $0.numericValue == number }
        }
    }

    /// Every value in grid order, or nil for a float distribution without a step, whose values
    /// are not finite in number.
    public var gridValues: [ParameterValue]? {
        switch self {
        case .float(let low, let high, let step, _):
            guard let step else { return nil }
            let count = Int(((high - low) / step + 1e-9).rounded(.down)) + 1
            return (0..<count).map { k in .float(min(low + Double(k) * step, high)) }
        case .int(let low, let high, let step, _):
            return stride(from: low, through: high, by: step).map { .int($0) }
        case .categorical(let choices):
            return choices
        }
    }

    /// The distribution in short form, such as `float 0.0001...0.1 log` or `int 32...256 step 32`.
    public var description: String {
        switch self {
        case .float(let low, let high, let step, let log):
            var text = "float \(low)...\(high)"
            if let step { text += " step \(step)" }
            if log { text += " log" }
            return text
        case .int(let low, let high, let step, let log):
            var text = "int \(low)...\(high)"
            if step != 1 { text += " step \(step)" }
            if log { text += " log" }
            return text
        case .categorical(let choices):
            return "categorical [\(choices.map(\.description).joined(separator: ", "))]"
        }
    }
}
