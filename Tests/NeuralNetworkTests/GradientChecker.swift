import TensorCore
import Testing

@testable import NeuralNetwork

/// Compares a layer's backward pass with central finite differences of L = Σ y ⊙ r, where r is a
/// fixed random tensor, for a sample of input and parameter coordinates.
struct GradientChecker {
    var step: Float = 1e-2
    var absoluteTolerance: Double = 5e-3
    var relativeTolerance: Double = 2e-2
    var samplesPerTensor = 40

    /// Returns a description of every coordinate whose gradients disagree; empty when all agree.
    func mismatches(layer: Layer, input: Tensor, seed: UInt64 = 7, checkInput: Bool = true) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let output = layer.forward(input, isTraining: true)
        let weights = (0..<output.count).map { _ in generator.nextUnitFloat() * 2 - 1 }
        let weightTensor = Tensor(shape: output.shape, values: weights)
        let outputGradient = Tensor(shape: output.shape, layout: output.layout)
        if case .oneDNN(let descriptor) = output.layout {
            Reorder.run(from: .rowMajor(output.shape), weightTensor.data, to: descriptor, outputGradient.data)
        } else {
            outputGradient.data.update(from: weightTensor.data, count: output.count)
        }
        let inputGradient = layer.backward(outputGradient, needsInputGradient: checkInput).rowMajor().scalars
        let parameterGradients = layer.parameters.map { $0.gradient.scalars }

        func loss() -> Double {
            let values = layer.forward(input, isTraining: true).rowMajor().scalars
            return zip(values, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        func numeric(_ pointer: UnsafeMutablePointer<Float>) -> Double {
            let original = pointer.pointee
            pointer.pointee = original + step
            let plus = loss()
            pointer.pointee = original - step
            let minus = loss()
            pointer.pointee = original
            return (plus - minus) / (2 * Double(step))
        }
        func compare(_ label: String, _ analytic: Double, _ numeric: Double) -> String? {
            let tolerance = absoluteTolerance + relativeTolerance * max(abs(analytic), abs(numeric))
            return abs(analytic - numeric) <= tolerance
                ? nil : "\(label): analytic \(analytic), numeric \(numeric)"
        }

        var failures: [String] = []
        precondition(input.layout == .rowMajor, "gradient checks perturb row-major inputs")
        if checkInput {
            for index in sampleIndices(input.count, &generator) {
                if let failure = compare(
                    "\(layer.name) input[\(index)]", Double(inputGradient[index]), numeric(input.data + index)
                ) {
                    failures.append(failure)
                }
            }
        }
        for (parameter, analytic) in zip(layer.parameters, parameterGradients) {
            for index in sampleIndices(parameter.count, &generator) {
                if let failure = compare(
                    "\(parameter.name)[\(index)]", Double(analytic[index]),
                    numeric(parameter.value.data + index))
                {
                    failures.append(failure)
                }
            }
        }
        return failures
    }

    private func sampleIndices(_ count: Int, _ generator: inout SeededGenerator) -> [Int] {
        count <= samplesPerTensor
            ? Array(0..<count) : (0..<samplesPerTensor).map { _ in Int(generator.next() % UInt64(count)) }
    }
}

/// Returns a row-major tensor with values uniform in [-1, 1).
func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, values: (0..<count).map { _ in generator.nextUnitFloat() * 2 - 1 })
}

/// Returns a row-major tensor whose values are distinct and at least 0.05 apart and 0.05 away from 0,
/// so that ReLU kinks and max-pooling ties lie outside the finite-difference step.
func wellSeparatedTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let count = shape.reduce(1, *)
    var values = (0..<count).map { Float($0 - count / 2) * 0.05 + 0.025 }
    values.shuffle(using: &generator)
    return Tensor(shape: shape, values: values)
}
