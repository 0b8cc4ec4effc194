import Foundation

/// The tables of a SwiftTune study database, and the checks that keep other databases untouched.
///
/// Times are REAL seconds since 1970. Parameter values keep their kind (`float`, `int`,
/// `string`, `bool`) in a column of its own so that a float 1.0 reads back as a float.
/// Distributions and user attributes are JSON text. SQLite stores a NaN as NULL, so a NULL
/// intermediate value is NaN.
enum SQLiteSchema {
    /// The schema version this build writes and reads.
    static let version = 1

    /// The table that marks a database as SwiftTune's and contains its schema version.
    static let versionTable = "swifttune_schema"

    static let creation = """
        CREATE TABLE swifttune_schema (version INTEGER NOT NULL);
        INSERT INTO swifttune_schema (version) VALUES (\(version));
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            direction TEXT NOT NULL CHECK (direction IN ('minimize', 'maximize')),
            fingerprint TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE trials (
            study_id INTEGER NOT NULL REFERENCES studies (id),
            number INTEGER NOT NULL CHECK (number >= 0),
            attempt INTEGER NOT NULL CHECK (attempt >= 0),
            state TEXT NOT NULL
                CHECK (state IN ('waiting', 'running', 'complete', 'failed', 'diverged', 'pruned')),
            value REAL,
            error_message TEXT,
            started_at REAL,
            finished_at REAL,
            heartbeat_at REAL,
            PRIMARY KEY (study_id, number)
        );
        CREATE TABLE trial_parameters (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('float', 'int', 'string', 'bool')),
            value NOT NULL,
            distribution TEXT,
            PRIMARY KEY (study_id, number, name),
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number)
        );
        CREATE TABLE trial_intermediate_values (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (study_id, number, epoch),
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number)
        );
        CREATE TABLE trial_user_attributes (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (study_id, number, key),
            FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number)
        );
        """

    /// The state of a database as the schema check classifies it.
    enum Status {
        /// No tables: a new or empty file that may receive the schema.
        case empty
        /// A SwiftTune database of the supported version.
        case current
    }

    /// Returns whether `connection` is empty or current, reading only.
    ///
    /// Throws `SQLiteStorageError.foreignDatabase` for tables without the version table, and
    /// `.unsupportedSchema` for a version other than `version`.
    static func status(of connection: SQLiteConnection) throws -> Status {
        let rows = try connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        let tables = rows.compactMap { $0.first?.text }
        if tables.isEmpty {
            return .empty
        }
        guard tables.contains(versionTable) else {
            throw SQLiteStorageError.foreignDatabase(path: connection.path, tables: tables)
        }
        let versions = try connection.query("SELECT version FROM \(versionTable)").compactMap {
            $0.first?.int
        }
        guard versions.count == 1, versions[0] == version else {
            throw SQLiteStorageError.unsupportedSchema(
                path: connection.path, version: versions.count == 1 ? versions[0] : nil, supported: version)
        }
        return .current
    }
}
