import Testing

@testable import Reporting

@Suite struct LineChartTests {
    static func chart(_ series: [ChartSeries], markerLines: [ChartMarkerLine] = []) -> String {
        LineChart(
            title: "Loss", xAxisLabel: "epoch", yAxisLabel: "loss", series: series, markerLines: markerLines,
            integerXTicks: true
        ).svg()
    }

    @Test func drawsTitleAxisLabelsAndLegend() {
        let svg = Self.chart([
            ChartSeries(name: "training loss", points: [ChartPoint(x: 1, y: 0.9), ChartPoint(x: 2, y: 0.5)])
        ])
        let isWholeSVG = svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>")
        #expect(isWholeSVG)
        expectContains(svg, ">Loss</text>")
        expectContains(svg, ">epoch</text>")
        expectContains(svg, "transform=\"rotate(-90)\"")
        expectContains(svg, ">loss</text>")
        expectContains(svg, "<g class=\"legend\">")
        expectContains(svg, ">training loss</text>")
        expectContains(svg, "<path d=\"M")
        expectLacks(svg, "no data")
    }

    @Test func tickLabelsAreRoundNumbers() {
        let svg = Self.chart([
            ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: 0.13), ChartPoint(x: 2, y: 0.87)])
        ])
        for label in ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"] {
            expectContains(svg, ">\(label)</text>")
        }
    }

    @Test func emptySeriesShowsNoData() {
        let svg = Self.chart([ChartSeries(name: "validation loss", points: [])])
        expectContains(svg, "class=\"no-data\"")
        expectContains(svg, ">no data</text>")
        expectContains(svg, ">epoch</text>")
        expectLacks(svg, "<path")
    }

    @Test func noSeriesShowsNoData() {
        expectContains(Self.chart([]), ">no data</text>")
    }

    @Test func singlePointGetsMarker() {
        let svg = Self.chart([ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: 0.5)])])
        expectContains(svg, "<circle")
        expectLacks(svg, "<path")
        expectLacks(svg, "no data")
        // One value 0.5 is widened to 0.45...0.55, so its ticks are 0.44 to 0.56.
        expectContains(svg, ">0.50</text>")
    }

    @Test func equalValuesGetAnAxisAroundThem() {
        let points = (1...5).map { ChartPoint(x: Double($0), y: 2) }
        let svg = Self.chart([ChartSeries(name: "flat", points: points)])
        expectContains(svg, ">2.0</text>")
        expectContains(svg, ">1.8</text>")
        expectContains(svg, ">2.2</text>")
        expectLacks(svg, "nan")
        expectLacks(svg, "inf")
    }

    @Test func nonFiniteValuesAreSkippedAndCounted() {
        let svg = Self.chart([
            ChartSeries(
                name: "training loss",
                points: [
                    ChartPoint(x: 1, y: 0.9), ChartPoint(x: 2, y: .nan), ChartPoint(x: 3, y: .infinity),
                    ChartPoint(x: 4, y: 0.4),
                ]),
            ChartSeries(
                name: "validation loss", points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: -.infinity)]),
        ])
        expectContains(
            svg, "3 points with NaN or infinite values are not shown (training loss: 2, validation loss: 1).")
        expectLacks(svg, "NaN\"")
        expectLacks(svg, "=\"nan\"")
        expectLacks(svg, "=\"inf\"")
    }

    @Test func onlyNonFiniteValuesShowNoData() {
        let svg = Self.chart([ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: .nan)])])
        expectContains(svg, ">no data</text>")
        expectContains(svg, "1 point with a NaN or infinite value is not shown (loss: 1).")
    }

    @Test func markerLinesAreLabelledAndEscaped() {
        let svg = Self.chart(
            [ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 10, y: 0.2)])],
            markerLines: [
                ChartMarkerLine(x: 4, label: "best epoch 4"), ChartMarkerLine(x: 6, label: "LR 0.01 → 0.001"),
                ChartMarkerLine(x: 7, label: "<b>stop</b>"), ChartMarkerLine(x: .nan, label: "skipped line"),
            ])
        expectContains(svg, "<g class=\"marker-lines\"")
        expectContains(svg, ">best epoch 4</text>")
        expectContains(svg, ">LR 0.01 → 0.001</text>")
        expectContains(svg, ">&lt;b&gt;stop&lt;/b&gt;</text>")
        expectLacks(svg, "<b>")
        expectLacks(svg, "skipped line")
    }

    @Test func markerLineOutsideDataWidensAxis() {
        let svg = Self.chart(
            [ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 3, y: 0.5)])],
            markerLines: [ChartMarkerLine(x: 8, label: "early stop")])
        expectContains(svg, ">8</text>")
    }

    @Test func seriesNamesAreEscaped() {
        let svg = Self.chart([
            ChartSeries(
                name: ReportFixtures.hostileName, points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: 2)])
        ])
        expectLacks(svg, "<script>")
        expectContains(svg, "&lt;script&gt;alert(1)&lt;/script&gt;")
    }
}
