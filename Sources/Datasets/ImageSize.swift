import TensorCore

/// The height and width of an image in pixels.
///
/// In JSON it is `[height, width]`, or one integer for a square size: `32` is the same as `[32, 32]`.
public struct ImageSize: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Height in pixels.
    public var height: Int
    /// Width in pixels.
    public var width: Int

    /// Creates a size without checking it.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// Decodes `[height, width]` or one integer, and checks that both are positive.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let side = try? container.decode(Int.self) {
            self.init(height: side, width: side)
        } else if let sides = try? container.decode([Int].self), sides.count == 2 {
            self.init(height: sides[0], width: sides[1])
        } else {
            throw ConfigurationError(
                field: decoder.fieldPath, rule: "must be [height, width] or one integer for a square size",
                value: Self.describe(container))
        }
        guard height > 0, width > 0 else {
            throw ConfigurationError(
                field: decoder.fieldPath, rule: "must have a positive height and width", value: "\(self)")
        }
    }

    /// Returns the value in `container` as JSON-like text for an error message, such as
    /// "[32.5, 32]", or nil when it is neither a number, a string nor a list of numbers.
    private static func describe(_ container: any SingleValueDecodingContainer) -> String? {
        func text(_ number: Double) -> String {
            number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        }
        if let numbers = try? container.decode([Double].self) {
            return "[" + numbers.map(text).joined(separator: ", ") + "]"
        }
        if let number = try? container.decode(Double.self) {
            return text(number)
        }
        if let string = try? container.decode(String.self) {
            return "\"\(string)\""
        }
        return nil
    }

    /// Encodes the size as `[height, width]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode([height, width])
    }

    /// The size as "height 32, width 48", named in full because JSON gives height first but many
    /// image tools give width first.
    public var description: String { "height \(height), width \(width)" }
}
