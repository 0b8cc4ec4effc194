import Datasets
import TensorCore

/// Copies samples of a data set into batch tensors [N] + sample shape and label arrays.
struct BatchAssembler {
    let dataset: Dataset
    private var inputs = [Int: Tensor]()

    init(dataset: Dataset) {
        self.dataset = dataset
    }

    /// Returns the batch of `indices`: its input tensor (reused for equal batch sizes) and labels.
    mutating func batch(_ indices: some Collection<Int>) -> (input: Tensor, labels: [Int32]) {
        let count = indices.count
        let input: Tensor
        if let cached = inputs[count] {
            input = cached
        } else {
            input = Tensor(shape: [count] + dataset.sampleShape, layout: .rowMajor)
            inputs[count] = input
        }
        let labels = Self.fill(input, from: dataset, indices: indices)
        return (input, labels)
    }

    /// Copies the samples of `dataset` at `indices` into the rows of `input` and returns their
    /// labels.
    ///
    /// With an `augmentation`, each sample is transformed on its way by its own draw, taken from
    /// the generator in row order, so the batch depends only on the generator's seed.
    static func fill(
        _ input: Tensor, from dataset: Dataset, indices: some Collection<Int>,
        augmentation: (augmenter: ImageAugmenter, generator: SeededGenerator)? = nil
    ) -> [Int32] {
        let size = dataset.sampleSize
        precondition(
            input.count == indices.count * size, "Batch tensor \(input.shape) does not fit the batch.")
        dataset.features.withUnsafeBufferPointer { features in
            let rows = indices.enumerated().map {
                (features.baseAddress! + $0.element * size, input.data + $0.offset * size)
            }
            if let (augmenter, seededGenerator) = augmentation {
                var generator = seededGenerator
                for (source, destination) in rows {
                    augmenter.apply(augmenter.draw(using: &generator), to: source, into: destination)
                }
            } else {
                for (source, destination) in rows {
                    destination.update(from: source, count: size)
                }
            }
        }
        return indices.map { dataset.labels[$0] }
    }
}
