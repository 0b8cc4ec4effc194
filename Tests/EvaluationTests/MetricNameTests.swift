import Foundation
import Testing

@testable import Evaluation

@Suite struct MetricNameTests {
    @Test(arguments: [
        "loss", "accuracy", "top5Accuracy", "top1Accuracy", "macroPrecision", "macroRecall", "macroF1",
        "weightedPrecision", "weightedRecall", "weightedF1", "microPrecision", "microRecall", "microF1",
        "recall[malignant]", "precision[3]", "f1[Coat]", "specificity[T-shirt/top]",
    ])
    func parsedNameRoundTrips(text: String) throws {
        #expect(try MetricName(parsing: text).description == text)
    }

    @Test func parsedCasesAreStructured() throws {
        #expect(try MetricName(parsing: "top5Accuracy") == .topKAccuracy(5))
        #expect(try MetricName(parsing: "recall[malignant]") == .perClass(.recall, .name("malignant")))
        #expect(try MetricName(parsing: "precision[3]") == .perClass(.precision, .index(3)))
        #expect(try MetricName(parsing: "f1[Coat]") == .perClass(.f1, .name("Coat")))
        #expect(try MetricName(parsing: "f1[class[2]]") == .perClass(.f1, .name("class[2]")))
    }

    @Test(arguments: [
        "", "F1", "macroF2", "top0Accuracy", "topAccuracy", "top-1Accuracy", "top5accuracy", "f1[]",
        "recall[malignant", "sensitivity[malignant]", " loss",
    ])
    func unknownNameIsRejected(text: String) {
        #expect(throws: EvaluationError.unknownMetric(text, validNames: MetricName.validNames)) {
            try MetricName(parsing: text)
        }
    }

    @Test func unknownMetricMessageListsValidNames() {
        let message = EvaluationError.unknownMetric("macroF2", validNames: MetricName.validNames).description
        #expect(message.contains("'macroF2'"))
        #expect(message.contains("macroF1"))
        #expect(message.contains("top<k>Accuracy"))
        #expect(message.contains("recall[<class name or index>]"))
    }

    @Test func classesAreCheckedWhenGiven() throws {
        let classes = try ClassList(names: ["malignant", "benign"])
        #expect(
            try MetricName(parsing: "recall[malignant]", classes: classes)
                == .perClass(.recall, .name("malignant")))
        #expect(throws: EvaluationError.unknownClass("malignnt", validNames: ["malignant", "benign"])) {
            try MetricName(parsing: "recall[malignnt]", classes: classes)
        }
        #expect(throws: EvaluationError.unknownClass("2", validNames: ["0 (malignant)", "1 (benign)"])) {
            try MetricName(parsing: "precision[2]", classes: classes)
        }
        #expect(throws: EvaluationError.invalidTopK(k: 5, classCount: 2)) {
            try MetricName(parsing: "top5Accuracy", classes: classes)
        }
        let message = EvaluationError.unknownClass("malignnt", validNames: classes.names).description
        #expect(message == "Class 'malignnt' not found. Valid classes: malignant, benign.")
    }

    @Test func onlyLossIsMinimized() throws {
        #expect(MetricName.loss.direction == .minimize)
        #expect(MetricName.accuracy.direction == .maximize)
        #expect(MetricName.macroF1.direction == .maximize)
        #expect(MetricName.perClass(.recall, "malignant").direction == .maximize)
    }

    @Test func valuesComeFromReport() throws {
        let report = try ClassificationReportTests.animalsReport()
        expectClose(try MetricName(parsing: "accuracy").value(in: report), 0.5)
        expectClose(try MetricName(parsing: "macroF1").value(in: report), report.macroF1)
        expectClose(try MetricName(parsing: "weightedPrecision").value(in: report), 0.45)
        expectClose(try MetricName(parsing: "recall[dog]").value(in: report), 2.0 / 3)
        expectClose(try MetricName(parsing: "specificity[1]").value(in: report), 5.0 / 7)
        #expect(try MetricName(parsing: "precision[bird]").value(in: report) == 0)
        #expect(try MetricName.loss.value(in: report, loss: 0.25) == 0.25)
    }

    @Test func unavailableValuesThrow() throws {
        let report = try ClassificationReportTests.animalsReport()
        #expect(throws: EvaluationError.self) { try MetricName.loss.value(in: report) }
        #expect(throws: EvaluationError.self) { try MetricName.topKAccuracy(5).value(in: report) }
        #expect(throws: EvaluationError.unknownClass("Coat", validNames: ["cat", "dog", "bird", "fish"])) {
            try MetricName.perClass(.f1, "Coat").value(in: report)
        }
    }

    @Test func topKValueNamesComputedValues() throws {
        let scores = try ScoreMatrix(values: [0.6, 0.3, 0.1, 0.2, 0.3, 0.5], classCount: 3)
        let report = try ClassificationReport(
            labels: [0, 1], scores: scores, classes: ClassList(count: 3), topK: [2])
        expectClose(try MetricName.topKAccuracy(2).value(in: report), 1)
        do {
            _ = try MetricName.topKAccuracy(1).value(in: report)
            Issue.record("expected an error for a top-k accuracy the report did not compute")
        } catch let error as EvaluationError {
            #expect(error.description.contains("top2Accuracy"))
            #expect(error.description.contains("'top1Accuracy'"))
        }
    }

    @Test func codesAsString() throws {
        let encoded = try JSONEncoder().encode([MetricName.macroF1, .perClass(.recall, "malignant")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["macroF1","recall[malignant]"]"#)
        #expect(
            try JSONDecoder().decode([MetricName].self, from: encoded) == [
                .macroF1, .perClass(.recall, "malignant"),
            ])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MetricName].self, from: Data(#"["macroF2"]"#.utf8))
        }
    }
}
