import Foundation
import Testing

@testable import Evaluation

@Suite struct ClassificationReportTests {
    /// Builds the report of the animals batch of `ConfusionMatrixTests`.
    ///
    /// One-vs-rest counts: cat TP 3 FP 2 FN 2 TN 3, dog TP 2 FP 2 FN 1 TN 5,
    /// bird TP 0 FP 0 FN 2 TN 8, fish TP 0 FP 1 FN 0 TN 9.
    static func animalsReport() throws -> ClassificationReport {
        try ClassificationReport(
            labels: ConfusionMatrixTests.labels, predictions: ConfusionMatrixTests.predictions,
            classes: ConfusionMatrixTests.animals())
    }

    @Test func perClassValuesMatchHandCounts() throws {
        let report = try Self.animalsReport()
        let cat = report.perClass[0]
        expectClose(cat.precision, 3.0 / 5)
        expectClose(cat.recall, 3.0 / 5)
        expectClose(cat.specificity, 3.0 / 5)
        expectClose(cat.f1, 6.0 / 10)
        #expect(cat.support == 5)

        let dog = report.perClass[1]
        expectClose(dog.precision, 2.0 / 4)
        expectClose(dog.recall, 2.0 / 3)
        expectClose(dog.specificity, 5.0 / 7)
        expectClose(dog.f1, 4.0 / 7)
        #expect(dog.className == "dog")
        #expect(dog.support == 3)
    }

    @Test func neverPredictedClassHasZeroPrecision() throws {
        let bird = try Self.animalsReport().perClass[2]
        #expect(bird.precision == 0)
        #expect(bird.recall == 0)
        #expect(bird.specificity == 1)
        // F1 = 2·0 / (0 + 0 + 2) is defined, so it is no 0/0.
        #expect(bird.f1 == 0)
        #expect(bird.undefinedMetrics == [.precision])
    }

    @Test func classAbsentFromLabelsHasZeroRecall() throws {
        let fish = try Self.animalsReport().perClass[3]
        #expect(fish.support == 0)
        #expect(fish.precision == 0)
        #expect(fish.recall == 0)
        expectClose(fish.specificity, 9.0 / 10)
        #expect(fish.f1 == 0)
        #expect(fish.undefinedMetrics == [.recall])
    }

    @Test func averagesMatchHandValues() throws {
        let report = try Self.animalsReport()
        #expect(report.sampleCount == 10)
        expectClose(report.accuracy, 0.5)
        // Macro averages cover cat, dog and bird; fish has no samples.
        #expect(report.macroAveragedClasses == [0, 1, 2])
        expectClose(report.macroPrecision, (0.6 + 0.5 + 0) / 3)
        expectClose(report.macroRecall, (0.6 + 2.0 / 3 + 0) / 3)
        expectClose(report.macroF1, (0.6 + 4.0 / 7 + 0) / 3)
        expectClose(report.weightedPrecision, (5 * 0.6 + 3 * 0.5) / 10)
        expectClose(report.weightedRecall, 0.5)
        expectClose(report.weightedF1, (5 * 0.6 + 3 * 4.0 / 7) / 10)
        expectClose(report.microPrecision, 0.5)
        expectClose(report.microRecall, 0.5)
        expectClose(report.microF1, 0.5)
    }

    @Test func fBetaWeighsRecall() throws {
        let report = try Self.animalsReport()
        // F2 = 5 TP / (5 TP + 4 FN + FP): dog 10 / 16, cat 15 / 25, bird 0 / 8.
        expectClose(report.perClass[1].fScore(beta: 2), 10.0 / 16)
        expectClose(report.perClass[0].fScore(beta: 2), 15.0 / 25)
        expectClose(report.perClass[1].fScore(beta: 1), report.perClass[1].f1)
        expectClose(report.macroFScore(beta: 2), (0.6 + 0.625 + 0) / 3)
        expectClose(report.weightedFScore(beta: 2), (5 * 0.6 + 3 * 0.625) / 10)
    }

