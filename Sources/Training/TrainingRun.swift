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

    /// The note on reproducibility written into every run record.
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
        public var testEvaluation: ModelEvaluation?
    }

    /// Runs the experiment and writes the outputs into `directory`.
    public func run(writingTo directory: URL) throws -> Result {
        let started = Date()
        let sets = try experiment.data.loadSets(using: DatasetLocator(explicitPath: dataPath))
        let data = try PreparedData(
            sets: sets, configuration: experiment.data,
            seed: SeededGenerator.derivedSeed(experiment.seed, purpose: "split"))
        let model = try experiment.model.makeModel(
            inputShape: data.training.sampleShape, classCount: data.training.classCount,
            seed: SeededGenerator.derivedSeed(experiment.seed, purpose: "model"))
        let monitor = try Trainer.monitor(of: experiment.training, classNames: data.training.classNames)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(experiment, to: directory.appendingPathComponent("experiment.json"))

        let trainer = Trainer(
            configuration: experiment.training,
            seed: SeededGenerator.derivedSeed(experiment.seed, purpose: "shuffle"))
        trainer.observer = observer
        let history = try trainer.fit(model, training: data.training, validation: data.validation)

        var validation: RunSummary.SplitMetrics?
        var test: RunSummary.SplitMetrics?
        var testEvaluation: ModelEvaluation?
        if history.status != .diverged {
            let validationEvaluation = try ModelEvaluation(model: model, dataset: data.validation)
            validation = .init(
                validationEvaluation,
                monitor: try? monitor.value(in: validationEvaluation.report, loss: validationEvaluation.loss))
            let testResult = try ModelEvaluation(model: model, dataset: data.test)
            test = .init(
                testResult, monitor: try? monitor.value(in: testResult.report, loss: testResult.loss))
            testEvaluation = testResult
            try WeightFile.save(model, to: directory.appendingPathComponent("model.weights"))
            try AtomicFile.write(
                confusionCSV(testResult.report.confusionMatrix),
                to: directory.appendingPathComponent("confusion_matrix.csv"))
        }

        let threads = ComputeThreads.threadCount
        let summary = RunSummary(
            experiment: experiment.name, status: history.status, message: history.message,
            seed: experiment.seed,
            epochs: history.epochs.count, bestEpoch: history.bestEpoch, stoppedEpoch: history.stoppedEpoch,
            restoredBestWeights: history.restoredBestWeights, monitor: monitor.description,
            seconds: Date().timeIntervalSince(started), threads: threads,
            reproducibility: Self.reproducibilityNote(threads: threads), validation: validation, test: test,
            testReport: testEvaluation?.report,
            split: .init(
                training: data.training.count, validation: data.validation.count, test: data.test.count),
            standardization: data.standardization,
            model: .init(
                parameters: model.parameterCount, multiplyAddsPerSample: model.multiplyAddsPerSample,
                layers: model.layers.map(\.name)))
        try AtomicFile.write(history.csv, to: directory.appendingPathComponent("history.csv"))
        try write(data.split, to: directory.appendingPathComponent("split.json"))
        try write(summary, to: directory.appendingPathComponent("summary.json"))
        return Result(model: model, history: history, summary: summary, testEvaluation: testEvaluation)
    }

    private func write(_ value: some Encodable, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        try AtomicFile.write(try encoder.encode(value), to: url)
    }

    private func confusionCSV(_ matrix: ConfusionMatrix) -> String {
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
