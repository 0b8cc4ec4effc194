import Foundation
import TensorCore

/// A partition of a data set's sample indices into a training part, a validation part and, for
/// a data set without an official test set, a test part.
///
/// The indices are positions in the data set that was split, sorted ascending, and the lists
/// are disjoint. The value is `Codable` so that a run record can store it.
public struct DatasetSplit: Codable, Equatable, Sendable {
    /// Indices of the samples to train on.
    public var trainingIndices: [Int]
    /// Indices of the samples held out for validation.
    public var validationIndices: [Int]
    /// Indices of the samples held out for testing, or nil when an official test set is used.
    public var testIndices: [Int]?

    /// Creates a split from its index lists.
    public init(trainingIndices: [Int], validationIndices: [Int], testIndices: [Int]? = nil) {
        self.trainingIndices = trainingIndices
        self.validationIndices = validationIndices
        self.testIndices = testIndices
    }
}

extension Dataset {
    /// Splits the samples into training and validation so that each class keeps its proportion.
    ///
    /// Rule: a class with n samples puts `round(n * validationFraction)` of them into validation,
    /// rounding halves up, then clamped to `1...(n - 1)` so that the class appears in both parts.
    /// Which samples go to validation is drawn from `SeededGenerator(seed: seed, purpose: "split")`.
    /// The same seed and data set always give the same split. Because each class rounds on its
    /// own, the validation part can differ from `round(count * validationFraction)` by up to
    /// about one sample per class. Classes without samples are skipped.
    ///
    /// - Parameters:
    ///   - validationFraction: the share of each class held out, in the open interval (0, 1).
    ///   - seed: the run's seed, from which the split's own stream is derived.
    /// - Throws: `DatasetError.invalidValidationFraction` for a fraction outside (0, 1), and
    ///   `DatasetError.classTooSmallToSplit` naming the first class with exactly one sample.
    public func stratifiedSplit(validationFraction: Double, seed: UInt64) throws -> DatasetSplit {
        guard validationFraction > 0, validationFraction < 1 else {
            throw DatasetError.invalidValidationFraction(validationFraction)
        }

        let indicesByClass = sampleIndicesByClass()
        for (label, indices) in indicesByClass.enumerated() where indices.count == 1 {
            throw DatasetError.classTooSmallToSplit(
                dataset: name, className: classNames[label], label: label, sampleCount: indices.count)
        }

        var generator = SeededGenerator(seed: seed, purpose: "split")
        let (trainingIndices, validationIndices) = stratifiedHoldOut(
            indicesByClass, fraction: validationFraction, keeping: 1, using: &generator)
        return DatasetSplit(trainingIndices: trainingIndices, validationIndices: validationIndices)
    }

    /// Holds out a share of each class's samples, and returns the remaining and the held-out indices,
    /// each sorted ascending.
    ///
    /// A class with n samples holds out `round(n * fraction)` of them, rounding halves up, then
    /// clamped to `1...(n - minimumKept)`. Which samples are held out is drawn from `generator`,
    /// class by class in label order. The caller makes sure that each class that is not empty has
    /// more than `minimumKept` samples.
    func stratifiedHoldOut(
        _ indicesByClass: [[Int]], fraction: Double, keeping minimumKept: Int,
        using generator: inout SeededGenerator
    ) -> (remaining: [Int], heldOut: [Int]) {
        var remaining: [Int] = []
        var heldOut: [Int] = []
        remaining.reserveCapacity(count)
        for var indices in indicesByClass where !indices.isEmpty {
            let rounded = Int((Double(indices.count) * fraction).rounded(.toNearestOrAwayFromZero))
            let heldOutCount = min(max(rounded, 1), indices.count - minimumKept)
            indices.seededShuffle(using: &generator)
            heldOut += indices[..<heldOutCount]
            remaining += indices[heldOutCount...]
        }
        return (remaining.sorted(), heldOut.sorted())
    }

    /// Returns the indices of `limit` samples that keep each class's proportion, taking the first
    /// samples of each class in data set order.
    ///
    /// Rule: class c with n_c of the N samples gets `floor(limit * n_c / N)` places, and the places
    /// left over go one each to the classes with the largest remainders, the lower label first
    /// on ties (the largest-remainder method). The result is sorted ascending and does not
    /// depend on any seed, so a quick run with a training limit always trains on the same samples.
    ///
    /// - Throws: `DatasetError.invalidTrainingLimit` when `limit` is outside `1...count`.
    public func stratifiedPrefix(_ limit: Int) throws -> [Int] {
        try Self.stratifiedPrefix(limit, labels: labels, classCount: classCount, name: name)
    }

    /// Returns the indices of `limit` of the samples with `labels`, chosen as
    /// `stratifiedPrefix(_:)` chooses them, without the features; `name` is for messages.
    static func stratifiedPrefix(_ limit: Int, labels: [Int32], classCount: Int, name: String) throws
        -> [Int]
    {
        let count = labels.count
        guard limit >= 1, limit <= count else {
            throw DatasetError.invalidTrainingLimit(dataset: name, limit: limit, sampleCount: count)
        }

        let indicesByClass = sampleIndicesByClass(labels: labels, classCount: classCount)
        var quotas = indicesByClass.map { limit * $0.count / count }
        let remainders = indicesByClass.map { limit * $0.count % count }
        let leftOver = limit - quotas.reduce(0, +)
        let byRemainder = remainders.indices.sorted {
            remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1)
        }
        for label in byRemainder.prefix(leftOver) {
            quotas[label] += 1
        }

        var selected: [Int] = []
        selected.reserveCapacity(limit)
        for (label, indices) in indicesByClass.enumerated() {
            selected += indices.prefix(quotas[label])
        }
        return selected.sorted()
    }

    /// Returns the sample indices of each class, indexed by label, in data set order.
    func sampleIndicesByClass() -> [[Int]] {
        Self.sampleIndicesByClass(labels: labels, classCount: classCount)
    }

    /// Returns the positions in `labels` of each class, indexed by label, in order.
    static func sampleIndicesByClass(labels: [Int32], classCount: Int) -> [[Int]] {
        var indicesByClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() {
            indicesByClass[Int(label)].append(index)
        }
        return indicesByClass
    }
}
