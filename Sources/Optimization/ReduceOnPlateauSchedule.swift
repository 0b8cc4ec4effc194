/// A learning rate multiplied by `factor` whenever a monitored metric stops improving.
///
/// The schedule starts at `initialLearningRate`. After each epoch the trainer records the
/// monitored metric (usually a validation loss), and the epochs are counted by the rule
/// written on `PatienceTracker`, with this schedule's `mode`, `minDelta`, `deltaMode` and
/// `patience`. Then:
///
/// - An epoch that exhausts the patience reduces the rate of all later epochs to
///   `max(lr * factor, minLearningRate)`, but never raises it, and restarts the counter.
/// - The `cooldown` epochs recorded after a reduction are ignored for counting: an
///   improvement still updates the best value, but an epoch without improvement does not
///   add to the counter. Counting resumes with the first epoch after the cooldown.
/// - Once the rate is at `minLearningRate`, exhausting the patience changes nothing but the
///   counter and the cooldown.
///
/// For example, initial rate 1, factor 0.5, patience 2, cooldown 1 and `minDelta` 0 over a
/// loss stuck at 1.0 give the rates 1, 1, 1 for epochs 0 to 2 (epoch 0 is the best, and
/// epochs 1 and 2 exhaust the patience), 0.5 for epochs 3 to 5 (epoch 3 is the cooldown,
/// epochs 4 and 5 exhaust the patience again), and 0.25 from epoch 6.
///
/// Defaults follow PyTorch's `torch.optim.lr_scheduler.ReduceLROnPlateau`: `factor` 0.1,
/// `patience` 10, `cooldown` 0, `minLearningRate` 0, `minDelta` 1e-4 relative. PyTorch
/// counts patience differently, reducing only after `patience + 1` epochs without improvement.
///
/// ```swift
/// var schedule = ReduceOnPlateauSchedule(initialLearningRate: 0.01, metric: "loss", mode: .min)
/// let learningRate = schedule.learningRate(atEpoch: epoch)
/// // ... train and validate ...
/// schedule.record(validationLoss, atEpoch: epoch)
/// ```
public struct ReduceOnPlateauSchedule: LearningRateSchedule, Equatable {
    /// Name of the monitored metric, such as `loss` or `accuracy`.
    public let metric: String
    /// Multiplier applied at each reduction, in `(0, 1)`.
    public let factor: Float
    /// Number of epochs after a reduction that are ignored for counting, not negative.
    public let cooldown: Int
    /// Lower bound of the rate, finite and not negative.
    public let minLearningRate: Float

    /// The best value, best epoch and epoch counter.
    public private(set) var tracker: PatienceTracker
    /// The rate for the next epoch, after all values recorded so far.
    public private(set) var currentLearningRate: Float
    /// Number of recorded epochs that the current cooldown still ignores.
    public private(set) var cooldownRemaining = 0

    /// Creates a schedule that has recorded no values.
    ///
    /// `initialLearningRate` must be positive and finite, `factor` in `(0, 1)`, `patience`
    /// and `cooldown` not negative, and `minLearningRate` and `minDelta` finite and not
    /// negative.
    public init(
        initialLearningRate: Float, metric: String, mode: MonitorMode, factor: Float = 0.1,
        patience: Int = 10, cooldown: Int = 0, minLearningRate: Float = 0, minDelta: Float = 1e-4,
        deltaMode: DeltaMode = .relative
    ) {
        requireValidInitialLearningRate(initialLearningRate)
        precondition(factor > 0 && factor < 1, "factor must be in (0, 1), got \(factor)")
        precondition(cooldown >= 0, "cooldown must not be negative, got \(cooldown)")
        precondition(
            minLearningRate >= 0 && minLearningRate.isFinite,
            "minimum learning rate must be finite and not negative, got \(minLearningRate)")
        self.metric = metric
        self.factor = factor
        self.cooldown = cooldown
        self.minLearningRate = minLearningRate
        self.tracker = PatienceTracker(
            mode: mode, patience: patience, minDelta: minDelta, deltaMode: deltaMode)
        self.currentLearningRate = initialLearningRate
    }

    /// The name in `metric`, which the trainer records after every epoch.
    public var monitor: String? { metric }

    /// Returns `currentLearningRate`: the rate depends on the recorded values, not on `epoch`.
    public func learningRate(atEpoch epoch: Int) -> Float {
        precondition(epoch >= 0, "epoch must not be negative, got \(epoch)")
        return currentLearningRate
    }

    /// Records the monitored value at the end of `epoch` and reduces the rate for the
    /// following epochs when the patience is exhausted.
    public mutating func record(_ value: Float, atEpoch epoch: Int) {
        let outcome = tracker.record(value, epoch: epoch)
        if cooldownRemaining > 0 {
            cooldownRemaining -= 1
            tracker.restartCount()
            return
        }
        guard outcome == .patienceExhausted else {
            return
        }
        let reduced = max(currentLearningRate * factor, minLearningRate)
        currentLearningRate = min(currentLearningRate, reduced)
        tracker.restartCount()
        cooldownRemaining = cooldown
    }
}
