import Evaluation

/// An error from a `StudyStorage` that any implementation can throw.
///
/// Implementations add their own errors for their medium, such as a file that is not a database.
public enum StudyStorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Study `study` exists but was created for an experiment with another fingerprint.
    case fingerprintMismatch(study: String, stored: String, requested: String)
    /// Study `study` exists with the other optimization direction.
    case directionMismatch(study: String, stored: OptimizationDirection, requested: OptimizationDirection)
    /// No study has this identifier.
    case studyNotFound(StudyID)
    /// The study has no trial with this number.
    case trialNotFound(study: StudyID, number: Int)
    /// The trial is finished, and finished trials never change.
    case trialFinished(number: Int, state: TrialState)
    /// The lease's attempt no longer runs the trial: it was requeued, or claimed again.
    case leaseExpired(number: Int, leaseAttempt: Int, currentAttempt: Int, state: TrialState)
    /// A parameter already has another value in this trial.
    case parameterConflict(number: Int, name: String, stored: ParameterValue, requested: ParameterValue)
    /// A complete outcome must have a finite value; a non-finite one means the trial diverged.
    case nonFiniteObjective(number: Int, value: Double)

    /// A sentence that names the study or trial and the next step to take.
    public var description: String {
        switch self {
        case .fingerprintMismatch(let study, let stored, let requested):
            return "Study '\(study)' was created for a different experiment (fingerprint \(stored), "
                + "this experiment has \(requested)). Use a new study name or directory for the changed "
                + "experiment, or run the original experiment to resume the study."
        case .directionMismatch(let study, let stored, let requested):
            return
                "Study '\(study)' was created to \(stored.rawValue) its objective, "
                + "not to \(requested.rawValue) "
                + "it. Use a new study name or directory, or set the direction back to \(stored.rawValue)."
        case .studyNotFound(let id):
            return "No study with id \(id) exists in this storage."
        case .trialNotFound(let study, let number):
            return "Study \(study) has no trial \(number)."
        case .trialFinished(let number, let state):
            return
                "Trial \(number) is already finished (\(state.rawValue)), and a finished trial cannot change."
        case .leaseExpired(let number, let leaseAttempt, let currentAttempt, let state):
            return "Trial \(number) is no longer run by attempt \(leaseAttempt): it is \(state.rawValue) "
                + "in attempt \(currentAttempt), because its run was presumed dead and requeued."
        case .parameterConflict(let number, let name, let stored, let requested):
            return
                "Parameter '\(name)' of trial \(number) is already \(stored) "
                + "and cannot change to \(requested)."
        case .nonFiniteObjective(let number, let value):
            return "Trial \(number) cannot complete with objective \(value); finish it as diverged instead."
        }
    }
}

extension TrialLease {
    /// Throws unless a trial in `state` and `attempt` may be changed through this lease.
    ///
    /// Storages call this before every change to a trial: only a running trial in the lease's
    /// attempt may change. Throws `StudyStorageError.trialFinished` or `.leaseExpired`.
    public func checkWritable(state: TrialState, attempt: Int) throws {
        if state.isFinished {
            throw StudyStorageError.trialFinished(number: number, state: state)
        }
        guard state == .running, attempt == self.attempt else {
            throw StudyStorageError.leaseExpired(
                number: number, leaseAttempt: self.attempt, currentAttempt: attempt, state: state)
        }
    }
}
