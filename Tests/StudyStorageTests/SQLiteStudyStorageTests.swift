import CSQLite
import Evaluation
import Foundation
import StudyStorage
import Synchronization
import Testing
import Tuning

/// Runs `sql` on the database at `path` through the SQLite C API, outside the storage, and
/// returns the first column of every row as text.
@discardableResult
private func runRawSQL(_ sql: String, path: String) throws -> [String] {
    var handle: OpaquePointer?
    guard sqlite3_open(path, &handle) == SQLITE_OK else {
        sqlite3_close(handle)
        throw RawSQLError(message: "open \(path)")
    }
    defer { sqlite3_close(handle) }
    var statement: OpaquePointer?
    var rest: UnsafePointer<CChar>?
    var results: [String] = []
    try sql.withCString { start in
        var next: UnsafePointer<CChar>? = start
        while let current = next, current.pointee != 0 {
            guard sqlite3_prepare_v2(handle, current, -1, &statement, &rest) == SQLITE_OK else {
                throw RawSQLError(message: String(cString: sqlite3_errmsg(handle)))
            }
            defer { sqlite3_finalize(statement) }
            while sqlite3_step(statement) == SQLITE_ROW {
                results.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "NULL")
            }
            next = rest
        }
    }
    return results
}

private struct RawSQLError: Error {
    var message: String
}

/// Collects log lines from a study.
private final class LogLines: @unchecked Sendable {
    var lines: [String] = []
}

@Suite struct SQLiteStudyStorageTests {
    private let space = try! SearchSpace([
        "training.batchSize": .int(low: 32, high: 64, step: 32),
        "training.optimizer.kind": .categorical([.string("adam"), .string("sgd")]),
    ])

    @Test func gridResumedAfterOneTrialRunsEachPointOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var runs: [[String: ParameterValue]] = []
        let objective = { (trial: Trial) throws -> Double in
            let parameters = try trial.suggestParameters(from: self.space)
            runs.append(parameters)
            return Double(parameters["training.batchSize"]?.numericValue ?? 0)
        }

        let firstRun = try Study(
            name: "grid", storage: SQLiteStudyStorage(studyDirectory: directory.url),
            sampler: GridSampler(space: space), direction: .maximize, log: { _ in })
        #expect(try firstRun.optimize(trials: 1, objective: objective) == .trialCountReached)
        #expect(runs.count == 1)

        let secondRun = try Study(
            name: "grid", storage: SQLiteStudyStorage(studyDirectory: directory.url),
            sampler: GridSampler(space: space), direction: .maximize, log: { _ in })
        #expect(try secondRun.optimize(objective: objective) == .samplerExhausted)

