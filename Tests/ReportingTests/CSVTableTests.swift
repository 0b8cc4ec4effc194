import Foundation
import Testing

@testable import Reporting

@Suite struct CSVTableTests {
    @Test func plainFieldsStayUnquoted() {
        #expect(CSVTable.quotedField("learningRate") == "learningRate")
        #expect(CSVTable.quotedField("") == "")
        #expect(CSVTable.quotedField("with space") == "with space")
    }

    @Test func specialFieldsAreQuoted() {
        #expect(CSVTable.quotedField("a,b") == "\"a,b\"")
        #expect(CSVTable.quotedField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTable.quotedField("line 1\nline 2") == "\"line 1\nline 2\"")
        #expect(CSVTable.quotedField("cr\rhere") == "\"cr\rhere\"")
        #expect(CSVTable.quotedField("\"") == "\"\"\"\"")
    }

    @Test func tableTextHasHeaderAndRows() {
        let table = CSVTable(header: ["name", "note"], rows: [["a,b", "say \"hi\""], ["plain", ""]])
        #expect(table.text == "name,note\n\"a,b\",\"say \"\"hi\"\"\"\nplain,\n")
    }

    @Test func numbersRoundTrip() {
        #expect(CSVTable.field(0.1) == "0.1")
        #expect(CSVTable.field(1e-05) == "1e-05")
        #expect(Double(CSVTable.field(0.30000000000000004)) == 0.30000000000000004)
        #expect(CSVTable.field(Double.nan) == "nan")
        #expect(CSVTable.field(-Double.infinity) == "-inf")
        #expect(CSVTable.field(nil as Double?) == "")
        #expect(CSVTable.field(nil as Int?) == "")
        #expect(CSVTable.field(42) == "42")
    }

    @Test func historyTableHasOneRowPerEpoch() {
        let history = RunHistory(
            name: "run",
            epochs: [
                EpochMetrics(
                    epoch: 1, trainingLoss: 0.5, validationLoss: 0.6, learningRate: 0.01, seconds: 2),
                EpochMetrics(epoch: 2, trainingLoss: .nan),
            ])
        let lines = history.csvTable.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0]
                == "epoch,training_loss,validation_loss,training_accuracy,validation_accuracy,learning_rate,seconds"
        )
        #expect(lines[1] == "1,0.5,0.6,,,0.01,2.0")
        #expect(lines[2] == "2,nan,,,,,")
        #expect(lines.count == 4)
    }

    @Test func trialsTableQuotesUserStrings() throws {
        let input = StudySummaryInput(
            studyName: "s", objectiveName: "loss", direction: .minimize,
            trials: [
                TrialRow(
                    number: 1, state: .failed, parameters: ["optimizer": "adam, fast"],
                    message: "error: \"x\"\nline 2"),
                TrialRow(
                    number: 0, state: .complete, parameters: ["learningRate": "0.1"], objective: 0.25,
                    epochs: 3, seconds: 1.5),
            ])
        let text = input.trialsCSVTable.text
        #expect(
            text == """
                number,state,objective,epochs,seconds,param_learningRate,param_optimizer,message
                0,complete,0.25,3,1.5,0.1,,
                1,failed,,,,,"adam, fast","error: ""x""
                line 2"

                """)
    }

    @Test func writeCreatesFile() throws {
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("trials.csv")
        try CSVTable(header: ["a"], rows: [["1"]]).write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n1\n")
    }
}
