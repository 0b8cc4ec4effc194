import Foundation
import NeuralNetwork
import Testing

@testable import Optimization

@Test func adamFirstStepMatchesHandComputation() {
    // g = [0.5, -1, 0]: m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2,
    // so w moves by 0.1 * g / (|g| + 1e-8): [-0.1, +0.1, 0].
    let parameter = makeParameter([1, -2, 3])
    setGradient(parameter, [0.5, -1, 0])
    Adam().step([parameter], learningRate: 0.1)
    expectClose(parameter.value.scalars, [0.9, -1.9, 3])
}

@Test func adamSecondStepMatchesHandComputation() {
    // Step 2 with g = [0.25, 2]: m = [0.07, 0.11], v = [0.00031225, 0.004999],
    // m_hat = m / 0.19 = [0.368421, 0.578947], v_hat = v / 0.001999 = [0.156203, 2.500750],
    // update 0.1 * m_hat / sqrt(v_hat) = [0.0932180, 0.0366104].
    let parameter = makeParameter([1, -2])
    let optimizer = Adam()
    setGradient(parameter, [0.5, -1])
    optimizer.step([parameter], learningRate: 0.1)
    setGradient(parameter, [0.25, 2])
    optimizer.step([parameter], learningRate: 0.1)
    expectClose(parameter.value.scalars, [0.806782, -1.936610])
}

@Test func adamEpsilonDampsTinyGradients() {
    // With g = 1e-8 and epsilon 1e-8, m_hat / (sqrt(v_hat) + eps) = 1e-8 / 2e-8 = 0.5.
    let parameter = makeParameter([0])
    setGradient(parameter, [1e-8])
    Adam(epsilon: 1e-8).step([parameter], learningRate: 1)
    expectClose(parameter.value.scalars, [-0.5], tolerance: 1e-4)
}

@Test func adamBiasCorrectionCountsStepsPerParameter() {
    let optimizer = Adam()
    let early = makeParameter([0])
    let late = makeParameter([0])
    setGradient(early, [1])
    setGradient(late, [1])
    optimizer.step([early], learningRate: 0.1)
    optimizer.step([early, late], learningRate: 0.1)
    // A constant gradient gives m_hat = v_hat = 1 at every t, so each step moves by 0.1,
    // and `late` takes its first step with its own bias correction.
    expectClose(early.value.scalars, [-0.2])
    expectClose(late.value.scalars, [-0.1])
}

@Test func adamSplitAcrossThreadsMatchesFormula() {
    // Large enough for the thread pool to split it; every element follows the formula.
    let count = 100_003
    let initial = (0..<count).map { Float($0 % 7) - 3 }
    let gradient = (0..<count).map { Float($0 % 5) * 0.25 - 0.5 }
    let parameter = makeParameter(initial)
    setGradient(parameter, gradient)
    Adam().step([parameter], learningRate: 0.01)

    let expected = zip(initial, gradient).map { w, g -> Float in
        let step = g == 0 ? 0 : 0.01 * Double(g) / (Double(abs(g)) + 1e-8)
        return Float(Double(w) - step)
    }
    let actual = parameter.value.scalars
    let mismatches = (0..<count).filter { abs(actual[$0] - expected[$0]) > 1e-6 }
    #expect(mismatches.count == 0, "first mismatching elements: \(Array(mismatches.prefix(5)))")
}

@Test func adamWDecaysOnlyRegularizedParameters() {
    let weight = makeParameter([1, -2], kind: .weight)
    let bias = makeParameter([1, -2], kind: .bias)
    let scale = makeParameter([1, -2], kind: .normalization)
    AdamW(weightDecay: 0.5).step([weight, bias, scale], learningRate: 0.1)
    expectClose(weight.value.scalars, [0.95, -1.9])
    expectClose(bias.value.scalars, [1, -2])
    expectClose(scale.value.scalars, [1, -2])
}

@Test func adamWCombinesDecayAndAdamStep() {
    // w = 1 * (1 - 0.1 * 0.5) - 0.1 * sign(0.3) = 0.95 - 0.1.
    let parameter = makeParameter([1])
    setGradient(parameter, [0.3])
    AdamW(weightDecay: 0.5).step([parameter], learningRate: 0.1)
    expectClose(parameter.value.scalars, [0.85])
}
