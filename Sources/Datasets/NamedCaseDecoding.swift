import TensorCore

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Decodes a case from its name, throwing a `ConfigurationError` that names the field and lists
    /// the known names when no case has that name.
    static func decodeName(from decoder: any Decoder) throws -> Self {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: name) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(
                field: decoder.fieldPath, rule: "must be one of \(known)", value: "\"\(name)\"")
        }
        return value
    }
}
