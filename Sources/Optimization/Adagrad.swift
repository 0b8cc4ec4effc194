import NeuralNetwork
import TensorCore

/// Adagrad: per-element step sizes that shrink with the sum of all past squared gradients
/// (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", 2011).
///
/// With learning rate `lr`, gradient `g` and an accumulator `s` per element that starts at
/// zero, each step updates every element as follows:
///
/// ```
/// s += g * g
/// w -= lr * g / (sqrt(s) + epsilon)
/// ```
///
/// On the first step each element with a nonzero gradient moves by about `lr * sign(g)`.
/// An element whose gradient has always been zero does not move. Because `s` only grows,
/// the effective step size keeps falling even when the learning rate is constant.
/// `epsilon` is added after the square root, as in PyTorch's `torch.optim.Adagrad`
/// (whose other options, learning-rate decay and a nonzero initial accumulator, are not
/// offered here).
///
/// Defaults: `epsilon` 1e-10.
///
/// ```swift
/// let optimizer = Adagrad()
/// optimizer.step(model.parameters, learningRate: 0.01)
/// ```
public final class Adagrad: Optimizer {
    /// Positive term added to the denominator to keep it away from zero.
    public let epsilon: Float

    private var accumulators = ParameterStateStore<Tensor>()

    /// Creates an Adagrad optimizer. `epsilon` must be positive.
    public init(epsilon: Float = 1e-10) {
        precondition(epsilon > 0 && epsilon.isFinite, "epsilon must be positive, got \(epsilon)")
        self.epsilon = epsilon
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            let sums = accumulators.state(for: parameter, makeState: zeroBuffer(like:))
            scaleBySquaredGradients(
                parameter, squares: sums, retention: 1, gain: 1, learningRate: learningRate, epsilon: epsilon)
        }
    }

    public func resetState() {
        accumulators.removeAll()
    }
}
