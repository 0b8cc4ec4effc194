/// Whether smaller or larger values of a monitored metric are better.
public enum MonitorMode: String, Codable, CaseIterable, Sendable {
    /// Smaller is better, as for a loss.
    case min
    /// Larger is better, as for accuracy or recall.
    case max
}

/// The scale of the minimum delta of an improvement.
public enum DeltaMode: String, Codable, CaseIterable, Sendable {
    /// The value must beat the best by more than `minDelta` itself.
    case absolute
    /// The value must beat the best by more than `minDelta * |best|`.
    case relative
}

/// The best value of a monitored metric and the number of epochs since it last improved,
/// shared by `EarlyStopping` and `ReduceOnPlateauSchedule`.
///
/// Counting rule:
///
/// - An epoch counts as an improvement when its value beats the best value so far by more
///   than `delta`: in mode `.min` when `value < best - delta`, in mode `.max` when
///   `value > best + delta`. `delta` is `minDelta` for `.absolute` and `minDelta * |best|`
///   for `.relative`, and 0 while the best value is infinite.
/// - The first recorded value that is not NaN is an improvement. A NaN value never is.
/// - An improvement stores the value and epoch as `bestValue` and `bestEpoch` and sets the
///   counter `epochsWithoutImprovement` to 0. Any other epoch adds 1 to the counter and
///   leaves the best value alone, even when the value is slightly better than it.
/// - An epoch without improvement that brings the counter to `patience` or more exhausts
///   the patience. So with patience `p`, the `p`-th consecutive epoch without improvement
///   exhausts it, and with patience 0 every epoch without improvement does. The counter
///   keeps growing until an improvement or `restartCount()` resets it.
///
/// For example, take mode `.min`, `minDelta` 0.01 absolute, patience 2 and the values
/// 1.0, 0.8, 0.795, 0.9. Epochs 0 and 1 improve, so the best is 0.8 at epoch 1. Epoch 2 does
/// not improve, because 0.795 is not below 0.79, and the counter becomes 1. Epoch 3 brings
/// the counter to 2, which exhausts the patience.
public struct PatienceTracker: Equatable, Sendable {
    /// The result of recording one epoch's value.
    public enum Outcome: Equatable, Sendable {
        /// The value is the new best.
        case improved
        /// The value did not improve and the patience is not yet exhausted.
        case notImproved
        /// The value did not improve and this epoch brings the counter to the patience.
        case patienceExhausted
    }

    /// Whether smaller or larger values are better.
    public let mode: MonitorMode
    /// Margin by which a value must beat the best to count as an improvement, not negative.
    public let minDelta: Float
    /// Whether `minDelta` is absolute or relative to the best value.
    public let deltaMode: DeltaMode
    /// Number of consecutive epochs without improvement that exhausts the patience, not negative.
    public let patience: Int

    /// The best value so far, or nil before the first value that is not NaN.
    public private(set) var bestValue: Float?
    /// The epoch of `bestValue`, or nil before the first value that is not NaN.
    public private(set) var bestEpoch: Int?
    /// Consecutive epochs without improvement since the last improvement or restart.
    public private(set) var epochsWithoutImprovement = 0

    /// Creates a tracker with no recorded values.
    ///
    /// `minDelta` must be finite and not negative and `patience` must not be negative.
    public init(mode: MonitorMode, patience: Int, minDelta: Float = 0, deltaMode: DeltaMode = .absolute) {
        precondition(patience >= 0, "patience must not be negative, got \(patience)")
        precondition(
            minDelta >= 0 && minDelta.isFinite, "minDelta must be finite and not negative, got \(minDelta)")
        self.mode = mode
        self.patience = patience
        self.minDelta = minDelta
        self.deltaMode = deltaMode
    }

    /// Returns whether `value` would count as an improvement over the best value so far.
    public func isImprovement(_ value: Float) -> Bool {
        if value.isNaN {
            return false
        }
        guard let best = bestValue else {
            return true
        }
        var delta: Float = 0
        if best.isFinite {
            delta = deltaMode == .absolute ? minDelta : minDelta * abs(best)
        }
        switch mode {
        case .min:
            return value < best - delta
        case .max:
            return value > best + delta
        }
    }

    /// Records the monitored value of `epoch` and returns what it means under the counting rule.
    public mutating func record(_ value: Float, epoch: Int) -> Outcome {
        if isImprovement(value) {
            bestValue = value
            bestEpoch = epoch
            epochsWithoutImprovement = 0
            return .improved
        }
        epochsWithoutImprovement += 1
        return epochsWithoutImprovement >= patience ? .patienceExhausted : .notImproved
    }

    /// Sets the counter of epochs without improvement to 0 and keeps the best value.
    public mutating func restartCount() {
        epochsWithoutImprovement = 0
    }
}
