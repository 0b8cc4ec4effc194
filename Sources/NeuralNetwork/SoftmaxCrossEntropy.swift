import Foundation
import TensorCore

/// Softmax cross-entropy computed from logits, with optional label smoothing.
///
/// For logits z [N, K] and labels y, with smoothing ε the target is
/// tₖ = (1 − ε)·[k = y] + ε / K, and the loss is the batch mean of −Σₖ tₖ · log softmax(z)ₖ.
/// log softmax is computed as zₖ − m − log Σⱼ exp(zⱼ − m) with m = maxⱼ zⱼ, so large logits
/// never overflow. The gradient with respect to z is (softmax(z) − t) / N.
public struct SoftmaxCrossEntropy: Sendable {
    /// Label smoothing ε in [0, 1).
    public var labelSmoothing: Float

    /// Creates the loss; `labelSmoothing` must lie in [0, 1).
    public init(labelSmoothing: Float = 0) {
        precondition(
            labelSmoothing >= 0 && labelSmoothing < 1,
            "label smoothing must be in [0, 1), got \(labelSmoothing)")
        self.labelSmoothing = labelSmoothing
    }

    /// Result of one evaluation: mean loss, number of correct top-1 predictions, and gradient.
    public struct Result {
        /// Mean loss over the batch (not finite when the logits were not).
        public var loss: Double
        /// Samples whose highest logit is at their label.
        public var correct: Int
    }

    /// Computes the mean loss over the batch and writes ∂loss/∂logits into `gradient` when given.
    public func evaluate(logits: Tensor, labels: UnsafeBufferPointer<Int32>, gradient: Tensor?) -> Result {
        precondition(logits.layout == .rowMajor && logits.shape.count == 2, "logits must be row-major [N, K]")
        let batch = logits.shape[0]
        let classes = logits.shape[1]
        precondition(labels.count == batch, "\(labels.count) labels for a batch of \(batch)")
        let offTarget = labelSmoothing / Float(classes)
        let onTarget = 1 - labelSmoothing + offTarget
        var total = 0.0
        var correct = 0

        for row in 0..<batch {
            let z = logits.data + row * classes
            let label = Int(labels[row])
            var maximum = z[0]
            var argmax = 0
            for k in 1..<classes where z[k] > maximum {
                maximum = z[k]
                argmax = k
            }
            if argmax == label { correct += 1 }

            var sum: Float = 0
            for k in 0..<classes { sum += expf(z[k] - maximum) }
            let logSum = logf(sum)

            // −Σ tₖ (zₖ − m − log Σ) with Σ tₖ = 1.
            var rowLoss: Float = 0
            if labelSmoothing > 0 {
                for k in 0..<classes { rowLoss -= offTarget * (z[k] - maximum - logSum) }
                rowLoss -= (onTarget - offTarget) * (z[label] - maximum - logSum)
            } else {
                rowLoss = -(z[label] - maximum - logSum)
            }
            total += Double(rowLoss)

            if let gradient {
                let g = gradient.data + row * classes
                let scale = 1 / Float(batch)
                for k in 0..<classes {
                    g[k] = (expf(z[k] - maximum) / sum - offTarget) * scale
                }
                g[label] -= (onTarget - offTarget) * scale
            }
        }
        return Result(loss: total / Double(batch), correct: correct)
    }
}
