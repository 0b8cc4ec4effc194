/// The result of a finished trial, as `StudyStorage.finishTrial(_:with:)` records it.
public enum TrialOutcome: Hashable, Sendable {
    /// The objective returned this finite value.
    case complete(Double)
    /// The objective threw; the message describes the error.
    case failed(message: String)
    /// Training diverged, and the message describes how (for example "loss is NaN at epoch 3").
    case diverged(message: String)
    /// A pruner stopped the trial early.
    case pruned

    /// The finished state this outcome puts the trial in.
    public var state: TrialState {
        switch self {
        case .complete: return .complete
        case .failed: return .failed
        case .diverged: return .diverged
        case .pruned: return .pruned
        }
    }

    /// The objective value of a complete trial, else nil.
    public var value: Double? {
        if case .complete(let value) = self { return value }
        return nil
    }

    /// The message of a failed or diverged trial, else nil.
    public var message: String? {
        switch self {
        case .failed(let message), .diverged(let message): return message
        case .complete, .pruned: return nil
        }
    }
}
