import TensorCore

/// The checks shared by the configuration types, which throw `ConfigurationError` with the
/// dotted path of the offending field.
struct FieldValidator {
    /// Path of the object being validated, such as `training.optimizer`, or empty at the top level.
    let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// Creates a validator for the object that `decoder` is decoding.
    init(decoder: any Decoder) {
        self.prefix = decoder.codingPath.isEmpty ? "" : ConfigurationError.path(decoder.codingPath)
    }

    /// Returns the dotted path of member `key`.
    func path(_ key: some CodingKey) -> String {
        prefix.isEmpty ? key.stringValue : "\(prefix).\(key.stringValue)"
    }

    /// Throws unless `value` is positive and finite.
    func requirePositive(_ value: Float?, _ key: some CodingKey) throws {
        guard let value, !(value > 0 && value.isFinite) else { return }
        throw ConfigurationError(
            field: path(key), rule: "must be a positive finite number", value: "\(value)")
    }

    /// Throws unless `value` is finite and not negative.
    func requireNonNegative(_ value: Float?, _ key: some CodingKey) throws {
        guard let value, !(value >= 0 && value.isFinite) else { return }
        throw ConfigurationError(
            field: path(key), rule: "must be a non-negative finite number", value: "\(value)")
    }

    /// Throws unless `value` is in `[0, 1)`, the range of momentum and decay rates.
    func requireFraction(_ value: Float?, _ key: some CodingKey) throws {
        guard let value, !(value >= 0 && value < 1) else { return }
        throw ConfigurationError(field: path(key), rule: "must be in [0, 1)", value: "\(value)")
    }

    /// Throws unless `value` is in `(0, 1)`, the range of a learning-rate multiplier.
    func requireShrinkingFactor(_ value: Float?, _ key: some CodingKey) throws {
        guard let value, !(value > 0 && value < 1) else { return }
        throw ConfigurationError(field: path(key), rule: "must be in (0, 1)", value: "\(value)")
    }

    /// Throws unless `value` is at least `minimum`.
    func requireInteger(_ value: Int?, atLeast minimum: Int, _ key: some CodingKey) throws {
        guard let value, value < minimum else { return }
        throw ConfigurationError(
            field: path(key), rule: "must be an integer of at least \(minimum)", value: "\(value)")
    }

    /// Throws when `value` is empty or only white space.
    func requireMetricName(_ value: String?, _ key: some CodingKey) throws {
        guard let value, value.allSatisfy(\.isWhitespace) else { return }
        throw ConfigurationError(
            field: path(key), rule: "must name a metric, such as loss or accuracy", value: "\"\(value)\"")
    }

    /// Throws when `value` is set although `kind` does not use it.
    ///
    /// Ignoring such a field would train with a setting other than the one written, as in
    /// `{"kind": "sgd", "momentum": 0.9}`, which would run without momentum.
    func rejectUnused<Value>(_ value: Value?, _ key: some CodingKey, kind: String, usedBy kinds: [String])
        throws
    {
        guard value != nil, !kinds.contains(kind) else { return }
        throw ConfigurationError(
            field: path(key),
            rule:
                "is not used by kind \(kind), only by \(kinds.joined(separator: ", ")). Remove it or change the kind"
        )
    }

    /// Decodes member `key` as a number and converts it to `Float`.
    ///
    /// Reading a `Double` first gives a message that names the field for a number beyond the
    /// `Float` range. Foundation on Linux (Swift 6.3) reports such a number only as
    /// "not valid JSON".
    func decodeNumber<Keys: CodingKey>(from container: KeyedDecodingContainer<Keys>, forKey key: Keys) throws
        -> Float
    {
        let value = try container.decode(Double.self, forKey: key)
        let number = Float(value)
        guard number.isFinite else {
            throw ConfigurationError(field: path(key), rule: "must fit in a 32-bit float", value: "\(value)")
        }
        return number
    }

    /// Decodes member `key`, when present, as a number and converts it to `Float`.
    func decodeNumberIfPresent<Keys: CodingKey>(
        from container: KeyedDecodingContainer<Keys>, forKey key: Keys
    ) throws -> Float? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try decodeNumber(from: container, forKey: key)
    }

    /// Decodes member `key`, when present, as a whole number.
    ///
    /// Reading a `Double` first gives a message that names the field for a value such as 2.5.
    /// Foundation on Linux (Swift 6.3) reports such a value only as
    /// "not valid JSON".
    func decodeIntegerIfPresent<Keys: CodingKey>(
        from container: KeyedDecodingContainer<Keys>, forKey key: Keys
    ) throws -> Int? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        let value = try container.decode(Double.self, forKey: key)
        guard value.rounded() == value, value.magnitude <= 1e15 else {
            throw ConfigurationError(field: path(key), rule: "must be an integer", value: "\(value)")
        }
        return Int(value)
    }

    /// Decodes member `key` as one of the raw values of `Choice` and throws an error that
    /// lists the valid values for any other string.
    func decodeChoice<Choice: RawRepresentable & CaseIterable, Keys: CodingKey>(
        _ type: Choice.Type, from container: KeyedDecodingContainer<Keys>, forKey key: Keys
    ) throws -> Choice where Choice.RawValue == String {
        let name = try container.decode(String.self, forKey: key)
        guard let choice = Choice(rawValue: name) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(field: path(key), rule: "must be one of \(names)", value: "\"\(name)\"")
        }
        return choice
    }

    /// Decodes member `key`, when present, as one of the raw values of `Choice`.
    func decodeChoiceIfPresent<Choice: RawRepresentable & CaseIterable, Keys: CodingKey>(
        _ type: Choice.Type, from container: KeyedDecodingContainer<Keys>, forKey key: Keys
    ) throws -> Choice? where Choice.RawValue == String {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try decodeChoice(type, from: container, forKey: key)
    }
}
