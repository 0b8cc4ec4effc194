import Evaluation
import Foundation

/// The identifier a storage gives a study, unique within that storage.
public struct StudyID: Hashable, Sendable, CustomStringConvertible {
    /// The storage's key for the study.
    public let rawValue: Int64

    /// Wraps a storage key.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// The key in decimal.
    public var description: String { String(rawValue) }
}

/// A study as stored: its name, direction and the fingerprint of the experiment it belongs to.
public struct StudyRecord: Hashable, Sendable {
    /// The storage's identifier of the study.
    public var id: StudyID
    /// The study's name, unique within its storage.
    public var name: String
    /// Whether larger or smaller objective values are better.
    public var direction: OptimizationDirection
    /// A hash of the experiment the study was created for; see `JSONValue.fingerprint()`.
    public var fingerprint: String
    /// When the study was created.
    public var createdAt: Date

    /// Creates a study record.
    public init(
        id: StudyID, name: String, direction: OptimizationDirection, fingerprint: String, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.direction = direction
        self.fingerprint = fingerprint
        self.createdAt = createdAt
    }
}
