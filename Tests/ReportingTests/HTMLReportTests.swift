import Foundation
import Testing

@testable import Reporting

@Suite struct HTMLReportTests {
    static let escapedHostileName = "&lt;script&gt;alert(1)&lt;/script&gt;"

    @Test func runReportHasAllSections() throws {
        let html = HTMLReport(run: try ReportFixtures.runInput()).html()
        for id in [
            "summary", "configuration", "data", "learning-curves", "confusion-matrix", "per-class-metrics",
            "diagnosis",
        ] {
            expectContains(html, "<section id=\"\(id)\">")
            expectContains(html, "<a href=\"#\(id)\">")
        }
        expectContains(html, ">Loss per epoch</text>")
        expectContains(html, ">Accuracy per epoch</text>")
        expectContains(html, ">best epoch 9</text>")
        expectContains(html, ">early stop at epoch 12</text>")
        expectContains(html, ">LR 0.01 → 0.001</text>")
        expectContains(html, ">Confusion matrix, test split</text>")
        expectContains(html, ">Precision, recall and F1 per class (test)</text>")
        expectContains(html, "<span class=\"verdict verdict-")
        expectContains(html, "<h3>Advice</h3>")
    }

    @Test func dataWarningsAreListed() throws {
        var input = try ReportFixtures.runInput()
        expectContains(HTMLReport(run: input).html(), "<p>No warnings about the splits.</p>")

        input.dataFacts = [
            ParameterSetting(name: "split", value: "80 training, 10 validation, 10 test samples")
        ]
        input.dataWarnings = [
            "test: channel 0 mean 141.2 against training's 120.7 \(ReportFixtures.hostileName)"
        ]
        let html = HTMLReport(run: input).html()
        expectContains(html, "<span class=\"value\">80 training, 10 validation, 10 test samples</span>")
        expectContains(
            html,
            "<ul class=\"warnings\"><li>test: channel 0 mean 141.2 against training's 120.7 "
                + "\(Self.escapedHostileName)</li></ul>")
        expectLacks(html, "No warnings about the splits.")
    }

    @Test func frequentRateChangesGetOwnChart() throws {
        var input = try ReportFixtures.runInput()
        for index in input.history.epochs.indices {
            input.history.epochs[index].learningRate = 0.1 / Double(index + 1)
        }
        let html = HTMLReport(run: input).html()
        expectContains(html, ">Learning rate per epoch</text>")
        expectContains(html, ">learning rate</text>")
        expectLacks(html, ">LR ")
        expectContains(html, ">best epoch 9</text>")
    }

    @Test func stepRateChangesGetMarkers() throws {
        let html = HTMLReport(run: try ReportFixtures.runInput()).html()
        expectLacks(html, ">Learning rate per epoch</text>")
        // One marker line per chart: loss and accuracy.
        #expect(occurrences(of: ">LR 0.01 → 0.001</text>", in: html) == 2)
    }

    @Test func runReportEscapesUserStrings() throws {
        let html = HTMLReport(run: try ReportFixtures.runInput()).html()
        expectLacks(html, "<script")
        expectContains(html, "<title>run \(Self.escapedHostileName)</title>")
        expectContains(html, "<h1>run \(Self.escapedHostileName)</h1>")
        // Parameter name with quotes and ampersand, value with markup.
        expectContains(html, "<td>say \"hi\" &amp; 'bye'</td><td>\(Self.escapedHostileName)</td>")
        // Class names in the per-class table.
        expectContains(html, "<td>\(Self.escapedHostileName)</td><td class=\"num\">")
    }

