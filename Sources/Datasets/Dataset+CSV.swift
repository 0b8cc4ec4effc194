import Foundation

extension Dataset {
    /// Loads a CSV file of feature rows with one label column, either gzip-compressed or plain.
    ///
    /// Each data row becomes one sample of shape [F], where F is the number of columns other than
    /// the label column, kept in file order. The file is read as `CSVOptions` describes (lines to
    /// skip, class names line, header) and split into cells as `CSVRecordReader` describes
    /// (RFC 4180 quotes, `\n` or `\r\n` line ends, blank lines skipped). Rules for the rows:
    /// - Every data row has as many cells as the header, or without a header, as the first data row.
    /// - Every feature cell is a finite number that `Float(_:)` parses, such as `12`, `-0.5` or
    ///   `1e-3`. An empty cell is a missing value and an error, because no value is imputed.
    /// - Class names come from `options.classNames`, else from the class names line, else from the
    ///   distinct label values. The rules for matching label cells to classes are on
    ///   `CSVLabelCells.encode(classNames:)`: by name, or by a 0-based integer index.
    /// - With a class names line, the file must have the sample count and feature count it declares.
    ///
    /// Error messages give the 1-based line number in the file, the 1-based column number, and the
    /// column's header cell when the file has a header.
    ///
    /// - Parameter name: the data set's name; when nil, the file name without `.gz` and its extension.
    /// - Throws: `DatasetError.fileNotFound`, `unreadableFile` or `corruptGzip` when the file cannot
    ///   be read, and `DatasetError.invalidCSV` when it has no data rows, when a row has the wrong
    ///   number of cells, a feature cell is empty or not a number, the label column is not in the
    ///   file, a label matches no class, or the class names line is invalid or disagrees with the rows.
    public init(csvAt url: URL, options: CSVOptions = .standard, name: String? = nil) throws {
        let path = url.path
        let bytes = try DataFile.readBytes(at: url)
        // CSVOptions validation guarantees an ASCII delimiter.
        var reader = CSVRecordReader(bytes: bytes, delimiter: options.delimiter.asciiValue!, path: path)

        let skippedLines = reader.skipLines(options.skipLines)
        var classNamesLine: CSVClassNamesLine?
        if options.hasClassNamesLine, let record = try reader.nextRecord() {
            classNamesLine = try CSVClassNamesLine(record, path: path)
        }
        var header: CSVRecord?
        if options.hasHeader {
            header = try reader.nextRecord()
        }

        var table: CSVTable?
        if let header {
            table = try CSVTable(path: path, options: options, columnsFrom: header, isHeader: true)
        }
        while let record = try reader.nextRecord() {
            if table == nil {
                table = try CSVTable(path: path, options: options, columnsFrom: record, isHeader: false)
            }
            try table?.append(record)
        }

        guard let table, table.rowCount > 0 else {
            throw DatasetError.invalidCSV(
                path: path, line: nil, column: nil, columnName: nil,
                reason: Self.noDataReason(options: options, skippedLines: skippedLines))
        }
        if let classNamesLine {
            try table.check(against: classNamesLine)
        }

        let encoded = try table.labelCells.encode(
            classNames: options.classNames ?? classNamesLine?.classNames)
        self.init(
            uncheckedName: name ?? Self.name(ofFile: url), sampleShape: [table.featureCount],
            features: table.features, labels: encoded.labels, classNames: encoded.classNames)
    }

    /// Returns the file name without a `.gz` suffix and without its extension, such as "digits"
    /// for `digits.csv.gz`.
    static func name(ofFile url: URL) -> String {
        var file = url
        if file.pathExtension == "gz" {
            file.deletePathExtension()
        }
        return file.deletingPathExtension().lastPathComponent
    }

    private static func noDataReason(options: CSVOptions, skippedLines: Int) -> String {
        var linesRead: [String] = []
        if options.skipLines > 0 {
            linesRead.append("\(skippedLines) skipped line\(skippedLines == 1 ? "" : "s")")
        }
        if options.hasClassNamesLine {
            linesRead.append("the class names line")
        }
        if options.hasHeader {
            linesRead.append("the header")
        }
        guard let last = linesRead.popLast() else {
            return "the file contains no data rows"
        }
        let readBefore = linesRead.isEmpty ? last : linesRead.joined(separator: ", ") + " and " + last
        return "the file contains no data rows after \(readBefore)"
    }
}

