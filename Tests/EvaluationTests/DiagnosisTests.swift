import Foundation
import Testing

@testable import Evaluation

/// Hand-made histories, one per verdict. Relative moves quoted in comments are
/// (new − old) / old between consecutive epochs.
@Suite struct DiagnosisTests {
    static func curves(
        training: [Double], validation: [Double], trainingAccuracy: Double, validationAccuracy: Double,
        learningRate: Double? = nil, hasDiverged: Bool = false, targetError: Double? = nil
    ) -> LearningCurves {
        // Accuracies only matter at the last epoch, so earlier epochs repeat the last value.
        LearningCurves(
            trainingLoss: training, validationLoss: validation,
            trainingAccuracy: Array(repeating: trainingAccuracy, count: training.count),
            validationAccuracy: Array(repeating: validationAccuracy, count: training.count),
            learningRate: learningRate.map { Array(repeating: $0, count: training.count) } ?? [],
            hasDiverged: hasDiverged, targetError: targetError)
    }

    /// Training error 1 %, validation error 10 %; validation loss flat at the end.
    static let gapCurves = curves(
        training: [0.8, 0.4, 0.2, 0.1, 0.06, 0.04, 0.03, 0.027],
        validation: [0.9, 0.6, 0.45, 0.40, 0.38, 0.37, 0.368, 0.37],
        trainingAccuracy: 0.99, validationAccuracy: 0.90)

    @Test func goodFitWhenErrorsLowAndLossLevel() throws {
        let diagnosis = try Self.curves(
            training: [1.2, 0.8, 0.6, 0.5, 0.45, 0.42, 0.40, 0.39, 0.385, 0.38],
            validation: [1.0, 0.7, 0.55, 0.48, 0.45, 0.44, 0.435, 0.434, 0.436, 0.435],
            trainingAccuracy: 0.98, validationAccuracy: 0.96
        ).diagnose()
        #expect(diagnosis.verdict == .goodFit)
        #expect(diagnosis.rule == .noRuleFired)
        expectClose(diagnosis.evidence.gapPoints, 2, tolerance: 1e-9)
        #expect(diagnosis.evidence.bestValidationLossEpoch == 8)
    }

