import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Image augmentation transforms")
struct ImageAugmenterTests {
    static let unstandardized = Standardization(mode: .none, means: [], standardDeviations: [])

    /// Returns an augmenter of one-channel images of `height` x `width` with no standardization.
    func augmenter(
        height: Int, width: Int, channels: Int = 1, standardization: Standardization = unstandardized
    ) throws -> ImageAugmenter {
        try ImageAugmenter(
            configuration: .none, sampleShape: [channels, height, width], standardization: standardization)
    }

    /// The 2 x 3 image [[1, 2, 3], [4, 5, 6]].
    let twoByThree: [Float] = [1, 2, 3, 4, 5, 6]
    /// The 3 x 3 image [[1, 2, 3], [4, 5, 6], [7, 8, 9]].
    let threeByThree: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]

    @Test func identityDrawCopies() throws {
        let result = try augmenter(height: 2, width: 3).applied(.identity, to: twoByThree)
        #expect(result == twoByThree)
    }

    @Test func horizontalFlipMirrorsRows() throws {
        let draw = AugmentationDraw(flipsHorizontally: true)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        #expect(result == [3, 2, 1, 6, 5, 4])
    }

    @Test func verticalFlipSwapsRows() throws {
        let draw = AugmentationDraw(flipsVertically: true)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        #expect(result == [4, 5, 6, 1, 2, 3])
    }

    @Test func flipsApplyPerChannel() throws {
        let twoChannels = twoByThree + twoByThree.map { $0 * 10 }
        let draw = AugmentationDraw(flipsHorizontally: true)
        let result = try augmenter(height: 2, width: 3, channels: 2).applied(draw, to: twoChannels)
        #expect(result == [3, 2, 1, 6, 5, 4, 30, 20, 10, 60, 50, 40])
    }

    @Test func quarterTurnCounterclockwise() throws {
        let draw = AugmentationDraw(angle: .pi / 2)
        let result = try augmenter(height: 3, width: 3).applied(draw, to: threeByThree)
        // numpy.rot90 of the same image, which turns counterclockwise.
        let expected: [Float] = [3, 6, 9, 2, 5, 8, 1, 4, 7]
        for (value, wanted) in zip(result, expected) {
            #expect(abs(value - wanted) < 1e-4, "\(result)")
        }
    }

    @Test func quarterTurnClockwise() throws {
        let draw = AugmentationDraw(angle: -.pi / 2)
        let result = try augmenter(height: 3, width: 3).applied(draw, to: threeByThree)
        let expected: [Float] = [7, 4, 1, 8, 5, 2, 9, 6, 3]
        for (value, wanted) in zip(result, expected) {
            #expect(abs(value - wanted) < 1e-4, "\(result)")
        }
    }

    @Test func shiftRightByOnePixel() throws {
        let draw = AugmentationDraw(shiftX: 1)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        #expect(result == [0, 1, 2, 0, 4, 5])
    }

    @Test func shiftUpByOnePixel() throws {
        let draw = AugmentationDraw(shiftY: -1)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        #expect(result == [4, 5, 6, 0, 0, 0])
    }

    @Test func shiftAfterFlip() throws {
        // Flipped to [[3, 2, 1], [6, 5, 4]], then shifted one pixel to the left.
        let draw = AugmentationDraw(flipsHorizontally: true, shiftX: -1)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        #expect(result == [2, 1, 0, 5, 4, 0])
    }

    @Test func shiftThroughInterpolatingPath() throws {
        // A zoom of 1 + 1e-7 takes the interpolating path, which must agree with the copy.
        let draw = AugmentationDraw(scale: 1 + 1e-7, shiftX: 1)
        let result = try augmenter(height: 2, width: 3).applied(draw, to: twoByThree)
        for (value, wanted) in zip(result, [0, 1, 2, 0, 4, 5] as [Float]) {
            #expect(abs(value - wanted) < 1e-4, "\(result)")
        }
    }

    @Test func zoomInReadsBetweenPixels() throws {
        // Scale 2 about the center (1, 1): output (0, 0) reads source (0.5, 0.5), the mean of
        // 1, 2, 4 and 5, and the center stays.
        let draw = AugmentationDraw(scale: 2)
        let result = try augmenter(height: 3, width: 3).applied(draw, to: threeByThree)
        #expect(abs(result[0] - 3) < 1e-5)
        #expect(abs(result[4] - 5) < 1e-5)
        #expect(abs(result[8] - 7) < 1e-5)
    }

    @Test func zoomOutFillsBlack() throws {
        // Scale 0.5: output (0, 0) reads source (-1, -1), outside the image.
        let draw = AugmentationDraw(scale: 0.5)
        let result = try augmenter(height: 3, width: 3).applied(draw, to: threeByThree)
        #expect(result[0] == 0)
        #expect(abs(result[4] - 5) < 1e-5)
    }

    @Test func brightnessAddsIntensity() throws {
        // A brightness of +0.1 of the range 0...255 adds 25.5, and 250 is clipped at 255.
        let draw = AugmentationDraw(brightness: Float(0.1 * 255))
        let result = try augmenter(height: 1, width: 3).applied(draw, to: [0, 100, 250])
        #expect(result == [25.5, 125.5, 255])
    }

    @Test func brightnessInStandardizedUnits() throws {
        // With mean 100 and standard deviation 50, +25.5 intensity levels add 0.51.
        let standardization = Standardization(mode: .global, means: [100], standardDeviations: [50])
        let draw = AugmentationDraw(brightness: 25.5)
        let result = try augmenter(height: 1, width: 2, standardization: standardization)
            .applied(draw, to: [0, 1])
        #expect(abs(result[0] - 0.51) < 1e-6)
        #expect(abs(result[1] - 1.51) < 1e-6)
    }

    @Test func contrastScalesAroundMean() throws {
        let draw = AugmentationDraw(contrastFactor: 2)
        let result = try augmenter(height: 1, width: 3).applied(draw, to: [90, 100, 110])
        #expect(result == [80, 100, 120])
    }

    @Test func contrastClipsToRange() throws {
        let draw = AugmentationDraw(contrastFactor: 3)
        let result = try augmenter(height: 1, width: 2).applied(draw, to: [10, 200])
        // The mean is 105, so the values become -180 and 390 before clipping.
        #expect(result == [0, 255])
    }

    @Test func blackFillIsStandardizedZero() throws {
        let standardization = Standardization(
            mode: .perChannel, means: [100, 50], standardDeviations: [50, 25])
        let draw = AugmentationDraw(shiftX: 1)
        let result = try augmenter(height: 1, width: 2, channels: 2, standardization: standardization)
            .applied(draw, to: [7, 8, 7, 8])
        #expect(result == [-2, 7, -2, 7])
    }

    @Test func featureRowsRejected() {
        let error = #expect(throws: ConfigurationError.self) {
            try ImageAugmenter(configuration: .none, sampleShape: [30], standardization: Self.unstandardized)
        }
        #expect(error?.field == "data.augmentation")
    }

    @Test func perFeatureStandardizationRejected() {
        let standardization = Standardization(mode: .perFeature, means: [0, 0], standardDeviations: [1, 1])
        let error = #expect(throws: ConfigurationError.self) {
            try ImageAugmenter(
                configuration: .none, sampleShape: [1, 1, 2], standardization: standardization)
        }
        #expect(error?.rule.contains("perFeature") == true)
    }
}
