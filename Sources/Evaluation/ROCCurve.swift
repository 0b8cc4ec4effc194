/// The receiver operating characteristic (ROC) curve of binary scores and the area under it.
///
/// Each point predicts positive every sample with score >= its threshold and records
/// FPR = FP / N and TPR = TP / P (recall), where P and N count positive and negative samples.
/// The points run from (0, 0), where nothing is predicted positive, through one point per
/// distinct score in descending order, to (1, 1).
///
/// AUC is the trapezoidal area under these points. Tied scores form one diagonal step, so
/// the AUC equals the probability that a random positive scores higher than a random negative,
/// counting a tie as one half (the Mann-Whitney U statistic divided by P · N).
public struct ROCCurve: Equatable, Sendable, Codable {
    /// One point of the curve.
    public struct Point: Equatable, Sendable, Codable {
        /// The lowest score predicted positive, or nil for the starting point (0, 0).
        public let threshold: Double?
        /// FP / N at this threshold.
        public let falsePositiveRate: Double
        /// TP / P at this threshold.
        public let truePositiveRate: Double
    }

    /// The index of the positive class.
    public let positiveClass: Int
    /// The points from threshold nil (0, 0) down to the lowest score (1, 1).
    public let points: [Point]
    /// The area under the curve, in [0, 1]; 0.5 for scores that carry no information.
    public let auc: Double

    /// Builds the curve of `scores`.
    ///
    /// Throws `EvaluationError.missingBinaryClass` when the labels hold no positive or no
    /// negative sample, because TPR or FPR would then be 0/0 at every threshold.
    public init(_ scores: BinaryScores) throws {
        let positiveCount = scores.positiveCount
        let negativeCount = scores.negativeCount
        guard positiveCount > 0 else {
            throw EvaluationError.missingBinaryClass(
                side: "positive", positiveClass: scores.positiveClassName)
        }
        guard negativeCount > 0 else {
            throw EvaluationError.missingBinaryClass(
                side: "negative", positiveClass: scores.positiveClassName)
        }

        var points = [Point(threshold: nil, falsePositiveRate: 0, truePositiveRate: 0)]
        var area = 0.0
        for counts in scores.thresholdCounts() {
            let point = Point(
                threshold: counts.threshold,
                falsePositiveRate: Double(counts.falsePositives) / Double(negativeCount),
                truePositiveRate: Double(counts.truePositives) / Double(positiveCount))
            let previous = points[points.count - 1]
            area +=
                (point.falsePositiveRate - previous.falsePositiveRate)
                * (point.truePositiveRate + previous.truePositiveRate) / 2
            points.append(point)
        }
        self.positiveClass = scores.positiveClass
        self.points = points
        self.auc = area
    }
}
