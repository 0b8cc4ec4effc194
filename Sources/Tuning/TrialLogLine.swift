import Foundation

/// The console line for one finished trial, in a fixed shape with fields separated by two spaces:
///
/// ```
/// trial 3 complete  objective 0.8912  best 0.895 (trial 1)  12.3 s  learningRate=0.0031 units=64
/// trial 4 failed  objective -  best 0.895 (trial 1)  0.2 s  learningRate=0.09 units=32  error: out of memory
/// ```
///
/// Numbers have 4 significant digits; `-` stands for a missing objective, best trial or
/// parameter list. Parameters are sorted by name as `name=value`, and a string value with white
/// space is quoted as JSON. A failed or diverged trial ends with `error: ` and its message on
/// one line.
public struct TrialLogLine: Hashable, Sendable {
    /// The formatted line, without a line break.
    public let text: String

    /// Formats the line for finished `trial`, given the study's best trial after it.
    public init(trial: TrialRecord, best: TrialRecord?) {
        var fields: [String] = []
        fields.append("trial \(trial.number) \(trial.state.rawValue)")
        fields.append("objective \(trial.value.map(formatSignificant) ?? "-")")
        if let best, let value = best.value {
            fields.append("best \(formatSignificant(value)) (trial \(best.number))")
        } else {
            fields.append("best -")
        }
        fields.append(String(format: "%.1f s", trial.duration ?? 0))

        let parameters = trial.parameters.keys.sorted().map { "\($0)=\(trial.parameters[$0]!)" }
        fields.append(parameters.isEmpty ? "-" : parameters.joined(separator: " "))

        if let message = trial.errorMessage {
            let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
            fields.append("error: \(oneLine)")
        }
        text = fields.joined(separator: "  ")
    }
}
