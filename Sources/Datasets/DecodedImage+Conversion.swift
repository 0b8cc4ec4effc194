import CStb
import Foundation

extension DecodedImage {
    /// The ITU-R BT.601 luma weights of red, green and blue, which Pillow's `convert("L")` uses too.
    static let lumaWeights: (red: Float, green: Float, blue: Float) = (0.299, 0.587, 0.114)

    /// Returns the image with `target` channels, 1 or 3, by the rules of `ImageOptions`: alpha is
    /// dropped, RGB becomes BT.601 luma, and gray is repeated into red, green and blue.
    func converted(toChannels target: Int) -> DecodedImage {
        precondition(target == 1 || target == 3, "Images convert to 1 or 3 channels, not \(target).")
        // Gray and alpha (2) reads as gray, RGBA (4) as RGB: the alpha sample is skipped.
        let isColor = channels >= 3
        if target == channels { return self }

        let pixelCount = width * height
        let stride = channels
        var output = [Float](repeating: 0, count: pixelCount * target)
        samples.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for pixel in 0..<pixelCount {
                    let input = pixel * stride
                    switch (isColor, target) {
                    case (true, 3):
                        destination[pixel * 3] = source[input]
                        destination[pixel * 3 + 1] = source[input + 1]
                        destination[pixel * 3 + 2] = source[input + 2]
                    case (true, _):
                        let weights = Self.lumaWeights
                        destination[pixel] =
                            weights.red * source[input] + weights.green * source[input + 1]
                            + weights.blue * source[input + 2]
                    case (false, 3):
                        destination[pixel * 3] = source[input]
                        destination[pixel * 3 + 1] = source[input]
                        destination[pixel * 3 + 2] = source[input]
                    case (false, _):
                        destination[pixel] = source[input]
                    }
                }
            }
        }
        return DecodedImage(width: width, height: height, channels: target, samples: output)
    }

    /// Returns the image stretched to `size` with stb_image_resize, or the image itself when it
    /// already has that size.
    ///
    /// The filters work on the values as given (linear, no sRGB conversion) and repeat edge pixels
    /// beyond the border. Both have non-negative weights, so results stay within the source range.
    func resized(to size: ImageSize, method: ResizeMethod) -> DecodedImage {
        if size.height == height && size.width == width { return self }

        var output = [Float](repeating: 0, count: size.height * size.width * channels)
        let filter: stbir_filter =
            switch method {
            case .bilinear: STBIR_FILTER_TRIANGLE
            case .area: STBIR_FILTER_BOX
            }
        let succeeded = samples.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stbir_resize_float_generic(
                    source.baseAddress, Int32(width), Int32(height), Int32(width * channels * 4),
                    destination.baseAddress, Int32(size.width), Int32(size.height),
                    Int32(size.width * channels * 4), Int32(channels), STBIR_ALPHA_CHANNEL_NONE, 0,
                    STBIR_EDGE_CLAMP, filter, STBIR_COLORSPACE_LINEAR, nil)
            }
        }
        // stb_image_resize 0.97 fails when it cannot allocate its work memory, or for a channel count
        // or filter out of range, which this code never passes.
        precondition(
            succeeded != 0, "stb_image_resize could not allocate memory to resize an image to \(size).")
        return DecodedImage(width: size.width, height: size.height, channels: channels, samples: output)
    }

    /// Writes the samples channel after channel (planar [C, H, W] order) to `destination`, which
    /// must have room for all samples.
    func writePlanar(to destination: UnsafeMutablePointer<Float>) {
        let pixelCount = width * height
        samples.withUnsafeBufferPointer { source in
            for channel in 0..<channels {
                let plane = destination + channel * pixelCount
                for pixel in 0..<pixelCount {
                    plane[pixel] = source[pixel * channels + channel]
                }
            }
        }
    }
}
