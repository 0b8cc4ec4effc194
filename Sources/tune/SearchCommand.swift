import Foundation
import SwiftTune

/// `tune search EXPERIMENT.json [--study DIR] [--trials N] [--timeout MIN] [--threads N] [--data PATH] [--quiet]`.
struct SearchCommand {
    let experimentPath: String
    let studyPath: String?
    let trials: Int?
    let timeoutMinutes: Double?
    let threads: Int?
    let dataPath: String?
    let isQuiet: Bool

    init(arguments: [String]) throws {
        let parsed = try Arguments(
            arguments, valued: ["study", "trials", "timeout", "threads", "data"], switches: ["quiet"])
        guard parsed.positionals.count == 1 else {
            throw UsageError(
                "tune search takes one experiment file, got \(parsed.positionals.count) arguments.")
        }
        experimentPath = parsed.positionals[0]
        studyPath = parsed.options["study"]
        trials = try parsed.positiveInteger("trials")
        if let text = parsed.options["timeout"] {
            guard let value = Double(text), value > 0, value.isFinite else {
                throw UsageError("--timeout must be a positive number of minutes, got \"\(text)\".")
            }
            timeoutMinutes = value
        } else {
            timeoutMinutes = nil
        }
        threads = try parsed.positiveInteger("threads")
        dataPath = parsed.options["data"]
        isQuiet = parsed.flags.contains("quiet")
    }

    func run() throws {
        ComputeThreads.configure(threadCount: threads)
        let studyExperiment = try StudyExperiment.load(from: URL(fileURLWithPath: experimentPath))
        let directory = URL(fileURLWithPath: studyPath ?? "studies/\(studyExperiment.base.name)")
        let search = studyExperiment.search
        let budget = trials ?? search.trials
        var plan =
            "study \(studyExperiment.base.name): \(search.sampler.rawValue) search over \(search.space.parameters.count == 1 ? "1 parameter" : "\(search.space.parameters.count) parameters")"
        if let budget { plan += budget == 1 ? ", 1 trial" : ", \(budget) trials" }
        if let minutes = timeoutMinutes ?? search.timeoutMinutes {
            plan += String(format: ", at most %g minutes", minutes)
        }
        plan += ", objective \(search.direction.rawValue) validation \(search.objective)"
        print(plan)
        print("study directory \(directory.path) on \(ComputeThreads.threadCountPhrase)")
        fflush(nil)

        let runner = StudyRunner(studyExperiment: studyExperiment, directory: directory)
        runner.dataPath = dataPath
        runner.showsProgress = !isQuiet
        runner.log = { line in
            print(line)
            fflush(nil)
        }
        let summary = try runner.run(trials: trials, timeoutMinutes: timeoutMinutes)

        let counts = summary.trials.filter { $0.key != "total" && $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("trials: \(summary.trials["total"] ?? 0) (\(counts))")
        if let best = summary.best {
            let parameters = best.params.sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value.canonicalText())"
            }
            .joined(separator: " ")
            print("best trial \(best.number): \(parameters)")
            print(
                String(
                    format: "best trial validation %@ %.4f; test accuracy %.4f, test macro F1 %.4f",
                    search.objective.description, best.validation.objective ?? .nan, best.test.accuracy,
                    best.test.macroF1))
            if let figures = best.test.objectiveClass {
                print(
                    String(
                        format: "best trial on test, class %@: recall %.4f, precision %.4f, F1 %.4f",
                        figures.name,
                        figures.recall, figures.precision, figures.f1))
            }
            print("best model: \(directory.path)/best/experiment.json and model.weights")
        } else {
            print("no trial completed; see \(directory.path)/trials.csv for the errors")
        }
        print("report: \(directory.path)/report.html")
    }
}
