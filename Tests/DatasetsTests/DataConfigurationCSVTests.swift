import Foundation
import TensorCore
import Testing

@testable import Datasets

extension DataConfigurationTests {
    @Test func idxIsDefaultFormat() throws {
        let configuration = try decode(#"{"dataset": "mnist"}"#)
        #expect(configuration.format == .idx)
        #expect(configuration.testFraction == nil)
        #expect(configuration.csv == nil)
    }

    @Test func csvDefaults() throws {
        let configuration = try decode(#"{"format": "csv", "path": "table.csv"}"#)
        #expect(configuration.format == .csv)
        #expect(configuration.testFraction == 0.15)
        #expect(configuration.validationFraction == 0.1)
        #expect(configuration.csv == nil)
    }

    @Test func csvOptionsDecode() throws {
        let configuration = try decode(
            #"""
            {"format": "csv", "path": "t.tsv", "testFraction": 0.2, "validationFraction": 0.2,
             "csv": {"header": true, "skipLines": 2, "classNamesLine": true, "labelColumn": "kind",
                     "classNames": ["a", "b"], "delimiter": "\t"}}
            """#)
        #expect(configuration.testFraction == 0.2)
        #expect(
            try configuration.csv
                == CSVOptions(
                    skipLines: 2, hasClassNamesLine: true, hasHeader: true, labelColumn: .name("kind"),
                    classNames: ["a", "b"], delimiter: "\t"))

        let byIndex = try decode(#"{"format": "csv", "path": "t.csv", "csv": {"labelColumn": 0}}"#)
        #expect(byIndex.csv?.labelColumn == .index(0))
        #expect(byIndex.csv?.delimiter == ",")
    }

    @Test func csvEncodingRoundTrips() throws {
        for labelColumn in [CSVOptions.Column.name("y"), .index(-2)] {
            let configuration = try DataConfiguration(
                format: .csv, path: "t.csv", testFraction: 0.3,
                csv: CSVOptions(hasHeader: true, labelColumn: labelColumn, delimiter: ";"))
            let json = try JSONEncoder().encode(configuration)
            #expect(try JSONDecoder().decode(DataConfiguration.self, from: json) == configuration)
        }
    }

    @Test(arguments: [
        // (data section, field, start of the rule)
        (#"{"format": "parquet", "path": "t.csv"}"#, "data.format", "must be one of idx, csv"),
        (#"{"path": "t.csv"}"#, "data.format", "is idx (the default), but path names a CSV file"),
        (#"{"format": "csv"}"#, "data.path", "is missing"),
        (#"{"format": "csv", "dataset": "mnist", "path": "t.csv"}"#, "data.dataset", "must be absent"),
        (#"{"dataset": "mnist", "testFraction": 0.1}"#, "data.testFraction", "must be absent for IDX data"),
        (#"{"dataset": "mnist", "csv": {}}"#, "data.csv", "is only allowed with"),
        (
            #"{"format": "csv", "path": "t.csv", "testFraction": 0}"#, "data.testFraction",
            "must be greater than 0"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "validationFraction": 0.5, "testFraction": 0.5}"#,
            "data.testFraction", "must be greater than 0 and less than 1 - validationFraction (0.5)"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"headers": true}}"#, "data.csv.headers",
            "is not a known field"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"skipLines": -1}}"#, "data.csv.skipLines",
            "must be 0 or more"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"labelColumn": "kind"}}"#, "data.csv.labelColumn",
            "names a column, which needs a header line"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"labelColumn": 2.5}}"#, "data.csv.labelColumn",
            "must be a column name"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"labelColumn": true}}"#, "data.csv.labelColumn",
            "must be a column name"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"delimiter": ";;"}}"#, "data.csv.delimiter",
            "must be exactly one character"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"delimiter": "\""}}"#, "data.csv.delimiter",
            "must be one ASCII character"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"classNames": []}}"#, "data.csv.classNames",
            "must list at least one"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"classNames": ["a", "a"]}}"#,
            "data.csv.classNames[1]", "repeats"
        ),
        (
            #"{"format": "csv", "path": "t.csv", "csv": {"classNames": ["a", ""]}}"#,
            "data.csv.classNames[1]", "must not be empty"
        ),
    ])
    func csvFieldRejected(json: String, field: String, rule: String) {
        let error = decodingError(json)
        #expect(error?.field == field)
        #expect(error?.rule.hasPrefix(rule) == true, "\(String(describing: error))")
    }

    @Test func csvOptionsInitializerValidates() {
        let error = #expect(throws: ConfigurationError.self) {
            try CSVOptions(labelColumn: .name("species"))
        }
        #expect(error?.field == "data.csv.labelColumn")
    }

    @Test func csvPathLoadsWholeDataSet() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(Array("1,a\n2,b\n3,a\n".utf8), to: "small.csv")
        let sets = try DataConfiguration(format: .csv, path: file.path).loadSets()
        #expect(sets.test == nil)
        #expect(sets.training.name == "small")
        #expect(sets.training.features == [1, 2, 3])
    }
}
