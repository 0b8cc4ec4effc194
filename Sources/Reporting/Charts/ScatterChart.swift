/// A scatter chart of point series, with optional step lines drawn over them, such as the
/// objective of each trial of a study and the best value so far.
///
/// ```swift
/// let chart = ScatterChart(
///     title: "Optimization history", xAxisLabel: "trial", yAxisLabel: "validation loss",
///     series: [ChartSeries(name: "complete", points: trialPoints)],
///     stepLines: [ChartSeries(name: "best so far", points: bestPoints)])
/// ```
public struct ScatterChart: Equatable, Sendable {
    /// The heading drawn above the chart.
    public var title: String
    /// The label under the x axis.
    public var xAxisLabel: String
    /// The label beside the y axis.
    public var yAxisLabel: String
    /// The point series, each drawn as dots in its colour.
    public var series: [ChartSeries]
    /// Series drawn as step lines that hold each value until the next point's x, then jump,
    /// and end at the last point. They take the palette colours after those of `series`.
    public var stepLines: [ChartSeries]
    /// Whether x ticks are whole numbers, as for trial numbers.
    public var integerXTicks: Bool
    /// The size of the image.
    public var size: ChartSize

    /// Creates a scatter chart; see the properties for the meaning of each argument.
    public init(
        title: String, xAxisLabel: String, yAxisLabel: String, series: [ChartSeries],
        stepLines: [ChartSeries] = [], integerXTicks: Bool = true, size: ChartSize = .standard
    ) {
        self.title = title
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
        self.series = series
        self.stepLines = stepLines
        self.integerXTicks = integerXTicks
        self.size = size
    }

    /// Returns the chart as a standalone `<svg>` element.
    ///
    /// Points with a NaN or infinite coordinate are left out and counted in a note under the
    /// plot, and a chart without any finite point shows "no data".
    public func svg() -> String {
        let allSeries = series + stepLines
        let drawable = allSeries.map(\.drawablePoints)
        let xValues = drawable.flatMap { $0.map(\.x) }
        let yValues = drawable.flatMap { $0.map(\.y) }
        let xRange = ChartSeries.finiteRange(xValues) ?? (0, 1)
        let yRange = ChartSeries.finiteRange(yValues) ?? (0, 1)

        let colors = allSeries.enumerated().map { ChartPalette.color(at: $1.paletteIndex ?? $0) }
        let legendEntries =
            series.indices.map { LegendEntry(label: series[$0].name, color: colors[$0], symbol: .marker) }
            + stepLines.indices.map {
                LegendEntry(
                    label: stepLines[$0].name, color: colors[series.count + $0], symbol: .line(dashed: false))
            }
        let frame = CartesianFrame(
            size: size, title: title, xAxisLabel: xAxisLabel, yAxisLabel: yAxisLabel,
            xTicks: AxisTicks(
                covering: xRange.lower, xRange.upper, targetCount: 6, integerSteps: integerXTicks),
            yTicks: AxisTicks(covering: yRange.lower, yRange.upper, targetCount: 5),
            legendEntries: legendEntries, notes: ChartSeries.skippedPointsNote(allSeries).map { [$0] } ?? [])

        var svg = SVGWriter()
        CartesianFrame.openDocument(&svg, size: size, title: title)
        frame.drawFurniture(into: &svg)
        guard !yValues.isEmpty else {
            frame.drawNoData(into: &svg)
            svg.close("svg")
            return svg.markup
        }
        for (index, item) in series.enumerated() {
            svg.open(
                "g",
                ["class": "series", "data-series": item.name, "fill": colors[index], "fill-opacity": 0.8])
            for point in drawable[index] {
                svg.element(
                    "circle", ["cx": frame.x(point.x), "cy": frame.y(point.y), "r": 4.5],
                    tooltip:
                        "\(item.name): \(xAxisLabel) \(NumberFormatting.significant(point.x, digits: 6)), "
                        + "\(yAxisLabel) \(NumberFormatting.significant(point.y, digits: 6))")
            }
            svg.close("g")
        }
        for (offset, item) in stepLines.enumerated() {
            let points = drawable[series.count + offset]
            guard let first = points.first else {
                continue
            }
            var path = "M\(frame.x(first.x).svgText) \(frame.y(first.y).svgText)"
            for point in points.dropFirst() {
                path += " H\(frame.x(point.x).svgText) V\(frame.y(point.y).svgText)"
            }
            svg.element(
                "path",
                [
                    "class": "step-line", "data-series": item.name, "d": path, "fill": "none",
                    "stroke": colors[series.count + offset], "stroke-width": 2,
                ])
        }
        svg.close("svg")
        return svg.markup
    }
}
