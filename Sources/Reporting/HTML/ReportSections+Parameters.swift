/// The table of a configuration's parameters.
enum ParameterTable {
    /// Returns a two-column table of `parameters`, or a note when there are none.
    static func markup(_ parameters: [ParameterSetting]) -> String {
        guard !parameters.isEmpty else {
            return ReportMarkup.paragraph("No parameters were recorded.", cssClass: "empty")
        }
        return ReportMarkup.table(
            header: [.init(text: "parameter"), .init(text: "value")],
            rows: parameters.map { [.init(text: $0.name), .init(text: $0.value)] })
    }
}
