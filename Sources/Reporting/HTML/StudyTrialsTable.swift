/// The table of all trials of a study, best first.
enum StudyTrialsTable {
    /// Returns the table: rank, trial number, state, objective, epochs, duration, one column
    /// per parameter and the message, with the best trial's row highlighted.
    static func markup(_ input: StudySummaryInput, ranked: [TrialRow]) -> String {
        guard !ranked.isEmpty else {
            return ReportMarkup.paragraph("The study has no trials yet.", cssClass: "empty")
        }
        let parameterNames = input.parameterNames
        let header: [ReportMarkup.Cell] =
            [
                .number("rank"), .number("trial"), .init(text: "state"), .number(input.objectiveName),
                .number("epochs"), .number("time"),
            ]
            + parameterNames.map { ReportMarkup.Cell(text: $0) } + [.init(text: "message")]

        let bestNumber = input.bestTrial?.number
        let objectiveDecimals = NumberFormatting.columnDecimals(ranked.compactMap(\.objective))
        var rank = 0
        var rowClasses: [String?] = []
        let rows = ranked.map { trial -> [ReportMarkup.Cell] in
            let isRanked = trial.state == .complete && trial.finiteObjective != nil
            if isRanked {
                rank += 1
            }
            rowClasses.append(trial.number == bestNumber ? "best" : nil)
            let values = trial.parameterValuesByName
            var cells: [ReportMarkup.Cell] = [
                .number(isRanked ? String(rank) : "–"), .number(String(trial.number)),
                ReportMarkup.Cell(text: trial.state.rawValue, markup: ReportMarkup.stateBadge(trial.state)),
                .number(trial.objective.map { NumberFormatting.fixed($0, digits: objectiveDecimals) } ?? ""),
                .number(trial.epochs.map(String.init) ?? ""),
                .number(trial.seconds.map(NumberFormatting.duration) ?? ""),
            ]
            cells += parameterNames.map { ReportMarkup.Cell(text: values[$0] ?? "") }
            cells.append(ReportMarkup.Cell(text: trial.message ?? "", cssClass: "message"))
            return cells
        }
        let order = input.direction == .minimize ? "lowest" : "highest"
        let caption =
            "Complete trials ranked by \(input.objectiveName), \(order) first; other trials follow by number."
        return ReportMarkup.paragraph(caption)
            + ReportMarkup.table(header: header, rows: rows, rowClasses: rowClasses)
    }
}
