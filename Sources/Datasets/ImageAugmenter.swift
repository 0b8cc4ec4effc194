import TensorCore

/// Applies `AugmentationConfiguration` to standardized image samples of shape [C, H, W].
///
/// Each image gets its own `AugmentationDraw`. The transforms, as the image is displayed with row
/// 0 at the top:
/// 1. Geometry: the image is flipped, then rotated and scaled about its center
///    ((H - 1) / 2, (W - 1) / 2), then shifted by whole pixels. Each output pixel is read from
///    its source position by bilinear interpolation. Where that position lies outside the image,
///    the pixel is black (intensity 0). Without rotation and zoom, pixels are copied unchanged.
/// 2. Intensity: the brightness is added to every pixel, and each channel's deviations from its
///    own mean (black pixels of step 1 included) are multiplied by the contrast factor. The two
///    steps commute. The results are clipped to the intensity range 0...255.
///
/// The samples are standardized, so the augmenter works in standardized units: black is
/// (0 - mean) / std of each channel, and a brightness of b intensity units adds b / std. This is
/// exact for `global`, `perChannel` and `none` standardization, which map each channel by one
/// affine function, and the reason `perFeature` is rejected.
public struct ImageAugmenter: Sendable {
    /// The limits of the random choices.
    public let configuration: AugmentationConfiguration
    /// The shape of one sample, [C, H, W].
    public let sampleShape: [Int]
    /// The standardized value of intensity 0 in each channel, which is also the lower clip bound.
    let channelMinimums: [Float]
    /// The standardized value of intensity 255 in each channel, the upper clip bound.
    let channelMaximums: [Float]
    /// The standardized size of one intensity unit in each channel, 1 / std.
    let channelUnits: [Float]

    /// The intensity range of the image loaders.
    public static let maximumIntensity: Float = 255

    /// Creates an augmenter of samples with `sampleShape`, standardized by `standardization`.
    ///
    /// - Throws: `ConfigurationError` naming `data.augmentation` when the samples are not images of
    ///   shape [C, H, W], or when `standardization` is `perFeature` and any transform is on.
    public init(
        configuration: AugmentationConfiguration, sampleShape: [Int], standardization: Standardization
    ) throws {
        guard sampleShape.count == 3 else {
            throw ConfigurationError(
                field: "data.augmentation",
                rule: "needs image samples of shape [channels, height, width], but the samples have shape "
                    + "\(sampleShape) (remove augmentation for feature rows)")
        }
        let channels = sampleShape[0]
        let means: [Float]
        let deviations: [Float]
        switch standardization.mode {
        case .none:
            means = Array(repeating: 0, count: channels)
            deviations = Array(repeating: 1, count: channels)
        case .global:
            means = Array(repeating: standardization.means[0], count: channels)
            deviations = Array(repeating: standardization.standardDeviations[0], count: channels)
        case .perChannel:
            means = standardization.means
            deviations = standardization.standardDeviations
        case .perFeature:
            throw ConfigurationError(
                field: "data.augmentation",
                rule: "cannot be combined with \"normalization\": \"perFeature\", whose statistics belong to "
                    + "pixel positions (use global or perChannel)")
        }
        self.configuration = configuration
        self.sampleShape = sampleShape
        channelMinimums = zip(means, deviations).map { (0 - $0) / $1 }
        channelMaximums = zip(means, deviations).map { (Self.maximumIntensity - $0) / $1 }
        channelUnits = deviations.map { 1 / $0 }
    }

    /// The number of values in one sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// Draws the choices for one sample from `generator`.
    public func draw(using generator: inout SeededGenerator) -> AugmentationDraw {
        AugmentationDraw(
            drawing: configuration, height: sampleShape[1], width: sampleShape[2], using: &generator)
    }

    /// Writes `source`, one standardized sample, transformed by `draw` into `destination`.
    ///
    /// The two buffers hold `sampleSize` values each and must not overlap.
    public func apply(
        _ draw: AugmentationDraw, to source: UnsafePointer<Float>,
        into destination: UnsafeMutablePointer<Float>
    ) {
        if draw.isGeometric {
            warp(source, into: destination, by: draw)
        } else {
            destination.update(from: source, count: sampleSize)
        }
        if draw.isPhotometric {
            adjustIntensity(destination, by: draw)
        }
    }

    /// Applies `draw` to the sample `values` and returns the result; for tests and single images.
    public func applied(_ draw: AugmentationDraw, to values: [Float]) -> [Float] {
        precondition(values.count == sampleSize, "\(values.count) values do not fill shape \(sampleShape).")
        return [Float](unsafeUninitializedCapacity: sampleSize) { buffer, initializedCount in
            values.withUnsafeBufferPointer { apply(draw, to: $0.baseAddress!, into: buffer.baseAddress!) }
            initializedCount = sampleSize
        }
    }

    /// Adds the brightness and scales each channel's deviations from its mean, then clips.
    private func adjustIntensity(_ sample: UnsafeMutablePointer<Float>, by draw: AugmentationDraw) {
        let planeSize = sampleShape[1] * sampleShape[2]
        for channel in 0..<sampleShape[0] {
            let plane = sample + channel * planeSize
            var mean: Float = 0
            if draw.contrastFactor != 1 {
                var sum = 0.0
                for index in 0..<planeSize {
                    sum += Double(plane[index])
                }
                mean = Float(sum / Double(planeSize))
            }
            let factor = draw.contrastFactor
            let offset = mean * (1 - factor) + draw.brightness * channelUnits[channel]
            let lower = channelMinimums[channel]
            let upper = channelMaximums[channel]
            for index in 0..<planeSize {
                plane[index] = min(max(plane[index] * factor + offset, lower), upper)
            }
        }
    }
}
