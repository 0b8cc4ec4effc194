/// One hyperparameter and its value as text, such as `learningRate` = `0.003`.
///
/// Values are text so that numbers, categories and booleans share one column; the caller
/// formats numbers as it wants them shown.
public struct ParameterSetting: Codable, Equatable, Hashable, Sendable {
    /// The parameter name or configuration path, such as "optimizer.learningRate".
    public var name: String
    /// The value as shown in tables and CSV files.
    public var value: String

    /// Creates the setting `name` = `value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Returns the entries of `parameters` as settings sorted by name, the stable order that
    /// tables and CSV columns use.
    public static func sortedByName(_ parameters: [String: String]) -> [ParameterSetting] {
        parameters.map { ParameterSetting(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }
}
