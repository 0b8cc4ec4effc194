import Foundation
import Testing

@testable import Datasets

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("DatasetsTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` to `name` inside the folder, creating subfolders, and returns its location.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Writes a small valid IDX data set (training and test) into `subfolder`, gzip-compressed
    /// when `compressed` is true, and returns the folder.
    @discardableResult
    func writeIDXDataset(in subfolder: String, compressed: Bool = true, labels: [UInt8] = [0, 1, 2, 1]) throws
        -> URL
    {
        let images = IDXBytes.images(count: labels.count, rows: 2, columns: 3)
        let suffix = compressed ? ".gz" : ""
        let encode = { (bytes: [UInt8]) in compressed ? StoredGzip.compress(bytes) : bytes }
        for prefix in ["train", "t10k"] {
            try write(encode(images), to: "\(subfolder)/\(prefix)-images-idx3-ubyte\(suffix)")
            try write(
                encode(IDXBytes.labels(labels)), to: "\(subfolder)/\(prefix)-labels-idx1-ubyte\(suffix)")
        }
        return url.appendingPathComponent(subfolder)
    }
}

/// Builders of IDX file content.
enum IDXBytes {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    /// Returns an image file header followed by `pixels`, or by pixel i = i mod 256 when `pixels` is nil.
    static func images(count: Int, rows: Int, columns: Int, pixels: [UInt8]? = nil, magic: UInt32 = 2051)
        -> [UInt8]
    {
        let payload = pixels ?? (0..<(count * rows * columns)).map { UInt8($0 % 256) }
        return bigEndian(magic) + bigEndian(UInt32(count)) + bigEndian(UInt32(rows))
            + bigEndian(UInt32(columns))
            + payload
    }

    /// Returns a label file containing `labels`, with a header count of `declaredCount` or `labels.count`.
    static func labels(_ labels: [UInt8], declaredCount: Int? = nil, magic: UInt32 = 2049) -> [UInt8] {
        bigEndian(magic) + bigEndian(UInt32(declaredCount ?? labels.count)) + labels
    }
}

/// A gzip writer built by hand from RFC 1951 stored blocks and RFC 1952 framing, independent of
/// zlib, so that tests of the zlib-based reader do not check zlib against itself.
enum StoredGzip {
    static func compress(_ data: [UInt8]) -> [UInt8] {
        // Header: magic 1f 8b, method 8 (deflate), no flags, no time, no extra flags, OS 255 (unknown).
        var output: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        output += storedDeflateBlocks(data)
        output += littleEndian32(crc32(data)) + littleEndian32(UInt32(truncatingIfNeeded: data.count))
        return output
    }

    /// Returns `data` as a deflate stream of stored (uncompressed) blocks.
    static func storedDeflateBlocks(_ data: [UInt8]) -> [UInt8] {
        // Stored blocks of at most 65,535 bytes: a header byte (bit 0 marks the final block),
        // then LEN and its ones' complement NLEN, little-endian, then the bytes themselves.
        var output: [UInt8] = []
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let isFinal = offset + length == data.count
            output.append(isFinal ? 1 : 0)
            output += littleEndian16(UInt16(length)) + littleEndian16(~UInt16(length))
            output += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        return output
    }

    /// CRC-32 with the reflected polynomial 0xEDB88320, as gzip uses.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    private static func littleEndian16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xff), UInt8(value >> 8)]
    }

    private static func littleEndian32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
    }
}

/// Returns every sample of `source`, read through `SampleSource.copySamples(at:to:)`, as one array.
func allFeatures(_ source: any SampleSource) throws -> [Float] {
    var values = [Float](repeating: 0, count: source.count * source.sampleSize)
    try values.withUnsafeMutableBufferPointer { buffer in
        if let base = buffer.baseAddress {
            try source.copySamples(at: Array(0..<source.count), to: base)
        }
    }
    return values
}
