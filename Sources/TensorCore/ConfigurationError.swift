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
                value: Self.foundKind(context))
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

    /// Returns what the decoder found instead of the expected type, such as "a string", from a
    /// description like "Expected to decode Int but found a string instead.", or the whole
    /// description when it has another form.
    private static func foundKind(_ context: DecodingError.Context) -> String? {
        let text = context.debugDescription
        guard let found = text.range(of: "but found "),
            let end = text.range(of: " instead", range: found.upperBound..<text.endIndex)
        else { return text.isEmpty ? nil : text }
        switch String(text[found.upperBound..<end.lowerBound]) {
        case "bool": return "true or false"
        case "number": return "a number"
        case "a dictionary": return "an object"
        case let kind: return kind
        }
    }

    /// Decodes `type` from the JSON `data`, turning a `DecodingError` into a `ConfigurationError`
    /// that names the field.
    ///
    /// Foundation's decoder on Linux reports a number that does not fit an integer field (8.5,
    /// 1e30) as invalid JSON without a field path. When `data` is valid JSON, this finds the
    /// field by trying each such number as 1, and names it with the rule and the value.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let located = locateNumberMismatch(type, in: data)
            {
                throw located
            }
            throw ConfigurationError(error)
        }
    }

    /// Returns the error for a number in `data` that an integer field cannot hold (a fraction,
    /// or a value beyond `Int`'s range), or nil when there is none.
    ///
    /// Each such number in turn is replaced by a string: when the decoder then reports that
    /// an integer was expected at that number's path, that field is the one.
    private static func locateNumberMismatch<Value: Decodable>(_ type: Value.Type, in data: Data)
        -> ConfigurationError?
    {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        for (path, number) in numbers(in: root, path: []) {
            let value = number.doubleValue
            guard value.rounded() != value || abs(value) >= 9.2e18 else { continue }
            guard
                let probe = try? JSONSerialization.data(
                    withJSONObject: replacing(path, in: root, with: "probe"), options: [.fragmentsAllowed])
            else { continue }
            do {
                _ = try JSONDecoder().decode(type, from: probe)
            } catch DecodingError.typeMismatch(let expected, let context)
                where Self.path(context.codingPath) == Self.path(path)
                && (expected is Int.Type || expected is Int32.Type || expected is Int64.Type
                    || expected is UInt64.Type)
            {
                return ConfigurationError(
                    field: Self.path(path), rule: "must be a whole number that fits a 64-bit integer",
                    value: "\(number)")
            } catch {}
        }
        return nil
    }

    /// A key of a decoded JSON tree, for building coding paths.
    private struct TreeKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }

    /// Returns every number in a `JSONSerialization` tree with its path, in document order for
    /// arrays and in key order for objects. True and false are not numbers here.
    private static func numbers(in node: Any, path: [any CodingKey]) -> [([any CodingKey], NSNumber)] {
        if let object = node as? [String: Any] {
            return object.keys.sorted().flatMap {
                numbers(in: object[$0]!, path: path + [TreeKey(stringValue: $0)])
            }
        }
        if let array = node as? [Any] {
            return array.enumerated().flatMap { numbers(in: $1, path: path + [TreeKey(intValue: $0)]) }
        }
        if node is Bool { return [] }
        if let number = node as? NSNumber { return [(path, number)] }
        return []
    }

    /// Returns `node` with the value at `path` replaced by `value`.
    private static func replacing(_ path: [any CodingKey], in node: Any, with value: Any) -> Any {
        guard let key = path.first else { return value }
        let rest = Array(path.dropFirst())
        if var object = node as? [String: Any], let child = object[key.stringValue] {
            object[key.stringValue] = replacing(rest, in: child, with: value)
            return object
        }
        if var array = node as? [Any], let index = key.intValue, array.indices.contains(index) {
            array[index] = replacing(rest, in: array[index], with: value)
            return array
        }
        return node
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
