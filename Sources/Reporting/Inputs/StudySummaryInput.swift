import Evaluation

/// Everything the report of a hyperparameter study shows, as plain values.
///
/// ```swift
/// let input = StudySummaryInput(
///     studyName: "mnist-mlp", objectiveName: "validation loss", direction: .minimize,
///     trials: rows, trialHistories: [7: bestHistory], testReport: testReport)
/// try HTMLReport(study: input).write(to: studyDirectory.appendingPathComponent("report.html"))
/// ```
public struct StudySummaryInput: Codable, Equatable, Sendable {
    /// Whether lower or higher objective values are better.
    public enum Direction: String, Codable, CaseIterable, Sendable {
        /// Lower is better, as for a loss.
        case minimize
        /// Higher is better, as for accuracy.
        case maximize

        /// Returns whether `value` is better than `other` in this direction. Equal values are not.
        public func isBetter(_ value: Double, than other: Double) -> Bool {
            self == .minimize ? value < other : value > other
        }
    }

    /// The study name.
    public var studyName: String
    /// The name of the objective metric, such as "validation loss".
    public var objectiveName: String
    /// Whether the study minimizes or maximizes the objective.
    public var direction: Direction
    /// All trials, in any order.
    public var trials: [TrialRow]
    /// The trial that the study chose as best. When it is nil, the report takes the complete
    /// trial with the best finite objective, and the lowest trial number among equals.
    public var bestTrialNumber: Int?
    /// Learning curves by trial number. The report draws those of the best few ranked trials
    /// that have one, so histories of other trials may be left out.
    public var trialHistories: [Int: RunHistory]
    /// The best model's evaluation on the test split.
    public var testReport: ClassificationReport?
    /// The diagnosis of the best trial's learning curves.
    public var diagnosis: Diagnosis?

    /// Creates the input of a study report; see the properties for the meaning of each argument.
    public init(
        studyName: String, objectiveName: String, direction: Direction, trials: [TrialRow],
        bestTrialNumber: Int? = nil, trialHistories: [Int: RunHistory] = [:],
        testReport: ClassificationReport? = nil,
        diagnosis: Diagnosis? = nil
    ) {
        self.studyName = studyName
        self.objectiveName = objectiveName
        self.direction = direction
        self.trials = trials
        self.bestTrialNumber = bestTrialNumber
        self.trialHistories = trialHistories
        self.testReport = testReport
        self.diagnosis = diagnosis
    }
}
