import Foundation

/// A learning rate that falls smoothly by `factor` over every `stepSize` epochs.
///
/// `lr(epoch) = initialLearningRate * factor^(epoch / stepSize)`, with real division and
/// epochs numbered from 0, so the rate falls by the same ratio `factor^(1 / stepSize)` from
/// each epoch to the next. With `factor` 0.1 and `stepSize` 8, epoch 8 uses a tenth of the
/// initial rate, epoch 4 about 0.316 of it, and epoch 16 a hundredth. The power is
/// computed in `Double`.
///
/// ```swift
/// let schedule = ExponentialDecaySchedule(initialLearningRate: 0.01, factor: 0.1, stepSize: 8)
/// schedule.learningRate(atEpoch: 8)   // 0.001
/// ```
public struct ExponentialDecaySchedule: LearningRateSchedule, Equatable {
    /// The learning rate of epoch 0, positive and finite.
    public let initialLearningRate: Float
    /// Multiplier reached after `stepSize` epochs, in `(0, 1)`.
    public let factor: Float
    /// Number of epochs over which the rate falls by `factor`, at least 1.
    public let stepSize: Int

    /// Creates an exponential-decay schedule.
    ///
    /// `initialLearningRate` must be positive and finite, `factor` in `(0, 1)` and
    /// `stepSize` at least 1.
    public init(initialLearningRate: Float, factor: Float, stepSize: Int) {
        requireValidInitialLearningRate(initialLearningRate)
        requireValidDecay(factor: factor, stepSize: stepSize)
        self.initialLearningRate = initialLearningRate
        self.factor = factor
        self.stepSize = stepSize
    }

    public func learningRate(atEpoch epoch: Int) -> Float {
        precondition(epoch >= 0, "epoch must not be negative, got \(epoch)")
        let exponent = Double(epoch) / Double(stepSize)
        return Float(Double(initialLearningRate) * pow(Double(factor), exponent))
    }
}