    @Test(arguments: ["run", "study"])
    func reportIsSelfContained(kind: String) throws {
        let report =
            kind == "run"
            ? HTMLReport(run: try ReportFixtures.runInput())
            : HTMLReport(study: try ReportFixtures.studyInput())
        let html = report.html()
        expectContains(
            html,
            "<meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        )
        expectLacks(html, "<script")
        expectLacks(html, "<link")
        expectLacks(html, "src=")
        expectLacks(html, "url(")
        expectLacks(html, "@import")
        // The only URL is the SVG namespace name, which browsers never fetch.
        let urls = occurrences(of: "http://", in: html) + occurrences(of: "https://", in: html)
        #expect(urls == occurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", in: html))
    }

    @Test func studyReportHasAllSections() throws {
        let html = HTMLReport(study: try ReportFixtures.studyInput()).html()
        for id in [
            "summary", "best-configuration", "optimization-history", "trials", "learning-curves",
            "confusion-matrix",
            "per-class-metrics", "diagnosis",
        ] {
            expectContains(html, "<section id=\"\(id)\">")
        }
        expectContains(html, ">Objective per trial</text>")
        expectContains(html, ">best so far</text>")
        expectContains(html, ">trial number</text>")
        expectContains(html, "<h3>Trials by state</h3>")
        expectContains(html, "Trials shown, best first: trial 5, trial 1, trial 0.")
    }

    @Test func studyTrialsTableIsBestFirst() throws {
        let html = HTMLReport(study: try ReportFixtures.studyInput()).html()
        let table = slice(html, from: "<section id=\"trials\">", to: "</section>")
        let rowStarts = table.components(separatedBy: "<tr").dropFirst(2)
        let trialNumbers = rowStarts.map { row -> String in
            // The second cell is the trial number.
            let cells = row.components(separatedBy: "<td class=\"num\">")
            return cells.count > 2 ? String(cells[2].prefix { $0 != "<" }) : ""
        }
        #expect(trialNumbers == ["5", "1", "4", "0", "2", "3", "6", "7"])
        expectContains(table, "<tr class=\"best\"><td class=\"num\">1</td><td class=\"num\">5</td>")
        expectContains(table, "<span class=\"state state-failed\">failed</span>")
        expectContains(table, "loss became NaN \(Self.escapedHostileName)")
    }

    @Test func studyStateCounts() throws {
        let html = HTMLReport(study: try ReportFixtures.studyInput()).html()
        let summary = slice(html, from: "<section id=\"summary\">", to: "</section>")
        expectContains(
            summary,
            "<thead><tr><th class=\"num\">complete</th><th class=\"num\">pruned</th>"
                + "<th class=\"num\">failed</th><th class=\"num\">diverged</th><th class=\"num\">running</th>"
                + "<th class=\"num\">waiting</th></tr>"
                + "</thead><tbody><tr><td class=\"num\">4</td><td class=\"num\">1</td><td class=\"num\">1</td>"
                + "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"
        )
        expectContains(summary, "<span class=\"value\">#5</span>")
    }

    @Test func missingInputsLeaveNotes() {
        let input = StudySummaryInput(
            studyName: "empty", objectiveName: "loss", direction: .minimize, trials: [])
        let html = HTMLReport(study: input).html()
        expectContains(html, "The study has no trials yet.")
        expectContains(html, "No learning curves were recorded for the best trials.")
        expectContains(html, "No evaluation on the test split was recorded.")
        expectContains(html, "No diagnosis of the learning curves was recorded.")
        expectContains(html, "No parameters were recorded.")
        expectContains(html, ">no data</text>")
    }

    @Test func customSectionIsEscapedAndListed() {
        var report = HTMLReport(title: "T & U")
        report.append(ReportSection(id: "My Notes!", heading: "Notes <b>", paragraphs: ["1 < 2 & 3"]))
        let html = report.html()
        expectContains(html, "<section id=\"my-notes-\">")
        expectContains(html, "<a href=\"#my-notes-\">Notes &lt;b&gt;</a>")
        expectContains(html, "<p>1 &lt; 2 &amp; 3</p>")
        expectContains(html, "<h1>T &amp; U</h1>")
    }

    @Test func writeCreatesOneFile() throws {
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("report.html")
        let report = HTMLReport(run: try ReportFixtures.runInput())
        try report.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == report.html())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }
}
