extension HTMLReport {
    /// Creates the report of one training run: summary, configuration, data and its warnings,
    /// learning curves, confusion matrix, per-class metrics and diagnosis.
    ///
    /// Sections without input, such as the confusion matrix of a run that was not evaluated,
    /// stay in the report with a note on what is missing.
    public init(run input: RunSummaryInput) {
        let history = input.history
        let curves = LearningCurveCharts.charts(for: history)
        self.init(
            title: input.runName, subtitle: "Training run report",
            sections: [
                ReportSection(id: "summary", heading: "Summary", bodyMarkup: Self.runSummary(input)),
                ReportSection(
                    id: "configuration", heading: "Configuration",
                    bodyMarkup: ParameterTable.markup(input.parameters)),
                ReportSection(id: "data", heading: "Data", bodyMarkup: Self.dataSummary(input)),
                ReportSection(
                    id: "learning-curves", heading: "Learning curves",
                    bodyMarkup: ReportMarkup.figureRow(curves.map { ReportMarkup.figure($0) })),
                EvaluationSections.confusionMatrix(
                    input.evaluation, split: input.evaluationSplit, id: "confusion-matrix"),
                EvaluationSections.perClassMetrics(
                    input.evaluation, split: input.evaluationSplit, id: "per-class-metrics"),
                DiagnosisSection.make(input.diagnosis, id: "diagnosis", heading: "Diagnosis"),
            ])
    }

    private static func dataSummary(_ input: RunSummaryInput) -> String {
        var body = ReportMarkup.facts(input.dataFacts.map { ($0.name, $0.value) })
        if input.dataWarnings.isEmpty {
            body += ReportMarkup.paragraph("No warnings about the splits.")
        } else {
            body += ReportMarkup.list(input.dataWarnings, cssClass: "warnings")
        }
        return body
    }

    private static func runSummary(_ input: RunSummaryInput) -> String {
        let history = input.history
        var facts: [(label: String, value: String)] = [("epochs trained", String(history.epochs.count))]
        if let best = history.bestEpoch {
            facts.append(("best epoch", String(best)))
        }
        if let stopped = history.stoppedEpoch {
            facts.append(("stopped early at epoch", String(stopped)))
        }
        let reference =
            history.bestEpoch.flatMap { best in history.epochs.first { $0.epoch == best } }
            ?? history.epochs.last
        if let reference {
            let epochName = history.bestEpoch == nil ? "last epoch" : "best epoch"
            if let loss = reference.validationLoss {
                facts.append(("validation loss, \(epochName)", NumberFormatting.significant(loss)))
            }
            if let accuracy = reference.validationAccuracy {
                facts.append(("validation accuracy, \(epochName)", NumberFormatting.percent(accuracy)))
            }
        }
        if let seconds = history.totalSeconds {
            facts.append(("training time", NumberFormatting.duration(seconds)))
        }
        if let evaluation = input.evaluation {
            facts.append(("\(input.evaluationSplit) accuracy", NumberFormatting.percent(evaluation.accuracy)))
            facts.append(
                ("\(input.evaluationSplit) macro F1", NumberFormatting.fixed(evaluation.macroF1, digits: 4)))
        }
        if let diagnosis = input.diagnosis {
            facts.append(("diagnosis", diagnosis.verdict.description))
        }
        facts += input.facts.map { ($0.name, $0.value) }
        return ReportMarkup.facts(facts)
    }
}
