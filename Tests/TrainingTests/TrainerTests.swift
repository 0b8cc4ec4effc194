import Datasets
import Foundation
import NeuralNetwork
import Optimization
import TensorCore
import Testing

@testable import Training

@Suite("Trainer", .serialized)
struct TrainerTests {
    func mlp(seed: UInt64 = 1, batchNorm: Bool = false, inputShape: [Int] = [4], classes: Int = 3) throws
        -> Sequential
    {
        var specification = ModelSpecification(architecture: .mlp)
        specification.units = 16
        specification.batchNorm = batchNorm
        specification.dropout = 0.1
        return try specification.makeModel(inputShape: inputShape, classCount: classes, seed: seed)
    }

    @Test func learnsBlobs() throws {
        let training = try blobs(count: 300, seed: 1)
        let validation = try blobs(count: 90, seed: 2)
        let model = try mlp()
        let history = try Trainer(configuration: configuration(epochs: 8), seed: 3).fit(
            model, training: training, validation: validation)
        #expect(history.status == .completed)
        #expect(history.epochs.count == 8)
        #expect(history.epochs.last!.validationAccuracy > 0.9)
        #expect(history.epochs.last!.trainingLoss < history.epochs.first!.trainingLoss)
    }

    @Test func sameSeedOneThreadGivesIdenticalHistory() throws {
        ComputeThreads.configure(threadCount: 1)
        defer { ComputeThreads.configure(threadCount: nil) }
        let training = try blobs(count: 200, seed: 1)
        let validation = try blobs(count: 60, seed: 2)
        func run() throws -> [EpochRecord] {
            let history = try Trainer(configuration: configuration(epochs: 3), seed: 5)
                .fit(try mlp(batchNorm: true), training: training, validation: validation)
            return history.epochs.map { record in
                var record = record
                record.seconds = 0
                return record
            }
        }
        #expect(try run() == run())
    }

    @Test func divergenceEndsRun() throws {
        let training = try blobs(count: 200, seed: 1)
        let validation = try blobs(count: 60, seed: 2)
        let history = try Trainer(
            configuration: configuration(epochs: 5, optimizer: .init(kind: .sgd, learningRate: 1e30)), seed: 1
        ).fit(try mlp(), training: training, validation: validation)
        #expect(history.status == .diverged)
        #expect(history.message?.contains("learning rate") == true)
    }

    @Test func earlyStoppingRestoresBestWeights() throws {
        // A learning rate far too high for SGD makes validation loss bounce, so patience runs out.
        let training = try blobs(count: 120, seed: 1)
        let validation = try blobs(count: 60, seed: 2)
        let model = try mlp()
        let stopping = EarlyStoppingConfiguration(monitor: "loss", patience: 1)
        let history = try Trainer(
            configuration: configuration(
                epochs: 30, batchSize: 8, optimizer: .init(kind: .sgd, learningRate: 3),
                earlyStopping: stopping),
            seed: 2
        ).fit(model, training: training, validation: validation)
        try #require(history.status == .earlyStopped)
        let best = try #require(history.bestEpoch)
        let bestLoss = history.epochs[best - 1].validationLoss
        #expect(history.epochs.allSatisfy { $0.validationLoss >= bestLoss })
        #expect(history.restoredBestWeights == (best != history.epochs.count))
        let evaluation = try ModelEvaluation(model: model, dataset: validation)
        #expect(abs(evaluation.loss - bestLoss) < 1e-9)
    }

    @Test func bestWeightsRestoredWhenEpochLimitEndsRun() throws {
        let training = try blobs(count: 120, seed: 4)
        let validation = try blobs(count: 60, seed: 5)
        let model = try mlp()
        let stopping = EarlyStoppingConfiguration(monitor: "accuracy", patience: 100)
        let history = try Trainer(
            configuration: configuration(
                epochs: 6, batchSize: 4, optimizer: .init(kind: .sgd, learningRate: 2),
                earlyStopping: stopping),
            seed: 6
        ).fit(model, training: training, validation: validation)
        try #require(history.status == .completed)
        let best = try #require(history.bestEpoch)
        #expect(
            best < history.epochs.count,
            "the last epoch should not be the best here, so restoring is exercised")
        let bestAccuracy = history.epochs[best - 1].validationAccuracy
        #expect(history.epochs.allSatisfy { $0.validationAccuracy <= bestAccuracy })
        let evaluation = try ModelEvaluation(model: model, dataset: validation)
        #expect(evaluation.accuracy == bestAccuracy)
    }

    @Test func monitorOnClassRecall() throws {
        let training = try blobs(count: 150, seed: 1)
        let validation = try blobs(count: 60, seed: 2)
        let stopping = EarlyStoppingConfiguration(monitor: "recall[class1]", patience: 5)
        let history = try Trainer(configuration: configuration(epochs: 2, earlyStopping: stopping), seed: 1)
            .fit(try mlp(), training: training, validation: validation)
        #expect(history.epochs.allSatisfy { $0.monitorValue != nil })
        let unknown = EarlyStoppingConfiguration(monitor: "recall[class9]", patience: 5)
        #expect(throws: ConfigurationError.self) {
            try Trainer(configuration: configuration(epochs: 1, earlyStopping: unknown), seed: 1)
                .fit(try mlp(), training: training, validation: validation)
        }
    }

    @Test func batchSizeOneAndWholeSet() throws {
        let training = try blobs(count: 33, seed: 1)
        let validation = try blobs(count: 30, seed: 2)
        for batchSize in [1, 33, 1000] {
            let history = try Trainer(configuration: configuration(epochs: 2, batchSize: batchSize), seed: 1)
                .fit(try mlp(batchNorm: batchSize > 1), training: training, validation: validation)
            #expect(history.status == .completed, "batch size \(batchSize)")
        }
    }

    @Test func recordsLearningRateOfEachEpoch() throws {
        let training = try blobs(count: 60, seed: 1)
        let validation = try blobs(count: 30, seed: 2)
        var settings = configuration(epochs: 5, optimizer: .init(kind: .sgd, learningRate: 0.1))
        settings.schedule = ScheduleConfiguration(kind: .step, factor: 0.5, stepSize: 2)
        let history = try Trainer(configuration: settings, seed: 1).fit(
            try mlp(), training: training, validation: validation)
        #expect(
            history.epochs.map(\.learningRate) == [0.1, 0.1, 0.05, 0.05, 0.025].map { Double(Float($0)) })
    }
}
