/// Whether larger or smaller values of a metric are better.
public enum OptimizationDirection: String, Codable, Sendable {
    /// Smaller is better, as for a loss.
    case minimize
    /// Larger is better, as for accuracy.
    case maximize
}

/// A metric named by a string, for use as a tuning objective or an early-stopping monitor.
///
/// Names, as `description` writes them and `init(parsing:classes:)` reads them:
/// - `loss`: the loss, which comes from training, not from a `ClassificationReport`
/// - `accuracy`, and `top5Accuracy` for top-k accuracy with any k >= 1
/// - `macroPrecision`, `macroRecall`, `macroF1`, and the same with `weighted` and `micro`
/// - `precision[C]`, `recall[C]`, `specificity[C]`, `f1[C]` for one class `C`, given by name
///   (`recall[malignant]`) or by index (`precision[3]`); see `ClassReference.init(parsing:)`
///
/// Every metric is maximized except `loss`, which is minimized.
public enum MetricName: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The training or validation loss.
    case loss
    /// Fraction of correct predictions.
    case accuracy
    /// Fraction of samples whose true class is among the k highest scores.
    case topKAccuracy(Int)
    /// Mean precision over classes with support > 0.
    case macroPrecision
    /// Mean recall over classes with support > 0.
    case macroRecall
    /// Mean F1 over classes with support > 0.
    case macroF1
    /// Support-weighted mean precision.
    case weightedPrecision
    /// Support-weighted mean recall.
    case weightedRecall
    /// Support-weighted mean F1.
    case weightedF1
    /// Precision of the summed counts; equals accuracy.
    case microPrecision
    /// Recall of the summed counts; equals accuracy.
    case microRecall
    /// F1 of the summed counts; equals accuracy.
    case microF1
    /// One metric of one class.
    case perClass(ClassMetricKind, ClassReference)

    private static let averagedMetrics: [String: MetricName] = [
        "macroPrecision": .macroPrecision, "macroRecall": .macroRecall, "macroF1": .macroF1,
        "weightedPrecision": .weightedPrecision, "weightedRecall": .weightedRecall, "weightedF1": .weightedF1,
        "microPrecision": .microPrecision, "microRecall": .microRecall, "microF1": .microF1,
    ]

    /// The forms that `init(parsing:classes:)` accepts, for error messages and help text.
    public static let validNames: [String] =
        ["loss", "accuracy", "top<k>Accuracy (such as top5Accuracy)"]
        + ["macro", "weighted", "micro"].flatMap { average in
            ["Precision", "Recall", "F1"].map { average + $0 }
        }
        + ClassMetricKind.allCases.map { "\($0.rawValue)[<class name or index>]" }

    /// Parses a metric name such as `macroF1`, `top5Accuracy` or `recall[malignant]`.
    ///
    /// With `classes`, it also checks that a per-class metric names an existing class and that
    /// k of a top-k accuracy is at most the class count, so a misspelled objective fails before
    /// training starts.
    ///
    /// Throws `EvaluationError.unknownMetric`, listing `validNames`, for text of no known form;
    /// `EvaluationError.unknownClass`, listing the class names, for a missing class; and
    /// `EvaluationError.invalidTopK` for k outside `1...classes.count`.
    public init(parsing text: String, classes: ClassList? = nil) throws {
        guard let parsed = Self.parse(text) else {
            throw EvaluationError.unknownMetric(text, validNames: Self.validNames)
        }
        if let classes {
            switch parsed {
            case .perClass(_, let reference):
                _ = try classes.index(of: reference)
            case .topKAccuracy(let k) where k > classes.count:
                throw EvaluationError.invalidTopK(k: k, classCount: classes.count)
            default:
                break
            }
        }
        self = parsed
    }

    private static func parse(_ text: String) -> MetricName? {
        switch text {
        case "loss":
            return .loss
        case "accuracy":
            return .accuracy
        default:
            break
        }
        if let averaged = averagedMetrics[text] {
            return averaged
        }
        if text.hasPrefix("top"), text.hasSuffix("Accuracy") {
            let digits = text.dropFirst("top".count).dropLast("Accuracy".count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let k = Int(digits), k >= 1
            else {
                return nil
            }
            return .topKAccuracy(k)
        }
        guard text.hasSuffix("]"), let open = text.firstIndex(of: "[") else {
            return nil
        }
        let classText = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard let kind = ClassMetricKind(rawValue: String(text[..<open])), !classText.isEmpty else {
            return nil
        }
        return .perClass(kind, ClassReference(parsing: classText))
    }

    /// The name in the form that `init(parsing:classes:)` reads.
    public var description: String {
        switch self {
        case .loss: return "loss"
        case .accuracy: return "accuracy"
        case .topKAccuracy(let k): return "top\(k)Accuracy"
        case .macroPrecision: return "macroPrecision"
        case .macroRecall: return "macroRecall"
        case .macroF1: return "macroF1"
        case .weightedPrecision: return "weightedPrecision"
        case .weightedRecall: return "weightedRecall"
        case .weightedF1: return "weightedF1"
        case .microPrecision: return "microPrecision"
        case .microRecall: return "microRecall"
        case .microF1: return "microF1"
        case .perClass(let kind, let reference): return "\(kind.rawValue)[\(reference)]"
        }
    }

    /// `.minimize` for `loss`, `.maximize` for every other metric.
    public var direction: OptimizationDirection {
        self == .loss ? .minimize : .maximize
    }

    /// Returns the metric's value from `report`, or `loss` for the `loss` metric.
    ///
    /// Throws `EvaluationError.metricUnavailable` for `loss` without a `loss` argument and for
    /// a top-k accuracy that the report did not compute, and `EvaluationError.unknownClass`
    /// for a class that the report's class list does not contain.
    public func value(in report: ClassificationReport, loss: Double? = nil) throws -> Double {
        switch self {
        case .loss:
            guard let loss else {
                throw EvaluationError.metricUnavailable(
                    description, reason: "the loss comes from training; pass it as the loss argument")
            }
            return loss
        case .accuracy: return report.accuracy
        case .topKAccuracy(let k):
            guard let value = report.topKAccuracy[k] else {
                let computed = report.topKAccuracy.keys.sorted().map { "top\($0)Accuracy" }
                let list = computed.isEmpty ? "none" : computed.joined(separator: ", ")
                throw EvaluationError.metricUnavailable(
                    description,
                    reason: "the report computed only these top-k accuracies: \(list); "
                        + "build it from scores with topK including \(k)")
            }
            return value
        case .macroPrecision: return report.macroPrecision
        case .macroRecall: return report.macroRecall
        case .macroF1: return report.macroF1
        case .weightedPrecision: return report.weightedPrecision
        case .weightedRecall: return report.weightedRecall
        case .weightedF1: return report.weightedF1
        case .microPrecision: return report.microPrecision
        case .microRecall: return report.microRecall
        case .microF1: return report.microF1
        case .perClass(let kind, let reference):
            return try report.metrics(of: reference).value(of: kind)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as EvaluationError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
