import TensorCore

/// Inverted dropout: in training, each value is zeroed with probability `rate` and the
/// survivors are scaled by 1 / (1 − rate), so inference needs no rescaling and is the identity.
///
/// The mask is drawn from the layer's own seeded generator, so a run is reproducible from its seed.
public final class Dropout: Layer {
    public var name: String
    /// Probability of zeroing a value, in [0, 1).
    public let rate: Float
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }

    private var generator: SeededGenerator
    private var masks = TensorCache()
    private var mask: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()

    /// Creates a dropout layer; `rate` must lie in [0, 1).
    public init(name: String = "dropout", rate: Float, inputShape: [Int], generator: SeededGenerator) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1), got \(rate)")
        self.name = name
        self.rate = rate
        self.inputShape = inputShape
        self.generator = generator
    }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        guard isTraining && rate > 0 else {
            mask = nil
            return input
        }
        let mask = masks.tensor(shape: input.shape, layout: input.layout)
        let output = outputs.tensor(shape: input.shape, layout: input.layout)
        let scale = 1 / (1 - rate)
        let threshold = UInt32(Double(rate) * 4_294_967_296.0)
        var index = 0
        let count = input.capacity
        while index < count {
            // One 64-bit draw gives two 32-bit uniforms.
            let bits = generator.next()
            mask.data[index] = UInt32(truncatingIfNeeded: bits) >= threshold ? scale : 0
            if index + 1 < count {
                mask.data[index + 1] = UInt32(truncatingIfNeeded: bits >> 32) >= threshold ? scale : 0
            }
            index += 2
        }
        multiply(input.data, mask.data, into: output.data, count: count)
        self.mask = mask
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let mask, needsInputGradient else { return outputGradient }
        let inputGradient = inputGradients.tensor(shape: outputGradient.shape, layout: outputGradient.layout)
        multiply(outputGradient.data, mask.data, into: inputGradient.data, count: outputGradient.capacity)
        return inputGradient
    }
}

/// Writes the elementwise product a ⊙ b, split over the compute pool for large buffers.
func multiply(
    _ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>,
    into result: UnsafeMutablePointer<Float>,
    count: Int
) {
    ComputeThreads.pool.forEachRange(count, minimumPerThread: 262_144) { range in
        for index in range { result[index] = a[index] * b[index] }
    }
}
