import TensorCore

/// The file format of a data set, the `format` field of an experiment's `data` section.
public enum DataFormat: String, Codable, CaseIterable, Sendable {
    /// Four IDX files containing an official training set and an official test set, as MNIST and
    /// Fashion-MNIST ship them.
    case idx
    /// One CSV file of feature rows with a label column and no official test set.
    case csv

    /// Whether files of this format contain an official test set, so that no test split is carved.
    public var hasOfficialTestSet: Bool {
        switch self {
        case .idx: return true
        case .csv: return false
        }
    }

    /// Decodes a format from its name, rejecting other names with the field path and the known names.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
