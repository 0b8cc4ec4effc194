import Foundation
import TensorCore
import Testing

@testable import NeuralNetwork

@Suite("Loss, dropout and batch-norm modes")
struct LossAndModeTests {
    @Test("Cross-entropy value by hand")
    func crossEntropyValue() {
        // logits (1, 2, 3), label 2: loss = log(e¹ + e² + e³) − 3 = 0.40760596.
        let logits = Tensor(shape: [1, 3], values: [1, 2, 3])
        let gradient = Tensor(zeros: [1, 3])
        let result = [Int32(2)].withUnsafeBufferPointer {
            SoftmaxCrossEntropy().evaluate(logits: logits, labels: $0, gradient: gradient)
        }
        #expect(abs(result.loss - 0.40760596) < 1e-6)
        #expect(result.correct == 1)
        // Gradient = softmax − one-hot = (0.09003, 0.24473, 0.66524 − 1).
        let expected: [Float] = [0.09003057, 0.24472847, -0.33475904]
        for (value, reference) in zip(gradient.scalars, expected) {
            #expect(abs(value - reference) < 1e-6)
        }
    }

    @Test("Cross-entropy is stable for large logits")
    func crossEntropyLargeLogits() {
        let logits = Tensor(shape: [1, 2], values: [1000, 0])
        let result = [Int32(1)].withUnsafeBufferPointer {
            SoftmaxCrossEntropy().evaluate(logits: logits, labels: $0, gradient: nil)
        }
        #expect(result.loss.isFinite)
        #expect(abs(result.loss - 1000) < 1e-3)
    }

    @Test("Cross-entropy gradient against finite differences", arguments: [Float(0), 0.1])
    func crossEntropyGradient(smoothing: Float) {
        let loss = SoftmaxCrossEntropy(labelSmoothing: smoothing)
        let logits = randomTensor([3, 5], seed: 21)
        let labels: [Int32] = [0, 4, 2]
        let gradient = Tensor(zeros: [3, 5])
        _ = labels.withUnsafeBufferPointer { loss.evaluate(logits: logits, labels: $0, gradient: gradient) }
        let analytic = gradient.scalars
        for index in 0..<logits.count {
            let original = logits.data[index]
            logits.data[index] = original + 1e-2
            let plus = labels.withUnsafeBufferPointer {
                loss.evaluate(logits: logits, labels: $0, gradient: nil).loss
            }
            logits.data[index] = original - 1e-2
            let minus = labels.withUnsafeBufferPointer {
                loss.evaluate(logits: logits, labels: $0, gradient: nil).loss
            }
            logits.data[index] = original
            let numeric = (plus - minus) / 2e-2
            #expect(abs(numeric - Double(analytic[index])) < 1e-3, "logit \(index)")
        }
    }

    @Test("Label smoothing by hand")
    func labelSmoothingValue() {
        // Two equal logits: log softmax = log ½ for both, so any target gives loss log 2.
        let logits = Tensor(shape: [1, 2], values: [0, 0])
        let result = [Int32(0)].withUnsafeBufferPointer {
            SoftmaxCrossEntropy(labelSmoothing: 0.2).evaluate(logits: logits, labels: $0, gradient: nil)
        }
        #expect(abs(result.loss - log(2)) < 1e-6)
    }

    @Test func dropoutIsIdentityAtInference() {
        let layer = Dropout(rate: 0.5, inputShape: [100], generator: SeededGenerator(seed: 1))
        let input = randomTensor([4, 100], seed: 2)
        let output = layer.forward(input, isTraining: false)
        #expect(output.scalars == input.scalars)
    }

    @Test func dropoutTrainingScalesSurvivors() {
        let layer = Dropout(rate: 0.25, inputShape: [1000], generator: SeededGenerator(seed: 3))
        let input = Tensor(shape: [2, 1000], values: Array(repeating: 1, count: 2000))
        let output = layer.forward(input, isTraining: true).scalars
        let zeros = output.filter { $0 == 0 }.count
        #expect(output.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
        // 500 zeros expected; 4 standard deviations of Binomial(2000, 0.25) is about 77.
        #expect(abs(zeros - 500) < 80)
        let gradient = layer.backward(
            Tensor(shape: [2, 1000], values: Array(repeating: 1, count: 2000)), needsInputGradient: true)
        #expect(gradient.scalars == output)
    }

    @Test func batchNormInferenceIsDeterministicAndLeavesStatistics() {
        let layer = BatchNorm(inputShape: [4, 3, 3])
        let input = randomTensor([5, 4, 3, 3], seed: 4)
        _ = layer.forward(input, isTraining: true)
        let mean = layer.runningMean.scalars
        let variance = layer.runningVariance.scalars
        let first = layer.forward(input, isTraining: false).scalars
        let second = layer.forward(input, isTraining: false).scalars
        #expect(first == second)
        #expect(layer.runningMean.scalars == mean)
        #expect(layer.runningVariance.scalars == variance)
    }

    @Test func batchNormRunningStatisticsFollowMomentum() {
        // One channel, batch values 1 and 3: batch mean 2, biased variance 1.
        let layer = BatchNorm(inputShape: [1], momentum: 0.9)
        _ = layer.forward(Tensor(shape: [2, 1], values: [1, 3]), isTraining: true)
        #expect(abs(layer.runningMean.scalars[0] - 0.2) < 1e-6)
        #expect(abs(layer.runningVariance.scalars[0] - 1.0) < 1e-6)
        // Training output is (x − 2) / √(1 + 1e-5): about ±1.
        let output = layer.forward(Tensor(shape: [2, 1], values: [1, 3]), isTraining: true).scalars
        #expect(abs(output[0] + 0.999995) < 1e-5)
        #expect(abs(output[1] - 0.999995) < 1e-5)
    }

    @Test func snapshotRestoresWeightsAndStatistics() throws {
        var specification = ModelSpecification(architecture: .mlp)
        specification.units = 8
        specification.batchNorm = true
        let model = try specification.makeModel(inputShape: [5], classCount: 3, seed: 1)
        let saved = model.snapshot()
        let before = model.parameters.map { $0.value.scalars } + model.buffers.map(\.scalars)
        _ = model.forward(randomTensor([4, 5], seed: 2), isTraining: true)
        model.parameters[0].value.data[0] += 1
        model.restore(saved)
        #expect(model.parameters.map { $0.value.scalars } + model.buffers.map(\.scalars) == before)
    }

    @Test func weightFileRoundTrip() throws {
        var specification = ModelSpecification(architecture: .cnn)
        specification.blocks = 1
        specification.filters = 4
        specification.denseUnits = 6
        specification.batchNorm = true
        let model = try specification.makeModel(inputShape: [1, 6, 6], classCount: 3, seed: 5)
        _ = model.forward(randomTensor([2, 1, 6, 6], seed: 6), isTraining: true)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swifttune-\(UUID()).weights")
        defer { try? FileManager.default.removeItem(at: url) }
        try WeightFile.save(model, to: url)
        let copy = try specification.makeModel(inputShape: [1, 6, 6], classCount: 3, seed: 99)
        try WeightFile.load(url, into: copy)
        #expect(copy.parameters.map { $0.value.scalars } == model.parameters.map { $0.value.scalars })
        #expect(copy.buffers.map(\.scalars) == model.buffers.map(\.scalars))

        let other = try specification.makeModel(inputShape: [1, 6, 6], classCount: 4, seed: 5)
        #expect(throws: WeightFile.LoadError.self) { try WeightFile.load(url, into: other) }
    }
}
