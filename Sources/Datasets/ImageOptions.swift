import TensorCore

/// Settings that turn image files into samples: channel count, size, and the treatment of
/// unreadable files and empty class folders. It is the `images` object of the `data` section.
///
/// ```json
/// "images": {"channels": 1, "size": [28, 28], "resizeMethod": "area", "skipUnreadable": true}
/// ```
///
/// Channel rules, applied to every image before resizing:
/// - Alpha is dropped, as Pillow's `convert("RGB")` and `convert("L")` do: an RGBA pixel keeps its
///   RGB values whatever its opacity, and a gray-and-alpha pixel keeps its gray value.
/// - RGB becomes gray with the ITU-R BT.601 luma weights 0.299 R + 0.587 G + 0.114 B, unrounded.
/// - Gray becomes RGB by repeating the gray value in all three channels.
///
/// Streaming: with `memoryLimitMB` set, the images are not all held in memory. They are decoded
/// once to check and measure them, and then again from their files whenever a batch needs a
/// sample that the cache of decoded samples does not hold (`StreamedImageSet`, `SampleCache`).
public struct ImageOptions: Codable, Equatable, Sendable {
    /// Channels per sample: 1 (gray) or 3 (RGB). When nil, samples get 1 channel if every image file
    /// is gray (with or without alpha), and 3 otherwise.
    public var channels: Int?
    /// The size every image is resized to. When nil, images keep their size, and all must share one.
    public var size: ImageSize?
    /// The filter used when an image is resized. Default `bilinear`.
    public var resizeMethod: ResizeMethod
    /// Whether a file that cannot be read or decoded is skipped and counted in the load report.
    /// When false (the default), such a file stops loading with an error naming it.
    public var skipUnreadable: Bool
    /// Whether a class folder without any loadable image keeps its class name and label with no
    /// samples. When false (the default), such a folder stops loading with an error naming it.
    public var allowEmptyClasses: Bool
    /// When set, the data set streams from its files, and its decoded samples take at most this
    /// many mebibytes of memory: one byte per value when every image is 8-bit and keeps its size
    /// and channel count, else 4 bytes. Memory that grows with the batch size, such as
    /// the batches being assembled and the model's activations, comes on top. When nil (the
    /// default), every image is decoded into memory before training.
    public var memoryLimitMB: Int?

    /// Creates options after validating them.
    ///
    /// - Throws: `ConfigurationError` naming `data.images.channels` when `channels` is not 1 or 3.
    public init(
        channels: Int? = nil, size: ImageSize? = nil, resizeMethod: ResizeMethod = .bilinear,
        skipUnreadable: Bool = false, allowEmptyClasses: Bool = false, memoryLimitMB: Int? = nil
    ) throws {
        self.init(
            checkedChannels: channels, size: size, resizeMethod: resizeMethod, skipUnreadable: skipUnreadable,
            allowEmptyClasses: allowEmptyClasses, memoryLimitMB: memoryLimitMB)
        try validate(fieldPath: { "data.images.\($0.stringValue)" })
    }

    /// The default options: channels from the files, no resizing, and errors for unreadable files
    /// and empty classes.
    public static let defaults = ImageOptions(
        checkedChannels: nil, size: nil, resizeMethod: .bilinear, skipUnreadable: false,
        allowEmptyClasses: false, memoryLimitMB: nil)

    private init(
        checkedChannels channels: Int?, size: ImageSize?, resizeMethod: ResizeMethod, skipUnreadable: Bool,
        allowEmptyClasses: Bool, memoryLimitMB: Int?
    ) {
        self.channels = channels
        self.size = size
        self.resizeMethod = resizeMethod
        self.skipUnreadable = skipUnreadable
        self.allowEmptyClasses = allowEmptyClasses
        self.memoryLimitMB = memoryLimitMB
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case channels, size, resizeMethod, skipUnreadable, allowEmptyClasses, memoryLimitMB
    }

    /// Decodes and validates options, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channels = try container.decodeIfPresent(Int.self, forKey: .channels)
        size = try container.decodeIfPresent(ImageSize.self, forKey: .size)
        resizeMethod = try container.decodeIfPresent(ResizeMethod.self, forKey: .resizeMethod) ?? .bilinear
        skipUnreadable = try container.decodeIfPresent(Bool.self, forKey: .skipUnreadable) ?? false
        allowEmptyClasses = try container.decodeIfPresent(Bool.self, forKey: .allowEmptyClasses) ?? false
        memoryLimitMB = try container.decodeIfPresent(Int.self, forKey: .memoryLimitMB)
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    private func validate(fieldPath: (CodingKeys) -> String) throws {
        if let channels, channels != 1 && channels != 3 {
            throw ConfigurationError(
                field: fieldPath(.channels), rule: "must be 1 (gray) or 3 (RGB)", value: "\(channels)")
        }
        if let size, size.height < 1 || size.width < 1 {
            throw ConfigurationError(
                field: fieldPath(.size), rule: "must have a positive height and width", value: "\(size)")
        }
        if let memoryLimitMB, memoryLimitMB < 1 || memoryLimitMB > (1 << 30) {
            throw ConfigurationError(
                field: fieldPath(.memoryLimitMB),
                rule: "must be a whole number of mebibytes from 1 to 1073741824",
                value: "\(memoryLimitMB)")
        }
    }
}
