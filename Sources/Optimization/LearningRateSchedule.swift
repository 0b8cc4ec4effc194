/// A rule for the learning rate of each epoch.
///
/// Epochs are numbered from 0. The trainer calls `learningRate(atEpoch:)` at the start of
/// each epoch and passes that rate to every `Optimizer.step` of the epoch. Schedules that
/// react to a metric name it in `monitor`, and after each epoch the trainer passes that
/// metric's value to `record(_:atEpoch:)`. Pure schedules have no monitor and ignore `record`.
///
/// ```swift
/// var schedule: any LearningRateSchedule = StepDecaySchedule(
///     initialLearningRate: 0.1, factor: 0.5, stepSize: 10)
/// for epoch in 0..<epochs {
///     let learningRate = schedule.learningRate(atEpoch: epoch)
///     // ... train with learningRate, then validate ...
///     if let metric = schedule.monitor { schedule.record(validation[metric], atEpoch: epoch) }
/// }
/// ```
public protocol LearningRateSchedule: Sendable {
    /// Returns the learning rate for `epoch`, which must not be negative.
    func learningRate(atEpoch epoch: Int) -> Float

    /// Name of the metric whose value `record(_:atEpoch:)` expects, or nil when the schedule
    /// does not depend on any metric.
    var monitor: String? { get }

    /// Takes the monitored metric's value at the end of `epoch`.
    mutating func record(_ value: Float, atEpoch epoch: Int)
}

extension LearningRateSchedule {
    /// Nil: the schedule depends on the epoch alone.
    public var monitor: String? { nil }

    /// Ignores the value: the schedule depends on the epoch alone.
    public mutating func record(_ value: Float, atEpoch epoch: Int) {}
}

/// The same learning rate in every epoch: `lr(epoch) = initialLearningRate`.
public struct ConstantSchedule: LearningRateSchedule, Equatable {
    /// The learning rate of every epoch, positive and finite.
    public let initialLearningRate: Float

    /// Creates a constant schedule. `initialLearningRate` must be positive and finite.
    public init(initialLearningRate: Float) {
        requireValidInitialLearningRate(initialLearningRate)
        self.initialLearningRate = initialLearningRate
    }

    public func learningRate(atEpoch epoch: Int) -> Float {
        precondition(epoch >= 0, "epoch must not be negative, got \(epoch)")
        return initialLearningRate
    }
}

/// Stops the program unless `learningRate` can start a schedule: positive and finite.
func requireValidInitialLearningRate(_ learningRate: Float) {
    precondition(
        learningRate > 0 && learningRate.isFinite,
        "initial learning rate must be positive and finite, got \(learningRate)")
}

/// Stops the program unless `factor` is in `(0, 1)` and `stepSize` is at least 1.
func requireValidDecay(factor: Float, stepSize: Int) {
    precondition(factor > 0 && factor < 1, "factor must be in (0, 1), got \(factor)")
    precondition(stepSize >= 1, "step size must be at least 1, got \(stepSize)")
}
