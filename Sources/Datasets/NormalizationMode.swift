import TensorCore

/// The grouping of feature values that share one mean and one standard deviation in standardization.
public enum NormalizationMode: String, Codable, CaseIterable, Sendable {
    /// One mean and standard deviation over all values of all samples, the default for images.
    case global
    /// One pair per feature position, for rows of tabular features.
    case perFeature
    /// One pair per channel of [C, H, W] images, over all pixels of that channel.
    case perChannel
    /// No standardization: values pass through unchanged.
    case none

    /// Decodes a mode from its name, rejecting other names with the field path and the known names.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
