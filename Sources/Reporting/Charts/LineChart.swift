/// A line chart of one or more series against a shared x axis, with optional labelled vertical
/// marker lines, such as learning curves with the best epoch marked.
///
/// ```swift
/// let chart = LineChart(
///     title: "Loss", xAxisLabel: "epoch", yAxisLabel: "cross-entropy loss",
///     series: [ChartSeries(name: "training", points: [ChartPoint(x: 1, y: 0.9), ChartPoint(x: 2, y: 0.5)])],
///     markerLines: [ChartMarkerLine(x: 2, label: "best epoch 2")])
/// let markup = chart.svg()
/// ```
public struct LineChart: Equatable, Sendable {
    /// The heading drawn above the chart.
    public var title: String
    /// The label under the x axis, with the unit where there is one.
    public var xAxisLabel: String
    /// The label beside the y axis, with the unit where there is one.
    public var yAxisLabel: String
    /// The series, drawn in order, so later series lie on top.
    public var series: [ChartSeries]
    /// Vertical lines with labels; the x axis widens to include them.
    public var markerLines: [ChartMarkerLine]
    /// Whether x ticks are whole numbers, as for epochs.
    public var integerXTicks: Bool
    /// The size of the image.
    public var size: ChartSize

    /// Creates a line chart; see the properties for the meaning of each argument.
    public init(
        title: String, xAxisLabel: String, yAxisLabel: String, series: [ChartSeries],
        markerLines: [ChartMarkerLine] = [], integerXTicks: Bool = false, size: ChartSize = .standard
    ) {
        self.title = title
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
        self.series = series
        self.markerLines = markerLines
        self.integerXTicks = integerXTicks
        self.size = size
    }

    /// Returns the chart as a standalone `<svg>` element.
    ///
    /// Points with a NaN or infinite coordinate are left out, and a note under the plot counts
    /// them. A chart without any finite point shows "no data" over empty axes, and marker lines
    /// whose x value is not finite are left out.
    public func svg() -> String {
        let drawable = series.map(\.drawablePoints)
        let lines = markerLines.filter { $0.x.isFinite }
        let xValues = drawable.flatMap { $0.map(\.x) } + lines.map(\.x)
        let yValues = drawable.flatMap { $0.map(\.y) }
        let hasData = !yValues.isEmpty

        let xRange = ChartSeries.finiteRange(xValues) ?? (0, 1)
        let yRange = ChartSeries.finiteRange(yValues) ?? (0, 1)
        let legendEntries = series.enumerated().map { index, item in
            LegendEntry(
                label: item.name, color: ChartPalette.color(at: item.paletteIndex ?? index),
                symbol: .line(dashed: item.isDashed))
        }
        let frame = CartesianFrame(
            size: size, title: title, xAxisLabel: xAxisLabel, yAxisLabel: yAxisLabel,
            xTicks: AxisTicks(
                covering: xRange.lower, xRange.upper, targetCount: 6, integerSteps: integerXTicks),
            yTicks: AxisTicks(covering: yRange.lower, yRange.upper, targetCount: 5),
            legendEntries: legendEntries, notes: ChartSeries.skippedPointsNote(series).map { [$0] } ?? [],
            reservesMarkerLabelRows: min(lines.count, CartesianFrame.markerLabelRows))

        var svg = SVGWriter()
        CartesianFrame.openDocument(&svg, size: size, title: title)
        frame.drawFurniture(into: &svg)
        MarkerLineDrawing.draw(lines, frame: frame, into: &svg)
        if hasData {
            for (index, item) in series.enumerated() {
                drawSeries(
                    item, points: drawable[index], color: ChartPalette.color(at: item.paletteIndex ?? index),
                    frame: frame, into: &svg)
            }
        } else {
            frame.drawNoData(into: &svg)
        }
        svg.close("svg")
        return svg.markup
    }

    private func drawSeries(
        _ item: ChartSeries, points: [ChartPoint], color: String, frame: CartesianFrame,
        into svg: inout SVGWriter
    ) {
        guard !points.isEmpty else {
            return
        }
        svg.open("g", ["class": "series", "data-series": item.name])
        if points.count > 1 {
            let path = points.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(frame.x(point.x).svgText) \(frame.y(point.y).svgText)"
            }.joined(separator: " ")
            svg.element(
                "path",
                [
                    "d": path, "fill": "none", "stroke": color, "stroke-width": 2, "stroke-linejoin": "round",
                    "stroke-dasharray": item.isDashed ? "6 4" : "none",
                ])
        }
        if item.showsMarkers || points.count == 1 {
            for point in points {
                svg.element(
                    "circle", ["cx": frame.x(point.x), "cy": frame.y(point.y), "r": 3.5, "fill": color],
                    tooltip: "\(item.name): x = \(NumberFormatting.significant(point.x, digits: 6)), "
                        + "y = \(NumberFormatting.significant(point.y, digits: 6))")
            }
        }
        svg.close("g")
    }
}
