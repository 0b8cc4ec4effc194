import NeuralNetwork
import TensorCore

/// Stochastic gradient descent, optionally with classical or Nesterov momentum.
///
/// With learning rate `lr`, momentum `mu`, gradient `g` and a velocity `v` per parameter
/// that starts at zero, one step updates each element as follows (the convention of
/// PyTorch's `torch.optim.SGD` with zero dampening, where `lr` scales the whole velocity):
///
/// - Plain (`momentum == 0`, `nesterov == false`): `w -= lr * g`. No state is kept.
/// - Momentum: `v = mu * v + g`, then `w -= lr * v`.
/// - Nesterov: `v = mu * v + g`, then `w -= lr * (g + mu * v)`.
///
/// On the first step `v` becomes `g`, so momentum moves `w` by `lr * g` and Nesterov by
/// `lr * (1 + mu) * g`. Nesterov with `mu == 0` gives plain SGD.
/// Because the velocity sums gradients and not steps, a change of `lr` by the schedule
/// takes effect on the whole velocity at once.
///
/// Defaults: `momentum` 0, `nesterov` false.
///
/// ```swift
/// let optimizer = SGD(momentum: 0.9, nesterov: true)
/// optimizer.step(model.parameters, learningRate: 0.01)
/// ```
public final class SGD: Optimizer {
    /// Momentum coefficient `mu`, in `[0, 1)`.
    public let momentum: Float
    /// Whether the step uses the Nesterov look-ahead form.
    public let nesterov: Bool

    private var velocities = ParameterStateStore<Tensor>()

    /// Creates an SGD optimizer. `momentum` must be in `[0, 1)`.
    public init(momentum: Float = 0, nesterov: Bool = false) {
        precondition(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got \(momentum)")
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            UpdateLoop.validate(parameter, learningRate: learningRate)
            if momentum == 0 && !nesterov {
                stepPlain(parameter, learningRate: learningRate)
            } else {
                stepWithMomentum(parameter, learningRate: learningRate)
            }
        }
    }

    public func resetState() {
        velocities.removeAll()
    }

    private func stepPlain(_ parameter: Parameter, learningRate: Float) {
        let weights = parameter.value.data
        let gradients = UnsafePointer(parameter.gradient.data)
        UpdateLoop.run(parameter.count) { range in
            for i in range {
                weights[i] -= learningRate * gradients[i]
            }
        }
    }

    private func stepWithMomentum(_ parameter: Parameter, learningRate: Float) {
        let velocity = velocities.state(for: parameter, makeState: zeroBuffer(like:)).data
        let weights = parameter.value.data
        let gradients = UnsafePointer(parameter.gradient.data)
        let mu = momentum
        if nesterov {
            UpdateLoop.run(parameter.count) { range in
                for i in range {
                    let g = gradients[i]
                    let v = mu * velocity[i] + g
                    velocity[i] = v
                    weights[i] -= learningRate * (g + mu * v)
                }
            }
        } else {
            UpdateLoop.run(parameter.count) { range in
                for i in range {
                    let v = mu * velocity[i] + gradients[i]
                    velocity[i] = v
                    weights[i] -= learningRate * v
                }
            }
        }
    }
}
