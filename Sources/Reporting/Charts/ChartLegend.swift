/// One item of a chart legend: a symbol in the series colour and the series name.
struct LegendEntry: Equatable {
    /// The shape drawn before an entry's label.
    enum Symbol: Equatable {
        /// A short line, solid or dashed, for a line series or a step line.
        case line(dashed: Bool)
        /// A dot, for a scatter series.
        case marker
        /// A filled square, for bars.
        case swatch
    }

    var label: String
    var color: String
    var symbol: Symbol
}

/// The legend of a chart, laid out in rows that wrap at the chart width.
struct ChartLegend {
    static let rowHeight = 18.0
    private static let symbolWidth = 22.0
    private static let itemGap = 18.0
    /// An estimate of the width of one character of 12 px text; the layout needs no exact
    /// widths, only enough room between items.
    private static let characterWidth = 6.8

    let entries: [LegendEntry]
    /// The position of each entry's left edge and its row.
    private let positions: [(x: Double, row: Int)]
    /// The number of rows, 0 without entries.
    let rowCount: Int

    /// Lays out `entries` from `left` to `right`, moving an entry that does not fit to a new row.
    init(entries: [LegendEntry], left: Double, right: Double) {
        self.entries = entries
        var positions: [(x: Double, row: Int)] = []
        var x = left
        var row = 0
        for entry in entries {
            let width = Self.symbolWidth + 6 + Double(entry.label.count) * Self.characterWidth
            if x > left, x + width > right {
                x = left
                row += 1
            }
            positions.append((x, row))
            x += width + Self.itemGap
        }
        self.positions = positions
        self.rowCount = entries.isEmpty ? 0 : row + 1
    }

    /// The height the legend takes.
    var height: Double { Double(rowCount) * Self.rowHeight }

    /// Draws the legend with the middle of its first row at `top + rowHeight / 2`.
    func draw(into svg: inout SVGWriter, top: Double) {
        guard !entries.isEmpty else {
            return
        }
        svg.open("g", ["class": "legend"])
        for (entry, position) in zip(entries, positions) {
            let middle = top + (Double(position.row) + 0.5) * Self.rowHeight
            switch entry.symbol {
            case .line(let dashed):
                svg.element(
                    "line",
                    [
                        "x1": position.x, "y1": middle, "x2": position.x + Self.symbolWidth, "y2": middle,
                        "stroke": entry.color, "stroke-width": 2.5,
                        "stroke-dasharray": dashed ? "6 4" : "none",
                    ])
            case .marker:
                svg.element(
                    "circle",
                    ["cx": position.x + Self.symbolWidth / 2, "cy": middle, "r": 4, "fill": entry.color])
            case .swatch:
                svg.element(
                    "rect",
                    [
                        "x": position.x + Self.symbolWidth / 2 - 6, "y": middle - 6, "width": 12,
                        "height": 12,
                        "fill": entry.color,
                    ])
            }
            svg.element(
                "text",
                [
                    "x": position.x + Self.symbolWidth + 6, "y": middle + 4, "font-size": 12,
                    "fill": ChartPalette.text,
                ], text: entry.label)
        }
        svg.close("g")
    }
}
