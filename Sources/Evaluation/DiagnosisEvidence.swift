import Foundation

/// The numbers behind a `Diagnosis`, measured from `LearningCurves`.
///
/// Epochs are numbered from 1. Errors are 1 − accuracy at the last epoch, in percent. Loss
/// figures cover the epochs before the first non-finite loss, so they stay finite for a
/// diverged run. For the same reason, a loss of exactly 0 counts as 1e-12 in relative changes.
public struct DiagnosisEvidence: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Number of epochs in the curves.
    public let epochCount: Int
    /// First epoch whose training or validation loss is NaN or infinite; nil when all are finite.
    public let firstNonFiniteLossEpoch: Int?
    /// Training error at the last epoch, in percent.
    public let trainingErrorPercent: Double
    /// Validation error at the last epoch, in percent.
    public let validationErrorPercent: Double
    /// Validation error − training error, in percentage points; the variance estimate.
    public let gapPoints: Double
    /// The target error in percent; nil when the curves give none.
    public let targetErrorPercent: Double?
    /// Training error − target error, in percentage points; nil without a target error.
    public let avoidableBiasPoints: Double?
    /// Epoch with the lowest validation loss; nil when the first epoch's loss is not finite.
    public let bestValidationLossEpoch: Int?
    /// Last finite validation loss above the lowest, in percent of the lowest.
    public let validationLossRisePercent: Double?
    /// Number of final epochs that `recentValidationLossChangePercent` spans.
    public let recentWindowEpochs: Int
    /// Change of the validation loss over the last `recentWindowEpochs` epochs, in percent of
    /// the earlier value. It is negative while the loss falls and nil with fewer than two
    /// finite epochs.
    public let recentValidationLossChangePercent: Double?
    /// Change of the training loss from the first to the last finite epoch, in percent of the
    /// first; nil with fewer than two finite epochs.
    public let trainingLossChangePercent: Double?
    /// Direction changes of the validation loss between moves larger than
    /// `DiagnosisThresholds.oscillationMoveFraction`.
    public let validationLossReversals: Int
    /// Direction changes of the training loss, counted like `validationLossReversals`.
    public let trainingLossReversals: Int
    /// The highest learning rate of the run; nil when the curves do not record it.
    public let peakLearningRate: Double?

    /// Measures `curves`, which must have passed `LearningCurves.validate()`.
    init(curves: LearningCurves, thresholds: DiagnosisThresholds) {
        let epochCount = curves.epochCount
        let firstNonFinite = (0..<epochCount).first {
            !curves.trainingLoss[$0].isFinite || !curves.validationLoss[$0].isFinite
        }
        let finiteCount = firstNonFinite ?? epochCount
        let trainingLoss = Array(curves.trainingLoss.prefix(finiteCount))
        let validationLoss = Array(curves.validationLoss.prefix(finiteCount))

        self.epochCount = epochCount
        self.firstNonFiniteLossEpoch = firstNonFinite.map { $0 + 1 }

        let trainingError = 100 * (1 - curves.trainingAccuracy[epochCount - 1])
        let validationError = 100 * (1 - curves.validationAccuracy[epochCount - 1])
        self.trainingErrorPercent = trainingError
        self.validationErrorPercent = validationError
        self.gapPoints = validationError - trainingError
        self.targetErrorPercent = curves.targetError.map { 100 * $0 }
        self.avoidableBiasPoints = curves.targetError.map { trainingError - 100 * $0 }

        if let lowest = validationLoss.min(), let last = validationLoss.last {
            self.bestValidationLossEpoch = validationLoss.firstIndex(of: lowest)! + 1
            self.validationLossRisePercent = 100 * Self.relativeChange(from: lowest, to: last)
        } else {
            self.bestValidationLossEpoch = nil
            self.validationLossRisePercent = nil
        }

        let window = min(thresholds.improvementWindow, max(finiteCount - 1, 1))
        self.recentWindowEpochs = window
        if finiteCount >= 2 {
            let last = validationLoss[finiteCount - 1]
            self.recentValidationLossChangePercent =
                100 * Self.relativeChange(from: validationLoss[finiteCount - 1 - window], to: last)
            self.trainingLossChangePercent =
                100 * Self.relativeChange(from: trainingLoss[0], to: trainingLoss[finiteCount - 1])
        } else {
            self.recentValidationLossChangePercent = nil
            self.trainingLossChangePercent = nil
        }

        self.validationLossReversals = Self.countReversals(
            validationLoss, minimumMove: thresholds.oscillationMoveFraction)
        self.trainingLossReversals = Self.countReversals(
            trainingLoss, minimumMove: thresholds.oscillationMoveFraction)
        self.peakLearningRate = curves.learningRate.max()
    }

    /// Returns (new − old) / old, with an old value of 0 replaced by 1e-12.
    static func relativeChange(from old: Double, to new: Double) -> Double {
        (new - old) / max(old, 1e-12)
    }

    /// Counts the direction changes between consecutive moves larger than `minimumMove` times
    /// the first value; smaller moves are skipped as noise.
    ///
    /// Moves are measured against the first epoch's loss, the scale of the whole curve, and not
    /// against the previous value: a training loss near zero (0.001 to 0.0015) moves by 50 % of
    /// itself from noise alone, and must not read as oscillation.
    static func countReversals(_ values: [Double], minimumMove: Double) -> Int {
        guard let first = values.first else { return 0 }
        var reversals = 0
        var lastDirection = 0
        for index in values.indices.dropFirst() {
            let change = (values[index] - values[index - 1]) / max(abs(first), 1e-12)
            guard abs(change) > minimumMove else {
                continue
            }
            let direction = change > 0 ? 1 : -1
            if lastDirection != 0, direction != lastDirection {
                reversals += 1
            }
            lastDirection = direction
        }
        return reversals
    }

    /// The numbers as one line of `; `-separated phrases, such as
    /// "training error 1.0 %, validation error 10.0 %, gap 9.0 points; ...".
    public var description: String {
        var phrases: [String] = []
        if let firstNonFiniteLossEpoch {
            phrases.append("loss not finite from epoch \(firstNonFiniteLossEpoch) of \(epochCount)")
        }
        phrases.append(
            "training error \(formatted(trainingErrorPercent)) %, validation error \(formatted(validationErrorPercent)) %, "
                + "gap \(formatted(gapPoints)) points")
        if let targetErrorPercent, let avoidableBiasPoints {
            phrases.append(
                "target error \(formatted(targetErrorPercent)) %, avoidable bias \(formatted(avoidableBiasPoints)) points, "
                    + "variance \(formatted(gapPoints)) points")
        }
        if let bestValidationLossEpoch, let validationLossRisePercent {
            if bestValidationLossEpoch == epochCount {
                phrases.append("validation loss lowest at the last epoch")
            } else {
                let lastValue = firstNonFiniteLossEpoch == nil ? "last value" : "last finite value"
                phrases.append(
                    "validation loss lowest at epoch \(bestValidationLossEpoch), \(lastValue) "
                        + "\(formatted(validationLossRisePercent)) % above it")
            }
        }
        if let recentValidationLossChangePercent {
            phrases.append(
                "validation loss changed \(formatted(recentValidationLossChangePercent)) % "
                    + "over the last \(recentWindowEpochs) epochs")
        }
        if let trainingLossChangePercent {
            phrases.append("training loss changed \(formatted(trainingLossChangePercent)) % since epoch 1")
        }
        if validationLossReversals > 0 || trainingLossReversals > 0 {
            phrases.append(
                "loss direction reversals: validation \(validationLossReversals), training \(trainingLossReversals)"
            )
        }
        return phrases.joined(separator: "; ")
    }
}

/// Formats `value` with one decimal, writing values that round to zero as "0.0" (not "-0.0").
func formatted(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return String(format: "%.1f", rounded == 0 ? 0 : rounded)
}
