import Foundation
import Testing

@testable import Datasets

// Every image here is a PNG written by `PNGBytes`, and every expected value is worked out by hand
// from the samples written.

@Suite("Image folders: hand-made PNG files")
struct ImageFolderLayoutTests {
    /// A 2 x 2 RGBA image whose alpha runs from transparent to opaque.
    static let rgba = PNGBytes.encode(
        width: 2, height: 2, colorType: .rgba,
        samples: [
            10, 20, 30, 0, 40, 50, 60, 85,
            70, 80, 90, 170, 200, 100, 0, 255,
        ])
    /// A 2 x 2 gray image.
    static let gray = PNGBytes.encode(width: 2, height: 2, colorType: .gray, samples: [0, 64, 128, 255])

    @Test func rgbaDropsAlpha() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.rgba, to: "only/image.png")

        let loaded = try LoadedImageFolder(loading: folder.url)
        #expect(loaded.dataset.sampleShape == [3, 2, 2])
        // Planar: the four reds, then the four greens, then the four blues.
        #expect(loaded.dataset.features == [10, 40, 70, 200, 20, 50, 80, 100, 30, 60, 90, 0])
        #expect(loaded.report.convertedImageCount == 1)
    }

    @Test func rgbaToGray() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.rgba, to: "only/image.png")

        let loaded = try LoadedImageFolder(loading: folder.url, options: ImageOptions(channels: 1))
        // 0.299 R + 0.587 G + 0.114 B of each pixel.
        let expected: [Float] = [18.15, 48.15, 78.15, 118.5]
        #expect(loaded.dataset.sampleShape == [1, 2, 2])
        for (value, gray) in zip(loaded.dataset.features, expected) {
            #expect(abs(value - gray) < 1e-4)
        }
    }

    @Test func grayPNGKeepsOneChannel() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "only/image.png")
        try folder.write(
            PNGBytes.encode(
                width: 2, height: 2, colorType: .grayAlpha, samples: [1, 0, 2, 50, 3, 100, 4, 255]),
            to: "only/with-alpha.png")

        let loaded = try LoadedImageFolder(loading: folder.url)
        #expect(loaded.dataset.sampleShape == [1, 2, 2])
        #expect(loaded.dataset.features == [0, 64, 128, 255, 1, 2, 3, 4])
        #expect(loaded.report.convertedImageCount == 1)
    }

    @Test func grayToRGBRepeats() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "only/image.png")

        let loaded = try LoadedImageFolder(loading: folder.url, options: ImageOptions(channels: 3))
        #expect(loaded.dataset.sampleShape == [3, 2, 2])
        #expect(loaded.dataset.features == [0, 64, 128, 255, 0, 64, 128, 255, 0, 64, 128, 255])
    }

    @Test func mixedGrayAndColorBecomeRGB() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "a/gray.png")
        try folder.write(Self.rgba, to: "b/color.png")

        let loaded = try LoadedImageFolder(loading: folder.url)
        #expect(loaded.dataset.sampleShape == [3, 2, 2])
        #expect(
            Array(loaded.dataset.features(ofSample: 0)) == [
                0, 64, 128, 255, 0, 64, 128, 255, 0, 64, 128, 255,
            ])
        #expect(loaded.report.convertedImageCount == 2)
    }

    @Test func sixteenBitScaledTo255() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            PNGBytes.encode(
                width: 2, height: 2, colorType: .gray, bitDepth: 16, samples: [0, 257, 32_768, 65_535]),
            to: "gray/only/gray16.png")
        try folder.write(
            PNGBytes.encode(
                width: 1, height: 1, colorType: .rgba, bitDepth: 16, samples: [65_535, 514, 1_000, 0]),
            to: "color/only/rgba16.png")

        let options = try ImageOptions(channels: 3, size: ImageSize(height: 1, width: 1), resizeMethod: .area)
        let color = try LoadedImageFolder(
            loading: folder.url.appendingPathComponent("color"), options: options)
        // 65535 / 257 = 255, 514 / 257 = 2, 1000 / 257 = 3.8911...
        #expect(color.dataset.features == [255, 2, Float(1_000) / 257])

        let gray = try LoadedImageFolder(loading: folder.url.appendingPathComponent("gray"))
        #expect(gray.dataset.features == [0, 1, Float(32_768) / 257, 255])
    }

    @Test func emptyClassFolderNamed() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "cat/1.png")
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("dog"), withIntermediateDirectories: true)
        try folder.write(Self.gray, to: "emu/1.png")

        let error = #expect(throws: DatasetError.self) { try LoadedImageFolder(loading: folder.url) }
        #expect(
            error == .emptyClassFolder(path: folder.url.appendingPathComponent("dog").path, skippedCount: 0))
        #expect(error?.description.contains("allowEmptyClasses") == true)

        let loaded = try LoadedImageFolder(
            loading: folder.url, options: ImageOptions(allowEmptyClasses: true))
        #expect(loaded.dataset.classNames == ["cat", "dog", "emu"])
        #expect(loaded.dataset.labels == [0, 2])
        #expect(loaded.report.emptyClasses == ["dog"])
    }

    @Test func classOfUnreadableFilesIsEmpty() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "cat/1.png")
        try folder.write(Array(Self.gray.prefix(20)), to: "dog/1.png")

        let error = #expect(throws: DatasetError.self) {
            try LoadedImageFolder(loading: folder.url, options: ImageOptions(skipUnreadable: true))
        }
        #expect(
            error == .emptyClassFolder(path: folder.url.appendingPathComponent("dog").path, skippedCount: 1))
    }

    @Test func strayFilesIgnoredAndCounted() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "b/1.png")
        try folder.write(Self.gray, to: "b/nested/2.PNG")
        try folder.write(Self.gray, to: "a/1.png")
        try folder.write(Array("notes".utf8), to: "a/notes.txt")
        try folder.write(Array("about".utf8), to: "README.md")
        // Hidden entries are neither classes nor counted.
        try folder.write(Self.gray, to: ".cache/1.png")
        try folder.write(Array("x".utf8), to: "a/.DS_Store")

        let loaded = try LoadedImageFolder(loading: folder.url)
        #expect(loaded.dataset.classNames == ["a", "b"])
        #expect(loaded.dataset.labels == [0, 1, 1])
        #expect(loaded.report.ignoredFileCount == 2)
        #expect(loaded.report.loadedImageCount == 3)
    }

    @Test func differentSizesNeedASize() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write(Self.gray, to: "a/1.png")
        let wide = try folder.write(
            PNGBytes.encode(width: 4, height: 1, colorType: .gray, samples: [0, 10, 20, 50]), to: "b/1.png")

        let error = #expect(throws: DatasetError.self) { try LoadedImageFolder(loading: folder.url) }
        #expect(
            error
                == .imageSizeMismatch(
                    path: wide.path, size: ImageSize(height: 1, width: 4), referencePath: first.path,
                    referenceSize: ImageSize(height: 2, width: 2)))
        #expect(error?.description.contains("height 1, width 4") == true)

        let options = try ImageOptions(size: ImageSize(height: 1, width: 2), resizeMethod: .area)
        let loaded = try LoadedImageFolder(loading: folder.url, options: options)
        #expect(loaded.originalSizes == [ImageSize(height: 2, width: 2), ImageSize(height: 1, width: 4)])
        // Area: the means of the column pairs (0, 10) and (20, 50).
        #expect(Array(loaded.dataset.features(ofSample: 1)) == [5, 35])
    }

    @Test(arguments: [
        // Bilinear enlarging with pixel centers at half-pixel offsets, edge pixels repeated:
        // outputs sit at source positions -0.25, 0.25, 0.75 and 1.25.
        (ResizeMethod.bilinear, [0, 100], [0, 25, 75, 100]),
        // Shrinking by 2 widens the tent to 2 source pixels, so the weights around each output
        // center are 1/8, 3/8, 3/8 and 1/8. The outputs are 3/8 * 10 + 1/8 * 20 and
        // 1/8 * 10 + 3/8 * 20 + 3/8 * 50 + 1/8 * 50.
        (ResizeMethod.bilinear, [0, 10, 20, 50], [6.25, 33.75]),
        (ResizeMethod.area, [0, 10, 20, 50], [5, 35]),
    ])
    func resizeFilters(method: ResizeMethod, row: [Int], expected: [Float]) throws {
        let folder = try TemporaryFolder()
        try folder.write(
            PNGBytes.encode(width: row.count, height: 1, colorType: .gray, samples: row), to: "a/row.png")

        let options = try ImageOptions(
            size: ImageSize(height: 1, width: expected.count), resizeMethod: method)
        let loaded = try LoadedImageFolder(loading: folder.url, options: options)
        for (value, wanted) in zip(loaded.dataset.features, expected) {
            #expect(abs(value - wanted) < 1e-4)
        }
    }

    @Test func folderWithoutClassesRejected() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.gray, to: "1.png")

        let error = #expect(throws: DatasetError.self) { try LoadedImageFolder(loading: folder.url) }
        guard case .unrecognizedDataFolder(let path, _) = error else {
            Issue.record("expected unrecognizedDataFolder, got \(String(describing: error))")
            return
        }
        #expect(path == folder.url.path)
    }
}
