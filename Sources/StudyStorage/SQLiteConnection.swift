import CSQLite
import Foundation

/// A value bound to or read from a SQLite statement.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var int: Int? {
        if case .integer(let value) = self { return Int(value) }
        return nil
    }

    /// A REAL column's value. SQLite stores a bound NaN as NULL, so NULL reads back as NaN.
    var double: Double {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case .null, .text: return .nan
        }
    }

    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The column as seconds since 1970, or nil for NULL.
    var date: Date? {
        self == .null ? nil : Date(timeIntervalSince1970: double)
    }

    init(_ date: Date?) {
        self = date.map { .real($0.timeIntervalSince1970) } ?? .null
    }
}

/// One SQLite connection with the few operations the study storage needs.
///
/// Not thread-safe: the owner serializes calls.
final class SQLiteConnection {
    /// The database file, for messages.
    let path: String
    private let handle: OpaquePointer

    /// SQLite's `SQLITE_TRANSIENT`, a C macro that does not import into Swift. It makes SQLite copy
    /// a bound string before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens (creating when missing) the database at `path` and sets a busy timeout of
    /// `busyTimeoutMilliseconds`, so a call waits that long for another process's lock.
    init(path: String, busyTimeoutMilliseconds: Int32) throws {
        self.path = path
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK, let handle else {
            let message =
                handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteStorageError.sqliteFailed(
                path: path, operation: "open the database", code: code, message: message)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs `sql`, which may hold several statements without parameters.
    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw failure(code, operation: "run \(Self.firstWords(of: sql))")
        }
    }

    /// Runs one statement with `bindings` for its `?` parameters and returns every result row.
    @discardableResult
    func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            throw failure(prepared, operation: "prepare \(Self.firstWords(of: sql))")
        }
        defer { sqlite3_finalize(statement) }

        for (offset, value) in bindings.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(statement, index)
            case .integer(let integer): code = sqlite3_bind_int64(statement, index, integer)
            case .real(let real): code = sqlite3_bind_double(statement, index, real)
            case .text(let text): code = sqlite3_bind_text(statement, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else {
                throw failure(code, operation: "bind parameter \(index) of \(Self.firstWords(of: sql))")
            }
        }

        var rows: [[SQLiteValue]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE {
                return rows
            }
            guard code == SQLITE_ROW else {
                throw failure(code, operation: "run \(Self.firstWords(of: sql))")
            }
            rows.append((0..<sqlite3_column_count(statement)).map { column(statement, $0) })
        }
    }

    /// Runs `body` in a transaction and commits it, or rolls it back when `body` throws.
    ///
    /// `immediate` takes the write lock at the start (`BEGIN IMMEDIATE`), so the transaction
    /// cannot fail later because another process wrote in between. Use it for every change.
    func transaction<Result>(immediate: Bool, _ body: () throws -> Result) throws -> Result {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // ROLLBACK fails when SQLite has already rolled back on its own (after some I/O and
            // out-of-memory errors). The original error is the one to report either way.
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, index))
        case SQLITE_NULL:
            return .null
        default:
            return .text(sqlite3_column_text(statement, index).map { String(cString: $0) } ?? "")
        }
    }

    private func failure(_ code: Int32, operation: String) -> SQLiteStorageError {
        if code & 0xff == SQLITE_NOTADB {
            return .notADatabase(path: path)
        }
        return .sqliteFailed(
            path: path, operation: operation, code: code, message: String(cString: sqlite3_errmsg(handle)))
    }

    /// Returns the statement's first words, such as `INSERT INTO trials`, for messages.
    private static func firstWords(of sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
    }
}
