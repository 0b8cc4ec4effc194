import Evaluation
import Foundation
import TensorCore

/// The `evaluation` section of an experiment: the positive class of a binary problem and an
/// optional recall the decision threshold must reach.
///
/// ```json
/// {"positiveClass": "malignant", "targetRecall": 0.95}
/// ```
/// `positiveClass` is a class name or a class index. With it, the run record adds the ROC curve's
/// AUC and the average precision of that class, on the validation and test splits. With
/// `targetRecall`, it also adds the decision threshold chosen on the validation split that
/// reaches that recall, the precision it costs there, and what the threshold gives on the test
/// split.
public struct EvaluationConfiguration: Codable, Equatable, Sendable {
    public var positiveClass: ClassReference
    public var targetRecall: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case positiveClass, targetRecall
    }

    /// Creates the section; `targetRecall` must lie in (0, 1].
    public init(positiveClass: ClassReference, targetRecall: Double? = nil) {
        self.positiveClass = positiveClass
        self.targetRecall = targetRecall
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let index = try? container.decode(Int.self, forKey: .positiveClass) {
            positiveClass = .index(index)
        } else {
            positiveClass = .name(try container.decode(String.self, forKey: .positiveClass))
        }
        targetRecall = try container.decodeIfPresent(Double.self, forKey: .targetRecall)
        if let targetRecall, !(targetRecall > 0 && targetRecall <= 1) {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.targetRecall), rule: "must be in (0, 1]",
                value: "\(targetRecall)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch positiveClass {
        case .index(let index): try container.encode(index, forKey: .positiveClass)
        case .name(let name): try container.encode(name, forKey: .positiveClass)
        }
        try container.encodeIfPresent(targetRecall, forKey: .targetRecall)
    }

    /// Returns the index of the positive class among `classNames`, or throws a configuration error
    /// naming the class and listing the valid ones.
    public func positiveClassIndex(in classNames: [String]) throws -> Int {
        do {
            return try ClassList(names: classNames).index(of: positiveClass)
        } catch {
            throw ConfigurationError(
                field: "evaluation.positiveClass",
                rule: "must name a class of the data set (\(classNames.joined(separator: ", ")))",
                value: "\"\(positiveClass)\"")
        }
    }
}

/// Binary metrics of one positive class: ROC AUC, average precision and a decision threshold.
public struct BinaryAnalysis: Codable, Sendable {
    /// Ranking quality of one split.
    public struct SplitFigures: Codable, Sendable {
        /// Area under the ROC curve of the positive class's probability.
        public var rocAUC: Double
        /// Average precision, Σ (Rₙ − Rₙ₋₁) Pₙ over the precision-recall curve.
        public var averagePrecision: Double
    }

    /// The threshold chosen on the validation split for the target recall, and what it gives.
    public struct Threshold: Codable, Sendable {
        public var targetRecall: Double
        /// Predict the positive class when its probability is at least this value.
        public var threshold: Double
        public var validationRecall: Double
        /// Precision on the validation split at this threshold: what the target recall costs.
        public var validationPrecision: Double
        public var testRecall: Double?
        public var testPrecision: Double?
    }

    public var positiveClass: String
    public var validation: SplitFigures
    public var test: SplitFigures?
    public var threshold: Threshold?

    /// Computes the figures from the evaluations of the validation and (optionally) test splits.
    public init(configuration: EvaluationConfiguration, validation: ModelEvaluation, test: ModelEvaluation?)
        throws
    {
        let classNames = validation.report.classes.names
        let positive = try configuration.positiveClassIndex(in: classNames)
        let classes = try ClassList(names: classNames)

        func scores(_ evaluation: ModelEvaluation) throws -> BinaryScores {
            let classCount = classNames.count
            let probabilities = stride(from: positive, to: evaluation.probabilities.count, by: classCount).map
            {
                evaluation.probabilities[$0]
            }
            return try BinaryScores(
                labels: evaluation.labels, scores: probabilities, classes: classes,
                positiveClass: .index(positive))
        }
        func figures(_ binary: BinaryScores) throws -> SplitFigures {
            SplitFigures(
                rocAUC: try ROCCurve(binary).auc,
                averagePrecision: try PrecisionRecallCurve(binary).averagePrecision)
        }

        positiveClass = classNames[positive]
        let validationScores = try scores(validation)
        self.validation = try figures(validationScores)
        let testScores = try test.map(scores)
        self.test = try testScores.map(figures)

        if let target = configuration.targetRecall {
            let point = try PrecisionRecallCurve(validationScores).operatingPoint(forRecall: target)
            var threshold = Threshold(
                targetRecall: target, threshold: point.threshold, validationRecall: point.recall,
                validationPrecision: point.precision)
            if let testScores {
                let (recall, precision) = Self.recallAndPrecision(testScores, threshold: point.threshold)
                threshold.testRecall = recall
                threshold.testPrecision = precision
            }
            self.threshold = threshold
        }
    }

    /// Recall and precision of predicting positive when the score is at least `threshold`;
    /// precision is 0 when nothing is predicted positive.
    static func recallAndPrecision(_ scores: BinaryScores, threshold: Double) -> (Double, Double) {
        var truePositives = 0
        var falsePositives = 0
        for (isPositive, score) in zip(scores.isPositive, scores.scores) where score >= threshold {
            if isPositive { truePositives += 1 } else { falsePositives += 1 }
        }
        let recall = Double(truePositives) / Double(max(scores.positiveCount, 1))
        let predicted = truePositives + falsePositives
        return (recall, predicted == 0 ? 0 : Double(truePositives) / Double(predicted))
    }
}
