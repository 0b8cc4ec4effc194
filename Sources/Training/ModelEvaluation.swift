import Datasets
import Evaluation
import NeuralNetwork
import TensorCore

/// A model's predictions on a data set in inference mode, with the loss and the metrics.
public struct ModelEvaluation: Sendable {
    /// Mean cross-entropy loss (without label smoothing or L2).
    public var loss: Double
    /// True labels, in data-set order.
    public var labels: [Int]
    /// Predicted class (highest logit) of each sample.
    public var predictions: [Int]
    /// Softmax probabilities, row-major [samples, classes].
    public var probabilities: [Double]
    /// Accuracy, per-class metrics, averages and the confusion matrix.
    public var report: ClassificationReport

    /// Fraction of samples predicted right.
    public var accuracy: Double { report.accuracy }

    /// The batch size of an evaluation unless the caller gives one.
    public static let defaultBatchSize = 1000

    /// Runs `model` over `dataset` in batches of `batchSize` with dropout off and batch-norm
    /// running statistics in use; nothing in the model changes.
    ///
    /// - Throws: the errors of reading samples (`SampleSource.copySamples(at:to:)`), and
    ///   `EvaluationError` when the labels do not fit the classes.
    public init(model: Sequential, dataset: any SampleSource, batchSize: Int = defaultBatchSize) throws {
        var assembler = BatchAssembler(dataset: dataset)
        let classCount = model.classCount
        let lossFunction = SoftmaxCrossEntropy()
        var totalLoss = 0.0
        var predictions = [Int]()
        var probabilities = [Double]()
        predictions.reserveCapacity(dataset.count)
        probabilities.reserveCapacity(dataset.count * classCount)

        var start = 0
        while start < dataset.count {
            let end = min(start + batchSize, dataset.count)
            let (input, labels) = try assembler.batch(Array(start..<end))
            let logits = model.forward(input, isTraining: false)
            let result = labels.withUnsafeBufferPointer {
                lossFunction.evaluate(logits: logits, labels: $0, gradient: nil)
            }
            totalLoss += result.loss * Double(end - start)
            for row in 0..<(end - start) {
                let z = logits.data + row * classCount
                var best = 0
                var maximum = z[0]
                for k in 1..<classCount where z[k] > maximum {
                    maximum = z[k]
                    best = k
                }
                predictions.append(best)
                var sum = 0.0
                for k in 0..<classCount { sum += exp(Double(z[k] - maximum)) }
                for k in 0..<classCount { probabilities.append(exp(Double(z[k] - maximum)) / sum) }
            }
            start = end
        }
        loss = totalLoss / Double(max(dataset.count, 1))
        labels = dataset.labels.map { Int($0) }
        self.predictions = predictions
        self.probabilities = probabilities
        report = try ClassificationReport(
            labels: labels, predictions: predictions, classes: try ClassList(names: dataset.classNames))
    }
}

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
