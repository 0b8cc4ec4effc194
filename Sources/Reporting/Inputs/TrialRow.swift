/// One trial of a study as a report shows it: one row of the trials table and of `trials.csv`.
///
/// ```swift
/// let row = TrialRow(
///     number: 3, state: .complete, parameters: ["learningRate": "0.003", "dropout": "0.2"],
///     objective: 0.412, epochs: 20, seconds: 95.5)
/// ```
public struct TrialRow: Codable, Equatable, Sendable {
    /// The life-cycle state of a trial.
    public enum State: String, Codable, CaseIterable, Sendable {
        /// Finished and reported its objective value.
        case complete
        /// Stopped early by the pruner; the objective, if any, is its last intermediate value.
        case pruned
        /// Ended by an error.
        case failed
        /// Ended because the loss became NaN or infinite.
        case diverged
        /// Claimed by a worker and still training.
        case running
        /// Queued and not yet claimed by a worker.
        case waiting
    }

    /// The trial number within the study.
    public var number: Int
    /// The trial's state when the report was made.
    public var state: State
    /// The sampled parameters in the order tables show them.
    public var parameters: [ParameterSetting]
    /// The objective value; nil when the trial has none. A value that is NaN or infinite
    /// counts as none when trials are ranked.
    public var objective: Double?
    /// The number of epochs trained.
    public var epochs: Int?
    /// The wall-clock duration in seconds.
    public var seconds: Double?
    /// The error of a failed trial or the reason for pruning, shown as text.
    public var message: String?

    /// Creates a row with parameters in the given order.
    public init(
        number: Int, state: State, parameters: [ParameterSetting], objective: Double? = nil,
        epochs: Int? = nil,
        seconds: Double? = nil, message: String? = nil
    ) {
        self.number = number
        self.state = state
        self.parameters = parameters
        self.objective = objective
        self.epochs = epochs
        self.seconds = seconds
        self.message = message
    }

    /// Creates a row with the parameters of a dictionary, sorted by name.
    public init(
        number: Int, state: State, parameters: [String: String], objective: Double? = nil, epochs: Int? = nil,
        seconds: Double? = nil, message: String? = nil
    ) {
        self.init(
            number: number, state: state, parameters: ParameterSetting.sortedByName(parameters),
            objective: objective,
            epochs: epochs, seconds: seconds, message: message)
    }

    /// The parameter values by name; the first setting wins where a name repeats.
    var parameterValuesByName: [String: String] {
        Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The objective when it is finite, else nil.
    var finiteObjective: Double? {
        guard let objective, objective.isFinite else {
            return nil
        }
        return objective
    }
}
