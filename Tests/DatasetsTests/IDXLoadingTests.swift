import Foundation
import Testing

@testable import Datasets

@Suite("IDX loading of hand-made files")
struct IDXLoadingTests {
    static let digits = (0...9).map(String.init)

    /// Writes an image file and a label file and loads them as a data set with 10 classes.
    func load(images: [UInt8], labels: [UInt8], in folder: TemporaryFolder) throws -> Dataset {
        let imagesURL = try folder.write(images, to: "images-idx3-ubyte")
        let labelsURL = try folder.write(labels, to: "labels-idx1-ubyte")
        return try Dataset(idxImagesAt: imagesURL, labelsAt: labelsURL, name: "tiny", classNames: Self.digits)
    }

    @Test func validFilesLoad() throws {
        let folder = try TemporaryFolder()
        let pixels: [UInt8] = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]
        let dataset = try load(
            images: IDXBytes.images(count: 2, rows: 2, columns: 3, pixels: pixels),
            labels: IDXBytes.labels([7, 3]), in: folder)

        #expect(dataset.count == 2)
        #expect(dataset.sampleShape == [1, 2, 3])
        #expect(dataset.sampleSize == 6)
        #expect(dataset.features == pixels.map(Float.init))
        #expect(dataset.labels == [7, 3])
        #expect(dataset.labelHistogram() == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0])
    }

    @Test func gzipFilesLoadLikeRaw() throws {
        let folder = try TemporaryFolder()
        let images = IDXBytes.images(count: 3, rows: 4, columns: 4)
        let labels = IDXBytes.labels([1, 2, 3])
        let raw = try load(images: images, labels: labels, in: folder)
        let compressed = try load(
            images: StoredGzip.compress(images), labels: StoredGzip.compress(labels), in: folder)
        #expect(compressed == raw)
    }

    @Test func wrongMagicNumberRejected() throws {
        let folder = try TemporaryFolder()
        // A label file given where the image file belongs.
        let imagesURL = try folder.write(IDXBytes.labels([1, 2]), to: "swapped")
        let labelsURL = try folder.write(IDXBytes.labels([1, 2]), to: "labels")

        let error = #expect(throws: DatasetError.self) {
            try Dataset(idxImagesAt: imagesURL, labelsAt: labelsURL, name: "tiny", classNames: Self.digits)
        }
        #expect(error == .invalidMagicNumber(path: imagesURL.path, expected: 2051, actual: 2049))
        #expect(error?.description.contains("0x00000801") == true)
        #expect(error?.description.contains(imagesURL.path) == true)
    }

    @Test func wrongLabelMagicRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try load(
                images: IDXBytes.images(count: 1, rows: 1, columns: 1),
                labels: IDXBytes.labels([1], magic: 0x0000_0901), in: folder)
        }
        #expect(
            error
                == .invalidMagicNumber(
                    path: folder.url.appendingPathComponent("labels-idx1-ubyte").path, expected: 2049,
                    actual: 2305))
    }

    @Test func truncatedImagesReportByteCounts() throws {
        let folder = try TemporaryFolder()
        // 3 images of 4 x 4 need 48 bytes, and only 40 follow the header.
        let images = IDXBytes.images(count: 3, rows: 4, columns: 4, pixels: Array(repeating: 9, count: 40))

        let error = #expect(throws: DatasetError.self) {
            try load(images: images, labels: IDXBytes.labels([1, 2, 3]), in: folder)
        }
        let path = folder.url.appendingPathComponent("images-idx3-ubyte").path
        #expect(
            error
                == .payloadSizeMismatch(
                    path: path, contents: "3 images of 4 x 4 pixels", expectedBytes: 48, actualBytes: 40))
        let message = error?.description ?? ""
        #expect(message.contains(path))
        #expect(message.contains("truncated"))
        #expect(message.contains("48"))
        #expect(message.contains("40"))
    }

    @Test func truncatedGzipPayloadReportsByteCounts() throws {
        let folder = try TemporaryFolder()
        let images = IDXBytes.images(
            count: 2, rows: 28, columns: 28, pixels: Array(repeating: 1, count: 1_000))

        let error = #expect(throws: DatasetError.self) {
            try load(images: StoredGzip.compress(images), labels: IDXBytes.labels([1, 2]), in: folder)
        }
        guard case .payloadSizeMismatch(_, _, let expectedBytes, let actualBytes) = error else {
            Issue.record("Expected payloadSizeMismatch, got \(String(describing: error)).")
            return
        }
        #expect(expectedBytes == 1_568)
        #expect(actualBytes == 1_000)
    }

    @Test func extraImageBytesRejected() throws {
        let folder = try TemporaryFolder()
        let images = IDXBytes.images(count: 1, rows: 2, columns: 2, pixels: [1, 2, 3, 4, 5])
        let error = #expect(throws: DatasetError.self) {
            try load(images: images, labels: IDXBytes.labels([1]), in: folder)
        }
        #expect(error?.description.contains("has extra bytes") == true)
        #expect(error?.description.contains("need 4 bytes after the header, but the file has 5") == true)
    }

    @Test func truncatedLabelsRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try load(
                images: IDXBytes.images(count: 3, rows: 1, columns: 1),
                labels: IDXBytes.labels([1, 2], declaredCount: 3), in: folder)
        }
        let path = folder.url.appendingPathComponent("labels-idx1-ubyte").path
        #expect(
            error == .payloadSizeMismatch(path: path, contents: "3 labels", expectedBytes: 3, actualBytes: 2))
    }

    @Test func truncatedHeaderRejected() throws {
        let folder = try TemporaryFolder()
        let images = Array(IDXBytes.images(count: 1, rows: 1, columns: 1).prefix(10))
        let error = #expect(throws: DatasetError.self) {
            try load(images: images, labels: IDXBytes.labels([1]), in: folder)
        }
        let path = folder.url.appendingPathComponent("images-idx3-ubyte").path
        #expect(error == .truncatedHeader(path: path, expectedBytes: 16, actualBytes: 10))
    }

    @Test func zeroColumnsRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try load(
                images: IDXBytes.images(count: 1, rows: 5, columns: 0), labels: IDXBytes.labels([1]),
                in: folder)
        }
        guard case .invalidHeader = error else {
            Issue.record("Expected invalidHeader, got \(String(describing: error)).")
            return
        }
    }

    @Test func countMismatchRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try load(
                images: IDXBytes.images(count: 3, rows: 2, columns: 2), labels: IDXBytes.labels([1, 2]),
                in: folder)
        }
        let imagesPath = folder.url.appendingPathComponent("images-idx3-ubyte").path
        let labelsPath = folder.url.appendingPathComponent("labels-idx1-ubyte").path
        #expect(
            error
                == .countMismatch(
                    imagesPath: imagesPath, imageCount: 3, labelsPath: labelsPath, labelCount: 2))
        #expect(error?.description.contains("contains 3 images") == true)
        #expect(error?.description.contains("contains 2 labels") == true)
    }

    @Test func labelOutOfRangeRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try load(
                images: IDXBytes.images(count: 3, rows: 1, columns: 1), labels: IDXBytes.labels([9, 10, 0]),
                in: folder)
        }
        let path = folder.url.appendingPathComponent("labels-idx1-ubyte").path
        #expect(error == .labelOutOfRange(path: path, sampleIndex: 1, label: 10, classCount: 10))
        #expect(error?.description.contains("label 10 at sample 1") == true)
        #expect(error?.description.contains("0...9") == true)
    }

    @Test func missingLabelFileRejected() throws {
        let folder = try TemporaryFolder()
        let imagesURL = try folder.write(IDXBytes.images(count: 1, rows: 1, columns: 1), to: "images")
        let labelsURL = folder.url.appendingPathComponent("no-labels-here")
        let error = #expect(throws: DatasetError.self) {
            try Dataset(idxImagesAt: imagesURL, labelsAt: labelsURL, name: "tiny", classNames: Self.digits)
        }
        #expect(error == .fileNotFound(path: labelsURL.path))
    }

    @Test func corruptGzipImagesRejected() throws {
        let folder = try TemporaryFolder()
        var images = StoredGzip.compress(IDXBytes.images(count: 1, rows: 2, columns: 2))
        images[images.count - 6] ^= 0x55  // inside the CRC-32 of the trailer
        let error = #expect(throws: DatasetError.self) {
            try load(images: images, labels: IDXBytes.labels([1]), in: folder)
        }
        guard case .corruptGzip(let path, _) = error else {
            Issue.record("Expected corruptGzip, got \(String(describing: error)).")
            return
        }
        #expect(path == folder.url.appendingPathComponent("images-idx3-ubyte").path)
    }
}
