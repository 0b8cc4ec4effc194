/// The parts of a chart with x and y axes that do not depend on the kind of chart: the title,
/// legend, grid, axes with ticks and labels, notes under the plot, and the mapping from data
/// coordinates to pixels.
struct CartesianFrame {
    let size: ChartSize
    let title: String
    let xAxisLabel: String
    let yAxisLabel: String
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    let legend: ChartLegend
    /// Sentences under the x-axis label, such as how many values were skipped.
    let notes: [String]

    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    /// Room between the x tick labels and the x-axis label, for long category labels.
    let extraBottomRoom: Double

    private static let titleBaseline = 22.0
    private static let noteLineHeight = 15.0
    /// Room above the plot for the labels of marker lines.
    static let markerLabelRows = 3
    static let markerLabelRowHeight = 14.0

    /// Lays out a chart of `size`. `reservesMarkerLabelRows` leaves room above the plot for
    /// that many rows of marker line labels, and `extraBottomRoom` leaves room under the plot
    /// for labels longer than tick labels.
    init(
        size: ChartSize, title: String, xAxisLabel: String, yAxisLabel: String, xTicks: AxisTicks,
        yTicks: AxisTicks, legendEntries: [LegendEntry], notes: [String], reservesMarkerLabelRows: Int = 0,
        extraBottomRoom: Double = 0
    ) {
        self.size = size
        self.title = title
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.notes = notes
        self.extraBottomRoom = extraBottomRoom

        let longestYLabel = yTicks.values.map { yTicks.label(for: $0).count }.max() ?? 1
        let left = 34 + Double(longestYLabel) * 6.6 + 8
        let right = size.width - 20
        let legend = ChartLegend(entries: legendEntries, left: left, right: right)
        self.legend = legend
        self.plotLeft = left
        self.plotRight = right
        self.plotTop =
            Self.titleBaseline + 12 + legend.height + 14
            + Double(reservesMarkerLabelRows) * Self.markerLabelRowHeight
        self.plotBottom = size.height - 46 - extraBottomRoom - Double(notes.count) * Self.noteLineHeight
    }

    /// Returns the horizontal pixel position of data value `value`.
    func x(_ value: Double) -> Double {
        plotLeft + (value - xTicks.lowerBound) / (xTicks.upperBound - xTicks.lowerBound)
            * (plotRight - plotLeft)
    }

    /// Returns the vertical pixel position of data value `value`; larger values are higher.
    func y(_ value: Double) -> Double {
        plotBottom - (value - yTicks.lowerBound) / (yTicks.upperBound - yTicks.lowerBound)
            * (plotBottom - plotTop)
    }

