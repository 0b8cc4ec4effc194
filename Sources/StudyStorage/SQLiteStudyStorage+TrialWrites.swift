import Foundation
import Tuning

/// The changes a lease holder makes to its running trial, each in one write transaction that
/// first checks the lease.
extension SQLiteStudyStorage {
    /// Sets a parameter of a running trial; see `StudyStorage`.
    public func setParameter(
        _ name: String, to value: ParameterValue, distribution: ParameterDistribution?, for lease: TrialLease
    ) throws {
        try modifyRunningTrial(lease) { key in
            let distributionText = try distribution.map { try Self.jsonText($0) }
            let rows = try connection.query(
                "SELECT kind, value FROM trial_parameters WHERE study_id = ? AND number = ? AND name = ?",
                key + [.text(name)])
            if let row = rows.first {
                let stored = try parameterValue(kind: row[0], value: row[1])
                guard stored == value else {
                    throw StudyStorageError.parameterConflict(
                        number: lease.number, name: name, stored: stored, requested: value)
                }
                if let distributionText {
                    try connection.query(
                        """
                        UPDATE trial_parameters SET distribution = ?
                        WHERE study_id = ? AND number = ? AND name = ?
                        """,
                        [.text(distributionText)] + key + [.text(name)])
                }
                return
            }
            try insertParameter(name, value: value, distribution: distributionText, key: key)
        }
    }

    /// Records an intermediate value; see `StudyStorage`.
    public func reportIntermediateValue(_ value: Double, epoch: Int, for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { key in
            try connection.query(
                """
                INSERT OR REPLACE INTO trial_intermediate_values (study_id, number, epoch, value)
                VALUES (?, ?, ?, ?)
                """,
                key + [.integer(Int64(epoch)), .real(value)])
        }
    }

    /// Sets a user attribute; see `StudyStorage`.
    public func setUserAttribute(_ value: JSONValue, forKey key: String, for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { trialKey in
            try connection.query(
                """
                INSERT OR REPLACE INTO trial_user_attributes (study_id, number, key, value)
                VALUES (?, ?, ?, ?)
                """,
                trialKey + [.text(key), .text(value.canonicalText())])
        }
    }

    /// Sets the heartbeat to now; see `StudyStorage`.
    public func recordHeartbeat(for lease: TrialLease) throws {
        try modifyRunningTrial(lease) { _ in }
    }

    /// Finishes a running trial; see `StudyStorage`.
    public func finishTrial(_ lease: TrialLease, with outcome: TrialOutcome) throws -> TrialRecord {
        if let value = outcome.value, !value.isFinite {
            throw StudyStorageError.nonFiniteObjective(number: lease.number, value: value)
        }
        return try modifyRunningTrial(lease) { key in
            try connection.query(
                """
                UPDATE trials SET state = ?, value = ?, error_message = ?, finished_at = ?
                WHERE study_id = ? AND number = ?
                """,
                [
                    .text(outcome.state.rawValue), outcome.value.map { .real($0) } ?? .null,
                    outcome.message.map { .text($0) } ?? .null, SQLiteValue(Date()),
                ] + key)
        }
    }

    /// Inserts a trial row and its fixed parameters, without distributions.
    func insertTrial(
        study: StudyID, number: Int, attempt: Int, state: TrialState, parameters: [String: ParameterValue],
        at start: Date?
    ) throws {
        let key: [SQLiteValue] = [.integer(study.rawValue), .integer(Int64(number))]
        try connection.query(
            """
            INSERT INTO trials (study_id, number, attempt, state, started_at, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            key + [.integer(Int64(attempt)), .text(state.rawValue), SQLiteValue(start), SQLiteValue(start)])
        for name in parameters.keys.sorted() {
            try insertParameter(name, value: parameters[name]!, distribution: nil, key: key)
        }
    }

    /// Checks the lease, runs `change` with the trial's key bindings `[study_id, number]`, sets the
    /// heartbeat, and returns the trial as it is afterwards, all in one write transaction.
    @discardableResult
    private func modifyRunningTrial(_ lease: TrialLease, _ change: ([SQLiteValue]) throws -> Void) throws
        -> TrialRecord
    {
        try write {
            let key: [SQLiteValue] = [.integer(lease.study.rawValue), .integer(Int64(lease.number))]
            let rows = try connection.query(
                "SELECT state, attempt FROM trials WHERE study_id = ? AND number = ?", key)
            guard let row = rows.first else {
                try checkStudyExists(lease.study)
                throw StudyStorageError.trialNotFound(study: lease.study, number: lease.number)
            }
            try lease.checkWritable(state: try trialState(row[0]), attempt: row[1].int ?? -1)
            try change(key)
            try connection.query(
                "UPDATE trials SET heartbeat_at = ? WHERE study_id = ? AND number = ?",
                [SQLiteValue(Date())] + key)
            return try loadTrial(study: lease.study, number: lease.number)
        }
    }

    private func insertParameter(
        _ name: String, value: ParameterValue, distribution: String?, key: [SQLiteValue]
    ) throws {
        let kind: String
        let stored: SQLiteValue
        switch value {
        case .float(let number):
            (kind, stored) = ("float", .real(number))
        case .int(let integer):
            (kind, stored) = ("int", .integer(Int64(integer)))
        case .string(let text):
            (kind, stored) = ("string", .text(text))
        case .bool(let flag):
            (kind, stored) = ("bool", .integer(flag ? 1 : 0))
        }
        try connection.query(
            """
            INSERT INTO trial_parameters (study_id, number, name, kind, value, distribution)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            key + [.text(name), .text(kind), stored, distribution.map { .text($0) } ?? .null])
    }

    static func jsonText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
