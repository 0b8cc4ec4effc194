import Datasets
import Foundation
import NeuralNetwork
import Optimization
import TensorCore
import Testing

@testable import Training

/// A layer that passes its input through and keeps a copy of every input it receives.
final class InputRecorder: Layer {
    var name = "recorder"
    let inputShape: [Int]
    var outputShape: [Int] { inputShape }
    /// Every training input, batch by batch, as rows of sample values.
    private(set) var trainingBatches: [[[Float]]] = []
    /// Every inference input, batch by batch.
    private(set) var inferenceBatches: [[[Float]]] = []

    init(inputShape: [Int]) {
        self.inputShape = inputShape
    }

    func forward(_ input: Tensor, isTraining: Bool) -> Tensor {
        let size = inputShape.reduce(1, *)
        let rows = (0..<input.batchSize).map { row in
            Array(UnsafeBufferPointer(start: input.data + row * size, count: size))
        }
        if isTraining {
            trainingBatches.append(rows)
        } else {
            inferenceBatches.append(rows)
        }
        return input
    }

    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor {
        outputGradient
    }
}

@Suite("Trainer with augmentation", .serialized)
struct AugmentedTrainingTests {
    /// 24 images of 1 x 4 x 4 pixels in 0...255, two classes.
    static func images(seed: UInt64) throws -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let count = 24
        let features = (0..<(count * 16)).map { _ in Float(Int(generator.nextUnitFloat() * 256)) }
        return try Dataset(
            name: "tiles", sampleShape: [1, 4, 4], features: features,
            labels: (0..<count).map { Int32($0 % 2) }, classNames: ["a", "b"])
    }

    /// Returns a model of a recorder and a dense layer to two classes, and the recorder.
    static func model() -> (Sequential, InputRecorder) {
        let recorder = InputRecorder(inputShape: [1, 4, 4])
        var generator = SeededGenerator(seed: 9)
        let layers: [Layer] = [
            recorder, Flatten(inputShape: [1, 4, 4]),
            Dense(inputFeatures: 16, units: 2, generator: &generator),
        ]
        return (Sequential(layers), recorder)
    }

    static let flipsAndShifts = try! AugmentationConfiguration(
        horizontalFlip: true, verticalFlip: true, translation: 0.25, brightness: 0.1)

    /// Trains the recorder model for `epochs` epochs with batches of 8 and returns the recorder.
    static func train(augmenter: ImageAugmenter?, epochs: Int = 2) throws -> InputRecorder {
        let (model, recorder) = model()
        let trainer = Trainer(configuration: configuration(epochs: epochs, batchSize: 8), seed: 11)
        _ = try trainer.fit(
            model, training: try images(seed: 1), validation: try images(seed: 2), augmenter: augmenter)
        return recorder
    }

    /// Returns the rows of `dataset` in the order of epoch `epoch`'s batches with seed 11.
    static func expectedRows(of dataset: Dataset, epoch: Int) -> [[[Float]]] {
        BatchPlan(epoch: epoch, count: dataset.count, batchSize: 8, seed: 11).batches.map { batch in
            batch.map { Array(dataset.features(ofSample: $0)) }
        }
    }

    static let unstandardized = Standardization(mode: .none, means: [], standardDeviations: [])

    /// Trains without an augmenter, or with one whose transforms are all off, and checks that
    /// the model receives the training samples unchanged in the order of each epoch's batches.
    @Test(arguments: [false, true])
    func unaugmentedInputsAreSamples(usesDisabledAugmenter: Bool) throws {
        let augmenter =
            usesDisabledAugmenter
            ? try ImageAugmenter(
                configuration: .none, sampleShape: [1, 4, 4], standardization: Self.unstandardized) : nil
        let recorder = try Self.train(augmenter: augmenter)
        let training = try Self.images(seed: 1)
        #expect(Array(recorder.trainingBatches[0..<3]) == Self.expectedRows(of: training, epoch: 0))
        #expect(Array(recorder.trainingBatches[3..<6]) == Self.expectedRows(of: training, epoch: 1))
    }

    @Test func evaluationInputsSameEveryEpoch() throws {
        let augmenter = try ImageAugmenter(
            configuration: Self.flipsAndShifts, sampleShape: [1, 4, 4], standardization: Self.unstandardized)
        let recorder = try Self.train(augmenter: augmenter, epochs: 3)
        let validation = try Self.images(seed: 2)
        let validationRows = (0..<validation.count).map { Array(validation.features(ofSample: $0)) }

        // One validation batch per epoch, each the validation set unchanged.
        #expect(recorder.inferenceBatches.count == 3)
        for batch in recorder.inferenceBatches {
            #expect(batch == validationRows)
        }
        // Training inputs were augmented: they differ from the samples they came from.
        let training = try Self.images(seed: 1)
        #expect(Array(recorder.trainingBatches[0..<3]) != Self.expectedRows(of: training, epoch: 0))
    }

    @Test func augmentationNewEveryEpoch() throws {
        let augmenter = try ImageAugmenter(
            configuration: Self.flipsAndShifts, sampleShape: [1, 4, 4], standardization: Self.unstandardized)
        let recorder = try Self.train(augmenter: augmenter)
        let training = try Self.images(seed: 1)
        let orders = (0..<2).map { BatchPlan(epoch: $0, count: 24, batchSize: 8, seed: 11).batches.joined() }

        // Sample 0's augmented image in each epoch: the draws differ, so the images do too.
        let rows = (0..<2).map { epoch in
            let position = Array(orders[epoch]).firstIndex(of: 0)!
            return recorder.trainingBatches[epoch * 3 + position / 8][position % 8]
        }
        #expect(rows[0] != rows[1])
        #expect(rows[0] != Array(training.features(ofSample: 0)))
    }

    @Test func augmentationDependsOnlyOnSeed() throws {
        let augmenter = try ImageAugmenter(
            configuration: Self.flipsAndShifts, sampleShape: [1, 4, 4], standardization: Self.unstandardized)
        let first = try Self.train(augmenter: augmenter)
        let second = try Self.train(augmenter: augmenter)
        #expect(first.trainingBatches == second.trainingBatches)
    }

    @Test func prefetchedBatchMatchesDirectAssembly() throws {
        let augmenter = try ImageAugmenter(
            configuration: Self.flipsAndShifts, sampleShape: [1, 4, 4], standardization: Self.unstandardized)
        let training = try Self.images(seed: 1)
        let batches = BatchPlan(epoch: 5, count: training.count, batchSize: 10, seed: 3).batches
        let prefetcher = BatchPrefetcher(dataset: training, augmenter: augmenter, seed: 3)
        prefetcher.begin(epoch: 5, batches: batches)
        defer { prefetcher.finish() }

        for (index, indices) in batches.enumerated() {
            let (input, labels) = try prefetcher.next()
            let expected = Tensor(shape: input.shape, layout: .rowMajor)
            let scratch = Tensor(shape: input.shape, layout: .rowMajor)
            let generator = SeededGenerator(seed: 3, purpose: "augmentation-epoch-5-batch-\(index)")
            let expectedLabels = try BatchAssembler.fill(
                expected, from: training, indices: indices, augmentation: (augmenter, generator, scratch))
            #expect(labels == expectedLabels)
            #expect(Array(input.buffer) == Array(expected.buffer))
        }
    }
}
