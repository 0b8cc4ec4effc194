import Foundation

/// Parsing of IDX files, the format of MNIST and Fashion-MNIST, for unsigned-byte data.
///
/// An IDX file starts with a big-endian UInt32 magic number: two zero bytes, a type byte
/// (0x08 for unsigned bytes) and the number of dimensions. Each dimension follows as a big-endian
/// UInt32, then the values in row-major order. Image files have 3 dimensions (count, rows,
/// columns, magic 2051) and label files have 1 (count, magic 2049).
enum IDXFile {
    /// Magic number of an unsigned-byte file with 3 dimensions: 0x00000803.
    static let imagesMagic: UInt32 = 2051
    /// Magic number of an unsigned-byte file with 1 dimension: 0x00000801.
    static let labelsMagic: UInt32 = 2049

    /// The decompressed content of an IDX image file, with its header checked.
    struct Images {
        /// Bytes before the first pixel: magic, count, rows and columns.
        static let headerSize = 16

        var path: String
        var count: Int
        var rows: Int
        var columns: Int
        /// The whole file, header included, so that loading needs no copy of the pixels.
        var bytes: [UInt8]
    }

    /// The decompressed content of an IDX label file, with its header checked.
    struct Labels {
        /// Bytes before the first label: magic and count.
        static let headerSize = 8

        var path: String
        var count: Int
        /// The whole file, header included.
        var bytes: [UInt8]

        /// Returns the label of sample `index`.
        subscript(index: Int) -> UInt8 { bytes[Self.headerSize + index] }

        /// Returns the largest label, or nil for an empty file.
        func maximumLabel() -> UInt8? { bytes[Self.headerSize...].max() }
    }

    /// Reads an IDX image file and checks its magic number, dimensions and size.
    static func readImages(at url: URL) throws -> Images {
        let path = url.path
        let bytes = try DataFile.readBytes(at: url)
        try checkHeader(bytes, path: path, magic: imagesMagic, headerSize: Images.headerSize)

        let count = Int(bigEndianUInt32(bytes, at: 4))
        let rows = Int(bigEndianUInt32(bytes, at: 8))
        let columns = Int(bigEndianUInt32(bytes, at: 12))
        guard rows > 0, columns > 0 else {
            throw DatasetError.invalidHeader(
                path: path, reason: "images must have at least 1 row and 1 column, got \(rows) x \(columns)")
        }

        let contents = "\(count) images of \(rows) x \(columns) pixels"
        let (pixelsPerImage, overflow1) = rows.multipliedReportingOverflow(by: columns)
        let (expectedBytes, overflow2) = count.multipliedReportingOverflow(by: pixelsPerImage)
        guard !overflow1, !overflow2 else {
            throw DatasetError.invalidHeader(path: path, reason: "\(contents) are too many bytes to address")
        }
        try checkPayload(
            bytes, path: path, headerSize: Images.headerSize, contents: contents, expectedBytes: expectedBytes
        )

        return Images(path: path, count: count, rows: rows, columns: columns, bytes: bytes)
    }

    /// Reads an IDX label file and checks its magic number and size.
    static func readLabels(at url: URL) throws -> Labels {
        let path = url.path
        let bytes = try DataFile.readBytes(at: url)
        try checkHeader(bytes, path: path, magic: labelsMagic, headerSize: Labels.headerSize)

        let count = Int(bigEndianUInt32(bytes, at: 4))
        try checkPayload(
            bytes, path: path, headerSize: Labels.headerSize, contents: "\(count) labels",
            expectedBytes: count)

        return Labels(path: path, count: count, bytes: bytes)
    }

    private static func checkHeader(_ bytes: [UInt8], path: String, magic: UInt32, headerSize: Int) throws {
        // The magic number is checked first, when at least its 4 bytes exist, because a wrong
        // magic number explains a short header better than the length does.
        if bytes.count >= 4 {
            let actual = bigEndianUInt32(bytes, at: 0)
            guard actual == magic else {
                throw DatasetError.invalidMagicNumber(path: path, expected: magic, actual: actual)
            }
        }
        guard bytes.count >= headerSize else {
            throw DatasetError.truncatedHeader(
                path: path, expectedBytes: headerSize, actualBytes: bytes.count)
        }
    }

    private static func checkPayload(
        _ bytes: [UInt8], path: String, headerSize: Int, contents: String, expectedBytes: Int
    ) throws {
        let actualBytes = bytes.count - headerSize
        guard actualBytes == expectedBytes else {
            throw DatasetError.payloadSizeMismatch(
                path: path, contents: contents, expectedBytes: expectedBytes, actualBytes: actualBytes)
        }
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }
}
