/// The line that scikit-learn puts before the rows of its bundled CSV files:
/// `n_samples,n_features,class name 0,class name 1,...`, as in `569,30,malignant,benign`.
struct CSVClassNamesLine {
    /// The number of data rows the line declares.
    var sampleCount: Int
    /// The number of feature columns the line declares.
    var featureCount: Int
    /// The class names, indexed by label.
    var classNames: [String]
    /// The 1-based line number of the line in the file.
    var line: Int

    /// Reads the line from `record`.
    ///
    /// - Throws: `DatasetError.invalidCSV` when a count is not a non-negative integer, or when
    ///   a class name is missing, empty or repeated.
    init(_ record: CSVRecord, path: String) throws {
        func invalid(_ column: Int?, _ reason: String) -> DatasetError {
            .invalidCSV(
                path: path, line: record.line, column: column, columnName: nil,
                reason: reason + " (a class names line is n_samples,n_features,class names..., "
                    + "as in 569,30,malignant,benign)")
        }

        let cells = record.cells
        guard cells.count >= 3 else {
            throw invalid(nil, "the class names line has \(cells.count) cells, but needs at least 3")
        }
        guard let sampleCount = Int(cells[0]), sampleCount >= 0 else {
            throw invalid(1, "\"\(cells[0])\" is not a valid sample count")
        }
        guard let featureCount = Int(cells[1]), featureCount >= 0 else {
            throw invalid(2, "\"\(cells[1])\" is not a valid feature count")
        }

        let classNames = Array(cells[2...])
        var seen = Set<String>()
        for (offset, name) in classNames.enumerated() {
            guard !name.isEmpty else {
                throw invalid(offset + 3, "the class name is empty")
            }
            guard seen.insert(name).inserted else {
                throw invalid(offset + 3, "class name \"\(name)\" is repeated")
            }
        }

        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.classNames = classNames
        line = record.line
    }
}
