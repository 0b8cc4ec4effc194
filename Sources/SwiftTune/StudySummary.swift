import Evaluation
import Foundation
import Training
import Tuning

/// The machine-readable result of a study, written as the study directory's `summary.json`.
public struct StudySummary: Codable, Sendable {
    /// Metrics of the best model on one split.
    public struct Metrics: Codable, Sendable {
        public var accuracy: Double
        public var macroF1: Double
        public var weightedF1: Double
        public var loss: Double
        /// Value of the study objective on this split.
        public var objective: Double?
        /// Precision, recall and F1 of the class a per-class objective names (such as
        /// `recall[malignant]`), so that the precision a recall costs is reported beside it.
        public var objectiveClass: ClassFigures?

        init(_ evaluation: ModelEvaluation, objective: Double?, objectiveName: MetricName) {
            accuracy = evaluation.accuracy
            macroF1 = evaluation.report.macroF1
            weightedF1 = evaluation.report.weightedF1
            loss = evaluation.loss
            self.objective = objective
            if case .perClass(_, let reference) = objectiveName,
                let index = try? evaluation.report.classes.index(of: reference)
            {
                let metrics = evaluation.report.perClass[index]
                objectiveClass = ClassFigures(
                    name: evaluation.report.classes.names[index], precision: metrics.precision,
                    recall: metrics.recall,
                    f1: metrics.f1)
            }
        }
    }

    /// Precision, recall and F1 of one class.
    public struct ClassFigures: Codable, Sendable {
        public var name: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    /// The best trial and its metrics.
    public struct Best: Codable, Sendable {
        public var number: Int
        public var params: [String: JSONValue]
        public var validation: Metrics
        /// Metrics on the test split, evaluated once for this model only.
        public var test: Metrics
        public var epochs: Int?
        public var seconds: Double?
    }

    public var study: String
    public var objective: String
    public var direction: String
    /// Number of trials in each state, with `total`.
    public var trials: [String: Int]
    public var best: Best?

    init(study: String, objective: String, direction: String, trials: [TrialRecord], best: Best?) {
        self.study = study
        self.objective = objective
        self.direction = direction
        var counts = Dictionary(uniqueKeysWithValues: TrialState.allCases.map { ($0.rawValue, 0) })
        for trial in trials { counts[trial.state.rawValue, default: 0] += 1 }
        counts["total"] = trials.count
        self.trials = counts
        self.best = best
    }
}
