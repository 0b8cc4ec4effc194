import Evaluation
import Foundation
import StudyStorage
import Testing
import Tuning

/// The storages that must keep the `StudyStorage` invariants.
enum StorageKind: String, CaseIterable, CustomTestStringConvertible {
    case inMemory
    case sqlite

    var testDescription: String { rawValue }

    /// Returns a new empty storage and a closure that deletes its files.
    func make() throws -> (storage: any StudyStorage, cleanUp: () -> Void) {
        switch self {
        case .inMemory:
            return (InMemoryStudyStorage(), {})
        case .sqlite:
            let directory = try TemporaryDirectory()
            return (try SQLiteStudyStorage(studyDirectory: directory.url), directory.remove)
        }
    }
}

/// Proposes no fixed parameters, like the random sampler.
private func proposeNothing(_ number: Int, _ trials: [TrialRecord]) -> TrialProposal {
    .parameters([:])
}

@Suite struct StorageContractTests {
    @Test(arguments: StorageKind.allCases)
    func reopeningStudyChecksFingerprint(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let created = try storage.openStudy(named: "mnist", direction: .maximize, fingerprint: "aaaa")
        let reopened = try storage.openStudy(named: "mnist", direction: .maximize, fingerprint: "aaaa")
        #expect(reopened.id == created.id)

        #expect(
            throws: StudyStorageError.fingerprintMismatch(study: "mnist", stored: "aaaa", requested: "bbbb")
        ) {
            try storage.openStudy(named: "mnist", direction: .maximize, fingerprint: "bbbb")
        }
        #expect(
            throws: StudyStorageError.directionMismatch(
                study: "mnist", stored: .maximize, requested: .minimize)
        ) {
            try storage.openStudy(named: "mnist", direction: .minimize, fingerprint: "aaaa")
        }
        let other = try storage.openStudy(named: "cifar", direction: .minimize, fingerprint: "bbbb")
        #expect(other.id != created.id)
    }

    @Test(arguments: StorageKind.allCases)
    func finishedTrialIsImmutable(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let study = try storage.openStudy(named: "s", direction: .maximize, fingerprint: "")
        let trial = try #require(try storage.claimTrial(in: study.id, proposing: proposeNothing))
        let finished = try storage.finishTrial(trial.lease, with: .complete(0.75))
        #expect(finished.state == .complete)
        #expect(finished.value == 0.75)
        #expect(finished.finishedAt != nil)

        let error = StudyStorageError.trialFinished(number: 0, state: .complete)
        #expect(throws: error) { try storage.finishTrial(trial.lease, with: .complete(0.9)) }
        #expect(throws: error) { try storage.finishTrial(trial.lease, with: .failed(message: "late")) }
        #expect(throws: error) { try storage.reportIntermediateValue(1, epoch: 0, for: trial.lease) }
        #expect(throws: error) { try storage.setUserAttribute("x", forKey: "k", for: trial.lease) }
        #expect(throws: error) {
            try storage.setParameter("p", to: .int(1), distribution: nil, for: trial.lease)
        }
        #expect(try storage.trials(in: study.id) == [finished])
    }

    @Test(arguments: StorageKind.allCases)
    func recordsEveryTrialField(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let study = try storage.openStudy(named: "s", direction: .minimize, fingerprint: "f")
        let trial = try #require(
            try storage.claimTrial(in: study.id) { number, trials in
                #expect(number == 0)
                #expect(trials.isEmpty)
                return .parameters(["units": .int(64)])
            })
        #expect(trial.state == .running)
        #expect(trial.attempt == 1)
        #expect(trial.startedAt != nil)

        let lease = trial.lease
        try storage.setParameter(
            "units", to: .int(64), distribution: .int(low: 32, high: 128, step: 32), for: lease)
        try storage.setParameter("rate", to: .float(1.0), distribution: .float(low: 0.5, high: 2), for: lease)
        try storage.setParameter("kind", to: .string("adam"), distribution: nil, for: lease)
        try storage.setParameter("batchNorm", to: .bool(true), distribution: nil, for: lease)
        try storage.reportIntermediateValue(0.9, epoch: 0, for: lease)
        try storage.reportIntermediateValue(0.8, epoch: 1, for: lease)
        try storage.reportIntermediateValue(0.7, epoch: 1, for: lease)
        try storage.reportIntermediateValue(.nan, epoch: 2, for: lease)
        try storage.setUserAttribute(
            ["accuracy": 0.91, "path": "runs/0/history.csv"], forKey: "test", for: lease)
        #expect(
            throws: StudyStorageError.parameterConflict(
                number: 0, name: "units", stored: .int(64), requested: .int(96))
        ) {
            try storage.setParameter("units", to: .int(96), distribution: nil, for: lease)
        }
        _ = try storage.finishTrial(lease, with: .diverged(message: "loss is nan at epoch 2"))

        let stored = try #require(try storage.trials(in: study.id).first)
        #expect(
            stored.parameters == [
                "units": .int(64), "rate": .float(1.0), "kind": .string("adam"), "batchNorm": .bool(true),
            ])
        #expect(
            stored.distributions == [
                "units": .int(low: 32, high: 128, step: 32), "rate": .float(low: 0.5, high: 2),
            ])
        #expect(stored.intermediateValues[0] == 0.9)
        #expect(stored.intermediateValues[1] == 0.7)
        #expect(stored.intermediateValues[2]?.isNaN == true)
        #expect(stored.userAttributes == ["test": ["accuracy": 0.91, "path": "runs/0/history.csv"]])
        #expect(stored.state == .diverged)
        #expect(stored.value == nil)
        #expect(stored.errorMessage == "loss is nan at epoch 2")
    }

    @Test(arguments: StorageKind.allCases)
    func nonFiniteCompleteIsRejected(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let study = try storage.openStudy(named: "s", direction: .maximize, fingerprint: "")
        let trial = try #require(try storage.claimTrial(in: study.id, proposing: proposeNothing))
        #expect(throws: StudyStorageError.nonFiniteObjective(number: 0, value: .infinity)) {
            try storage.finishTrial(trial.lease, with: .complete(.infinity))
        }
        #expect(try storage.trials(in: study.id).first?.state == .running)
    }

    @Test(arguments: StorageKind.allCases)
    func waitingTrialsAreClaimedFirst(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let study = try storage.openStudy(named: "s", direction: .maximize, fingerprint: "")
        let enqueued = try storage.enqueueTrial(in: study.id, parameters: ["lr": .float(0.1)])
        #expect(enqueued.number == 0)
        #expect(enqueued.attempt == 0)
        #expect(enqueued.state == .waiting)

        var proposals = 0
        let first = try #require(
            try storage.claimTrial(in: study.id) { _, _ in
                proposals += 1
                return .parameters([:])
            })
        #expect(proposals == 0)
        #expect(first.number == 0)
        #expect(first.attempt == 1)
        #expect(first.parameters == ["lr": .float(0.1)])

        let second = try #require(try storage.claimTrial(in: study.id, proposing: proposeNothing))
        #expect(second.number == 1)
        #expect(try storage.claimTrial(in: study.id) { _, _ in .exhausted } == nil)
        #expect(try storage.trials(in: study.id).count == 2)
    }

    @Test(arguments: StorageKind.allCases)
    func requeueKeepsParametersAndExpiresOldLease(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        let study = try storage.openStudy(named: "s", direction: .maximize, fingerprint: "")
        let done = try #require(try storage.claimTrial(in: study.id, proposing: proposeNothing))
        _ = try storage.finishTrial(done.lease, with: .complete(1))
        let dead = try #require(
            try storage.claimTrial(in: study.id) { _, _ in .parameters(["units": .int(8)]) })
        try storage.setParameter("lr", to: .float(0.01), distribution: nil, for: dead.lease)
        try storage.reportIntermediateValue(0.3, epoch: 0, for: dead.lease)
        try storage.setUserAttribute("runs/1", forKey: "history", for: dead.lease)

        #expect(
            try storage.requeueRunningTrials(in: study.id, heartbeatBefore: Date(timeIntervalSinceNow: -3600))
                .isEmpty)
        let requeued = try storage.requeueRunningTrials(
            in: study.id, heartbeatBefore: Date(timeIntervalSinceNow: 1))
        #expect(requeued.map(\.number) == [1])
        #expect(requeued.first?.state == .waiting)
        #expect(requeued.first?.parameters == ["units": .int(8), "lr": .float(0.01)])
        #expect(requeued.first?.intermediateValues == [:])
        #expect(requeued.first?.userAttributes == [:])
        #expect(requeued.first?.heartbeatAt == nil)

        #expect(
            throws: StudyStorageError.leaseExpired(
                number: 1, leaseAttempt: 1, currentAttempt: 1, state: .waiting)
        ) {
            try storage.recordHeartbeat(for: dead.lease)
        }
        let rerun = try #require(try storage.claimTrial(in: study.id, proposing: proposeNothing))
        #expect(rerun.number == 1)
        #expect(rerun.attempt == 2)
        #expect(
            throws: StudyStorageError.leaseExpired(
                number: 1, leaseAttempt: 1, currentAttempt: 2, state: .running)
        ) {
            try storage.finishTrial(dead.lease, with: .complete(0))
        }
        _ = try storage.finishTrial(rerun.lease, with: .complete(2))
        #expect(try storage.trials(in: study.id).map(\.state) == [.complete, .complete])
    }

    @Test(arguments: StorageKind.allCases)
    func unknownStudyIsRejected(kind: StorageKind) throws {
        let (storage, cleanUp) = try kind.make()
        defer { cleanUp() }
        #expect(throws: StudyStorageError.studyNotFound(StudyID(42))) {
            try storage.trials(in: StudyID(42))
        }
        #expect(throws: StudyStorageError.studyNotFound(StudyID(42))) {
            try storage.claimTrial(in: StudyID(42), proposing: proposeNothing)
        }
    }
}
