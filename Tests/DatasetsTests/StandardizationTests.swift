import Foundation
import Testing

@testable import Datasets

@Suite("Standardization")
struct StandardizationTests {
    /// Returns three rows of two features, the second of them constant.
    static func rows() throws -> Dataset {
        try Dataset(
            name: "rows", sampleShape: [2], features: [1, 10, 2, 10, 3, 10], labels: [0, 1, 0],
            classNames: ["a", "b"])
    }

    /// Returns two images of 2 channels, 1 row and 2 columns: channel 0 contains 1 3 | 5 7, and channel 1 contains 10 20 | 30 40.
    static func images() throws -> Dataset {
        try Dataset(
            name: "images", sampleShape: [2, 1, 2], features: [1, 3, 10, 20, 5, 7, 30, 40], labels: [0, 1],
            classNames: ["a", "b"])
    }

    @Test func perFeatureStatistics() throws {
        let statistics = try Standardization(fitting: .perFeature, to: Self.rows())
        // Feature 0: mean of 1, 2, 3 is 2, and the population variance is (1 + 0 + 1) / 3 = 2/3.
        // Feature 1: all values are 10, so the mean is 10 and the divisor is 1.
        #expect(statistics.means == [2, 10])
        #expect(abs(statistics.standardDeviations[0] - 0.816_496_6) < 1e-6)
        #expect(statistics.standardDeviations[1] == 1)

        let standardized = try statistics.applied(to: Self.rows())
        let expected: [Float] = [-1.224_744_9, 0, 0, 0, 1.224_744_9, 0]
        for (value, target) in zip(standardized.features, expected) {
            #expect(abs(value - target) < 1e-5)
        }
    }

    @Test func globalStatistics() throws {
        let statistics = try Standardization(fitting: .global, to: Self.rows())
        // Values 1, 10, 2, 10, 3, 10: mean 36 / 6 = 6, deviations -5, 4, -4, 4, -3, 4, squared
        // deviations summing to 25 + 16 + 16 + 16 + 9 + 16 = 98, variance 98 / 6, standard deviation 4.041452.
        #expect(statistics.means == [6])
        #expect(abs(statistics.standardDeviations[0] - 4.041_452) < 1e-5)

        let standardized = try statistics.applied(to: Self.rows())
        #expect(abs(standardized.features[0] - -1.237_179) < 1e-5)
        #expect(abs(standardized.features[1] - 0.989_743) < 1e-5)
    }

    @Test func perChannelStatistics() throws {
        let statistics = try Standardization(fitting: .perChannel, to: Self.images())
        // Channel 0: 1, 3, 5, 7 has mean 4 and variance (9 + 1 + 1 + 9) / 4 = 5.
        // Channel 1: 10, 20, 30, 40 has mean 25 and variance (225 + 25 + 25 + 225) / 4 = 125.
        #expect(statistics.means == [4, 25])
        #expect(abs(statistics.standardDeviations[0] - Float(5.0).squareRoot()) < 1e-6)
        #expect(abs(statistics.standardDeviations[1] - Float(125.0).squareRoot()) < 1e-5)

        let standardized = try statistics.applied(to: Self.images())
        #expect(abs(standardized.features[0] - (1 - 4) / Float(5.0.squareRoot())) < 1e-6)
        #expect(abs(standardized.features[7] - (40 - 25) / Float(125.0.squareRoot())) < 1e-6)
    }

    @Test func constantDataMapsToZero() throws {
        let constant = try Dataset(
            name: "flat", sampleShape: [1, 2, 2], features: Array(repeating: 0.1, count: 12),
            labels: [0, 0, 0],
            classNames: ["a"])
        for mode in [NormalizationMode.global, .perFeature, .perChannel] {
            let statistics = try Standardization(fitting: mode, to: constant)
            #expect(statistics.standardDeviations.allSatisfy { $0 == 1 })
            #expect(statistics.means.allSatisfy { $0 == 0.1 })
            let standardized = try statistics.applied(to: constant)
            #expect(standardized.features.allSatisfy { $0 == 0 })
        }
    }

    @Test func statisticsComeFromTrainingOnly() throws {
        let all = try Dataset(
            name: "rows", sampleShape: [1], features: [1, 2, 3, 11], labels: [0, 0, 1, 1],
            classNames: ["a", "b"])
        let training = all.subset([0, 1, 2])
        let validation = all.subset([3])

        let statistics = try Standardization(fitting: .global, to: training)
        // Mean 2 and standard deviation sqrt(2/3) of 1, 2, 3. The 11 of the validation sample
        // must not move them.
        #expect(statistics.means == [2])
        #expect(abs(statistics.standardDeviations[0] - 0.816_496_6) < 1e-6)

        let standardizedValidation = try statistics.applied(to: validation)
        #expect(abs(standardizedValidation.features[0] - 11.022_704) < 1e-4)
    }

    @Test func noneLeavesValuesUnchanged() throws {
        let statistics = try Standardization(fitting: .none, to: Self.rows())
        #expect(statistics.means.isEmpty)
        #expect(try statistics.applied(to: Self.rows()) == Self.rows())
    }

    @Test func perChannelNeedsImageShape() throws {
        let error = #expect(throws: DatasetError.self) {
            try Standardization(fitting: .perChannel, to: Self.rows())
        }
        guard case .standardizationMismatch(let dataset, let sampleShape, let reason) = error else {
            Issue.record("Expected standardizationMismatch, got \(String(describing: error)).")
            return
        }
        #expect(dataset == "rows")
        #expect(sampleShape == [2])
        #expect(reason.contains("[C, H, W]"))
    }

    @Test func mismatchedStatisticsRejected() throws {
        let perFeature = try Standardization(fitting: .perFeature, to: Self.rows())
        let error = #expect(throws: DatasetError.self) { try perFeature.applied(to: Self.images()) }
        #expect(error?.description.contains("needs 4 means") == true)
        #expect(error?.description.contains("have 2 means") == true)
    }

    @Test func zeroStandardDeviationRejected() throws {
        let statistics = Standardization(mode: .global, means: [0], standardDeviations: [0])
        let error = #expect(throws: DatasetError.self) { try statistics.applied(to: Self.rows()) }
        #expect(error?.description.contains("must be positive and finite, got 0.0") == true)
    }

    @Test func emptyDatasetRejected() throws {
        let empty = try Dataset(name: "empty", sampleShape: [3], features: [], labels: [], classNames: ["a"])
        let error = #expect(throws: DatasetError.self) { try Standardization(fitting: .global, to: empty) }
        #expect(
            error
                == .invalidDataset(
                    name: "empty", reason: "it has no samples to fit global standardization on"))
    }

    @Test func statisticsRoundTripThroughJSON() throws {
        let statistics = try Standardization(fitting: .perFeature, to: Self.rows())
        let json = try JSONEncoder().encode(statistics)
        let decoded = try JSONDecoder().decode(Standardization.self, from: json)
        #expect(decoded == statistics)

        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["mode"] as? String == "perFeature")
    }

    @Test func mnistGlobalStatistics() throws {
        let training = try RealData.mnist.get().training
        let statistics = try Standardization(fitting: .global, to: training)
        // Computed exactly in Python with fractions.Fraction from the count of each byte value
        // among the 47,040,000 training pixels: mean 33.318421, population standard deviation 78.567490.
        #expect(abs(statistics.means[0] - 33.318_421) < 1e-4)
        #expect(abs(statistics.standardDeviations[0] - 78.567_490) < 1e-3)
    }
}
