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
        let size = dataset.sampleSize
        let count = indices.count
        let input: Tensor
        if let cached = inputs[count] {
            input = cached
        } else {
            input = Tensor(shape: [count] + dataset.sampleShape, layout: .rowMajor)
            inputs[count] = input
        }
        var labels = [Int32]()
        labels.reserveCapacity(count)
        dataset.features.withUnsafeBufferPointer { features in
            for (row, index) in indices.enumerated() {
                (input.data + row * size).update(from: features.baseAddress! + index * size, count: size)
                labels.append(dataset.labels[index])
            }
        }
        return (input, labels)
    }
}
