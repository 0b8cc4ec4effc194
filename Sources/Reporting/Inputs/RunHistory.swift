import Evaluation

/// The epoch-by-epoch record of one training run, with the epochs a report marks.
///
/// ```swift
/// let history = RunHistory(
///     name: "trial 7",
///     epochs: [
///         EpochMetrics(epoch: 1, trainingLoss: 0.9, validationLoss: 0.8, learningRate: 0.01),
///         EpochMetrics(epoch: 2, trainingLoss: 0.5, validationLoss: 0.6, learningRate: 0.001),
///     ],
///     bestEpoch: 2)
/// ```
public struct RunHistory: Codable, Equatable, Sendable {
    /// The name in chart legends and headings, such as "trial 7" or the experiment name.
    public var name: String
    /// The epochs in training order.
    public var epochs: [EpochMetrics]
    /// The epoch whose weights were kept, such as the one with the lowest validation loss.
    public var bestEpoch: Int?
    /// The epoch after which early stopping ended the run; nil when the run used all its epochs.
    public var stoppedEpoch: Int?

    /// Creates a history; see the properties for the meaning of each argument.
    public init(name: String, epochs: [EpochMetrics], bestEpoch: Int? = nil, stoppedEpoch: Int? = nil) {
        self.name = name
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.stoppedEpoch = stoppedEpoch
    }

    /// Creates a history from the learning curves that a diagnosis reads, numbering epochs
    /// from 1.
    ///
    /// `secondsPerEpoch` is empty or has one entry per epoch. The learning rate of an epoch is
    /// nil when `curves.learningRate` is empty.
    ///
    /// - Precondition: the arrays of `curves` have one entry per epoch, and so has a non-empty
    ///   `secondsPerEpoch`.
    public init(
        name: String, curves: LearningCurves, secondsPerEpoch: [Double] = [], bestEpoch: Int? = nil,
        stoppedEpoch: Int? = nil
    ) {
        let count = curves.epochCount
        for (field, length) in [
            ("validationLoss", curves.validationLoss.count),
            ("trainingAccuracy", curves.trainingAccuracy.count),
            ("validationAccuracy", curves.validationAccuracy.count),
        ] {
            precondition(length == count, "\(field) has \(length) entries for \(count) epochs")
        }
        precondition(
            curves.learningRate.isEmpty || curves.learningRate.count == count,
            "learningRate has \(curves.learningRate.count) entries for \(count) epochs")
        precondition(
            secondsPerEpoch.isEmpty || secondsPerEpoch.count == count,
            "secondsPerEpoch has \(secondsPerEpoch.count) entries for \(count) epochs")

        let epochs = (0..<count).map { index in
            EpochMetrics(
                epoch: index + 1, trainingLoss: curves.trainingLoss[index],
                validationLoss: curves.validationLoss[index],
                trainingAccuracy: curves.trainingAccuracy[index],
                validationAccuracy: curves.validationAccuracy[index],
                learningRate: curves.learningRate.isEmpty ? nil : curves.learningRate[index],
                seconds: secondsPerEpoch.isEmpty ? nil : secondsPerEpoch[index])
        }
        self.init(name: name, epochs: epochs, bestEpoch: bestEpoch, stoppedEpoch: stoppedEpoch)
    }

    /// The epochs at which the learning rate differs from the previous epoch's, with both
    /// rates, in epoch order. Epochs without a recorded rate are passed over.
    public var learningRateChanges: [LearningRateChange] {
        var changes: [LearningRateChange] = []
        var previous: Double?
        for record in epochs {
            guard let rate = record.learningRate else {
                continue
            }
            if let previous, previous != rate {
                changes.append(LearningRateChange(epoch: record.epoch, from: previous, to: rate))
            }
            previous = rate
        }
        return changes
    }

    /// The total of the recorded epoch durations in seconds; nil when no epoch recorded one.
    public var totalSeconds: Double? {
        let durations = epochs.compactMap(\.seconds)
        return durations.isEmpty ? nil : durations.reduce(0, +)
    }
}

/// A change of learning rate between two epochs, such as a step of a schedule or a reduction
/// on plateau.
public struct LearningRateChange: Equatable, Sendable {
    /// The first epoch that used the new rate.
    public var epoch: Int
    /// The rate of the epoch before.
    public var from: Double
    /// The rate from `epoch` on.
    public var to: Double

    /// Creates a change to `to` at `epoch` from `from`.
    public init(epoch: Int, from: Double, to: Double) {
        self.epoch = epoch
        self.from = from
        self.to = to
    }
}
