import Datasets
import Dispatch
import TensorCore

/// Assembles the training batches of an epoch on a background thread, one batch ahead of the
/// model, into two alternating input tensors (a double buffer).
///
/// While the model trains on batch i, held in buffer i mod 2, the background thread copies and,
/// with an augmenter, augments batch i + 1 into the other buffer. `next()` waits for that batch
/// and then starts batch i + 2 in the buffer the model has just finished with. So a buffer is
/// never written while the model reads it, provided the caller is done with each batch before it
/// calls `next()` again, as a training step is.
///
/// With an augmenter, samples are copied into a third tensor first and augmented from there
/// into the batch buffer, since one background job runs at a time.
///
/// A batch whose samples cannot be read (a streamed image file that changed during the run)
/// makes `next()` throw the error.
///
/// The augmentation of batch b of epoch e draws from
/// `SeededGenerator(seed: seed, purpose: "augmentation-epoch-e-batch-b")`, so the inputs do not
/// depend on thread timing.
final class BatchPrefetcher: @unchecked Sendable {
    private let dataset: any SampleSource
    private let augmenter: ImageAugmenter?
    private let seed: UInt64
    private let queue = DispatchQueue(label: "SwiftTune.BatchPrefetcher", qos: .userInitiated)
    /// Two input tensors per batch size, indexed by batch size and then by buffer.
    private var buffers: [Int: [Tensor]] = [:]
    /// The augmentation source tensor per batch size.
    private var scratches: [Int: Tensor] = [:]
    private var epoch = 0
    private var batches: [[Int]] = []
    private var nextBatch = 0
    private var pending: (input: Tensor, outcome: Outcome, work: DispatchWorkItem)?

    /// The labels of a batch, or the error that stopped it, written by the background thread
    /// before its work item finishes.
    private final class Outcome: @unchecked Sendable {
        var labels: [Int32] = []
        var error: (any Error)?
    }

    /// Creates a prefetcher of batches of `dataset`, augmented by `augmenter` when it is set.
    init(dataset: any SampleSource, augmenter: ImageAugmenter?, seed: UInt64) {
        self.dataset = dataset
        self.augmenter = augmenter
        self.seed = seed
    }

    /// Starts the epoch `epoch` with the sample indices of each batch, and assembles its first
    /// batch in the background.
    func begin(epoch: Int, batches: [[Int]]) {
        finish()
        self.epoch = epoch
        self.batches = batches
        nextBatch = 0
        schedule(0)
    }

    /// Returns the next batch of the epoch, waiting for it when it is not ready, and starts
    /// assembling the batch after it.
    ///
    /// - Throws: the error of `SampleSource.copySamples(at:to:)` for this batch.
    func next() throws -> (input: Tensor, labels: [Int32]) {
        guard let (input, outcome, work) = pending else {
            preconditionFailure("next() called after the last batch of the epoch")
        }
        work.wait()
        pending = nil
        if let error = outcome.error {
            throw error
        }
        nextBatch += 1
        schedule(nextBatch)
        return (input, outcome.labels)
    }

    /// Waits for the batch being assembled, if any, so that no background work outlives the
    /// caller's use of the prefetcher.
    func finish() {
        pending?.work.wait()
        pending = nil
    }

    /// Starts assembling batch `index` in the background, unless the epoch has no such batch.
    private func schedule(_ index: Int) {
        guard index < batches.count else { return }
        let indices = batches[index]
        let input = buffer(count: indices.count, slot: index % 2)
        let outcome = Outcome()
        let dataset = dataset
        let augmentation = augmenter.map {
            (
                $0, SeededGenerator(seed: seed, purpose: "augmentation-epoch-\(epoch)-batch-\(index)"),
                scratch(count: indices.count)
            )
        }
        let work = DispatchWorkItem {
            do {
                outcome.labels = try BatchAssembler.fill(
                    input, from: dataset, indices: indices, augmentation: augmentation)
            } catch {
                outcome.error = error
            }
        }
        pending = (input, outcome, work)
        queue.async(execute: work)
    }

    /// Returns buffer `slot` (0 or 1) for batches of `count` samples, created on first use.
    private func buffer(count: Int, slot: Int) -> Tensor {
        if let pair = buffers[count] {
            return pair[slot]
        }
        let pair = (0..<2).map { _ in Tensor(shape: [count] + dataset.sampleShape, layout: .rowMajor) }
        buffers[count] = pair
        return pair[slot]
    }

    /// Returns the augmentation source tensor for batches of `count` samples, created on first use.
    private func scratch(count: Int) -> Tensor {
        if let tensor = scratches[count] {
            return tensor
        }
        let tensor = Tensor(shape: [count] + dataset.sampleShape, layout: .rowMajor)
        scratches[count] = tensor
        return tensor
    }

    deinit {
        pending?.work.wait()
    }
}
