import Foundation
import TensorCore

/// A table written as comma-separated values with a header row.
///
/// Fields that contain a comma, a double quote, a carriage return or a line feed are put in
/// double quotes, with each double quote inside doubled, as RFC 4180 specifies. Rows end in a
/// line feed (RFC 4180 specifies CR LF, but common CSV readers accept both and Unix tools
/// expect LF).
///
/// ```swift
/// let table = CSVTable(header: ["name", "note"], rows: [["a,b", "say \"hi\""]])
/// table.text  // "name,note\n\"a,b\",\"say \"\"hi\"\"\"\n"
/// ```
public struct CSVTable: Equatable, Sendable {
    /// The column names.
    public var header: [String]
    /// The data rows, each with one field per column.
    public var rows: [[String]]

    /// Creates a table.
    ///
    /// - Precondition: every row has as many fields as `header`.
    public init(header: [String], rows: [[String]]) {
        for (index, row) in rows.enumerated() {
            precondition(
                row.count == header.count,
                "CSV row \(index) has \(row.count) fields for \(header.count) columns")
        }
        self.header = header
        self.rows = rows
    }

    /// The table as CSV text, header first, every row ended by a line feed.
    public var text: String {
        ([header] + rows).map { row in row.map(Self.quotedField).joined(separator: ",") + "\n" }.joined()
    }

    /// Writes `text` as UTF-8 to `url` with `AtomicFile.write(_:to:)`.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    /// Returns `field` as it appears in CSV text: unchanged, or in double quotes with inner
    /// double quotes doubled when it contains a comma, a double quote, CR or LF.
    public static func quotedField(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains {
            $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n"
        }
        guard needsQuotes else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Returns the CSV text of a number: the shortest decimal that reads back as the same
    /// `Double`, "nan", "inf" or "-inf" for non-finite values, and an empty field for nil.
    public static func field(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }

    /// Returns the CSV text of an integer, or an empty field for nil.
    public static func field(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }
}
