import TensorCore

/// The filter that resizes an image to the configured size, applied by stb_image_resize 0.97.
///
/// Both filters work on linear values (no sRGB conversion) and repeat the edge pixels beyond the
/// image border. Neither keeps the aspect ratio: an image is stretched to the configured height and
/// width.
public enum ResizeMethod: String, Codable, CaseIterable, Sendable {
    /// A triangle (tent) filter: bilinear interpolation when enlarging, and a tent filter widened by
    /// the reduction factor when shrinking, so that every source pixel contributes.
    case bilinear
    /// A box filter: when shrinking by a whole factor, each output pixel is the mean of the source
    /// pixels it covers.
    case area

    /// Decodes a case from its name, rejecting other names with the field path and the known names.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
