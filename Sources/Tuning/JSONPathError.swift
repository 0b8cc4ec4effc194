/// An error from parsing a `JSONPath` or from setting a value at one.
public enum JSONPathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path text is not a valid path, for the stated reason.
    case invalidPath(String, reason: String)
    /// Member `member` of the object at `parent` does not exist. `available` lists the keys that do.
    case memberNotFound(path: String, parent: String, member: String, available: [String])
    /// Element `index` of the array at `parent` does not exist because the array has `count` elements.
    case elementNotFound(path: String, parent: String, index: Int, count: Int)
    /// The value at `parent` has JSON type `foundType`, so the next step of `path` cannot enter it.
    case notAContainer(path: String, parent: String, foundType: String)

    /// A message that names the path, the missing step and what exists there.
    public var description: String {
        switch self {
        case .invalidPath(let path, let reason):
            return "Invalid path '\(path)': \(reason)."
        case .memberNotFound(let path, let parent, let member, let available):
            let owner = parent.isEmpty ? "The top-level object" : "'\(parent)'"
            let list =
                available.isEmpty
                ? "it has no members" : "its members are \(available.joined(separator: ", "))"
            return "Path '\(path)' does not exist: \(owner) has no member '\(member)' (\(list)). "
                + "Check the spelling, or add the field to the experiment."
        case .elementNotFound(let path, let parent, let index, let count):
            return
                "Path '\(path)' does not exist: '\(parent)' has \(count) elements, "
                + "so index \(index) is out of range."
        case .notAContainer(let path, let parent, let foundType):
            return "Path '\(path)' does not exist: '\(parent)' is a \(foundType), not an object or array."
        }
    }
}
