import Datasets
import TensorCore

/// Copies samples of a data set into batch tensors [N] + sample shape and label arrays.
struct BatchAssembler {
    let dataset: any SampleSource
    private var inputs = [Int: Tensor]()

    init(dataset: any SampleSource) {
        self.dataset = dataset
    }

    /// Returns the batch of `indices`: its input tensor (reused for equal batch sizes) and labels.
    ///
    /// - Throws: the errors of `SampleSource.copySamples(at:to:)`.
    mutating func batch(_ indices: [Int]) throws -> (input: Tensor, labels: [Int32]) {
        let count = indices.count
        let input: Tensor
        if let cached = inputs[count] {
            input = cached
        } else {
            input = Tensor(shape: [count] + dataset.sampleShape, layout: .rowMajor)
            inputs[count] = input
        }
        let labels = try Self.fill(input, from: dataset, indices: indices)
        return (input, labels)
    }

    /// Copies the samples of `dataset` at `indices` into the rows of `input` and returns their
    /// labels.
    ///
    /// With an `augmentation`, the samples are first copied into `scratch`, a tensor of the same
    /// shape as `input`. Each is then transformed into its row of `input` by its own draw, taken
    /// from the generator in row order, so the batch depends only on the generator's seed.
    ///
    /// - Throws: the errors of `SampleSource.copySamples(at:to:)`.
    static func fill(
        _ input: Tensor, from dataset: any SampleSource, indices: [Int],
        augmentation: (augmenter: ImageAugmenter, generator: SeededGenerator, scratch: Tensor)? = nil
    ) throws -> [Int32] {
        let size = dataset.sampleSize
        precondition(
            input.count == indices.count * size, "Batch tensor \(input.shape) does not fit the batch.")
        if let (augmenter, seededGenerator, scratch) = augmentation {
            precondition(
                scratch.count == input.count, "The scratch tensor \(scratch.shape) does not fit the batch.")
            try dataset.copySamples(at: indices, to: scratch.data)
            var generator = seededGenerator
            for row in indices.indices {
                augmenter.apply(
                    augmenter.draw(using: &generator), to: scratch.data + row * size,
                    into: input.data + row * size)
            }
        } else {
            try dataset.copySamples(at: indices, to: input.data)
        }
        let labels = dataset.labels
        return indices.map { labels[$0] }
    }
}