    /// Appends the opening `<svg>` tag with the chart's size and accessible name.
    static func openDocument(_ svg: inout SVGWriter, size: ChartSize, title: String) {
        svg.open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "chart", "role": "img", "aria-label": title,
                "viewBox": "0 0 \(size.width.svgText) \(size.height.svgText)", "width": size.width,
                "height": size.height, "font-family": "system-ui, 'DejaVu Sans', sans-serif",
            ])
        svg.element("rect", ["width": size.width, "height": size.height, "fill": "#ffffff"])
    }

    /// Draws everything but the data: title, legend, grid lines, axes, ticks, axis labels and
    /// notes. Without `drawsXTicks`, the x axis has no ticks or vertical grid lines, for a
    /// chart that labels its categories itself.
    func drawFurniture(into svg: inout SVGWriter, drawsXTicks: Bool = true) {
        let xTickValues = drawsXTicks ? xTicks.values : []
        Self.drawTitle(title, size: size, into: &svg)
        legend.draw(into: &svg, top: Self.titleBaseline + 10)

        svg.open("g", ["class": "grid", "stroke": ChartPalette.grid, "stroke-width": 1])
        for value in yTicks.values {
            svg.element("line", ["x1": plotLeft, "y1": y(value), "x2": plotRight, "y2": y(value)])
        }
        for value in xTickValues {
            svg.element("line", ["x1": x(value), "y1": plotTop, "x2": x(value), "y2": plotBottom])
        }
        svg.close("g")

        svg.open("g", ["class": "axes", "stroke": ChartPalette.axis, "stroke-width": 1])
        svg.element("line", ["x1": plotLeft, "y1": plotBottom, "x2": plotRight, "y2": plotBottom])
        svg.element("line", ["x1": plotLeft, "y1": plotTop, "x2": plotLeft, "y2": plotBottom])
        svg.close("g")

        svg.open(
            "g", ["class": "x-ticks", "font-size": 11, "fill": ChartPalette.text, "text-anchor": "middle"])
        for value in xTickValues {
            svg.element(
                "line",
                [
                    "x1": x(value), "y1": plotBottom, "x2": x(value), "y2": plotBottom + 5,
                    "stroke": ChartPalette.axis,
                ])
            svg.element("text", ["x": x(value), "y": plotBottom + 17], text: xTicks.label(for: value))
        }
        svg.close("g")
        svg.open("g", ["class": "y-ticks", "font-size": 11, "fill": ChartPalette.text, "text-anchor": "end"])
        for value in yTicks.values {
            svg.element(
                "line",
                [
                    "x1": plotLeft - 5, "y1": y(value), "x2": plotLeft, "y2": y(value),
                    "stroke": ChartPalette.axis,
                ])
            svg.element("text", ["x": plotLeft - 8, "y": y(value) + 4], text: yTicks.label(for: value))
        }
        svg.close("g")

        let xAxisLabelBaseline = plotBottom + 34 + extraBottomRoom
        Self.drawXAxisLabel(
            xAxisLabel, centerX: (plotLeft + plotRight) / 2, baseline: xAxisLabelBaseline, into: &svg)
        Self.drawYAxisLabel(yAxisLabel, centerY: (plotTop + plotBottom) / 2, into: &svg)
        Self.drawNotes(
            notes, left: plotLeft, firstBaseline: xAxisLabelBaseline + Self.noteLineHeight, into: &svg)
    }

    /// Writes "no data" in the middle of the plot area.
    func drawNoData(into svg: inout SVGWriter) {
        svg.element(
            "text",
            [
                "class": "no-data", "x": (plotLeft + plotRight) / 2, "y": (plotTop + plotBottom) / 2,
                "text-anchor": "middle", "font-size": 16, "fill": ChartPalette.mutedText,
            ], text: "no data")
    }

    static func drawTitle(_ title: String, size: ChartSize, into svg: inout SVGWriter) {
        svg.element(
            "text",
            [
                "class": "chart-title", "x": size.width / 2, "y": titleBaseline, "text-anchor": "middle",
                "font-size": 15, "font-weight": "bold", "fill": ChartPalette.text,
            ], text: title)
    }

    static func drawXAxisLabel(_ label: String, centerX: Double, baseline: Double, into svg: inout SVGWriter)
    {
        svg.element(
            "text",
            [
                "class": "axis-label", "x": centerX, "y": baseline, "text-anchor": "middle", "font-size": 12,
                "fill": ChartPalette.text,
            ], text: label)
    }

    static func drawYAxisLabel(_ label: String, centerY: Double, into svg: inout SVGWriter) {
        svg.element(
            "text",
            [
                "class": "axis-label", "transform": "rotate(-90)", "x": -centerY, "y": 16,
                "text-anchor": "middle", "font-size": 12, "fill": ChartPalette.text,
            ], text: label)
    }

    static func drawNotes(_ notes: [String], left: Double, firstBaseline: Double, into svg: inout SVGWriter) {
        for (index, note) in notes.enumerated() {
            svg.element(
                "text",
                [
                    "class": "chart-note", "x": left, "y": firstBaseline + Double(index) * noteLineHeight,
                    "font-size": 11, "fill": ChartPalette.mutedText,
                ], text: note)
        }
    }
}
