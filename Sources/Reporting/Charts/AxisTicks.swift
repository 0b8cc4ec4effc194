import Foundation

/// Evenly spaced tick values at round numbers (1, 2 or 5 times a power of ten) that cover a
/// data range, and the axis range they span.
///
/// The step is the smallest round number at least `(upper - lower) / targetCount`, and the axis
/// runs from the largest multiple of the step at or below `lower` to the smallest at or above
/// `upper`. A range of zero width is widened first: by 10 % of the value on each side, or to
/// -1...1 around zero, so that a single value or all-equal values still get a readable axis.
public struct AxisTicks: Equatable, Sendable {
    /// The first tick and the start of the axis, at or below the data's lower bound.
    public let lowerBound: Double
    /// The last tick and the end of the axis, at or above the data's upper bound.
    public let upperBound: Double
    /// The distance between neighbouring ticks: 1, 2 or 5 times a power of ten.
    public let step: Double
    /// The tick values from `lowerBound` to `upperBound`.
    public let values: [Double]
    /// The power of ten of `step`, which sets the number of decimals in labels.
    private let stepExponent: Int

    /// Creates ticks that cover `lower...upper` with about `targetCount` intervals.
    ///
    /// With `integerSteps`, the step is at least 1, for axes of epochs or trial numbers.
    ///
    /// - Precondition: `lower` and `upper` are finite, `lower <= upper` and `targetCount >= 1`.
    public init(covering lower: Double, _ upper: Double, targetCount: Int = 5, integerSteps: Bool = false) {
        precondition(
            lower.isFinite && upper.isFinite, "tick bounds must be finite, got \(lower) and \(upper)")
        precondition(lower <= upper, "lower bound \(lower) is above upper bound \(upper)")
        precondition(targetCount >= 1, "targetCount must be at least 1, got \(targetCount)")

        var lower = lower
        var upper = upper
        if lower == upper {
            let padding = lower == 0 ? 1 : abs(lower) / 10
            lower -= padding
            upper += padding
        }
        // Halving both bounds keeps a range such as -1e308...1e308 from overflowing.
        let span = upper / 2 - lower / 2
        var step = Self.roundStep(atLeast: span / Double(targetCount) * 2)
        if integerSteps && step.exponent < 0 {
            step = RoundStep(mantissa: 1, exponent: 0)
        }

        // The tolerance keeps 0.6 / 0.2 = 2.9999999999999996 from adding a tick below 0.6.
        let tolerance = 1e-9
        let firstIndex = (lower / step.value + tolerance).rounded(.down)
        let lastIndex = (upper / step.value - tolerance).rounded(.up)
        self.step = step.value
        self.stepExponent = step.exponent
        // Clamping keeps a last tick past the largest Double finite for bounds near it.
        let largest = Double.greatestFiniteMagnitude
        self.values = stride(from: firstIndex, through: lastIndex, by: 1).map {
            min(max(step.multiple($0), -largest), largest)
        }
        self.lowerBound = values.first ?? lower
        self.upperBound = values.last ?? upper
    }

    /// Returns the label of tick `value`, with as many decimals as the step needs.
    ///
    /// Labels use fixed notation ("0.25", "1500") unless the step is below 0.0001 or the
    /// largest tick reaches one million, where exponential notation ("2.5e-05") is shorter.
    public func label(for value: Double) -> String {
        let largest = max(abs(lowerBound), abs(upperBound))
        if stepExponent >= -4 && largest < 1e6 {
            return NumberFormatting.fixed(value, digits: max(0, -stepExponent))
        }
        let largestExponent = Int((log10(largest)).rounded(.down))
        let digits = max(0, largestExponent - stepExponent)
        let text = String(format: "%.\(digits)e", value)
        return value == 0 ? "0" : text
    }

    /// A round step, mantissa × 10^exponent, kept apart so that multiples are exact decimals.
    private struct RoundStep {
        var mantissa: Double
        var exponent: Int

        var value: Double { multiple(1) }

        /// Returns `index` × step, computed as an exact integer divided or multiplied by an
        /// exact power of ten, so that 3 × 0.1 gives 0.3 and not 0.30000000000000004.
        func multiple(_ index: Double) -> Double {
            let scaled = index * mantissa
            let power = pow(10, Double(abs(exponent)))
            return exponent < 0 ? scaled / power : scaled * power
        }
    }

    /// Returns the smallest of 1, 2 and 5 times a power of ten that is at least `minimum`.
    private static func roundStep(atLeast minimum: Double) -> RoundStep {
        var exponent = Int(log10(minimum).rounded(.down))
        let magnitude = pow(10, Double(exponent))
        let ratio = minimum / magnitude
        // A tolerance keeps 0.2 / 0.1 = 2.0000000000000004 from choosing 5.
        let tolerance = 1e-9
        let mantissa: Double
        if ratio <= 1 + tolerance {
            mantissa = 1
        } else if ratio <= 2 + tolerance {
            mantissa = 2
        } else if ratio <= 5 + tolerance {
            mantissa = 5
        } else {
            mantissa = 1
            exponent += 1
        }
        return RoundStep(mantissa: mantissa, exponent: exponent)
    }
}
