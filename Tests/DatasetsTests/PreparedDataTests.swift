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
        #expect(try expected.features == allFeatures(prepared.validation))
    }

    @Test func trainingStatisticsAppliedToAll() throws {
        let sets = try RealData.mnist.get()
        let configuration = try DataConfiguration(dataset: "mnist", trainingLimit: 2_000)
        let prepared = try PreparedData(sets: sets, configuration: configuration, seed: 3)

        let rawTraining = sets.training.subset(prepared.split.trainingIndices)
        #expect(try Standardization(fitting: .global, to: rawTraining) == prepared.standardization)

        // Standardized training data has mean 0 and standard deviation 1 up to rounding.
        let values = try allFeatures(prepared.training).map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        #expect(abs(mean) < 1e-4)
        #expect(abs(variance - 1) < 1e-3)

        // The test set uses the training statistics: pixel 0 becomes -mean / std.
        let zeroPixel =
            (0 - prepared.standardization.means[0]) / prepared.standardization.standardDeviations[0]
        #expect(try allFeatures(prepared.test)[0] == zeroPixel)
    }

    @Test func fullSetSplitsAllSamples() throws {
        let sets = try RealData.fashionMNIST.get()
        let configuration = try DataConfiguration(dataset: "fashion-mnist", normalization: .none)
        let prepared = try PreparedData(sets: sets, configuration: configuration, seed: 1)
        // 6,000 samples per class, 600 of each held out.
        #expect(prepared.validation.labelHistogram() == Array(repeating: 600, count: 10))
        #expect(prepared.training.count == 54_000)
        #expect(prepared.test as? Dataset == sets.test)
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
        // 569 samples: round(569 * 0.15) = 85 each for validation and test.
        #expect(prepared.training.count == 399)
        #expect(prepared.validation.count == 85)
        #expect(prepared.test.count == 85)
        #expect(prepared.test.labelHistogram() == [32, 53])

        // Without a training limit, the record is the split plan's three-way split.
        let expected = try sets.training.stratifiedSplit(plan: SplitPlan(ratios: [70, 15, 15]), seed: 12)
        #expect(prepared.split.trainingIndices == expected.trainingIndices)
        #expect(prepared.split.validationIndices == expected.validationIndices)
        #expect(prepared.split.testIndices == expected.testIndices)
    }

    @Test func splitPlanEqualsFractions() throws {
        let plan = try DataConfiguration(
            format: .csv, path: "breast_cancer.csv", split: SplitPlan(ratios: [70, 15, 15]),
            normalization: .perFeature)
        let byPlan = try PreparedData(sets: sets, configuration: plan, seed: 12)
        let byFractions = try PreparedData(sets: sets, configuration: configuration(), seed: 12)
        #expect(byPlan.split == byFractions.split)
    }

    @Test func countsPlanSetsSizes() throws {
        let plan = try DataConfiguration(
            format: .csv, path: "breast_cancer.csv", split: SplitPlan(validationCount: 50, testCount: 100))
        let prepared = try PreparedData(sets: sets, configuration: plan, seed: 2)
        #expect(prepared.validation.count == 50)
        #expect(prepared.test.count == 100)
        #expect(prepared.training.count == 419)
    }

    @Test func planWithoutTestSplitRejected() throws {
        let plan = try DataConfiguration(
            format: .imageFolder, path: "folder", split: SplitPlan(ratios: [80, 20]))
        let error = #expect(throws: DatasetError.self) {
            try PreparedData(sets: sets, configuration: plan, seed: 1)
        }
        #expect(error?.description.contains("so data.split must include a test split") == true)
    }

    @Test func statisticsFittedOnTrainingOnly() throws {
        let prepared = try PreparedData(sets: sets, configuration: configuration(), seed: 12)
        let testIndices = try #require(prepared.split.testIndices)
        let rawTraining = sets.training.subset(prepared.split.trainingIndices)
        #expect(try Standardization(fitting: .perFeature, to: rawTraining) == prepared.standardization)
        #expect(prepared.standardization.means.count == 30)

        let rawTest = sets.training.subset(testIndices)
        #expect(try prepared.standardization.applied(to: rawTest).features == allFeatures(prepared.test))
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

    @Test func splitWarningsRecorded() throws {
        // Class 0 has 2 samples, fewer than the 3 splits, so all of them stay in training.
        let small = try DatasetSplitTests.dataset(
            labels: [0, 0] + Array(repeating: 1, count: 20), classNames: ["rare", "common"])
        let plan = try DataConfiguration(
            format: .csv, path: "small.csv",
            split: SplitPlan(ratios: [60, 20, 20], allowSmallClasses: true), normalization: .none)
        let prepared = try PreparedData(
            sets: TrainingAndTestSets(training: small, test: nil), configuration: plan, seed: 5)
        #expect(prepared.training.labelHistogram()[0] == 2)
        #expect(prepared.splitWarnings.count == 1)
        #expect(prepared.warnings.first?.hasPrefix("Class \"rare\" has 2 samples") == true)
    }

    @Test func shiftedTestSetWarns() throws {
        // An official test set twice as bright as the training set is flagged, a copy is not.
        let training = sets.training
        var brighter = training
        brighter.features = training.features.map { $0 * 2 }
        let configuration = try DataConfiguration(dataset: "mnist", normalization: .none)
        let shifted = try PreparedData(
            sets: TrainingAndTestSets(training: training, test: brighter), configuration: configuration,
            seed: 1)
        #expect(shifted.distributionWarnings.contains { $0.split == "test" && $0.measure == .channelMean })
        #expect(!shifted.distributionWarnings.contains { $0.split == "validation" })

        let same = try PreparedData(
            sets: TrainingAndTestSets(training: training, test: training), configuration: configuration,
            seed: 1)
        #expect(same.distributionWarnings.isEmpty)
    }

    @Test func officialTestSetRejectsTestFraction() throws {
        let mnist = try RealData.mnist.get()
        let error = #expect(throws: DatasetError.self) {
            try PreparedData(sets: mnist, configuration: configuration(trainingLimit: 100), seed: 1)
        }
        #expect(error?.description.contains("must not set a test fraction") == true)
    }
}
