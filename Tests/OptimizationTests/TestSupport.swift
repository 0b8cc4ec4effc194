import NeuralNetwork
import TensorCore
import Testing

/// Returns a parameter of shape `[values.count]` holding `values`, with a zero gradient.
func makeParameter(_ values: [Float], kind: Parameter.Kind = .weight, name: String = "p") -> Parameter {
    Parameter(name: name, kind: kind, value: Tensor(shape: [values.count], values: values))
}

/// Overwrites the gradient of `parameter` with `gradient`.
func setGradient(_ parameter: Parameter, _ gradient: [Float]) {
    precondition(gradient.count == parameter.count)
    for (i, g) in gradient.enumerated() {
        parameter.gradient.data[i] = g
    }
}

/// Expects each element of `actual` to lie within `tolerance * max(1, |expected|)` of `expected`.
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-6, _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(context) count", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let bound = tolerance * max(1, abs(e))
        #expect(abs(a - e) <= bound, "\(context) element \(i): \(a) != \(e)", sourceLocation: sourceLocation)
    }
}
