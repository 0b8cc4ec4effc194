/// Counts of (true class, predicted class) pairs over the full class list.
///
/// Rows are true classes and columns are predicted classes, both in the order of `classes`.
/// Every class of the list has a row and a column, including classes absent from the labels
/// and predictions it was built from, so matrices of different batches line up.
///
/// Encodes as `{"classNames": [...], "counts": [[...], ...]}`; decoding checks that `counts`
/// is square, matches the class count and contains no negative count.
public struct ConfusionMatrix: Equatable, Sendable, Codable {
    /// The classes that label the rows and columns.
    public let classes: ClassList

    /// `counts[t][p]` is the number of samples of true class `t` predicted as class `p`.
    public let counts: [[Int]]

    /// Counts the pairs `(labels[i], predictions[i])`.
    ///
    /// Empty arrays give an all-zero matrix. Throws `EvaluationError.lengthMismatch` when the
    /// arrays differ in length and `EvaluationError.classIndexOutOfRange` for an entry outside
    /// `0..<classes.count`.
    public init(labels: [Int], predictions: [Int], classes: ClassList) throws {
        guard predictions.count == labels.count else {
            throw EvaluationError.lengthMismatch(
                name: "predictions", count: predictions.count, expectedName: "labels",
                expectedCount: labels.count)
        }
        try classes.validateIndices(labels, arrayName: "labels")
        try classes.validateIndices(predictions, arrayName: "predictions")

        var counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        for (label, prediction) in zip(labels, predictions) {
            counts[label][prediction] += 1
        }
        self.classes = classes
        self.counts = counts
    }

    /// Wraps existing counts, such as counts accumulated over batches.
    ///
    /// Throws `EvaluationError.lengthMismatch` unless `counts` is `classes.count` rows of
    /// `classes.count` entries, and `EvaluationError.negativeCount` for a count below 0.
    public init(counts: [[Int]], classes: ClassList) throws {
        guard counts.count == classes.count else {
            throw EvaluationError.lengthMismatch(
                name: "counts", count: counts.count, expectedName: "classes", expectedCount: classes.count)
        }
        for (row, rowCounts) in counts.enumerated() {
            guard rowCounts.count == classes.count else {
                throw EvaluationError.lengthMismatch(
                    name: "counts[\(row)]", count: rowCounts.count, expectedName: "classes",
                    expectedCount: classes.count)
            }
            if let column = rowCounts.firstIndex(where: { $0 < 0 }) {
                throw EvaluationError.negativeCount(row: row, column: column, value: rowCounts[column])
            }
        }
        self.classes = classes
        self.counts = counts
    }

    private enum CodingKeys: String, CodingKey {
        case classNames
        case counts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let classes = try container.decode(ClassList.self, forKey: .classNames)
        let counts = try container.decode([[Int]].self, forKey: .counts)
        do {
            try self.init(counts: counts, classes: classes)
        } catch let error as EvaluationError {
            throw DecodingError.dataCorruptedError(
                forKey: .counts, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classes, forKey: .classNames)
        try container.encode(counts, forKey: .counts)
    }

    /// The number of samples of class `trueClass` predicted as `predictedClass`.
    public subscript(trueClass: Int, predictedClass: Int) -> Int {
        counts[trueClass][predictedClass]
    }

    /// The number of classes.
    public var classCount: Int { classes.count }

    /// The number of samples, the sum of all counts.
    public var sampleCount: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The number of correctly classified samples, the sum of the diagonal.
    public var correctCount: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

    /// Samples of class `classIndex` predicted as `classIndex` (the diagonal entry).
    public func truePositives(of classIndex: Int) -> Int {
        counts[classIndex][classIndex]
    }

    /// Samples of other classes predicted as `classIndex` (its column without the diagonal).
    public func falsePositives(of classIndex: Int) -> Int {
        predictedCount(of: classIndex) - truePositives(of: classIndex)
    }

    /// Samples of class `classIndex` predicted as another class (its row without the diagonal).
    public func falseNegatives(of classIndex: Int) -> Int {
        support(of: classIndex) - truePositives(of: classIndex)
    }

    /// Samples neither of class `classIndex` nor predicted as it.
    public func trueNegatives(of classIndex: Int) -> Int {
        sampleCount - support(of: classIndex) - falsePositives(of: classIndex)
    }

    /// Samples whose true class is `classIndex` (the row sum).
    public func support(of classIndex: Int) -> Int {
        counts[classIndex].reduce(0, +)
    }

    /// Samples predicted as `classIndex` (the column sum).
    public func predictedCount(of classIndex: Int) -> Int {
        counts.reduce(0) { $0 + $1[classIndex] }
    }
}
