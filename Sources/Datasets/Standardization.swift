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

    /// Fits the statistics of `mode` to all samples of `dataset`.
    ///
    /// - Throws: `DatasetError.invalidDataset` for a data set without samples (unless `mode` is
    ///   `none`), and `DatasetError.standardizationMismatch` for `perChannel` on a sample shape
    ///   other than [C, H, W].
    public init(fitting mode: NormalizationMode, to dataset: Dataset) throws {
        self.mode = mode
        guard mode != .none else {
            means = []
            standardDeviations = []
            return
        }
        guard dataset.count > 0 else {
            throw DatasetError.invalidDataset(
                name: dataset.name, reason: "it has no samples to fit \(mode) standardization on")
        }

        let layout = try GroupLayout(mode: mode, sampleShape: dataset.sampleShape, datasetName: dataset.name)
        let statistics = layout.statistics(of: dataset.features)
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
        try checkStatistics(fit: layout, dataset: dataset)

        let means = self.means
        let standardDeviations = self.standardDeviations
        let sampleSize = dataset.sampleSize
        let blockSize = layout.blockSize
        dataset.features.withUnsafeMutableBufferPointer { values in
            for sampleStart in stride(from: 0, to: values.count, by: sampleSize) {
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
    }

    /// Returns a copy of `dataset` standardized with these statistics.
    public func applied(to dataset: Dataset) throws -> Dataset {
        var result = dataset
        try apply(to: &result)
        return result
    }

    private func checkStatistics(fit layout: GroupLayout, dataset: Dataset) throws {
        guard means.count == layout.groupCount, standardDeviations.count == layout.groupCount else {
            throw DatasetError.standardizationMismatch(
                dataset: dataset.name, sampleShape: dataset.sampleShape,
                reason:
                    "\(mode) standardization for this shape needs \(layout.groupCount) means and standard "
                    + "deviations, but the statistics have \(means.count) means and \(standardDeviations.count) "
                    + "standard deviations")
        }
        if let bad = standardDeviations.first(where: { !($0 > 0) || !$0.isFinite }) {
            throw DatasetError.standardizationMismatch(
                dataset: dataset.name, sampleShape: dataset.sampleShape,
                reason: "every standard deviation must be positive and finite, got \(bad)")
        }
    }
}

/// The grouping of a sample's values for one normalization mode.
///
/// A sample of `sampleSize` values is `groupCount` consecutive blocks of `blockSize` values, and
/// every value in block g, in every sample, belongs to group g.
private struct GroupLayout {
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

    /// Returns the mean and standard deviation of each group over all samples in `features`.
    func statistics(of features: [Float]) -> [(mean: Double, standardDeviation: Double)] {
        let sampleSize = groupCount * blockSize
        let sampleCount = features.count / sampleSize
        let valuesPerGroup = Double(sampleCount * blockSize)
        var sums = [Double](repeating: 0, count: groupCount)
        var minimums = [Float](repeating: .infinity, count: groupCount)
        var maximums = [Float](repeating: -.infinity, count: groupCount)

        // Two passes (mean, then squared deviations from it) avoid the cancellation of the
        // one-pass formula E[x^2] - E[x]^2 when the mean is large against the spread.
        features.withUnsafeBufferPointer { values in
            forEachBlock(sampleCount: sampleCount) { group, block in
                var sum = 0.0
                for offset in block {
                    sum += Double(values[offset])
                    minimums[group] = min(minimums[group], values[offset])
                    maximums[group] = max(maximums[group], values[offset])
                }
                sums[group] += sum
            }
        }
        let means = sums.map { $0 / valuesPerGroup }

        var squaredDeviations = [Double](repeating: 0, count: groupCount)
        features.withUnsafeBufferPointer { values in
            forEachBlock(sampleCount: sampleCount) { group, block in
                let mean = means[group]
                var sum = 0.0
                for offset in block {
                    let deviation = Double(values[offset]) - mean
                    sum += deviation * deviation
                }
                squaredDeviations[group] += sum
            }
        }

        return (0..<groupCount).map { group in
            if minimums[group] == maximums[group] {
                return (Double(minimums[group]), 1)
            }
            return (means[group], (squaredDeviations[group] / valuesPerGroup).squareRoot())
        }
    }

    /// Calls `body` with each group index and the feature offsets of its block, sample by sample.
    private func forEachBlock(sampleCount: Int, _ body: (Int, Range<Int>) -> Void) {
        for sample in 0..<sampleCount {
            for group in 0..<groupCount {
                let start = sample * groupCount * blockSize + group * blockSize
                body(group, start..<(start + blockSize))
            }
        }
    }
}
