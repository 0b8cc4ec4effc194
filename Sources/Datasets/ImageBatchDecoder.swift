import Foundation

/// Decodes a list of image files in parallel into planar samples of a common channel count and
/// size, and either keeps the samples or only measures them.
///
/// Each file gets a slot. When the decoder keeps features, sample `slot` occupies
/// `features[slot * sampleSize ..< (slot + 1) * sampleSize]`. When it measures, slot `slot` of
/// `moments` gets the sample's plane moments, and the pixels are dropped. A file that cannot be
/// read or decoded leaves its slot at zero and records the reason in `failures`.
final class ImageBatchDecoder {
    /// The files to decode, one per slot.
    let files: [URL]
    /// Channels per sample, 1 or 3.
    let channels: Int
    /// The size of every sample.
    let size: ImageSize
    /// The filter for images of another size.
    let method: ResizeMethod
    /// The plane moments of each slot's sample, when the decoder measures instead of keeping.
    let moments: PlaneMoments?

    /// The reason each slot's file failed, or nil where it decoded.
    private(set) var failures: [String?]
    /// Whether each slot's image changed channel count.
    private(set) var wasConverted: [Bool]
    /// Whether each slot's image was resized.
    private(set) var wasResized: [Bool]
    /// Whether each slot's sample has only whole values in 0...255, when the decoder measures.
    private(set) var hasByteValues: [Bool]
    private var features: [Float]

    /// Prepares slots for `files`; `run()` decodes them.
    ///
    /// - Parameter keepsFeatures: whether the samples are kept for `features(ofSlots:)`. When
    ///   false, only their plane moments are recorded, and memory does not grow with the files.
    init(files: [URL], channels: Int, size: ImageSize, method: ResizeMethod, keepsFeatures: Bool = true) {
        self.files = files
        self.channels = channels
        self.size = size
        self.method = method
        failures = Array(repeating: nil, count: files.count)
        wasConverted = Array(repeating: false, count: files.count)
        wasResized = Array(repeating: false, count: files.count)
        hasByteValues = Array(repeating: false, count: files.count)
        let sampleSize = channels * size.height * size.width
        features = keepsFeatures ? Array(repeating: 0, count: files.count * sampleSize) : []
        moments =
            keepsFeatures
            ? nil : PlaneMoments(sampleShape: [channels, size.height, size.width], count: files.count)
    }

    /// The number of values in one sample.
    var sampleSize: Int { channels * size.height * size.width }

    /// Decodes every file into its slot, on all threads of `ComputeThreads.pool`.
    func run() {
        let sampleSize = self.sampleSize
        let moments = self.moments
        failures.withUnsafeMutableBufferPointer { failureSlots in
            wasConverted.withUnsafeMutableBufferPointer { convertedSlots in
                wasResized.withUnsafeMutableBufferPointer { resizedSlots in
                    hasByteValues.withUnsafeMutableBufferPointer { byteSlots in
                        features.withUnsafeMutableBufferPointer { values in
                            concurrentForEach(files.count) { slot in
                                let destination =
                                    moments == nil
                                    ? values.baseAddress! + slot * sampleSize
                                    : UnsafeMutablePointer<Float>.allocate(capacity: sampleSize)
                                defer { if moments != nil { destination.deallocate() } }
                                do throws(ImageDecodingFailure) {
                                    let changes = try Self.decode(
                                        files[slot], channels: channels, size: size, method: method,
                                        into: destination)
                                    convertedSlots[slot] = changes.converted
                                    resizedSlots[slot] = changes.resized
                                    if let moments {
                                        moments.record(slot, values: destination)
                                        byteSlots[slot] = (0..<sampleSize).allSatisfy {
                                            destination[$0].isExactByte
                                        }
                                    }
                                } catch {
                                    failureSlots[slot] = error.reason
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Decodes the image file at `file`, converts it to `channels` and resizes it to `size`, and
    /// writes it planar ([C, H, W]) to `destination`.
    ///
    /// - Returns: whether the channel count and the size changed.
    /// - Throws: `ImageDecodingFailure` when the file cannot be read or decoded.
    static func decode(
        _ file: URL, channels: Int, size: ImageSize, method: ResizeMethod,
        into destination: UnsafeMutablePointer<Float>
    ) throws(ImageDecodingFailure) -> (converted: Bool, resized: Bool) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw ImageDecodingFailure(reason: "the file does not exist")
            }
            throw ImageDecodingFailure(
                reason: "reading it failed (\((error as NSError).localizedDescription))")
        }
        var image = try DecodedImage(decoding: [UInt8](bytes))
        let converted = image.channels != channels
        image = image.converted(toChannels: channels)
        let resized = image.height != size.height || image.width != size.width
        image = image.resized(to: size, method: method)
        image.writePlanar(to: destination)
        return (converted, resized)
    }

    /// Returns the samples of `slots`, in that order, as one array.
    func features(ofSlots slots: [Int]) -> [Float] {
        if slots.count == files.count { return features }
        var selected: [Float] = []
        selected.reserveCapacity(slots.count * sampleSize)
        for slot in slots {
            selected += features[(slot * sampleSize)..<((slot + 1) * sampleSize)]
        }
        return selected
    }
}
