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

        // Two passes, means first and then squared deviations from them, which avoid the
        // cancellation of E[x^2] - E[x]^2 when the mean is large against the spread.
        var sampleMeans = [Double](repeating: 0, count: dataset.count * channelCount)
        var squaredDeviations = [Double](repeating: 0, count: channelCount)
        channelMeans = dataset.features.withUnsafeBufferPointer { values in
            for sample in 0..<dataset.count {
                for channel in 0..<channelCount {
                    let start = sample * dataset.sampleSize + channel * planeSize
                    let sum = values[start..<(start + planeSize)].reduce(0.0) { $0 + Double($1) }
                    sampleMeans[sample * channelCount + channel] = sum / Double(planeSize)
                }
            }
            let means = (0..<channelCount).map { channel in
                stride(from: channel, to: sampleMeans.count, by: channelCount)
                    .reduce(0.0) { $0 + sampleMeans[$1] } * Double(planeSize) / valueCount
            }
            for sample in 0..<dataset.count {
                for channel in 0..<channelCount {
                    let start = sample * dataset.sampleSize + channel * planeSize
                    squaredDeviations[channel] += values[start..<(start + planeSize)].reduce(0.0) {
                        let deviation = Double($1) - means[channel]
                        return $0 + deviation * deviation
                    }
                }
            }
            return means
        }
        channelStandardDeviations = squaredDeviations.map { ($0 / valueCount).squareRoot() }
        sampleMeanStandardDeviations = (0..<channelCount).map { channel in
            let perSample = stride(from: channel, to: sampleMeans.count, by: channelCount).map {
                sampleMeans[$0]
            }
            let mean = perSample.reduce(0, +) / Double(max(1, perSample.count))
            let variance =
                perSample.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, perSample.count))
            return variance.squareRoot()
        }
        if let imageSizes, !imageSizes.isEmpty {
            meanImageHeight = Double(imageSizes.map(\.height).reduce(0, +)) / Double(imageSizes.count)
            meanImageWidth = Double(imageSizes.map(\.width).reduce(0, +)) / Double(imageSizes.count)
        }
    }
}
