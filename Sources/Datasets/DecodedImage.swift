import CStb
import Foundation

/// The size and channel count that an image file's header declares.
struct ImageHeader: Equatable, Sendable {
    /// Width in pixels.
    var width: Int
    /// Height in pixels.
    var height: Int
    /// Channels stored in the file: 1 gray, 2 gray and alpha, 3 RGB, 4 RGBA.
    var channels: Int

    /// Reads the header of the image file at `path` without decoding its pixels.
    ///
    /// stb_image reads only the first bytes of the file, so this is cheap even for large images.
    ///
    /// - Returns: the header, or nil with `failureReason` set when the file cannot be opened or its
    ///   header is not a valid PNG or JPEG header.
    static func read(atPath path: String, failureReason: inout String) -> ImageHeader? {
        var width: Int32 = 0
        var height: Int32 = 0
        var channels: Int32 = 0
        guard stbi_info(path, &width, &height, &channels) != 0 else {
            failureReason = DecodedImage.lastFailureReason()
            return nil
        }
        return ImageHeader(width: Int(width), height: Int(height), channels: Int(channels))
    }
}

/// The pixels of one decoded image file, before any channel conversion or resizing.
///
/// Samples are interleaved (row after row, and within a pixel channel after channel) and scaled to
/// 0...255 as `Float`. 8-bit samples keep their value. 16-bit samples (PNG only) are divided by 257,
/// which maps 0...65535 onto 0...255 exactly at both ends without rounding.
struct DecodedImage: Sendable {
    /// Width in pixels.
    var width: Int
    /// Height in pixels.
    var height: Int
    /// Channels per pixel as stored in the file: 1 gray, 2 gray and alpha, 3 RGB, 4 RGBA.
    var channels: Int
    /// `height * width * channels` samples in 0...255.
    var samples: [Float]

    /// Decodes a PNG or JPEG file's content with stb_image.
    ///
    /// - Throws: `ImageDecodingFailure` with stb_image's reason when the content is not a complete,
    ///   valid image. stb_image rejects a JPEG that ends before its end-of-image marker.
    init(decoding bytes: [UInt8]) throws(ImageDecodingFailure) {
        guard bytes.count <= Int(Int32.max) else {
            throw ImageDecodingFailure(reason: "the file has \(bytes.count) bytes, more than stb_image reads")
        }
        var width: Int32 = 0
        var height: Int32 = 0
        var channels: Int32 = 0
        let length = Int32(bytes.count)

        let is16Bit = bytes.withUnsafeBufferPointer {
            stbi_is_16_bit_from_memory($0.baseAddress, length) != 0
        }
        let decoded: [Float]? = bytes.withUnsafeBufferPointer { buffer in
            if is16Bit {
                guard
                    let pixels = stbi_load_16_from_memory(
                        buffer.baseAddress, length, &width, &height, &channels, 0)
                else { return nil }
                defer { stbi_image_free(pixels) }
                let count = Int(width) * Int(height) * Int(channels)
                return (0..<count).map { Float(pixels[$0]) / 257 }
            }
            guard
                let pixels = stbi_load_from_memory(buffer.baseAddress, length, &width, &height, &channels, 0)
            else { return nil }
            defer { stbi_image_free(pixels) }
            let count = Int(width) * Int(height) * Int(channels)
            return (0..<count).map { Float(pixels[$0]) }
        }
        guard let decoded else {
            throw ImageDecodingFailure(reason: Self.lastFailureReason())
        }

        self.width = Int(width)
        self.height = Int(height)
        self.channels = Int(channels)
        samples = decoded
    }

    /// Creates an image from interleaved samples in 0...255.
    init(width: Int, height: Int, channels: Int, samples: [Float]) {
        precondition(
            samples.count == width * height * channels, "An image needs width * height * channels samples.")
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = samples
    }

    /// Returns stb_image's reason for the last failure on this thread, as a phrase.
    ///
    /// Debian's libstb is built with thread-local failure reasons, so parallel decoders do not
    /// overwrite each other's reason.
    static func lastFailureReason() -> String {
        guard let reason = stbi_failure_reason() else { return "stb_image gave no reason" }
        return "stb_image reports \"\(String(cString: reason))\""
    }
}

/// The reason stb_image gave for rejecting an image file.
struct ImageDecodingFailure: Error, Sendable {
    /// A phrase such as `stb_image reports "expected marker"`.
    var reason: String
}
