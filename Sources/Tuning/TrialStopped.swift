/// An error that an objective throws to end its trial as diverged or pruned rather than failed.
///
/// ```
/// guard loss.isFinite else { throw TrialStopped.diverged("loss is \(loss) at epoch \(epoch)") }
/// ```
///
/// Any other error ends the trial as failed. None of them stops the study.
public enum TrialStopped: Error, Hashable, Sendable, CustomStringConvertible {
    /// Training diverged, for the stated reason.
    case diverged(String)
    /// A pruner decided to stop the trial early.
    case pruned

    /// The reason as a sentence fragment.
    public var description: String {
        switch self {
        case .diverged(let reason): return "diverged: \(reason)"
        case .pruned: return "pruned"
        }
    }
}
