/// Summary statistics of one split of a data set, for comparing splits with each other.
///
/// Channels are the C planes of [C, H, W] samples; samples of any other shape count as one
/// channel of all their values. Statistics are population statistics (dividing by n) in `Double`.
public struct SplitStatistics: Codable, Equatable, Sendable {
    /// The split's name for messages, such as "validation".
    public var name: String
    /// The number of samples.
    public var sampleCount: Int
    /// The shape of one sample.
    public var sampleShape: [Int]
    /// The share of samples in each class, indexed by label; zeros for an empty split.
    public var classFrequencies: [Double]
    /// The mean of each channel over all values of all samples.
    public var channelMeans: [Double]
    /// The standard deviation of each channel over all values of all samples.
    public var channelStandardDeviations: [Double]
    /// The standard deviation across samples of each sample's own channel mean, which sets how far
    /// two splits' channel means differ by chance.
    public var sampleMeanStandardDeviations: [Double]
    /// The mean height of the image files before resizing, when known.
    public var meanImageHeight: Double?
    /// The mean width of the image files before resizing, when known.
    public var meanImageWidth: Double?

    /// Computes the statistics of `dataset`.
    ///
    /// - Parameter imageSizes: the size of each sample's image file before resizing, such as
    ///   `LoadedImageFolder.originalSizes` for the samples of this split, or nil when unknown.
    public init(name: String, dataset: Dataset, imageSizes: [ImageSize]? = nil) {
        let moments = PlaneMoments(sampleShape: dataset.sampleShape, count: dataset.count)
        dataset.features.withUnsafeBufferPointer { values in
            concurrentForEach(dataset.count) { sample in
                moments.record(sample, values: values.baseAddress! + sample * dataset.sampleSize)
            }
        }
        self.init(
            name: name, labels: dataset.labels, classCount: dataset.classCount, moments: moments,
            imageSizes: imageSizes)
    }

    /// Computes the statistics of samples whose plane moments are already known, such as those
    /// recorded while a streamed data set was first decoded.
    ///
    /// Each sample's plane gives its mean and its sum of squared deviations from that mean. The
    /// planes are combined exactly with sum(M2) + planeSize * sum((plane mean - channel mean)^2),
    /// which avoids the cancellation of E[x^2] - E[x]^2 when the mean is large against the spread.
    ///
    /// - Parameters:
    ///   - labels: the label of each sample, in `0..<classCount`.
    ///   - moments: the plane moments of the same samples, in the same order.
    ///   - imageSizes: as in `init(name:dataset:imageSizes:)`.
    init(name: String, labels: [Int32], classCount: Int, moments: PlaneMoments, imageSizes: [ImageSize]?) {
        let count = labels.count
        precondition(moments.count == count, "One set of plane moments per sample.")
        precondition(imageSizes == nil || imageSizes!.count == count, "One image size per sample.")
        self.name = name
        sampleCount = count
        sampleShape = moments.sampleShape
        var histogram = [Int](repeating: 0, count: classCount)
        for label in labels {
            histogram[Int(label)] += 1
        }
        classFrequencies = histogram.map { count == 0 ? 0 : Double($0) / Double(count) }

        let channelCount = moments.channelCount
        let planeSize = moments.planeSize
        let valueCount = Double(max(1, count * planeSize))
        var withinSquares = [Double](repeating: 0, count: channelCount)
        let sampleMeans = moments.means
        for (slot, squares) in moments.squaredDeviations.enumerated() {
            withinSquares[slot % channelCount] += squares
        }

        var means = [Double](repeating: 0, count: channelCount)
        var betweenSquares = [Double](repeating: 0, count: channelCount)
        for channel in 0..<channelCount {
            let perSample = stride(from: channel, to: sampleMeans.count, by: channelCount).map {
                sampleMeans[$0]
            }
            let mean = perSample.reduce(0, +) / Double(max(1, perSample.count))
            means[channel] = mean
            betweenSquares[channel] = perSample.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        channelMeans = means
        channelStandardDeviations = (0..<channelCount).map { channel in
            ((withinSquares[channel] + Double(planeSize) * betweenSquares[channel]) / valueCount).squareRoot()
        }
        sampleMeanStandardDeviations = betweenSquares.map {
            ($0 / Double(max(1, count))).squareRoot()
        }
        if let imageSizes, !imageSizes.isEmpty {
            meanImageHeight = Double(imageSizes.map(\.height).reduce(0, +)) / Double(imageSizes.count)
            meanImageWidth = Double(imageSizes.map(\.width).reduce(0, +)) / Double(imageSizes.count)
        }
    }
}

/// The mean and the sum of squared deviations from it of each channel plane of each sample.
///
/// Channels are the C planes of [C, H, W] samples. Samples of any other shape count as one
/// channel of all their values. `record(_:values:)` may run for different samples at once,
/// because the moments are stored in fixed buffers that are never resized.
final class PlaneMoments: @unchecked Sendable {
    /// The shape of one sample.
    let sampleShape: [Int]
    /// Planes per sample.
    let channelCount: Int
    /// Values per plane.
    let planeSize: Int
    /// The number of samples.
    let count: Int
    /// The mean of plane c of sample i at `i * channelCount + c`, then at the same places the sum
    /// of squared deviations from that mean.
    private let storage: UnsafeMutableBufferPointer<Double>

    /// Creates moments for `count` samples of `sampleShape`, all zero until recorded.
    init(sampleShape: [Int], count: Int) {
        self.sampleShape = sampleShape
        channelCount = sampleShape.count == 3 ? sampleShape[0] : 1
        planeSize = sampleShape.reduce(1, *) / channelCount
        self.count = count
        storage = .allocate(capacity: max(1, 2 * count * channelCount))
        storage.initialize(repeating: 0)
    }

    deinit {
        storage.deallocate()
    }

    /// The mean of plane c of sample i at `i * channelCount + c`.
    var means: [Double] { Array(storage[0..<(count * channelCount)]) }

    /// The sum of squared deviations from its mean of plane c of sample i, at the same place.
    var squaredDeviations: [Double] { Array(storage[(count * channelCount)..<(2 * count * channelCount)]) }

    /// Computes and stores the moments of sample `sample` from its values, in two passes over
    /// each plane.
    func record(_ sample: Int, values: UnsafePointer<Float>) {
        precondition(sample >= 0 && sample < count, "Sample \(sample) is outside 0..<\(count).")
        let squareStart = count * channelCount
        for channel in 0..<channelCount {
            let plane = values + channel * planeSize
            var sum = 0.0
            for index in 0..<planeSize {
                sum += Double(plane[index])
            }
            let mean = sum / Double(planeSize)
            var squares = 0.0
            for index in 0..<planeSize {
                let deviation = Double(plane[index]) - mean
                squares += deviation * deviation
            }
            storage[sample * channelCount + channel] = mean
            storage[squareStart + sample * channelCount + channel] = squares
        }
    }

    /// Returns the moments of the samples at `indices`, in that order.
    func subset(_ indices: [Int]) -> PlaneMoments {
        let selected = PlaneMoments(sampleShape: sampleShape, count: indices.count)
        let squareStart = count * channelCount
        let selectedSquareStart = indices.count * channelCount
        for (position, index) in indices.enumerated() {
            for channel in 0..<channelCount {
                selected.storage[position * channelCount + channel] = storage[index * channelCount + channel]
                selected.storage[selectedSquareStart + position * channelCount + channel] =
                    storage[squareStart + index * channelCount + channel]
            }
        }
        return selected
    }
}
