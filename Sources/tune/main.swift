import Foundation
import SwiftTune

let usage = """
    Usage: tune COMMAND [ARGUMENTS]

    Commands:
      train EXPERIMENT.json [--out DIR] [--seed N] [--threads N] [--data PATH] [--quiet]
                      Train one configuration, validate it after every epoch, test it once,
                      and write history.csv, summary.json and the model into the run directory.
      search EXPERIMENT.json [--study DIR] [--trials N] [--timeout MIN] [--threads N] [--data PATH] [--quiet]
                      Run or resume a tuning study over the experiment's search section, kept
                      in DIR (default studies/NAME) with study.db, one run directory per trial,
                      the best model in best/, summary.json, trials.csv and report.html.
      diagnose DIR [--target-error E]
                      Read a run's learning curves and give one verdict (good fit, overfitting,
                      underfitting, learning rate too high, stopped too early, diverged) with
                      the evidence and advice. E is the lowest reachable error (say 0.02).
      report DIR      Rebuild report.html in a run or study directory.
      bench [W1 W2 W3 W4] [--json FILE] [--threads N] [--seconds S]
                      Measure training speed on the four reference workloads.
      help            Show this text.

    --threads N sets the thread count of OpenBLAS, oneDNN and SwiftTune's own pool
    (default: all cores). --data PATH is searched first for named data sets.
    """

/// Runs one subcommand and returns the process exit code.
func runCommand(_ arguments: [String]) -> Int32 {
    guard let command = arguments.first else {
        print(usage)
        return 2
    }
    let rest = Array(arguments.dropFirst())
    do {
        switch command {
        case "train":
            try TrainCommand(arguments: rest).run()
        case "search":
            try SearchCommand(arguments: rest).run()
        case "diagnose":
            try DiagnoseCommand(arguments: rest).run()
        case "report":
            try ReportCommand(arguments: rest).run()
        case "bench":
            try BenchCommand(arguments: rest).run()
        case "help", "--help", "-h":
            print(usage)
        default:
            throw UsageError("Unknown command \"\(command)\".")
        }
        return 0
    } catch let error as UsageError {
        FileHandle.standardError.write(Data("error: \(error.description)\nRun `tune help` for usage.\n".utf8))
        return 2
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return 1
    }
}

exit(runCommand(Array(CommandLine.arguments.dropFirst())))
