import Foundation
import NeuralNetwork
import TensorCore

/// Adam: per-element step sizes from bias-corrected estimates of the gradient's first and
/// second moments (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015).
///
/// With learning rate `lr`, gradient `g`, moments `m` and `v` that start at zero, and `t` the
/// number of steps this parameter has taken including the current one (1 on the first step),
/// each step updates every element as follows:
///
/// ```
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// m_hat = m / (1 - beta1^t)
/// v_hat = v / (1 - beta2^t)
/// w -= lr * m_hat / (sqrt(v_hat) + epsilon)
/// ```
///
/// On the first step `m_hat == g` and `v_hat == g * g`, so each element moves by about
/// `lr * sign(g)`. An element whose gradient has always been zero does not move.
/// Each parameter counts its own `t`, so a parameter that joins later starts its own bias
/// correction. `epsilon` is added after the square root, as in PyTorch's `torch.optim.Adam`.
///
/// Adam has no weight decay. Use `L2Regularization` for a penalty added to the gradient,
/// or `AdamW` for decoupled weight decay.
///
/// Defaults: `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-8.
///
/// ```swift
/// let optimizer = Adam()
/// optimizer.step(model.parameters, learningRate: 0.001)
/// ```
public final class Adam: Optimizer {
    /// Decay rate of the first-moment estimate, in `[0, 1)`.
    public let beta1: Float
    /// Decay rate of the second-moment estimate, in `[0, 1)`.
    public let beta2: Float
    /// Positive term added to the denominator to keep it away from zero.
    public let epsilon: Float

    private var moments = ParameterStateStore<Moments>()

    /// Creates an Adam optimizer.
    ///
    /// `beta1` and `beta2` must be in `[0, 1)` and `epsilon` must be positive.
    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        precondition(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got \(beta1)")
        precondition(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got \(beta2)")
        precondition(epsilon > 0 && epsilon.isFinite, "epsilon must be positive, got \(epsilon)")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        step(parameters, learningRate: learningRate, weightDecay: 0)
    }

    public func resetState() {
        moments.removeAll()
    }

    /// Runs an Adam step that first multiplies each regularized parameter by
    /// `1 - learningRate * weightDecay`. `AdamW` calls this with its decay coefficient.
    func step(_ parameters: [Parameter], learningRate: Float, weightDecay: Float) {
        for parameter in parameters {
            UpdateLoop.validate(parameter, learningRate: learningRate)
            let state = moments.state(for: parameter, makeState: Moments.init)
            state.stepCount += 1
            let decay = parameter.isRegularized ? weightDecay : 0
            update(parameter, state: state, learningRate: learningRate, weightDecay: decay)
        }
    }

    private func update(_ parameter: Parameter, state: Moments, learningRate: Float, weightDecay: Float) {
        // Both bias corrections fold into two scalars, computed in Double because beta2^t
        // stays close to 1 for many steps:
        // lr * m_hat / (sqrt(v_hat) + eps) == stepSize * m / (sqrt(v) * inverseRootCorrection2 + eps).
        let t = Double(state.stepCount)
        let correction1 = 1 - pow(Double(beta1), t)
        let correction2 = 1 - pow(Double(beta2), t)
        let stepSize = Float(Double(learningRate) / correction1)
        let inverseRootCorrection2 = Float(1 / correction2.squareRoot())
        let decayFactor = 1 - learningRate * weightDecay

        let weights = parameter.value.data
        let gradients = UnsafePointer(parameter.gradient.data)
        let first = state.first.data
        let second = state.second.data
        let beta1 = beta1
        let beta2 = beta2
        let epsilon = epsilon
        let oneMinusBeta1 = 1 - beta1
        let oneMinusBeta2 = 1 - beta2
        UpdateLoop.run(parameter.count) { range in
            for i in range {
                let g = gradients[i]
                let m = beta1 * first[i] + oneMinusBeta1 * g
                let v = beta2 * second[i] + oneMinusBeta2 * (g * g)
                first[i] = m
                second[i] = v
                let denominator = nonNegativeSquareRoot(v) * inverseRootCorrection2 + epsilon
                weights[i] = weights[i] * decayFactor - stepSize * m / denominator
            }
        }
    }

    /// The moment estimates and step count of one parameter.
    private final class Moments {
        let first: Tensor
        let second: Tensor
        var stepCount = 0

        init(_ parameter: Parameter) {
            first = zeroBuffer(like: parameter)
            second = zeroBuffer(like: parameter)
        }
    }
}
