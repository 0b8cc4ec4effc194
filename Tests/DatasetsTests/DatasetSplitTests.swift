import Foundation
import TensorCore
import Testing

@testable import Datasets

@Suite("Stratified splits")
struct DatasetSplitTests {
    /// Returns a data set of one-feature samples whose feature is the sample index.
    static func dataset(labels: [Int32], classNames: [String]) throws -> Dataset {
        try Dataset(
            name: "toy", sampleShape: [1], features: labels.indices.map(Float.init), labels: labels,
            classNames: classNames)
    }

    /// Returns labels with `counts[c]` samples of class c, interleaved in round-robin order.
    static func interleavedLabels(counts: [Int]) -> [Int32] {
        var remaining = counts
        var labels: [Int32] = []
        while remaining.contains(where: { $0 > 0 }) {
            for label in remaining.indices where remaining[label] > 0 {
                labels.append(Int32(label))
                remaining[label] -= 1
            }
        }
        return labels
    }

    @Test func splitKeepsClassProportions() throws {
        let data = try Self.dataset(
            labels: Self.interleavedLabels(counts: [10, 20, 5]), classNames: ["a", "b", "c"])
        let split = try data.stratifiedSplit(validationFraction: 0.2, seed: 7)

        // 0.2 of 10, 20 and 5 samples.
        #expect(data.subset(split.validationIndices).labelHistogram() == [2, 4, 1])
        #expect(data.subset(split.trainingIndices).labelHistogram() == [8, 16, 4])
        #expect(Set(split.trainingIndices).isDisjoint(with: split.validationIndices))
        #expect((split.trainingIndices + split.validationIndices).sorted() == Array(0..<35))
        #expect(split.trainingIndices == split.trainingIndices.sorted())
        #expect(split.validationIndices == split.validationIndices.sorted())
    }

    @Test(arguments: [
        // (class size, fraction, expected validation count): round halves up, then clamp to 1...n-1.
        (5, 0.1, 1),  // 0.5 rounds up to 1
        (15, 0.1, 2),  // 1.5 rounds up to 2
        (14, 0.1, 1),  // 1.4 rounds down to 1
        (3, 0.1, 1),  // 0.3 rounds to 0, clamped up to 1
        (2, 0.9, 1),  // 1.8 rounds to 2, clamped down to 1
        (2, 0.5, 1),
        (100, 0.25, 25),
    ])
    func validationCountRounding(classSize: Int, fraction: Double, expected: Int) throws {
        let data = try Self.dataset(labels: Array(repeating: 0, count: classSize), classNames: ["only"])
        let split = try data.stratifiedSplit(validationFraction: fraction, seed: 1)
        #expect(split.validationIndices.count == expected)
        #expect(split.trainingIndices.count == classSize - expected)
    }