        #expect(runs.count == 4)
        #expect(Set(runs).count == 4)
        let trials = try secondRun.trials()
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete })
        #expect(Set(trials.map(\.parameters)) == Set(runs))
        #expect(try secondRun.optimize(objective: objective) == .samplerExhausted)
        #expect(runs.count == 4)
    }

    @Test func randomResumeReproducesParameters() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let objective = { (trial: Trial) throws -> Double in
            let learningRate = try trial.suggestFloat("learningRate", in: 1e-4...1e-1, log: true)
            _ = try trial.suggestCategorical("optimizer", choices: ["adam", "sgd", "rmsprop"])
            _ = try trial.suggestInt("units", in: 16...512, log: true)
            return learningRate
        }
        func study(_ file: String) throws -> Study {
            try Study(
                name: "random", storage: SQLiteStudyStorage(fileURL: directory.file(file)),
                sampler: RandomSampler(seed: 2024), direction: .maximize, log: { _ in })
        }

        try study("straight.db").optimize(trials: 5, objective: objective)
        try study("resumed.db").optimize(trials: 2, objective: objective)
        try study("resumed.db").optimize(trials: 5, objective: objective)

        let straight = try study("straight.db").trials()
        let resumed = try study("resumed.db").trials()
        #expect(straight.count == 5)
        #expect(resumed.map(\.parameters) == straight.map(\.parameters))
        #expect(resumed.map(\.value) == straight.map(\.value))
    }

    @Test func trialLeftRunningIsRerunAfterReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func study(log: LogLines = LogLines()) throws -> Study {
            try Study(
                name: "resume", storage: SQLiteStudyStorage(studyDirectory: directory.url),
                sampler: RandomSampler(seed: 1), direction: .minimize, log: { log.lines.append($0) })
        }
        var calls: [(number: Int, attempt: Int, lr: Double)] = []
        let objective = { (trial: Trial) throws -> Double in
            let lr = try trial.suggestFloat("lr", in: 1e-4...1e-1, log: true)
            calls.append((trial.number, trial.attempt, lr))
            return lr
        }

        let first = try study()
        try first.optimize(trials: 2, objective: objective)
        let completedBefore = try first.trials()

        // A process claims trial 2, samples its learning rate, reports an epoch and dies.
        let storage = try SQLiteStudyStorage(studyDirectory: directory.url)
        let dead = try #require(try storage.claimTrial(in: first.record.id) { _, _ in .parameters([:]) })
        let deadRate = RandomSampler(seed: 1).sampleParameter(
            "lr", from: .float(low: 1e-4, high: 1e-1, log: true), trialNumber: dead.number, trials: [])
        try storage.setParameter(
            "lr", to: deadRate, distribution: .float(low: 1e-4, high: 1e-1, log: true), for: dead.lease)
        try storage.reportIntermediateValue(0.5, epoch: 0, for: dead.lease)

        let log = LogLines()
        let resumed = try study(log: log)
        try resumed.optimize(trials: 4, objective: objective)

        #expect(calls.map(\.number) == [0, 1, 2, 3])
        #expect(calls[2].attempt == 2)
        #expect(calls[2].lr == deadRate.numericValue)
        #expect(log.lines.first?.hasPrefix("trial 2 requeued") == true)
        let trials = try resumed.trials()
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete })
        #expect(Array(trials.prefix(2)) == completedBefore)
        #expect(trials[2].intermediateValues.isEmpty)
    }

    @Test func failedTrialIsStoredAndStudyContinues() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        struct OutOfMemory: Error {}
        let study = try Study(
            name: "failures", storage: SQLiteStudyStorage(studyDirectory: directory.url),
            sampler: RandomSampler(seed: 3), direction: .maximize, log: { _ in })
        try study.optimize(trials: 3) { trial in
            let x = try trial.suggestFloat("x", in: 0...1)
            if trial.number == 1 { throw OutOfMemory() }
            return x
        }
        let reopened = try SQLiteStudyStorage(studyDirectory: directory.url)
        let trials = try reopened.trials(in: study.record.id)
        #expect(trials.map(\.state) == [.complete, .failed, .complete])
        #expect(trials[1].errorMessage == "OutOfMemory()")
        #expect(try study.bestTrial()?.number == [0, 2].max { trials[$0].value! < trials[$1].value! })
    }

    @Test func otherExperimentIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let experiment: JSONValue = ["training": ["epochs": 10], "search": ["trials": 8]]
        let changed: JSONValue = ["training": ["epochs": 20], "search": ["trials": 8]]
        _ = try Study(
            name: "mnist", storage: SQLiteStudyStorage(studyDirectory: directory.url),
            sampler: RandomSampler(seed: 1), direction: .maximize, fingerprint: experiment.fingerprint())

        #expect {
            try Study(
                name: "mnist", storage: SQLiteStudyStorage(studyDirectory: directory.url),
                sampler: RandomSampler(seed: 1), direction: .maximize, fingerprint: changed.fingerprint())
        } throws: { error in
            let message = String(describing: error)
            return error as? StudyStorageError
                == .fingerprintMismatch(
                    study: "mnist", stored: experiment.fingerprint(), requested: changed.fingerprint())
                && message.contains("Study 'mnist' was created for a different experiment")
        }
    }

    @Test func textFileIsRejectedAndLeftUnchanged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("study.db")
        let text = Data("learning rate notes: try 0.003 next\n".utf8)
        try text.write(to: file)

        #expect(throws: SQLiteStorageError.notADatabase(path: file.path)) {
            try SQLiteStudyStorage(studyDirectory: directory.url)
        }
        #expect(try Data(contentsOf: file) == text)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(names == ["study.db"])
        let message = SQLiteStorageError.notADatabase(path: file.path).description
        #expect(message.contains(file.path))
        #expect(message.contains("not a SQLite database"))
    }

    @Test func foreignDatabaseIsRejectedAndLeftUnchanged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("study.db")
        try runRawSQL(
            "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada');", path: file.path)
        let before = try Data(contentsOf: file)

        #expect(throws: SQLiteStorageError.foreignDatabase(path: file.path, tables: ["customers"])) {
            try SQLiteStudyStorage(fileURL: file)
        }
        #expect(try Data(contentsOf: file) == before)
        #expect(try runRawSQL("PRAGMA journal_mode", path: file.path) == ["delete"])
    }

    @Test func newerSchemaVersionIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("study.db")
        _ = try SQLiteStudyStorage(fileURL: file)
        try runRawSQL("UPDATE swifttune_schema SET version = 2", path: file.path)

        #expect(throws: SQLiteStorageError.unsupportedSchema(path: file.path, version: 2, supported: 1)) {
            try SQLiteStudyStorage(fileURL: file)
        }
        let message = SQLiteStorageError.unsupportedSchema(path: file.path, version: 2, supported: 1)
            .description
        #expect(message.contains("newer SwiftTune"))
    }

    @Test func newDatabaseUsesWriteAheadLog() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("study.db")
        try Data().write(to: file)
        _ = try SQLiteStudyStorage(fileURL: file)
        #expect(try runRawSQL("PRAGMA journal_mode", path: file.path) == ["wal"])
        #expect(try runRawSQL("SELECT version FROM swifttune_schema", path: file.path) == ["1"])
    }

    @Test func concurrentClaimsNeverShareAPoint() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("study.db")
        let space = try SearchSpace(["a": .int(low: 0, high: 9), "b": .int(low: 0, high: 3)])
        let sampler = try GridSampler(space: space)
        let studyID = try SQLiteStudyStorage(fileURL: file)
            .openStudy(named: "shared", direction: .maximize, fingerprint: "").id
        let failures = Mutex<[String]>([])

        // Two connections to one file stand in for two worker processes.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let storage = try SQLiteStudyStorage(fileURL: file)
                while let trial = try storage.claimTrial(in: studyID, proposing: sampler.proposeTrial) {
                    _ = try storage.finishTrial(trial.lease, with: .complete(Double(trial.number)))
                }
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }

        #expect(failures.withLock { $0 } == [])
        let trials = try SQLiteStudyStorage(fileURL: file).trials(in: studyID)
        #expect(trials.map(\.number) == Array(0..<40))
        #expect(Set(trials.map(\.parameters)).count == 40)
        #expect(trials.allSatisfy { $0.state == .complete })
    }
}
