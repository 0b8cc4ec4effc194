import TensorCore

/// Random changes to training images, drawn anew for every sample of every epoch: the
/// `augmentation` object of the `data` section.
///
/// ```json
/// "augmentation": {"horizontalFlip": true, "rotationDegrees": 10, "translation": 0.1,
///                  "zoom": 0.1, "brightness": 0.1, "contrast": 0.2}
/// ```
///
/// Every field is optional, with a default that turns its transform off, and every numeric field
/// can be tuned by a study (`data.augmentation.rotationDegrees`). Augmentation applies only to
/// the training split, never to validation or test, and only to image samples of shape
/// [C, H, W]. `ImageAugmenter` states how each transform works and in which order.
///
/// Intensities are in the units of the image loaders, 0...255. Standardization is fitted on the
/// images before augmentation, and the augmented values are standardized with the same
/// statistics, so `perFeature` normalization, whose statistics belong to pixel positions, cannot
/// be combined with a geometric transform.
public struct AugmentationConfiguration: Codable, Equatable, Sendable {
    /// Whether each image is mirrored left to right with probability 0.5. Default false.
    public var horizontalFlip: Bool
    /// Whether each image is mirrored top to bottom with probability 0.5. Default false.
    public var verticalFlip: Bool
    /// The largest rotation in degrees, in 0...180: the angle is uniform in
    /// [-rotationDegrees, rotationDegrees], positive counterclockwise. Default 0.
    public var rotationDegrees: Double
    /// The largest shift as a fraction of the height (vertical) and width (horizontal), in
    /// 0...0.5. Shifts are whole pixels, uniform in -m...m with m = round(fraction * side).
    /// Default 0.
    public var translation: Double
    /// The largest change of scale, in 0..<1: the scale is uniform in [1 - zoom, 1 + zoom], where
    /// a scale above 1 enlarges the content. Default 0.
    public var zoom: Double
    /// The largest brightness change as a fraction of the intensity range 0...255, in 0...1: a
    /// value uniform in [-brightness, brightness] times 255 is added to every pixel. Default 0.
    public var brightness: Double
    /// The largest contrast change, in 0..<1: each channel's deviations from its mean are
    /// multiplied by a factor uniform in [1 - contrast, 1 + contrast]. Default 0.
    public var contrast: Double

    /// A configuration with every transform off.
    public static let none = AugmentationConfiguration(
        checkedHorizontalFlip: false, verticalFlip: false, rotationDegrees: 0, translation: 0, zoom: 0,
        brightness: 0, contrast: 0)

    /// Whether any transform is on.
    public var isEnabled: Bool {
        horizontalFlip || verticalFlip || rotationDegrees > 0 || translation > 0 || zoom > 0 || brightness > 0
            || contrast > 0
    }

    /// Whether any transform moves pixels: a flip, a rotation, a shift or a zoom.
    public var isGeometric: Bool {
        horizontalFlip || verticalFlip || rotationDegrees > 0 || translation > 0 || zoom > 0
    }

    /// Creates a configuration after validating it.
    ///
    /// - Throws: `ConfigurationError` naming the field under `data.augmentation` whose value is
    ///   out of range.
    public init(
        horizontalFlip: Bool = false, verticalFlip: Bool = false, rotationDegrees: Double = 0,
        translation: Double = 0, zoom: Double = 0, brightness: Double = 0, contrast: Double = 0
    ) throws {
        self.init(
            checkedHorizontalFlip: horizontalFlip, verticalFlip: verticalFlip,
            rotationDegrees: rotationDegrees,
            translation: translation, zoom: zoom, brightness: brightness, contrast: contrast)
        try validate(fieldPath: { "data.augmentation.\($0.stringValue)" })
    }

    private init(
        checkedHorizontalFlip horizontalFlip: Bool, verticalFlip: Bool, rotationDegrees: Double,
        translation: Double, zoom: Double, brightness: Double, contrast: Double
    ) {
        self.horizontalFlip = horizontalFlip
        self.verticalFlip = verticalFlip
        self.rotationDegrees = rotationDegrees
        self.translation = translation
        self.zoom = zoom
        self.brightness = brightness
        self.contrast = contrast
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case horizontalFlip, verticalFlip, rotationDegrees, translation, zoom, brightness, contrast
    }

    /// Decodes and validates a configuration, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        horizontalFlip = try container.decodeIfPresent(Bool.self, forKey: .horizontalFlip) ?? false
        verticalFlip = try container.decodeIfPresent(Bool.self, forKey: .verticalFlip) ?? false
        rotationDegrees = try container.decodeIfPresent(Double.self, forKey: .rotationDegrees) ?? 0
        translation = try container.decodeIfPresent(Double.self, forKey: .translation) ?? 0
        zoom = try container.decodeIfPresent(Double.self, forKey: .zoom) ?? 0
        brightness = try container.decodeIfPresent(Double.self, forKey: .brightness) ?? 0
        contrast = try container.decodeIfPresent(Double.self, forKey: .contrast) ?? 0
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    private func validate(fieldPath: (CodingKeys) -> String) throws {
        let checks: [(key: CodingKeys, value: Double, isValid: Bool, rule: String)] = [
            (.rotationDegrees, rotationDegrees, (0...180).contains(rotationDegrees), "must be in 0...180"),
            (.translation, translation, (0...0.5).contains(translation), "must be in 0...0.5"),
            (.zoom, zoom, (0..<1).contains(zoom), "must be at least 0 and less than 1"),
            (.brightness, brightness, (0...1).contains(brightness), "must be in 0...1"),
            (.contrast, contrast, (0..<1).contains(contrast), "must be at least 0 and less than 1"),
        ]
        for check in checks where !check.isValid {
            throw ConfigurationError(field: fieldPath(check.key), rule: check.rule, value: "\(check.value)")
        }
    }
}
