import Evaluation

/// The section that shows a learning-curve `Diagnosis`.
enum DiagnosisSection {
    /// Returns the verdict, the rule that fired, its evidence and the advice, or a note that
    /// no diagnosis was made.
    static func make(_ diagnosis: Diagnosis?, id: String, heading: String) -> ReportSection {
        guard let diagnosis else {
            return ReportSection(
                id: id, heading: heading,
                bodyMarkup: ReportMarkup.paragraph(
                    "No diagnosis of the learning curves was recorded.", cssClass: "empty"))
        }
        let verdict = diagnosis.verdict
        var body =
            "<p><span class=\"verdict verdict-\(verdict.rawValue)\">\(HTML.escape(verdict.description))</span></p>"
        body += "<h3>Rule</h3>" + ReportMarkup.paragraph(diagnosis.ruleDescription)
        body +=
            "<h3>Evidence</h3>"
            + ReportMarkup.list(diagnosis.evidence.description.components(separatedBy: "; "))
        body += "<h3>Advice</h3>" + ReportMarkup.list(diagnosis.advice)
        return ReportSection(id: id, heading: heading, bodyMarkup: body)
    }
}
