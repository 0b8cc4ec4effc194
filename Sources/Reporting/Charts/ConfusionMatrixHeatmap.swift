import Evaluation

/// A confusion matrix drawn as a grid of cells with class names on both axes, the count in
/// each cell and a colour for the cell's share of its row.
///
/// Rows are true classes and columns are predicted classes. A cell's colour is
/// count / row total, so each row shows where the samples of its class went, and a small
/// class is as visible as a large one. The count itself is printed in the cell. A row without
/// samples stays white.
///
/// ```swift
/// let heatmap = ConfusionMatrixHeatmap(matrix: report.confusionMatrix, title: "Test confusion matrix")
/// let markup = heatmap.svg()
/// ```
public struct ConfusionMatrixHeatmap: Equatable, Sendable {
    /// The counts and class names to draw.
    public var matrix: ConfusionMatrix
    /// The heading drawn above the grid.
    public var title: String

    /// Class names longer than this are shortened in axis labels; the full name shows on hover.
    static let maximumLabelLength = 16
    /// Cells smaller than this many pixels leave out the count, which shows on hover.
    static let minimumCellSizeForText = 18.0

    /// Creates a heatmap of `matrix` under `title`.
    public init(matrix: ConfusionMatrix, title: String) {
        self.matrix = matrix
        self.title = title
    }

    /// Returns the heatmap as a standalone `<svg>` element, sized for the number of classes.
    public func svg() -> String {
        let names = matrix.classes.names
        let classCount = names.count
        let labels = names.map(Self.shortLabel)
        let labelWidth = Double(labels.map(\.count).max() ?? 1) * 6.6 + 10
        let cellSize = min(56, max(12, 560 / Double(classCount)))
        let gridLeft = 36 + labelWidth
        let gridTop = 54.0
        let gridSize = cellSize * Double(classCount)
        // Column labels are turned by 45°, so they need about 0.71 of their length below the grid.
        let gridBottom = gridTop + gridSize
        let axisLabelBaseline = gridBottom + labelWidth * 0.71 + 24
        let scaleLeft = gridLeft + gridSize + 28
        let size = ChartSize(width: max(scaleLeft + 80, 320), height: axisLabelBaseline + 14)

        var svg = SVGWriter()
        CartesianFrame.openDocument(&svg, size: size, title: title)
        CartesianFrame.drawTitle(title, size: size, into: &svg)

        let rowTotals = matrix.counts.map { $0.reduce(0, +) }
        svg.open("g", ["class": "cells"])
        for trueClass in 0..<classCount {
            for predictedClass in 0..<classCount {
                let count = matrix.counts[trueClass][predictedClass]
                let share = rowTotals[trueClass] == 0 ? 0 : Double(count) / Double(rowTotals[trueClass])
                let x = gridLeft + Double(predictedClass) * cellSize
                let y = gridTop + Double(trueClass) * cellSize
                let shareText =
                    rowTotals[trueClass] == 0
                    ? "no samples of this class" : "\(NumberFormatting.percent(share)) of \(names[trueClass])"
                let tooltip =
                    "true \(names[trueClass]), predicted \(names[predictedClass]): \(count) (\(shareText))"
                svg.element(
                    "rect",
                    [
                        "x": x, "y": y, "width": cellSize, "height": cellSize,
                        "fill": Self.color(forShare: share),
                        "stroke": "#ffffff", "stroke-width": 1,
                    ],
                    tooltip: tooltip)
                if cellSize >= Self.minimumCellSizeForText {
                    svg.element(
                        "text",
                        [
                            "x": x + cellSize / 2, "y": y + cellSize / 2 + 4, "text-anchor": "middle",
                            "font-size": min(12, cellSize * 0.32),
                            "fill": share > 0.5 ? "#ffffff" : ChartPalette.text,
                        ], text: String(count))
                }
            }
        }
        svg.close("g")

        svg.open("g", ["class": "class-labels", "font-size": 11, "fill": ChartPalette.text])
        for (index, label) in labels.enumerated() {
            let center = Double(index) * cellSize + cellSize / 2
            svg.element(
                "text", ["x": gridLeft - 6, "y": gridTop + center + 4, "text-anchor": "end"], text: label,
                tooltip: names[index])
            let columnX = gridLeft + center + 4
            svg.element(
                "text",
                [
                    "x": columnX, "y": gridBottom + 10, "text-anchor": "end",
                    "transform": "rotate(-45 \(columnX.svgText) \((gridBottom + 10).svgText))",
                ], text: label, tooltip: names[index])
        }
        svg.close("g")
        CartesianFrame.drawXAxisLabel(
            "predicted class", centerX: gridLeft + gridSize / 2, baseline: axisLabelBaseline, into: &svg)
        CartesianFrame.drawYAxisLabel("true class", centerY: gridTop + gridSize / 2, into: &svg)
        drawColorScale(left: scaleLeft, top: gridTop, height: max(gridSize, 120), into: &svg)
        svg.close("svg")
        return svg.markup
    }

    /// Draws the colour key: ten bands from 100 % at the top to 0 % at the bottom.
    private func drawColorScale(left: Double, top: Double, height: Double, into svg: inout SVGWriter) {
        let bandCount = 10
        let bandHeight = height / Double(bandCount)
        svg.open("g", ["class": "color-scale", "font-size": 11, "fill": ChartPalette.text])
        svg.element("text", ["x": left, "y": top - 14], text: "share of row")
        for band in 0..<bandCount {
            let share = 1 - (Double(band) + 0.5) / Double(bandCount)
            svg.element(
                "rect",
                [
                    "x": left, "y": top + Double(band) * bandHeight, "width": 14, "height": bandHeight + 0.5,
                    "fill": Self.color(forShare: share),
                ])
        }
        svg.element(
            "rect",
            ["x": left, "y": top, "width": 14, "height": height, "fill": "none", "stroke": ChartPalette.axis])
        for (share, label) in [(1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")] {
            svg.element("text", ["x": left + 19, "y": top + (1 - share) * height + 4], text: label)
        }
        svg.close("g")
    }

    /// Returns the fill for a row share in [0, 1]: white through mid blue to dark blue.
    static func color(forShare share: Double) -> String {
        let stops: [(red: Double, green: Double, blue: Double)] = [
            (247, 251, 255), (107, 174, 214), (8, 48, 107),
        ]
        let clamped = min(max(share, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let fraction = position - Double(lower)
        let from = stops[lower]
        let to = stops[lower + 1]
        func channel(_ start: Double, _ end: Double) -> Int {
            Int((start + (end - start) * fraction).rounded())
        }
        let red = channel(from.red, to.red)
        let green = channel(from.green, to.green)
        let blue = channel(from.blue, to.blue)
        return "rgb(\(red),\(green),\(blue))"
    }

    /// Returns `name` cut to `maximumLabelLength` characters, ending in "…" when cut.
    static func shortLabel(_ name: String) -> String {
        name.count <= maximumLabelLength ? name : String(name.prefix(maximumLabelLength - 1)) + "…"
    }
}
