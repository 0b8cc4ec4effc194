import Foundation
import Testing

@testable import Datasets

/// Writes `text` as `name` into a fresh temporary folder and loads it with `options`.
func loadCSV(_ text: String, options: CSVOptions = .standard, name: String = "table.csv") throws -> Dataset {
    let folder = try TemporaryFolder()
    let file = try folder.write(Array(text.utf8), to: name)
    return try Dataset(csvAt: file, options: options)
}

@Suite("CSV loading")
struct CSVLoadingTests {
    @Test func headerAndNamedLabelColumn() throws {
        let text = """
            length,species,width
            1.5,setosa,0.25
            2,virginica,-3e2
            4.75,setosa,7

            """
        let dataset = try loadCSV(text, options: CSVOptions(hasHeader: true, labelColumn: .name("species")))
        #expect(dataset.name == "table")
        #expect(dataset.sampleShape == [2])
        #expect(dataset.features == [1.5, 0.25, 2, -300, 4.75, 7])
        // String labels name the classes in sorted order.
        #expect(dataset.classNames == ["setosa", "virginica"])
        #expect(dataset.labels == [0, 1, 0])
    }

    @Test func stringLabelsSorted() throws {
        let dataset = try loadCSV("1,dog\n2,cat\n3,emu\n4,cat\n")
        #expect(dataset.classNames == ["cat", "dog", "emu"])
        #expect(dataset.labels == [1, 0, 2, 0])
    }

    @Test func integerLabelsKeepTheirOrder() throws {
        let dataset = try loadCSV("0.5,2\n0.25,0\n1,1\n2,10\n")
        // Sorted by value, not as strings, where "10" would come before "2".
        #expect(dataset.classNames == ["0", "1", "2", "10"])
        #expect(dataset.labels == [2, 0, 1, 3])
    }

    @Test func integerLabelsWrittenAsDecimals() throws {
        let dataset = try loadCSV("7,1.0\n8,3\n9,+1\n10,2.0\n")
        #expect(dataset.classNames == ["1", "2", "3"])
        #expect(dataset.labels == [0, 2, 0, 1])
    }

    @Test func labelColumnByIndex() throws {
        let text = "a,1,2,3\nb,4,5,6\n"
        let first = try loadCSV(text, options: CSVOptions(labelColumn: .index(0)))
        #expect(first.features == [1, 2, 3, 4, 5, 6])
        #expect(first.classNames == ["a", "b"])

        let secondToLast = try loadCSV("1,2,0,3\n4,5,1,6\n", options: CSVOptions(labelColumn: .index(-2)))
        #expect(secondToLast.features == [1, 2, 3, 4, 5, 6])
        #expect(secondToLast.labels == [0, 1])
    }

    @Test func givenClassNamesMatchNamesAndIndices() throws {
        let options = try CSVOptions(classNames: ["negative", "positive", "unsure"])
        let dataset = try loadCSV("1,positive\n2,0\n3,2\n4,negative\n", options: options)
        #expect(dataset.classNames == ["negative", "positive", "unsure"])
        #expect(dataset.labels == [1, 0, 2, 0])
        // A class without samples stays in the list.
        #expect(dataset.labelHistogram() == [2, 1, 1])
    }

    @Test func givenClassNamesReplaceClassNamesLine() throws {
        let options = try CSVOptions(hasClassNamesLine: true, classNames: ["no", "yes"])
        let dataset = try loadCSV("2,1,a,b\n0.5,1\n0.25,0\n", options: options)
        #expect(dataset.classNames == ["no", "yes"])
        #expect(dataset.labels == [1, 0])
    }

    @Test func skippedLinesThenClassNamesLineThenHeader() throws {
        let text = """
            # exported by a lab instrument
            # two comment lines
            2,2,low,high
            "first",second,label
            1,2,high
            3,4,low
            """
        let options = try CSVOptions(skipLines: 2, hasClassNamesLine: true, hasHeader: true)
        let dataset = try loadCSV(text, options: options)
        #expect(dataset.features == [1, 2, 3, 4])
        #expect(dataset.classNames == ["low", "high"])
        #expect(dataset.labels == [1, 0])
    }

    @Test func otherDelimiters() throws {
        let semicolons = try loadCSV("1.5;2;a\n3;4;b\n", options: CSVOptions(delimiter: ";"))
        #expect(semicolons.features == [1.5, 2, 3, 4])
        // Only the delimiter splits cells, so "1,5" is one cell, and not a number.
        #expect(throws: DatasetError.self) { try loadCSV("1,5;2;a\n", options: CSVOptions(delimiter: ";")) }
        let tabs = try loadCSV("1\t2\ta\n 3 \t4\tb\n", options: CSVOptions(delimiter: "\t"))
        #expect(tabs.features == [1, 2, 3, 4])
        #expect(tabs.classNames == ["a", "b"])
    }

    @Test func quotedCells() throws {
        let text = #"""
            "size, in cm","name ""quoted""",class
            "1.5",2,"a, b"
            3, "4" ,"line
            break"

            """#
        let dataset = try loadCSV(text, options: CSVOptions(hasHeader: true))
        #expect(dataset.features == [1.5, 2, 3, 4])
        #expect(dataset.classNames == ["a, b", "line\nbreak"])
        #expect(dataset.labels == [0, 1])
    }

    @Test func windowsLineEndsByteOrderMarkAndBlankLines() throws {
        let text = "\u{FEFF}x,y,label\r\n1, 2 ,a\r\n\r\n   \r\n3,4,b\r\n\n"
        let dataset = try loadCSV(text, options: CSVOptions(hasHeader: true, labelColumn: .name("label")))
        #expect(dataset.features == [1, 2, 3, 4])
        #expect(dataset.classNames == ["a", "b"])
    }

    @Test func lastLineWithoutLineFeed() throws {
        let dataset = try loadCSV("1,2,0\n3,4,1")
        #expect(dataset.count == 2)
        #expect(dataset.features == [1, 2, 3, 4])
    }

    @Test func gzipCompressedFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            StoredGzip.compress(Array("1,2,0\n3,4,1\n5,6,0\n".utf8)), to: "small.csv.gz")
        let dataset = try Dataset(csvAt: file)
        #expect(dataset.name == "small")
        #expect(dataset.features == [1, 2, 3, 4, 5, 6])
        #expect(dataset.labels == [0, 1, 0])
    }

    @Test func explicitName() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(Array("1,0\n2,1\n".utf8), to: "data.txt")
        #expect(try Dataset(csvAt: file, name: "toy").name == "toy")
        #expect(try Dataset(csvAt: file).name == "data")
    }
}
