import NeuralNetwork
import Testing

@testable import Optimization

/// Gradients of the three steps in every SGD table; the weights start at [1, -2] and the
/// learning rate is 0.1.
private let gradients: [[Float]] = [[0.5, -1.0], [0.25, 2.0], [-1.0, 0.0]]

private func run(_ optimizer: SGD) -> [[Float]] {
    let parameter = makeParameter([1, -2])
    var trajectory: [[Float]] = []
    for gradient in gradients {
        setGradient(parameter, gradient)
        optimizer.step([parameter], learningRate: 0.1)
        trajectory.append(parameter.value.scalars)
    }
    return trajectory
}

@Test func plainSGDMatchesTable() {
    // w -= 0.1 * g
    let expected: [[Float]] = [[0.95, -1.9], [0.925, -2.1], [1.025, -2.1]]
    let trajectory = run(SGD())
    for step in 0..<3 {
        expectClose(trajectory[step], expected[step], "step \(step + 1)")
    }
}

@Test func momentumMatchesTable() {
    // v = 0.9 v + g: [0.5, -1], [0.7, 1.1], [-0.37, 0.99]; w -= 0.1 v.
    let expected: [[Float]] = [[0.95, -1.9], [0.88, -2.01], [0.917, -2.109]]
    let trajectory = run(SGD(momentum: 0.9))
    for step in 0..<3 {
        expectClose(trajectory[step], expected[step], "step \(step + 1)")
    }
}

@Test func nesterovMatchesTable() {
    // v as for momentum; w -= 0.1 (g + 0.9 v): updates [0.95, -1.9], [0.88, 2.99], [-1.333, 0.891].
    let expected: [[Float]] = [[0.905, -1.81], [0.817, -2.109], [0.9503, -2.1981]]
    let trajectory = run(SGD(momentum: 0.9, nesterov: true))
    for step in 0..<3 {
        expectClose(trajectory[step], expected[step], "step \(step + 1)")
    }
}

@Test func momentumKeepsStatePerParameter() {
    let optimizer = SGD(momentum: 0.5)
    let first = makeParameter([0])
    let second = makeParameter([0])
    setGradient(first, [1])
    setGradient(second, [1])
    optimizer.step([first], learningRate: 1)
    optimizer.step([first, second], learningRate: 1)
    // first: v = 1 then 1.5, so w = -2.5; second: v = 1 on its first step, so w = -1.
    expectClose(first.value.scalars, [-2.5])
    expectClose(second.value.scalars, [-1])
}

@Test func resetStateClearsVelocity() {
    let optimizer = SGD(momentum: 0.5)
    let parameter = makeParameter([0])
    setGradient(parameter, [1])
    optimizer.step([parameter], learningRate: 1)
    optimizer.resetState()
    optimizer.step([parameter], learningRate: 1)
    // Without the reset the second step would move by 1.5.
    expectClose(parameter.value.scalars, [-2])
}

@Test func sgdLeavesGradientUnchanged() {
    let parameter = makeParameter([1, 2])
    setGradient(parameter, [0.5, -0.5])
    SGD(momentum: 0.9).step([parameter], learningRate: 0.1)
    #expect(parameter.gradient.scalars == [0.5, -0.5])
}
