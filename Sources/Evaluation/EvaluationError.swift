import Foundation

/// An invalid input to a metric, a curve, a metric name or a learning-curve diagnosis.
///
/// Every case's `description` is a whole sentence that names the value that failed and states
/// what a valid value looks like.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A class count below 1.
    case invalidClassCount(Int)

    /// A class list with an empty name or the same name twice.
    case invalidClassName(String, reason: String)

    /// Two arrays that must be parallel but differ in length, such as labels and predictions.
    case lengthMismatch(name: String, count: Int, expectedName: String, expectedCount: Int)

    /// An entry of a label or prediction array outside `0..<classCount`.
    case classIndexOutOfRange(array: String, position: Int, value: Int, classCount: Int)

    /// A negative entry in the counts of a confusion matrix.
    case negativeCount(row: Int, column: Int, value: Int)

    /// An empty sample set where the metric needs at least one sample.
    case noSamples(String)

    /// A score that is NaN or infinite.
    case nonFiniteScore(position: Int, value: Double)

    /// A score matrix whose element count is not a multiple of the class count.
    case invalidScoreMatrix(valueCount: Int, classCount: Int)

    /// A `k` for top-k accuracy outside `1...classCount`.
    case invalidTopK(k: Int, classCount: Int)

    /// A class name or index that the class list does not contain.
    case unknownClass(String, validNames: [String])

    /// A binary curve whose labels contain no positive or no negative sample.
    case missingBinaryClass(side: String, positiveClass: String)

    /// A requested recall outside `(0, 1]`.
    case invalidRecallTarget(Double)

    /// A metric name that does not parse.
    case unknownMetric(String, validNames: [String])

    /// A metric that the report cannot supply, such as a top-k accuracy it did not compute.
    case metricUnavailable(String, reason: String)

    /// Learning curves or diagnosis thresholds that break a rule, such as arrays of different
    /// lengths; `field` is the property path, such as `validationLoss` or `thresholds.improvementWindow`.
    case invalidDiagnosisInput(field: String, rule: String)

    public var description: String {
        switch self {
        case .invalidClassCount(let count):
            return "Class count must be at least 1, got \(count)."
        case .invalidClassName(let name, let reason):
            return "Class name '\(name)' is invalid: \(reason)."
        case .lengthMismatch(let name, let count, let expectedName, let expectedCount):
            return "\(name) has \(count) entries but \(expectedName) has \(expectedCount); "
                + "they must have the same length."
        case .classIndexOutOfRange(let array, let position, let value, let classCount):
            return "\(array)[\(position)] is \(value), but class indices must be in 0..<\(classCount)."
        case .negativeCount(let row, let column, let value):
            return
                "Confusion-matrix count at row \(row), column \(column) is \(value); counts must not be negative."
        case .noSamples(let what):
            return "\(what) needs at least one sample, got none."
        case .nonFiniteScore(let position, let value):
            return "Score at position \(position) is \(value); scores must be finite."
        case .invalidScoreMatrix(let valueCount, let classCount):
            return "Score matrix has \(valueCount) values, which is not a multiple of the class count "
                + "\(classCount); pass scores row-major as [samples x classes]."
        case .invalidTopK(let k, let classCount):
            return "Top-k accuracy needs k in 1...\(classCount), got \(k)."
        case .unknownClass(let value, let validNames):
            return "Class '\(value)' not found. Valid classes: \(validNames.joined(separator: ", "))."
        case .missingBinaryClass(let side, let positiveClass):
            return "The labels contain no \(side) sample for positive class '\(positiveClass)'; "
                + "the curve needs both positive and negative samples."
        case .invalidRecallTarget(let target):
            return "Recall target must be in (0, 1], got \(target)."
        case .unknownMetric(let value, let validNames):
            return "Unknown metric '\(value)'. Valid metrics: \(validNames.joined(separator: ", "))."
        case .metricUnavailable(let metric, let reason):
            return "Metric '\(metric)' is not available: \(reason)."
        case .invalidDiagnosisInput(let field, let rule):
            return "Invalid diagnosis input: \(field) \(rule)."
        }
    }

    public var errorDescription: String? { description }
}
