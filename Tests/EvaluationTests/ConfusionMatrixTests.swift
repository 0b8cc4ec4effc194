import Foundation
import Testing

@testable import Evaluation

@Suite struct ClassListTests {
    @Test func countNamesClassesByIndex() throws {
        let classes = try ClassList(count: 3)
        #expect(classes.names == ["0", "1", "2"])
        #expect(classes.count == 3)
    }

    @Test func invalidListsAreRejected() {
        #expect(throws: EvaluationError.invalidClassCount(0)) { try ClassList(count: 0) }
        #expect(throws: EvaluationError.invalidClassCount(0)) { try ClassList(names: []) }
        #expect(throws: EvaluationError.invalidClassName("cat", reason: "the name appears more than once")) {
            try ClassList(names: ["cat", "dog", "cat"])
        }
        #expect(throws: EvaluationError.invalidClassName("", reason: "class names must not be empty")) {
            try ClassList(names: ["cat", ""])
        }
    }

    @Test func referencesResolveByNameAndIndex() throws {
        let classes = try ClassList(names: ["malignant", "benign"])
        #expect(try classes.index(of: "benign") == 1)
        #expect(try classes.index(of: 0) == 0)
        #expect(throws: EvaluationError.unknownClass("cancer", validNames: ["malignant", "benign"])) {
            try classes.index(of: "cancer")
        }
        #expect(throws: EvaluationError.unknownClass("2", validNames: ["0 (malignant)", "1 (benign)"])) {
            try classes.index(of: 2)
        }
    }

    @Test func decodingRejectsDuplicateNames() {
        let json = Data(#"["a", "b", "a"]"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ClassList.self, from: json) }
    }
}

@Suite struct ConfusionMatrixTests {
    // Pairs (true, predicted): (0,0) x3, (0,1), (0,3), (1,1) x2, (1,0), (2,1), (2,0).
    // "bird" (2) is never predicted and "fish" (3) never occurs in the labels.
    static let labels = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2]
    static let predictions = [0, 0, 0, 1, 3, 1, 1, 0, 1, 0]

    static func animals() throws -> ClassList {
        try ClassList(names: ["cat", "dog", "bird", "fish"])
    }

    @Test func countsEveryClassIncludingAbsentOnes() throws {
        let matrix = try ConfusionMatrix(
            labels: Self.labels, predictions: Self.predictions, classes: Self.animals())
        #expect(
            matrix.counts == [
                [3, 1, 0, 1],
                [1, 2, 0, 0],
                [1, 1, 0, 0],
                [0, 0, 0, 0],
            ])
        #expect(matrix.sampleCount == 10)
        #expect(matrix.correctCount == 5)
        #expect(matrix[0, 3] == 1)
    }

    @Test func oneVersusRestCounts() throws {
        let matrix = try ConfusionMatrix(
            labels: Self.labels, predictions: Self.predictions, classes: Self.animals())
        // Class "dog": TP 2, FP 2 (a cat and a bird), FN 1, TN 10 - 3 - 2 = 5.
        #expect(matrix.truePositives(of: 1) == 2)
        #expect(matrix.falsePositives(of: 1) == 2)
        #expect(matrix.falseNegatives(of: 1) == 1)
        #expect(matrix.trueNegatives(of: 1) == 5)
        #expect(matrix.support(of: 1) == 3)
        #expect(matrix.predictedCount(of: 1) == 4)
        // Class "fish": never a label, predicted once.
        #expect(matrix.support(of: 3) == 0)
        #expect(matrix.falsePositives(of: 3) == 1)
        #expect(matrix.trueNegatives(of: 3) == 9)
    }

    @Test func emptyInputGivesZeroMatrix() throws {
        let matrix = try ConfusionMatrix(labels: [], predictions: [], classes: ClassList(count: 2))
        #expect(matrix.counts == [[0, 0], [0, 0]])
        #expect(matrix.sampleCount == 0)
    }

    @Test func invalidInputsAreRejected() throws {
        let classes = try ClassList(count: 3)
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "predictions", count: 1, expectedName: "labels", expectedCount: 2)
        ) {
            try ConfusionMatrix(labels: [0, 1], predictions: [0], classes: classes)
        }
        #expect(
            throws: EvaluationError.classIndexOutOfRange(
                array: "labels", position: 1, value: 3, classCount: 3)
        ) {
            try ConfusionMatrix(labels: [0, 3], predictions: [0, 1], classes: classes)
        }
        #expect(
            throws: EvaluationError.classIndexOutOfRange(
                array: "predictions", position: 0, value: -1, classCount: 3)
        ) {
            try ConfusionMatrix(labels: [0, 1], predictions: [-1, 1], classes: classes)
        }
    }

    @Test func countsInitializerValidatesShape() throws {
        let classes = try ClassList(count: 2)
        #expect(
            throws: EvaluationError.lengthMismatch(
                name: "counts[1]", count: 1, expectedName: "classes", expectedCount: 2)
        ) {
            try ConfusionMatrix(counts: [[1, 0], [2]], classes: classes)
        }
        #expect(throws: EvaluationError.negativeCount(row: 0, column: 1, value: -4)) {
            try ConfusionMatrix(counts: [[1, -4], [0, 2]], classes: classes)
        }
    }

    @Test func jsonRoundTripKeepsNamesAndCounts() throws {
        let matrix = try ConfusionMatrix(
            labels: Self.labels, predictions: Self.predictions, classes: Self.animals())
        let data = try JSONEncoder().encode(matrix)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["classNames"] as? [String] == ["cat", "dog", "bird", "fish"])
        #expect(object["counts"] as? [[Int]] == matrix.counts)
        #expect(try JSONDecoder().decode(ConfusionMatrix.self, from: data) == matrix)
    }

    @Test func decodingRejectsCountsOfWrongSize() {
        let json = Data(#"{"classNames": ["a", "b"], "counts": [[1, 2, 3], [4, 5, 6]]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionMatrix.self, from: json) }
    }
}
