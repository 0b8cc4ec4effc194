/// A grouped bar chart: one group of bars per category, one bar per value series, such as
/// precision, recall and F1 for each class.
///
/// ```swift
/// let chart = BarChart(
///     title: "Per-class metrics", categoryAxisLabel: "class", valueAxisLabel: "score",
///     categories: ["cat", "dog"],
///     series: [
///         BarSeries(name: "precision", values: [0.9, 0.8]),
///         BarSeries(name: "recall", values: [0.7, 0.95]),
///     ],
///     valueRange: 0...1)
/// ```
public struct BarChart: Equatable, Sendable {
    /// The heading drawn above the chart.
    public var title: String
    /// The label under the category axis.
    public var categoryAxisLabel: String
    /// The label beside the value axis.
    public var valueAxisLabel: String
    /// The category names along the x axis, one group of bars each.
    public var categories: [String]
    /// The value series, one bar per category each, in legend order.
    public var series: [BarSeries]
    /// A fixed value axis range, such as 0...1 for scores; nil fits the axis to the values
    /// and 0.
    public var valueRange: ClosedRange<Double>?
    /// The size of the image.
    public var size: ChartSize

    /// Creates a bar chart; see the properties for the meaning of each argument.
    ///
    /// - Precondition: every series has one value per category.
    public init(
        title: String, categoryAxisLabel: String, valueAxisLabel: String, categories: [String],
        series: [BarSeries], valueRange: ClosedRange<Double>? = nil, size: ChartSize = .standard
    ) {
        for item in series {
            precondition(
                item.values.count == categories.count,
                "bar series '\(item.name)' has \(item.values.count) values for \(categories.count) categories"
            )
        }
        self.title = title
        self.categoryAxisLabel = categoryAxisLabel
        self.valueAxisLabel = valueAxisLabel
        self.categories = categories
        self.series = series
        self.valueRange = valueRange
        self.size = size
    }

    /// Returns the chart as a standalone `<svg>` element.
    ///
    /// NaN and infinite values get no bar and are counted in a note under the plot. A chart
    /// without categories or series, or without any finite value, shows "no data".
    public func svg() -> String {
        let finiteValues = series.flatMap(\.values).filter(\.isFinite)
        let skippedCount = series.flatMap(\.values).count - finiteValues.count
        let range =
            valueRange.map { ($0.lowerBound, $0.upperBound) }
            ?? ChartSeries.finiteRange(finiteValues + [0]) ?? (0, 1)
        let valueTicks = AxisTicks(covering: range.0, range.1, targetCount: 5)
        // The category axis is drawn by this chart, so its ticks only set an empty domain.
        let categoryTicks = AxisTicks(covering: 0, 1)

        var notes: [String] = []
        if skippedCount > 0 {
            notes.append(
                skippedCount == 1
                    ? "1 NaN or infinite value has no bar."
                    : "\(skippedCount) NaN or infinite values have no bar.")
        }
        let longestCategory = categories.map { ConfusionMatrixHeatmap.shortLabel($0).count }.max() ?? 0
        let rotatesLabels = categories.count > 6 || longestCategory > 10
        let labelRoom = rotatesLabels ? Double(longestCategory) * 6.6 * 0.71 : 0
        let frame = CartesianFrame(
            size: ChartSize(width: size.width, height: size.height + labelRoom), title: title,
            xAxisLabel: categoryAxisLabel, yAxisLabel: valueAxisLabel, xTicks: categoryTicks,
            yTicks: valueTicks,
            legendEntries: series.enumerated().map {
                LegendEntry(label: $1.name, color: ChartPalette.color(at: $0), symbol: .swatch)
            },
            notes: notes, extraBottomRoom: labelRoom)

        var svg = SVGWriter()
        CartesianFrame.openDocument(&svg, size: frame.size, title: title)
        frame.drawFurniture(into: &svg, drawsXTicks: false)
        drawCategoryLabels(frame: frame, rotatesLabels: rotatesLabels, into: &svg)
        guard !categories.isEmpty, !series.isEmpty, !finiteValues.isEmpty else {
            frame.drawNoData(into: &svg)
            svg.close("svg")
            return svg.markup
        }

        let groupWidth = (frame.plotRight - frame.plotLeft) / Double(categories.count)
        let barWidth = groupWidth * 0.8 / Double(series.count)
        let baseline = frame.y(min(max(0, valueTicks.lowerBound), valueTicks.upperBound))
        for (seriesIndex, item) in series.enumerated() {
            svg.open(
                "g",
                ["class": "series", "data-series": item.name, "fill": ChartPalette.color(at: seriesIndex)])
            for (categoryIndex, value) in item.values.enumerated() where value.isFinite {
                let x =
                    frame.plotLeft + groupWidth * (Double(categoryIndex) + 0.1) + barWidth
                    * Double(seriesIndex)
                let top = frame.y(value)
                svg.element(
                    "rect",
                    ["x": x, "y": min(top, baseline), "width": barWidth, "height": abs(baseline - top)],
                    tooltip:
                        "\(categories[categoryIndex]), \(item.name): \(NumberFormatting.significant(value))")
            }
            svg.close("g")
        }
        svg.close("svg")
        return svg.markup
    }

    /// Draws the category names under their groups, turned by 45° when they would not fit.
    private func drawCategoryLabels(frame: CartesianFrame, rotatesLabels: Bool, into svg: inout SVGWriter) {
        let groupWidth = (frame.plotRight - frame.plotLeft) / Double(max(categories.count, 1))
        svg.open("g", ["class": "category-labels", "font-size": 11, "fill": ChartPalette.text])
        for (index, name) in categories.enumerated() {
            let x = frame.plotLeft + groupWidth * (Double(index) + 0.5)
            let label = ConfusionMatrixHeatmap.shortLabel(name)
            if rotatesLabels {
                let y = frame.plotBottom + 12
                svg.element(
                    "text",
                    [
                        "x": x, "y": y, "text-anchor": "end",
                        "transform": "rotate(-45 \(x.svgText) \(y.svgText))",
                    ],
                    text: label, tooltip: name)
            } else {
                svg.element(
                    "text", ["x": x, "y": frame.plotBottom + 17, "text-anchor": "middle"], text: label,
                    tooltip: name)
            }
        }
        svg.close("g")
    }
}

/// One series of a bar chart: a name and one value per category.
public struct BarSeries: Equatable, Sendable {
    /// The name in the legend, such as "precision".
    public var name: String
    /// One value per category, in category order.
    public var values: [Double]

    /// Creates a series named `name` with `values`.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
