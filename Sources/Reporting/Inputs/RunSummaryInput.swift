import Evaluation

/// Everything the report of one training run shows, as plain values.
///
/// ```swift
/// let input = RunSummaryInput(
///     runName: "mnist-cnn", history: history, parameters: ParameterSetting.sortedByName(config),
///     evaluation: testReport, diagnosis: try curves.diagnose())
/// try HTMLReport(run: input).write(to: runDirectory.appendingPathComponent("report.html"))
/// ```
public struct RunSummaryInput: Codable, Equatable, Sendable {
    /// The run name, the report's heading.
    public var runName: String
    /// The learning curves.
    public var history: RunHistory
    /// The configuration of the run, in the order the table shows it.
    public var parameters: [ParameterSetting]
    /// The evaluation of the trained model.
    public var evaluation: ClassificationReport?
    /// The split that `evaluation` measured, such as "test".
    public var evaluationSplit: String
    /// The diagnosis of the learning curves.
    public var diagnosis: Diagnosis?
    /// Further facts for the summary, such as the peak memory, in the order shown.
    public var facts: [ParameterSetting]
    /// Facts about the data, such as the split sizes, in the order shown.
    public var dataFacts: [ParameterSetting]
    /// Warnings about the data, such as a test split whose class shares differ from training's.
    public var dataWarnings: [String]

    /// Creates the input of a run report; see the properties for the meaning of each argument.
    public init(
        runName: String, history: RunHistory, parameters: [ParameterSetting] = [],
        evaluation: ClassificationReport? = nil, evaluationSplit: String = "test",
        diagnosis: Diagnosis? = nil,
        facts: [ParameterSetting] = [], dataFacts: [ParameterSetting] = [], dataWarnings: [String] = []
    ) {
        self.runName = runName
        self.history = history
        self.parameters = parameters
        self.evaluation = evaluation
        self.evaluationSplit = evaluationSplit
        self.diagnosis = diagnosis
        self.facts = facts
        self.dataFacts = dataFacts
        self.dataWarnings = dataWarnings
    }
}
