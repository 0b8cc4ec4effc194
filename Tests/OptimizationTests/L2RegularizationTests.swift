import Foundation
import NeuralNetwork
import TensorCore
import Testing

@testable import Optimization

@Test func l2PenaltyAndGradientMatchHandComputation() {
    // lambda 0.1, w = [1, -2, 3]: penalty = 0.05 * 14 = 0.7; gradient += 0.1 w.
    let weight = makeParameter([1, -2, 3])
    setGradient(weight, [0.5, 0.5, 0.5])
    let penalty = L2Regularization(coefficient: 0.1).apply(to: [weight])
    #expect(abs(penalty - 0.7) < 1e-6)
    expectClose(weight.gradient.scalars, [0.6, 0.3, 0.8])
    expectClose(weight.value.scalars, [1, -2, 3])
}

@Test func l2SkipsBiasAndNormalization() {
    let weight = makeParameter([2], kind: .weight)
    let bias = makeParameter([5], kind: .bias)
    let scale = makeParameter([7], kind: .normalization)
    let penalty = L2Regularization(coefficient: 0.5).apply(to: [weight, bias, scale])
    // Only the weight counts: 0.25 * 4 = 1, and only its gradient gains 0.5 * 2.
    #expect(penalty == 1)
    #expect(weight.gradient.scalars == [1])
    #expect(bias.gradient.scalars == [0])
    #expect(scale.gradient.scalars == [0])
}

@Test func l2PenaltyLeavesGradientsAlone() {
    let weight = makeParameter([1, -2])
    let penalty = L2Regularization(coefficient: 2).penalty(of: [weight])
    #expect(penalty == 5)
    #expect(weight.gradient.scalars == [0, 0])
}

@Test func l2ZeroCoefficientChangesNothing() {
    let weight = makeParameter([1, -2])
    let penalty = L2Regularization(coefficient: 0).apply(to: [weight])
    #expect(penalty == 0)
    #expect(weight.gradient.scalars == [0, 0])
}

@Test func l2SplitAcrossThreadsMatchesSum() {
    // 200,003 weights of value 0.5 or -1: large enough for the thread pool to split,
    // with a remainder that is not a multiple of the vector width.
    let count = 200_003
    let values = (0..<count).map { $0 % 2 == 0 ? Float(0.5) : Float(-1) }
    let weight = makeParameter(values)
    let penalty = L2Regularization(coefficient: 0.01).apply(to: [weight])
    let evens = Double((count + 1) / 2)
    let odds = Double(count / 2)
    let expected = 0.005 * (evens * 0.25 + odds * 1)
    #expect(abs(Double(penalty) - expected) <= 1e-5 * expected)
    let gradients = weight.gradient.scalars
    let wrong = (0..<count).filter { gradients[$0] != 0.01 * values[$0] }
    #expect(wrong.count == 0, "first wrong gradients: \(Array(wrong.prefix(5)))")
}

@Test func adamWithL2DiffersFromAdamW() {
    // Zero data gradient, weights [1, -2], lambda 0.1, learning rate 0.1.
    // Adam + L2: g = lambda * w = [0.1, -0.2]; the first Adam step moves by
    // 0.1 * sign(g), so w = [0.9, -1.9].
    let withL2 = makeParameter([1, -2])
    L2Regularization(coefficient: 0.1).apply(to: [withL2])
    Adam().step([withL2], learningRate: 0.1)
    expectClose(withL2.value.scalars, [0.9, -1.9])

    // AdamW: w *= 1 - 0.1 * 0.1 = 0.99, and the zero gradient adds no Adam step,
    // so w = [0.99, -1.98].
    let decoupled = makeParameter([1, -2])
    AdamW(weightDecay: 0.1).step([decoupled], learningRate: 0.1)
    expectClose(decoupled.value.scalars, [0.99, -1.98])
}

@Test func l2DecodesPlainNumber() throws {
    let decoded = try JSONDecoder().decode(L2Regularization.self, from: Data("0.0005".utf8))
    #expect(decoded.coefficient == 0.0005)
    let encoded = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
    #expect(encoded == "0.0005")
}

@Test func l2RejectsNegativeCoefficient() {
    struct Training: Decodable {
        let l2: L2Regularization
    }
    #expect(
        throws: ConfigurationError(field: "l2", rule: "must be a non-negative finite number", value: "-0.1")
    ) {
        try JSONDecoder().decode(Training.self, from: Data(#"{"l2": -0.1}"#.utf8))
    }
}

@Test func l2RejectsNumberBeyondFloatRange() {
    #expect(
        throws: ConfigurationError(
            field: "(top level)", rule: "must be a non-negative finite number", value: "inf")
    ) {
        try JSONDecoder().decode(L2Regularization.self, from: Data("1e39".utf8))
    }
}
