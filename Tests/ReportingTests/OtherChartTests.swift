import Evaluation
import Testing

@testable import Reporting

@Suite struct ScatterChartTests {
    @Test func drawsPointsAndStepLine() {
        let svg = ScatterChart(
            title: "History", xAxisLabel: "trial number", yAxisLabel: "validation loss",
            series: [
                ChartSeries(name: "complete", points: [ChartPoint(x: 0, y: 0.6), ChartPoint(x: 1, y: 0.4)])
            ],
            stepLines: [
                ChartSeries(
                    name: "best so far", points: [ChartPoint(x: 0, y: 0.6), ChartPoint(x: 1, y: 0.4)])
            ]
        ).svg()
        // Data points have radius 4.5; the legend's dot has radius 4.
        #expect(occurrences(of: "r=\"4.5\"", in: svg) == 2)
        expectContains(svg, "class=\"step-line\"")
        expectContains(svg, "d=\"M")
        expectContains(svg, " H")
        expectContains(svg, " V")
        expectContains(svg, ">best so far</text>")
        expectContains(svg, ">trial number</text>")
        expectContains(svg, ">validation loss</text>")
    }

    @Test func emptyShowsNoData() {
        let svg = ScatterChart(
            title: "History", xAxisLabel: "trial", yAxisLabel: "loss",
            series: [ChartSeries(name: "complete", points: [])]
        ).svg()
        expectContains(svg, ">no data</text>")
        expectLacks(svg, "r=\"4.5\"")
    }
}

@Suite struct ConfusionMatrixHeatmapTests {
    @Test func showsClassNamesCountsAndAxisLabels() throws {
        let report = try ReportFixtures.classificationReport()
        let svg = ConfusionMatrixHeatmap(matrix: report.confusionMatrix, title: "Confusion").svg()
        expectContains(svg, ">cat</text>")
        expectContains(svg, ">50</text>")
        expectContains(svg, ">35</text>")
        expectContains(svg, ">predicted class</text>")
        expectContains(svg, ">true class</text>")
        expectContains(svg, ">share of row</text>")
        expectLacks(svg, "<script>")
        // The long hostile name is shortened in labels and kept whole in the tooltip.
        expectContains(svg, ">&lt;script&gt;alert(1…</text>")
        expectContains(svg, "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>")
        expectContains(svg, ">say \"hi\" &amp; 'bye'</text>")
    }

    @Test func colourIsRowShare() throws {
        let classes = try ClassList(names: ["a", "b"])
        // Row a: 1 of 1 on the diagonal; row b: 1 of 100 on the diagonal.
        let matrix = try ConfusionMatrix(counts: [[1, 0], [99, 1]], classes: classes)
        let svg = ConfusionMatrixHeatmap(matrix: matrix, title: "t").svg()
        let full = ConfusionMatrixHeatmap.color(forShare: 1)
        #expect(full == "rgb(8,48,107)")
        #expect(ConfusionMatrixHeatmap.color(forShare: 0) == "rgb(247,251,255)")
        #expect(ConfusionMatrixHeatmap.color(forShare: 0.5) == "rgb(107,174,214)")
        expectContains(svg, "true a, predicted a: 1 (100.0 % of a)")
        expectContains(svg, "true b, predicted a: 99 (99.0 % of b)")
        expectContains(svg, "true b, predicted b: 1 (1.0 % of b)")
    }

    @Test func rowWithoutSamplesStaysWhite() throws {
        let classes = try ClassList(names: ["a", "b"])
        let matrix = try ConfusionMatrix(counts: [[3, 1], [0, 0]], classes: classes)
        let svg = ConfusionMatrixHeatmap(matrix: matrix, title: "t").svg()
        expectContains(svg, "true b, predicted b: 0 (no samples of this class)")
    }

    @Test func manyClassesLeaveOutCellText() throws {
        let classes = try ClassList(count: 100)
        let counts = (0..<100).map { row in (0..<100).map { $0 == row ? 7 : 0 } }
        let svg = ConfusionMatrixHeatmap(
            matrix: try ConfusionMatrix(counts: counts, classes: classes), title: "t"
        ).svg()
        let cells = slice(svg, from: "<g class=\"cells\">", to: "</g>")
        #expect(occurrences(of: "<rect", in: cells) == 10_000)
        expectLacks(cells, "<text")
        expectContains(svg, "true 42, predicted 42: 7")
    }
}

@Suite struct BarChartTests {
    @Test func drawsOneBarPerFiniteValue() {
        let svg = BarChart(
            title: "Scores", categoryAxisLabel: "class", valueAxisLabel: "score", categories: ["a", "b"],
            series: [
                BarSeries(name: "precision", values: [0.5, 1]),
                BarSeries(name: "recall", values: [0.25, .nan]),
            ],
            valueRange: 0...1
        ).svg()
        let bars = slice(svg, from: "<g class=\"series\"", to: "</svg>")
        #expect(occurrences(of: "<rect", in: bars) == 3)
        expectContains(svg, "1 NaN or infinite value has no bar.")
        expectContains(svg, ">precision</text>")
        expectContains(svg, ">class</text>")
        expectContains(svg, ">score</text>")
        expectContains(svg, ">1.0</text>")
        expectLacks(svg, "<title>b, recall")
        expectContains(svg, "<title>a, recall: 0.25</title>")
    }

    @Test func noCategoriesShowsNoData() {
        let svg = BarChart(
            title: "Scores", categoryAxisLabel: "class", valueAxisLabel: "score", categories: [], series: []
        ).svg()
        expectContains(svg, ">no data</text>")
    }

    @Test func manyCategoriesTurnLabels() {
        let names = (0..<10).map { "class \($0)" }
        let svg = BarChart(
            title: "Scores", categoryAxisLabel: "class", valueAxisLabel: "score", categories: names,
            series: [BarSeries(name: "F1", values: Array(repeating: 0.5, count: 10))]
        ).svg()
        expectContains(svg, "rotate(-45")
    }
}
