import TensorCore

/// The file format of a data set, the `format` field of an experiment's `data` section.
public enum DataFormat: String, Codable, CaseIterable, Sendable {
    /// Four IDX files containing an official training set and an official test set, as MNIST and
    /// Fashion-MNIST ship them.
    case idx
    /// One CSV file of feature rows with a label column and no official test set.
    case csv
    /// A folder with one subfolder of PNG or JPEG files per class (torchvision's ImageFolder
    /// layout), or a folder with `train` and `test` folders of that layout. See `ImageOptions`.
    case imageFolder
    /// The binary CIFAR-10 or CIFAR-100 distribution. See
    /// `TrainingAndTestSets.init(cifarFolder:cifar100Labels:)`.
    case cifar

    /// Whether data of this format contains an official test set, so that no test split is carved:
    /// true for IDX and CIFAR, false for CSV, and nil for image folders, which have one only
    /// when they contain `train` and `test` folders.
    public var hasOfficialTestSet: Bool? {
        switch self {
        case .idx, .cifar: return true
        case .csv: return false
        case .imageFolder: return nil
        }
    }

    /// Decodes a format from its name, rejecting other names with the field path and the known names.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
