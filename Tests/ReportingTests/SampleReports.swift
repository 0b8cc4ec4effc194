import Evaluation
import Foundation

@testable import Reporting

/// Larger, realistic inputs for the browser check: ten classes, 30 epochs, 24 trials.
enum SampleReports {
    static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
        "Ankle boot <b>&amp;</b> \"x\"",
    ]

    /// A generator of reproducible numbers in [0, 1): a 64-bit linear congruential generator
    /// with Knuth's MMIX constants.
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func report() throws -> ClassificationReport {
        var numbers = Numbers(state: 7)
        let counts = (0..<10).map { row in
            (0..<10).map { column in
                row == column
                    ? 80 + Int(numbers.next() * 20) : (numbers.next() < 0.3 ? Int(numbers.next() * 12) : 0)
            }
        }
        return try ClassificationReport(
            confusionMatrix: ConfusionMatrix(counts: counts, classes: ClassList(names: classNames)))
    }

    /// Returns a run of `epochCount` epochs whose validation loss bottoms out two thirds of
    /// the way, with a learning-rate step at half time.
    static func history(name: String, epochCount: Int = 30, scale: Double = 1) -> RunHistory {
        let epochs = (1...epochCount).map { epoch in
            let progress = Double(epoch) / Double(epochCount)
            let training = scale * (0.25 + 1.6 * exp(-4 * progress))
            let validation =
                scale * (0.38 + 1.5 * exp(-4.5 * progress) + 0.35 * max(0, progress - 0.66) * progress)
            return EpochMetrics(
                epoch: epoch, trainingLoss: training, validationLoss: validation,
                trainingAccuracy: min(0.99, 1 - training / 2.2),
                validationAccuracy: min(0.97, 1 - validation / 2.1),
                learningRate: epoch <= epochCount / 2 ? 0.01 : 0.001, seconds: 3.2)
        }
        let best = epochs.min { $0.validationLoss! < $1.validationLoss! }!.epoch
        return RunHistory(name: name, epochs: epochs, bestEpoch: best, stoppedEpoch: epochCount)
    }

    static func diagnosis(of history: RunHistory) throws -> Diagnosis {
        try LearningCurves(
            trainingLoss: history.epochs.map(\.trainingLoss),
            validationLoss: history.epochs.map { $0.validationLoss! },
            trainingAccuracy: history.epochs.map { $0.trainingAccuracy! },
            validationAccuracy: history.epochs.map { $0.validationAccuracy! },
            learningRate: history.epochs.map { $0.learningRate! }
        ).diagnose()
    }

    static func run() throws -> RunSummaryInput {
        let history = history(name: "fashion-mnist MLP")
        return RunSummaryInput(
            runName: "fashion-mnist MLP <script>alert(1)</script>", history: history,
            parameters: ParameterSetting.sortedByName([
                "learningRate": "0.01", "batchSize": "128", "hiddenUnits": "256", "dropout": "0.2",
                "optimizer": "sgd, momentum \"0.9\"",
            ]),
            evaluation: try report(), diagnosis: try diagnosis(of: history))
    }

    static func study() throws -> StudySummaryInput {
        var numbers = Numbers(state: 11)
        var trials: [TrialRow] = []
        var histories: [Int: RunHistory] = [:]
        for number in 0..<24 {
            let rate = [0.1, 0.03, 0.01, 0.003, 0.001][Int(numbers.next() * 5)]
            let units = [64, 128, 256, 512][Int(numbers.next() * 4)]
            let objective = 0.3 + abs(log10(rate) + 2.3) * 0.12 + numbers.next() * 0.08 - Double(units) / 8000
            let parameters = ["learningRate": String(rate), "hiddenUnits": String(units), "dropout": "0.2"]
            let state: TrialRow.State
            switch number {
            case 6, 15: state = .pruned
            case 9: state = .failed
            case 22: state = .running
            case 23: state = .waiting
            default: state = .complete
            }
            trials.append(
                TrialRow(
                    number: number, state: state, parameters: parameters,
                    objective: state == .complete || state == .pruned ? objective : nil,
                    epochs: state == .complete ? 30 : (state == .pruned ? 5 : nil),
                    seconds: state == .complete ? 96 + numbers.next() * 30 : nil,
                    message: state == .failed ? "loss became NaN at epoch 3 <script>alert(1)</script>" : nil))
            if state == .complete {
                histories[number] = history(name: "trial \(number)", scale: objective / 0.45)
            }
        }
        let input = StudySummaryInput(
            studyName: "fashion-mnist search \"A & B\"", objectiveName: "validation loss",
            direction: .minimize,
            trials: trials, trialHistories: histories, testReport: try report())
        var withDiagnosis = input
        if let best = input.bestTrial, let history = histories[best.number] {
            withDiagnosis.diagnosis = try diagnosis(of: history)
        }
        return withDiagnosis
    }
}
