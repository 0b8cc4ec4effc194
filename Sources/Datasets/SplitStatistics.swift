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
        precondition(imageSizes == nil || imageSizes!.count == dataset.count, "One image size per sample.")
        self.name = name
        sampleCount = dataset.count
        sampleShape = dataset.sampleShape
        let histogram = dataset.labelHistogram()
        classFrequencies = histogram.map { dataset.count == 0 ? 0 : Double($0) / Double(dataset.count) }

        let channelCount = dataset.sampleShape.count == 3 ? dataset.sampleShape[0] : 1
        let planeSize = dataset.sampleSize / channelCount
        let valueCount = Double(max(1, dataset.count * planeSize))

        // Each sample's plane gives its mean and its sum of squared deviations from that mean,
        // in two passes over values already in cache. The planes are then combined exactly with
        // sum(M2) + planeSize * sum((plane mean - channel mean)^2), which avoids the cancellation
        // of E[x^2] - E[x]^2 when the mean is large against the spread.
        let sampleSize = dataset.sampleSize
        var sampleMeans = [Double](repeating: 0, count: dataset.count * channelCount)
        var sampleSquares = [Double](repeating: 0, count: dataset.count * channelCount)
        dataset.features.withUnsafeBufferPointer { values in
            sampleMeans.withUnsafeMutableBufferPointer { meanSlots in
                sampleSquares.withUnsafeMutableBufferPointer { squareSlots in
                    concurrentForEach(dataset.count) { sample in
                        for channel in 0..<channelCount {
                            let plane = values.baseAddress! + sample * sampleSize + channel * planeSize
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
                            meanSlots[sample * channelCount + channel] = mean
                            squareSlots[sample * channelCount + channel] = squares
                        }
                    }
                }
            }
        }
        var withinSquares = [Double](repeating: 0, count: channelCount)
        for (slot, squares) in sampleSquares.enumerated() {
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
            ($0 / Double(max(1, dataset.count))).squareRoot()
        }
        if let imageSizes, !imageSizes.isEmpty {
            meanImageHeight = Double(imageSizes.map(\.height).reduce(0, +)) / Double(imageSizes.count)
            meanImageWidth = Double(imageSizes.map(\.width).reduce(0, +)) / Double(imageSizes.count)
        }
    }
}
