import Foundation

@testable import Datasets

/// A PNG writer built by hand from the PNG specification (ISO/IEC 15948), independent of stb, so
/// that tests of the stb-based reader do not check stb against itself.
enum PNGBytes {
    /// PNG color types: the channels of each pixel.
    enum ColorType: UInt8 {
        case gray = 0
        case rgb = 2
        case grayAlpha = 4
        case rgba = 6

        var channels: Int {
            switch self {
            case .gray: 1
            case .rgb: 3
            case .grayAlpha: 2
            case .rgba: 4
            }
        }
    }

    /// Returns a PNG file of `width` x `height` pixels.
    ///
    /// `samples` contains the pixels row after row, channels interleaved, each value in 0...255 for a
    /// bit depth of 8 or 0...65535 for 16. The image data is one zlib stream of stored blocks with
    /// filter type 0 (none) on every row.
    static func encode(width: Int, height: Int, colorType: ColorType, bitDepth: Int = 8, samples: [Int])
        -> [UInt8]
    {
        precondition(samples.count == width * height * colorType.channels)
        precondition(bitDepth == 8 || bitDepth == 16)

        var raw: [UInt8] = []
        let rowLength = width * colorType.channels
        for row in 0..<height {
            raw.append(0)
            for value in samples[(row * rowLength)..<((row + 1) * rowLength)] {
                if bitDepth == 16 {
                    raw += [UInt8(value >> 8), UInt8(value & 0xff)]
                } else {
                    raw.append(UInt8(value))
                }
            }
        }
        // zlib framing (RFC 1950): CMF 0x78, FLG 0x01 (a multiple of 31 with CMF), then the deflate
        // stream, then the Adler-32 checksum, big-endian.
        let zlib = [0x78, 0x01] + StoredGzip.storedDeflateBlocks(raw) + IDXBytes.bigEndian(adler32(raw))

        let header =
            IDXBytes.bigEndian(UInt32(width)) + IDXBytes.bigEndian(UInt32(height))
            + [UInt8(bitDepth), colorType.rawValue, 0, 0, 0]
        return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
            + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    /// Returns a chunk: data length, type, data, and the CRC-32 of type and data.
    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return IDXBytes.bigEndian(UInt32(data.count)) + typeAndData
            + IDXBytes.bigEndian(StoredGzip.crc32(typeAndData))
    }

    private static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }
}

/// The CIFAR-10 JPEG test folder among the real test data.
enum CIFARJPEG {
    /// The folder with one subfolder per class.
    static let folder = RealData.root.appendingPathComponent("cifar10-test-jpeg/test")

    /// The whole folder loaded with default options, once per test run.
    static let loaded = Result { try LoadedImageFolder(loading: folder) }

    /// Returns the bytes of one real JPEG file, such as "cat/0000.jpg".
    static func bytes(of relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(relativePath)))
    }
}
