import Foundation
import Testing

@Suite("tune train", .serialized)
struct TrainCommandTests {
    /// Returns a small valid experiment on MNIST, with each `replacements` pair applied to its JSON text.
    func experiment(_ replacements: [(String, String)] = []) -> String {
        var text = """
            {"name": "mnist-small", "seed": 1,
             "data": {"dataset": "mnist", "validationFraction": 0.1, "trainingLimit": 6000},
             "model": {"architecture": "mlp", "depth": 1, "units": 128, "dropout": 0.1},
             "training": {"epochs": 3, "batchSize": 64, "optimizer": {"kind": "adam", "learningRate": 0.001}}}
            """
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    /// Runs `tune train` on `json` with an existing run directory holding a sentinel file, and
    /// checks the one-line error, the exit status and that the directory was left as it was.
    func expectRejected(
        _ json: String, containing expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write(json, to: "experiment.json")
        let runDirectory = folder.url.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: runDirectory, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: runDirectory.appendingPathComponent("summary.json"))

        let output = try CommandRunner.run(
            ["train", file.path, "--out", runDirectory.path, "--data", sharedDataFolder.path, "--quiet"])
        #expect(output.status != 0, sourceLocation: sourceLocation)
        let lines = output.standardError.split(separator: "\n")
        #expect(
            lines.count == 1, "expected one error line, got: \(output.standardError)",
            sourceLocation: sourceLocation)
        #expect(output.standardError.hasPrefix("error: "), sourceLocation: sourceLocation)
        #expect(
            output.standardError.contains(expected), "\(output.standardError)", sourceLocation: sourceLocation
        )
        #expect(!output.standardError.contains("Fatal error"), sourceLocation: sourceLocation)
        let kept = try String(
            contentsOf: runDirectory.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(kept == "keep", sourceLocation: sourceLocation)
        let files = try FileManager.default.contentsOfDirectory(atPath: runDirectory.path)
        #expect(files == ["summary.json"], sourceLocation: sourceLocation)
    }

    @Test func missingExperimentFile() throws {
        let output = try CommandRunner.run(["train", "/nonexistent/experiment.json"])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("error: /nonexistent/experiment.json: cannot be read"))
    }

    @Test func unknownLayer() throws {
        try expectRejected(
            experiment([
                (
                    #""architecture": "mlp", "depth": 1, "units": 128, "dropout": 0.1"#,
                    #""architecture": "layers", "layers": [{"type": "lstm"}]"#
                )
            ]),
            containing: "model.layers[0].type must be one of dense, conv2d")
    }

    @Test func unknownOptimizer() throws {
        try expectRejected(
            experiment([(#""kind": "adam""#, #""kind": "adamax""#)]), containing: "training.optimizer.kind")
    }

    @Test func negativeLearningRate() throws {
        try expectRejected(
            experiment([(#""learningRate": 0.001"#, #""learningRate": -0.1"#)]),
            containing: "training.optimizer.learningRate must be a positive finite number, got -0.1.")
    }

    @Test func zeroBatchSize() throws {
        try expectRejected(
            experiment([(#""batchSize": 64"#, #""batchSize": 0"#)]),
            containing: "training.batchSize must be a positive integer, got 0.")
    }

    @Test func dropoutOutOfRange() throws {
        try expectRejected(
            experiment([(#""dropout": 0.1"#, #""dropout": 1.0"#)]),
            containing: "model.dropout must be in [0, 1), got 1.0.")
    }

    @Test func unknownField() throws {
        try expectRejected(
            experiment([(#""epochs": 3"#, #""epochs": 3, "epoch": 4"#)]),
            containing: "training.epoch is not a known field")
    }

    @Test func invalidJSON() throws {
        try expectRejected("{\"name\": ", containing: "experiment.json: JSON is invalid")
    }

    @Test func unknownDataset() throws {
        try expectRejected(
            experiment([(#""dataset": "mnist""#, #""dataset": "imagenet""#)]), containing: "imagenet")
    }

    @Test func badIDXFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = folder.url.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try FileManager.default.copyItem(
                at: sharedDataFolder.appendingPathComponent("mnist/\(name).gz"),
                to: data.appendingPathComponent("\(name).gz"))
        }
        // Wrong magic number: a labels header where images belong.
        var header = Data([0, 0, 8, 1, 0, 0, 0, 1])
        try header.write(to: data.appendingPathComponent("train-images-idx3-ubyte"))
        let json = try folder.write(experiment(), to: "experiment.json")
        var output = try CommandRunner.run([
            "train", json.path, "--data", folder.url.path, "--out",
            folder.url.appendingPathComponent("run").path,
        ])
        #expect(output.status == 1)
        #expect(output.standardError.contains("2051"), "\(output.standardError)")

        // Truncated: the header promises 60,000 images of 28 x 28 but only 100 bytes follow.
        header = Data([0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]) + Data(count: 100)
        try header.write(to: data.appendingPathComponent("train-images-idx3-ubyte"))
        output = try CommandRunner.run([
            "train", json.path, "--data", folder.url.path, "--out",
            folder.url.appendingPathComponent("run").path,
        ])
        #expect(output.status == 1)
        #expect(output.standardError.contains("47040000"), "\(output.standardError)")
        #expect(output.standardError.contains("100"), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("run").path))
    }

    @Test func badCommandLine() throws {
        let output = try CommandRunner.run(["train", "a.json", "--threads", "0"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--threads must be a positive integer, got \"0\"."))
        let unknown = try CommandRunner.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test("Small MLP on real MNIST reaches a known accuracy")
    func trainsOnMNIST() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = try folder.write(experiment(), to: "experiment.json")
        let runDirectory = folder.url.appendingPathComponent("run")
        let output = try CommandRunner.run([
            "train", json.path, "--data", sharedDataFolder.path, "--out", runDirectory.path, "--threads", "2",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("epoch 3/3"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: runDirectory.path))
        #expect(
            files.isSuperset(of: [
                "history.csv", "summary.json", "confusion_matrix.csv", "model.weights", "split.json",
                "experiment.json",
            ]))

        let summary =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: runDirectory.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["status"] as? String == "completed")
        #expect(summary["epochs"] as? Int == 3)
        #expect(summary["seed"] as? Int == 1)
        #expect(summary["seconds"] is Double)
        let test = try #require(summary["test"] as? [String: Any])
        let validation = try #require(summary["validation"] as? [String: Any])
        // 5,400 training images, 3 epochs: a one-layer MLP reaches about 0.94 on the MNIST test set.
        #expect(try #require(test["accuracy"] as? Double) > 0.92)
        #expect(try #require(validation["accuracy"] as? Double) > 0.92)
        let history = try String(
            contentsOf: runDirectory.appendingPathComponent("history.csv"), encoding: .utf8)
        #expect(history.split(separator: "\n").count == 4)
    }
}

@Suite("tune datasets")
struct DatasetsCommandTests {
    @Test func listsWhereEachSetWasFound() throws {
        let output = try CommandRunner.run(["datasets", "--data", sharedDataFolder.path])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("mnist: found in \(sharedDataFolder.path)/mnist (10 classes)"))
        #expect(output.standardOutput.contains("fashion-mnist: found in"))
    }

    @Test func explainsHowToGetMissingSet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try CommandRunner.run(
            ["datasets", "--data", folder.url.path],
            environment: ["HOME": folder.url.path, "SWIFTTUNE_DATA": ""])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("mnist: not found. To get MNIST"), "\(output.standardOutput)")
    }
}
