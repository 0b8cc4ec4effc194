extension LearningCurves {
    /// Diagnoses the curves: finds the first rule that fires and returns its verdict, the
    /// measured evidence and advice for the next experiment.
    ///
    /// Rules, checked in this order of precedence; the first that fires decides:
    /// 1. `nonFiniteLoss`, `divergedFlag` → diverged. With NaN losses no other number means
    ///    anything.
    /// 2. `oscillatingLoss`, `risingFromStart` → learning rate too high. An unstable optimizer
    ///    makes the error levels that the later rules compare unreliable.
    /// 3. `validationLossTurnedUp`, `generalizationGap` → overfitting. Once validation loss has
    ///    turned upward, or variance dominates, more epochs do not help.
    /// 4. `stillImproving` → stopped too early. While validation loss still falls, the training
    ///    error is not final, so a bias verdict would be premature and more epochs are the
    ///    cheapest next experiment.
    /// 5. `highBias` → underfitting.
    /// 6. `noRuleFired` → good fit.
    ///
    /// Without `targetError`, the target is taken as 0 %, so the training error itself is the
    /// avoidable bias. Errors are read at the last epoch; see `DiagnosisEvidence`.
    ///
    /// Throws `EvaluationError.invalidDiagnosisInput` when `validate()` or
    /// `thresholds.validate()` fails.
    public func diagnose(thresholds: DiagnosisThresholds = .standard) throws -> Diagnosis {
        try validate()
        try thresholds.validate()

        let evidence = DiagnosisEvidence(curves: self, thresholds: thresholds)
        let rule = firstFiredRule(evidence: evidence, thresholds: thresholds)
        return Diagnosis(
            verdict: rule.verdict, rule: rule,
            ruleDescription: describe(rule, evidence: evidence, thresholds: thresholds),
            evidence: evidence,
            advice: rule.verdict.advice(evidence: evidence, thresholds: thresholds))
    }

    private func firstFiredRule(evidence: DiagnosisEvidence, thresholds: DiagnosisThresholds)
        -> Diagnosis.Rule
    {
        if evidence.firstNonFiniteLossEpoch != nil {
            return .nonFiniteLoss
        }
        if hasDiverged {
            return .divergedFlag
        }

        // From here on every loss is finite, so the loss figures of the evidence exist
        // (except the trends, which need two epochs).
        let reversals = max(evidence.validationLossReversals, evidence.trainingLossReversals)
        if reversals >= thresholds.oscillationMinimumReversals {
            return .oscillatingLoss
        }
        let bestEpoch = evidence.bestValidationLossEpoch ?? epochCount
        let riseReached = (evidence.validationLossRisePercent ?? 0) >= 100 * thresholds.lossRiseFraction
        let trainingLossChange = evidence.trainingLossChangePercent ?? 0
        if bestEpoch == 1, riseReached, trainingLossChange > -100 * thresholds.minimumTrainingLossDrop {
            return .risingFromStart
        }
        if bestEpoch < epochCount, riseReached {
            return .validationLossTurnedUp
        }

        let bias = evidence.avoidableBiasPoints ?? evidence.trainingErrorPercent
        if evidence.gapPoints >= thresholds.overfittingGapPoints, evidence.gapPoints >= bias {
            return .generalizationGap
        }
        if bestEpoch == epochCount, let change = evidence.recentValidationLossChangePercent,
            change <= -100 * thresholds.stillImprovingFraction
        {
            return .stillImproving
        }
        if bias >= thresholds.underfittingBiasPoints {
            return .highBias
        }
        return .noRuleFired
    }

    private func describe(
        _ rule: Diagnosis.Rule, evidence: DiagnosisEvidence, thresholds: DiagnosisThresholds
    ) -> String {
        let rise = formatted(100 * thresholds.lossRiseFraction)
        let gap = formatted(thresholds.overfittingGapPoints)
        let bias = formatted(thresholds.underfittingBiasPoints)
        switch rule {
        case .nonFiniteLoss:
            return "A training or validation loss is NaN or infinite."
        case .divergedFlag:
            return "The run is marked as diverged."
        case .oscillatingLoss:
            return
                "Training or validation loss changed direction at least \(thresholds.oscillationMinimumReversals) "
                + "times with moves above \(formatted(100 * thresholds.oscillationMoveFraction)) %."
        case .risingFromStart:
            return
                "Validation loss was lowest at epoch 1 and ended at least \(rise) % above it, while training "
                + "loss fell less than \(formatted(100 * thresholds.minimumTrainingLossDrop)) %."
        case .validationLossTurnedUp:
            return "Validation loss ended at least \(rise) % above its minimum at an earlier epoch."
        case .generalizationGap:
            return "Validation error exceeds training error by at least \(gap) points and by at least the "
                + "avoidable bias."
        case .stillImproving:
            return "Validation loss was lowest at the last epoch and fell at least "
                + "\(formatted(100 * thresholds.stillImprovingFraction)) % over the last "
                + "\(evidence.recentWindowEpochs) epochs."
        case .highBias:
            if targetError == nil {
                return "Training error is at least \(bias) % (no target error given, so the target is 0 %)."
            }
            return "Training error exceeds the target error by at least \(bias) points."
        case .noRuleFired:
            return "No rule fired: the losses are finite and stable, the gap is below \(gap) points, the "
                + "avoidable bias is below \(bias) points, and validation loss has leveled off."
        }
    }
}
