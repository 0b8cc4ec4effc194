import Evaluation
import Foundation
import Reporting
import TensorCore
import Training

/// Builds `report.html` and the diagnosis of one training run from its run directory.
public struct RunReport {
    /// The run directory (with `history.json`, `summary.json`, `experiment.json`).
    public let directory: URL
    public let history: History
    public let summary: RunSummary
    public let experiment: Experiment

    /// Reads the run records in `directory`; errors name the missing or invalid file.
    public init(directory: URL) throws {
        self.directory = directory
        history = try Self.read(History.self, "history.json", in: directory)
        summary = try Self.read(RunSummary.self, "summary.json", in: directory)
        experiment = try Self.read(Experiment.self, "experiment.json", in: directory)
    }

    private static func read<Value: Decodable>(_ type: Value.Type, _ name: String, in directory: URL) throws
        -> Value
    {
        let url = directory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            let history = directory.appendingPathComponent("history.csv")
            if name == "summary.json", FileManager.default.fileExists(atPath: history.path) {
                throw RunRecordError(
                    description:
                        "\(url.path) is missing: the run stopped before it finished, so there is no report; "
                        + "\(history.path) has the epochs it finished.")
            }
            throw RunRecordError(
                description:
                    "\(url.path) cannot be read; is \(directory.path) a run directory written by tune train?")
        }
        do {
            return try JSONExport.makeDecoder().decode(type, from: data)
        } catch {
            throw RunRecordError(description: "\(url.path) is not a valid \(name): \(error)")
        }
    }

    /// Diagnoses the run's learning curves: the fit verdict with its evidence and advice.
    public func diagnosis(targetError: Double? = nil) throws -> Diagnosis {
        try history.learningCurves(targetError: targetError).diagnose()
    }

    /// Writes `report.html` into the run directory and returns its location.
    @discardableResult
    public func writeHTML() throws -> URL {
        let input = RunSummaryInput(
            runName: experiment.name, history: history.runHistory(name: experiment.name),
            parameters: Self.settings(of: experiment), evaluation: summary.testReport,
            evaluationSplit: "test",
            diagnosis: try? diagnosis(), facts: Self.memoryFacts(of: summary),
            dataFacts: Self.dataFacts(of: summary), dataWarnings: summary.warnings ?? [])
        let url = directory.appendingPathComponent("report.html")
        try HTMLReport(run: input).write(to: url)
        return url
    }

    /// Returns the split sizes, the standardization, what the loader did with each image folder
    /// and the streaming cache's use, as name-value pairs for the report's data section.
    static func dataFacts(of summary: RunSummary) -> [ParameterSetting] {
        var facts = [
            ParameterSetting(
                name: "split",
                value:
                    "\(summary.split.training.groupedDigits) training, \(summary.split.validation.groupedDigits) "
                    + "validation, \(summary.split.test.groupedDigits) test samples"),
            ParameterSetting(name: "standardization", value: summary.standardization.mode.rawValue),
        ]
        for report in summary.imageFolders ?? [] {
            facts.append(
                ParameterSetting(name: "image folder \(report.folder)", value: report.countsDescription))
            if !report.emptyClasses.isEmpty {
                facts.append(
                    ParameterSetting(
                        name: "classes without images", value: report.emptyClasses.joined(separator: ", ")))
            }
            for file in report.skippedUnreadableFiles.prefix(5) {
                facts.append(ParameterSetting(name: "skipped \(file.path)", value: file.reason))
            }
            if report.skippedUnreadableCount > 5 {
                facts.append(
                    ParameterSetting(
                        name: "skipped files not listed here",
                        value: "\(report.skippedUnreadableCount - 5), all listed in summary.json"))
            }
        }
        if let memory = summary.memory, let limit = memory.streamingLimitMB, let cache = memory.cache {
            let reads = cache.hits + cache.misses
            let share = reads == 0 ? 0 : 100 * Double(cache.hits) / Double(reads)
            facts.append(
                ParameterSetting(
                    name: "data streamed from files",
                    value: "cache of up to \(cache.capacity.groupedDigits) samples, "
                        + String(
                            format: "%.1f MiB held (limit %d MiB); ", Double(cache.cachedBytes) / 1_048_576,
                            limit)
                        + "\(cache.hits.groupedDigits) of \(reads.groupedDigits) reads "
                        + String(format: "(%.1f %%) came from the cache", share)))
        }
        return facts
    }

    /// Returns the run's peak resident memory as a name-value pair for the report's summary.
    static func memoryFacts(of summary: RunSummary) -> [ParameterSetting] {
        guard let memory = summary.memory else { return [] }
        var facts: [ParameterSetting] = []
        if let peak = memory.peakResidentMB {
            let start = memory.residentAtStartMB.map { String(format: ", %.1f MiB at the start", $0) } ?? ""
            facts.append(
                ParameterSetting(
                    name: "peak resident memory", value: String(format: "%.1f MiB", peak) + start))
        }
        return facts
    }

    /// The experiment's main settings as name-value pairs for the report.
    static func settings(of experiment: Experiment) -> [ParameterSetting] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var settings: [ParameterSetting] = []
        func add(_ name: String, _ value: some Encodable) {
            if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) {
                settings.append(ParameterSetting(name: name, value: text))
            }
        }
        add("data", experiment.data)
        add("model", experiment.model)
        add("training", experiment.training)
        add("seed", experiment.seed)
        return settings
    }
}

/// A run or study directory whose records are missing or unreadable.
public struct RunRecordError: Error, CustomStringConvertible {
    public let description: String
}
