import Foundation
import Tuning

/// Reading trials back into `TrialRecord`s. Callers hold the lock and a transaction.
extension SQLiteStudyStorage {
    /// Returns every trial of `study` by number, or only trial `number` when given.
    ///
    /// Throws `StudyStorageError.studyNotFound` for an unknown study.
    func loadTrials(study: StudyID, number: Int? = nil) throws -> [TrialRecord] {
        try checkStudyExists(study)
        var filter = "study_id = ?"
        var bindings: [SQLiteValue] = [.integer(study.rawValue)]
        if let number {
            filter += " AND number = ?"
            bindings.append(.integer(Int64(number)))
        }

        var trials: [Int: TrialRecord] = [:]
        let trialRows = try connection.query(
            """
            SELECT number, attempt, state, value, error_message, started_at, finished_at, heartbeat_at
            FROM trials WHERE \(filter) ORDER BY number
            """, bindings)
        for row in trialRows {
            let number = row[0].int ?? -1
            trials[number] = TrialRecord(
                study: study, number: number, attempt: row[1].int ?? 0, state: try trialState(row[2]),
                value: row[3] == .null ? nil : row[3].double, startedAt: row[5].date, finishedAt: row[6].date,
                heartbeatAt: row[7].date, errorMessage: row[4].text)
        }

        let parameterRows = try connection.query(
            "SELECT number, name, kind, value, distribution FROM trial_parameters WHERE \(filter)", bindings)
        for row in parameterRows {
            guard let number = row[0].int, let name = row[1].text else { continue }
            trials[number]?.parameters[name] = try parameterValue(kind: row[2], value: row[3])
            if let text = row[4].text {
                trials[number]?.distributions[name] = try decodeJSON(ParameterDistribution.self, from: text)
            }
        }

        let intermediateRows = try connection.query(
            "SELECT number, epoch, value FROM trial_intermediate_values WHERE \(filter)", bindings)
        for row in intermediateRows {
            guard let number = row[0].int, let epoch = row[1].int else { continue }
            trials[number]?.intermediateValues[epoch] = row[2].double
        }

        let attributeRows = try connection.query(
            "SELECT number, key, value FROM trial_user_attributes WHERE \(filter)", bindings)
        for row in attributeRows {
            guard let number = row[0].int, let key = row[1].text, let text = row[2].text else { continue }
            trials[number]?.userAttributes[key] = try decodeJSON(JSONValue.self, from: text)
        }

        return trials.keys.sorted().map { trials[$0]! }
    }

    /// Returns trial `number` of `study`, or throws `StudyStorageError.trialNotFound`.
    func loadTrial(study: StudyID, number: Int) throws -> TrialRecord {
        guard let trial = try loadTrials(study: study, number: number).first else {
            throw StudyStorageError.trialNotFound(study: study, number: number)
        }
        return trial
    }

    /// Returns the number after the highest trial number of `study`, or 0 for none.
    func nextTrialNumber(in study: StudyID) throws -> Int {
        try checkStudyExists(study)
        let rows = try connection.query(
            "SELECT MAX(number) FROM trials WHERE study_id = ?", [.integer(study.rawValue)])
        return (rows.first?.first?.int).map { $0 + 1 } ?? 0
    }

    /// Throws `StudyStorageError.studyNotFound` unless `study` exists.
    func checkStudyExists(_ study: StudyID) throws {
        let rows = try connection.query("SELECT 1 FROM studies WHERE id = ?", [.integer(study.rawValue)])
        if rows.isEmpty {
            throw StudyStorageError.studyNotFound(study)
        }
    }

    func trialState(_ value: SQLiteValue) throws -> TrialState {
        guard let text = value.text, let state = TrialState(rawValue: text) else {
            throw SQLiteStorageError.invalidRecord(
                path: connection.path, detail: "unknown trial state \(value)")
        }
        return state
    }

    func parameterValue(kind: SQLiteValue, value: SQLiteValue) throws -> ParameterValue {
        switch (kind.text, value) {
        case ("float", .real(let number)): return .float(number)
        case ("float", .integer(let integer)): return .float(Double(integer))
        case ("int", .integer(let integer)): return .int(Int(integer))
        case ("string", .text(let text)): return .string(text)
        case ("bool", .integer(let flag)): return .bool(flag != 0)
        default:
            throw SQLiteStorageError.invalidRecord(
                path: connection.path, detail: "parameter value \(value) does not match its kind \(kind)")
        }
    }

    private func decodeJSON<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw SQLiteStorageError.invalidRecord(
                path: connection.path, detail: "\(type) JSON \(text) does not decode: \(error)")
        }
    }
}
