import CDNNL
import TensorCore

/// An elementwise activation function.
public enum ActivationKind: String, Codable, CaseIterable, Sendable {
    /// max(0, x).
    case relu
    /// x for x > 0, else αx (α = `negativeSlope`, default 0.01).
    case leakyRelu
    /// x for x > 0, else α(eˣ − 1) (α = 1).
    case elu
    /// x·Φ(x) with the exact Gaussian CDF (erf form).
    case gelu
    /// Hyperbolic tangent.
    case tanh
    /// Logistic sigmoid 1 / (1 + e⁻ˣ).
    case sigmoid
    /// Identity; lets a builder express "no activation".
    case linear

    /// The initializer suited to this activation: He for the ReLU family, Glorot otherwise.
    public var defaultInitializer: Initializer {
        switch self {
        case .relu, .leakyRelu, .elu, .gelu: return .heNormal
        case .tanh, .sigmoid, .linear: return .glorotUniform
        }
    }
}

/// An activation layer, computed by oneDNN's eltwise primitive in whatever layout its input has.
///
/// Forward y = f(x); backward dx = f′(x) ⊙ dy, with f′ evaluated at the saved input.
public final class Activation: Layer {
    public var name: String
    public let kind: ActivationKind
    /// Slope for x < 0 of the leaky ReLU.
    public let negativeSlope: Float
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }

    private var input: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()
    private var forwardPrimitives: [[Int]: (PrimitiveDescriptor, Primitive)] = [:]
    private var backwardPrimitives: [[Int]: Primitive] = [:]

    /// Creates an activation for samples of `inputShape`.
    public init(
        name: String = "activation", _ kind: ActivationKind, inputShape: [Int], negativeSlope: Float = 0.01
    ) {
        self.name = name
        self.kind = kind
        self.inputShape = inputShape
        self.negativeSlope = negativeSlope
    }

    private var algorithm: (dnnl_alg_kind_t, Float, Float) {
        switch kind {
        case .relu: return (dnnl_eltwise_relu, 0, 0)
        case .leakyRelu: return (dnnl_eltwise_relu, negativeSlope, 0)
        case .elu: return (dnnl_eltwise_elu, 1, 0)
        case .gelu: return (dnnl_eltwise_gelu_erf, 0, 0)
        case .tanh: return (dnnl_eltwise_tanh, 0, 0)
        case .sigmoid: return (dnnl_eltwise_logistic, 0, 0)
        case .linear: return (dnnl_eltwise_linear, 1, 0)
        }
    }

    /// Largest buffer for which ReLU and leaky ReLU run as a Swift loop on the calling thread.
    /// A oneDNN call is a parallel region of the OpenMP team, and with passive waits waking the
    /// team costs more than the whole job for a dense layer's output of a few ten thousand values.
    static let inlineLimit = 1 << 16

    private var runsInline: Bool { kind == .relu || kind == .leakyRelu }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        self.input = input
        if runsInline && input.capacity <= Self.inlineLimit {
            let output = outputs.tensor(shape: input.shape, layout: input.layout)
            let slope = kind == .relu ? 0 : negativeSlope
            let x = input.data
            let y = output.data
            for index in 0..<input.capacity {
                let value = x[index]
                y[index] = value > 0 ? value : value * slope
            }
            return output
        }
        let descriptor = input.memoryDescriptor
        let key = input.shape + [isTraining ? 1 : 0]
        let primitive: Primitive
        if let cached = forwardPrimitives[key] {
            primitive = cached.1
        } else {
            var operation = dnnl_eltwise_desc_t()
            var source = descriptor.raw
            let (algorithm, alpha, beta) = algorithm
            DNNL.check(
                dnnl_eltwise_forward_desc_init(
                    &operation, isTraining ? dnnl_forward_training : dnnl_forward_inference, algorithm,
                    &source,
                    alpha, beta), "\(name) forward")
            let primitiveDescriptor = PrimitiveDescriptor(operation, "\(name) forward")
            primitive = primitiveDescriptor.makePrimitive(
                arguments: [DNNL_ARG_SRC: descriptor, DNNL_ARG_DST: descriptor], name)
            forwardPrimitives[key] = (primitiveDescriptor, primitive)
        }
        let output = outputs.tensor(shape: input.shape, layout: input.layout)
        primitive.run([DNNL_ARG_SRC: input.data, DNNL_ARG_DST: output.data])
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input else { preconditionFailure("\(name): backward called before forward") }
        guard needsInputGradient else { return outputGradient }
        if runsInline && input.capacity <= Self.inlineLimit {
            let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
            let slope = kind == .relu ? 0 : negativeSlope
            let x = input.data
            let dy = outputGradient.data
            let dx = inputGradient.data
            for index in 0..<input.capacity {
                dx[index] = x[index] > 0 ? dy[index] : dy[index] * slope
            }
            return inputGradient
        }
        let descriptor = input.memoryDescriptor
        let key = input.shape
        let primitive: Primitive
        if let cached = backwardPrimitives[key] {
            primitive = cached
        } else {
            guard let hint = forwardPrimitives[key + [1]]?.0 else {
                preconditionFailure("\(name): backward needs a training-mode forward first")
            }
            var operation = dnnl_eltwise_desc_t()
            var data = descriptor.raw
            var difference = descriptor.raw
            let (algorithm, alpha, beta) = algorithm
            DNNL.check(
                dnnl_eltwise_backward_desc_init(&operation, algorithm, &difference, &data, alpha, beta),
                "\(name) backward")
            primitive = PrimitiveDescriptor(operation, hint: hint, "\(name) backward").makePrimitive(
                arguments: [
                    DNNL_ARG_SRC: descriptor, DNNL_ARG_DIFF_DST: descriptor, DNNL_ARG_DIFF_SRC: descriptor,
                ],
                name)
            backwardPrimitives[key] = primitive
        }
        precondition(
            outputGradient.layout == input.layout, "\(name): gradient layout differs from input layout")
        let inputGradient = inputGradients.tensor(shape: input.shape, layout: input.layout)
        primitive.run([
            DNNL_ARG_SRC: input.data, DNNL_ARG_DIFF_DST: outputGradient.data,
            DNNL_ARG_DIFF_SRC: inputGradient.data,
        ])
        return inputGradient
    }
}
