import Foundation

/// Standardization statistics fitted on a training set, to map each value x to (x - mean) / std.
///
/// Fit on the training split only and apply the same statistics unchanged to validation and test
/// data, so that no information from held-out samples leaks into training. The value is
/// `Codable` so that a run record can store it and a saved model can be applied later.
///
/// Means and standard deviations are population statistics (dividing by n, not n - 1), computed
/// in `Double`. Rule for constant groups: when all training values of a group are equal, its mean
/// is that value and its standard deviation is stored as 1, so the group maps to 0 instead of
/// dividing by zero.
public struct Standardization: Codable, Equatable, Sendable {
    /// The grouping of values that share one mean and standard deviation.
    public var mode: NormalizationMode
    /// The mean of each group: one for `global`, one per feature for `perFeature`, one per
    /// channel for `perChannel`, none for `none`.
    public var means: [Float]
    /// The standard deviation of each group, or 1 for a group whose training values are all equal.
    public var standardDeviations: [Float]

    /// Creates standardization statistics from stored values, such as a run record.
    public init(mode: NormalizationMode, means: [Float], standardDeviations: [Float]) {
        self.mode = mode
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// Fits the statistics of `mode` to all samples of `source`, read in order.
    ///
    /// Samples are read one chunk at a time, so a `StreamedImageSet` is fitted without keeping
    /// all its samples in memory. Each sample's block of a group gives its own mean and sum of
    /// squared deviations. The blocks are merged sample by sample with the updating formula of
    /// Chan, Golub and LeVeque (Stanford report CS-TR-79-773, 1979), which avoids the
    /// cancellation of E[x^2] - E[x]^2 when the mean is large against the spread. A `Dataset`
    /// and a `StreamedImageSet` with the same samples get identical statistics.
    ///
    /// - Throws: `DatasetError.invalidDataset` for a source without samples (unless `mode` is
    ///   `none`), `DatasetError.standardizationMismatch` for `perChannel` on a sample shape
    ///   other than [C, H, W], and the errors of `SampleSource.copySamples(at:to:)`.
    public init(fitting mode: NormalizationMode, to source: any SampleSource) throws {
        self.mode = mode
        guard mode != .none else {
            means = []
            standardDeviations = []
            return
        }
        guard source.count > 0 else {
            throw DatasetError.invalidDataset(
                name: source.name, reason: "it has no samples to fit \(mode) standardization on")
        }

        let layout = try GroupLayout(mode: mode, sampleShape: source.sampleShape, datasetName: source.name)
        var moments = GroupMoments(layout: layout)
        if let dataset = source as? Dataset {
            dataset.features.withUnsafeBufferPointer { values in
                for sample in 0..<dataset.count {
                    moments.add(sample: values.baseAddress! + sample * layout.sampleSize)
                }
            }
        } else {
            // About 256 KiB of samples at a time, and at least one, to keep a streamed fit small.
            let chunkSize = max(1, min(source.count, (1 << 16) / layout.sampleSize))
            let chunk = UnsafeMutablePointer<Float>.allocate(capacity: chunkSize * layout.sampleSize)
            defer { chunk.deallocate() }
            for start in stride(from: 0, to: source.count, by: chunkSize) {
                let indices = Array(start..<min(start + chunkSize, source.count))
                try source.copySamples(at: indices, to: chunk)
                for row in indices.indices {
                    moments.add(sample: chunk + row * layout.sampleSize)
                }
            }
        }
        let statistics = moments.statistics()
        means = statistics.map { Float($0.mean) }
        standardDeviations = statistics.map { Float($0.standardDeviation) }
    }

    /// Standardizes the features of `dataset` in place with these statistics.
    ///
    /// - Throws: `DatasetError.standardizationMismatch` when the number of statistics does not
    ///   match the data set's sample shape, or when a standard deviation is not positive.
    public func apply(to dataset: inout Dataset) throws {
        guard mode != .none else { return }
        let layout = try GroupLayout(mode: mode, sampleShape: dataset.sampleShape, datasetName: dataset.name)
        try checkStatistics(fit: layout, name: dataset.name, sampleShape: dataset.sampleShape)
        let sampleCount = dataset.count
        guard sampleCount > 0 else { return }
        dataset.features.withUnsafeMutableBufferPointer { values in
            standardize(values.baseAddress!, sampleCount: sampleCount, layout: layout)
        }
    }

    /// Standardizes `sampleCount` consecutive samples at `values` in place, with statistics
    /// already checked against `layout`.
    func standardize(_ values: UnsafeMutablePointer<Float>, sampleCount: Int, layout: GroupLayout) {
        guard mode != .none else { return }
        let blockSize = layout.blockSize
        for sampleStart in stride(from: 0, to: sampleCount * layout.sampleSize, by: layout.sampleSize) {
            for group in 0..<layout.groupCount {
                let mean = means[group]
                let standardDeviation = standardDeviations[group]
                let blockStart = sampleStart + group * blockSize
                for offset in blockStart..<(blockStart + blockSize) {
                    values[offset] = (values[offset] - mean) / standardDeviation
                }
            }
        }
    }

    /// Returns a copy of `dataset` standardized with these statistics.
    public func applied(to dataset: Dataset) throws -> Dataset {
        var result = dataset
        try apply(to: &result)
        return result
    }

    /// Throws `DatasetError.standardizationMismatch` unless the statistics fit `layout` and every
    /// standard deviation is positive and finite; `name` and `sampleShape` are for the message.
    func checkStatistics(fit layout: GroupLayout, name: String, sampleShape: [Int]) throws {
        guard means.count == layout.groupCount, standardDeviations.count == layout.groupCount else {
            throw DatasetError.standardizationMismatch(
                dataset: name, sampleShape: sampleShape,
                reason:
                    "\(mode) standardization for this shape needs \(layout.groupCount) means and standard "
                    + "deviations, but the statistics have \(means.count) means and \(standardDeviations.count) "
                    + "standard deviations")
        }
        if let bad = standardDeviations.first(where: { !($0 > 0) || !$0.isFinite }) {
            throw DatasetError.standardizationMismatch(
                dataset: name, sampleShape: sampleShape,
                reason: "every standard deviation must be positive and finite, got \(bad)")
        }
    }
}

/// The grouping of a sample's values for one normalization mode.
///
/// A sample of `sampleSize` values is `groupCount` consecutive blocks of `blockSize` values, and
/// every value in block g, in every sample, belongs to group g.
struct GroupLayout {
    var groupCount: Int
    var blockSize: Int

