/// A class chosen by its index or by its name, resolved against a `ClassList`.
///
/// Literals work in both forms: `positiveClass: 1` and `positiveClass: "malignant"`.
public enum ClassReference: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    /// The class at this index of the class list.
    case index(Int)

    /// The class with exactly this name.
    case name(String)

    /// Creates a reference from text inside a metric name's brackets.
    ///
    /// Text made only of ASCII digits is a class index, and any other text is a class name.
    /// A class whose name is a number can therefore be chosen only by its index.
    public init(parsing text: String) {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(text) {
            self = .index(index)
        } else {
            self = .name(text)
        }
    }

    public init(integerLiteral value: Int) {
        self = .index(value)
    }

    public init(stringLiteral value: String) {
        self = .name(value)
    }

    /// The index or the name as written inside a metric name's brackets.
    public var description: String {
        switch self {
        case .index(let index): return String(index)
        case .name(let name): return name
        }
    }
}
