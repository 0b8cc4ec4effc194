import Testing

@testable import Training

@Suite("Batch plan")
struct BatchPlanTests {
    @Test func evenSplit() {
        let plan = BatchPlan(order: Array(0..<8), batchSize: 4)
        #expect(plan.batches == [[0, 1, 2, 3], [4, 5, 6, 7]])
    }

    @Test func lastBatchOfOneJoinsPrevious() {
        let plan = BatchPlan(order: Array(0..<9), batchSize: 4)
        #expect(plan.batches.map(\.count) == [4, 5])
        #expect(plan.batches.flatMap { $0 } == Array(0..<9))
    }

    @Test func lastBatchOfTwoStays() {
        #expect(BatchPlan(order: Array(0..<10), batchSize: 4).batches.map(\.count) == [4, 4, 2])
    }

    @Test func stochasticGradientDescentKeepsSingletons() {
        #expect(BatchPlan(order: Array(0..<3), batchSize: 1).batches == [[0], [1], [2]])
    }

    @Test func wholeSetIsOneBatch() {
        #expect(BatchPlan(order: Array(0..<5), batchSize: 100).batches == [[0, 1, 2, 3, 4]])
    }

    @Test func shuffleIsSeededPerEpoch() {
        let first = BatchPlan(epoch: 0, count: 50, batchSize: 10, seed: 7).batches
        #expect(first == BatchPlan(epoch: 0, count: 50, batchSize: 10, seed: 7).batches)
        #expect(first != BatchPlan(epoch: 1, count: 50, batchSize: 10, seed: 7).batches)
        #expect(first != BatchPlan(epoch: 0, count: 50, batchSize: 10, seed: 8).batches)
        #expect(first.flatMap { $0 }.sorted() == Array(0..<50))
    }
}
