import Foundation

/// Reading of data files that may or may not be gzip-compressed.
public enum DataFile {
    /// Reads the file at `url`, decompressing it when it starts with the gzip magic bytes 1f 8b.
    ///
    /// The decision rests on the content, not on the file name, so `images.gz` holding raw bytes
    /// and `images` holding gzip data both read correctly.
    ///
    /// - Throws: `DatasetError.fileNotFound` when no file exists at `url`,
    ///   `DatasetError.unreadableFile` when reading fails, and `DatasetError.corruptGzip` when
    ///   the file has the gzip magic bytes but zlib rejects its content.
    public static func readBytes(at url: URL) throws -> [UInt8] {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw DatasetError.unreadableFile(path: path, reason: "it is a folder, not a file")
        }

        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw DatasetError.unreadableFile(path: path, reason: error.localizedDescription)
        }

        if Gzip.hasMagic(bytes) {
            return try Gzip.decompress(bytes, path: path)
        }
        return bytes
    }
}
