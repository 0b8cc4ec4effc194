import Foundation
import Testing

@testable import Datasets

@Suite("Training, validation and test split")
struct TestSplitTests {
    /// Returns a data set of one feature, equal to the sample index, with `counts[c]` samples of class c.
    func toy(counts: [Int]) throws -> Dataset {
        let labels = counts.enumerated().flatMap { label, count in
            Array(repeating: Int32(label), count: count)
        }
        return try Dataset(
            name: "toy", sampleShape: [1], features: labels.indices.map(Float.init), labels: labels,
            classNames: counts.indices.map { "class \($0)" })
    }

    @Test func breastCancerProportions() throws {
        let dataset = try RealData.breastCancer.get()
        let split = try dataset.stratifiedSplit(validationFraction: 0.15, testFraction: 0.15, seed: 5)
        let testIndices = try #require(split.testIndices)

        // Test: round(212 * 0.15) = 32 and round(357 * 0.15) = 54. Validation takes 0.15 / 0.85 of
        // the rest: round(180 * 0.1765) = 32 and round(303 * 0.1765) = 53.
        #expect(dataset.subset(testIndices).labelHistogram() == [32, 54])
        #expect(dataset.subset(split.validationIndices).labelHistogram() == [32, 53])
        #expect(dataset.subset(split.trainingIndices).labelHistogram() == [148, 250])
        #expect(split.trainingIndices.count == 398)
        #expect(split.validationIndices.count == 85)
        #expect(testIndices.count == 86)
    }

    @Test func irisProportions() throws {
        let dataset = try RealData.iris.get()
        let split = try dataset.stratifiedSplit(validationFraction: 0.15, testFraction: 0.15, seed: 1)
        // Per class of 50: round(7.5) = 8 for test, then round(42 * 0.1765) = 7 for validation.
        #expect(dataset.subset(try #require(split.testIndices)).labelHistogram() == [8, 8, 8])
        #expect(dataset.subset(split.validationIndices).labelHistogram() == [7, 7, 7])
        #expect(dataset.subset(split.trainingIndices).labelHistogram() == [35, 35, 35])
    }

    @Test func partsAreSortedDisjointAndComplete() throws {
        let dataset = try RealData.wine.get()
        let split = try dataset.stratifiedSplit(validationFraction: 0.2, testFraction: 0.1, seed: 9)
        let testIndices = try #require(split.testIndices)
        for part in [split.trainingIndices, split.validationIndices, testIndices] {
            #expect(part == part.sorted())
        }
        let all = split.trainingIndices + split.validationIndices + testIndices
        #expect(all.count == dataset.count)
        #expect(Set(all) == Set(0..<dataset.count))
    }

    @Test func seedDecidesSplit() throws {
        let dataset = try RealData.breastCancer.get()
        let first = try dataset.stratifiedSplit(validationFraction: 0.15, testFraction: 0.15, seed: 3)
        let again = try dataset.stratifiedSplit(validationFraction: 0.15, testFraction: 0.15, seed: 3)
        let other = try dataset.stratifiedSplit(validationFraction: 0.15, testFraction: 0.15, seed: 4)
        #expect(first == again)
        #expect(first.testIndices != other.testIndices)
    }

    @Test func smallClassesKeepOneSampleInEachPart() throws {
        let dataset = try toy(counts: [3, 4, 20])
        let split = try dataset.stratifiedSplit(validationFraction: 0.1, testFraction: 0.1, seed: 2)
        // round(0.3) = 0 is raised to 1 in test and validation, and training keeps the rest.
        #expect(dataset.subset(try #require(split.testIndices)).labelHistogram() == [1, 1, 2])
        #expect(dataset.subset(split.validationIndices).labelHistogram() == [1, 1, 2])
        #expect(dataset.subset(split.trainingIndices).labelHistogram() == [1, 2, 16])
    }

    @Test func classTooSmallRejected() throws {
        let dataset = try toy(counts: [5, 2, 5])
        let error = #expect(throws: DatasetError.self) {
            try dataset.stratifiedSplit(validationFraction: 0.2, testFraction: 0.2, seed: 0)
        }
        #expect(
            error
                == .classTooSmallForTestSplit(dataset: "toy", className: "class 1", label: 1, sampleCount: 2))
        #expect(error?.description.contains("needs at least 3 per class") == true)
    }

    @Test(arguments: [(0.5, 0.5), (0.0, 0.2), (0.2, 0.0), (0.7, 0.4), (Double.nan, 0.1)])
    func invalidFractionsRejected(validation: Double, test: Double) throws {
        let dataset = try toy(counts: [10, 10])
        let error = #expect(throws: DatasetError.self) {
            try dataset.stratifiedSplit(validationFraction: validation, testFraction: test, seed: 0)
        }
        guard case .invalidSplitFractions = error else {
            Issue.record("Expected invalidSplitFractions, got \(String(describing: error)).")
            return
        }
    }

    @Test func twoWaySplitUnchanged() throws {
        // The two-way split draws the same samples as before the test split was added: these
        // indices were printed by the version of commit ae7a0a2 for this data set and seed.
        let dataset = try toy(counts: [4, 6])
        let split = try dataset.stratifiedSplit(validationFraction: 0.5, seed: 7)
        #expect(split.trainingIndices == [0, 3, 6, 8, 9])
        #expect(split.validationIndices == [1, 2, 4, 5, 7])
        #expect(split.testIndices == nil)
    }
}
