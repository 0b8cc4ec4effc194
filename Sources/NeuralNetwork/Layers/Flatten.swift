import TensorCore

/// Flattens each sample to a row: [N, C, H, W] in any layout to row-major [N, C·H·W].
///
/// The row order is C, then H, then W (NCHW), whatever layout the input had, so a dense layer
/// after it sees the same features for any convolution layout.
public final class Flatten: Layer {
    public var name: String
    public let inputShape: [Int]
    public let outputShape: [Int]

    private var inputLayout: TensorLayout = .rowMajor
    private var inputGradients = TensorCache()
    private var outputs = TensorCache()

    /// Creates a flatten layer for samples of `inputShape`.
    public init(name: String = "flatten", inputShape: [Int]) {
        self.name = name
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        inputLayout = input.layout
        let batch = input.shape[0]
        let shape = [batch, outputShape[0]]
        guard case .oneDNN(let descriptor) = input.layout else {
            return Tensor(viewing: input, shape: shape)
        }
        let output = outputs.tensor(shape: shape)
        Reorder.run(from: descriptor, input.data, to: MemoryDescriptor.rowMajor(input.shape), output.data)
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard needsInputGradient else { return outputGradient }
        let shape = [outputGradient.shape[0]] + inputShape
        guard case .oneDNN(let descriptor) = inputLayout else {
            return Tensor(viewing: outputGradient, shape: shape)
        }
        let inputGradient = inputGradients.tensor(shape: shape, layout: inputLayout)
        Reorder.run(
            from: MemoryDescriptor.rowMajor(shape), outputGradient.data, to: descriptor, inputGradient.data)
        return inputGradient
    }
}
