/// The file format of a data set given by `path`: the `format` field of the `data` section.
///
/// Without a format, `path` contains the four IDX files of an MNIST-like data set.
public enum DataFormat: String, Codable, CaseIterable, Sendable {
    /// A folder with one subfolder of PNG or JPEG files per class (torchvision's ImageFolder
    /// layout), or a folder with `train` and `test` folders of that layout. See `ImageOptions`.
    case imageFolder
    /// The binary CIFAR-10 or CIFAR-100 distribution. See `TrainingAndTestSets.init(cifarFolder:cifar100Labels:)`.
    case cifar

    /// Decodes a case from its name, rejecting other names with the field path and the known names.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeName(from: decoder)
    }
}
