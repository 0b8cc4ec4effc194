import NeuralNetwork
import TensorCore

/// RMSprop: per-element step sizes from a moving average of squared gradients (proposed by
/// G. Hinton in lecture 6 of his neural-networks course, 2012).
///
/// With learning rate `lr`, gradient `g`, decay rate `rho` and an average `s` per element
/// that starts at zero, each step updates every element as follows:
///
/// ```
/// s = rho * s + (1 - rho) * g * g
/// w -= lr * g / (sqrt(s) + epsilon)
/// ```
///
/// There is no bias correction, so early steps are large: on the first step an element
/// with gradient `g` moves by about `lr * sign(g) / sqrt(1 - rho)`, ten times `lr` for the
/// default `rho`. An element whose gradient has always been zero does not move.
/// This is the form of PyTorch's `torch.optim.RMSprop` without momentum or centering,
/// with `epsilon` added after the square root. PyTorch calls `rho` "alpha".
///
/// Defaults: `rho` 0.99, `epsilon` 1e-8.
///
/// ```swift
/// let optimizer = RMSprop(rho: 0.9)
/// optimizer.step(model.parameters, learningRate: 0.001)
/// ```
public final class RMSprop: Optimizer {
    /// Decay rate of the squared-gradient average, in `[0, 1)`.
    public let rho: Float
    /// Positive term added to the denominator to keep it away from zero.
    public let epsilon: Float

    private var averages = ParameterStateStore<Tensor>()

    /// Creates an RMSprop optimizer. `rho` must be in `[0, 1)` and `epsilon` positive.
    public init(rho: Float = 0.99, epsilon: Float = 1e-8) {
        precondition(rho >= 0 && rho < 1, "rho must be in [0, 1), got \(rho)")
        precondition(epsilon > 0 && epsilon.isFinite, "epsilon must be positive, got \(epsilon)")
        self.rho = rho
        self.epsilon = epsilon
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            let squares = averages.state(for: parameter, makeState: zeroBuffer(like:))
            scaleBySquaredGradients(
                parameter, squares: squares, retention: rho, gain: 1 - rho, learningRate: learningRate,
                epsilon: epsilon)
        }
    }

    public func resetState() {
        averages.removeAll()
    }
}
