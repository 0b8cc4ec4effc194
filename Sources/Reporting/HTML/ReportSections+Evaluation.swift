import Evaluation

/// Sections that show a `ClassificationReport`.
enum EvaluationSections {
    /// Returns the section with headline metrics, zero-division warnings and the confusion
    /// matrix of `report`, measured on `split`.
    static func confusionMatrix(_ report: ClassificationReport?, split: String, id: String) -> ReportSection {
        guard let report else {
            return missingEvaluation(id: id, heading: "Confusion matrix", split: split)
        }
        var body = ReportMarkup.facts([
            ("split", split),
            ("samples", String(report.sampleCount)),
            ("accuracy", NumberFormatting.percent(report.accuracy)),
            ("macro F1", NumberFormatting.fixed(report.macroF1, digits: 4)),
            ("weighted F1", NumberFormatting.fixed(report.weightedF1, digits: 4)),
            ("macro precision", NumberFormatting.fixed(report.macroPrecision, digits: 4)),
            ("macro recall", NumberFormatting.fixed(report.macroRecall, digits: 4)),
        ])
        if !report.warnings.isEmpty {
            body += ReportMarkup.list(report.warnings, cssClass: "warnings")
        }
        let heatmap = ConfusionMatrixHeatmap(
            matrix: report.confusionMatrix, title: "Confusion matrix, \(split) split")
        body += ReportMarkup.figure(
            heatmap.svg(),
            caption: "Rows are true classes, columns predicted classes. Cells show counts; "
                + "colour is the share of the row, so each row shows where the samples of one class went.")
        return ReportSection(id: id, heading: "Confusion matrix (\(split))", bodyMarkup: body)
    }

    /// Returns the section with per-class precision, recall, F1 and support as a table and a
    /// bar chart.
    static func perClassMetrics(_ report: ClassificationReport?, split: String, id: String) -> ReportSection {
        guard let report else {
            return missingEvaluation(id: id, heading: "Per-class metrics", split: split)
        }
        let header: [ReportMarkup.Cell] = [
            .init(text: "class"), .number("precision"), .number("recall"), .number("F1"), .number("support"),
        ]
        var rows = report.perClass.map { metrics -> [ReportMarkup.Cell] in
            [
                .init(text: metrics.className), .number(NumberFormatting.fixed(metrics.precision, digits: 4)),
                .number(NumberFormatting.fixed(metrics.recall, digits: 4)),
                .number(NumberFormatting.fixed(metrics.f1, digits: 4)), .number(String(metrics.support)),
            ]
        }
        rows.append([
            .init(text: "macro average"), .number(NumberFormatting.fixed(report.macroPrecision, digits: 4)),
            .number(NumberFormatting.fixed(report.macroRecall, digits: 4)),
            .number(NumberFormatting.fixed(report.macroF1, digits: 4)), .number(String(report.sampleCount)),
        ])
        rows.append([
            .init(text: "weighted average"),
            .number(NumberFormatting.fixed(report.weightedPrecision, digits: 4)),
            .number(NumberFormatting.fixed(report.weightedRecall, digits: 4)),
            .number(NumberFormatting.fixed(report.weightedF1, digits: 4)),
            .number(String(report.sampleCount)),
        ])
        let chart = BarChart(
            title: "Precision, recall and F1 per class (\(split))", categoryAxisLabel: "class",
            valueAxisLabel: "score", categories: report.perClass.map(\.className),
            series: [
                BarSeries(name: "precision", values: report.perClass.map(\.precision)),
                BarSeries(name: "recall", values: report.perClass.map(\.recall)),
                BarSeries(name: "F1", values: report.perClass.map(\.f1)),
            ],
            valueRange: 0...1,
            size: ChartSize(width: max(600, 70 + 48 * Double(report.perClass.count)), height: 360))
        let body = ReportMarkup.figureRow([
            ReportMarkup.table(header: header, rows: rows), ReportMarkup.figure(chart.svg()),
        ])
        return ReportSection(id: id, heading: "Per-class metrics (\(split))", bodyMarkup: body)
    }

    private static func missingEvaluation(id: String, heading: String, split: String) -> ReportSection {
        ReportSection(
            id: id, heading: heading,
            bodyMarkup: ReportMarkup.paragraph(
                "No evaluation on the \(split) split was recorded.", cssClass: "empty"))
    }
}
