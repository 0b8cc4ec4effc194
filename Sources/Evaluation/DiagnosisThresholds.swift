/// The limits at which the rules of `LearningCurves.diagnose(thresholds:)` fire.
///
/// Errors and gaps are in percentage points of error (1 − accuracy). Loss changes are
/// fractions of the earlier loss, so they do not depend on the loss's scale.
///
/// NOTE: the defaults are judgment calls from common practice, not values calibrated on a
/// collection of runs; pass other thresholds where a task needs them.
public struct DiagnosisThresholds: Codable, Equatable, Sendable {
    /// Gap (validation error − training error) in points at or above which the model
    /// overfits, when the gap is also at least the avoidable bias.
    ///
    /// Default 5. Sampling noise on a validation set of a few thousand samples is below one
    /// point: the standard error of a 10 % error rate on 2000 samples is about 0.7 points.
    /// Gaps of one or two points are usual even for well-regularized models. Five points is
    /// clearly beyond both and large enough that regularization usually pays.
    public var overfittingGapPoints: Double

    /// Avoidable bias (training error − target error) in points at or above which the model
    /// underfits.
    ///
    /// Default 5, the same scale as the gap, so that bias and variance are judged alike.
    /// Without a target error the target is 0 %, which overstates bias on data with label
    /// noise; give `LearningCurves.targetError` for such data.
    public var underfittingBiasPoints: Double

    /// Rise of the last validation loss above its minimum, as a fraction of the minimum, at or
    /// above which the validation loss has turned upward.
    ///
    /// Default 0.10. Validation loss moves by a few percent between epochs from noise alone, so
    /// a 10 % rise is a trend.
    public var lossRiseFraction: Double

    /// Epoch-to-epoch change of a loss, as a fraction of its first-epoch value, above which a
    /// move counts when looking for oscillation.
    ///
    /// Default 0.10, for the same reason as `lossRiseFraction`: smaller moves are noise.
    public var oscillationMoveFraction: Double

    /// Number of direction changes between counted moves at or above which a loss oscillates.
    ///
    /// Default 3, which means down-up-down-up or up-down-up-down. A steadily falling loss has
    /// none and a validation loss that turns up once (overfitting) has one.
    public var oscillationMinimumReversals: Int

    /// Fall of the training loss from the first to the last epoch, as a fraction of the first,
    /// below which the optimizer made no real progress.
    ///
    /// Default 0.10. A model that learns lowers its training loss by far more than 10 % over a
    /// run, so a smaller fall together with a rising validation loss points at the learning
    /// rate rather than at overfitting.
    public var minimumTrainingLossDrop: Double

    /// Number of final epochs over which the validation-loss trend is measured.
    ///
    /// Default 3: one epoch is too noisy to call a trend, and a longer window hides a recent
    /// flattening.
    public var improvementWindow: Int

    /// Fall of the validation loss over the last `improvementWindow` epochs, as a fraction of
    /// the earlier value, at or above which the loss is still falling.
    ///
    /// Default 0.01. Together with the condition that the last epoch has the lowest validation
    /// loss, a 1 % fall means that more epochs would probably still lower it.
    public var stillImprovingFraction: Double

    /// Creates thresholds; every argument defaults to the value its property documents.
    public init(
        overfittingGapPoints: Double = 5, underfittingBiasPoints: Double = 5, lossRiseFraction: Double = 0.10,
        oscillationMoveFraction: Double = 0.10, oscillationMinimumReversals: Int = 3,
        minimumTrainingLossDrop: Double = 0.10, improvementWindow: Int = 3,
        stillImprovingFraction: Double = 0.01
    ) {
        self.overfittingGapPoints = overfittingGapPoints
        self.underfittingBiasPoints = underfittingBiasPoints
        self.lossRiseFraction = lossRiseFraction
        self.oscillationMoveFraction = oscillationMoveFraction
        self.oscillationMinimumReversals = oscillationMinimumReversals
        self.minimumTrainingLossDrop = minimumTrainingLossDrop
        self.improvementWindow = improvementWindow
        self.stillImprovingFraction = stillImprovingFraction
    }

    /// The documented defaults.
    public static let standard = DiagnosisThresholds()

    /// Throws `EvaluationError.invalidDiagnosisInput` unless every point and fraction is
    /// finite and at least 0 and the two counts are at least 1.
    public func validate() throws {
        let limits = [
            ("overfittingGapPoints", overfittingGapPoints),
            ("underfittingBiasPoints", underfittingBiasPoints),
            ("lossRiseFraction", lossRiseFraction), ("oscillationMoveFraction", oscillationMoveFraction),
            ("minimumTrainingLossDrop", minimumTrainingLossDrop),
            ("stillImprovingFraction", stillImprovingFraction),
        ]
        for (name, value) in limits where !(value.isFinite && value >= 0) {
            throw EvaluationError.invalidDiagnosisInput(
                field: "thresholds.\(name)", rule: "must be finite and at least 0, got \(value)")
        }
        for (name, value) in [
            ("oscillationMinimumReversals", oscillationMinimumReversals),
            ("improvementWindow", improvementWindow),
        ] where value < 1 {
            throw EvaluationError.invalidDiagnosisInput(
                field: "thresholds.\(name)", rule: "must be at least 1, got \(value)")
        }
    }
}
