/// The precision-recall curve of binary scores and its average precision.
///
/// Each point predicts positive every sample with score >= its threshold and records
/// precision = TP / (TP + FP) and recall = TP / P, where P counts the positive samples. There
/// is one point per distinct score, from the highest score (lowest recall) to the lowest
/// score (recall 1). Precision is never 0/0 on the curve, because every threshold is a score
/// of at least one sample.
///
/// Average precision (AP) is the step-wise sum AP = Σₙ (Rₙ − Rₙ₋₁) · Pₙ over the points in
/// that order, with R₀ = 0. It weighs each recall gain by the precision reached with it and
/// does not interpolate between points, the definition of scikit-learn's
/// `average_precision_score`. Tied scores form one point, so their order does not matter.
public struct PrecisionRecallCurve: Equatable, Sendable, Codable {
    /// One point of the curve.
    public struct Point: Equatable, Sendable, Codable {
        /// The lowest score predicted positive: a sample is positive when score >= threshold.
        public let threshold: Double
        /// TP / (TP + FP) at this threshold.
        public let precision: Double
        /// TP / P at this threshold.
        public let recall: Double
        /// Positive samples with score >= threshold.
        public let truePositives: Int
        /// Negative samples with score >= threshold.
        public let falsePositives: Int
    }

    /// The index of the positive class.
    public let positiveClass: Int
    /// The points in order of descending threshold, so recall never decreases along them.
    public let points: [Point]
    /// Σₙ (Rₙ − Rₙ₋₁) · Pₙ with R₀ = 0, in [0, 1].
    public let averagePrecision: Double

    /// Builds the curve of `scores`.
    ///
    /// Throws `EvaluationError.missingBinaryClass` when the labels hold no positive sample,
    /// because recall would be 0/0. Labels without negatives are valid: precision is then 1
    /// at every threshold.
    public init(_ scores: BinaryScores) throws {
        let positiveCount = scores.positiveCount
        guard positiveCount > 0 else {
            throw EvaluationError.missingBinaryClass(
                side: "positive", positiveClass: scores.positiveClassName)
        }

        var points: [Point] = []
        var averagePrecision = 0.0
        var previousRecall = 0.0
        for counts in scores.thresholdCounts() {
            let point = Point(
                threshold: counts.threshold,
                precision: ratio(counts.truePositives, counts.truePositives + counts.falsePositives),
                recall: ratio(counts.truePositives, positiveCount),
                truePositives: counts.truePositives,
                falsePositives: counts.falsePositives)
            averagePrecision += (point.recall - previousRecall) * point.precision
            previousRecall = point.recall
            points.append(point)
        }
        self.positiveClass = scores.positiveClass
        self.points = points
        self.averagePrecision = averagePrecision
    }

    /// Returns the point with the highest precision among those with recall >= `targetRecall`.
    ///
    /// Among points of equal precision it returns the one with the highest threshold, which
    /// flags the fewest samples. Predicting positive when score >= `threshold` of the result
    /// reaches the target recall on these samples, and its `precision` is what that recall
    /// costs. The last point has recall 1, so every target in (0, 1] is reachable.
    ///
    /// Throws `EvaluationError.invalidRecallTarget` unless `targetRecall` is in (0, 1].
    public func operatingPoint(forRecall targetRecall: Double) throws -> Point {
        guard targetRecall > 0, targetRecall <= 1 else {
            throw EvaluationError.invalidRecallTarget(targetRecall)
        }
        // The last point has recall exactly 1 (TP = P), so `reaching` is never empty.
        let reaching = points.filter { $0.recall >= targetRecall }
        var best = reaching[0]
        for point in reaching.dropFirst() where point.precision > best.precision {
            best = point
        }
        return best
    }
}
