import TensorCore

/// A fully connected layer: y = x·W + b.
///
/// Shapes (N = batch): input [N, F], weight [F, U], bias [U], output [N, U].
/// Backward: dW = xᵀ·dy, db = Σₙ dy, dx = dy·Wᵀ, all through BLAS.
public final class Dense: Layer {
    public var name: String
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Weight matrix [inputFeatures, units].
    public let weight: Parameter
    /// Bias vector [units].
    public let bias: Parameter

    private var input: Tensor?
    private var outputs = TensorCache()
    private var inputGradients = TensorCache()

    /// Creates a layer from `inputFeatures` to `units` outputs with weights drawn by `initializer`.
    public init(
        name: String = "dense", inputFeatures: Int, units: Int,
        initializer: Initializer = .heNormal, generator: inout SeededGenerator
    ) {
        precondition(inputFeatures > 0 && units > 0, "dense layer sizes must be positive")
        self.name = name
        inputShape = [inputFeatures]
        outputShape = [units]
        weight = Parameter(
            name: "\(name).weight", kind: .weight,
            value: initializer.tensor(
                shape: [inputFeatures, units], fanIn: inputFeatures, fanOut: units, generator: &generator))
        bias = Parameter(name: "\(name).bias", kind: .bias, value: Tensor(zeros: [units]))
    }

    public var parameters: [Parameter] { [weight, bias] }

    public var multiplyAddsPerSample: Int { inputShape[0] * outputShape[0] }

    public func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        precondition(
            input.layout == .rowMajor && input.shape.count == 2 && input.shape[1] == inputShape[0],
            "\(name) expects [N, \(inputShape[0])] row-major input, got \(input.shape)")
        self.input = input
        let batch = input.shape[0]
        let units = outputShape[0]
        let output = outputs.tensor(shape: [batch, units])

        // Start each output row at the bias, then add x·W on top (beta = 1).
        let biasValues = bias.value.data
        for row in 0..<batch {
            (output.data + row * units).update(from: biasValues, count: units)
        }
        Gemm.multiply(
            m: batch, n: units, k: inputShape[0], input.data, weight.value.data, into: output.data, beta: 1)
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        guard let input else { preconditionFailure("\(name): backward called before forward") }
        let batch = input.shape[0]
        let units = outputShape[0]
        let features = inputShape[0]

        Gemm.multiply(
            m: features, n: units, k: batch, input.data, transposeA: true, outputGradient.data,
            into: weight.gradient.data)
        sumRows(outputGradient.data, rows: batch, columns: units, into: bias.gradient.data)

        guard needsInputGradient else { return outputGradient }
        let inputGradient = inputGradients.tensor(shape: [batch, features])
        Gemm.multiply(
            m: batch, n: features, k: units, outputGradient.data, weight.value.data, transposeB: true,
            into: inputGradient.data)
        return inputGradient
    }
}

/// Writes the column sums of a row-major [rows, columns] matrix into `result`.
func sumRows(
    _ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into result: UnsafeMutablePointer<Float>
) {
    result.update(repeating: 0, count: columns)
    for row in 0..<rows {
        let line = matrix + row * columns
        for column in 0..<columns {
            result[column] += line[column]
        }
    }
}
