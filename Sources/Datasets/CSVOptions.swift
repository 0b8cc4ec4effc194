import TensorCore

/// How to read a CSV data set: the `csv` object of an experiment's `data` section.
///
/// ```json
/// "csv": {"classNamesLine": true}
/// "csv": {"header": true, "labelColumn": "species", "delimiter": ";"}
/// "csv": {"skipLines": 2, "labelColumn": 0, "classNames": ["negative", "positive"]}
/// ```
///
/// | field | meaning | default |
/// |---|---|---|
/// | `skipLines` | lines at the top of the file that are not data, skipped unread | 0 |
/// | `classNamesLine` | whether the next line is scikit-learn's `n_samples,n_features,class names...` | false |
/// | `header` | whether the next line contains the column names | false |
/// | `labelColumn` | a column name from the header, or a 0-based column index where -1 is the last column | -1 |
/// | `classNames` | the class names, indexed by label | from the class names line, else from the labels |
/// | `delimiter` | the one-character cell separator, such as "," ";" or "\t" | "," |
///
/// A file is read in this order: the `skipLines` lines, then the class names line, then the
/// header, then the data rows. `classNames`, when given, replaces the names of a class names line.
/// `Dataset.init(csvAt:options:name:)` states the rules for cells and labels. Decoding rejects
/// unknown fields and invalid values with a `ConfigurationError` naming the field path.
public struct CSVOptions: Codable, Equatable, Sendable {
    /// A column of a CSV file, given by its header name or by its position.
    public enum Column: Equatable, Sendable {
        /// The column whose header cell is this name.
        case name(String)
        /// The column at this 0-based position; negative positions count from the end, so -1 is
        /// the last column.
        case index(Int)
    }

    /// The number of lines at the top of the file to skip before anything else is read.
    public var skipLines: Int
    /// Whether the first line after the skipped ones is scikit-learn's line of the sample count,
    /// the feature count and the class names, as in `569,30,malignant,benign`.
    public var hasClassNamesLine: Bool
    /// Whether the line before the data rows contains the column names.
    public var hasHeader: Bool
    /// The column that contains each row's label. Every other column is a feature.
    public var labelColumn: Column
    /// The class names, indexed by label, or nil to take them from the file.
    public var classNames: [String]?
    /// The character between cells.
    public var delimiter: Character

    /// The default cell separator, a comma.
    public static let defaultDelimiter: Character = ","

    /// The defaults: comma-separated cells, no lines skipped, no header, the label in the last
    /// column, and classes taken from the label values.
    public static let standard = try! CSVOptions()

    /// Creates options after validating them.
    ///
    /// - Throws: `ConfigurationError` with a field path under `data.csv` when a value is invalid.
    public init(
        skipLines: Int = 0, hasClassNamesLine: Bool = false, hasHeader: Bool = false,
        labelColumn: Column = .index(-1), classNames: [String]? = nil, delimiter: Character = defaultDelimiter
    ) throws {
        self.skipLines = skipLines
        self.hasClassNamesLine = hasClassNamesLine
        self.hasHeader = hasHeader
        self.labelColumn = labelColumn
        self.classNames = classNames
        self.delimiter = delimiter
        try validate(fieldPath: { "data.csv.\($0.stringValue)" })
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case skipLines
        case hasClassNamesLine = "classNamesLine"
        case hasHeader = "header"
        case labelColumn, classNames, delimiter
    }

    /// Decodes and validates options, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        skipLines = try container.decodeIfPresent(Int.self, forKey: .skipLines) ?? 0
        hasClassNamesLine = try container.decodeIfPresent(Bool.self, forKey: .hasClassNamesLine) ?? false
        hasHeader = try container.decodeIfPresent(Bool.self, forKey: .hasHeader) ?? false
        classNames = try container.decodeIfPresent([String].self, forKey: .classNames)

        if !container.contains(.labelColumn) {
            labelColumn = .index(-1)
        } else if let index = try? container.decode(Int.self, forKey: .labelColumn) {
            labelColumn = .index(index)
        } else if let name = try? container.decode(String.self, forKey: .labelColumn) {
            labelColumn = .name(name)
        } else {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.labelColumn),
                rule: "must be a column name (a string) or a 0-based column index (an integer)")
        }

        let delimiterText = try container.decodeIfPresent(String.self, forKey: .delimiter)
        if let delimiterText {
            guard delimiterText.count == 1, let character = delimiterText.first else {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.delimiter), rule: "must be exactly one character",
                    value: "\"\(delimiterText)\"")
            }
            delimiter = character
        } else {
            delimiter = Self.defaultDelimiter
        }
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    /// Encodes the options under their JSON field names, the label column as a string or an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(skipLines, forKey: .skipLines)
        try container.encode(hasClassNamesLine, forKey: .hasClassNamesLine)
        try container.encode(hasHeader, forKey: .hasHeader)
        switch labelColumn {
        case .name(let name): try container.encode(name, forKey: .labelColumn)
        case .index(let index): try container.encode(index, forKey: .labelColumn)
        }
        try container.encodeIfPresent(classNames, forKey: .classNames)
        try container.encode(String(delimiter), forKey: .delimiter)
    }

    /// Checks every value, naming fields with `fieldPath`.
    private func validate(fieldPath: (CodingKeys) -> String) throws {
        guard skipLines >= 0 else {
            throw ConfigurationError(
                field: fieldPath(.skipLines), rule: "must be 0 or more", value: "\(skipLines)")
        }
        if case .name(let name) = labelColumn {
            guard !name.isEmpty else {
                throw ConfigurationError(
                    field: fieldPath(.labelColumn), rule: "must not be empty", value: "\"\"")
            }
            guard hasHeader else {
                throw ConfigurationError(
                    field: fieldPath(.labelColumn),
                    rule: "names a column, which needs a header line (set \"header\": true, "
                        + "or give the column's 0-based index)",
                    value: "\"\(name)\"")
            }
        }
        if let classNames {
            try Self.validateClassNames(classNames, field: fieldPath(.classNames))
        }
        guard delimiter.isASCII, !delimiter.isNewline, delimiter != "\"" else {
            throw ConfigurationError(
                field: fieldPath(.delimiter),
                rule: "must be one ASCII character other than a double quote or a line break",
                value: "\"\(delimiter)\"")
        }
    }

    private static func validateClassNames(_ names: [String], field: String) throws {
        guard !names.isEmpty else {
            throw ConfigurationError(field: field, rule: "must list at least one class name", value: "[]")
        }
        if let empty = names.firstIndex(where: \.isEmpty) {
            throw ConfigurationError(field: "\(field)[\(empty)]", rule: "must not be empty", value: "\"\"")
        }
        var seen = Set<String>()
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            throw ConfigurationError(
                field: "\(field)[\(index)]", rule: "repeats an earlier class name", value: "\"\(name)\"")
        }
    }
}
