/// An error from opening or using a SQLite study database.
public enum SQLiteStorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but does not start with the SQLite header. It was left unchanged.
    case notADatabase(path: String)
    /// The file is a SQLite database of another program: it has tables but no SwiftTune schema
    /// table. It was left unchanged.
    case foreignDatabase(path: String, tables: [String])
    /// The database has a SwiftTune schema version this build cannot read: a newer one, or one
    /// that was never released (`version` is nil when the schema table has no valid row).
    case unsupportedSchema(path: String, version: Int?, supported: Int)
    /// A SQLite call failed; `code` is SQLite's extended result code.
    case sqliteFailed(path: String, operation: String, code: Int32, message: String)
    /// A stored value could not be read back, such as a parameter of an unknown kind.
    case invalidRecord(path: String, detail: String)

    /// A sentence that names the file and the next step to take.
    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "'\(path)' is not a SQLite database, so it cannot hold a study. It was left unchanged. "
                + "Choose another study directory, or move the file away."
        case .foreignDatabase(let path, let tables):
            return
                "'\(path)' is a SQLite database of another program "
                + "(tables: \(tables.joined(separator: ", "))), "
                + "not a SwiftTune study database. It was left unchanged. Choose another study directory."
        case .unsupportedSchema(let path, let version?, let supported) where version > supported:
            return "'\(path)' uses study schema version \(version), but this SwiftTune reads only version "
                + "\(supported). Open it with the newer SwiftTune that wrote it."
        case .unsupportedSchema(let path, let version, let supported):
            let found = version.map { "version \($0)" } ?? "no valid version"
            return
                "'\(path)' has an unknown study schema "
                + "(\(found); this SwiftTune reads version \(supported)). "
                + "It was not written by a released SwiftTune; choose another study directory."
        case .sqliteFailed(let path, let operation, let code, let message):
            return "SQLite failed to \(operation) in '\(path)': \(message) (code \(code))."
        case .invalidRecord(let path, let detail):
            return "'\(path)' holds a study record that cannot be read: \(detail)."
        }
    }
}
