import TensorCore
import Testing

@testable import NeuralNetwork

@Suite("Layer gradients against finite differences")
struct LayerGradientTests {
    let checker = GradientChecker()

    @Test("Dense", arguments: [(1, 3, 2), (5, 7, 3), (4, 17, 9)])
    func dense(batch: Int, features: Int, units: Int) {
        var generator = SeededGenerator(seed: 1)
        let layer = Dense(inputFeatures: features, units: units, generator: &generator)
        let failures = checker.mismatches(layer: layer, input: randomTensor([batch, features], seed: 2))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("Activations", arguments: ActivationKind.allCases)
    func activation(kind: ActivationKind) {
        let layer = Activation(kind, inputShape: [6])
        let failures = checker.mismatches(layer: layer, input: wellSeparatedTensor([3, 6], seed: 3))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("ReLU family through oneDNN", arguments: [ActivationKind.relu, .leakyRelu])
    func largeActivation(kind: ActivationKind) {
        // Above `Activation.inlineLimit` values, ReLU runs as a oneDNN primitive, not a Swift loop.
        let layer = Activation(kind, inputShape: [16, 64, 64])
        let input = wellSeparatedTensor([2, 16, 64, 64], seed: 14)
        #expect(input.capacity > Activation.inlineLimit)
        let failures = checker.mismatches(layer: layer, input: input)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(
        "Conv2D",
        arguments: [
            // (batch, channels, height, width, filters, kernel, stride, padding)
            (1, 1, 5, 5, 2, 3, 1, Padding.valid),
            (2, 3, 7, 6, 4, 3, 2, Padding.same),
            (2, 2, 6, 6, 3, 2, 2, Padding.valid),
            (1, 3, 5, 7, 2, 5, 1, Padding.same),
            (3, 17, 4, 4, 16, 1, 1, Padding.valid),
        ])
    func convolution(
        batch: Int, channels: Int, height: Int, width: Int, filters: Int, kernel: Int, stride: Int,
        padding: Padding
    ) {
        var generator = SeededGenerator(seed: 4)
        let layer = Conv2D(
            inputShape: [channels, height, width], filters: filters, kernelSize: kernel, stride: stride,
            padding: padding, generator: &generator)
        let failures = checker.mismatches(
            layer: layer, input: randomTensor([batch, channels, height, width], seed: 5))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("Pooling", arguments: [PoolingKind.max, .average], [Padding.valid, .same])
    func pooling(kind: PoolingKind, padding: Padding) {
        let layer = Pool2D(kind, inputShape: [2, 5, 7], poolSize: 2, padding: padding)
        let failures = checker.mismatches(layer: layer, input: wellSeparatedTensor([2, 2, 5, 7], seed: 6))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func poolingStrideOne() {
        let layer = Pool2D(.max, inputShape: [1, 4, 4], poolSize: 3, stride: 1)
        #expect(layer.outputShape == [1, 2, 2])
        let failures = checker.mismatches(layer: layer, input: wellSeparatedTensor([2, 1, 4, 4], seed: 7))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func globalAveragePool() {
        let layer = GlobalAveragePool(inputShape: [3, 4, 5])
        #expect(layer.outputShape == [3])
        let failures = checker.mismatches(layer: layer, input: randomTensor([2, 3, 4, 5], seed: 8))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("Batch norm in training mode", arguments: [[5], [3, 4, 4]], [2, 5])
    func batchNorm(shape: [Int], batch: Int) {
        let layer = BatchNorm(inputShape: shape)
        layer.scale.value.data[0] = 1.5
        layer.shift.value.data[1] = -0.5
        let failures = checker.mismatches(layer: layer, input: randomTensor([batch] + shape, seed: 9))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func flattenAfterConvolution() {
        var generator = SeededGenerator(seed: 10)
        let layers: [Layer] = [
            Conv2D(inputShape: [2, 6, 6], filters: 16, kernelSize: 3, padding: .same, generator: &generator),
            Flatten(inputShape: [16, 6, 6]),
            Dense(inputFeatures: 576, units: 3, generator: &generator),
        ]
        let chain = ChainLayer(layers)
        let failures = checker.mismatches(layer: chain, input: randomTensor([2, 2, 6, 6], seed: 11))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func convolutionStack() {
        // Blocked layouts flow between oneDNN layers here: conv, batch norm, tanh, pooling, conv.
        var generator = SeededGenerator(seed: 12)
        let layers: [Layer] = [
            Conv2D(inputShape: [3, 8, 8], filters: 16, kernelSize: 3, padding: .same, generator: &generator),
            BatchNorm(inputShape: [16, 8, 8]),
            Activation(.tanh, inputShape: [16, 8, 8]),
            Pool2D(.average, inputShape: [16, 8, 8], poolSize: 2),
            Conv2D(
                inputShape: [16, 4, 4], filters: 5, kernelSize: 3, stride: 2, padding: .same,
                generator: &generator),
            Flatten(inputShape: [5, 2, 2]),
            Dense(inputFeatures: 20, units: 4, generator: &generator),
        ]
        let failures = checker.mismatches(
            layer: ChainLayer(layers), input: randomTensor([3, 3, 8, 8], seed: 13))
        #expect(failures.isEmpty, "\(failures)")
    }
}

@Suite("Convolution kernels")
struct ConvolutionKernelTests {
    @Test func eightChannelsBetweenConvolutions() {
        // The second convolution gets 8 channels padded to a block of 16, a layout for which
        // oneDNN 2.6 has only its reference kernel. The layer reorders to a layout that runs fast,
        // and the gradients must not change.
        var generator = SeededGenerator(seed: 14)
        let second = Conv2D(
            inputShape: [8, 6, 6], filters: 6, kernelSize: 3, padding: .same, generator: &generator)
        let layers: [Layer] = [
            Conv2D(inputShape: [3, 6, 6], filters: 8, kernelSize: 3, padding: .same, generator: &generator),
            BatchNorm(inputShape: [8, 6, 6]),
            Activation(.tanh, inputShape: [8, 6, 6]),
            second,
            Flatten(inputShape: [6, 6, 6]),
            Dense(inputFeatures: 216, units: 3, generator: &generator),
        ]
        let failures = GradientChecker().mismatches(
            layer: ChainLayer(layers), input: randomTensor([2, 3, 6, 6], seed: 15))
        #expect(failures.isEmpty, "\(failures)")

        let names = second.implementationNames
        #expect(names.count == 3, "\(names)")
        for (direction, implementation) in names {
            #expect(!implementation.hasPrefix("ref"), "\(direction) runs \(implementation)")
        }
    }
}

/// Runs several layers as one, so a gradient check covers the layouts passed between them.
final class ChainLayer: Layer {
    var name = "chain"
    let layers: [Layer]
    init(_ layers: [Layer]) { self.layers = layers }
    var inputShape: [Int] { layers[0].inputShape }
    var outputShape: [Int] { layers.last!.outputShape }
    var parameters: [Parameter] { layers.flatMap(\.parameters) }

    func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        layers.reduce(input) { $1.forward($0, isTraining: isTraining) }
    }

    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        layers.reversed().reduce(outputGradient) { $1.backward($0, needsInputGradient: true) }
    }
}
