import Foundation

/// One titled section of an `HTMLReport`, listed in the report's table of contents.
public struct ReportSection: Equatable, Sendable {
    /// The fragment identifier that the table of contents links to: lowercase ASCII letters,
    /// digits and hyphens.
    public let id: String
    /// The section heading as plain text; the report escapes it.
    public var heading: String
    /// The section content as HTML markup, inserted into the report as it is.
    public var bodyMarkup: String

    /// Creates a section from trusted markup.
    ///
    /// `bodyMarkup` is inserted unchanged, so every user string in it must already have gone
    /// through `HTML.escape(_:)` or `HTML.escapeAttribute(_:)`. Characters of `id` other than
    /// ASCII letters and digits become hyphens, and letters become lowercase.
    public init(id: String, heading: String, bodyMarkup: String) {
        let cleaned = String(
            id.lowercased().unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? Character(scalar) : "-"
            })
        self.id = cleaned.isEmpty ? "section" : cleaned
        self.heading = heading
        self.bodyMarkup = bodyMarkup
    }

    /// Creates a section of plain-text paragraphs, each escaped.
    public init(id: String, heading: String, paragraphs: [String]) {
        self.init(
            id: id, heading: heading,
            bodyMarkup: paragraphs.map { "<p>\(HTML.escape($0))</p>" }.joined(separator: "\n"))
    }
}
