import TensorCore

/// A model that runs its layers one after another and ends in class logits [N, K].
public final class Sequential {
    /// Layers in order; each one's input shape is the previous one's output shape.
    public let layers: [Layer]

    /// Creates a model from layers whose shapes chain; the last must output [K] logits.
    public init(_ layers: [Layer]) {
        precondition(!layers.isEmpty, "a model needs at least one layer")
        for (previous, next) in zip(layers, layers.dropFirst()) {
            precondition(
                previous.outputShape == next.inputShape,
                "\(previous.name) outputs \(previous.outputShape) but \(next.name) expects \(next.inputShape)"
            )
        }
        precondition(layers.last!.outputShape.count == 1, "the last layer must output [classes] logits")
        self.layers = layers
    }

    /// Shape of one input sample.
    public var inputShape: [Int] { layers[0].inputShape }

    /// Number of output classes.
    public var classCount: Int { layers.last!.outputShape[0] }

    /// All trainable parameters, in layer order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// All non-trainable state (batch-norm running statistics), in layer order.
    public var buffers: [Tensor] { layers.flatMap(\.buffers) }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Multiply-adds of one forward pass per sample (dense and convolution layers).
    public var multiplyAddsPerSample: Int { layers.reduce(0) { $0 + $1.multiplyAddsPerSample } }

    /// Runs all layers on a batch [N] + `inputShape` and returns row-major logits [N, K].
    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        var activation = input
        for layer in layers {
            activation = layer.forward(activation, isTraining: isTraining)
        }
        return activation.rowMajor()
    }

    /// Back-propagates ∂loss/∂logits through every layer, filling each parameter's gradient.
    /// The first layer skips its input gradient, which nothing uses.
    public func backward(_ logitsGradient: Tensor) {
        var gradient = logitsGradient
        for (index, layer) in layers.enumerated().reversed() {
            gradient = layer.backward(gradient, needsInputGradient: index > 0)
        }
    }

    /// Returns copies of all parameter values and buffers, to restore later with `restore`.
    public func snapshot() -> [Tensor] {
        parameters.map { $0.value.copy() } + buffers.map { $0.copy() }
    }

    /// Restores values saved by `snapshot()` of this same model.
    public func restore(_ snapshot: [Tensor]) {
        let targets = parameters.map(\.value) + buffers
        precondition(targets.count == snapshot.count, "snapshot is from another model")
        for (target, source) in zip(targets, snapshot) {
            precondition(target.capacity == source.capacity, "snapshot is from another model")
            target.data.update(from: source.data, count: target.capacity)
        }
    }
}
