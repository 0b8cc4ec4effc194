import Foundation

/// An invalid experiment or configuration value, named by its field path.
///
/// Every configuration type validates once, at the boundary, and throws this error with the
/// dotted path of the field (`training.learningRate`, `model.layers[2].kind`), the rule it
/// breaks, and the value it got.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted path of the field, such as `training.batchSize`.
    public var field: String
    /// The rule the value breaks, as a sentence fragment ("must be positive").
    public var rule: String
    /// The offending value as written, or nil where no value exists (a missing field).
    public var value: String?

    /// Creates an error for `field` breaking `rule` with `value`.
    public init(field: String, rule: String, value: String? = nil) {
        self.field = field
        self.rule = rule
        self.value = value
    }

    public var description: String {
        if let value {
            return "\(field) \(rule), got \(value)."
        }
        return "\(field) \(rule)."
    }

    /// Converts a `DecodingError` from `JSONDecoder` into a message that names the field path.
    public init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: Self.path(context.codingPath + [key]), rule: "is missing")
        case .typeMismatch(let type, let context):
            self.init(
                field: Self.path(context.codingPath), rule: "must be \(Self.typeName(type))",
                value: Self.detail(context))
        case .valueNotFound(let type, let context):
            self.init(
                field: Self.path(context.codingPath), rule: "must be \(Self.typeName(type))", value: "null")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
            let reason = underlying.map { "\($0)" } ?? context.debugDescription
            self.init(
                field: context.codingPath.isEmpty ? "JSON" : Self.path(context.codingPath),
                rule: "is invalid: \(reason)")
        @unknown default:
            self.init(field: "JSON", rule: "could not be decoded: \(error)")
        }
    }

    /// Formats a coding path as `a.b[2].c`.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "(top level)" : result
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is UInt64.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return "a \(type)"
        }
    }

    private static func detail(_ context: DecodingError.Context) -> String? {
        context.debugDescription.isEmpty ? nil : context.debugDescription
    }
}

/// A coding key for any JSON object member, used to list the keys an object really has.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the JSON object being decoded has a member outside `allowed`.
    ///
    /// Silently ignoring a misspelt field (`learningrate`) would train with a default the user
    /// did not choose, so every configuration type calls this first in `init(from:)`.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let allowed = Set(Keys.allCases.map(\.stringValue))
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            let known = allowed.sorted().joined(separator: ", ")
            throw ConfigurationError(
                field: ConfigurationError.path(codingPath + [key]),
                rule: "is not a known field (known fields here: \(known))")
        }
    }

    /// Decodes a value written as the name of one of `Choice`'s cases, such as `"perFeature"`.
    ///
    /// - Throws: `ConfigurationError` naming the field path and the known names for another name.
    public func decodeChoice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let name = try singleValueContainer().decode(String.self)
        guard let choice = Choice(rawValue: name) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(field: fieldPath, rule: "must be one of \(known)", value: "\"\(name)\"")
        }
        return choice
    }

    /// The dotted path of the value being decoded, for validation messages.
    public var fieldPath: String { ConfigurationError.path(codingPath) }

    /// Returns the dotted path of member `key` of the object being decoded.
    public func fieldPath(_ key: some CodingKey) -> String {
        ConfigurationError.path(codingPath + [key])
    }
}
