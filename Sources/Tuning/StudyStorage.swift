import Evaluation
import Foundation

/// Persistent studies and trials, shared by every process that works on a study.
///
/// Invariants every implementation keeps:
///
/// - **Atomic claims.** `claimTrial(in:proposing:)` reads the trials, calls `propose`, and
///   stores the claimed trial as one atomic step. No other claim, in this process or another,
///   runs between the read and the write. So two workers never claim the same waiting trial or
///   trial number, and a sampler that derives its proposal from the claimed trials never
///   proposes a point twice.
/// - **One writer per running trial.** Only the holder of the current `TrialLease` may change a
///   running trial: parameters, intermediate values, user attributes, heartbeat, finish. Every
///   change through any other lease, or to a trial that is not running, throws
///   (`StudyStorageError.trialFinished` or `.leaseExpired`; see `TrialLease.checkWritable`).
///   The one exception is `requeueRunningTrials(in:heartbeatBefore:)`, which any process may call
///   to take back trials whose process died.
/// - **Finished trials are immutable.** Once `finishTrial(_:with:)` succeeds, the trial never
///   changes again; a second finish throws `StudyStorageError.trialFinished`.
/// - **Atomic mutations.** Each method either applies all of its change or none of it, and a
///   process killed during a call leaves the previous state.
/// - **Heartbeats.** Every successful change to a running trial also sets its heartbeat to now.
///
/// Implementations are safe to call from several threads; calls may serialize.
public protocol StudyStorage: AnyObject, Sendable {
    /// Returns the study named `name`, creating it when the storage has none of that name.
    ///
    /// An existing study must have the same `direction` and `fingerprint`, so that a different
    /// experiment pointed at an existing study is rejected. Throws
    /// `StudyStorageError.fingerprintMismatch` or `.directionMismatch`.
    func openStudy(named name: String, direction: OptimizationDirection, fingerprint: String) throws
        -> StudyRecord

    /// Adds a waiting trial with fixed `parameters`, to be claimed before any new proposal.
    ///
    /// Returns the trial, numbered after every existing trial, in attempt 0.
    func enqueueTrial(in study: StudyID, parameters: [String: ParameterValue]) throws -> TrialRecord

    /// Claims the next trial of `study` for the calling process and returns it, running.
    ///
    /// The waiting trial with the lowest number is claimed first, without calling `propose`, and
    /// its attempt goes up by one. With none waiting, `propose` receives the next trial number
    /// (one above the highest so far, from 0) and every trial of the study, and its proposal
    /// becomes a new trial in attempt 1. Returns nil, claiming nothing, when `propose` returns
    /// `.exhausted`. An error from `propose` is rethrown and claims nothing.
    func claimTrial(
        in study: StudyID, proposing propose: (_ number: Int, _ trials: [TrialRecord]) throws -> TrialProposal
    ) throws -> TrialRecord?

    /// Sets parameter `name` of a running trial, with its distribution when known.
    ///
    /// Setting a parameter again with the same value is allowed and may add the distribution.
    /// Throws `StudyStorageError.parameterConflict` for another value.
    func setParameter(
        _ name: String, to value: ParameterValue, distribution: ParameterDistribution?, for lease: TrialLease
    ) throws

    /// Records `value` as the trial's intermediate value for `epoch`, replacing an earlier one.
    func reportIntermediateValue(_ value: Double, epoch: Int, for lease: TrialLease) throws

    /// Sets user attribute `key` of a running trial to `value`, replacing an earlier value.
    func setUserAttribute(_ value: JSONValue, forKey key: String, for lease: TrialLease) throws

    /// Sets the heartbeat of a running trial to now.
    func recordHeartbeat(for lease: TrialLease) throws

    /// Finishes a running trial with `outcome` and returns the finished trial.
    ///
    /// Throws `StudyStorageError.nonFiniteObjective` for `.complete` with a NaN or infinite value,
    /// and `.trialFinished` when the trial is already finished.
    func finishTrial(_ lease: TrialLease, with outcome: TrialOutcome) throws -> TrialRecord

    /// Returns every trial of `study`, by number.
    func trials(in study: StudyID) throws -> [TrialRecord]

    /// Puts back to waiting every running trial of `study` whose heartbeat is before `cutoff`
    /// (or missing), and returns those trials as they now are.
    ///
    /// This is the recovery hook for trials left running by a dead process. A requeued trial keeps
    /// its number and its parameters, so the rerun uses the same values. Its intermediate values,
    /// user attributes, start time and heartbeat are cleared because they describe the dead run.
    /// The next claim takes it first and raises its attempt, which expires the dead run's lease.
    /// A single process that starts work on a study passes now as `cutoff`: every trial still
    /// running then belongs to a run that ended. Workers sharing a study must pass an older cutoff.
    func requeueRunningTrials(in study: StudyID, heartbeatBefore cutoff: Date) throws -> [TrialRecord]
}
