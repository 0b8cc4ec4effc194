import Foundation
import Testing

@testable import Reporting

/// Whether SWIFTTUNE_CHROMIUM_CHECK=1 is set and Debian's Chromium is installed.
let chromiumCheckIsEnabled =
    ProcessInfo.processInfo.environment["SWIFTTUNE_CHROMIUM_CHECK"] == "1"
    && ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

/// Opens sample reports in headless Chromium with `scripts/check-report.sh`, which fails on
/// console errors or resource loads and takes a screenshot to look at.
///
/// Runs only with SWIFTTUNE_CHROMIUM_CHECK=1 and Chromium installed. Reports and screenshots
/// go to SWIFTTUNE_REPORT_DIR when set, else to a new temporary folder that is kept, and the
/// test prints where they are.
@Suite(.enabled(if: chromiumCheckIsEnabled, "set SWIFTTUNE_CHROMIUM_CHECK=1 with Chromium installed"))
struct ChromiumReportCheckTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func outputFolder() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SWIFTTUNE_REPORT_DIR"] {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        return try ReportFixtures.temporaryFolder()
    }

    /// Runs the check script and returns its exit status and output.
    static func checkReport(_ report: URL, screenshot: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent("scripts/check-report.sh")
        process.arguments = [report.path, screenshot.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(arguments: ["run", "study"])
    func sampleReportLoadsCleanly(kind: String) throws {
        let folder = try Self.outputFolder()
        let report = folder.appendingPathComponent("\(kind)-report.html")
        let html =
            kind == "run"
            ? HTMLReport(run: try SampleReports.run()) : HTMLReport(study: try SampleReports.study())
        try html.write(to: report)

        let result = try Self.checkReport(
            report, screenshot: folder.appendingPathComponent("\(kind)-report.png"))
        print("\(kind) report: \(report.path)\n\(result.output)")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func brokenPageFailsTheCheck() throws {
        let folder = try ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("broken.html")
        try Data(
            """
            <!DOCTYPE html><html><body><img src="missing.png">
            <script>console.error("checked"); notDefined();</script></body></html>
            """.utf8
        ).write(to: page)

        let result = try Self.checkReport(page, screenshot: folder.appendingPathComponent("broken.png"))
        #expect(result.status == 1)
        #expect(result.output.contains("console.error: checked"))
        #expect(result.output.contains("ReferenceError: notDefined is not defined"))
        #expect(result.output.contains("missing.png"))
    }
}
