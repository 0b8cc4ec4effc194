import Testing

@testable import Evaluation

@Suite struct ScoreMatrixTests {
    // Sample 2 ties classes 0 and 1 above its true class 2; sample 3 ties its true class 1
    // with class 0, which has the lower index and so ranks first.
    static let labels = [0, 1, 2, 1]
    static func scores() throws -> ScoreMatrix {
        try ScoreMatrix(
            values: [
                0.5, 0.3, 0.2,
                0.6, 0.3, 0.1,
                0.4, 0.4, 0.2,
                0.4, 0.4, 0.2,
            ], classCount: 3)
    }

    @Test func topKAccuracyCountsRanks() throws {
        let scores = try Self.scores()
        // Ranks of the true classes: 0, 1, 2, 1.
        expectClose(try scores.topKAccuracy(labels: Self.labels, k: 1), 1.0 / 4)
        expectClose(try scores.topKAccuracy(labels: Self.labels, k: 2), 3.0 / 4)
        expectClose(try scores.topKAccuracy(labels: Self.labels, k: 3), 1)
    }

    @Test func topOneEqualsArgmaxAccuracy() throws {
        let scores = try Self.scores()
        #expect(scores.predictedClasses() == [0, 0, 0, 0])
        let report = try ClassificationReport(
            labels: Self.labels, predictions: scores.predictedClasses(), classes: ClassList(count: 3))
        expectClose(try scores.topKAccuracy(labels: Self.labels, k: 1), report.accuracy)
    }

    @Test func tieWithHigherIndexFavorsTrueClass() throws {
        let scores = try ScoreMatrix(values: [0.4, 0.4, 0.2], classCount: 3)
        #expect(try scores.topKAccuracy(labels: [0], k: 1) == 1)
        #expect(try scores.topKAccuracy(labels: [1], k: 1) == 0)
    }

    @Test func columnAndSubscript() throws {
        let scores = try Self.scores()
        #expect(scores.sampleCount == 4)
        #expect(scores[1, 0] == 0.6)
        #expect(scores.scores(ofClass: 2) == [0.2, 0.1, 0.2, 0.2])
    }

    @Test func invalidInputsAreRejected() throws {
        #expect(throws: EvaluationError.invalidScoreMatrix(valueCount: 7, classCount: 3)) {
            try ScoreMatrix(values: Array(repeating: 0.1, count: 7), classCount: 3)
        }
        #expect(throws: EvaluationError.invalidClassCount(0)) { try ScoreMatrix(values: [], classCount: 0) }
        #expect(throws: EvaluationError.self) { try ScoreMatrix(values: [0.1, .nan], classCount: 2) }

        let scores = try Self.scores()
        #expect(throws: EvaluationError.invalidTopK(k: 0, classCount: 3)) {
            try scores.topKAccuracy(labels: Self.labels, k: 0)
        }
        #expect(throws: EvaluationError.invalidTopK(k: 4, classCount: 3)) {
            try scores.topKAccuracy(labels: Self.labels, k: 4)
        }
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "labels", count: 3, expectedName: "score matrix rows", expectedCount: 4)
        ) {
            try scores.topKAccuracy(labels: [0, 1, 2], k: 1)
        }
        #expect(
            throws: EvaluationError.classIndexOutOfRange(
                array: "labels", position: 3, value: 5, classCount: 3)
        ) {
            try scores.topKAccuracy(labels: [0, 1, 2, 5], k: 1)
        }
        #expect(throws: EvaluationError.noSamples("Top-k accuracy")) {
            try ScoreMatrix(values: [], classCount: 3).topKAccuracy(labels: [], k: 1)
        }
    }
}
