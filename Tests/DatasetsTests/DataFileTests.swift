import Foundation
import Testing

@testable import Datasets

@Suite("Gzip and raw file reading")
struct DataFileTests {
    @Test func rawFileReadsUnchanged() throws {
        let folder = try TemporaryFolder()
        let bytes: [UInt8] = [0, 1, 2, 0x1f, 0x8b, 255]
        let file = try folder.write(bytes, to: "raw.bin")
        #expect(try DataFile.readBytes(at: file) == bytes)
    }

    @Test func emptyAndOneByteFilesReadRaw() throws {
        let folder = try TemporaryFolder()
        #expect(try DataFile.readBytes(at: folder.write([], to: "empty")) == [])
        #expect(try DataFile.readBytes(at: folder.write([0x1f], to: "one")) == [0x1f])
    }

    @Test func storedGzipDecompresses() throws {
        let folder = try TemporaryFolder()
        // 150,000 bytes need three stored blocks, and the ISIZE trailer gives the exact size.
        let bytes = (0..<150_000).map { UInt8(($0 * 7) % 251) }
        let file = try folder.write(StoredGzip.compress(bytes), to: "data.gz")
        #expect(try DataFile.readBytes(at: file) == bytes)
    }

    @Test func gzipDetectedByContentNotName() throws {
        let folder = try TemporaryFolder()
        let bytes: [UInt8] = Array("hello, gzip".utf8)
        let file = try folder.write(StoredGzip.compress(bytes), to: "no-suffix")
        #expect(try DataFile.readBytes(at: file) == bytes)
    }

    @Test func concatenatedMembersDecompress() throws {
        let folder = try TemporaryFolder()
        let first: [UInt8] = Array(repeating: 7, count: 3_000)
        let second: [UInt8] = Array("second member".utf8)
        let file = try folder.write(StoredGzip.compress(first) + StoredGzip.compress(second), to: "two.gz")
        // The output buffer starts at the last member's ISIZE (13 bytes) and must grow.
        #expect(try DataFile.readBytes(at: file) == first + second)
    }

    @Test func emptyGzipDecompressesToEmpty() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(StoredGzip.compress([]), to: "empty.gz")
        #expect(try DataFile.readBytes(at: file) == [])
    }

    @Test func missingFileNamesPath() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("absent.gz")
        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: file) }
        #expect(error == .fileNotFound(path: file.path))
        #expect(error?.description == "Data file \(file.path) was not found.")
    }

    @Test func folderIsNotAFile() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: folder.url) }
        #expect(error?.description.contains(folder.url.path) == true)
    }

    @Test func corruptCRCNamesFile() throws {
        let folder = try TemporaryFolder()
        var gzip = StoredGzip.compress(Array(repeating: 42, count: 100))
        gzip[20] ^= 0xff  // a data byte inside the stored block, so the CRC-32 no longer matches
        let file = try folder.write(gzip, to: "corrupt.gz")

        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: file) }
        guard case .corruptGzip(let path, let reason) = error else {
            Issue.record("Expected corruptGzip, got \(String(describing: error)).")
            return
        }
        #expect(path == file.path)
        #expect(reason.contains("incorrect data check"))
        #expect(error?.description.contains(file.path) == true)
    }

    @Test func invalidBlockTypeNamesFile() throws {
        let folder = try TemporaryFolder()
        var gzip = StoredGzip.compress(Array(repeating: 1, count: 10))
        gzip[10] = 0b111  // final block of type 3, which deflate reserves as invalid
        let file = try folder.write(gzip, to: "bad-block.gz")

        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: file) }
        guard case .corruptGzip(let path, _) = error else {
            Issue.record("Expected corruptGzip, got \(String(describing: error)).")
            return
        }
        #expect(path == file.path)
    }

    @Test func truncatedGzipNamesFile() throws {
        let folder = try TemporaryFolder()
        let gzip = StoredGzip.compress(Array(repeating: 5, count: 1_000))
        let file = try folder.write(Array(gzip.prefix(500)), to: "cut.gz")

        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: file) }
        guard case .corruptGzip(let path, let reason) = error else {
            Issue.record("Expected corruptGzip, got \(String(describing: error)).")
            return
        }
        #expect(path == file.path)
        #expect(reason.contains("truncated"))
    }

    @Test func trailingGarbageRejected() throws {
        let folder = try TemporaryFolder()
        let gzip = StoredGzip.compress(Array(repeating: 5, count: 10)) + [1, 2, 3]
        let file = try folder.write(gzip, to: "garbage.gz")

        let error = #expect(throws: DatasetError.self) { try DataFile.readBytes(at: file) }
        guard case .corruptGzip(_, let reason) = error else {
            Issue.record("Expected corruptGzip, got \(String(describing: error)).")
            return
        }
        #expect(reason.contains("3 bytes after the end"))
    }
}
