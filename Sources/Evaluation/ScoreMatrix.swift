/// Per-class scores of a set of samples, row-major as [samples x classes].
///
/// Scores may be probabilities, logits or any other values where higher means more likely;
/// only their order within a row matters. Every score is finite.
public struct ScoreMatrix: Equatable, Sendable {
    /// The scores, `values[sample * classCount + classIndex]`.
    public let values: [Double]

    /// The number of classes, the length of each row.
    public let classCount: Int

    /// Wraps row-major scores.
    ///
    /// Throws `EvaluationError.invalidClassCount` when `classCount` is below 1,
    /// `EvaluationError.invalidScoreMatrix` when `values.count` is not a multiple of
    /// `classCount`, and `EvaluationError.nonFiniteScore` for a NaN or infinite score.
    public init(values: [Double], classCount: Int) throws {
        guard classCount >= 1 else {
            throw EvaluationError.invalidClassCount(classCount)
        }
        guard values.count % classCount == 0 else {
            throw EvaluationError.invalidScoreMatrix(valueCount: values.count, classCount: classCount)
        }
        if let position = values.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError.nonFiniteScore(position: position, value: values[position])
        }
        self.values = values
        self.classCount = classCount
    }

    /// The number of samples, the number of rows.
    public var sampleCount: Int { values.count / classCount }

    /// The score of class `classIndex` for sample `sample`.
    public subscript(sample: Int, classIndex: Int) -> Double {
        values[sample * classCount + classIndex]
    }

    /// Returns the scores of one class for every sample (one column).
    public func scores(ofClass classIndex: Int) -> [Double] {
        precondition((0..<classCount).contains(classIndex), "class index \(classIndex) out of range")
        return (0..<sampleCount).map { self[$0, classIndex] }
    }

    /// Returns the class with the highest score of each sample, taking the lowest index on ties.
    public func predictedClasses() -> [Int] {
        (0..<sampleCount).map { sample in
            var best = 0
            for classIndex in 1..<classCount where self[sample, classIndex] > self[sample, best] {
                best = classIndex
            }
            return best
        }
    }

    /// Returns the fraction of samples whose true class is among the `k` highest scores.
    ///
    /// The rank of the true class `y` of a sample is the number of classes `c` with a higher
    /// score, plus those with an equal score and `c < y`. The sample counts as correct when the
    /// rank is below `k`. This breaks ties like `predictedClasses()`, so top-1 accuracy equals
    /// the accuracy of those predictions.
    ///
    /// Throws `EvaluationError.noSamples` for an empty matrix, `EvaluationError.lengthMismatch`
    /// when `labels` has not one entry per row, `EvaluationError.classIndexOutOfRange` for a
    /// label outside `0..<classCount`, and `EvaluationError.invalidTopK` unless
    /// `1 <= k <= classCount`.
    public func topKAccuracy(labels: [Int], k: Int) throws -> Double {
        guard sampleCount > 0 else {
            throw EvaluationError.noSamples("Top-k accuracy")
        }
        guard labels.count == sampleCount else {
            throw EvaluationError.lengthMismatch(
                name: "labels", count: labels.count, expectedName: "score matrix rows",
                expectedCount: sampleCount)
        }
        guard (1...classCount).contains(k) else {
            throw EvaluationError.invalidTopK(k: k, classCount: classCount)
        }
        try validateClassIndices(labels, arrayName: "labels", classCount: classCount)

        var correct = 0
        for (sample, label) in labels.enumerated() {
            let trueScore = self[sample, label]
            var rank = 0
            for classIndex in 0..<classCount where classIndex != label {
                let score = self[sample, classIndex]
                if score > trueScore || (score == trueScore && classIndex < label) {
                    rank += 1
                }
            }
            if rank < k {
                correct += 1
            }
        }
        return Double(correct) / Double(sampleCount)
    }
}
