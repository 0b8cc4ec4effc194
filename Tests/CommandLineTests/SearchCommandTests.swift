import Foundation
import Testing

@Suite("tune search", .serialized)
struct SearchCommandTests {
    /// A small study on 1,000 MNIST images: an MLP of a few units trains in about a second.
    func experiment(
        space: String, sampler: String = #""sampler": "random", "trials": 3"#, epochs: Int = 2,
        limit: Int = 1000
    ) -> String {
        """
        {"name": "mnist-study", "seed": 3,
         "data": {"dataset": "mnist", "validationFraction": 0.2, "trainingLimit": \(limit)},
         "model": {"architecture": "mlp", "depth": 1, "units": 16},
         "training": {"epochs": \(epochs), "batchSize": 64, "optimizer": {"kind": "adam", "learningRate": 0.003}},
         "search": {\(sampler), "space": {\(space)}}}
        """
    }

    let gridSpace =
        #""training.batchSize": {"type": "categorical", "choices": [32, 64]}, "model.units": {"type": "int", "low": 8, "high": 16, "step": 8}"#

    func search(_ file: URL, study: URL, _ extra: [String] = []) throws -> CommandRunner.Output {
        try CommandRunner.run(
            ["search", file.path, "--study", study.path, "--data", sharedDataFolder.path, "--quiet"] + extra)
    }

