import Datasets
import Foundation
import NeuralNetwork
import TensorCore
import Testing

@testable import Training

@Suite("Training on streamed image folders")
struct StreamedTrainingTests {
    /// Copies `count` CIFAR-10 JPEG files of each of three classes into a new folder of class
    /// folders, and returns it.
    static func imageFolder(count: Int) throws -> URL {
        let source = sharedDataFolder.appendingPathComponent("cifar10-test-jpeg/test")
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("StreamedTrainingTests-\(UUID().uuidString)")
        for name in ["cat", "ship", "truck"] {
            let classFolder = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
            for index in 0..<count {
                let file = String(format: "%04d.jpg", index)
                try FileManager.default.copyItem(
                    at: source.appendingPathComponent(name).appendingPathComponent(file),
                    to: classFolder.appendingPathComponent(file))
            }
        }
        return folder
    }

    static func prepare(_ folder: URL, memoryLimitMB: Int?) throws -> PreparedData {
        let configuration = try DataConfiguration(
            format: .imageFolder, path: folder.path, split: SplitPlan(ratios: [4, 1, 1]),
            images: ImageOptions(memoryLimitMB: memoryLimitMB))
        if memoryLimitMB != nil {
            return try PreparedData(streaming: configuration, seed: 4)
        }
        return try PreparedData(sets: configuration.loadSets(), configuration: configuration, seed: 4)
    }

    static func model(for data: PreparedData) throws -> Sequential {
        var specification = ModelSpecification(architecture: .mlp)
        specification.units = 8
        return try specification.makeModel(
            inputShape: data.training.sampleShape, classCount: data.training.classCount, seed: 1)
    }

    @Test func streamedAndLoadedTrainAlike() throws {
        let folder = try Self.imageFolder(count: 40)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try Self.prepare(folder, memoryLimitMB: nil)
        let streamed = try Self.prepare(folder, memoryLimitMB: 1)
        #expect(streamed.streamingCache != nil)

        var histories: [[EpochRecord]] = []
        for data in [loaded, streamed] {
            let trainer = Trainer(configuration: configuration(epochs: 3, batchSize: 8), seed: 2)
            let history = try trainer.fit(
                try Self.model(for: data), training: data.training, validation: data.validation,
                evaluationBatchSize: 8)
            histories.append(history.epochs)
        }
        // The data set tests check that the samples are identical. The losses get a tolerance
        // because other suites may change the thread count meanwhile, and that moves sums in
        // the last digits.
        #expect(histories[1].count == 3)
        for (loadedEpoch, streamedEpoch) in zip(histories[0], histories[1]) {
            #expect(abs(streamedEpoch.trainingLoss - loadedEpoch.trainingLoss) < 1e-5)
            #expect(abs(streamedEpoch.validationLoss - loadedEpoch.validationLoss) < 1e-5)
        }
    }

    @Test func fileRemovedDuringTrainingStopsTheRun() throws {
        let folder = try Self.imageFolder(count: 12)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Preparing read only the training split, so no validation file is cached yet.
        let data = try Self.prepare(folder, memoryLimitMB: 1)
        let validation = try #require(data.validation as? StreamedImageSet)
        try FileManager.default.removeItem(at: validation.files[1])

        let trainer = Trainer(configuration: configuration(epochs: 2, batchSize: 4), seed: 2)
        let interrupted = #expect(throws: TrainingInterrupted.self) {
            try trainer.fit(try Self.model(for: data), training: data.training, validation: data.validation)
        }
        // The first validation pass fails, so no epoch finished.
        #expect(interrupted?.history.epochs.isEmpty == true)
        guard case .streamedImageUnreadable(let path, _) = interrupted?.underlying as? DatasetError else {
            Issue.record("expected streamedImageUnreadable, got \(String(describing: interrupted))")
            return
        }
        #expect(path == validation.files[1].path)
    }

    @Test func unreadableBatchIsThrownByThePrefetcher() throws {
        let folder = try Self.imageFolder(count: 12)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.prepare(folder, memoryLimitMB: 1)
        let validation = try #require(data.validation as? StreamedImageSet)
        try FileManager.default.removeItem(at: validation.files[0])

        let prefetcher = BatchPrefetcher(dataset: validation, augmenter: nil, seed: 1)
        defer { prefetcher.finish() }
        prefetcher.begin(epoch: 0, batches: [[1, 2], [0, 3]])
        let (_, labels) = try prefetcher.next()
        #expect(labels == [validation.labels[1], validation.labels[2]])
        #expect(throws: DatasetError.self) { try prefetcher.next() }
    }

    /// Removes one file after the first epoch.
    final class FileRemover: TrainingObserver {
        var file: URL?
        func trainer(didFinishBatch progress: BatchProgress) {}
        func trainer(didFinishEpoch record: EpochRecord, of epochs: Int) {
            if record.epoch == 1, let file { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// A split of a prepared data set, for choosing which file to remove.
    enum Split: String, CaseIterable, Sendable {
        case training, validation, test
    }

    @Test(arguments: Split.allCases)
    func interruptedRunKeepsTheFinishedEpochs(split: Split) throws {
        let folder = try Self.imageFolder(count: 12)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Gray 256 x 256 samples after area resizing keep 4-byte values, so 1 MiB stores 4 of
        // them: the first 4 training samples. The others are read from their files every epoch.
        let experiment = try Experiment.decode(
            Data(
                """
                {"name": "interrupted", "seed": 5,
                 "data": {"format": "imageFolder", "path": "\(folder.path)", "split": {"ratios": [4, 1, 1]},
                          "images": {"channels": 1, "size": [256, 256], "resizeMethod": "area", "memoryLimitMB": 1}},
                 "model": {"architecture": "mlp", "depth": 1, "units": 4},
                 "training": {"epochs": 3, "batchSize": 8, "optimizer": {"kind": "sgd", "learningRate": 0.01}}}
                """.utf8))
        let remover = FileRemover()
        let run = TrainingRun(experiment: experiment, observer: remover)
        let data = try run.prepareData()
        #expect(data.streamingCache?.capacity == 4)
        let sets = [Split.training: data.training, .validation: data.validation, .test: data.test]
        let files = try #require(sets[split] as? StreamedImageSet).files
        let removed = split == .training ? files[10] : files[1]
        remover.file = removed

        let directory = folder.appendingPathComponent("run")
        let error = #expect(throws: DatasetError.self) { try run.run(writingTo: directory, data: data) }
        guard case .streamedImageUnreadable(let path, let reason) = error else {
            Issue.record("expected streamedImageUnreadable, got \(String(describing: error))")
            return
        }
        #expect(path == removed.path)
        #expect(reason == "the file does not exist")
        // A training or validation file stops epoch 2; a test file stops the final evaluation.
        let finishedEpochs = split == .test ? 3 : 1
        let history = try String(contentsOf: directory.appendingPathComponent("history.csv"), encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1 + finishedEpochs, "\(history)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("history.json").path))
    }
}
