import Testing

@testable import Evaluation

@Suite struct BinaryCurveTests {
    // Positive class "malignant" is index 0. Positives at 0, 2, 4 (P = 3); negatives at 1, 3,
    // 5, 6 (N = 4). Scores 0.8 and 0.5 each tie a positive with a negative.
    //
    // Hand-worked, one point per distinct score (TP, FP → FPR, TPR, precision, recall):
    //   0.9: 1, 0 → 0/4, 1/3, 1,   1/3
    //   0.8: 2, 1 → 1/4, 2/3, 2/3, 2/3
    //   0.6: 2, 2 → 2/4, 2/3, 1/2, 2/3
    //   0.5: 3, 3 → 3/4, 1,   1/2, 1
    //   0.2: 3, 4 → 4/4, 1,   3/7, 1
    // AUC by trapezoids: 0 + 0.125 + 1/6 + 5/24 + 0.25 = 0.75. The Mann-Whitney count agrees:
    // (4 + 3.5 + 1.5) / 12 = 0.75. AP = 1/3 · 1 + 1/3 · 2/3 + 0 + 1/3 · 1/2 + 0 = 13/18.
    // A standard-library Python loop over the same data printed auc 0.75 and ap 0.72222.
    static let labels = [0, 1, 0, 1, 0, 1, 1]
    static let scores = [0.9, 0.8, 0.8, 0.6, 0.5, 0.5, 0.2]

    static func binaryScores() throws -> BinaryScores {
        try BinaryScores(
            labels: labels, scores: scores, classes: ClassList(names: ["malignant", "benign"]),
            positiveClass: "malignant")
    }

    @Test func positiveClassAtIndexZero() throws {
        let binary = try Self.binaryScores()
        #expect(binary.positiveClass == 0)
        #expect(binary.positiveCount == 3)
        #expect(binary.negativeCount == 4)
        #expect(binary.isPositive == [true, false, true, false, true, false, false])
    }

    @Test func rocPointsAndAUCWithTies() throws {
        let curve = try ROCCurve(Self.binaryScores())
        #expect(curve.points.map(\.threshold) == [nil, 0.9, 0.8, 0.6, 0.5, 0.2])
        let rates: [(Double, Double)] = [
            (0, 0), (0, 1.0 / 3), (0.25, 2.0 / 3), (0.5, 2.0 / 3), (0.75, 1), (1, 1),
        ]
        for (point, expected) in zip(curve.points, rates) {
            expectClose(point.falsePositiveRate, expected.0)
            expectClose(point.truePositiveRate, expected.1)
        }
        expectClose(curve.auc, 0.75)
    }

