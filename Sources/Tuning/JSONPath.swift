/// A path to one value inside a JSON document, such as `training.learningRate` or
/// `model.layers[2].units`.
///
/// Members are separated by dots, and `[n]` selects element n (from 0) of an array. The search
/// space names experiment fields with these paths.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path: an object member or an array element.
    public enum Component: Hashable, Sendable {
        /// The member with this key.
        case member(String)
        /// The element at this index, from 0.
        case element(Int)
    }

    /// The steps from the root, in order.
    public let components: [Component]

    /// The path as written, such as `model.layers[2].units`.
    public let description: String

    /// Parses `text`, such as `training.optimizer.kind` or `model.layers[0].units`.
    ///
    /// Throws `JSONPathError.invalidPath` for an empty path, an empty member (`a..b`, `.a`), or a
    /// bracket that does not hold a non-negative integer.
    public init(_ text: String) throws {
        var components: [Component] = []
        var member = ""
        var index = text.startIndex
        var afterElement = false

        func invalid(_ reason: String) -> JSONPathError {
            JSONPathError.invalidPath(text, reason: reason)
        }

        while index < text.endIndex {
            let character = text[index]
            switch character {
            case ".":
                if member.isEmpty && !afterElement {
                    throw invalid("it has an empty member name before a dot")
                }
                if !member.isEmpty {
                    components.append(.member(member))
                }
                member = ""
                afterElement = false
            case "[":
                if index > text.startIndex, text[text.index(before: index)] == "." {
                    throw invalid("a '[' must follow a member name, not a dot")
                }
                guard let close = text[index...].firstIndex(of: "]") else {
                    throw invalid("a '[' has no matching ']'")
                }
                let digits = text[text.index(after: index)..<close]
                guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let element = Int(digits)
                else {
                    throw invalid("'[\(digits)]' is not an array index (a whole number from 0)")
                }
                if !member.isEmpty {
                    components.append(.member(member))
                    member = ""
                } else if components.isEmpty {
                    throw invalid("it must start with a member name, not an array index")
                }
                components.append(.element(element))
                afterElement = true
                index = close
            default:
                if afterElement {
                    throw invalid("an array index must be followed by '.' or '[' or the end")
                }
                member.append(character)
            }
            index = text.index(after: index)
        }

        if !member.isEmpty {
            components.append(.member(member))
        } else if !afterElement {
            throw invalid(text.isEmpty ? "it is empty" : "it ends with a dot")
        }
        self.components = components
        self.description = text
    }

    /// Formats the first `count` components as path text, for error messages.
    func prefix(_ count: Int) -> String {
        var text = ""
        for component in components.prefix(count) {
            switch component {
            case .member(let key):
                text += text.isEmpty ? key : ".\(key)"
            case .element(let element):
                text += "[\(element)]"
            }
        }
        return text
    }
}
