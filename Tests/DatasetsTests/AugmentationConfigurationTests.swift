import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Augmentation configuration and draws")
struct AugmentationConfigurationTests {
    func decode(_ json: String) throws -> DataConfiguration {
        try DataConfigurationTests().decode(json)
    }

    @Test func documentedExampleDecodes() throws {
        let configuration = try decode(
            #"""
            {"dataset": "mnist", "augmentation": {"horizontalFlip": true, "rotationDegrees": 10,
             "translation": 0.1, "zoom": 0.1, "brightness": 0.1, "contrast": 0.2}}
            """#)
        let augmentation = try #require(configuration.augmentation)
        #expect(
            try augmentation
                == AugmentationConfiguration(
                    horizontalFlip: true, rotationDegrees: 10, translation: 0.1, zoom: 0.1, brightness: 0.1,
                    contrast: 0.2))
        #expect(augmentation.isEnabled)
        #expect(augmentation.isGeometric)
    }

    @Test func emptyObjectTurnsEverythingOff() throws {
        let augmentation = try #require(try decode(#"{"dataset": "mnist", "augmentation": {}}"#).augmentation)
        #expect(augmentation == .none)
        #expect(!augmentation.isEnabled)
    }

    @Test func encodingRoundTrips() throws {
        let configuration = try DataConfiguration(
            dataset: "mnist", augmentation: AugmentationConfiguration(verticalFlip: true, contrast: 0.5))
        let json = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(DataConfiguration.self, from: json) == configuration)
    }

    @Test(arguments: [
        (#"{"rotationDegrees": 181}"#, "data.augmentation.rotationDegrees"),
        (#"{"rotationDegrees": -1}"#, "data.augmentation.rotationDegrees"),
        (#"{"translation": 0.6}"#, "data.augmentation.translation"),
        (#"{"zoom": 1}"#, "data.augmentation.zoom"),
        (#"{"brightness": 1.5}"#, "data.augmentation.brightness"),
        (#"{"contrast": 1}"#, "data.augmentation.contrast"),
        (#"{"flip": true}"#, "data.augmentation.flip"),
    ])
    func invalidFieldNamed(json: String, field: String) {
        let error = DataConfigurationTests().decodingError(#"{"dataset": "mnist", "augmentation": \#(json)}"#)
        #expect(error?.field == field)
    }

    @Test func perFeatureNormalizationRejected() {
        let error = DataConfigurationTests().decodingError(
            #"{"dataset": "mnist", "normalization": "perFeature", "augmentation": {"brightness": 0.1}}"#)
        #expect(error?.field == "data.augmentation")
    }

    @Test func disabledConfigurationDrawsIdentity() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<100 {
            let draw = AugmentationDraw(drawing: .none, height: 32, width: 32, using: &generator)
            #expect(draw == .identity)
        }
    }

    @Test func drawsStayWithinLimits() throws {
        let configuration = try AugmentationConfiguration(
            rotationDegrees: 10, translation: 0.1, zoom: 0.2, brightness: 0.1, contrast: 0.3)
        var generator = SeededGenerator(seed: 2)
        var shifts = Set<Int>()
        for _ in 0..<2_000 {
            let draw = AugmentationDraw(drawing: configuration, height: 32, width: 32, using: &generator)
            #expect(abs(draw.angle) <= Float(10 * Double.pi / 180))
            #expect(draw.scale >= 0.8)
            #expect(draw.scale <= 1.2)
            #expect(abs(draw.brightness) <= 25.5)
            #expect(draw.contrastFactor >= 0.7)
            #expect(draw.contrastFactor <= 1.3)
            shifts.insert(draw.shiftX)
            shifts.insert(draw.shiftY)
        }
        // round(0.1 * 32) = 3, so the shifts are -3...3, and 2,000 draws reach each of them.
        #expect(shifts == Set(-3...3))
    }

    @Test func flipsHappenAboutHalfTheTime() throws {
        let configuration = try AugmentationConfiguration(horizontalFlip: true)
        var generator = SeededGenerator(seed: 3)
        let flips = (0..<2_000).filter { _ in
            AugmentationDraw(drawing: configuration, height: 8, width: 8, using: &generator).flipsHorizontally
        }.count
        #expect(flips > 900)
        #expect(flips < 1_100)
    }

    @Test func turningOnFlipKeepsOtherDraws() throws {
        let shiftOnly = try AugmentationConfiguration(translation: 0.25)
        let withFlip = try AugmentationConfiguration(horizontalFlip: true, translation: 0.25)
        var first = SeededGenerator(seed: 4)
        var second = SeededGenerator(seed: 4)
        for _ in 0..<50 {
            let a = AugmentationDraw(drawing: shiftOnly, height: 16, width: 16, using: &first)
            let b = AugmentationDraw(drawing: withFlip, height: 16, width: 16, using: &second)
            #expect(a.shiftX == b.shiftX)
            #expect(a.shiftY == b.shiftY)
        }
    }
}
