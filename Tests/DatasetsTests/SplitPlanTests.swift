import Foundation
import Testing

@testable import Datasets

// Expected split sizes were worked out by hand from the rule documented on
// `Dataset.stratifiedSplit(plan:seed:)`: one sample per split for each class, then the rest of
// each target shared by largest remainders in proportion to each class's remaining samples.

@Suite("Split plans")
struct SplitPlanTests {
    /// Returns a data set with `counts[c]` one-feature samples of class c, interleaved.
    static func dataset(counts: [Int]) throws -> Dataset {
        try DatasetSplitTests.dataset(
            labels: DatasetSplitTests.interleavedLabels(counts: counts),
            classNames: counts.indices.map { "class\($0)" })
    }

    @Test(arguments: [
        // (class sizes, plan, expected training, validation and test sizes per class)
        ([100, 60, 40], try SplitPlan(ratios: [60, 20, 20]), [60, 36, 24], [20, 12, 8], [20, 12, 8]),
        ([100, 60, 40], try SplitPlan(ratios: [0.8, 0.2]), [80, 48, 32], [20, 12, 8], [0, 0, 0]),
        ([100, 60, 40], try SplitPlan(ratios: [70, 15, 15]), [70, 42, 28], [15, 9, 6], [15, 9, 6]),
        ([100, 60, 40], try SplitPlan(ratios: [70, 30]), [70, 42, 28], [30, 18, 12], [0, 0, 0]),
        // Targets 10 and 5. Validation: 3 + 2 + 1 extra samples, and the leftover one goes to class 0,
        // whose remainder is largest (56, 7 and 28 of 91). Test: 1 + 0 + 0 extra samples, and the
        // leftover one goes to class 1 (remainders 3, 54 and 34).
        (
            [50, 30, 20], try SplitPlan(validationCount: 10, testCount: 5), [43, 25, 17], [5, 3, 2],
            [2, 2, 1]
        ),
    ])
    func splitSizesPerClass(
        counts: [Int], plan: SplitPlan, training: [Int], validation: [Int], test: [Int]
    ) throws {
        let data = try Self.dataset(counts: counts)
        let partition = try data.stratifiedSplit(plan: plan, seed: 11)

        #expect(data.subset(partition.trainingIndices).labelHistogram() == training)
        #expect(data.subset(partition.validationIndices).labelHistogram() == validation)
        #expect(data.subset(partition.testIndices).labelHistogram() == test)
        let all = partition.trainingIndices + partition.validationIndices + partition.testIndices
        #expect(all.sorted() == Array(0..<data.count))
        #expect(partition.warnings.isEmpty)
    }

    @Test func countsMetExactlyOnMNIST() throws {
        let training = try RealData.mnist.get().training
        let plan = try SplitPlan(validationCount: 10_000, testCount: 10_000)
        let partition = try training.stratifiedSplit(plan: plan, seed: 3)

        #expect(partition.validationIndices.count == 10_000)
        #expect(partition.testIndices.count == 10_000)
        #expect(partition.trainingIndices.count == 40_000)
        // Each class is within one sample of its proportional share, n_c / 6.
        let classSizes = training.labelHistogram()
        for part in [partition.validationIndices, partition.testIndices] {
            for (label, size) in training.subset(part).labelHistogram().enumerated() {
                #expect(abs(Double(size) - Double(classSizes[label]) / 6) <= 1, "class \(label)")
            }
        }
    }

    @Test func sameSeedSamePartition() throws {
        let data = try Self.dataset(counts: [40, 30, 30])
        let plan = try SplitPlan(ratios: [60, 20, 20])
        let first = try data.stratifiedSplit(plan: plan, seed: 5)
        #expect(try data.stratifiedSplit(plan: plan, seed: 5) == first)

        let other = try data.stratifiedSplit(plan: plan, seed: 6)
        #expect(other.validationIndices != first.validationIndices)
        #expect(other.validationIndices.count == first.validationIndices.count)
    }

