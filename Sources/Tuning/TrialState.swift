/// The stage of a trial: waiting, then running, then one of the finished states.
///
/// A trial moves `waiting -> running -> finished`. `running -> waiting` happens only when
/// `StudyStorage.requeueRunningTrials(in:heartbeatBefore:)` takes back a trial whose process died.
/// A finished trial never changes again.
public enum TrialState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Queued with fixed parameters (enqueued, or taken back from a dead process); not yet claimed.
    case waiting
    /// Claimed by a process that is running the objective.
    case running
    /// Finished with a finite objective value.
    case complete
    /// Finished because the objective threw an error; the trial has an error message.
    case failed
    /// Finished because training diverged (a non-finite loss or objective).
    case diverged
    /// Stopped early by a pruner because its intermediate values were not promising.
    case pruned

    /// Whether the state is final: complete, failed, diverged or pruned.
    public var isFinished: Bool {
        switch self {
        case .waiting, .running: return false
        case .complete, .failed, .diverged, .pruned: return true
        }
    }
}