    @Test func mnistSplitProportions() throws {
        let training = try RealData.mnist.get().training
        let split = try training.stratifiedSplit(validationFraction: 0.1, seed: 2026)
        // round(0.1 * n) per class of the MNIST training histogram, halves up (626.5 becomes 627).
        #expect(
            training.subset(split.validationIndices).labelHistogram() == [
                592, 674, 596, 613, 584, 542, 592, 627, 585, 595,
            ])
        #expect(split.validationIndices.count == 6_000)
        #expect(split.trainingIndices.count == 54_000)
    }

    @Test func sameSeedSameSplit() throws {
        let data = try Self.dataset(
            labels: Self.interleavedLabels(counts: [50, 30, 20]), classNames: ["a", "b", "c"])
        let first = try data.stratifiedSplit(validationFraction: 0.3, seed: 42)
        let second = try data.stratifiedSplit(validationFraction: 0.3, seed: 42)
        #expect(first == second)
    }

    @Test func differentSeedsDiffer() throws {
        let data = try Self.dataset(
            labels: Self.interleavedLabels(counts: [50, 30, 20]), classNames: ["a", "b", "c"])
        let first = try data.stratifiedSplit(validationFraction: 0.3, seed: 42)
        let second = try data.stratifiedSplit(validationFraction: 0.3, seed: 43)
        #expect(first.validationIndices != second.validationIndices)
        #expect(first.validationIndices.count == second.validationIndices.count)
    }

    @Test func singleSampleClassRejected() throws {
        let data = try Self.dataset(labels: [0, 0, 0, 2, 2, 1], classNames: ["cat", "dog", "bird"])
        let error = #expect(throws: DatasetError.self) {
            try data.stratifiedSplit(validationFraction: 0.5, seed: 1)
        }
        #expect(error == .classTooSmallToSplit(dataset: "toy", className: "dog", label: 1, sampleCount: 1))
        #expect(error?.description.contains("Class \"dog\" (label 1)") == true)
        #expect(error?.description.contains("has 1 sample,") == true)
    }

    @Test func emptyClassSkipped() throws {
        let data = try Self.dataset(labels: [0, 0, 2, 2], classNames: ["cat", "dog", "bird"])
        let split = try data.stratifiedSplit(validationFraction: 0.5, seed: 1)
        #expect(data.subset(split.validationIndices).labelHistogram() == [1, 0, 1])
    }

    @Test(arguments: [0.0, 1.0, -0.1, 1.5, Double.nan])
    func invalidFractionRejected(fraction: Double) throws {
        let data = try Self.dataset(labels: [0, 0, 1, 1], classNames: ["a", "b"])
        let error = #expect(throws: DatasetError.self) {
            try data.stratifiedSplit(validationFraction: fraction, seed: 1)
        }
        guard case .invalidValidationFraction = error else {
            Issue.record("Expected invalidValidationFraction, got \(String(describing: error)).")
            return
        }
    }

    @Test func prefixUsesLargestRemainder() throws {
        // Labels 0 0 0 1 0 1 0 2 1 0: class 0 has 6 samples, class 1 has 3, class 2 has 1.
        let data = try Self.dataset(labels: [0, 0, 0, 1, 0, 1, 0, 2, 1, 0], classNames: ["a", "b", "c"])
        // Exact shares of 5 are 3, 1.5 and 0.5: floors 3, 1, 0 and the one place left goes to the
        // tie between classes 1 and 2 at remainder 0.5, won by the lower label.
        let indices = try data.stratifiedPrefix(5)
        #expect(indices == [0, 1, 2, 3, 5])
        #expect(data.subset(indices).labelHistogram() == [3, 2, 0])
    }

    @Test func prefixOfWholeSetIsEverything() throws {
        let data = try Self.dataset(labels: [1, 0, 1, 0], classNames: ["a", "b"])
        #expect(try data.stratifiedPrefix(4) == [0, 1, 2, 3])
    }

    @Test func mnistPrefixHistogram() throws {
        let training = try RealData.mnist.get().training
        let indices = try training.stratifiedPrefix(1_000)
        // floor(1000 * n / 60000) gives 996 places, and the 4 left go to labels 0, 6, 8 and 7,
        // whose remainders (0.72, 0.63, 0.52, 0.42 of a place) are the largest.
        #expect(training.subset(indices).labelHistogram() == [99, 112, 99, 102, 97, 90, 99, 105, 98, 99])
        #expect(indices.count == 1_000)
        #expect(indices.first == 0)
    }

    @Test(arguments: [0, -3, 11])
    func invalidPrefixRejected(limit: Int) throws {
        let data = try Self.dataset(labels: Array(repeating: 0, count: 10), classNames: ["a"])
        let error = #expect(throws: DatasetError.self) { try data.stratifiedPrefix(limit) }
        #expect(error == .invalidTrainingLimit(dataset: "toy", limit: limit, sampleCount: 10))
    }

    @Test func shuffleIsPermutation() {
        var generator = SeededGenerator(seed: 5)
        var values = Array(0..<100)
        values.seededShuffle(using: &generator)
        #expect(values.sorted() == Array(0..<100))
        #expect(values != Array(0..<100))
    }

    @Test func boundedIndexStaysInRange() {
        var generator = SeededGenerator(seed: 9)
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<3_000 {
            counts[generator.nextIndex(below: 3)] += 1
        }
        // Each of 3 values expects 1000 draws, with a standard deviation of about 26, so 850 is
        // more than 5 standard deviations away.
        for count in counts {
            #expect(count > 850)
        }
    }
}
