import Datasets
import Evaluation
import Foundation
import NeuralNetwork
import TensorCore

/// One complete run of an experiment: load and prepare data, build and train the model,
/// evaluate it once on the test split, and write the run directory.
///
/// Files in the run directory, each written atomically:
/// `experiment.json` (the resolved experiment), `history.csv`, `summary.json`,
/// `confusion_matrix.csv` (test split), `split.json` (split indices), `model.weights`.
public struct TrainingRun {
    public var experiment: Experiment
    /// Folder given by `--data`, searched first for named data sets.
    public var dataPath: String?
    public var observer: TrainingObserver?

    /// Creates a run of `experiment`.
    public init(experiment: Experiment, dataPath: String? = nil, observer: TrainingObserver? = nil) {
        self.experiment = experiment
        self.dataPath = dataPath
        self.observer = observer
    }

    /// Returns the note on reproducibility written into every run record.
    public static func reproducibilityNote(threads: Int) -> String {
        threads == 1
            ? "Bit-exact: one thread, and every random choice derives from the seed."
            : "Same seed gives the same splits, initialization, shuffles and dropout masks, but with \(threads) threads oneDNN and OpenBLAS may sum in a different order, so the history can differ in the last digits. Use --threads 1 for bit-exact runs."
    }

    /// Result of a run: the trained model, its history, and the summary written to disk.
    public struct Result {
        public var model: Sequential
        public var history: History
        public var summary: RunSummary
        /// Validation metrics of the final weights; nil for a diverged run.
        public var validationEvaluation: ModelEvaluation?
        /// Test metrics; nil for a diverged run or when the test split was not evaluated.
        public var testEvaluation: ModelEvaluation?
    }

    /// Loads the data set the experiment names, splits, checks and standardizes it. An image
    /// folder with `data.images.memoryLimitMB` set streams from its files instead of loading.
    public func prepareData() throws -> PreparedData {
        let seed = SeededGenerator.derivedSeed(experiment.seed, purpose: "split")
        if experiment.data.images?.memoryLimitMB != nil {
            return try PreparedData(streaming: experiment.data, seed: seed)
        }
        let sets = try experiment.data.loadSets(using: DatasetLocator(explicitPath: dataPath))
        return try PreparedData(sets: sets, configuration: experiment.data, seed: seed)
    }

    /// Prepares the data and passes it to `observer`.
    private func prepareData(notifying observer: TrainingObserver?) throws -> PreparedData {
        let data = try prepareData()
        observer?.trainingRun(didPrepare: data)
        return data
    }

