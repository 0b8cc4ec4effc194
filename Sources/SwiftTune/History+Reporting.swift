import Evaluation
import Reporting
import Training

extension History {
    /// Returns the per-epoch curves in the form the diagnosis reads.
    ///
    /// A run that diverged in its first epoch has no finished epoch; it becomes one epoch with
    /// non-finite losses, which the diagnosis reports as divergence.
    public func learningCurves(targetError: Double? = nil) -> LearningCurves {
        guard !epochs.isEmpty else {
            return LearningCurves(
                trainingLoss: [.nan], validationLoss: [.nan], trainingAccuracy: [0], validationAccuracy: [0],
                hasDiverged: status == .diverged, targetError: targetError)
        }
        return LearningCurves(
            trainingLoss: epochs.map(\.trainingLoss), validationLoss: epochs.map(\.validationLoss),
            trainingAccuracy: epochs.map(\.trainingAccuracy),
            validationAccuracy: epochs.map(\.validationAccuracy),
            learningRate: epochs.map(\.learningRate), hasDiverged: status == .diverged,
            targetError: targetError)
    }

    /// Returns the learning curves in the form the report charts read.
    public func runHistory(name: String) -> RunHistory {
        RunHistory(
            name: name,
            epochs: epochs.map {
                EpochMetrics(
                    epoch: $0.epoch, trainingLoss: $0.trainingLoss, validationLoss: $0.validationLoss,
                    trainingAccuracy: $0.trainingAccuracy, validationAccuracy: $0.validationAccuracy,
                    learningRate: $0.learningRate, seconds: $0.seconds)
            },
            bestEpoch: bestEpoch, stoppedEpoch: stoppedEpoch)
    }
}
