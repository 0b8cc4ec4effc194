import Foundation
import TensorCore

/// The random choices of augmentation for one image: which flips, how much rotation, zoom,
/// shift, brightness and contrast.
public struct AugmentationDraw: Equatable, Sendable {
    /// Whether the image is mirrored left to right.
    public var flipsHorizontally: Bool
    /// Whether the image is mirrored top to bottom.
    public var flipsVertically: Bool
    /// The rotation in radians, positive counterclockwise as the image is displayed (row 0 at
    /// the top).
    public var angle: Float
    /// The scale about the image center; above 1 enlarges the content.
    public var scale: Float
    /// The shift to the right in pixels; negative shifts left.
    public var shiftX: Int
    /// The shift down in pixels; negative shifts up.
    public var shiftY: Int
    /// The intensity added to every pixel, in the units of the loaders (0...255).
    public var brightness: Float
    /// The factor applied to each channel's deviations from its mean.
    public var contrastFactor: Float

    /// The draw that leaves an image unchanged.
    public static let identity = AugmentationDraw()

    /// Creates a draw; the defaults leave an image unchanged.
    public init(
        flipsHorizontally: Bool = false, flipsVertically: Bool = false, angle: Float = 0, scale: Float = 1,
        shiftX: Int = 0, shiftY: Int = 0, brightness: Float = 0, contrastFactor: Float = 1
    ) {
        self.flipsHorizontally = flipsHorizontally
        self.flipsVertically = flipsVertically
        self.angle = angle
        self.scale = scale
        self.shiftX = shiftX
        self.shiftY = shiftY
        self.brightness = brightness
        self.contrastFactor = contrastFactor
    }

    /// Whether the draw moves pixels.
    public var isGeometric: Bool {
        flipsHorizontally || flipsVertically || angle != 0 || scale != 1 || shiftX != 0 || shiftY != 0
    }

    /// Whether the draw changes intensities.
    public var isPhotometric: Bool {
        brightness != 0 || contrastFactor != 1
    }

    /// Draws the choices for one image of `height` x `width` pixels from `generator`, within the
    /// limits of `configuration`.
    ///
    /// Every draw takes exactly eight values from `generator`, one per choice in the order of the
    /// properties, whether or not the configuration turns the choice on. So turning one transform
    /// on or off does not change what the others draw.
    public init(
        drawing configuration: AugmentationConfiguration, height: Int, width: Int,
        using generator: inout SeededGenerator
    ) {
        // Eight uniforms in [0, 1), drawn in a fixed order.
        let uniforms = (0..<8).map { _ in generator.nextUnitFloat() }
        // A value uniform in [-1, 1).
        func symmetric(_ index: Int) -> Float { 2 * uniforms[index] - 1 }
        // An integer uniform in -limit...limit.
        func shift(_ index: Int, limit: Int) -> Int {
            min(Int((uniforms[index] * Float(2 * limit + 1)).rounded(.down)), 2 * limit) - limit
        }

        let maximumShiftX = Int((configuration.translation * Double(width)).rounded())
        let maximumShiftY = Int((configuration.translation * Double(height)).rounded())
        self.init(
            flipsHorizontally: configuration.horizontalFlip && uniforms[0] < 0.5,
            flipsVertically: configuration.verticalFlip && uniforms[1] < 0.5,
            angle: symmetric(2) * Float(configuration.rotationDegrees * Double.pi / 180),
            scale: 1 + symmetric(3) * Float(configuration.zoom),
            shiftX: shift(4, limit: maximumShiftX),
            shiftY: shift(5, limit: maximumShiftY),
            brightness: symmetric(6) * Float(configuration.brightness * 255),
            contrastFactor: 1 + symmetric(7) * Float(configuration.contrast))
    }
}