    @Test func overfittingByGapHasExactEvidence() throws {
        let diagnosis = try Self.gapCurves.diagnose()
        #expect(diagnosis.verdict == .overfitting)
        #expect(diagnosis.rule == .generalizationGap)

        let evidence = diagnosis.evidence
        #expect(evidence.epochCount == 8)
        expectClose(evidence.trainingErrorPercent, 1, tolerance: 1e-9)
        expectClose(evidence.validationErrorPercent, 10, tolerance: 1e-9)
        expectClose(evidence.gapPoints, 9, tolerance: 1e-9)
        #expect(evidence.avoidableBiasPoints == nil)
        #expect(evidence.bestValidationLossEpoch == 7)
        // (0.37 − 0.368) / 0.368, (0.37 − 0.38) / 0.38 and (0.027 − 0.8) / 0.8, in percent.
        expectClose(try #require(evidence.validationLossRisePercent), 100 * 0.002 / 0.368, tolerance: 1e-9)
        expectClose(
            try #require(evidence.recentValidationLossChangePercent), -100 * 0.01 / 0.38, tolerance: 1e-9)
        expectClose(try #require(evidence.trainingLossChangePercent), -96.625, tolerance: 1e-9)
        #expect(evidence.recentWindowEpochs == 3)
        #expect(evidence.validationLossReversals == 0)
        #expect(evidence.trainingLossReversals == 0)
        #expect(
            evidence.description == "training error 1.0 %, validation error 10.0 %, gap 9.0 points; "
                + "validation loss lowest at epoch 7, last value 0.5 % above it; "
                + "validation loss changed -2.6 % over the last 3 epochs; training loss changed -96.6 % since epoch 1"
        )
    }

    @Test func plainTextRendering() throws {
        let diagnosis = try Self.gapCurves.diagnose()
        let expected = """
            Verdict: overfitting
            Rule: Validation error exceeds training error by at least 5.0 points and by at least the avoidable bias.
            Evidence: \(diagnosis.evidence)
            Advice:
            - Get more training data or add data augmentation (random crops, flips, small shifts).
            - Add L2 weight decay (for example 1e-4 to 1e-3) or raise it.
            - Add dropout (for example 0.2 to 0.5) before the dense layers.
            - Use a smaller model: fewer units, layers or filters.
            - Use early stopping on validation loss; this run was best at epoch 7 of 8.
            """
        #expect(diagnosis.description == expected)
    }

    @Test func overfittingWhenValidationLossTurnsUp() throws {
        // Measured against the first value 1.0, validation moves −30 % and −15 %, then by less
        // than 10 %: no counted reversal. Lowest at epoch 4 and 40 % above it at the end. The
        // gap is only 4 points.
        let diagnosis = try Self.curves(
            training: [1.1, 0.7, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08],
            validation: [1.0, 0.7, 0.55, 0.5, 0.52, 0.56, 0.62, 0.70],
            trainingAccuracy: 0.97, validationAccuracy: 0.93
        ).diagnose()
        #expect(diagnosis.verdict == .overfitting)
        #expect(diagnosis.rule == .validationLossTurnedUp)
        #expect(diagnosis.evidence.bestValidationLossEpoch == 4)
        expectClose(try #require(diagnosis.evidence.validationLossRisePercent), 40, tolerance: 1e-9)
        #expect(diagnosis.evidence.validationLossReversals == 0)
        #expect(
            diagnosis.advice.last
                == "Use early stopping on validation loss; this run was best at epoch 4 of 8.")
    }

    @Test func underfittingWithoutTargetError() throws {
        let diagnosis = try Self.curves(
            training: [1.5, 1.2, 1.1, 1.05, 1.04, 1.035, 1.034],
            validation: [1.5, 1.25, 1.15, 1.1, 1.09, 1.088, 1.089],
            trainingAccuracy: 0.70, validationAccuracy: 0.69, learningRate: 0.01
        ).diagnose()
        #expect(diagnosis.verdict == .underfitting)
        #expect(diagnosis.rule == .highBias)
        #expect(
            diagnosis.ruleDescription
                == "Training error is at least 5.0 % (no target error given, so the target is 0 %).")
        expectClose(diagnosis.evidence.trainingErrorPercent, 30, tolerance: 1e-9)
        #expect(diagnosis.advice.contains("Raise the learning rate by 2-3x, from 0.01 to 0.02-0.03."))
        #expect(diagnosis.advice.contains("Use a larger model: more units, layers or filters."))
    }

    @Test func targetErrorSeparatesBiasFromVariance() throws {
        // Training error 20 %, validation error 27 %, target 1 %: avoidable bias 19 points
        // exceeds the 7-point gap, so bias is the problem to fix first.
        var curves = Self.gapCurves
        curves.trainingAccuracy = Array(repeating: 0.80, count: 8)
        curves.validationAccuracy = Array(repeating: 0.73, count: 8)
        curves.targetError = 0.01
        let diagnosis = try curves.diagnose()
        #expect(diagnosis.verdict == .underfitting)
        #expect(diagnosis.rule == .highBias)
        expectClose(try #require(diagnosis.evidence.avoidableBiasPoints), 19, tolerance: 1e-9)
        expectClose(diagnosis.evidence.gapPoints, 7, tolerance: 1e-9)
        #expect(
            diagnosis.evidence.description.hasPrefix(
                "training error 20.0 %, validation error 27.0 %, gap 7.0 points; "
                    + "target error 1.0 %, avoidable bias 19.0 points, variance 7.0 points; "))
        #expect(
            diagnosis.ruleDescription == "Training error exceeds the target error by at least 5.0 points.")
    }

    @Test func targetErrorNearTrainingErrorIsGoodFit() throws {
        // Training error 8 %, validation error 9 %: underfitting against 0 %, but only 1 point
        // of avoidable bias against a target of 7 %.
        var curves = Self.gapCurves
        curves.trainingAccuracy = Array(repeating: 0.92, count: 8)
        curves.validationAccuracy = Array(repeating: 0.91, count: 8)
        #expect(try curves.diagnose().verdict == .underfitting)
        curves.targetError = 0.07
        let diagnosis = try curves.diagnose()
        #expect(diagnosis.verdict == .goodFit)
        expectClose(try #require(diagnosis.evidence.avoidableBiasPoints), 1, tolerance: 1e-9)
    }

    @Test func oscillatingLossMeansLearningRateTooHigh() throws {
        // Validation moves −40 %, +50 %, −39 %, +73 %, −47 %, +80 %: five reversals.
        let diagnosis = try Self.curves(
            training: [1.2, 0.9, 0.8, 0.75, 0.72, 0.7, 0.69],
            validation: [1.0, 0.6, 0.9, 0.55, 0.95, 0.5, 0.9],
            trainingAccuracy: 0.7, validationAccuracy: 0.6, learningRate: 0.1
        ).diagnose()
        #expect(diagnosis.verdict == .learningRateTooHigh)
        #expect(diagnosis.rule == .oscillatingLoss)
        #expect(diagnosis.evidence.validationLossReversals == 5)
        #expect(
            diagnosis.advice.first == "Lower the learning rate by 3-10x, from 0.1 to between 0.01 and 0.033.")
    }

