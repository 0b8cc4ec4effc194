import Foundation
import NeuralNetwork
import Optimization
import TensorCore

/// The four reference training workloads, built from SwiftTune's own layers.
public enum BenchmarkWorkload: String, CaseIterable, Codable, Sendable {
    /// MLP 784-256-128-10 with ReLU, Adam 1e-3, batch 128.
    case w1 = "W1"
    /// Two valid 3x3 convolutions (32, 64) with ReLU and 2x2 max pooling, dense 128, dropout 0.3,
    /// dense 10, on 1x28x28, Adam 1e-3, batch 128.
    case w2 = "W2"
    /// Three blocks of two same-padded 3x3 convolutions (32, 64, 128) with batch norm and ReLU,
    /// max pooling and dropout 0.3/0.4/0.5, dense 10, on 3x32x32, SGD momentum 0.9, L2 1e-4, batch 128.
    case w3 = "W3"
    /// W3 in inference mode, batch 1000.
    case w4 = "W4"

    /// A one-line description for the console.
    public var summary: String {
        switch self {
        case .w1: return "MLP 784-256-128-10, Adam, batch 128"
        case .w2: return "small CNN on 1x28x28, Adam, batch 128"
        case .w3: return "VGG-style CNN with BN on 3x32x32, SGD"
        case .w4: return "W3 inference, batch 1000"
        }
    }

    var inputShape: [Int] {
        switch self {
        case .w1: return [784]
        case .w2: return [1, 28, 28]
        case .w3, .w4: return [3, 32, 32]
        }
    }

    var batchSize: Int { self == .w4 ? 1000 : 128 }

    var layers: [LayerSpecification] {
        switch self {
        case .w1:
            return [.dense(units: 256, activation: .relu), .dense(units: 128, activation: .relu)]
        case .w2:
            return [
                .conv2d(filters: 32, kernelSize: 3, stride: 1, padding: .valid, activation: .relu),
                .pool(.max, poolSize: 2, stride: nil, padding: .valid),
                .conv2d(filters: 64, kernelSize: 3, stride: 1, padding: .valid, activation: .relu),
                .pool(.max, poolSize: 2, stride: nil, padding: .valid),
                .flatten, .dense(units: 128, activation: .relu), .dropout(rate: 0.3),
            ]
        case .w3, .w4:
            var layers: [LayerSpecification] = []
            for (filters, rate) in [(32, 0.3), (64, 0.4), (128, 0.5)] {
                for _ in 0..<2 {
                    layers += [
                        .conv2d(filters: filters, kernelSize: 3, stride: 1, padding: .same, activation: nil),
                        .batchNorm(momentum: 0.99), .activation(.relu),
                    ]
                }
                layers += [.pool(.max, poolSize: 2, stride: nil, padding: .valid), .dropout(rate: rate)]
            }
            return layers + [.flatten]
        }
    }

    var optimizer: OptimizerConfiguration {
        switch self {
        case .w1, .w2: return OptimizerConfiguration(kind: .adam, learningRate: 1e-3)
        case .w3, .w4: return OptimizerConfiguration(kind: .momentum, learningRate: 0.01, momentum: 0.9)
        }
    }

    var l2: Float { self == .w3 ? 1e-4 : 0 }
}

/// Steady-state speed of one workload.
public struct BenchmarkResult: Codable, Sendable {
    /// Median over the measurement windows of samples processed per second.
    public var samplesPerSecond: Double
    /// Dense and convolution FLOPs per second (training: 3 × forward; forward: 2 × multiply-adds).
    public var gflops: Double
    /// Steps timed after the warm-up.
    public var steps: Int
}

/// Measures a workload on random data: a warm-up, then timed windows of training steps
/// (forward, loss, backward, L2, optimizer step) or inference passes.
public struct Benchmark {
    /// Measured fp32 FMA peak of the two-core reference machine, in GFLOP/s.
    public static let peakGigaflops = 232.0

    public let workload: BenchmarkWorkload
    /// Total seconds of timed windows.
    public let seconds: Double

    /// Creates a benchmark of `workload` that times about `seconds` seconds.
    public init(workload: BenchmarkWorkload, seconds: Double) {
        self.workload = workload
        self.seconds = seconds
    }

    /// Builds the model, warms up and measures.
    public func run() throws -> BenchmarkResult {
        var specification = ModelSpecification(architecture: .layers)
        specification.layers = workload.layers
        let model = try specification.makeModel(inputShape: workload.inputShape, classCount: 10, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let batch = workload.batchSize
        let input = Tensor(shape: [batch] + workload.inputShape, layout: .rowMajor)
        for index in 0..<input.count { input.data[index] = generator.nextNormal() }
        let labels = (0..<batch).map { _ in Int32(generator.next() % 10) }
        let optimizer = try workload.optimizer.makeOptimizer()
        let regularization = L2Regularization(coefficient: workload.l2)
        let loss = SoftmaxCrossEntropy()
        let gradient = Tensor(zeros: [batch, 10])
        let parameters = model.parameters
        let isTraining = workload != .w4

        func step() {
            let logits = model.forward(input, isTraining: isTraining)
            guard isTraining else { return }
            _ = labels.withUnsafeBufferPointer {
                loss.evaluate(logits: logits, labels: $0, gradient: gradient)
            }
            model.backward(gradient)
            if workload.l2 > 0 { _ = regularization.apply(to: parameters) }
            optimizer.step(parameters, learningRate: workload.optimizer.learningRate)
        }

        // Warm-up: primitive creation, page faults and thread start-up.
        let warmUpEnd = Date().addingTimeInterval(min(1, seconds / 4))
        repeat { step() } while Date() < warmUpEnd

        let windows = 5
        var rates: [Double] = []
        var steps = 0
        for _ in 0..<windows {
            let start = Date()
            var windowSteps = 0
            repeat {
                step()
                windowSteps += 1
            } while Date().timeIntervalSince(start) < seconds / Double(windows)
            rates.append(Double(windowSteps * batch) / Date().timeIntervalSince(start))
            steps += windowSteps
        }
        let median = rates.sorted()[windows / 2]
        let flopsPerSample = Double(model.multiplyAddsPerSample) * 2 * (isTraining ? 3 : 1)
        return BenchmarkResult(samplesPerSecond: median, gflops: median * flopsPerSample / 1e9, steps: steps)
    }
}
