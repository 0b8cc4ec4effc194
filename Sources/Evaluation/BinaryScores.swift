/// Labels and scores of a binary problem, one class chosen as positive and all others negative.
///
/// `scores[i]` is the score of the positive class for sample `i`; higher means more likely
/// positive. The ROC and precision-recall curves are built from this value.
public struct BinaryScores: Equatable, Sendable {
    /// The index of the positive class in the class list.
    public let positiveClass: Int
    /// The name of the positive class.
    public let positiveClassName: String
    /// Whether sample `i` belongs to the positive class.
    public let isPositive: [Bool]
    /// The positive-class score of each sample, all finite.
    public let scores: [Double]

    /// Marks samples as positive where `labels[i]` is the class that `positiveClass` names.
    ///
    /// Throws `EvaluationError.unknownClass` when `classes` has no such class,
    /// `EvaluationError.lengthMismatch` when `scores` and `labels` differ in length,
    /// `EvaluationError.classIndexOutOfRange` for a label outside the class list, and
    /// `EvaluationError.nonFiniteScore` for a NaN or infinite score.
    public init(labels: [Int], scores: [Double], classes: ClassList, positiveClass: ClassReference) throws {
        let positiveIndex = try classes.index(of: positiveClass)
        guard scores.count == labels.count else {
            throw EvaluationError.lengthMismatch(
                name: "scores", count: scores.count, expectedName: "labels", expectedCount: labels.count)
        }
        try classes.validateIndices(labels, arrayName: "labels")
        if let position = scores.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError.nonFiniteScore(position: position, value: scores[position])
        }
        self.positiveClass = positiveIndex
        self.positiveClassName = classes.names[positiveIndex]
        self.isPositive = labels.map { $0 == positiveIndex }
        self.scores = scores
    }

    /// Takes the positive class's column of a score matrix as the scores.
    ///
    /// Throws `EvaluationError.lengthMismatch` when the matrix has not one column per class,
    /// and otherwise what `init(labels:scores:classes:positiveClass:)` throws.
    public init(labels: [Int], scores: ScoreMatrix, classes: ClassList, positiveClass: ClassReference) throws
    {
        guard scores.classCount == classes.count else {
            throw EvaluationError.lengthMismatch(
                name: "score matrix rows", count: scores.classCount, expectedName: "classes",
                expectedCount: classes.count)
        }
        let positiveIndex = try classes.index(of: positiveClass)
        try self.init(
            labels: labels, scores: scores.scores(ofClass: positiveIndex), classes: classes,
            positiveClass: .index(positiveIndex))
    }

    /// The number of positive samples.
    public var positiveCount: Int { isPositive.filter { $0 }.count }

    /// The number of negative samples.
    public var negativeCount: Int { isPositive.count - positiveCount }

    /// Cumulative counts when every sample with score >= `threshold` is predicted positive.
    struct ThresholdCounts {
        var threshold: Double
        var truePositives: Int
        var falsePositives: Int
    }

    /// Returns one entry per distinct score, from the highest score to the lowest.
    ///
    /// Samples with equal scores enter together, so a tie moves a curve in one step (a
    /// diagonal segment of the ROC curve) instead of in an order that depends on sorting.
    func thresholdCounts() -> [ThresholdCounts] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var result: [ThresholdCounts] = []
        var truePositives = 0
        var falsePositives = 0
        var position = 0
        while position < order.count {
            let threshold = scores[order[position]]
            while position < order.count, scores[order[position]] == threshold {
                if isPositive[order[position]] {
                    truePositives += 1
                } else {
                    falsePositives += 1
                }
                position += 1
            }
            result.append(
                ThresholdCounts(
                    threshold: threshold, truePositives: truePositives, falsePositives: falsePositives))
        }
        return result
    }
}
