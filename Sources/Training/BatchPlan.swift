import TensorCore

/// The mini-batches of one epoch: a seeded permutation of the training split cut into batches.
///
/// Rule for a last batch of one sample: when the split does not divide evenly and only one
/// sample is left over, that sample joins the previous batch (which then has `batchSize + 1`
/// samples). A batch of one would give batch normalization a zero variance over a dense layer
/// and a gradient step from a single sample at the end of every epoch. With `batchSize` 1
/// (stochastic gradient descent) every batch has one sample by definition and nothing is merged.
public struct BatchPlan: Sendable {
    /// Sample indices of each batch, in the order they are trained on.
    public let batches: [[Int]]

    /// Cuts `order` (a permutation of the training split) into batches of `batchSize`.
    public init(order: [Int], batchSize: Int) {
        precondition(batchSize > 0, "batch size must be positive")
        var batches: [[Int]] = []
        var start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            batches.append(Array(order[start..<end]))
            start = end
        }
        if batchSize > 1, batches.count > 1, batches.last!.count == 1 {
            let leftover = batches.removeLast()
            batches[batches.count - 1].append(contentsOf: leftover)
        }
        self.batches = batches
    }

    /// The plan for `epoch`: a shuffle of `0..<count` seeded by the run seed and the epoch number.
    public init(epoch: Int, count: Int, batchSize: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed, purpose: "shuffle-epoch-\(epoch)")
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        self.init(order: order, batchSize: batchSize)
    }
}
