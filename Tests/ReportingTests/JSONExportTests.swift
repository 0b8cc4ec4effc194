import Foundation
import Testing

@testable import Reporting

@Suite struct JSONExportTests {
    @Test func nonFiniteValuesRoundTrip() throws {
        let history = RunHistory(
            name: "run", epochs: [EpochMetrics(epoch: 1, trainingLoss: .nan, validationLoss: .infinity)],
            bestEpoch: 1)
        let data = try JSONExport.makeEncoder().encode(history)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"trainingLoss\" : \"NaN\""))
        #expect(text.contains("\"validationLoss\" : \"Infinity\""))

        let decoded = try JSONExport.makeDecoder().decode(RunHistory.self, from: data)
        #expect(decoded.epochs[0].trainingLoss.isNaN)
        #expect(decoded.epochs[0].validationLoss == .infinity)
        #expect(decoded.bestEpoch == 1)
    }

    @Test func studyInputRoundTrips() throws {
        let input = try ReportFixtures.studyInput()
        let data = try JSONExport.makeEncoder().encode(input)
        let decoded = try JSONExport.makeDecoder().decode(StudySummaryInput.self, from: data)
        #expect(decoded == input)
    }

    @Test func writeEndsWithLineFeed() throws {
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("summary.json")
        try JSONExport.write(["b": 2, "a": 1], to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\n  \"a\" : 1,\n  \"b\" : 2\n}\n")
    }
}
