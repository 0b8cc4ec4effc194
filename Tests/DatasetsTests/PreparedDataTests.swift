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

@Suite("Prepared data without an official test set")
struct PreparedCSVDataTests {
    let sets = TrainingAndTestSets(training: try! RealData.breastCancer.get(), test: nil)

    func configuration(trainingLimit: Int? = nil) throws -> DataConfiguration {
        try DataConfiguration(
            format: .csv, path: "breast_cancer.csv", validationFraction: 0.15, normalization: .perFeature,
            trainingLimit: trainingLimit)
    }

    @Test func testSplitCarvedFirst() throws {
        let prepared = try PreparedData(sets: sets, configuration: configuration(), seed: 12)
        #expect(prepared.training.count == 398)
        #expect(prepared.validation.count == 85)
        #expect(prepared.test.count == 86)
        #expect(prepared.test.labelHistogram() == [32, 54])

        // Without a training limit, the record is the documented three-way split.
        let expected = try sets.training.stratifiedSplit(
            validationFraction: 0.15, testFraction: 0.15, seed: 12)
        #expect(prepared.split == expected)
    }

    @Test func statisticsFittedOnTrainingOnly() throws {
        let prepared = try PreparedData(sets: sets, configuration: configuration(), seed: 12)
        let testIndices = try #require(prepared.split.testIndices)
        let rawTraining = sets.training.subset(prepared.split.trainingIndices)
        #expect(try Standardization(fitting: .perFeature, to: rawTraining) == prepared.standardization)
        #expect(prepared.standardization.means.count == 30)

        let rawTest = sets.training.subset(testIndices)
        #expect(try prepared.standardization.applied(to: rawTest).features == prepared.test.features)
        #expect(prepared.test.labels == rawTest.labels)
    }

    @Test func trainingLimitLeavesTestSplitAlone() throws {
        let full = try PreparedData(sets: sets, configuration: configuration(), seed: 4)
        let limited = try PreparedData(sets: sets, configuration: configuration(trainingLimit: 100), seed: 4)
        #expect(limited.split.testIndices == full.split.testIndices)
        #expect(limited.training.count + limited.validation.count == 100)
        let used = Set(limited.split.trainingIndices + limited.split.validationIndices)
        #expect(used.isDisjoint(with: try #require(limited.split.testIndices)))
    }

    @Test func officialTestSetRejectsTestFraction() throws {
        let mnist = try RealData.mnist.get()
        let error = #expect(throws: DatasetError.self) {
            try PreparedData(sets: mnist, configuration: configuration(trainingLimit: 100), seed: 1)
        }
        #expect(error?.description.contains("must not set a test fraction") == true)
    }
}
