import CZlib
import Foundation

/// Gzip decompression with zlib, into one preallocated buffer.
enum Gzip {
    /// Returns true when `bytes` starts with the gzip magic bytes 1f 8b (RFC 1952).
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The maximum byte count handed to zlib per call, because `z_stream` counts bytes in 32 bits.
    private static let maximumChunk = 1 << 30

    /// Decompresses a whole gzip file, including files of several concatenated gzip members.
    ///
    /// The output buffer starts at the size stored in the last 4 bytes of the file (ISIZE, the
    /// uncompressed size modulo 2^32). So a single-member file under 4 GiB decompresses into one
    /// allocation, and the buffer doubles when that size is too small. zlib checks the CRC-32 and
    /// the length in each member's trailer.
    ///
    /// - Parameter path: the file name, used only in error messages.
    /// - Throws: `DatasetError.corruptGzip` on invalid or truncated data, or on bytes after the
    ///   last member that are not another gzip member.
    static func decompress(_ input: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw DatasetError.corruptGzip(path: path, reason: "zlib failed to start (status \(initStatus))")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: max(initialOutputSize(for: input), 1024))
        var inputOffset = 0
        var outputOffset = 0
        var isFinished = false

        while !isFinished {
            if outputOffset == output.count {
                output.append(contentsOf: repeatElement(0, count: output.count))
            }
            try input.withUnsafeBufferPointer { inputBuffer in
                try output.withUnsafeMutableBufferPointer { outputBuffer in
                    // Run zlib until the output buffer is full or the input is used up.
                    while outputOffset < outputBuffer.count {
                        let inputChunk = min(inputBuffer.count - inputOffset, maximumChunk)
                        let outputChunk = min(outputBuffer.count - outputOffset, maximumChunk)
                        stream.next_in = UnsafeMutablePointer(
                            mutating: inputBuffer.baseAddress! + inputOffset)
                        stream.avail_in = UInt32(inputChunk)
                        stream.next_out = outputBuffer.baseAddress! + outputOffset
                        stream.avail_out = UInt32(outputChunk)

                        let status = inflate(&stream, Z_NO_FLUSH)
                        inputOffset += inputChunk - Int(stream.avail_in)
                        outputOffset += outputChunk - Int(stream.avail_out)

                        switch status {
                        case Z_STREAM_END:
                            if inputOffset == inputBuffer.count {
                                isFinished = true
                                return
                            }
                            try startNextMember(&stream, input: inputBuffer, at: inputOffset, path: path)
                        case Z_OK, Z_BUF_ERROR:
                            if outputOffset < outputBuffer.count && inputOffset == inputBuffer.count {
                                throw DatasetError.corruptGzip(
                                    path: path,
                                    reason: "the compressed data ends early, so the file is truncated")
                            }
                        default:
                            throw DatasetError.corruptGzip(
                                path: path, reason: zlibMessage(stream, status: status))
                        }
                    }
                }
            }
        }

        output.removeSubrange(outputOffset...)
        return output
    }

    /// Returns the ISIZE trailer field, the uncompressed size of the last member modulo 2^32.
    ///
    /// The result is capped at 1,032 times the input size, the theoretical maximum ratio of
    /// deflate stated on zlib's "Technical Details" page, so a corrupt trailer cannot cause a
    /// huge allocation.
    private static func initialOutputSize(for input: [UInt8]) -> Int {
        guard input.count >= 18 else { return 0 }
        let trailer = input[(input.count - 4)...]
        let storedSize = trailer.reversed().reduce(0) { ($0 << 8) | Int($1) }
        return min(storedSize, input.count * 1_032)
    }

    /// Resets zlib for the gzip member that starts at `offset`, after checking its magic bytes.
    private static func startNextMember(
        _ stream: inout z_stream, input: UnsafeBufferPointer<UInt8>, at offset: Int, path: String
    ) throws {
        let remaining = input.count - offset
        guard remaining >= 2, input[offset] == 0x1f, input[offset + 1] == 0x8b else {
            throw DatasetError.corruptGzip(
                path: path,
                reason: "\(remaining) bytes after the end of the gzip data are not another gzip member")
        }
        let status = inflateReset(&stream)
        guard status == Z_OK else {
            throw DatasetError.corruptGzip(path: path, reason: zlibMessage(stream, status: status))
        }
    }

    private static func zlibMessage(_ stream: z_stream, status: Int32) -> String {
        if let message = stream.msg {
            return "zlib reports \"\(String(cString: message))\" (status \(status))"
        }
        return "zlib failed with status \(status)"
    }
}
