import NeuralNetwork
import TensorCore

/// An update rule that moves parameters against their gradients.
///
/// The trainer calls `step(_:learningRate:)` once per mini-batch, after the backward pass has
/// filled every `Parameter.gradient` (and after `L2Regularization.apply(to:)`, if any), with
/// the learning rate that the schedule gives for the current epoch. An optimizer reads
/// `gradient`, never changes it, and updates `value` in place.
///
/// Optimizers that keep state (velocity, moment estimates, squared-gradient sums) keep one
/// entry per parameter object, created with zeros the first time that object is stepped, so
/// the same optimizer must see the same `Parameter` instances on every step. Every
/// parameter must be in row-major layout.
public protocol Optimizer: AnyObject {
    /// Updates the value of every parameter in `parameters` from its gradient.
    ///
    /// - Parameters:
    ///   - parameters: The parameters to update, in any order.
    ///   - learningRate: The step size for this step, finite and not negative.
    func step(_ parameters: [Parameter], learningRate: Float)

    /// Forgets all per-parameter state, so the next step starts as the first one did.
    func resetState()
}

/// Checks and threading shared by the elementwise update loops of the optimizers.
enum UpdateLoop {
    /// Minimum number of elements per thread for splitting a parameter's update across the
    /// compute thread pool. A parameter with fewer than twice this count is updated on the
    /// calling thread, so small parameters do not pay for waking a worker.
    static let minimumPerThread = 16_384

    /// Stops the program unless `learningRate` and `parameter` are valid input for a step.
    static func validate(_ parameter: Parameter, learningRate: Float) {
        precondition(
            learningRate.isFinite && learningRate >= 0,
            "learning rate must be finite and not negative, got \(learningRate)")
        precondition(
            parameter.value.layout == .rowMajor && parameter.gradient.layout == .rowMajor,
            "optimizers need row-major parameters, but \(parameter.name) is not")
        precondition(
            parameter.gradient.count == parameter.count,
            "\(parameter.name) has \(parameter.count) values but \(parameter.gradient.count) gradients")
    }

    /// Runs `body` over `0..<count`, split across the compute thread pool for large counts.
    static func run(_ count: Int, _ body: (Range<Int>) -> Void) {
        ComputeThreads.pool.forEachRange(count, minimumPerThread: minimumPerThread, body)
    }
}

/// Returns the square root of `x`, which the caller knows is not negative.
///
/// Taking the magnitude first lets the compiler use vector square-root instructions. On
/// Linux, `Float.squareRoot()` goes through C's `sqrtf`, which must set `errno` for a negative
/// input, and that check kept the loops scalar. In a micro-benchmark of 235,200 square roots
/// (Swift 6.3, x86-64 without AVX, one thread), the checked form took about four times longer.
@inline(__always)
func nonNegativeSquareRoot(_ x: Float) -> Float {
    x.magnitude.squareRoot()
}
