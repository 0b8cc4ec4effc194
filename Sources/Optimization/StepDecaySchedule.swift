import Foundation

/// A learning rate multiplied by `factor` once every `stepSize` epochs.
///
/// `lr(epoch) = initialLearningRate * factor^floor(epoch / stepSize)`, with epochs numbered
/// from 0. With `stepSize` 3 and `factor` 0.5, epochs 0 to 2 use the initial rate, epochs 3
/// to 5 half of it, and epoch 6 a quarter. The power is computed in `Double`.
///
/// ```swift
/// let schedule = StepDecaySchedule(initialLearningRate: 0.1, factor: 0.5, stepSize: 3)
/// schedule.learningRate(atEpoch: 3)   // 0.05
/// ```
public struct StepDecaySchedule: LearningRateSchedule, Equatable {
    /// The learning rate of epochs `0..<stepSize`, positive and finite.
    public let initialLearningRate: Float
    /// Multiplier applied at each step, in `(0, 1)`.
    public let factor: Float
    /// Number of epochs between two multiplications, at least 1.
    public let stepSize: Int

    /// Creates a step-decay schedule.
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
        let steps = Double(epoch / stepSize)
        return Float(Double(initialLearningRate) * pow(Double(factor), steps))
    }
}