    @Test func warningsNameClassAndMetric() throws {
        let report = try Self.animalsReport()
        #expect(
            report.warnings == [
                "Precision is 0/0 for class 'bird' (index 2) because it is never predicted; reported as 0.",
                "Recall is 0/0 for class 'fish' (index 3) because it has no samples in the labels; "
                    + "reported as 0 and left out of the macro averages.",
            ])
    }

    @Test func batchWithOneClassOnly() throws {
        // Every label is "b"; predictions b, b, a, c; class "d" appears nowhere.
        let classes = try ClassList(names: ["a", "b", "c", "d"])
        let report = try ClassificationReport(
            labels: [1, 1, 1, 1], predictions: [1, 1, 0, 2], classes: classes)
        let b = report.perClass[1]
        #expect(b.precision == 1)
        expectClose(b.recall, 0.5)
        #expect(b.specificity == 0)
        expectClose(b.f1, 4.0 / 6)
        expectClose(report.accuracy, 0.5)
        #expect(report.macroAveragedClasses == [1])
        #expect(report.macroPrecision == 1)
        expectClose(report.macroRecall, 0.5)
        expectClose(report.macroF1, 4.0 / 6)
        expectClose(report.weightedF1, 4.0 / 6)
        #expect(report.perClass[3].undefinedMetrics == [.precision, .recall, .f1])
        #expect(
            report.warnings == [
                "Precision is 0/0 for class 'd' (index 3) because it is never predicted; reported as 0.",
                "Recall is 0/0 for classes 'a' (index 0), 'c' (index 2), 'd' (index 3) because they have "
                    + "no samples in the labels; reported as 0 and left out of the macro averages.",
                "Specificity is 0/0 for class 'b' (index 1) because every sample belongs to it; reported as 0.",
                "F1 is 0/0 for class 'd' (index 3) because it is absent from both labels and predictions; "
                    + "reported as 0 and left out of the macro averages.",
            ])
    }

    @Test func perfectClassifierScoresOne() throws {
        let labels = [0, 1, 2, 2, 1, 0]
        let report = try ClassificationReport(
            labels: labels, predictions: labels, classes: ClassList(count: 3))
        #expect(report.accuracy == 1)
        #expect(report.macroF1 == 1)
        #expect(report.weightedF1 == 1)
        #expect(report.microF1 == 1)
        for metrics in report.perClass {
            #expect(metrics.precision == 1)
            #expect(metrics.recall == 1)
            #expect(metrics.specificity == 1)
        }
        #expect(report.warnings.isEmpty)
    }

    @Test func alwaysWrongClassifierScoresZero() throws {
        // Every class is predicted at least once, so no ratio is 0/0.
        let report = try ClassificationReport(
            labels: [0, 1, 2, 0], predictions: [1, 2, 0, 2], classes: ClassList(count: 3))
        #expect(report.accuracy == 0)
        #expect(report.macroPrecision == 0)
        #expect(report.macroRecall == 0)
        #expect(report.macroF1 == 0)
        #expect(report.microF1 == 0)
        // Specificity TN / (TN + FP): class 0 has 1 / 2, class 1 2 / 3, class 2 1 / 3.
        expectClose(report.perClass[0].specificity, 1.0 / 2)
        expectClose(report.perClass[1].specificity, 2.0 / 3)
        expectClose(report.perClass[2].specificity, 1.0 / 3)
        #expect(report.warnings.isEmpty)
    }

    @Test func binaryWithPositiveClassAtIndexZero() throws {
        // Positive class "malignant" is index 0: TP 2, FN 1, FP 2, TN 1.
        let classes = try ClassList(names: ["malignant", "benign"])
        let report = try ClassificationReport(
            labels: [0, 0, 1, 1, 1, 0], predictions: [0, 1, 1, 0, 0, 0], classes: classes)
        let malignant = try report.metrics(of: "malignant")
        expectClose(malignant.precision, 2.0 / 4)
        expectClose(malignant.recall, 2.0 / 3)
        expectClose(malignant.specificity, 1.0 / 3)
        expectClose(malignant.f1, 4.0 / 7)
        #expect(throws: EvaluationError.unknownClass("cancer", validNames: ["malignant", "benign"])) {
            try report.metrics(of: "cancer")
        }
    }

    @Test func reportFromScoresUsesArgmaxAndTopK() throws {
        let scores = try ScoreMatrix(
            values: [
                0.7, 0.2, 0.1,
                0.1, 0.3, 0.6,
                0.2, 0.5, 0.3,
            ], classCount: 3)
        let report = try ClassificationReport(
            labels: [0, 1, 1], scores: scores, classes: ClassList(count: 3), topK: [1, 2])
        #expect(report.confusionMatrix.counts == [[1, 0, 0], [0, 1, 1], [0, 0, 0]])
        expectClose(report.accuracy, 2.0 / 3)
        #expect(report.topKAccuracy == [1: 2.0 / 3, 2: 1])
    }

    @Test func scoreRowsMustMatchLabels() throws {
        let scores = try ScoreMatrix(values: [0.7, 0.3, 0.4, 0.6], classCount: 2)
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "labels", count: 3, expectedName: "score matrix rows", expectedCount: 2)
        ) {
            try ClassificationReport(labels: [0, 1, 1], scores: scores, classes: ClassList(count: 2))
        }
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "score matrix rows", count: 2, expectedName: "classes", expectedCount: 3)
        ) {
            try ClassificationReport(labels: [0, 1], scores: scores, classes: ClassList(count: 3))
        }
    }

    @Test func topKKeysAreValidated() throws {
        let matrix = try ConfusionMatrix(labels: [0, 1], predictions: [0, 0], classes: ClassList(count: 2))
        #expect(throws: EvaluationError.invalidTopK(k: 3, classCount: 2)) {
            try ClassificationReport(confusionMatrix: matrix, topKAccuracy: [1: 0.5, 3: 1])
        }
    }

    @Test func emptyInputIsRejected() throws {
        #expect(throws: EvaluationError.noSamples("A classification report")) {
            try ClassificationReport(labels: [], predictions: [], classes: ClassList(count: 2))
        }
    }

    @Test func jsonHasDocumentedKeys() throws {
        let report = try Self.animalsReport()
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "accuracy", "macroF1", "weightedF1", "microF1", "macroPrecision", "macroRecall", "perClass",
            "warnings", "confusionMatrix",
        ] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["accuracy"] as? Double == 0.5)
        let perClass = try #require(object["perClass"] as? [[String: Any]])
        #expect(perClass.count == 4)
        #expect(perClass[1]["className"] as? String == "dog")
        #expect(perClass[1]["support"] as? Int == 3)
        #expect(try JSONDecoder().decode(ClassificationReport.self, from: data) == report)
    }
}
