import Evaluation
import Foundation

@testable import Reporting

/// Sample inputs shared by the report tests, with user strings that need escaping.
enum ReportFixtures {
    static let hostileName = "<script>alert(1)</script>"
    static let quotedName = "say \"hi\" & 'bye'"

    /// Three classes, one with a name that must be escaped.
    static func classificationReport() throws -> ClassificationReport {
        let classes = try ClassList(names: ["cat", hostileName, quotedName])
        let matrix = try ConfusionMatrix(counts: [[50, 3, 2], [4, 40, 6], [1, 9, 35]], classes: classes)
        return try ClassificationReport(confusionMatrix: matrix)
    }

    /// Twelve epochs with a step of the learning rate at epoch 7, best epoch 9 and early stop at 12.
    static func runHistory(name: String = "baseline") -> RunHistory {
        let trainingLoss = [1.2, 0.9, 0.7, 0.58, 0.5, 0.45, 0.36, 0.33, 0.31, 0.3, 0.29, 0.28]
        let validationLoss = [1.25, 0.95, 0.78, 0.66, 0.6, 0.58, 0.5, 0.48, 0.47, 0.475, 0.48, 0.49]
        let epochs = trainingLoss.indices.map { index in
            EpochMetrics(
                epoch: index + 1, trainingLoss: trainingLoss[index], validationLoss: validationLoss[index],
                trainingAccuracy: 1 - trainingLoss[index] / 2,
                validationAccuracy: 1 - validationLoss[index] / 2,
                learningRate: index < 6 ? 0.01 : 0.001, seconds: 4.5)
        }
        return RunHistory(name: name, epochs: epochs, bestEpoch: 9, stoppedEpoch: 12)
    }

    static func diagnosis() throws -> Diagnosis {
        let history = runHistory()
        let curves = LearningCurves(
            trainingLoss: history.epochs.map(\.trainingLoss),
            validationLoss: history.epochs.map { $0.validationLoss! },
            trainingAccuracy: history.epochs.map { $0.trainingAccuracy! },
            validationAccuracy: history.epochs.map { $0.validationAccuracy! },
            learningRate: history.epochs.map { $0.learningRate! })
        return try curves.diagnose()
    }

    static func runInput() throws -> RunSummaryInput {
        RunSummaryInput(
            runName: "run \(hostileName)", history: runHistory(),
            parameters: ParameterSetting.sortedByName([
                "learningRate": "0.01", quotedName: hostileName, "batchSize": "64",
            ]),
            evaluation: try classificationReport(), diagnosis: try diagnosis())
    }

    /// Eight trials in every state, minimizing validation loss; trial 5 is best.
    static func studyInput() throws -> StudySummaryInput {
        func parameters(_ rate: String, _ width: String) -> [String: String] {
            ["learningRate": rate, "hiddenUnits": width]
        }
        let trials = [
            TrialRow(
                number: 0, state: .complete, parameters: parameters("0.1", "64"), objective: 0.62, epochs: 20,
                seconds: 80),
            TrialRow(
                number: 1, state: .complete, parameters: parameters("0.01", "128"), objective: 0.48,
                epochs: 20, seconds: 95),
            TrialRow(
                number: 2, state: .failed, parameters: parameters("0.5", "32"), epochs: 3, seconds: 12,
                message: "loss became NaN \(hostileName)"),
            TrialRow(
                number: 3, state: .pruned, parameters: parameters("0.3", "32"), objective: 0.9, epochs: 4,
                seconds: 15),
            TrialRow(
                number: 4, state: .complete, parameters: parameters("0.003", "256"), objective: 0.51,
                epochs: 20, seconds: 120),
            TrialRow(
                number: 5, state: .complete, parameters: parameters("0.005", "256"), objective: 0.44,
                epochs: 18, seconds: 110),
            TrialRow(number: 6, state: .running, parameters: parameters("0.004", "512")),
            TrialRow(number: 7, state: .waiting, parameters: [:]),
        ]
        return StudySummaryInput(
            studyName: "study \(hostileName)", objectiveName: "validation loss", direction: .minimize,
            trials: trials,
            trialHistories: [
                5: runHistory(name: "trial 5"), 1: runHistory(name: "trial 1"),
                0: runHistory(name: "trial 0"),
            ],
            testReport: try classificationReport(), diagnosis: try diagnosis())
    }

    /// Creates an empty folder under the system's temporary folder and returns its URL.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reporting-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
