import Evaluation
import Foundation

/// An optimization study: runs an objective on trial after trial, with parameters from a
/// sampler, and keeps every trial in a storage so that a later `Study` on the same storage
/// resumes it.
///
/// ```
/// let study = try Study(
///     name: "mnist-mlp", storage: storage, sampler: RandomSampler(seed: 7), direction: .maximize)
/// try study.optimize(trials: 20) { trial in
///     let learningRate = try trial.suggestFloat("learningRate", in: 1e-4...1e-1, log: true)
///     let units = try trial.suggestInt("units", in: 32...256, step: 32)
///     return try trainAndValidate(learningRate: learningRate, units: units)
/// }
/// print(try study.bestTrial()?.parameters ?? [:])
/// ```
public final class Study {
    /// Why `optimize(trials:timeout:objective:)` returned.
    public enum StopReason: Hashable, Sendable {
        /// The study has as many finished trials as requested.
        case trialCountReached
        /// The timeout passed, so no new trial started.
        case timeoutReached
        /// The sampler had nothing left to propose, such as a grid with every point done.
        case samplerExhausted
    }

    /// The study as stored.
    public let record: StudyRecord
    /// The storage that keeps the study's trials.
    public let storage: any StudyStorage
    /// The sampler that proposes parameters.
    public let sampler: any Sampler

    private let log: (String) -> Void

    /// Opens study `name` in `storage`, creating it when it does not exist.
    ///
    /// `fingerprint` identifies the experiment (see `JSONValue.fingerprint()`); opening an existing
    /// study with another fingerprint or direction throws `StudyStorageError.fingerprintMismatch`
    /// or `.directionMismatch`. `log` receives one line per finished or requeued trial, in the
    /// shape that `TrialLogLine` describes.
    public init(
        name: String, storage: any StudyStorage, sampler: any Sampler, direction: OptimizationDirection,
        fingerprint: String = "", log: @escaping (String) -> Void = { print($0) }
    ) throws {
        self.record = try storage.openStudy(named: name, direction: direction, fingerprint: fingerprint)
        self.storage = storage
        self.sampler = sampler
        self.log = log
    }

    /// Whether larger or smaller objective values are better.
    public var direction: OptimizationDirection { record.direction }

    /// Adds a trial with fixed `parameters`, run before any new proposal of the sampler.
    ///
    /// The objective's `suggest…` calls return these values, and sample parameters not given here.
    @discardableResult
    public func enqueueTrial(_ parameters: [String: ParameterValue]) throws -> Int {
        try storage.enqueueTrial(in: record.id, parameters: parameters).number
    }

    /// Runs `objective` on new trials until the study has `trials` finished trials, `timeout` has
    /// passed, or the sampler is exhausted, and returns which of these stopped it.
    ///
    /// The trial count includes trials finished before this call, so after 3 finished trials,
    /// `trials: 8` runs 5 more. With neither limit, only the sampler's exhaustion stops the run.
    /// The timeout is measured from this call, and a trial running when it passes finishes.
    ///
    /// The objective returns the trial's objective value. A non-finite value or a thrown
    /// `TrialStopped.diverged` ends the trial as diverged, and `TrialStopped.pruned` ends it as
    /// pruned. Any other error ends it as failed. None of these stops the study.
    ///
    /// First, every trial that is still `running` is requeued, because a single process running
    /// this study can only find such a trial when the process that ran it died. The requeued
    /// trial runs again first, with its number and its parameters. Storage errors stop the run
    /// and are rethrown.
    ///
    /// NOTE: because of that requeue, two processes must not run `optimize` on one study at the
    /// same time: each would take back the other's running trials.
    @discardableResult
    public func optimize(
        trials: Int? = nil, timeout: Duration? = nil, objective: (Trial) throws -> Double
    ) throws -> StopReason {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }

        for trial in try storage.requeueRunningTrials(in: record.id, heartbeatBefore: Date()) {
            log("trial \(trial.number) requeued  it was running when its process stopped, so it runs again")
        }

        while true {
            let history = try storage.trials(in: record.id)
            if let trials, history.count(where: { $0.state.isFinished }) >= trials {
                return .trialCountReached
            }
            if let deadline, clock.now >= deadline {
                return .timeoutReached
            }

            var claimHistory: [TrialRecord] = []
            let claimed = try storage.claimTrial(in: record.id) { number, trials in
                claimHistory = trials
                return try sampler.proposeTrial(number: number, trials: trials)
            }
            guard let claimed else {
                return .samplerExhausted
            }
            // A waiting trial is claimed without a proposal, so the history comes from the read above.
            let trial = Trial(
                claimed: claimed, storage: storage, sampler: sampler,
                history: claimHistory.isEmpty ? history : claimHistory)
            let finished = try run(objective, on: trial)
            log(try logLine(for: finished))
        }
    }

    /// Returns every trial of the study, by number.
    public func trials() throws -> [TrialRecord] {
        try storage.trials(in: record.id)
    }

    /// Returns the complete trial with the best objective value, the lowest number among equals,
    /// or nil when no trial is complete.
    public func bestTrial() throws -> TrialRecord? {
        Self.bestTrial(in: try trials(), direction: direction)
    }

    /// Returns the best complete trial of `trials` for `direction`; see `bestTrial()`.
    public static func bestTrial(in trials: [TrialRecord], direction: OptimizationDirection) -> TrialRecord? {
        var best: TrialRecord?
        for trial in trials where trial.state == .complete {
            guard let value = trial.value else { continue }
            guard let current = best?.value else {
                best = trial
                continue
            }
            let isBetter = direction == .maximize ? value > current : value < current
            if isBetter {
                best = trial
            }
        }
        return best
    }

    /// Runs the objective on `trial` and stores how it ended.
    private func run(_ objective: (Trial) throws -> Double, on trial: Trial) throws -> TrialRecord {
        let outcome: TrialOutcome
        do {
            let value = try objective(trial)
            outcome = value.isFinite ? .complete(value) : .diverged(message: "objective value is \(value)")
        } catch TrialStopped.diverged(let reason) {
            outcome = .diverged(message: reason)
        } catch TrialStopped.pruned {
            outcome = .pruned
        } catch {
            outcome = .failed(message: String(describing: error))
        }
        return try storage.finishTrial(trial.lease, with: outcome)
    }

    private func logLine(for trial: TrialRecord) throws -> String {
        let best = Self.bestTrial(in: try trials(), direction: direction)
        return TrialLogLine(trial: trial, best: best).text
    }
}
