import NeuralNetwork

/// Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay
/// Regularization", 2019).
///
/// With learning rate `lr` and weight-decay coefficient `lambda`, each step first shrinks
/// every element of each regularized parameter (`Parameter.isRegularized`, which is true for
/// weights and false for biases and batch-norm parameters) and then takes the `Adam` step:
///
/// ```
/// w -= lr * lambda * w               (regularized parameters only)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
/// ```
///
/// The decay never enters `m` or `v`, which is the difference from `L2Regularization`:
/// there `lambda * w` is added to `g`, so Adam divides it by `sqrt(v_hat)` like any gradient.
/// With a zero gradient, AdamW still shrinks `w` by the factor `1 - lr * lambda` each step,
/// and Adam with L2 moves each element by about `lr * sign(w)` on its first step.
/// The decay uses the scheduled `lr`, as PyTorch's `torch.optim.AdamW` does, so it
/// shrinks along with the learning rate.
///
/// Defaults: `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8, `weightDecay` 0.01.
///
/// ```swift
/// let optimizer = AdamW(weightDecay: 0.05)
/// optimizer.step(model.parameters, learningRate: 0.001)
/// ```
public final class AdamW: Optimizer {
    /// Decoupled weight-decay coefficient `lambda`, not negative.
    public let weightDecay: Float

    private let adam: Adam

    /// Decay rate of the first-moment estimate, in `[0, 1)`.
    public var beta1: Float { adam.beta1 }
    /// Decay rate of the second-moment estimate, in `[0, 1)`.
    public var beta2: Float { adam.beta2 }
    /// Positive term added to the denominator to keep it away from zero.
    public var epsilon: Float { adam.epsilon }

    /// Creates an AdamW optimizer.
    ///
    /// `beta1` and `beta2` must be in `[0, 1)`, `epsilon` must be positive and `weightDecay`
    /// must not be negative.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        precondition(
            weightDecay >= 0 && weightDecay.isFinite, "weight decay must not be negative, got \(weightDecay)")
        self.weightDecay = weightDecay
        self.adam = Adam(beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        adam.step(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public func resetState() {
        adam.resetState()
    }
}
