import Evaluation
import Foundation
import Tuning

/// A `StudyStorage` in a SQLite database file, by default `study.db` in the study directory.
///
/// Crash safety: the database runs in WAL journal mode with `synchronous = FULL`, and every
/// change is one transaction, so a process killed at any point leaves the last committed state.
/// Changes take the write lock at their start (`BEGIN IMMEDIATE`), which makes a trial claim
/// atomic across processes. A call waits up to `busyTimeoutMilliseconds` for another process's
/// lock before it throws.
///
/// Opening checks the file before it writes anything. A file that is not SQLite, or a SQLite
/// database without SwiftTune's schema table but with other tables, is rejected and left
/// unchanged. So is a database with another schema version.
///
/// NOTE: WAL needs shared memory between the processes, so the file must be on a local file
/// system, not a network share. Workers on several machines need a server database.
public final class SQLiteStudyStorage: StudyStorage, @unchecked Sendable {
    // @unchecked: `connection` is not thread-safe, so every use of it happens while `lock` is held.

    /// The file name used inside a study directory.
    public static let defaultFileName = "study.db"

    /// The maximum time a call waits for another process's lock, in milliseconds.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// The database file.
    public let fileURL: URL

    let connection: SQLiteConnection
    // Recursive, so that a sampler that wrongly calls the storage during a claim gets SQLite's
    // "transaction within a transaction" error rather than a deadlock.
    let lock = NSRecursiveLock()

    /// Opens the study database at `fileURL`, creating the file and schema when it is missing
    /// or empty.
    ///
    /// Throws `SQLiteStorageError.notADatabase`, `.foreignDatabase` or `.unsupportedSchema`,
    /// each leaving the file unchanged, and `.sqliteFailed` when SQLite cannot open or set up
    /// the file.
    public init(fileURL: URL) throws {
        self.fileURL = fileURL
        let path = fileURL.path
        try Self.checkHeader(path: path)
        connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)

