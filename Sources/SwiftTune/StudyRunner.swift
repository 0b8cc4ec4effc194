import Datasets
import Evaluation
import Foundation
import NeuralNetwork
import StudyStorage
import TensorCore
import Training
import Tuning

/// Runs a tuning study of an experiment file and keeps it in a study directory.
///
/// Study directory layout:
/// - `study.db`: the SQLite study (trials, parameters, states, objective values);
/// - `experiment.json`: the study experiment as first run, search section included;
/// - `trials/N/`: the run directory of trial N (`history.csv`, `history.json`, `summary.json`,
///   `experiment.json` with the trial's values filled in, `model.weights`);
/// - `best/`: the best trial's experiment and weights, and its test-split evaluation;
/// - `summary.json`, `trials.csv`, `report.html`.
///
/// Each trial trains with the experiment's early stopping on the validation split, and the
/// search objective scores it on the validation split. Only the best model is evaluated on the
/// test split, once, after the study.
public final class StudyRunner {
    public let studyExperiment: StudyExperiment
    public let directory: URL
    /// Folder given by `--data`, searched first for named data sets.
    public var dataPath: String?
    /// Receives one line per finished trial and other study messages.
    public var log: (String) -> Void = { print($0) }
    /// Shows the progress bar inside each trial when standard error is a terminal.
    public var showsProgress = true

    private var cachedData: (DataConfiguration, UInt64, PreparedData)?

    /// Creates a runner of `studyExperiment` keeping its records in `directory`.
    public init(studyExperiment: StudyExperiment, directory: URL) {
        self.studyExperiment = studyExperiment
        self.directory = directory
    }

    /// Opens (or creates) the study in the directory, refusing one made from another experiment.
    public func openStudy() throws -> Study {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let storage = try SQLiteStudyStorage(studyDirectory: directory)
        let search = studyExperiment.search
        let study = try Study(
            name: studyExperiment.base.name, storage: storage,
            sampler: search.makeSampler(defaultSeed: studyExperiment.base.seed), direction: search.direction,
            fingerprint: studyExperiment.fingerprint, log: log)
        let record = directory.appendingPathComponent("experiment.json")
        if !FileManager.default.fileExists(atPath: record.path) {
            try TrainingRun.writeJSON(studyExperiment.document, to: record)
        }
        return study
    }

    /// Runs trials until the budget (counting trials finished earlier) or the time limit is
    /// reached or the grid is exhausted, then evaluates the best trial and writes the outputs.
    public func run(trials: Int?, timeoutMinutes: Double?) throws -> StudySummary {
        try checkObjective()
        let study = try openStudy()
        let search = studyExperiment.search
        let budget = trials ?? search.trials
        let minutes = timeoutMinutes ?? search.timeoutMinutes
        let stopReason = try study.optimize(
            trials: budget, timeout: minutes.map { .milliseconds(Int($0 * 60_000)) }
        ) { trial in
            try runTrial(trial)
        }
        log("study stopped: \(Self.describe(stopReason))")
        return try finish(study)
    }

    /// Checks that the objective names a class of the data set, before any trial or study file
    /// exists, so that a misspelt class fails the command instead of every trial.
    private func checkObjective() throws {
        let run = TrainingRun(experiment: studyExperiment.base, dataPath: dataPath)
        let classNames = try data(for: run).training.classNames
        let objective = studyExperiment.search.objective.description
        do {
            _ = try MetricName(parsing: objective, classes: try ClassList(names: classNames))
        } catch {
            throw ConfigurationError(
                field: "search.objective", rule: "must name a known metric (\(error))",
                value: "\"\(objective)\"")
        }
    }

    private func runTrial(_ trial: Trial) throws -> Double {
        let parameters = try trial.suggestParameters(from: studyExperiment.search.space)
        let experiment = try studyExperiment.experiment(with: parameters)
        let progress = ConsoleProgress(
            prefix: "trial \(trial.number) ", quiet: !showsProgress, printsEpochLines: false)
        let trialDirectory = directory.appendingPathComponent("trials/\(trial.number)")
        let run = TrainingRun(experiment: experiment, dataPath: dataPath, observer: progress)
        let result = try run.run(writingTo: trialDirectory, data: try data(for: run), evaluatesTest: false)

        try trial.setUserAttribute(.integer(result.history.epochs.count), forKey: "epochs")
        try trial.setUserAttribute(.number(result.summary.seconds), forKey: "seconds")
        try trial.setUserAttribute(.string(result.history.status.rawValue), forKey: "status")
        for record in result.history.epochs {
            try trial.report(record.validationLoss, epoch: record.epoch)
        }
        guard result.history.status != .diverged, let validation = result.validationEvaluation else {
            throw TrialStopped.diverged(result.history.message ?? "the loss became NaN or infinite")
        }
        try trial.setUserAttribute(.number(validation.accuracy), forKey: "validationAccuracy")
        try trial.setUserAttribute(.number(validation.report.macroF1), forKey: "validationMacroF1")
        return try studyExperiment.search.objective.value(in: validation.report, loss: validation.loss)
    }

