import Evaluation
import Foundation
import Synchronization

/// A `StudyStorage` that keeps studies in this process's memory, for tests and for studies that
/// need no resume.
///
/// One lock guards all state, so each method is atomic with respect to the others. Everything
/// is lost when the storage is released.
public final class InMemoryStudyStorage: StudyStorage {
    private struct State {
        var studies: [StudyRecord] = []
        var trials: [StudyID: [TrialRecord]] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty storage.
    public init() {}

    /// Returns the study named `name`, creating it when there is none; see `StudyStorage`.
    public func openStudy(named name: String, direction: OptimizationDirection, fingerprint: String) throws
        -> StudyRecord
    {
        try state.withLock { state in
            if let study = state.studies.first(where: { $0.name == name }) {
                guard study.fingerprint == fingerprint else {
                    throw StudyStorageError.fingerprintMismatch(
                        study: name, stored: study.fingerprint, requested: fingerprint)
                }
                guard study.direction == direction else {
                    throw StudyStorageError.directionMismatch(
                        study: name, stored: study.direction, requested: direction)
                }
                return study
            }
            let study = StudyRecord(
                id: StudyID(Int64(state.studies.count + 1)), name: name, direction: direction,
                fingerprint: fingerprint, createdAt: Date())
            state.studies.append(study)
            state.trials[study.id] = []
            return study
        }
    }

    /// Adds a waiting trial with fixed `parameters`; see `StudyStorage`.
    public func enqueueTrial(in study: StudyID, parameters: [String: ParameterValue]) throws -> TrialRecord {
        try state.withLock { state in
            var trials = try Self.trials(of: study, in: state)
            let trial = TrialRecord(
                study: study, number: trials.count, attempt: 0, state: .waiting, parameters: parameters)
            trials.append(trial)
            state.trials[study] = trials
            return trial
        }
    }

    /// Claims the lowest waiting trial, or a new proposed one; see `StudyStorage`.
    public func claimTrial(
        in study: StudyID, proposing propose: (_ number: Int, _ trials: [TrialRecord]) throws -> TrialProposal
    ) throws -> TrialRecord? {
        try state.withLock { state in
            var trials = try Self.trials(of: study, in: state)
            let now = Date()

            if let index = trials.firstIndex(where: { $0.state == .waiting }) {
                trials[index].state = .running
                trials[index].attempt += 1
                trials[index].startedAt = now
                trials[index].heartbeatAt = now
                state.trials[study] = trials
                return trials[index]
            }

            guard case .parameters(let parameters) = try propose(trials.count, trials) else {
                return nil
            }
            let trial = TrialRecord(
                study: study, number: trials.count, attempt: 1, state: .running, parameters: parameters,
                startedAt: now, heartbeatAt: now)
            trials.append(trial)
            state.trials[study] = trials
            return trial
        }
    }

    /// Sets a parameter of a running trial; see `StudyStorage`.
    public func setParameter(
        _ name: String, to value: ParameterValue, distribution: ParameterDistribution?, for lease: TrialLease
    ) throws {
        try modifyRunningTrial(lease) { trial in
            if let stored = trial.parameters[name], stored != value {
                throw StudyStorageError.parameterConflict(
                    number: trial.number, name: name, stored: stored, requested: value)
            }
            trial.parameters[name] = value
            if let distribution {
                trial.distributions[name] = distribution
            }
        }
    }

    /// Records an intermediate value; see `StudyStorage`.
    public func reportIntermediateValue(_ value: Double, epoch: Int, for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { $0.intermediateValues[epoch] = value }
    }

    /// Sets a user attribute; see `StudyStorage`.
    public func setUserAttribute(_ value: JSONValue, forKey key: String, for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { $0.userAttributes[key] = value }
    }

    /// Sets the heartbeat to now; see `StudyStorage`.
    public func recordHeartbeat(for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { _ in }
    }

    /// Finishes a running trial; see `StudyStorage`.
    public func finishTrial(_ lease: TrialLease, with outcome: TrialOutcome) throws -> TrialRecord {
        try modifyRunningTrial(lease) { trial in
            if let value = outcome.value, !value.isFinite {
                throw StudyStorageError.nonFiniteObjective(number: trial.number, value: value)
            }
            trial.state = outcome.state
            trial.value = outcome.value
            trial.errorMessage = outcome.message
            trial.finishedAt = Date()
        }
    }

    /// Returns every trial of `study`; see `StudyStorage`.
    public func trials(in study: StudyID) throws -> [TrialRecord] {
        try state.withLock { try Self.trials(of: study, in: $0) }
    }

    /// Puts running trials with an old heartbeat back to waiting; see `StudyStorage`.
    public func requeueRunningTrials(in study: StudyID, heartbeatBefore cutoff: Date) throws -> [TrialRecord]
    {
        try state.withLock { state in
            var trials = try Self.trials(of: study, in: state)
            var requeued: [TrialRecord] = []
            for index in trials.indices where trials[index].state == .running {
                guard (trials[index].heartbeatAt ?? .distantPast) < cutoff else { continue }
                trials[index].state = .waiting
                trials[index].intermediateValues = [:]
                trials[index].userAttributes = [:]
                trials[index].startedAt = nil
                trials[index].heartbeatAt = nil
                requeued.append(trials[index])
            }
            state.trials[study] = trials
            return requeued
        }
    }

    /// Applies `change` to the trial of `lease` if the lease may write it, and sets the heartbeat.
    @discardableResult
    private func modifyRunningTrial(_ lease: TrialLease, _ change: (inout TrialRecord) throws -> Void) throws
        -> TrialRecord
    {
        try state.withLock { state in
            var trials = try Self.trials(of: lease.study, in: state)
            guard trials.indices.contains(lease.number) else {
                throw StudyStorageError.trialNotFound(study: lease.study, number: lease.number)
            }
            var trial = trials[lease.number]
            try lease.checkWritable(state: trial.state, attempt: trial.attempt)
            try change(&trial)
            trial.heartbeatAt = Date()
            trials[lease.number] = trial
            state.trials[lease.study] = trials
            return trial
        }
    }

    private static func trials(of study: StudyID, in state: State) throws -> [TrialRecord] {
        guard let trials = state.trials[study] else {
            throw StudyStorageError.studyNotFound(study)
        }
        return trials
    }
}
