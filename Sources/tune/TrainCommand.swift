import Foundation
import SwiftTune

/// `tune train EXPERIMENT.json [--out DIR] [--seed N] [--threads N] [--data PATH] [--quiet]`.
struct TrainCommand {
    let experimentPath: String
    let outputPath: String?
    let seed: UInt64?
    let threads: Int?
    let dataPath: String?
    let isQuiet: Bool

    init(arguments: [String]) throws {
        let parsed = try Arguments(
            arguments, valued: ["out", "seed", "threads", "data"], switches: ["quiet"])
        guard parsed.positionals.count == 1 else {
            throw UsageError(
                "tune train takes one experiment file, got \(parsed.positionals.count) arguments.")
        }
        experimentPath = parsed.positionals[0]
        outputPath = parsed.options["out"]
        if let text = parsed.options["seed"] {
            guard let value = UInt64(text) else {
                throw UsageError("--seed must be a non-negative integer, got \"\(text)\".")
            }
            seed = value
        } else {
            seed = nil
        }
        threads = try parsed.positiveInteger("threads")
        dataPath = parsed.options["data"]
        isQuiet = parsed.flags.contains("quiet")
    }

    func run() throws {
        ComputeThreads.configure(threadCount: threads)
        var experiment = try Experiment.load(from: URL(fileURLWithPath: experimentPath))
        if let seed { experiment.seed = seed }
        let directory = URL(fileURLWithPath: outputPath ?? defaultDirectory(for: experiment))
        let progress = ConsoleProgress(quiet: isQuiet)
        print(
            "training \(experiment.name) with seed \(experiment.seed) on \(ComputeThreads.threadCountPhrase); run directory \(directory.path)"
        )
        fflush(nil)
        let result = try TrainingRun(experiment: experiment, dataPath: dataPath, observer: progress).run(
            writingTo: directory)

        let summary = result.summary
        if let message = summary.message { print("warning: \(message)") }
        var line = "status \(summary.status.rawValue)  epochs \(summary.epochs)"
        if let validation = summary.validation {
            line += String(format: "  validation accuracy %.4f", validation.accuracy)
        }
        if let test = summary.test {
            line += String(format: "  test accuracy %.4f  test macro F1 %.4f", test.accuracy, test.macroF1)
        }
        line += String(format: "  %.1f s", summary.seconds)
        print(line)
        if let binary = summary.binary {
            var figures = String(
                format: "%@: validation ROC AUC %.4f, average precision %.4f", binary.positiveClass,
                binary.validation.rocAUC, binary.validation.averagePrecision)
            if let test = binary.test {
                figures += String(
                    format: "; test ROC AUC %.4f, average precision %.4f", test.rocAUC, test.averagePrecision)
            }
            print(figures)
            if let threshold = binary.threshold {
                var text = String(
                    format: "threshold %.4f for recall >= %g on validation: recall %.4f, precision %.4f",
                    threshold.threshold, threshold.targetRecall, threshold.validationRecall,
                    threshold.validationPrecision)
                if let recall = threshold.testRecall, let precision = threshold.testPrecision {
                    text += String(format: "; on test: recall %.4f, precision %.4f", recall, precision)
                }
                print(text)
            }
        }
        let report = try RunReport(directory: directory)
        if let diagnosis = try? report.diagnosis() {
            print(
                "diagnosis: \(diagnosis.verdict.description) (run `tune diagnose \(directory.path)` for evidence and advice)"
            )
        }
        let reportURL = try report.writeHTML()
        print("wrote \(directory.path)/summary.json and \(reportURL.path)")
    }

    private func defaultDirectory(for experiment: Experiment) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "runs/\(experiment.name)-\(formatter.string(from: Date()))"
    }
}