    /// Runs the experiment and writes the outputs into `directory`.
    ///
    /// - Parameters:
    ///   - data: prepared data to reuse (it must come from this experiment's `data` section);
    ///     loaded when nil.
    ///   - evaluatesTest: whether to evaluate on the test split; a tuning trial skips it, so
    ///     that only the chosen model is ever evaluated on the test split.
    public func run(writingTo directory: URL, data: PreparedData? = nil, evaluatesTest: Bool = true) throws
        -> Result
    {
        let started = Date()
        let residentAtStart = ProcessMemory.residentBytes
        // Data passed in may carry a cache that earlier runs used; this run counts its own reads.
        let cacheAtStart = data?.streamingCache?.statistics
        let data = try data ?? prepareData(notifying: observer)
        let model = try experiment.model.makeModel(
            inputShape: data.training.sampleShape, classCount: data.training.classCount,
            seed: SeededGenerator.derivedSeed(experiment.seed, purpose: "model"))
        let monitor = try Trainer.monitor(of: experiment.training, classNames: data.training.classNames)
        _ = try experiment.evaluation?.positiveClassIndex(in: data.training.classNames)
        let augmenter = try experiment.data.augmentation.flatMap { configuration in
            try configuration.isEnabled
                ? ImageAugmenter(
                    configuration: configuration, sampleShape: data.training.sampleShape,
                    standardization: data.standardization) : nil
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.writeJSON(experiment, to: directory.appendingPathComponent("experiment.json"))

        let trainer = Trainer(
            configuration: experiment.training,
            seed: SeededGenerator.derivedSeed(experiment.seed, purpose: "shuffle"))
        trainer.observer = observer
        let evaluationBatchSize = Self.evaluationBatchSize(
            for: data, trainingBatchSize: experiment.training.batchSize)
        let history: History
        do {
            history = try trainer.fit(
                model, training: data.training, validation: data.validation, augmenter: augmenter,
                evaluationBatchSize: evaluationBatchSize)
        } catch let interrupted as TrainingInterrupted {
            // The epochs that finished stay on record; the caller reports the error.
            try Self.writeHistory(interrupted.history, in: directory)
            throw interrupted.underlying
        }
        // Written before the final evaluation, so that an error there, such as a test image that
        // can no longer be read, leaves the training on record.
        try Self.writeHistory(history, in: directory)

        var validation: RunSummary.SplitMetrics?
        var test: RunSummary.SplitMetrics?
        var validationEvaluation: ModelEvaluation?
        var testEvaluation: ModelEvaluation?
        var binary: BinaryAnalysis?
        if history.status != .diverged {
            let evaluation = try ModelEvaluation(
                model: model, dataset: data.validation, batchSize: evaluationBatchSize)
            validation = .init(
                evaluation, monitor: try? monitor.value(in: evaluation.report, loss: evaluation.loss))
            validationEvaluation = evaluation
            if evaluatesTest {
                let testResult = try ModelEvaluation(
                    model: model, dataset: data.test, batchSize: evaluationBatchSize)
                test = .init(
                    testResult, monitor: try? monitor.value(in: testResult.report, loss: testResult.loss))
                testEvaluation = testResult
                try AtomicFile.write(
                    Self.confusionCSV(testResult.report.confusionMatrix),
                    to: directory.appendingPathComponent("confusion_matrix.csv"))
            }
            try WeightFile.save(model, to: directory.appendingPathComponent("model.weights"))
            if let configuration = experiment.evaluation {
                binary = try BinaryAnalysis(
                    configuration: configuration, validation: evaluation, test: testEvaluation)
            }
        }

        let threads = ComputeThreads.threadCount
        let summary = RunSummary(
            experiment: experiment.name, status: history.status, message: history.message,
            seed: experiment.seed,
            epochs: history.epochs.count, bestEpoch: history.bestEpoch, stoppedEpoch: history.stoppedEpoch,
            restoredBestWeights: history.restoredBestWeights, monitor: monitor.description,
            seconds: Date().timeIntervalSince(started), threads: threads,
            reproducibility: Self.reproducibilityNote(threads: threads), validation: validation, test: test,
            testReport: testEvaluation?.report, binary: binary,
            split: .init(
                training: data.training.count, validation: data.validation.count, test: data.test.count),
            warnings: data.warnings,
            standardization: data.standardization,
            model: .init(
                parameters: model.parameterCount, multiplyAddsPerSample: model.multiplyAddsPerSample,
                layers: model.layers.map(\.name)),
            memory: .init(
                residentAtStartMB: residentAtStart.map(Self.mebibytes),
                peakResidentMB: ProcessMemory.peakResidentBytes.map(Self.mebibytes),
                streamingLimitMB: data.streamingCache == nil ? nil : experiment.data.images?.memoryLimitMB,
                cache: data.streamingCache.map { Self.cacheUse($0.statistics, since: cacheAtStart) }),
            imageFolders: data.imageFolderReports.isEmpty ? nil : data.imageFolderReports)
        try Self.writeJSON(data.split, to: directory.appendingPathComponent("split.json"))
        try Self.writeJSON(summary, to: directory.appendingPathComponent("summary.json"))
        return Result(
            model: model, history: history, summary: summary, validationEvaluation: validationEvaluation,
            testEvaluation: testEvaluation)
    }

    /// Writes `history.csv` and `history.json` into `directory`, atomically.
    private static func writeHistory(_ history: History, in directory: URL) throws {
        try AtomicFile.write(history.csv, to: directory.appendingPathComponent("history.csv"))
        try writeJSON(history, to: directory.appendingPathComponent("history.json"))
    }

    /// Returns the batch size for evaluating `data`: `ModelEvaluation.defaultBatchSize` for data in
    /// memory, and the training batch size for streamed data, so that evaluation does not hold a
    /// large block of decoded samples beside the cache.
    public static func evaluationBatchSize(for data: PreparedData, trainingBatchSize: Int) -> Int {
        data.streamingCache == nil ? ModelEvaluation.defaultBatchSize : trainingBatchSize
    }

    /// Returns `statistics` with the hits and misses counted since `start`, when given.
    private static func cacheUse(_ statistics: SampleCache.Statistics, since start: SampleCache.Statistics?)
        -> SampleCache.Statistics
    {
        guard let start else { return statistics }
        var use = statistics
        use.hits -= start.hits
        use.misses -= start.misses
        return use
    }

    /// Converts bytes to mebibytes, rounded to 0.1.
    private static func mebibytes(_ bytes: Int) -> Double {
        (Double(bytes) / 1_048_576 * 10).rounded() / 10
    }

    /// Writes `value` as pretty-printed JSON with sorted keys, atomically.
    public static func writeJSON(_ value: some Encodable, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        try AtomicFile.write(try encoder.encode(value), to: url)
    }

    /// Formats the confusion matrix as CSV: a header of predicted classes, then one row per true class.
    public static func confusionCSV(_ matrix: ConfusionMatrix) -> String {
        let names = matrix.classes.names
        func quoted(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"" : text
        }
        var lines = ["true \\ predicted," + names.map(quoted).joined(separator: ",")]
        for (row, name) in names.enumerated() {
            lines.append(
                quoted(name) + "," + (0..<names.count).map { "\(matrix[row, $0])" }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
