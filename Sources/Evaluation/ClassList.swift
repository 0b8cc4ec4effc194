/// The full, ordered list of classes of a data set.
///
/// Class `i` of every label, prediction and score array in this module is `names[i]`. Metrics
/// cover every class in the list, including classes absent from a given batch. A list built
/// from a count alone names its classes by their decimal index ("0", "1", ...).
///
/// Encodes as a JSON array of names, and decoding validates the names again.
public struct ClassList: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The class names in class-index order, unique and non-empty.
    public let names: [String]

    /// The number of classes.
    public var count: Int { names.count }

    /// Creates a list of `count` classes named "0", "1", ..., or throws
    /// `EvaluationError.invalidClassCount` when `count` is below 1.
    public init(count: Int) throws {
        guard count >= 1 else {
            throw EvaluationError.invalidClassCount(count)
        }
        self.names = (0..<count).map(String.init)
    }

    /// Creates a list with the given names in class-index order.
    ///
    /// Throws `EvaluationError.invalidClassCount` for an empty array and
    /// `EvaluationError.invalidClassName` for an empty or repeated name.
    public init(names: [String]) throws {
        guard !names.isEmpty else {
            throw EvaluationError.invalidClassCount(0)
        }
        var seen = Set<String>()
        for name in names {
            guard !name.isEmpty else {
                throw EvaluationError.invalidClassName(name, reason: "class names must not be empty")
            }
            guard seen.insert(name).inserted else {
                throw EvaluationError.invalidClassName(name, reason: "the name appears more than once")
            }
        }
        self.names = names
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let names = try container.decode([String].self)
        do {
            try self.init(names: names)
        } catch let error as EvaluationError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names)
    }

    /// Returns the index of the class that `reference` names.
    ///
    /// Throws `EvaluationError.unknownClass`, listing the valid names, when no class has that
    /// name or the index is outside `0..<count`.
    public func index(of reference: ClassReference) throws -> Int {
        switch reference {
        case .index(let index):
            guard names.indices.contains(index) else {
                throw EvaluationError.unknownClass(
                    "\(index)", validNames: names.indices.map { "\($0) (\(names[$0]))" })
            }
            return index
        case .name(let name):
            guard let index = names.firstIndex(of: name) else {
                throw EvaluationError.unknownClass(name, validNames: names)
            }
            return index
        }
    }

    /// Returns the class's label for messages, such as `'cat' (index 2)`.
    public func label(of index: Int) -> String {
        "'\(names[index])' (index \(index))"
    }

    public var description: String { names.joined(separator: ", ") }

    /// Throws `EvaluationError.classIndexOutOfRange` for the first entry of `values` outside
    /// `0..<count`; `arrayName` names the array in the message.
    func validateIndices(_ values: [Int], arrayName: String) throws {
        try validateClassIndices(values, arrayName: arrayName, classCount: count)
    }
}

/// Throws `EvaluationError.classIndexOutOfRange` for the first entry of `values` outside
/// `0..<classCount`; `arrayName` names the array in the message.
func validateClassIndices(_ values: [Int], arrayName: String, classCount: Int) throws {
    for (position, value) in values.enumerated() where !(0..<classCount).contains(value) {
        throw EvaluationError.classIndexOutOfRange(
            array: arrayName, position: position, value: value, classCount: classCount)
    }
}
