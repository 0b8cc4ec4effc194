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
      datasets [--data PATH]
                      List the named data sets and where each was found, or how to get it.
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
        case "datasets":
            try DatasetsCommand(arguments: rest).run()
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

/// Restarts the process with OpenMP's passive wait policy unless the user chose a policy.
///
/// libgomp reads its wait policy once, when it loads, so the variable must be in the
/// environment before the process starts. With the default policy an idle OpenMP thread spins
/// for milliseconds after each parallel region; on two cores shared with any other busy process,
/// that made training 5 to 40 times slower in `tune bench` runs side by side, while passive
/// waiting lost little (see docs/benchmarks.md).
func restartWithPassiveOpenMPWaits() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["OMP_WAIT_POLICY"] == nil, environment["GOMP_SPINCOUNT"] == nil else { return }
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1)
    var arguments = CommandLine.arguments.map { strdup($0) }
    arguments.append(nil)
    execv("/proc/self/exe", &arguments)
    // execv returns only on failure; run on with the default policy.
}

#if os(Linux)
    restartWithPassiveOpenMPWaits()
#endif
exit(runCommand(Array(CommandLine.arguments.dropFirst())))
