import Foundation

/// Decodes a list of image files in parallel into one array of planar samples of a common channel
/// count and size.
///
/// Each file gets a slot: sample `slot` occupies `features[slot * sampleSize ..< (slot + 1) * sampleSize]`.
/// A file that cannot be read or decoded leaves its slot at zero and records the reason in
/// `failures`.
final class ImageBatchDecoder {
    /// The files to decode, one per slot.
    let files: [URL]
    /// Channels per sample, 1 or 3.
    let channels: Int
    /// The size of every sample.
    let size: ImageSize
    /// The filter for images of another size.
    let method: ResizeMethod

    /// The reason each slot's file failed, or nil where it decoded.
    private(set) var failures: [String?]
    /// Whether each slot's image changed channel count.
    private(set) var wasConverted: [Bool]
    /// Whether each slot's image was resized.
    private(set) var wasResized: [Bool]
    private var features: [Float]

    /// Prepares slots for `files`; `run()` decodes them.
    init(files: [URL], channels: Int, size: ImageSize, method: ResizeMethod) {
        self.files = files
        self.channels = channels
        self.size = size
        self.method = method
        failures = Array(repeating: nil, count: files.count)
        wasConverted = Array(repeating: false, count: files.count)
        wasResized = Array(repeating: false, count: files.count)
        features = Array(repeating: 0, count: files.count * channels * size.height * size.width)
    }

    /// The number of values in one sample.
    var sampleSize: Int { channels * size.height * size.width }

    /// Decodes every file into its slot, on all threads of `ComputeThreads.pool`.
    func run() {
        let sampleSize = self.sampleSize
        failures.withUnsafeMutableBufferPointer { failureSlots in
            wasConverted.withUnsafeMutableBufferPointer { convertedSlots in
                wasResized.withUnsafeMutableBufferPointer { resizedSlots in
                    features.withUnsafeMutableBufferPointer { values in
                        concurrentForEach(files.count) { slot in
                            do {
                                var image = try DecodedImage(decoding: [UInt8](Data(contentsOf: files[slot])))
                                convertedSlots[slot] = image.channels != channels
                                image = image.converted(toChannels: channels)
                                resizedSlots[slot] = image.height != size.height || image.width != size.width
                                image = image.resized(to: size, method: method)
                                image.writePlanar(to: values.baseAddress! + slot * sampleSize)
                            } catch let failure as ImageDecodingFailure {
                                failureSlots[slot] = failure.reason
                            } catch {
                                failureSlots[slot] = error.localizedDescription
                            }
                        }
                    }
                }
            }
        }
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