    @Test func risingFromStartMeansLearningRateTooHigh() throws {
        // Validation loss rises every epoch; training loss falls only 4 %.
        let diagnosis = try Self.curves(
            training: [2.0, 1.95, 1.9, 1.92], validation: [0.9, 1.0, 1.1, 1.2],
            trainingAccuracy: 0.3, validationAccuracy: 0.28
        ).diagnose()
        #expect(diagnosis.verdict == .learningRateTooHigh)
        #expect(diagnosis.rule == .risingFromStart)
        #expect(diagnosis.evidence.bestValidationLossEpoch == 1)
        expectClose(try #require(diagnosis.evidence.trainingLossChangePercent), -4, tolerance: 1e-9)
    }

    @Test func risingFromStartWithFallingTrainingLossIsOverfitting() throws {
        let diagnosis = try Self.curves(
            training: [2.0, 1.0, 0.5, 0.3], validation: [0.9, 1.0, 1.1, 1.2],
            trainingAccuracy: 0.95, validationAccuracy: 0.7
        ).diagnose()
        #expect(diagnosis.verdict == .overfitting)
        #expect(diagnosis.rule == .validationLossTurnedUp)
    }

    @Test func stoppedTooEarlyWhileValidationLossFalls() throws {
        // Lowest at the last epoch and 25 % below epoch 2, three epochs earlier. The training
        // error of 15 % would mean underfitting, but this rule comes first.
        let diagnosis = try Self.curves(
            training: [1.1, 0.85, 0.72, 0.65, 0.6], validation: [1.0, 0.8, 0.7, 0.64, 0.6],
            trainingAccuracy: 0.85, validationAccuracy: 0.84, learningRate: 0.001
        ).diagnose()
        #expect(diagnosis.verdict == .stoppedTooEarly)
        #expect(diagnosis.rule == .stillImproving)
        expectClose(try #require(diagnosis.evidence.recentValidationLossChangePercent), -25, tolerance: 1e-9)
        #expect(
            diagnosis.advice == [
                "Train for more epochs, with early stopping on validation loss to end at the best one. "
                    + "Validation loss changed -25.0 % over the last 3 epochs and was lowest at the last epoch.",
                "Or raise the learning rate by 2-3x (from 0.001) to converge in fewer epochs.",
                "Training error is also high at 15.0 %; if more epochs do not lower it, use a larger model.",
            ])
        #expect(diagnosis.evidence.description.contains("; validation loss lowest at the last epoch; "))
    }

    @Test func stillImprovingWindowShrinksForShortRuns() throws {
        // Three epochs leave a window of two: (0.93 − 1.0) / 1.0 = −7 %. Training error 40 %
        // against a 5 % target adds the bias note to the advice.
        let diagnosis = try Self.curves(
            training: [1.0, 0.9, 0.85], validation: [1.0, 0.95, 0.93], trainingAccuracy: 0.6,
            validationAccuracy: 0.58, targetError: 0.05
        ).diagnose()
        #expect(diagnosis.rule == .stillImproving)
        #expect(diagnosis.evidence.recentWindowEpochs == 2)
        expectClose(try #require(diagnosis.evidence.recentValidationLossChangePercent), -7, tolerance: 1e-9)
        #expect(diagnosis.ruleDescription.hasSuffix("fell at least 1.0 % over the last 2 epochs."))
        #expect(
            diagnosis.advice.last == "Training error is also 35.0 points above the target error; if more "
                + "epochs do not close that gap, use a larger model.")
    }

    @Test func nonFiniteLossMeansDiverged() throws {
        let diagnosis = try Self.curves(
            training: [2.0, 1.5, 3.0, .nan], validation: [2.0, 1.6, 4.0, .infinity],
            trainingAccuracy: 0.1, validationAccuracy: 0.1, learningRate: 0.5
        ).diagnose()
        #expect(diagnosis.verdict == .diverged)
        #expect(diagnosis.rule == .nonFiniteLoss)
        #expect(diagnosis.evidence.firstNonFiniteLossEpoch == 4)
        // Loss figures cover epochs 1 to 3 only.
        #expect(diagnosis.evidence.bestValidationLossEpoch == 2)
        expectClose(try #require(diagnosis.evidence.validationLossRisePercent), 150, tolerance: 1e-9)
        #expect(diagnosis.evidence.description.hasPrefix("loss not finite from epoch 4 of 4; "))
        #expect(
            diagnosis.evidence.description.contains(
                "validation loss lowest at epoch 2, last finite value 150.0 % above it"))
        #expect(diagnosis.advice.first == "Lower the learning rate by 10x, from 0.5 to 0.05.")
        // Every number of the diagnosis is finite, so it encodes as plain JSON.
        let decoded = try JSONDecoder().decode(Diagnosis.self, from: JSONEncoder().encode(diagnosis))
        #expect(decoded == diagnosis)
    }

    @Test func divergedFlagWithFiniteLosses() throws {
        let diagnosis = try Self.curves(
            training: [2.0, 1.5], validation: [2.0, 1.6], trainingAccuracy: 0.2, validationAccuracy: 0.2,
            hasDiverged: true
        ).diagnose()
        #expect(diagnosis.verdict == .diverged)
        #expect(diagnosis.rule == .divergedFlag)
        #expect(diagnosis.advice.first == "Lower the learning rate by 10x.")
    }

    @Test func oscillationTakesPrecedenceOverGap() throws {
        var curves = Self.gapCurves
        curves.validationLoss = [0.9, 0.5, 0.8, 0.45, 0.85, 0.4, 0.8, 0.4]
        #expect(try curves.diagnose().rule == .oscillatingLoss)
    }

    @Test func gapTakesPrecedenceOverStillImproving() throws {
        var curves = Self.gapCurves
        curves.validationLoss = [0.9, 0.6, 0.45, 0.40, 0.38, 0.37, 0.36, 0.35]
        #expect(try curves.diagnose().rule == .generalizationGap)
    }

    @Test func singleEpochHasNoTrend() throws {
        let diagnosis = try Self.curves(
            training: [1.0], validation: [1.1], trainingAccuracy: 0.5, validationAccuracy: 0.48
        ).diagnose()
        #expect(diagnosis.verdict == .underfitting)
        #expect(diagnosis.evidence.recentValidationLossChangePercent == nil)
        #expect(diagnosis.evidence.trainingLossChangePercent == nil)
    }

    @Test func invalidCurvesAreRejected() throws {
        var curves = Self.gapCurves
        curves.validationAccuracy = [0.9]
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "validationAccuracy", rule: "has 1 entries but trainingLoss has 8")
        ) {
            try curves.diagnose()
        }