    init(mode: NormalizationMode, sampleShape: [Int], datasetName: String) throws {
        let sampleSize = sampleShape.reduce(1, *)
        switch mode {
        case .global, .none:
            groupCount = 1
            blockSize = sampleSize
        case .perFeature:
            groupCount = sampleSize
            blockSize = 1
        case .perChannel:
            guard sampleShape.count == 3 else {
                throw DatasetError.standardizationMismatch(
                    dataset: datasetName, sampleShape: sampleShape,
                    reason: "perChannel standardization needs images of shape [C, H, W], "
                        + "so use perFeature or global for feature rows")
            }
            groupCount = sampleShape[0]
            blockSize = sampleShape[1] * sampleShape[2]
        }
    }

    /// The number of values in one sample.
    var sampleSize: Int { groupCount * blockSize }
}

/// The running mean, sum of squared deviations and range of each group of a `GroupLayout`,
/// updated one sample at a time.
struct GroupMoments {
    let layout: GroupLayout
    /// The number of samples added.
    private var sampleCount = 0
    private var means: [Double]
    private var squaredDeviations: [Double]
    private var minimums: [Float]
    private var maximums: [Float]

    init(layout: GroupLayout) {
        self.layout = layout
        means = Array(repeating: 0, count: layout.groupCount)
        squaredDeviations = Array(repeating: 0, count: layout.groupCount)
        minimums = Array(repeating: .infinity, count: layout.groupCount)
        maximums = Array(repeating: -.infinity, count: layout.groupCount)
    }

    /// Adds the `layout.sampleSize` values of one sample.
    mutating func add(sample: UnsafePointer<Float>) {
        let blockSize = layout.blockSize
        let blockCount = Double(blockSize)
        let seenCount = Double(sampleCount * blockSize)
        let totalCount = seenCount + blockCount
        for group in 0..<layout.groupCount {
            let block = sample + group * blockSize
            var sum = 0.0
            for offset in 0..<blockSize {
                sum += Double(block[offset])
                minimums[group] = min(minimums[group], block[offset])
                maximums[group] = max(maximums[group], block[offset])
            }
            let blockMean = sum / blockCount
            var blockSquares = 0.0
            for offset in 0..<blockSize {
                let deviation = Double(block[offset]) - blockMean
                blockSquares += deviation * deviation
            }
            let delta = blockMean - means[group]
            means[group] += delta * blockCount / totalCount
            squaredDeviations[group] += blockSquares + delta * delta * seenCount * blockCount / totalCount
        }
        sampleCount += 1
    }

    /// Returns the mean and population standard deviation of each group, with the constant-group
    /// rule of `Standardization`: a group whose values are all equal gets that value and 1.
    func statistics() -> [(mean: Double, standardDeviation: Double)] {
        let valueCount = Double(max(1, sampleCount * layout.blockSize))
        return (0..<layout.groupCount).map { group in
            if minimums[group] == maximums[group] {
                return (Double(minimums[group]), 1)
            }
            return (means[group], (squaredDeviations[group] / valueCount).squareRoot())
        }
    }
}
