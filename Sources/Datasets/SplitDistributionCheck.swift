/// A comparison of validation and test splits with the training split, which warns when a split
/// looks drawn from another distribution: other class shares, other brightness or contrast, or
/// other image sizes.
///
/// Rules, for a split of n samples compared with training:
/// - Class frequencies: the total variation distance, half the sum over classes of the absolute
///   differences of class shares, must not exceed `maximumClassDistance` or `classCount / (2 n)`,
///   whichever is larger. The second bound is the most that rounding class counts to whole samples
///   can cause.
/// - Channel means: a warning needs both a shift of more than `maximumMeanShift` training standard
///   deviations and a z score above `minimumMeanZScore`, so that small splits do not warn on
///   chance alone. The z score divides the shift by the standard error
///   sqrt(s_split^2 / n_split + s_training^2 / n_training), where s is the spread of the
///   samples' own channel means.
/// - Channel standard deviations and mean image sizes: the ratio to training's must lie within
///   1 / `maximumSpreadRatio` ... `maximumSpreadRatio`.
public struct SplitDistributionCheck: Equatable, Sendable {
    /// One finding, with the numbers behind it.
    public struct Warning: Codable, Equatable, Sendable, CustomStringConvertible {
        /// The measure that differs.
        public enum Measure: String, Codable, Sendable {
            case sampleShape, classFrequencies, channelMean, channelStandardDeviation, imageSize
        }

        /// The split compared with training, such as "test".
        public var split: String
        /// The measure that differs.
        public var measure: Measure
        /// A sentence with the values of both splits and the threshold.
        public var message: String

        public var description: String { message }
    }

    /// The largest total variation distance of class frequencies allowed. Default 0.05.
    public var maximumClassDistance = 0.05
    /// The largest shift of a channel mean, in training standard deviations, allowed. Default 0.1.
    public var maximumMeanShift = 0.1
    /// The z score a mean shift must also exceed to warn. Default 4.
    public var minimumMeanZScore = 4.0
    /// The largest ratio (either way) of standard deviations or mean image sizes allowed. Default 1.25.
    public var maximumSpreadRatio = 1.25

    /// Creates a check with the default thresholds.
    public init() {}

    /// Returns the warnings for each of `splits` compared with `training`, split by split.
    public func compare(_ splits: [SplitStatistics], withTraining training: SplitStatistics) -> [Warning] {
        splits.flatMap { compare($0, withTraining: training) }
    }

    /// Returns the warnings for `split` compared with `training`; none when they look alike or
    /// when either has no samples.
    public func compare(_ split: SplitStatistics, withTraining training: SplitStatistics) -> [Warning] {
        guard split.sampleCount > 0, training.sampleCount > 0 else { return [] }
        func warning(_ measure: Warning.Measure, _ message: String) -> Warning {
            Warning(split: split.name, measure: measure, message: "\(split.name): " + message)
        }
        guard split.sampleShape == training.sampleShape else {
            return [
                warning(
                    .sampleShape,
                    "samples have shape \(split.sampleShape), training's \(training.sampleShape).")
            ]
        }

        var warnings: [Warning] = []
        let distance =
            0.5 * zip(split.classFrequencies, training.classFrequencies).map { abs($0 - $1) }.reduce(0, +)
        let classBound = max(
            maximumClassDistance, Double(split.classFrequencies.count) / Double(2 * split.sampleCount))
        if distance > classBound {
            warnings.append(
                warning(
                    .classFrequencies,
                    "class frequencies differ from training's by a total variation distance of "
                        + "\(Self.format(distance)), above \(Self.format(classBound))."))
        }

        for channel in training.channelMeans.indices {
            let shift = split.channelMeans[channel] - training.channelMeans[channel]
            let spread = training.channelStandardDeviations[channel]
            let standardError =
                (pow2(split.sampleMeanStandardDeviations[channel]) / Double(split.sampleCount)
                + pow2(training.sampleMeanStandardDeviations[channel]) / Double(training.sampleCount))
                .squareRoot()
            let relativeShift = spread > 0 ? abs(shift) / spread : (shift == 0 ? 0 : .infinity)
            let zScore = standardError > 0 ? abs(shift) / standardError : (shift == 0 ? 0 : .infinity)
            if relativeShift > maximumMeanShift && zScore > minimumMeanZScore {
                warnings.append(
                    warning(
                        .channelMean,
                        "channel \(channel) has mean \(Self.format(split.channelMeans[channel])), training "
                            + "\(Self.format(training.channelMeans[channel])): a shift of "
                            + "\(Self.format(relativeShift)) training standard deviations (above "
                            + "\(Self.format(maximumMeanShift))) with z = \(Self.format(zScore))."))
            }

            let ratio = Self.ratio(split.channelStandardDeviations[channel], spread)
            if !isWithinSpreadRatio(ratio) {
                warnings.append(
                    warning(
                        .channelStandardDeviation,
                        "channel \(channel) has standard deviation "
                            + "\(Self.format(split.channelStandardDeviations[channel])), training "
                            + "\(Self.format(spread)): a ratio of \(Self.format(ratio)), outside "
                            + "\(Self.format(1 / maximumSpreadRatio))...\(Self.format(maximumSpreadRatio))."))
            }
        }

        if let height = split.meanImageHeight, let width = split.meanImageWidth,
            let trainingHeight = training.meanImageHeight, let trainingWidth = training.meanImageWidth
        {
            let heightRatio = Self.ratio(height, trainingHeight)
            let widthRatio = Self.ratio(width, trainingWidth)
            if !isWithinSpreadRatio(heightRatio) || !isWithinSpreadRatio(widthRatio) {
                warnings.append(
                    warning(
                        .imageSize,
                        "image files have a mean height of \(Self.format(height)) and width of "
                            + "\(Self.format(width)) pixels, training \(Self.format(trainingHeight)) and "
                            + "\(Self.format(trainingWidth)): ratios of \(Self.format(heightRatio)) and "
                            + "\(Self.format(widthRatio)), outside "
                            + "\(Self.format(1 / maximumSpreadRatio))...\(Self.format(maximumSpreadRatio))."))
            }
        }
        return warnings
    }

    private func isWithinSpreadRatio(_ ratio: Double) -> Bool {
        ratio <= maximumSpreadRatio && ratio >= 1 / maximumSpreadRatio
    }

    private static func ratio(_ value: Double, _ reference: Double) -> Double {
        reference > 0 ? value / reference : (value == 0 ? 1 : .infinity)
    }

    /// Formats a number rounded to 4 decimal places, without trailing zeros, for messages.
    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

private func pow2(_ value: Double) -> Double { value * value }
