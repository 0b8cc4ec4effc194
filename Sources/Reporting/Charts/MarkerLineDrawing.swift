/// Draws labelled vertical marker lines on a chart.
enum MarkerLineDrawing {
    /// Draws `lines` as dashed grey lines across the plot, with labels above the plot in up to
    /// `CartesianFrame.markerLabelRows` rows, so that labels of nearby lines do not overlap.
    static func draw(_ lines: [ChartMarkerLine], frame: CartesianFrame, into svg: inout SVGWriter) {
        guard !lines.isEmpty else {
            return
        }
        let rowCount = min(lines.count, CartesianFrame.markerLabelRows)
        svg.open("g", ["class": "marker-lines", "font-size": 11, "fill": ChartPalette.text])
        for (index, line) in lines.sorted(by: { $0.x < $1.x }).enumerated() {
            let x = frame.x(line.x)
            let row = index % rowCount
            let baseline =
                frame.plotTop - Double(rowCount - 1 - row) * CartesianFrame.markerLabelRowHeight - 4
            svg.element(
                "line",
                [
                    "x1": x, "y1": baseline + 3, "x2": x, "y2": frame.plotBottom,
                    "stroke": ChartPalette.markerLine,
                    "stroke-width": 1.5, "stroke-dasharray": "4 3",
                ])
            // A label goes right of its line unless it would run past the plot's right edge.
            // The width uses 6.2 px per character, an estimate for 11 px text.
            let anchorsEnd = x + 3 + Double(line.label.count) * 6.2 > frame.plotRight
            svg.element(
                "text",
                [
                    "x": anchorsEnd ? x - 3 : x + 3, "y": baseline,
                    "text-anchor": anchorsEnd ? "end" : "start",
                ], text: line.label)
        }
        svg.close("g")
    }
}
