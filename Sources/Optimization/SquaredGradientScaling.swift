import NeuralNetwork
import TensorCore

/// Runs the update shared by Adagrad and RMSprop on every element of `parameter`:
///
/// ```
/// s = retention * s + gain * g * g
/// w -= learningRate * g / (sqrt(s) + epsilon)
/// ```
///
/// Adagrad passes `retention` 1 and `gain` 1 (a running sum), RMSprop `rho` and `1 - rho`
/// (a moving average). `squares` contains `s`, one element per value of `parameter`.
func scaleBySquaredGradients(
    _ parameter: Parameter, squares: Tensor, retention: Float, gain: Float, learningRate: Float,
    epsilon: Float
) {
    UpdateLoop.validate(parameter, learningRate: learningRate)
    let sums = squares.data
    let weights = parameter.value.data
    let gradients = UnsafePointer(parameter.gradient.data)
    UpdateLoop.run(parameter.count) { range in
        for i in range {
            let g = gradients[i]
            let s = retention * sums[i] + gain * (g * g)
            sums[i] = s
            weights[i] -= learningRate * g / (nonNegativeSquareRoot(s) + epsilon)
        }
    }
}
