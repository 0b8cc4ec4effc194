/// The result of `Sampler.proposeTrial(number:trials:)` when a new trial is claimed.
public enum TrialProposal: Hashable, Sendable {
    /// Start a trial with these parameters fixed (possibly none); the objective samples the rest.
    case parameters([String: ParameterValue])
    /// The sampler has nothing left to propose, so the study ends.
    case exhausted
}

/// Proposes the parameters of new trials.
///
/// Invariants every sampler keeps:
///
/// - **Deterministic.** A decision depends only on the sampler's configuration (such as its seed
///   or grid), the arguments (trial number, parameter name and distribution) and the trials
///   passed in. A sampler has no mutable state, so a study that resumes after a crash, or a
///   second process sharing it, reaches the same decisions.
/// - **Read-only history.** The trials passed in are snapshots. A sampler never changes a trial;
///   only the trial's runner writes through the storage.
/// - **Concurrency.** `proposeTrial(number:trials:)` runs inside the storage's atomic claim, so it
///   sees every trial claimed before it, in any process, and no claim happens while it runs. It
///   must be quick and must not call the storage. `sampleParameter` runs later, outside any
///   lock, with the trials as they were at the claim, and may run in several processes at once.
public protocol Sampler: Sendable {
    /// Returns the parameters to fix for new trial `number`, or `.exhausted` to end the study.
    ///
    /// `trials` contains every trial of the study in any state, including failed and waiting ones.
    func proposeTrial(number: Int, trials: [TrialRecord]) throws -> TrialProposal

    /// Returns a value for parameter `name` of trial `trialNumber`, drawn from `distribution`.
    ///
    /// Called when the objective suggests a parameter that the trial has no value for yet. The
    /// value must lie in `distribution` (see `ParameterDistribution.normalizedValue(_:)`), which
    /// the caller has validated. `trials` contains the study's trials as they were when this trial
    /// was claimed.
    func sampleParameter(
        _ name: String, from distribution: ParameterDistribution, trialNumber: Int, trials: [TrialRecord]
    ) throws -> ParameterValue
}
