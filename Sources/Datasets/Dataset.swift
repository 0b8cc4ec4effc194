import Foundation

/// A labeled data set held in memory: one feature vector and one class label per sample.
///
/// Features are stored sample-major, and each sample is row-major in `sampleShape`: for images
/// of shape [C, H, W], value (c, y, x) of sample i sits at `i * sampleSize + (c * H + y) * W + x`.
/// The initializer checks that features, labels and class names agree, so every `Dataset`
/// satisfies `features.count == count * sampleSize` and `0 <= label < classNames.count`.
public struct Dataset: Equatable, Sendable {
    /// A name for messages and run records, such as "mnist".
    public var name: String
    /// The shape of one sample: [C, H, W] for images, [F] for rows of F features.
    public private(set) var sampleShape: [Int]
    /// All feature values, sample after sample.
    public internal(set) var features: [Float]
    /// The class label of each sample, in 0..<classNames.count.
    public private(set) var labels: [Int32]
    /// The name of each class, indexed by label.
    public private(set) var classNames: [String]

    /// Creates a data set after checking that its parts agree.
    ///
    /// - Throws: `DatasetError.invalidDataset` when a dimension of `sampleShape` is not positive,
    ///   when `features` does not contain `labels.count` samples of that shape, when `classNames`
    ///   is empty, or when a label is outside `0..<classNames.count`.
    public init(
        name: String, sampleShape: [Int], features: [Float], labels: [Int32], classNames: [String]
    ) throws {
        guard !sampleShape.isEmpty, sampleShape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError.invalidDataset(
                name: name, reason: "sample shape \(sampleShape) must have only positive dimensions")
        }
        let sampleSize = sampleShape.reduce(1, *)
        guard features.count == labels.count * sampleSize else {
            throw DatasetError.invalidDataset(
                name: name,
                reason: "\(labels.count) samples of shape \(sampleShape) need \(labels.count * sampleSize) "
                    + "feature values, but \(features.count) were given")
        }
        guard !classNames.isEmpty else {
            throw DatasetError.invalidDataset(name: name, reason: "it has no class names")
        }
        if let index = labels.firstIndex(where: { $0 < 0 || Int($0) >= classNames.count }) {
            throw DatasetError.invalidDataset(
                name: name,
                reason: "label \(labels[index]) of sample \(index) is outside 0...\(classNames.count - 1)")
        }
        self.init(
            uncheckedName: name, sampleShape: sampleShape, features: features, labels: labels,
            classNames: classNames)
    }

    /// Creates a data set whose parts the caller has already checked.
    init(
        uncheckedName name: String, sampleShape: [Int], features: [Float], labels: [Int32],
        classNames: [String]
    ) {
        self.name = name
        self.sampleShape = sampleShape
        self.features = features
        self.labels = labels
        self.classNames = classNames
    }

    /// Returns the feature values of sample `index`.
    ///
    /// The slice keeps the indices of `features`, so its first element is at `index * sampleSize`.
    public func features(ofSample index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < count, "Sample index \(index) is outside 0..<\(count).")
        return features[(index * sampleSize)..<((index + 1) * sampleSize)]
    }

    /// Returns a data set with the samples at `indices`, in that order.
    ///
    /// Indices may repeat. An index outside `0..<count` is a programming error and stops the
    /// program.
    public func subset(_ indices: [Int]) -> Dataset {
        let sampleSize = self.sampleSize
        let sampleCount = count
        for index in indices {
            precondition(
                index >= 0 && index < sampleCount, "Sample index \(index) is outside 0..<\(sampleCount).")
        }

        let subsetFeatures = [Float](unsafeUninitializedCapacity: indices.count * sampleSize) {
            buffer, initializedCount in
            features.withUnsafeBufferPointer { source in
                for (position, index) in indices.enumerated() {
                    let from = source.baseAddress! + index * sampleSize
                    (buffer.baseAddress! + position * sampleSize).initialize(from: from, count: sampleSize)
                }
            }
            initializedCount = indices.count * sampleSize
        }
        let subsetLabels = indices.map { labels[$0] }

        return Dataset(
            uncheckedName: name, sampleShape: sampleShape, features: subsetFeatures, labels: subsetLabels,
            classNames: classNames)
    }
}
