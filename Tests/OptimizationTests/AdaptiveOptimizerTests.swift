import NeuralNetwork
import Testing

@testable import Optimization

@Test func adagradMatchesTable() {
    // s = [9, 16], [25, 25], [25, 169]; w -= 0.1 g / sqrt(s).
    let gradients: [[Float]] = [[3, -4], [4, 3], [0, 12]]
    let expected: [[Float]] = [[0.9, -1.9], [0.82, -1.96], [0.82, -2.0523077]]
    let parameter = makeParameter([1, -2])
    let optimizer = Adagrad()
    for step in 0..<3 {
        setGradient(parameter, gradients[step])
        optimizer.step([parameter], learningRate: 0.1)
        expectClose(parameter.value.scalars, expected[step], "step \(step + 1)")
    }
}

@Test func rmspropMatchesTable() {
    // rho 0.9: s = [0.1, 0.4], [0.49, 0.36], [0.541, 1.224]; w -= 0.01 g / sqrt(s).
    let gradients: [[Float]] = [[1, -2], [2, 0], [-1, 3]]
    let expected: [[Float]] = [[0.9683772, -1.9683772], [0.9398058, -1.9683772], [0.9534015, -1.9954935]]
    let parameter = makeParameter([1, -2])
    let optimizer = RMSprop(rho: 0.9)
    for step in 0..<3 {
        setGradient(parameter, gradients[step])
        optimizer.step([parameter], learningRate: 0.01)
        expectClose(parameter.value.scalars, expected[step], "step \(step + 1)")
    }
}

@Test func rmspropDefaultFirstStepIsTenTimesRate() {
    // rho 0.99: s = 0.01 g^2, so g / sqrt(s) = 10 sign(g).
    let parameter = makeParameter([0, 0])
    setGradient(parameter, [0.3, -5])
    RMSprop().step([parameter], learningRate: 0.01)
    expectClose(parameter.value.scalars, [-0.1, 0.1], tolerance: 1e-5)
}

@Test func adaptiveOptimizersKeepZeroGradientElementsStill() {
    let optimizers: [any Optimizer] = [Adagrad(), RMSprop(), Adam()]
    for optimizer in optimizers {
        let parameter = makeParameter([1, -2])
        setGradient(parameter, [0, 0])
        optimizer.step([parameter], learningRate: 0.1)
        #expect(parameter.value.scalars == [1, -2], "\(type(of: optimizer))")
    }
}
