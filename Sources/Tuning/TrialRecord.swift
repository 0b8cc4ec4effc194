import Foundation

/// A snapshot of one trial as stored.
public struct TrialRecord: Hashable, Sendable {
    /// The study the trial belongs to.
    public var study: StudyID
    /// The trial's number within its study, from 0, in claim order.
    public var number: Int
    /// How many times the trial has been claimed: 1 for a first run, 2 for the first rerun after
    /// its process died, and 0 while an enqueued trial waits for its first claim.
    public var attempt: Int
    /// The current state.
    public var state: TrialState
    /// Parameter values by name.
    public var parameters: [String: ParameterValue]
    /// Distributions of the parameters that the objective has suggested. A parameter fixed in
    /// advance (enqueued, or a grid point) has none until the objective suggests it.
    public var distributions: [String: ParameterDistribution]
    /// The objective value of a complete trial, else nil.
    public var value: Double?
    /// Values that the objective reported during the run, keyed by epoch.
    public var intermediateValues: [Int: Double]
    /// Values the objective attached, such as the path of its history file or its test metrics.
    public var userAttributes: [String: JSONValue]
    /// When the current attempt was claimed, or nil while waiting.
    public var startedAt: Date?
    /// When the trial finished, or nil before.
    public var finishedAt: Date?
    /// The last sign of life from the process running the trial, or nil while waiting.
    public var heartbeatAt: Date?
    /// The error of a failed trial or the reason of a diverged one.
    public var errorMessage: String?

    /// Creates a record; storages build these, and tests may too.
    public init(
        study: StudyID, number: Int, attempt: Int, state: TrialState,
        parameters: [String: ParameterValue] = [:],
        distributions: [String: ParameterDistribution] = [:], value: Double? = nil,
        intermediateValues: [Int: Double] = [:], userAttributes: [String: JSONValue] = [:],
        startedAt: Date? = nil, finishedAt: Date? = nil, heartbeatAt: Date? = nil, errorMessage: String? = nil
    ) {
        self.study = study
        self.number = number
        self.attempt = attempt
        self.state = state
        self.parameters = parameters
        self.distributions = distributions
        self.value = value
        self.intermediateValues = intermediateValues
        self.userAttributes = userAttributes
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.heartbeatAt = heartbeatAt
        self.errorMessage = errorMessage
    }

    /// The write permission for this attempt of a running trial.
    public var lease: TrialLease {
        TrialLease(study: study, number: number, attempt: attempt)
    }

    /// Seconds from claim to finish, or nil while the trial is not finished.
    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }
}

/// The permission to change one running trial: its study, number and attempt.
///
/// A storage accepts a change only while the trial is running in this attempt. After a dead
/// process's trial is requeued and claimed again, the old attempt's lease is refused, so a
/// process that was only presumed dead cannot overwrite the rerun.
public struct TrialLease: Hashable, Sendable {
    /// The study of the trial.
    public var study: StudyID
    /// The trial number.
    public var number: Int
    /// The attempt that the holder claimed.
    public var attempt: Int

    /// Creates a lease; storages hand these out when a trial is claimed.
    public init(study: StudyID, number: Int, attempt: Int) {
        self.study = study
        self.number = number
        self.attempt = attempt
    }
}
