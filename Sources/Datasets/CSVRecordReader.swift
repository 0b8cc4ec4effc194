/// One record of a CSV file: its cells, unquoted, and the 1-based line on which it starts.
struct CSVRecord: Equatable {
    var cells: [String]
    var line: Int
}

/// A reader that splits the bytes of a CSV file into records, one after the other.
///
/// Rules, which follow RFC 4180 and add some leniency common in real files:
/// - A record ends at a line feed, which may follow a carriage return (`\n` or `\r\n`).
/// - Spaces and tabs around a cell are removed, unless the tab or space is the delimiter.
/// - A cell in double quotes may contain the delimiter, line breaks and `""` for one quote.
///   A quote inside an unquoted cell is kept as a character.
/// - Blank lines, empty or of spaces and tabs only, are skipped.
/// - A UTF-8 byte order mark at the start of the file is skipped.
struct CSVRecordReader {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private let path: String
    private var position: Int
    /// The 1-based number of the line that `position` is on.
    private(set) var line = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Creates a reader of `bytes` split at `delimiter`, naming `path` in error messages.
    init(bytes: [UInt8], delimiter: UInt8, path: String) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.path = path
        position = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position == bytes.count }

    /// Skips up to `count` lines without reading them as records, and returns how many it skipped.
    ///
    /// A last line without a line feed counts as a line.
    mutating func skipLines(_ count: Int) -> Int {
        var skipped = 0
        while skipped < count, !isAtEnd {
            while position < bytes.count, bytes[position] != Self.lineFeed {
                position += 1
            }
            if position < bytes.count {
                position += 1
                line += 1
            }
            skipped += 1
        }
        return skipped
    }

    /// Returns the next record that is not a blank line, or nil at the end of the file.
    ///
    /// - Throws: `DatasetError.invalidCSV` for a quoted cell that is not closed, or that is
    ///   followed by other characters before the next delimiter.
    mutating func nextRecord() throws -> CSVRecord? {
        while !isAtEnd {
            let record = try readRecord()
            if record.cells != [""] {
                return record
            }
        }
        return nil
    }

    private mutating func readRecord() throws -> CSVRecord {
        let startLine = line
        var cells: [String] = []
        while true {
            skipBlanks()
            let cell: String
            if position < bytes.count, bytes[position] == Self.quote {
                cell = try readQuotedCell(column: cells.count + 1)
                skipBlanks()
            } else {
                cell = readUnquotedCell()
            }
            cells.append(cell)

            if isAtEnd {
                return CSVRecord(cells: cells, line: startLine)
            }
            let byte = bytes[position]
            if byte == delimiter {
                position += 1
            } else if byte == Self.lineFeed {
                position += 1
                line += 1
                return CSVRecord(cells: cells, line: startLine)
            } else if byte == Self.carriageReturn, position + 1 < bytes.count,
                bytes[position + 1] == Self.lineFeed
            {
                position += 2
                line += 1
                return CSVRecord(cells: cells, line: startLine)
            } else {
                throw DatasetError.invalidCSV(
                    path: path, line: line, column: cells.count, columnName: nil,
                    reason: "the quoted cell is followed by \"\(Character(Unicode.Scalar(byte)))\" "
                        + "instead of a delimiter or the end of the line")
            }
        }
    }

    /// Reads a cell up to the next delimiter or line break, without the blanks at its end.
    private mutating func readUnquotedCell() -> String {
        let start = position
        while position < bytes.count, bytes[position] != delimiter, bytes[position] != Self.lineFeed {
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == Self.carriageReturn || isBlank(bytes[end - 1]) {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Reads a cell that starts with a double quote at `position`, up to its closing quote.
    private mutating func readQuotedCell(column: Int) throws -> String {
        let startLine = line
        position += 1
        var content: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    content.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                return String(decoding: content, as: UTF8.self)
            }
            if byte == Self.lineFeed {
                line += 1
            }
            content.append(byte)
            position += 1
        }
        throw DatasetError.invalidCSV(
            path: path, line: startLine, column: column, columnName: nil,
            reason: "the quoted cell that starts here has no closing quote before the end of the file")
    }

    private mutating func skipBlanks() {
        while position < bytes.count, isBlank(bytes[position]) {
            position += 1
        }
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && byte != delimiter
    }
}
