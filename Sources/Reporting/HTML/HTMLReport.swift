import Foundation
import TensorCore

/// A self-contained HTML report: one file with inline CSS and inline SVG charts that loads
/// nothing from the network or the disk and runs no script.
///
/// Build one from a run or a study, or from sections of your own, then write it:
///
/// ```swift
/// var report = HTMLReport(study: input)
/// report.append(ReportSection(id: "notes", heading: "Notes", paragraphs: ["Run on two cores."]))
/// try report.write(to: studyDirectory.appendingPathComponent("report.html"))
/// ```
///
/// The page carries a Content-Security-Policy that allows only inline styles, so a browser
/// would block any script or external resource that reached the markup.
public struct HTMLReport: Equatable, Sendable {
    /// The page title and main heading, as plain text.
    public var title: String
    /// A line under the heading, as plain text, such as the kind of report.
    public var subtitle: String?
    /// The sections in page order.
    public var sections: [ReportSection]

    /// Creates a report with the given sections.
    public init(title: String, subtitle: String? = nil, sections: [ReportSection] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    /// The Content-Security-Policy of every report: inline styles only, so no script runs and
    /// nothing is loaded.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'"

    /// Adds `section` at the end of the report.
    public mutating func append(_ section: ReportSection) {
        sections.append(section)
    }

    /// Returns the complete HTML document.
    public func html() -> String {
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">",
            "<title>\(HTML.escape(title))</title>",
            "<style>\n\(ReportStyle.css)</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>\(HTML.escape(title))</h1>",
        ]
        if let subtitle {
            lines.append("<p class=\"subtitle\">\(HTML.escape(subtitle))</p>")
        }
        if !sections.isEmpty {
            let links = sections.map { "<li><a href=\"#\($0.id)\">\(HTML.escape($0.heading))</a></li>" }
            lines.append("<nav aria-label=\"Contents\"><ol>\(links.joined())</ol></nav>")
        }
        lines.append("</header>")
        lines.append("<main>")
        for section in sections {
            lines.append("<section id=\"\(section.id)\">")
            lines.append("<h2>\(HTML.escape(section.heading))</h2>")
            lines.append(section.bodyMarkup)
            lines.append("</section>")
        }
        lines.append("</main>")
        lines.append(
            "<footer>Made by SwiftTune. This file is self-contained: it loads no other file and runs no script."
                + "</footer>")
        lines.append("</body>")
        lines.append("</html>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `html()` as UTF-8 to `url` with `AtomicFile.write(_:to:)`.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(html().utf8), to: url)
    }
}