    @Test func rocOfConstantScoresIsDiagonal() throws {
        let binary = try BinaryScores(
            labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5], classes: ClassList(count: 2), positiveClass: 1
        )
        let curve = try ROCCurve(binary)
        #expect(curve.points.count == 2)
        #expect(curve.auc == 0.5)
    }

    @Test func rocOfPerfectAndReversedScores() throws {
        let classes = try ClassList(count: 2)
        let perfect = try BinaryScores(
            labels: [0, 1, 1, 0], scores: [0.1, 0.9, 0.8, 0.3], classes: classes, positiveClass: 1)
        #expect(try ROCCurve(perfect).auc == 1)
        let reversed = try BinaryScores(
            labels: [0, 1, 1, 0], scores: [0.9, 0.1, 0.2, 0.7], classes: classes, positiveClass: 1)
        #expect(try ROCCurve(reversed).auc == 0)
    }

    @Test func rocNeedsBothClasses() throws {
        let binary = try BinaryScores(
            labels: [1, 1], scores: [0.2, 0.3], classes: ClassList(names: ["no", "yes"]), positiveClass: "yes"
        )
        #expect(throws: EvaluationError.missingBinaryClass(side: "negative", positiveClass: "yes")) {
            try ROCCurve(binary)
        }
        let noPositives = try BinaryScores(
            labels: [0, 0], scores: [0.2, 0.3], classes: ClassList(names: ["no", "yes"]), positiveClass: "yes"
        )
        #expect(throws: EvaluationError.missingBinaryClass(side: "positive", positiveClass: "yes")) {
            try PrecisionRecallCurve(noPositives)
        }
    }

    @Test func precisionRecallPointsAndAveragePrecision() throws {
        let curve = try PrecisionRecallCurve(Self.binaryScores())
        #expect(curve.points.map(\.threshold) == [0.9, 0.8, 0.6, 0.5, 0.2])
        let expected: [(Double, Double)] = [
            (1, 1.0 / 3), (2.0 / 3, 2.0 / 3), (0.5, 2.0 / 3), (0.5, 1), (3.0 / 7, 1),
        ]
        for (point, values) in zip(curve.points, expected) {
            expectClose(point.precision, values.0)
            expectClose(point.recall, values.1)
        }
        expectClose(curve.averagePrecision, 13.0 / 18)
    }

    @Test func averagePrecisionWithoutNegativesIsOne() throws {
        let binary = try BinaryScores(
            labels: [1, 1], scores: [0.2, 0.7], classes: ClassList(count: 2), positiveClass: 1)
        #expect(try PrecisionRecallCurve(binary).averagePrecision == 1)
    }

    @Test func operatingPointForRecallTarget() throws {
        let curve = try PrecisionRecallCurve(Self.binaryScores())
        // Recall 1 is first reached at 0.5 with precision 1/2; 0.2 also has recall 1 but 3/7.
        let high = try curve.operatingPoint(forRecall: 0.95)
        #expect(high.threshold == 0.5)
        expectClose(high.precision, 0.5)
        #expect(high.truePositives == 3)
        #expect(high.falsePositives == 3)
        // Recall 2/3 is reached at 0.8 (precision 2/3) and at 0.6 (precision 1/2).
        let middle = try curve.operatingPoint(forRecall: 0.6)
        #expect(middle.threshold == 0.8)
        expectClose(middle.precision, 2.0 / 3)
    }

    @Test func operatingPointPrefersHigherPrecisionAtLowerThreshold() throws {
        // Sorted: negative 0.9, positive 0.8, positive 0.7. Both 0.8 (precision 1/2, recall 1/2)
        // and 0.7 (precision 2/3, recall 1) reach recall 0.5; the second is more precise.
        let binary = try BinaryScores(
            labels: [0, 1, 1], scores: [0.9, 0.8, 0.7], classes: ClassList(count: 2), positiveClass: 1)
        let point = try PrecisionRecallCurve(binary).operatingPoint(forRecall: 0.5)
        #expect(point.threshold == 0.7)
        expectClose(point.precision, 2.0 / 3)
    }

    @Test func invalidRecallTargetsAreRejected() throws {
        let curve = try PrecisionRecallCurve(Self.binaryScores())
        #expect(throws: EvaluationError.invalidRecallTarget(0)) { try curve.operatingPoint(forRecall: 0) }
        #expect(throws: EvaluationError.invalidRecallTarget(1.5)) { try curve.operatingPoint(forRecall: 1.5) }
    }

    @Test func scoreMatrixColumnGivesSameCurve() throws {
        // Column 0 contains the malignant scores and column 1 their complement.
        let values = Self.scores.flatMap { [$0, 1 - $0] }
        let binary = try BinaryScores(
            labels: Self.labels, scores: ScoreMatrix(values: values, classCount: 2),
            classes: ClassList(names: ["malignant", "benign"]), positiveClass: 0)
        #expect(binary == (try Self.binaryScores()))
        expectClose(try ROCCurve(binary).auc, 0.75)
    }

    @Test func unknownPositiveClassIsRejected() throws {
        let classes = try ClassList(names: ["malignant", "benign"])
        #expect(throws: EvaluationError.unknownClass("cancer", validNames: ["malignant", "benign"])) {
            try BinaryScores(labels: [0], scores: [0.5], classes: classes, positiveClass: "cancer")
        }
        #expect(throws: EvaluationError.unknownClass("2", validNames: ["0 (malignant)", "1 (benign)"])) {
            try BinaryScores(labels: [0], scores: [0.5], classes: classes, positiveClass: 2)
        }
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "scores", count: 2, expectedName: "labels", expectedCount: 1)
        ) {
            try BinaryScores(labels: [0], scores: [0.5, 0.1], classes: classes, positiveClass: 0)
        }
    }
}