        curves = Self.gapCurves
        curves.trainingAccuracy[2] = 1.2
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "trainingAccuracy[2]", rule: "must be a fraction in [0, 1], got 1.2")
        ) {
            try curves.diagnose()
        }

        curves = Self.gapCurves
        curves.validationLoss[0] = -0.5
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "validationLoss[0]", rule: "must not be negative, got -0.5")
        ) {
            try curves.diagnose()
        }

        curves = Self.gapCurves
        curves.learningRate = [0.1, 0.1]
        #expect(throws: EvaluationError.self) { try curves.diagnose() }

        curves = Self.gapCurves
        curves.targetError = 1
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "targetError", rule: "must be a fraction in [0, 1), got 1.0")
        ) {
            try curves.diagnose()
        }

        let empty = LearningCurves(
            trainingLoss: [], validationLoss: [], trainingAccuracy: [], validationAccuracy: [])
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "trainingLoss", rule: "must contain at least one epoch")
        ) {
            try empty.diagnose()
        }
    }

    @Test func invalidThresholdsAreRejected() {
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "thresholds.improvementWindow", rule: "must be at least 1, got 0")
        ) {
            try Self.gapCurves.diagnose(thresholds: DiagnosisThresholds(improvementWindow: 0))
        }
        #expect(
            throws: EvaluationError.invalidDiagnosisInput(
                field: "thresholds.overfittingGapPoints", rule: "must be finite and at least 0, got -1.0")
        ) {
            try Self.gapCurves.diagnose(thresholds: DiagnosisThresholds(overfittingGapPoints: -1))
        }
    }

    @Test func customThresholdChangesVerdict() throws {
        let strict = DiagnosisThresholds(overfittingGapPoints: 10)
        let diagnosis = try Self.gapCurves.diagnose(thresholds: strict)
        #expect(diagnosis.verdict == .goodFit)
        #expect(diagnosis.ruleDescription.contains("the gap is below 10.0 points"))
    }
}
