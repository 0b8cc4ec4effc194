import Foundation

extension Diagnosis.Verdict {
    /// Returns concrete changes for the next experiment, most promising first, with the run's
    /// own numbers (peak learning rate, best epoch, recent loss change) where the evidence has them.
    func advice(evidence: DiagnosisEvidence, thresholds: DiagnosisThresholds) -> [String] {
        let learningRate = evidence.peakLearningRate
        switch self {
        case .diverged:
            return [
                learningRate.map { "Lower the learning rate by 10x, from \(rate($0)) to \(rate($0 / 10))." }
                    ?? "Lower the learning rate by 10x.",
                "Standardize the inputs and check the data for NaN or infinite values.",
                "Clip gradients by global norm (for example to 1.0) or add a learning-rate warm-up.",
            ]

        case .learningRateTooHigh:
            return [
                learningRate.map {
                    "Lower the learning rate by 3-10x, from \(rate($0)) to between \(rate($0 / 10)) and \(rate($0 / 3))."
                } ?? "Lower the learning rate by 3-10x.",
                "If the loss becomes unstable only after some epochs, keep the rate and add a decaying schedule.",
                "Change nothing else in the next run, so that it shows the effect of the learning rate alone.",
            ]

        case .overfitting:
            var items = [
                "Get more training data or add data augmentation (random crops, flips, small shifts).",
                "Add L2 weight decay (for example 1e-4 to 1e-3) or raise it.",
                "Add dropout (for example 0.2 to 0.5) before the dense layers.",
                "Use a smaller model: fewer units, layers or filters.",
            ]
            if let best = evidence.bestValidationLossEpoch, best < evidence.epochCount {
                items.append(
                    "Use early stopping on validation loss; this run was best at epoch \(best) of \(evidence.epochCount)."
                )
            }
            return items

        case .underfitting:
            return [
                "Use a larger model: more units, layers or filters.",
                "Train for more epochs.",
                learningRate.map {
                    "Raise the learning rate by 2-3x, from \(rate($0)) to \(rate($0 * 2))-\(rate($0 * 3))."
                }
                    ?? "Raise the learning rate by 2-3x.",
                "Reduce regularization: lower weight decay and dropout.",
            ]

        case .stoppedTooEarly:
            let trend =
                evidence.recentValidationLossChangePercent.map {
                    " Validation loss changed \(formatted($0)) % over the last \(evidence.recentWindowEpochs) epochs "
                        + "and was lowest at the last epoch."
                } ?? ""
            var items = [
                "Train for more epochs, with early stopping on validation loss to end at the best one."
                    + trend,
                learningRate.map {
                    "Or raise the learning rate by 2-3x (from \(rate($0))) to converge in fewer epochs."
                }
                    ?? "Or raise the learning rate by 2-3x to converge in fewer epochs.",
            ]
            // The bias rule comes after this one, so a high bias is only mentioned here.
            let bias = evidence.avoidableBiasPoints ?? evidence.trainingErrorPercent
            if bias >= thresholds.underfittingBiasPoints {
                if evidence.avoidableBiasPoints == nil {
                    items.append(
                        "Training error is also high at \(formatted(bias)) %; if more epochs do not lower it, "
                            + "use a larger model.")
                } else {
                    items.append(
                        "Training error is also \(formatted(bias)) points above the target error; if more epochs "
                            + "do not close that gap, use a larger model.")
                }
            }
            return items

        case .goodFit:
            return [
                "Keep this configuration as the baseline for further experiments.",
                "To lower the error further, try a larger model with matching regularization, or more data, "
                    + "and compare against this run.",
            ]
        }
    }
}

/// Formats a learning rate with two significant digits, such as "0.033" or "3e-05".
private func rate(_ value: Double) -> String {
    String(format: "%.2g", value)
}
