/// Small HTML building blocks that escape the text they are given.
enum ReportMarkup {
    /// A table cell: its text, escaped, and whether it contains a number (right-aligned).
    struct Cell {
        var text: String
        var isNumeric = false
        /// Markup that replaces the escaped text, for cells such as state badges.
        var markup: String?
        var cssClass: String?

        static func number(_ text: String) -> Cell { Cell(text: text, isNumeric: true) }
    }

    /// Returns a table in a horizontally scrolling box. `rowClasses`, when given, sets a
    /// class on each body row.
    static func table(header: [Cell], rows: [[Cell]], rowClasses: [String?] = [], caption: String? = nil)
        -> String
    {
        var html = "<div class=\"table-scroll\"><table>"
        if let caption {
            html += "<caption>\(HTML.escape(caption))</caption>"
        }
        html += "<thead><tr>" + header.map { cell(tag: "th", $0) }.joined() + "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let rowClass = index < rowClasses.count ? rowClasses[index] : nil
            html += rowClass.map { "<tr class=\"\(HTML.escapeAttribute($0))\">" } ?? "<tr>"
            html += row.map { cell(tag: "td", $0) }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    private static func cell(tag: String, _ cell: Cell) -> String {
        let classes = [cell.isNumeric ? "num" : nil, cell.cssClass].compactMap { $0 }
        let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        return "<\(tag)\(classAttribute)>\(cell.markup ?? HTML.escape(cell.text))</\(tag)>"
    }

    /// Returns a grid of labelled values, such as "best epoch: 12".
    static func facts(_ items: [(label: String, value: String)]) -> String {
        let entries = items.map {
            "<div class=\"fact\"><span class=\"label\">\(HTML.escape($0.label))</span>"
                + "<span class=\"value\">\(HTML.escape($0.value))</span></div>"
        }
        return "<div class=\"facts\">\(entries.joined())</div>"
    }

    /// Returns an SVG chart in a figure with an optional caption.
    static func figure(_ svg: String, caption: String? = nil) -> String {
        let captionMarkup = caption.map { "<figcaption>\(HTML.escape($0))</figcaption>" } ?? ""
        return "<figure>\(svg)\(captionMarkup)</figure>"
    }

    /// Returns figures side by side, wrapping on narrow pages.
    static func figureRow(_ figures: [String]) -> String {
        "<div class=\"figures\">\(figures.joined())</div>"
    }

    /// Returns a paragraph of escaped text.
    static func paragraph(_ text: String, cssClass: String? = nil) -> String {
        let classAttribute = cssClass.map { " class=\"\(HTML.escapeAttribute($0))\"" } ?? ""
        return "<p\(classAttribute)>\(HTML.escape(text))</p>"
    }

    /// Returns a bulleted list of escaped items.
    static func list(_ items: [String], cssClass: String? = nil) -> String {
        let classAttribute = cssClass.map { " class=\"\(HTML.escapeAttribute($0))\"" } ?? ""
        return "<ul\(classAttribute)>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
    }

    /// Returns a badge for a trial state.
    static func stateBadge(_ state: TrialRow.State) -> String {
        "<span class=\"state state-\(state.rawValue)\">\(state.rawValue)</span>"
    }
}
