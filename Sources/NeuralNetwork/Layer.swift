import TensorCore

/// A differentiable layer with an explicit training or inference mode.
///
/// Lifecycle: a layer is configured and validated at creation, for one input shape (without
/// the batch dimension), so its parameters and output shape are fixed before the first batch.
/// `forward` keeps what `backward` needs; `backward` must follow the `forward` of the same batch.
///
/// Buffers: a layer owns its output and input-gradient tensors and reuses them from batch to
/// batch, so a returned tensor is valid only until the layer runs again.
///
/// Gradients: `backward` overwrites (does not add to) the gradients of the layer's parameters.
public protocol Layer: AnyObject {
    /// A name unique within its model, such as `conv2`.
    var name: String { get set }

    /// Shape of one input sample, without the batch dimension ([C, H, W] or [F]).
    var inputShape: [Int] { get }

    /// Shape of one output sample, without the batch dimension.
    var outputShape: [Int] { get }

    /// Trainable parameters; empty for layers without weights.
    var parameters: [Parameter] { get }

    /// Non-trainable state saved with the weights, such as batch-norm running statistics.
    var buffers: [Tensor] { get }

    /// Computes the output for a batch. `isTraining` switches dropout and batch statistics on.
    func forward(_ input: Tensor, isTraining: Bool) -> Tensor

    /// Computes parameter gradients and, when `needsInputGradient`, returns the gradient with
    /// respect to the input of the last `forward` (otherwise returns `outputGradient` unchanged).
    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor

    /// Multiply-adds per sample in the forward pass (convolution and dense only), for FLOP counts.
    var multiplyAddsPerSample: Int { get }
}

extension Layer {
    /// Stops with a message when a batch's samples do not have `inputShape`. Shapes are fixed
    /// when a model is built, so a mismatch is a programmer error.
    func checkSampleShape(of input: Tensor) {
        precondition(
            Array(input.shape.dropFirst()) == inputShape, "\(name) expects \(inputShape), got \(input.shape)")
    }

    public var parameters: [Parameter] { [] }
    public var buffers: [Tensor] { [] }
    public var multiplyAddsPerSample: Int { 0 }
}

/// A cache of tensors keyed by shape, so that each layer allocates its buffers once per batch size.
public struct TensorCache {
    private var tensors: [[Int]: Tensor] = [:]

    public init() {}

    /// Returns the cached tensor for `shape` and `layout`, creating it when absent or different.
    public mutating func tensor(shape: [Int], layout: TensorLayout = .rowMajor) -> Tensor {
        if let cached = tensors[shape], cached.layout == layout { return cached }
        let created = Tensor(shape: shape, layout: layout)
        tensors[shape] = created
        return created
    }
}
