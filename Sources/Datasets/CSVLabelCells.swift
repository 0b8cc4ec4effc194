/// The label cells of a CSV file, collected row by row, and their conversion to class indices.
struct CSVLabelCells {
    /// The file, for error messages.
    let path: String
    /// The 1-based number of the label column, for error messages.
    let column: Int
    /// The header cell of the label column, if the file has a header.
    let columnName: String?
    /// Each row's label cell, in file order.
    private(set) var values: [String] = []
    /// The line of each row, for error messages.
    private(set) var lines: [Int] = []

    init(path: String, column: Int, columnName: String?) {
        self.path = path
        self.column = column
        self.columnName = columnName
    }

    /// Adds the label cell of the row on `line`.
    ///
    /// - Throws: `DatasetError.invalidCSV` for an empty cell.
    mutating func append(_ value: String, line: Int) throws {
        guard !value.isEmpty else {
            throw error(line: line, reason: "the label cell is empty")
        }
        values.append(value)
        lines.append(line)
    }

    /// Returns the class names and each row's label.
    ///
    /// With `classNames`, a cell equal to a class name gets that class, and otherwise a cell
    /// holding an integer k in `0..<classNames.count` gets class k. Without, the classes are the
    /// distinct cell values: when every cell is an integer, they are sorted by value and named
    /// by it ("0", "1", ...), so labels 0 to K-1 keep their numbers, and otherwise they are sorted
    /// as strings. "1", "1.0" and "+1" are all the integer 1.
    ///
    /// - Throws: `DatasetError.invalidCSV` naming the line of a cell that matches no given class,
    ///   or, without `classNames`, of the first cell that is a number but not an integer in a
    ///   column of numbers only (most likely a feature column given as the label column).
    func encode(classNames: [String]?) throws -> (classNames: [String], labels: [Int32]) {
        if let classNames {
            return (classNames, try labels(matching: classNames))
        }
        return try labelsOfDistinctValues()
    }

    /// Returns each row's label for the given class names, by name first and then by index.
    private func labels(matching names: [String]) throws -> [Int32] {
        let indexByName = Dictionary(
            names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var labels: [Int32] = []
        labels.reserveCapacity(values.count)
        for (value, line) in zip(values, lines) {
            if let index = indexByName[value] {
                labels.append(Int32(index))
            } else if let integer = Self.integer(in: value), integer >= 0, integer < names.count {
                labels.append(Int32(integer))
            } else {
                throw error(
                    line: line,
                    reason: "label \"\(value)\" is neither a class name (\(Self.list(names))) "
                        + "nor a class index in 0...\(names.count - 1)")
            }
        }
        return labels
    }

    /// Returns the distinct label values as class names, in the order `encode` documents, and
    /// each row's label.
    private func labelsOfDistinctValues() throws -> (classNames: [String], labels: [Int32]) {
        var integers: [Int] = []
        integers.reserveCapacity(values.count)
        var firstFraction: (value: String, line: Int)?
        var isNumeric = true
        for (value, line) in zip(values, lines) {
            if let integer = Self.integer(in: value) {
                integers.append(integer)
            } else if let number = Double(value), number.isFinite {
                firstFraction = firstFraction ?? (value, line)
            } else {
                isNumeric = false
                break
            }
        }
        if isNumeric, let firstFraction {
            throw error(
                line: firstFraction.line,
                reason: "label \"\(firstFraction.value)\" is a number but not an integer, so it cannot "
                    + "name a class (check labelColumn, or list the classes in classNames)")
        }

        if integers.count == values.count {
            let classes = Set(integers).sorted()
            let indexByInteger = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            return (classes.map(String.init), integers.map { Int32(indexByInteger[$0]!) })
        }
        let classes = Set(values).sorted()
        let indexByName = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return (classes, values.map { Int32(indexByName[$0]!) })
    }

    /// Returns the integer value of a cell, such as 3 for "3", "+3" or "3.0", or nil.
    private static func integer(in value: String) -> Int? {
        if let integer = Int(value) {
            return integer
        }
        guard let number = Double(value), number.isFinite, number.rounded() == number,
            abs(number) < 1e15
        else {
            return nil
        }
        return Int(number)
    }

    /// Returns up to ten names joined by commas, with the total when there are more.
    private static func list(_ names: [String]) -> String {
        let firstNames = names.prefix(10).joined(separator: ", ")
        return names.count > 10 ? "\(firstNames), ... \(names.count) in all" : firstNames
    }

    private func error(line: Int, reason: String) -> DatasetError {
        .invalidCSV(path: path, line: line, column: column, columnName: columnName, reason: reason)
    }
}
