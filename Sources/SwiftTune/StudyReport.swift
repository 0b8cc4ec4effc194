import Evaluation
import Foundation
import Reporting
import StudyStorage
import TensorCore
import Training
import Tuning

/// Builds `report.html` and `trials.csv` of a study from what its study directory holds.
public struct StudyReport {
    public let directory: URL

    /// Creates a report builder for the study in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Returns whether `directory` contains a study (a `study.db` file).
    public static func isStudyDirectory(_ directory: URL) -> Bool {
        FileManager.default.fileExists(
            atPath: directory.appendingPathComponent(SQLiteStudyStorage.defaultFileName).path)
    }

    /// Reads the study and writes `report.html` and `trials.csv`; returns the report's location.
    @discardableResult
    public func write() throws -> URL {
        let experimentURL = directory.appendingPathComponent("experiment.json")
        let studyExperiment = try StudyExperiment.load(from: experimentURL)
        let storage = try SQLiteStudyStorage(studyDirectory: directory)
        let record = try storage.openStudy(
            named: studyExperiment.base.name, direction: studyExperiment.search.direction,
            fingerprint: studyExperiment.fingerprint)
        let trials = try storage.trials(in: record.id)
        let best = Study.bestTrial(in: trials, direction: record.direction)

        var histories: [Int: RunHistory] = [:]
        for trial in trials {
            if let history = try? Self.readJSON(
                History.self, at: trialDirectory(trial.number).appendingPathComponent("history.json"))
            {
                histories[trial.number] = history.runHistory(name: "trial \(trial.number)")
            }
        }
        var testReport: ClassificationReport?
        var diagnosis: Diagnosis?
        if let best {
            testReport = try? Self.readJSON(
                ClassificationReport.self, at: directory.appendingPathComponent("best/test_report.json"))
            if let history = try? Self.readJSON(
                History.self, at: trialDirectory(best.number).appendingPathComponent("history.json"))
            {
                diagnosis = try? history.learningCurves().diagnose()
            }
        }

        let input = StudySummaryInput(
            studyName: studyExperiment.base.name,
            objectiveName: "validation \(studyExperiment.search.objective)",
            direction: record.direction == .maximize ? .maximize : .minimize, trials: trials.map(Self.row),
            bestTrialNumber: best?.number, trialHistories: histories, testReport: testReport,
            diagnosis: diagnosis)
        try input.trialsCSVTable.write(to: directory.appendingPathComponent("trials.csv"))
        let url = directory.appendingPathComponent("report.html")
        try HTMLReport(study: input).write(to: url)
        return url
    }

    private func trialDirectory(_ number: Int) -> URL {
        directory.appendingPathComponent("trials/\(number)")
    }

    static func row(_ trial: TrialRecord) -> TrialRow {
        let state: TrialRow.State
        switch trial.state {
        case .waiting: state = .waiting
        case .running: state = .running
        case .complete: state = .complete
        case .failed: state = .failed
        case .diverged: state = .diverged
        case .pruned: state = .pruned
        }
        var seconds: Double?
        if case .number(let value) = trial.userAttributes["seconds"] { seconds = value }
        var epochs: Int?
        if case .integer(let value) = trial.userAttributes["epochs"] { epochs = value }
        return TrialRow(
            number: trial.number, state: state, parameters: trial.parameters.mapValues(\.description),
            objective: trial.value, epochs: epochs, seconds: seconds, message: trial.errorMessage)
    }

    static func readJSON<Value: Decodable>(_ type: Value.Type, at url: URL) throws -> Value {
        try JSONExport.makeDecoder().decode(type, from: Data(contentsOf: url))
    }
}