    @Test func smallClassNamed() throws {
        let data = try DatasetSplitTests.dataset(
            labels: DatasetSplitTests.interleavedLabels(counts: [10, 2, 10]),
            classNames: ["ant", "bee", "cow"])

        let error = #expect(throws: DatasetError.self) {
            try data.stratifiedSplit(plan: SplitPlan(ratios: [60, 20, 20]), seed: 1)
        }
        #expect(
            error == .classTooSmallForSplits(dataset: "toy", className: "bee", sampleCount: 2, splitCount: 3))
        #expect(error?.description.contains("allowSmallClasses") == true)

        // Two samples are enough for training and validation alone.
        let twoWay = try data.stratifiedSplit(plan: SplitPlan(ratios: [80, 20]), seed: 1)
        #expect(data.subset(twoWay.validationIndices).labelHistogram()[1] == 1)
    }

    @Test func smallClassAllowedGoesToTraining() throws {
        let data = try DatasetSplitTests.dataset(
            labels: DatasetSplitTests.interleavedLabels(counts: [10, 2, 10]),
            classNames: ["ant", "bee", "cow"])
        let plan = try SplitPlan(ratios: [60, 20, 20], allowSmallClasses: true)

        let partition = try data.stratifiedSplit(plan: plan, seed: 1)
        #expect(data.subset(partition.trainingIndices).labelHistogram()[1] == 2)
        #expect(data.subset(partition.validationIndices).labelHistogram()[1] == 0)
        #expect(data.subset(partition.testIndices).labelHistogram()[1] == 0)
        // round(22 * 0.2) = 4 validation and 4 test samples, shared by ant and cow.
        #expect(partition.validationIndices.count == 4)
        #expect(partition.testIndices.count == 4)
        #expect(partition.warnings.count == 1)
        #expect(partition.warnings.first?.contains("\"bee\" has 2 samples") == true)
    }

    @Test func validationSmallerThanClassCount() throws {
        let data = try Self.dataset(counts: Array(repeating: 10, count: 10))
        let error = #expect(throws: DatasetError.self) {
            try data.stratifiedSplit(plan: SplitPlan(validationCount: 5), seed: 1)
        }
        guard case .invalidSplitPlan(_, let reason) = error else {
            Issue.record("expected invalidSplitPlan, got \(String(describing: error))")
            return
        }
        #expect(
            reason.contains("validation split of 5 samples cannot hold one sample of each of the 10 classes"))
    }

    @Test func countsLeavingNoTrainingRejected() throws {
        let data = try Self.dataset(counts: [3, 3])
        // 2 validation and 2 test samples leave one training sample per class.
        let fits = try data.stratifiedSplit(plan: SplitPlan(validationCount: 2, testCount: 2), seed: 1)
        #expect(data.subset(fits.trainingIndices).labelHistogram() == [1, 1])

        let error = #expect(throws: DatasetError.self) {
            try data.stratifiedSplit(plan: SplitPlan(validationCount: 3, testCount: 2), seed: 1)
        }
        guard case .invalidSplitPlan(_, let reason) = error else {
            Issue.record("expected invalidSplitPlan, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("leaves 1 for training"))
    }

    @Test(arguments: [
        // (total, weights, capacities, expected shares)
        (7, [47, 27, 17], [47, 27, 17], [4, 2, 1]),
        (5, [1, 1, 1], [5, 5, 5], [2, 2, 1]),
        // The first position is full, so its turn passes on, twice round if needed.
        (5, [10, 1, 1], [1, 5, 5], [1, 2, 2]),
        (0, [3, 4], [3, 4], [0, 0]),
    ])
    func apportionShares(total: Int, weights: [Int], capacities: [Int], expected: [Int]) {
        #expect(Dataset.apportion(total, weights: weights, capacities: capacities) == expected)
    }
}
