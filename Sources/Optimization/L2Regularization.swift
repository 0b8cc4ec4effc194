import NeuralNetwork
import Synchronization
import TensorCore

/// An L2 penalty on weights, added to the loss and to the gradients before the optimizer step.
///
/// With coefficient `lambda`, the penalty over all regularized parameters is
///
/// ```
/// penalty = (lambda / 2) * sum(w * w)
/// ```
///
/// and its gradient `lambda * w` is added to each regularized element's gradient, so the
/// optimizer receives `g + lambda * w`. Only parameters with `Parameter.isRegularized` (kind
/// `.weight`) take part. Biases and batch-norm scale and shift are left alone.
/// With SGD without momentum this equals weight decay by `lr * lambda`, but with Adam,
/// Adagrad or RMSprop the added term is rescaled per element like the rest of the gradient.
/// For the decoupled form, which shrinks weights outside the gradient, use `AdamW`.
/// A coefficient of 0 changes nothing and gives a penalty of 0.
///
/// In an experiment file the coefficient is a plain number, such as `"l2": 0.0005`, which
/// must be finite and not negative.
///
/// ```swift
/// let l2 = L2Regularization(coefficient: 5e-4)
/// let penalty = l2.apply(to: model.parameters)   // after backward, before the step
/// optimizer.step(model.parameters, learningRate: 0.01)
/// let reportedLoss = dataLoss + penalty
/// ```
public struct L2Regularization: Codable, Equatable, Sendable {
    /// The coefficient `lambda`, finite and not negative.
    public let coefficient: Float

    /// Creates the penalty with coefficient `lambda`, which must be finite and not negative.
    public init(coefficient: Float) {
        precondition(
            coefficient >= 0 && coefficient.isFinite,
            "L2 coefficient must be finite and not negative, got \(coefficient)")
        self.coefficient = coefficient
    }

    /// Decodes the coefficient from a plain JSON number and validates it.
    public init(from decoder: any Decoder) throws {
        // Reading a Double keeps a number beyond the Float range from failing as "not valid
        // JSON" (Foundation on Linux, Swift 6.3), so it gets the message below.
        let value = Float(try decoder.singleValueContainer().decode(Double.self))
        guard value >= 0 && value.isFinite else {
            throw ConfigurationError(
                field: decoder.fieldPath, rule: "must be a non-negative finite number", value: "\(value)")
        }
        self.coefficient = value
    }

    /// Encodes the coefficient as a plain JSON number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(coefficient)
    }

    /// Returns `(lambda / 2) * sum(w * w)` over the regularized parameters.
    public func penalty(of parameters: [Parameter]) -> Float {
        accumulate(parameters, addingGradient: false)
    }

    /// Adds `lambda * w` to the gradient of every regularized parameter and returns the
    /// penalty `(lambda / 2) * sum(w * w)` computed from the same weights.
    ///
    /// Call it once per step, after the backward pass and before `Optimizer.step`.
    @discardableResult
    public func apply(to parameters: [Parameter]) -> Float {
        accumulate(parameters, addingGradient: true)
    }

    private func accumulate(_ parameters: [Parameter], addingGradient: Bool) -> Float {
        guard coefficient > 0 else { return 0 }
        var sumOfSquares: Double = 0
        for parameter in parameters where parameter.isRegularized {
            precondition(
                parameter.value.layout == .rowMajor && parameter.gradient.layout == .rowMajor,
                "L2 regularization needs row-major parameters, but \(parameter.name) is not")
            let weights = UnsafePointer(parameter.value.data)
            let gradients = addingGradient ? parameter.gradient.data : nil
            let lambda = coefficient
            let total = Mutex<Double>(0)
            UpdateLoop.run(parameter.count) { range in
                let partial = Self.sumOfSquares(
                    weights, range: range, addingScaledWeightsTo: gradients, scale: lambda)
                total.withLock { $0 += partial }
            }
            sumOfSquares += total.withLock { $0 }
        }
        return Float(0.5 * Double(coefficient) * sumOfSquares)
    }

    /// Returns the sum of `w * w` over `range` and, when `gradients` is not nil, adds
    /// `scale * w` to each gradient in the range.
    ///
    /// Eight independent lanes let the sum vectorize, which a single running total
    /// would forbid because floating-point addition is not associative.
    private static func sumOfSquares(
        _ weights: UnsafePointer<Float>, range: Range<Int>,
        addingScaledWeightsTo gradients: UnsafeMutablePointer<Float>?, scale: Float
    ) -> Double {
        typealias Vector = SIMD8<Float>
        let width = Vector.scalarCount
        var lanes = Vector()
        var i = range.lowerBound
        while i + width <= range.upperBound {
            let w = UnsafeRawPointer(weights + i).loadUnaligned(as: Vector.self)
            lanes += w * w
            if let gradients {
                let g = UnsafeRawPointer(gradients + i).loadUnaligned(as: Vector.self)
                UnsafeMutableRawPointer(gradients + i).storeBytes(of: g + scale * w, as: Vector.self)
            }
            i += width
        }
        var sum = Double(lanes.sum())
        while i < range.upperBound {
            let w = weights[i]
            sum += Double(w * w)
            gradients?[i] += scale * w
            i += 1
        }
        return sum
    }
}
