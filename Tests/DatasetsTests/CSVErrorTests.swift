import Foundation
import Testing

@testable import Datasets

/// The parts of a `DatasetError.invalidCSV` other than the file path.
struct CSVFailure: Equatable {
    var line: Int?
    var column: Int?
    var columnName: String?
    var reason: String
}

@Suite("CSV errors")
struct CSVErrorTests {
    /// Loads `text` from a file called `bad.csv` and returns the `invalidCSV` error it raises,
    /// after checking that the error names that file.
    func failure(
        _ text: String, options: CSVOptions = .standard, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CSVFailure? {
        let folder = try TemporaryFolder()
        let file = try folder.write(Array(text.utf8), to: "bad.csv")
        let error = #expect(throws: DatasetError.self, sourceLocation: sourceLocation) {
            try Dataset(csvAt: file, options: options)
        }
        guard case .invalidCSV(let path, let line, let column, let columnName, let reason) = error else {
            Issue.record(
                "Expected invalidCSV, got \(String(describing: error)).", sourceLocation: sourceLocation)
            return nil
        }
        #expect(path == file.path, sourceLocation: sourceLocation)
        return CSVFailure(line: line, column: column, columnName: columnName, reason: reason)
    }

    @Test func messageNamesFileLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(Array("id,radius,label\n1,2,0\n1,abc,1\n".utf8), to: "cells.csv")
        let error = #expect(throws: DatasetError.self) {
            try Dataset(csvAt: file, options: CSVOptions(hasHeader: true))
        }
        #expect(
            error?.description
                == "CSV file \(file.path), line 3, column 2 (\"radius\"): \"abc\" is not a number "
                + "(every column except the label column, column 3, must hold numbers).")
    }

    @Test func missingCell() throws {
        #expect(
            try failure("1,2,0\n1,,0\n")
                == CSVFailure(
                    line: 2, column: 2, columnName: nil,
                    reason: "the cell is empty, but every feature cell needs a number"))
    }

    @Test func nonNumericCell() throws {
        #expect(
            try failure(
                "# note\nid,radius,label\n1,2,0\n1,abc,1\n",
                options: CSVOptions(skipLines: 1, hasHeader: true))
                == CSVFailure(
                    line: 4, column: 2, columnName: "radius",
                    reason:
                        "\"abc\" is not a number (every column except the label column, column 3, must hold numbers)"
                ))
    }

    @Test(arguments: ["inf", "nan", "1e39"])
    func nonFiniteCell(cell: String) throws {
        #expect(
            try failure("1,0\n\(cell),1\n")
                == CSVFailure(
                    line: 2, column: 1, columnName: nil,
                    reason: "\"\(cell)\" is not a finite 32-bit floating-point number"))
    }

    @Test func rowOfWrongLength() throws {
        #expect(
            try failure("1,2,0\n\n3,1\n")
                == CSVFailure(
                    line: 3, column: nil, columnName: nil,
                    reason: "the row has 2 cells, but the first data row (line 1) has 3"))
        #expect(
            try failure("a,b,label\n1,2,0\n3,4,5,1\n", options: CSVOptions(hasHeader: true))
                == CSVFailure(
                    line: 3, column: nil, columnName: nil,
                    reason: "the row has 4 cells, but the header (line 1) has 3"))
    }

    @Test func unknownLabelColumnName() throws {
        #expect(
            try failure("a,b,c\n1,2,0\n", options: CSVOptions(hasHeader: true, labelColumn: .name("class")))
                == CSVFailure(
                    line: 1, column: nil, columnName: nil,
                    reason:
                        "the header has no column named \"class\" for labelColumn; its columns are \"a\", \"b\", \"c\""
                ))
    }

    @Test(arguments: [3, -4])
    func labelColumnIndexOutOfRange(index: Int) throws {
        #expect(
            try failure("1,2,0\n", options: CSVOptions(labelColumn: .index(index)))
                == CSVFailure(
                    line: 1, column: nil, columnName: nil,
                    reason:
                        "labelColumn \(index) is outside the 3 columns of the line (use 0...2, or -3...-1 to count from the end)"
                ))
    }

    @Test func emptyFiles() throws {
        #expect(try failure("") == CSVFailure(reason: "the file contains no data rows"))
        #expect(try failure("\n  \n\r\n") == CSVFailure(reason: "the file contains no data rows"))
        #expect(
            try failure("a,b\n", options: CSVOptions(hasHeader: true))
                == CSVFailure(reason: "the file contains no data rows after the header"))
        #expect(
            try failure("one\ntwo\n", options: CSVOptions(skipLines: 3, hasClassNamesLine: true))
                == CSVFailure(
                    reason: "the file contains no data rows after 2 skipped lines and the class names line"))
    }

    @Test func labelOutsideClassList() throws {
        #expect(
            try failure("2,1,a,b\n1,0\n2,2\n", options: CSVOptions(hasClassNamesLine: true))
                == CSVFailure(
                    line: 3, column: 2, columnName: nil,
                    reason: "label \"2\" is neither a class name (a, b) nor a class index in 0...1"))
        #expect(
            try failure("x,y\n1,cat\n2,dog\n", options: CSVOptions(hasHeader: true, classNames: ["cat"]))
                == CSVFailure(
                    line: 3, column: 2, columnName: "y",
                    reason: "label \"dog\" is neither a class name (cat) nor a class index in 0...0"))
    }

    @Test func emptyLabelCell() throws {
        #expect(
            try failure("1,0\n2,\n")
                == CSVFailure(line: 2, column: 2, columnName: nil, reason: "the label cell is empty"))
    }

    @Test func fractionalLabelInNumericColumn() throws {
        #expect(
            try failure("0.5,1\n2,0.25\n3,1\n")
                == CSVFailure(
                    line: 2, column: 2, columnName: nil,
                    reason: "label \"0.25\" is a number but not an integer, so it cannot name a class "
                        + "(check labelColumn, or list the classes in classNames)"))
    }

    @Test func singleColumn() throws {
        #expect(
            try failure("1;0\n2;1\n")
                == CSVFailure(
                    line: 1, column: nil, columnName: nil,
                    reason:
                        "the line has 1 cell, but a data set needs a label column and at least one feature "
                        + "column (check the delimiter, \",\")"))
    }

    @Test func unclosedQuote() throws {
        #expect(
            try failure("1,0\n\"2,1\n3,0\n")
                == CSVFailure(
                    line: 2, column: 1, columnName: nil,
                    reason: "the quoted cell that starts here has no closing quote before the end of the file"
                ))
    }

    @Test func characterAfterClosingQuote() throws {
        #expect(
            try failure("1,\"0\"x\n")
                == CSVFailure(
                    line: 1, column: 2, columnName: nil,
                    reason:
                        "the quoted cell is followed by \"x\" instead of a delimiter or the end of the line"))
    }

    @Test func lineNumbersCountLineBreaksInQuotes() throws {
        #expect(
            try failure("1,\"a\nb\"\n2,c\nx,d\n")
                == CSVFailure(
                    line: 4, column: 1, columnName: nil,
                    reason:
                        "\"x\" is not a number (every column except the label column, column 2, must hold numbers)"
                ))
    }

    @Test func classNamesLineDisagreesWithRows() throws {
        let options = try CSVOptions(hasClassNamesLine: true)
        #expect(
            try failure("3,1,a,b\n1,0\n2,1\n", options: options)
                == CSVFailure(
                    line: 1, column: 1, columnName: nil,
                    reason: "the class names line declares 3 samples, but the file has 2 data rows"))
        #expect(
            try failure("2,2,a,b\n1,0\n2,1\n", options: options)
                == CSVFailure(
                    line: 1, column: 2, columnName: nil,
                    reason:
                        "the class names line declares 2 features, but the rows have 1 besides the label column"
                ))
    }

    @Test func invalidClassNamesLine() throws {
        let options = try CSVOptions(hasClassNamesLine: true)
        let format =
            " (a class names line is n_samples,n_features,class names..., as in 569,30,malignant,benign)"
        #expect(
            try failure("2,1\n1,0\n", options: options)
                == CSVFailure(
                    line: 1, column: nil, columnName: nil,
                    reason: "the class names line has 2 cells, but needs at least 3" + format))
        #expect(
            try failure("2,x,a,b\n1,0\n", options: options)
                == CSVFailure(
                    line: 1, column: 2, columnName: nil, reason: "\"x\" is not a valid feature count" + format
                ))
        #expect(
            try failure("2,1,a,a\n1,0\n", options: options)
                == CSVFailure(
                    line: 1, column: 4, columnName: nil, reason: "class name \"a\" is repeated" + format))
    }

    @Test func missingFile() {
        let error = #expect(throws: DatasetError.self) {
            try Dataset(csvAt: URL(fileURLWithPath: "/nonexistent/table.csv"))
        }
        #expect(error == .fileNotFound(path: "/nonexistent/table.csv"))
    }
}

extension CSVFailure {
    /// Creates a failure that concerns the whole file.
    init(reason: String) {
        self.init(line: nil, column: nil, columnName: nil, reason: reason)
    }
}