    /// Returns the prepared data for `run`, reusing the last one when the data section and seed match.
    private func data(for run: TrainingRun) throws -> PreparedData {
        let experiment = run.experiment
        if let (configuration, seed, data) = cachedData, configuration == experiment.data,
            seed == experiment.seed
        {
            return data
        }
        let data = try run.prepareData()
        for line in ConsoleProgress.lines(describing: data) {
            log(line)
        }
        cachedData = (experiment.data, experiment.seed, data)
        return data
    }

    /// Evaluates the best trial on the test split, saves it under `best/`, and writes the
    /// summary, the trials table and the report.
    public func finish(_ study: Study) throws -> StudySummary {
        let trials = try study.trials()
        var best: StudySummary.Best?
        if let record = try study.bestTrial() {
            best = try evaluateBest(record)
        }
        let summary = StudySummary(
            study: studyExperiment.base.name, objective: studyExperiment.search.objective.description,
            direction: studyExperiment.search.direction.rawValue, trials: trials, best: best)
        try TrainingRun.writeJSON(summary, to: directory.appendingPathComponent("summary.json"))
        try StudyReport(directory: directory).write()
        return summary
    }

    private func evaluateBest(_ record: TrialRecord) throws -> StudySummary.Best {
        let trialDirectory = directory.appendingPathComponent("trials/\(record.number)")
        let bestDirectory = directory.appendingPathComponent("best")
        let experiment = try Experiment.load(from: trialDirectory.appendingPathComponent("experiment.json"))
        let run = TrainingRun(experiment: experiment, dataPath: dataPath)
        let data = try data(for: run)
        let model = try experiment.model.makeModel(
            inputShape: data.training.sampleShape, classCount: data.training.classCount, seed: 0)
        try WeightFile.load(trialDirectory.appendingPathComponent("model.weights"), into: model)

        let batchSize = TrainingRun.evaluationBatchSize(
            for: data, trainingBatchSize: experiment.training.batchSize)
        let validation = try ModelEvaluation(model: model, dataset: data.validation, batchSize: batchSize)
        let test = try ModelEvaluation(model: model, dataset: data.test, batchSize: batchSize)
        let objective = studyExperiment.search.objective
        try FileManager.default.createDirectory(at: bestDirectory, withIntermediateDirectories: true)
        try TrainingRun.writeJSON(experiment, to: bestDirectory.appendingPathComponent("experiment.json"))
        try WeightFile.save(model, to: bestDirectory.appendingPathComponent("model.weights"))
        try TrainingRun.writeJSON(test.report, to: bestDirectory.appendingPathComponent("test_report.json"))
        try AtomicFile.write(
            TrainingRun.confusionCSV(test.report.confusionMatrix),
            to: bestDirectory.appendingPathComponent("confusion_matrix.csv"))

        return StudySummary.Best(
            number: record.number, params: record.parameters.mapValues(\.jsonValue),
            validation: .init(
                validation, objective: try? objective.value(in: validation.report, loss: validation.loss),
                objectiveName: objective),
            test: .init(
                test, objective: try? objective.value(in: test.report, loss: test.loss),
                objectiveName: objective),
            epochs: record.userAttributes["epochs"].flatMap {
                if case .integer(let value) = $0 { value } else { nil }
            },
            seconds: record.userAttributes["seconds"].flatMap {
                if case .number(let value) = $0 { value } else { nil }
            })
    }

    static func describe(_ reason: Study.StopReason) -> String {
        switch reason {
        case .trialCountReached: return "the trial budget is reached"
        case .timeoutReached: return "the time limit is reached"
        case .samplerExhausted: return "every grid point has run"
        }
    }
}
