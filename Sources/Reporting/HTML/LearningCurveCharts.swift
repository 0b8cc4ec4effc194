/// Line charts of loss, accuracy and learning rate per epoch.
enum LearningCurveCharts {
    /// More learning-rate changes than this, as from a schedule that changes the rate every
    /// epoch, get a chart of their own instead of one marker line each.
    static let maximumMarkedRateChanges = 5
    /// Runs with at most this many epochs get a dot per epoch.
    static let maximumEpochsWithMarkers = 40

    /// Returns the loss chart, the accuracy chart when the run recorded accuracy, and a
    /// learning-rate chart when the rate changed more often than marker lines can show.
    ///
    /// Loss and accuracy charts mark the best epoch, the early-stopping epoch and each
    /// change of learning rate with a labelled vertical line.
    static func charts(for history: RunHistory) -> [String] {
        let epochs = history.epochs.map { Double($0.epoch) }
        let showsMarkers = history.epochs.count <= maximumEpochsWithMarkers
        let markerLines = markerLines(for: history)
        func series(_ name: String, _ values: (EpochMetrics) -> Double?) -> ChartSeries {
            ChartSeries(
                name: name, xValues: epochs, values: history.epochs.map(values), showsMarkers: showsMarkers)
        }

        // The training loss is always drawn, so that a run without epochs still gets a chart
        // that shows "no data". Series of metrics the run did not record are left out.
        let loss =
            [series("training loss", { $0.trainingLoss })]
            + [series("validation loss", { $0.validationLoss })].filter { !$0.points.isEmpty }
        var charts = [
            LineChart(
                title: "Loss per epoch", xAxisLabel: "epoch", yAxisLabel: "loss", series: loss,
                markerLines: markerLines, integerXTicks: true
            ).svg()
        ]
        let accuracy = [
            series("training accuracy", { $0.trainingAccuracy }),
            series("validation accuracy", { $0.validationAccuracy }),
        ].filter { !$0.points.isEmpty }
        if !accuracy.isEmpty {
            charts.append(
                LineChart(
                    title: "Accuracy per epoch", xAxisLabel: "epoch",
                    yAxisLabel: "accuracy (fraction correct)",
                    series: accuracy, markerLines: markerLines, integerXTicks: true
                ).svg())
        }
        if history.learningRateChanges.count > maximumMarkedRateChanges {
            var rate = series("learning rate", { $0.learningRate })
            rate.paletteIndex = 2
            charts.append(
                LineChart(
                    title: "Learning rate per epoch", xAxisLabel: "epoch", yAxisLabel: "learning rate",
                    series: [rate], integerXTicks: true
                ).svg())
        }
        return charts
    }

    /// Returns the labelled lines at the best epoch, the early-stopping epoch and each change
    /// of learning rate, leaving out the rate changes when there are too many to read.
    static func markerLines(for history: RunHistory) -> [ChartMarkerLine] {
        var lines: [ChartMarkerLine] = []
        if let best = history.bestEpoch {
            lines.append(ChartMarkerLine(x: Double(best), label: "best epoch \(best)"))
        }
        if let stopped = history.stoppedEpoch {
            lines.append(ChartMarkerLine(x: Double(stopped), label: "early stop at epoch \(stopped)"))
        }
        let rateChanges = history.learningRateChanges
        if rateChanges.count <= maximumMarkedRateChanges {
            lines += rateChanges.map { change in
                let from = NumberFormatting.significant(change.from, digits: 3)
                let to = NumberFormatting.significant(change.to, digits: 3)
                return ChartMarkerLine(x: Double(change.epoch), label: "LR \(from) → \(to)")
            }
        }
        return lines
    }

    /// Returns a loss chart and, when any run recorded accuracy, an accuracy chart that
    /// compare `histories`: validation values solid and training values dashed, one colour per
    /// run.
    static func comparisonCharts(for histories: [RunHistory]) -> [String] {
        func pairs(validation: (EpochMetrics) -> Double?, training: (EpochMetrics) -> Double?)
            -> [ChartSeries]
        {
            let all = histories.enumerated().flatMap { index, history in
                let epochs = history.epochs.map { Double($0.epoch) }
                return [
                    ChartSeries(
                        name: "\(history.name) validation", xValues: epochs,
                        values: history.epochs.map(validation),
                        paletteIndex: index),
                    ChartSeries(
                        name: "\(history.name) training", xValues: epochs,
                        values: history.epochs.map(training),
                        isDashed: true, paletteIndex: index),
                ]
            }
            return all.filter { !$0.points.isEmpty }
        }
        let loss = pairs(validation: { $0.validationLoss }, training: { $0.trainingLoss })
        let accuracy = pairs(validation: { $0.validationAccuracy }, training: { $0.trainingAccuracy })

        var charts = [
            LineChart(
                title: "Loss per epoch", xAxisLabel: "epoch", yAxisLabel: "loss", series: loss,
                integerXTicks: true
            ).svg()
        ]
        if !accuracy.isEmpty {
            charts.append(
                LineChart(
                    title: "Accuracy per epoch", xAxisLabel: "epoch",
                    yAxisLabel: "accuracy (fraction correct)",
                    series: accuracy, integerXTicks: true
                ).svg())
        }
        return charts
    }
}
