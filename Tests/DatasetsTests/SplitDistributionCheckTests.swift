import Foundation
import Testing

@testable import Datasets

@Suite("Split distribution check")
struct SplitDistributionCheckTests {
    /// Loads the CIFAR-10 JPEG folder and splits it 70:15:15.
    static func splitCIFAR() throws -> (data: LoadedImageFolder, partition: DatasetPartition) {
        let loaded = try CIFARJPEG.loaded.get()
        let partition = try loaded.dataset.stratifiedSplit(plan: SplitPlan(ratios: [70, 15, 15]), seed: 21)
        return (loaded, partition)
    }

    static func statistics(_ name: String, _ data: LoadedImageFolder, _ indices: [Int]) -> SplitStatistics {
        SplitStatistics(
            name: name, dataset: data.dataset.subset(indices),
            imageSizes: indices.map { data.originalSizes[$0] })
    }

    @Test func randomSplitIsQuiet() throws {
        let (data, partition) = try Self.splitCIFAR()
        let training = Self.statistics("training", data, partition.trainingIndices)
        let others = [
            Self.statistics("validation", data, partition.validationIndices),
            Self.statistics("test", data, partition.testIndices),
        ]
        #expect(SplitDistributionCheck().compare(others, withTraining: training).isEmpty)
    }

    @Test func brightenedTestSplitWarns() throws {
        let (data, partition) = try Self.splitCIFAR()
        var test = data.dataset.subset(partition.testIndices)
        test.features = test.features.map { min($0 + 40, 255) }

        let training = Self.statistics("training", data, partition.trainingIndices)
        let warnings = SplitDistributionCheck().compare(
            SplitStatistics(name: "test", dataset: test), withTraining: training)
        let shifted = warnings.filter { $0.measure == .channelMean }
        #expect(shifted.count == 3)
        #expect(shifted.allSatisfy { $0.split == "test" })
        #expect(shifted.first?.message.hasPrefix("test: channel 0 has mean") == true)
        #expect(!warnings.contains { $0.measure == .classFrequencies })
    }

    @Test func missingClassesWarn() throws {
        let (data, partition) = try Self.splitCIFAR()
        let firstFiveClasses = partition.testIndices.filter { data.dataset.labels[$0] < 5 }

        let training = Self.statistics("training", data, partition.trainingIndices)
        let warnings = SplitDistributionCheck().compare(
            Self.statistics("test", data, firstFiveClasses), withTraining: training)
        // Half the classes are missing: the distance is 0.5.
        #expect(warnings.map(\.measure).contains(.classFrequencies))
        #expect(
            warnings.first { $0.measure == .classFrequencies }?.message.contains("distance of 0.5,") == true)
    }

    @Test func imageSizesCompared() throws {
        let data = try DatasetSplitTests.dataset(labels: [0, 1, 0, 1], classNames: ["a", "b"])
        let small = Array(repeating: ImageSize(height: 32, width: 32), count: 4)
        let large = Array(repeating: ImageSize(height: 64, width: 48), count: 4)

        let training = SplitStatistics(name: "training", dataset: data, imageSizes: small)
        let check = SplitDistributionCheck()
        let warnings = check.compare(
            SplitStatistics(name: "validation", dataset: data, imageSizes: large), withTraining: training)
        #expect(warnings.map(\.measure) == [.imageSize])
        #expect(warnings.first?.message.contains("ratios of 2 and 1.5") == true)
        #expect(
            check.compare(
                SplitStatistics(name: "same", dataset: data, imageSizes: small), withTraining: training
            )
            .isEmpty)
    }

    @Test func statisticsOfKnownValues() throws {
        // Two samples of two channels of two pixels. Channel 0 contains 1, 3 and 5, 7, and channel 1
        // contains 10, 10 and 20, 20.
        let data = try Dataset(
            name: "tiny", sampleShape: [2, 1, 2], features: [1, 3, 10, 10, 5, 7, 20, 20], labels: [0, 1],
            classNames: ["a", "b", "c", "d"])
        let statistics = SplitStatistics(name: "tiny", dataset: data)
        #expect(statistics.classFrequencies == [0.5, 0.5, 0, 0])
        #expect(statistics.channelMeans == [4, 15])
        // Channel 0: deviations -3, -1, 1, 3, so variance 5; channel 1: deviations of 5, variance 25.
        #expect(statistics.channelStandardDeviations == [(5.0).squareRoot(), 5])
        // Sample means 2 and 6 for channel 0, 10 and 20 for channel 1.
        #expect(statistics.sampleMeanStandardDeviations == [2, 5])
    }
}
