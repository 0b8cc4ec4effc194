/// The verdict on a training run's learning curves, with the rule that fired, the numbers
/// behind it and advice for the next experiment. `LearningCurves.diagnose(thresholds:)`
/// creates it.
public struct Diagnosis: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The state of a training run that its learning curves show, one per run.
    public enum Verdict: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
        /// Low error on training and validation data, with the validation loss leveled off.
        case goodFit
        /// Validation error well above training error, or validation loss turned upward.
        case overfitting
        /// Training error well above the target error: the model does not fit the training data.
        case underfitting
        /// Loss oscillating, or validation loss rising from the first epoch without progress.
        case learningRateTooHigh
        /// Validation loss still falling at the last epoch.
        case stoppedTooEarly
        /// A loss became NaN or infinite.
        case diverged

        /// The verdict in words, such as "learning rate too high".
        public var description: String {
            switch self {
            case .goodFit: return "good fit"
            case .overfitting: return "overfitting"
            case .underfitting: return "underfitting"
            case .learningRateTooHigh: return "learning rate too high"
            case .stoppedTooEarly: return "stopped too early"
            case .diverged: return "diverged"
            }
        }
    }

    /// The rule that decided a verdict; rules are checked in the order of their declaration.
    public enum Rule: String, Codable, CaseIterable, Sendable {
        /// A training or validation loss is NaN or infinite.
        case nonFiniteLoss
        /// The curves are marked as diverged.
        case divergedFlag
        /// Training or validation loss changes direction often with large moves.
        case oscillatingLoss
        /// Validation loss is lowest at epoch 1 and ends well above it while training loss
        /// hardly falls.
        case risingFromStart
        /// Validation loss ends well above its minimum at an earlier epoch while training loss
        /// keeps falling.
        case validationLossTurnedUp
        /// Validation error exceeds training error by at least the gap threshold and by at
        /// least the avoidable bias.
        case generalizationGap
        /// Validation loss is lowest at the last epoch and fell over the last epochs.
        case stillImproving
        /// Training error exceeds the target error by at least the bias threshold.
        case highBias
        /// No other rule fired.
        case noRuleFired

        /// The verdict this rule gives.
        public var verdict: Verdict {
            switch self {
            case .nonFiniteLoss, .divergedFlag: return .diverged
            case .oscillatingLoss, .risingFromStart: return .learningRateTooHigh
            case .validationLossTurnedUp, .generalizationGap: return .overfitting
            case .stillImproving: return .stoppedTooEarly
            case .highBias: return .underfitting
            case .noRuleFired: return .goodFit
            }
        }
    }

    /// The verdict of the rule that fired.
    public let verdict: Verdict
    /// The rule that fired.
    public let rule: Rule
    /// The rule as a sentence with its thresholds, such as "Validation error exceeds training
    /// error by at least 5.0 points ...".
    public let ruleDescription: String
    /// The measured numbers.
    public let evidence: DiagnosisEvidence
    /// Concrete changes for the next experiment, most promising first.
    public let advice: [String]

    /// The diagnosis as plain text: verdict, rule, evidence and one advice item per line.
    public var description: String {
        var lines = [
            "Verdict: \(verdict)",
            "Rule: \(ruleDescription)",
            "Evidence: \(evidence)",
            "Advice:",
        ]
        lines += advice.map { "- \($0)" }
        return lines.joined(separator: "\n")
    }
}
