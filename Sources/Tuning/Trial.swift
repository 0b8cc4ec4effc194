import Foundation
import TensorCore

/// The objective's handle on one running trial, through which it suggests parameters, reports
/// progress and attaches attributes.
///
/// Parameters are defined by running the objective: the first `suggest…` call for a name records
/// the distribution and returns a value, either fixed in advance (an enqueued trial, a grid
/// point, the same trial's dead run) or drawn by the study's sampler. Every call writes through
/// to the study's storage at once, so a crash loses nothing that a call returned.
///
/// ```
/// let learningRate = try trial.suggestFloat("learningRate", in: 1e-4...1e-1, log: true)
/// let batchSize = try trial.suggestInt("batchSize", in: 32...256, step: 32)
/// let optimizer = try trial.suggestCategorical("optimizer", choices: ["adam", "sgd"])
/// ```
///
/// A `Trial` belongs to the `Study.optimize` call that created it; do not keep it past the
/// objective's return or share it between threads.
public final class Trial {
    /// The trial's number within its study, from 0.
    public let number: Int
    /// The claim count: 1 for a first run, 2 or more for a rerun after its process died.
    public let attempt: Int
    /// The parameter values so far, including values fixed before the objective started.
    public private(set) var parameters: [String: ParameterValue]
    /// The distributions of the parameters suggested so far.
    public private(set) var distributions: [String: ParameterDistribution]
    /// The intermediate values reported so far, keyed by epoch.
    public private(set) var intermediateValues: [Int: Double] = [:]
    /// The user attributes set so far.
    public private(set) var userAttributes: [String: JSONValue] = [:]

    let lease: TrialLease
    private let storage: any StudyStorage
    private let sampler: any Sampler
    private let history: [TrialRecord]

    /// Wraps a claimed trial. `history` contains the study's trials at the time of the claim.
    init(claimed record: TrialRecord, storage: any StudyStorage, sampler: any Sampler, history: [TrialRecord])
    {
        number = record.number
        attempt = record.attempt
        parameters = record.parameters
        distributions = record.distributions
        lease = record.lease
        self.storage = storage
        self.sampler = sampler
        self.history = history
    }

    /// Returns the value of parameter `name` drawn from `distribution`, and records both.
    ///
    /// A second call with the same name and distribution returns the same value. Throws
    /// `ConfigurationError` for an invalid distribution, a name suggested earlier in this trial
    /// with another distribution, or a fixed value outside the distribution. Rethrows errors
    /// of the sampler and the storage.
    public func suggest(_ name: String, from distribution: ParameterDistribution) throws -> ParameterValue {
        try distribution.validate(field: name)
        if let known = distributions[name], known != distribution {
            throw ConfigurationError(
                field: name,
                rule:
                    "was suggested earlier in this trial as \(known), "
                    + "and a trial takes one distribution per parameter",
                value: distribution.description)
        }

        if let fixed = parameters[name] {
            guard let value = distribution.normalizedValue(fixed) else {
                throw ConfigurationError(
                    field: name, rule: "has a fixed value outside its distribution \(distribution)",
                    value: fixed.description)
            }
            if distributions[name] == nil {
                try storage.setParameter(name, to: fixed, distribution: distribution, for: lease)
                distributions[name] = distribution
            }
            return value
        }

        let sampled = try sampler.sampleParameter(
            name, from: distribution, trialNumber: number, trials: history)
        guard let value = distribution.normalizedValue(sampled) else {
            throw ConfigurationError(
                field: name,
                rule: "got a value outside its distribution \(distribution) from \(type(of: sampler))",
                value: sampled.description)
        }
        try storage.setParameter(name, to: value, distribution: distribution, for: lease)
        parameters[name] = value
        distributions[name] = distribution
        return value
    }

    /// Returns a value for every parameter of `space`, by name.
    ///
    /// This is the search-space path of the command line: the names are experiment field paths,
    /// and `JSONValue.applying(_:insertingMissingLeaves:)` writes the result into the experiment.
    public func suggestParameters(from space: SearchSpace) throws -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for parameter in space.parameters {
            values[parameter.name] = try suggest(parameter.name, from: parameter.distribution)
        }
        return values
    }

    /// Returns a float parameter from `range`, uniform on a log scale when `log` is true, and
    /// restricted to `range.lowerBound + k * step` when `step` is given.
    public func suggestFloat(
        _ name: String, in range: ClosedRange<Double>, step: Double? = nil, log: Bool = false
    ) throws -> Double {
        let distribution = ParameterDistribution.float(
            low: range.lowerBound, high: range.upperBound, step: step, log: log)
        let value = try suggest(name, from: distribution)
        // `normalizedValue` returns `.float` for a float distribution.
        return value.numericValue!
    }

    /// Returns an integer parameter from `range` in steps of `step`, uniform on a log scale
    /// when `log` is true (which needs `step` 1).
    public func suggestInt(_ name: String, in range: ClosedRange<Int>, step: Int = 1, log: Bool = false)
        throws -> Int
    {
        let distribution = ParameterDistribution.int(
            low: range.lowerBound, high: range.upperBound, step: step, log: log)
        guard case .int(let value) = try suggest(name, from: distribution) else {
            preconditionFailure("normalizedValue returns .int for an int distribution")
        }
        return value
    }

    /// Returns one of `choices`.
    public func suggestCategorical<Choice: CategoricalChoice>(_ name: String, choices: [Choice]) throws
        -> Choice
    {
        let value = try suggest(name, from: .categorical(choices.map(\.parameterValue)))
        guard let choice = Choice(parameterValue: value) else {
            preconditionFailure("normalizedValue returns one of the choices for a categorical distribution")
        }
        return choice
    }

    /// Records `value` (such as the validation metric) for `epoch`, for pruners and reports.
    ///
    /// Reporting an epoch again replaces its value. The report also counts as a heartbeat.
    public func report(_ value: Double, epoch: Int) throws {
        try storage.reportIntermediateValue(value, epoch: epoch, for: lease)
        intermediateValues[epoch] = value
    }

    /// Stores `value` under `key`, such as the path of the trial's history file or its test metrics.
    public func setUserAttribute(_ value: JSONValue, forKey key: String) throws {
        try storage.setUserAttribute(value, forKey: key, for: lease)
        userAttributes[key] = value
    }

    /// Tells the storage that the trial's process is alive, for an objective that runs long
    /// between reports.
    public func recordHeartbeat() throws {
        try storage.recordHeartbeat(for: lease)
    }
}