/// The data rows of a CSV file as they are read: feature values and label cells.
private struct CSVTable {
    let path: String
    /// The header, if the file has one.
    let header: CSVRecord?
    /// The cell count every row must have.
    let columnCount: Int
    /// The 0-based position of the label column.
    let labelColumn: Int
    /// Names the record that set `columnCount` in messages: the header or the first data row.
    let widthSource: String
    private(set) var features: [Float] = []
    private(set) var labelCells: CSVLabelCells
    private(set) var rowCount = 0

    var featureCount: Int { columnCount - 1 }

    /// Starts a table whose columns are those of `source`, which is the header when `isHeader`
    /// is true, and otherwise the first data row, not yet added.
    init(path: String, options: CSVOptions, columnsFrom source: CSVRecord, isHeader: Bool) throws {
        self.path = path
        header = isHeader ? source : nil
        columnCount = source.cells.count
        widthSource =
            isHeader ? "the header (line \(source.line))" : "the first data row (line \(source.line))"

        guard columnCount >= 2 else {
            throw DatasetError.invalidCSV(
                path: path, line: source.line, column: nil, columnName: nil,
                reason: "the line has 1 cell, but a data set needs a label column and at least one feature "
                    + "column (check the delimiter, \"\(options.delimiter)\")")
        }
        labelColumn = try Self.position(
            of: options.labelColumn, in: source, columnCount: columnCount, path: path)
        labelCells = CSVLabelCells(
            path: path, column: labelColumn + 1, columnName: header?.cells[labelColumn])
    }

    /// Adds one data row, parsing its feature cells.
    mutating func append(_ record: CSVRecord) throws {
        guard record.cells.count == columnCount else {
            throw DatasetError.invalidCSV(
                path: path, line: record.line, column: nil, columnName: nil,
                reason: "the row has \(record.cells.count) cells, but \(widthSource) has \(columnCount)")
        }
        for (column, cell) in record.cells.enumerated() {
            if column == labelColumn {
                try labelCells.append(cell, line: record.line)
            } else {
                features.append(try feature(cell, line: record.line, column: column))
            }
        }
        rowCount += 1
    }

    /// Checks the sample and feature counts that a class names line declares.
    func check(against classNamesLine: CSVClassNamesLine) throws {
        if classNamesLine.sampleCount != rowCount {
            throw DatasetError.invalidCSV(
                path: path, line: classNamesLine.line, column: 1, columnName: nil,
                reason: "the class names line declares \(classNamesLine.sampleCount) samples, "
                    + "but the file has \(rowCount) data rows")
        }
        if classNamesLine.featureCount != featureCount {
            throw DatasetError.invalidCSV(
                path: path, line: classNamesLine.line, column: 2, columnName: nil,
                reason: "the class names line declares \(classNamesLine.featureCount) features, "
                    + "but the rows have \(featureCount) besides the label column")
        }
    }

    private func feature(_ cell: String, line: Int, column: Int) throws -> Float {
        func invalid(_ reason: String) -> DatasetError {
            .invalidCSV(
                path: path, line: line, column: column + 1, columnName: header?.cells[column], reason: reason)
        }
        guard !cell.isEmpty else {
            throw invalid("the cell is empty, but every feature cell needs a number")
        }
        guard let value = Float(cell) else {
            throw invalid(
                "\"\(cell)\" is not a number (every column except the label column, "
                    + "column \(labelColumn + 1), must hold numbers)")
        }
        guard value.isFinite else {
            throw invalid("\"\(cell)\" is not a finite 32-bit floating-point number")
        }
        return value
    }

    /// Returns the 0-based position of `column` in a file whose width comes from `source`.
    private static func position(
        of column: CSVOptions.Column, in source: CSVRecord, columnCount: Int, path: String
    ) throws -> Int {
        switch column {
        case .index(let index):
            let position = index < 0 ? columnCount + index : index
            guard position >= 0, position < columnCount else {
                throw DatasetError.invalidCSV(
                    path: path, line: source.line, column: nil, columnName: nil,
                    reason: "labelColumn \(index) is outside the \(columnCount) columns of the line "
                        + "(use 0...\(columnCount - 1), or -\(columnCount)...-1 to count from the end)")
            }
            return position
        case .name(let name):
            // CSVOptions validation allows a name only with a header, which is then `source`.
            guard let position = source.cells.firstIndex(of: name) else {
                let names = source.cells.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
                let more = columnCount > 10 ? ", ... \(columnCount) in all" : ""
                throw DatasetError.invalidCSV(
                    path: path, line: source.line, column: nil, columnName: nil,
                    reason: "the header has no column named \"\(name)\" for labelColumn; "
                        + "its columns are \(names)\(more)")
            }
            return position
        }
    }
}