    func summary(_ study: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: study.appendingPathComponent("summary.json")))
            as! [String: Any]
    }

    @Test func gridResumedRunsEachPointOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write(
            experiment(space: gridSpace, sampler: #""sampler": "grid""#), to: "grid.json")
        let study = folder.url.appendingPathComponent("study")

        let first = try search(file, study: study, ["--trials", "1"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(
            first.standardOutput.components(separatedBy: "\ntrial ").count == 2, "\(first.standardOutput)")

        let second = try search(file, study: study)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("every grid point has run"))

        let trials = try String(contentsOf: study.appendingPathComponent("trials.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(trials.count == 4)
        // Columns: number, state, objective, epochs, seconds, param_model.units, param_training.batchSize, message.
        let points = Set(
            trials.map { row -> String in
                let cells = row.split(separator: ",", omittingEmptySubsequences: false)
                return "\(cells[5])/\(cells[6])"
            })
        #expect(points == ["8/32", "8/64", "16/32", "16/64"])
        let counts = try #require(try summary(study)["trials"] as? [String: Int])
        #expect(counts["complete"] == 4)
        #expect(counts["total"] == 4)
    }

    @Test func killedStudyResumesWithoutLosingTrials() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space =
            #""training.optimizer.learningRate": {"type": "float", "low": 0.001, "high": 0.01, "log": true}"#
        let file = try folder.write(
            experiment(space: space, sampler: #""sampler": "random", "trials": 4"#, epochs: 6, limit: 4000),
            to: "study.json")
        let study = folder.url.appendingPathComponent("study")

        // Start the study and kill it with SIGKILL while trial 1 is training.
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = [
            "search", file.path, "--study", study.path, "--data", sharedDataFolder.path, "--quiet",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let marker = study.appendingPathComponent("trials/1/experiment.json")
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(FileManager.default.fileExists(atPath: marker.path), "trial 1 never started")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: study.appendingPathComponent("summary.json").path))

        let resumed = try search(file, study: study)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("trial 1 requeued"), "\(resumed.standardOutput)")
        let counts = try #require(try summary(study)["trials"] as? [String: Int])
        #expect(counts["complete"] == 4)
        #expect(counts["total"] == 4)
        #expect(counts["running"] == 0)
        let numbers = try String(contentsOf: study.appendingPathComponent("trials.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(numbers.sorted() == ["0", "1", "2", "3"])
    }

    @Test func summaryHasBestTrialFields() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space = #""model.dropout": {"type": "float", "low": 0.0, "high": 0.3}"#
        let file = try folder.write(
            experiment(space: space, sampler: #""sampler": "random", "trials": 2"#), to: "s.json")
        let study = folder.url.appendingPathComponent("study")
        let output = try search(file, study: study)
        #expect(output.status == 0, "\(output.standardError)")
        let best = try #require(try summary(study)["best"] as? [String: Any])
        #expect((best["params"] as? [String: Any])?["model.dropout"] is Double)
        let test = try #require(best["test"] as? [String: Any])
        #expect(test["accuracy"] is Double)
        #expect(test["macroF1"] is Double)
        #expect((best["validation"] as? [String: Any])?["accuracy"] is Double)
        for name in ["report.html", "trials.csv", "best/experiment.json", "best/model.weights", "study.db"] {
            #expect(
                FileManager.default.fileExists(atPath: study.appendingPathComponent(name).path), "\(name)")
        }
        let html = try String(contentsOf: study.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("mnist-study"))

        // The best experiment reproduces with tune train.
        let run = folder.url.appendingPathComponent("rerun")
        let retrain = try CommandRunner.run([
            "train", study.appendingPathComponent("best/experiment.json").path, "--data",
            sharedDataFolder.path, "--out", run.path, "--quiet",
        ])
        #expect(retrain.status == 0, "\(retrain.standardError)")

        // tune report rebuilds the study report.
        try FileManager.default.removeItem(at: study.appendingPathComponent("report.html"))
        let report = try CommandRunner.run(["report", study.path])
        #expect(report.status == 0, "\(report.standardError)")
        #expect(FileManager.default.fileExists(atPath: study.appendingPathComponent("report.html").path))
    }

    /// Runs a bad study file against an existing study and checks the error and that the study is untouched.
    func expectRejected(
        _ json: String, containing expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let study = folder.url.appendingPathComponent("study")
        try FileManager.default.createDirectory(at: study, withIntermediateDirectories: true)
        let database = study.appendingPathComponent("study.db")
        let good = try folder.write(
            experiment(space: gridSpace, sampler: #""sampler": "grid""#), to: "good.json")
        let setup = try search(good, study: study, ["--trials", "1"])
        try #require(setup.status == 0, "\(setup.standardError)")
        let before = try Data(contentsOf: database)

        let file = try folder.write(json, to: "bad.json")
        let output = try search(file, study: study)
        #expect(output.status == 1, sourceLocation: sourceLocation)
        #expect(output.standardError.hasPrefix("error: "), sourceLocation: sourceLocation)
        #expect(
            output.standardError.contains(expected), "\(output.standardError)", sourceLocation: sourceLocation
        )
        #expect(try Data(contentsOf: database) == before, sourceLocation: sourceLocation)
    }

    @Test func pathThatNamesNoField() throws {
        try expectRejected(
            experiment(space: #""model.dropuot": {"type": "float", "low": 0.0, "high": 0.3}"#),
            containing: "model.dropuot is not a known field")
    }

    @Test func emptyCategoricalList() throws {
        try expectRejected(
            experiment(space: #""model.units": {"type": "categorical", "choices": []}"#),
            containing: "model.units")
    }

    @Test func lowAboveHigh() throws {
        try expectRejected(
            experiment(space: #""model.dropout": {"type": "float", "low": 0.3, "high": 0.1}"#),
            containing: "0.3")
    }

    @Test func logScaleWithNonPositiveLow() throws {
        try expectRejected(
            experiment(
                space:
                    #""training.optimizer.learningRate": {"type": "float", "low": 0.0, "high": 0.1, "log": true}"#
            ),
            containing: "log")
    }

    @Test func anotherExperimentIsRefused() throws {
        try expectRejected(
            experiment(space: gridSpace, sampler: #""sampler": "grid""#).replacingOccurrences(
                of: "\"depth\": 1", with: "\"depth\": 2"),
            containing: "was created for a different experiment")
    }

    @Test func studyFileThatIsNotSQLite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let study = folder.url.appendingPathComponent("study")
        try FileManager.default.createDirectory(at: study, withIntermediateDirectories: true)
        let database = study.appendingPathComponent("study.db")
        try Data("not a database\n".utf8).write(to: database)
        let file = try folder.write(
            experiment(space: gridSpace, sampler: #""sampler": "grid""#), to: "s.json")
        let output = try search(file, study: study)
        #expect(output.status == 1)
        #expect(output.standardError.contains("study.db"), "\(output.standardError)")
        #expect(try String(contentsOf: database, encoding: .utf8) == "not a database\n")
    }
}
