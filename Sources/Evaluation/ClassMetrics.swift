/// A metric computed for one class against all others (one-vs-rest).
public enum ClassMetricKind: String, CaseIterable, Codable, Sendable {
    /// TP / (TP + FP); 0/0 when the class is never predicted.
    case precision
    /// TP / (TP + FN), also called sensitivity; 0/0 when the class is absent from the labels.
    case recall
    /// TN / (TN + FP); 0/0 when every sample belongs to the class.
    case specificity
    /// 2 TP / (2 TP + FP + FN); 0/0 when the class is absent from both labels and predictions.
    case f1
}

/// Precision, recall, specificity and F1 of one class, with the counts they come from.
///
/// With TP, FP, FN and TN counted one-vs-rest from the confusion matrix:
/// - precision = TP / (TP + FP)
/// - recall (sensitivity) = TP / (TP + FN)
/// - specificity = TN / (TN + FP)
/// - F1 = 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall
/// - support = TP + FN, the number of samples of the class
///
/// Zero-division rule: a ratio whose denominator is 0 is reported as 0, the default
/// `zero_division=0` of scikit-learn, and `undefinedMetrics` lists it so that a report can
/// warn. F1 is computed from counts, so a class that is never predicted but has samples gets
/// F1 = 0 without a 0/0, and only a class absent from both labels and predictions has an
/// undefined F1.
public struct ClassMetrics: Equatable, Sendable, Codable {
    /// The class name from the class list.
    public let className: String
    /// The class index in the class list.
    public let classIndex: Int
    /// Samples of this class predicted as this class.
    public let truePositives: Int
    /// Samples of other classes predicted as this class.
    public let falsePositives: Int
    /// Samples of this class predicted as another class.
    public let falseNegatives: Int
    /// Samples of other classes predicted as another class.
    public let trueNegatives: Int
    /// Samples of this class: TP + FN.
    public let support: Int
    /// TP / (TP + FP), or 0 when the class is never predicted.
    public let precision: Double
    /// TP / (TP + FN), or 0 when the class is absent from the labels.
    public let recall: Double
    /// TN / (TN + FP), or 0 when every sample belongs to this class.
    public let specificity: Double
    /// 2 TP / (2 TP + FP + FN), or 0 when the class is absent from labels and predictions.
    public let f1: Double

    /// Computes the metrics of class `classIndex` from `matrix`.
    ///
    /// - Precondition: `classIndex` is in `0..<matrix.classCount`.
    public init(classIndex: Int, in matrix: ConfusionMatrix) {
        self.init(classIndex: classIndex, in: matrix, sampleCount: matrix.sampleCount)
    }

    /// Computes the metrics with the matrix's sample count given, so that a caller looping
    /// over all classes sums the matrix once instead of once per class.
    init(classIndex: Int, in matrix: ConfusionMatrix, sampleCount: Int) {
        precondition(
            matrix.classes.names.indices.contains(classIndex), "class index \(classIndex) out of range")
        let truePositives = matrix.truePositives(of: classIndex)
        let support = matrix.support(of: classIndex)
        let predictedCount = matrix.predictedCount(of: classIndex)
        let falsePositives = predictedCount - truePositives
        let falseNegatives = support - truePositives
        let trueNegatives = sampleCount - support - falsePositives

        self.className = matrix.classes.names[classIndex]
        self.classIndex = classIndex
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
        self.support = support
        self.precision = ratio(truePositives, truePositives + falsePositives)
        self.recall = ratio(truePositives, truePositives + falseNegatives)
        self.specificity = ratio(trueNegatives, trueNegatives + falsePositives)
        self.f1 = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
    }

    /// Returns the F-beta score: (1 + β²) TP / ((1 + β²) TP + β² FN + FP).
    ///
    /// β > 1 weighs recall more than precision (F2 counts recall four times as much in the
    /// denominator), and β = 1 gives F1. Like F1, the score is 0 when its denominator is 0,
    /// which happens only for a class absent from both labels and predictions.
    ///
    /// - Precondition: `beta` is finite and greater than 0.
    public func fScore(beta: Double) -> Double {
        precondition(beta.isFinite && beta > 0, "beta must be finite and positive, got \(beta)")
        let betaSquared = beta * beta
        let weightedTruePositives = (1 + betaSquared) * Double(truePositives)
        let denominator =
            weightedTruePositives + betaSquared * Double(falseNegatives) + Double(falsePositives)
        return denominator == 0 ? 0 : weightedTruePositives / denominator
    }

    /// Returns the value of `kind` for this class.
    public func value(of kind: ClassMetricKind) -> Double {
        switch kind {
        case .precision: return precision
        case .recall: return recall
        case .specificity: return specificity
        case .f1: return f1
        }
    }

    /// The metrics whose denominator is 0 and that are therefore reported as 0.
    public var undefinedMetrics: [ClassMetricKind] {
        var result: [ClassMetricKind] = []
        if truePositives + falsePositives == 0 {
            result.append(.precision)
        }
        if truePositives + falseNegatives == 0 {
            result.append(.recall)
        }
        if trueNegatives + falsePositives == 0 {
            result.append(.specificity)
        }
        if truePositives + falsePositives + falseNegatives == 0 {
            result.append(.f1)
        }
        return result
    }
}

/// Returns `numerator / denominator`, or 0 when `denominator` is 0 (the zero-division rule).
func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator == 0 ? 0 : Double(numerator) / Double(denominator)
}
