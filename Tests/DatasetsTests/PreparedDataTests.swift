import Foundation
import Testing

@testable import Datasets

@Suite("Prepared data")
struct PreparedDataTests {
    @Test func limitedMNISTRun() throws {
        let sets = try RealData.mnist.get()
        let configuration = try DataConfiguration(
            dataset: "mnist", validationFraction: 0.2, trainingLimit: 1_000)
        let prepared = try PreparedData(sets: sets, configuration: configuration, seed: 11)

        // 1,000 samples by the largest-remainder rule, then 0.2 of each class held out.
        #expect(prepared.training.count + prepared.validation.count == 1_000)
        #expect(prepared.validation.labelHistogram() == [20, 22, 20, 20, 19, 18, 20, 21, 20, 20])
        #expect(prepared.test.count == 10_000)

        // The split refers to the official training set, and its samples are the prepared ones.
        let limited = try sets.training.stratifiedPrefix(1_000)
        #expect(Set(prepared.split.trainingIndices).union(prepared.split.validationIndices) == Set(limited))
        let rawValidation = sets.training.subset(prepared.split.validationIndices)
        #expect(rawValidation.labels == prepared.validation.labels)
        let expected = try prepared.standardization.applied(to: rawValidation)
        #expect(expected.features == prepared.validation.features)
    }

    @Test func trainingStatisticsAppliedToAll() throws {
        let sets = try RealData.mnist.get()
        let configuration = try DataConfiguration(dataset: "mnist", trainingLimit: 2_000)
        let prepared = try PreparedData(sets: sets, configuration: configuration, seed: 3)

        let rawTraining = sets.training.subset(prepared.split.trainingIndices)
        #expect(try Standardization(fitting: .global, to: rawTraining) == prepared.standardization)

        // Standardized training data has mean 0 and standard deviation 1 up to rounding.
        let values = prepared.training.features.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        #expect(abs(mean) < 1e-4)
        #expect(abs(variance - 1) < 1e-3)

        // The test set uses the training statistics: pixel 0 becomes -mean / std.
        let zeroPixel =
            (0 - prepared.standardization.means[0]) / prepared.standardization.standardDeviations[0]
        #expect(prepared.test.features[0] == zeroPixel)
    }

    @Test func fullSetSplitsAllSamples() throws {
        let sets = try RealData.fashionMNIST.get()
        let configuration = try DataConfiguration(dataset: "fashion-mnist", normalization: .none)
        let prepared = try PreparedData(sets: sets, configuration: configuration, seed: 1)
        // 6,000 samples per class, 600 of each held out.
        #expect(prepared.validation.labelHistogram() == Array(repeating: 600, count: 10))
        #expect(prepared.training.count == 54_000)
        #expect(prepared.test == sets.test)
    }

    @Test func sameSeedSameRecord() throws {
        let sets = try RealData.mnist.get()
        let configuration = try DataConfiguration(dataset: "mnist", trainingLimit: 500)
        let first = try PreparedData(sets: sets, configuration: configuration, seed: 8)
        let second = try PreparedData(sets: sets, configuration: configuration, seed: 8)
        #expect(first.split == second.split)
        #expect(first.standardization == second.standardization)
    }
}
