import Foundation
import SwiftTune

/// `tune bench [W1 W2 W3 W4] [--json FILE] [--threads N] [--seconds S]`.
struct BenchCommand {
    let workloads: [BenchmarkWorkload]
    let jsonPath: String?
    let threads: Int?
    let seconds: Double

    init(arguments: [String]) throws {
        let parsed = try Arguments(arguments, valued: ["json", "threads", "seconds"])
        workloads =
            try parsed.positionals.isEmpty
            ? BenchmarkWorkload.allCases
            : parsed.positionals.map { name in
                guard let workload = BenchmarkWorkload(rawValue: name.uppercased()) else {
                    throw UsageError("Unknown workload \"\(name)\"; choose from W1, W2, W3, W4.")
                }
                return workload
            }
        jsonPath = parsed.options["json"]
        threads = try parsed.positiveInteger("threads")
        if let text = parsed.options["seconds"] {
            guard let value = Double(text), value > 0 else {
                throw UsageError("--seconds must be a positive number, got \"\(text)\".")
            }
            seconds = value
        } else {
            seconds = 5
        }
    }

    func run() throws {
        ComputeThreads.configure(threadCount: threads)
        print(
            "threads \(ComputeThreads.threadCount), peak \(Benchmark.peakGigaflops) GFLOP/s (measured fp32 FMA peak of the reference machine)"
        )
        var results: [String: BenchmarkResult] = [:]
        for workload in workloads {
            let result = try Benchmark(workload: workload, seconds: seconds).run()
            results[workload.rawValue] = result
            print(
                String(
                    format: "%@  %@  %10.0f samples/s  %7.1f GFLOP/s  %5.1f %% of peak  (%d steps)",
                    workload.rawValue, workload.summary.padding(toLength: 44, withPad: " ", startingAt: 0),
                    result.samplesPerSecond, result.gflops, 100 * result.gflops / Benchmark.peakGigaflops,
                    result.steps))
        }
        if let jsonPath {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(results), to: URL(fileURLWithPath: jsonPath))
            print("wrote \(jsonPath)")
        }
    }
}
