import Foundation

/// The figures of one training epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Mean training loss over the epoch's batches, without the L2 penalty.
    public var trainingLoss: Double
    /// Fraction of training samples predicted right during the epoch (with dropout active).
    public var trainingAccuracy: Double
    /// Loss on the validation split at the end of the epoch.
    public var validationLoss: Double
    /// Accuracy on the validation split at the end of the epoch.
    public var validationAccuracy: Double
    /// Value of the early-stopping monitor on the validation split, when it is another metric.
    public var monitorValue: Double?
    /// Learning rate in force during the epoch.
    public var learningRate: Double
    /// Wall-clock seconds of the epoch, validation included.
    public var seconds: Double
}

/// The way a training run ended.
public enum RunStatus: String, Codable, Sendable {
    /// The epoch limit was reached.
    case completed
    /// Early stopping ended the run.
    case earlyStopped
    /// The loss became NaN or infinite.
    case diverged
}

/// The record of a training run: one entry per epoch and how the run ended.
public struct History: Codable, Equatable, Sendable {
    public var epochs: [EpochRecord] = []
    public var status: RunStatus = .completed
    /// Epoch (from 1) with the best value of the monitored validation metric.
    public var bestEpoch: Int?
    /// Epoch (from 1) after which early stopping ended the run.
    public var stoppedEpoch: Int?
    /// Whether the model ends with the weights of `bestEpoch` (restored by early stopping);
    /// otherwise it has the weights of the last epoch.
    public var restoredBestWeights = false
    /// Explanation for a diverged run, with advice.
    public var message: String?

    public init() {}

    /// The history as CSV: a header and one row per epoch.
    public var csv: String {
        var lines = [
            "epoch,training_loss,training_accuracy,validation_loss,validation_accuracy,monitor,learning_rate,seconds"
        ]
        for record in epochs {
            let monitor = record.monitorValue.map { format($0) } ?? ""
            lines.append(
                [
                    "\(record.epoch)", format(record.trainingLoss), format(record.trainingAccuracy),
                    format(record.validationLoss), format(record.validationAccuracy), monitor,
                    format(record.learningRate), String(format: "%.3f", record.seconds),
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6g", value) : "\(value)"
    }
}