        // Reading first means a foreign database is rejected before anything is written to it.
        let status = try SQLiteSchema.status(of: connection)
        try enableWriteAheadLog()
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        if status == .empty {
            try connection.transaction(immediate: true) {
                // Another process may have created the schema since the check above.
                if try SQLiteSchema.status(of: connection) == .empty {
                    try connection.execute(SQLiteSchema.creation)
                }
            }
        }
    }

    /// Opens `study.db` in `directory`, creating the directory when it is missing; see
    /// `init(fileURL:)`.
    public convenience init(studyDirectory directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try self.init(fileURL: directory.appendingPathComponent(Self.defaultFileName))
    }

    /// Returns the study named `name`, creating it when there is none; see `StudyStorage`.
    public func openStudy(named name: String, direction: OptimizationDirection, fingerprint: String) throws
        -> StudyRecord
    {
        try write {
            let rows = try connection.query(
                "SELECT id, direction, fingerprint, created_at FROM studies WHERE name = ?", [.text(name)])
            if let row = rows.first {
                let stored = try decodeDirection(row[1])
                let storedFingerprint = row[2].text ?? ""
                guard storedFingerprint == fingerprint else {
                    throw StudyStorageError.fingerprintMismatch(
                        study: name, stored: storedFingerprint, requested: fingerprint)
                }
                guard stored == direction else {
                    throw StudyStorageError.directionMismatch(
                        study: name, stored: stored, requested: direction)
                }
                return StudyRecord(
                    id: StudyID(Int64(row[0].int ?? 0)), name: name, direction: stored,
                    fingerprint: storedFingerprint,
                    createdAt: row[3].date ?? Date(timeIntervalSince1970: 0))
            }
            let now = Date()
            try connection.query(
                "INSERT INTO studies (name, direction, fingerprint, created_at) VALUES (?, ?, ?, ?)",
                [.text(name), .text(direction.rawValue), .text(fingerprint), SQLiteValue(now)])
            let id = try connection.query("SELECT last_insert_rowid()")[0][0].int ?? 0
            return StudyRecord(
                id: StudyID(Int64(id)), name: name, direction: direction, fingerprint: fingerprint,
                createdAt: now)
        }
    }

    /// Adds a waiting trial with fixed `parameters`; see `StudyStorage`.
    public func enqueueTrial(in study: StudyID, parameters: [String: ParameterValue]) throws -> TrialRecord {
        try write {
            let number = try nextTrialNumber(in: study)
            try insertTrial(
                study: study, number: number, attempt: 0, state: .waiting, parameters: parameters, at: nil)
            return try loadTrial(study: study, number: number)
        }
    }

    /// Claims the lowest waiting trial, or a new proposed one; see `StudyStorage`.
    public func claimTrial(
        in study: StudyID, proposing propose: (_ number: Int, _ trials: [TrialRecord]) throws -> TrialProposal
    ) throws -> TrialRecord? {
        try write {
            let trials = try loadTrials(study: study)
            let now = Date()

            if let waiting = trials.first(where: { $0.state == .waiting }) {
                try connection.query(
                    """
                    UPDATE trials
                    SET state = 'running', attempt = attempt + 1, started_at = ?, heartbeat_at = ?
                    WHERE study_id = ? AND number = ?
                    """,
                    [
                        SQLiteValue(now), SQLiteValue(now), .integer(study.rawValue),
                        .integer(Int64(waiting.number)),
                    ])
                return try loadTrial(study: study, number: waiting.number)
            }

            let number = (trials.last?.number ?? -1) + 1
            guard case .parameters(let parameters) = try propose(number, trials) else {
                return nil
            }
            try insertTrial(
                study: study, number: number, attempt: 1, state: .running, parameters: parameters, at: now)
            return try loadTrial(study: study, number: number)
        }
    }

    /// Returns every trial of `study`; see `StudyStorage`.
    public func trials(in study: StudyID) throws -> [TrialRecord] {
        try lock.withLock {
            // One read transaction gives a consistent snapshot across the four tables.
            try connection.transaction(immediate: false) { try loadTrials(study: study) }
        }
    }

    /// Puts running trials with an old heartbeat back to waiting; see `StudyStorage`.
    public func requeueRunningTrials(in study: StudyID, heartbeatBefore cutoff: Date) throws -> [TrialRecord]
    {
        try write {
            try checkStudyExists(study)
            let rows = try connection.query(
                """
                SELECT number FROM trials
                WHERE study_id = ? AND state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)
                ORDER BY number
                """,
                [.integer(study.rawValue), SQLiteValue(cutoff)])
            var requeued: [TrialRecord] = []
            for number in rows.compactMap({ $0.first?.int }) {
                let key: [SQLiteValue] = [.integer(study.rawValue), .integer(Int64(number))]
                try connection.query(
                    """
                    UPDATE trials SET state = 'waiting', started_at = NULL, heartbeat_at = NULL
                    WHERE study_id = ? AND number = ?
                    """, key)
                try connection.query(
                    "DELETE FROM trial_intermediate_values WHERE study_id = ? AND number = ?", key)
                try connection.query(
                    "DELETE FROM trial_user_attributes WHERE study_id = ? AND number = ?", key)
                requeued.append(try loadTrial(study: study, number: number))
            }
            return requeued
        }
    }

    /// Runs `body` in a write transaction while holding the lock.
    func write<Result>(_ body: () throws -> Result) throws -> Result {
        try lock.withLock {
            try connection.transaction(immediate: true, body)
        }
    }

    /// Throws `SQLiteStorageError.notADatabase` when `path` is a non-empty file that does not
    /// start with the 16-byte SQLite header, reading only.
    private static func checkHeader(path: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            return  // A missing file is created; SQLite reports one that cannot be read.
        }
        defer { try? file.close() }
        let header = try file.read(upToCount: 16) ?? Data()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw SQLiteStorageError.notADatabase(path: path)
        }
    }

    private func enableWriteAheadLog() throws {
        let mode = try connection.query("PRAGMA journal_mode = WAL").first?.first?.text
        guard mode?.lowercased() == "wal" else {
            throw SQLiteStorageError.sqliteFailed(
                path: connection.path, operation: "enable WAL journal mode", code: 0,
                message: "the journal mode stayed \(mode ?? "unknown"); the file system may not support WAL")
        }
    }

    private func decodeDirection(_ value: SQLiteValue) throws -> OptimizationDirection {
        guard let text = value.text, let direction = OptimizationDirection(rawValue: text) else {
            throw SQLiteStorageError.invalidRecord(
                path: connection.path, detail: "unknown direction \(value)")
        }
        return direction
    }
}
