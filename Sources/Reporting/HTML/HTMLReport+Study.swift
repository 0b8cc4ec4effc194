extension HTMLReport {
    /// Creates the report of a hyperparameter study.
    ///
    /// Sections: summary with trial counts by state, best configuration, optimization
    /// history, trials table best first, and learning curves of the best
    /// `learningCurveTrialCount` trials that have a history. Then the best model's confusion
    /// matrix and per-class metrics on the test split, and the diagnosis.
    public init(study input: StudySummaryInput, learningCurveTrialCount: Int = 3) {
        let ranked = input.rankedTrials
        let curveHistories = ranked.compactMap { input.trialHistories[$0.number] }.prefix(
            max(learningCurveTrialCount, 0))
        let curvesBody: String
        if curveHistories.isEmpty {
            curvesBody = ReportMarkup.paragraph(
                "No learning curves were recorded for the best trials.", cssClass: "empty")
        } else {
            let names = curveHistories.map(\.name).joined(separator: ", ")
            curvesBody =
                ReportMarkup.paragraph(
                    "Trials shown, best first: \(names). Validation solid, training dashed.")
                + ReportMarkup.figureRow(
                    LearningCurveCharts.comparisonCharts(for: Array(curveHistories)).map {
                        ReportMarkup.figure($0)
                    })
        }

        self.init(
            title: input.studyName, subtitle: "Hyperparameter study report",
            sections: [
                ReportSection(id: "summary", heading: "Summary", bodyMarkup: Self.studySummary(input)),
                ReportSection(
                    id: "best-configuration", heading: "Best configuration",
                    bodyMarkup: ParameterTable.markup(input.bestParameters)),
                ReportSection(
                    id: "optimization-history", heading: "Optimization history",
                    bodyMarkup: ReportMarkup.figure(Self.optimizationHistoryChart(input))),
                ReportSection(
                    id: "trials", heading: "Trials",
                    bodyMarkup: StudyTrialsTable.markup(input, ranked: ranked)),
                ReportSection(
                    id: "learning-curves", heading: "Learning curves of the best trials",
                    bodyMarkup: curvesBody),
                EvaluationSections.confusionMatrix(input.testReport, split: "test", id: "confusion-matrix"),
                EvaluationSections.perClassMetrics(input.testReport, split: "test", id: "per-class-metrics"),
                DiagnosisSection.make(
                    input.diagnosis, id: "diagnosis", heading: "Diagnosis of the best trial"),
            ])
    }

    private static func studySummary(_ input: StudySummaryInput) -> String {
        var facts: [(label: String, value: String)] = [
            ("objective", "\(input.objectiveName) (\(input.direction.rawValue))"),
            ("trials", String(input.trials.count)),
        ]
        if let best = input.bestTrial {
            facts.append(("best trial", "#\(best.number)"))
            facts.append(
                (
                    "best \(input.objectiveName)",
                    best.objective.map { NumberFormatting.significant($0) } ?? "none"
                ))
        } else {
            facts.append(("best trial", "none yet"))
        }
        if let testReport = input.testReport {
            facts.append(("test accuracy", NumberFormatting.percent(testReport.accuracy)))
            facts.append(("test macro F1", NumberFormatting.fixed(testReport.macroF1, digits: 4)))
        }
        let counts = input.trialCountsByState
        let countsTable = ReportMarkup.table(
            header: counts.map { ReportMarkup.Cell(text: $0.state.rawValue, isNumeric: true) },
            rows: [counts.map { .number(String($0.count)) }])
        return ReportMarkup.facts(facts) + "<h3>Trials by state</h3>" + countsTable
    }

    private static func optimizationHistoryChart(_ input: StudySummaryInput) -> String {
        let sorted = input.trials.sorted { $0.number < $1.number }
        func points(_ state: TrialRow.State) -> [ChartPoint] {
            sorted.filter { $0.state == state }.compactMap { trial in
                trial.objective.map { ChartPoint(x: Double(trial.number), y: $0) }
            }
        }
        var series = [ChartSeries(name: "complete trials", points: points(.complete))]
        let pruned = points(.pruned)
        if !pruned.isEmpty {
            series.append(ChartSeries(name: "pruned trials (last value)", points: pruned, paletteIndex: 4))
        }
        let best = ChartSeries(
            name: "best so far",
            points: input.bestObjectiveSoFar.map { ChartPoint(x: Double($0.trialNumber), y: $0.objective) },
            paletteIndex: 1)
        return ScatterChart(
            title: "Objective per trial", xAxisLabel: "trial number",
            yAxisLabel:
                "\(input.objectiveName) (\(input.direction == .minimize ? "lower" : "higher") is better)",
            series: series, stepLines: [best]
        ).svg()
    }
}
