import Foundation
import Testing

@Suite("tune diagnose on real runs", .serialized)
struct DiagnoseCommandTests {
    /// Trains an MLP on a Fashion-MNIST subset and returns the output of `tune diagnose`.
    func diagnose(
        units: Int, depth: Int, epochs: Int, batchSize: Int, optimizer: String, learningRate: Double,
        trainingLimit: Int = 2000, arguments: [String] = []
    ) throws -> String {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Half of the limited set goes to validation, so its loss is not dominated by noise.
        let json = """
            {"name": "diagnosis", "seed": 1,
             "data": {"dataset": "fashion-mnist", "trainingLimit": \(trainingLimit), "validationFraction": 0.5},
             "model": {"architecture": "mlp", "depth": \(depth), "units": \(units)},
             "training": {"epochs": \(epochs), "batchSize": \(batchSize),
                          "optimizer": {"kind": "\(optimizer)", "learningRate": \(learningRate)}}}
            """
        let file = try folder.write(json, to: "experiment.json")
        let run = folder.url.appendingPathComponent("run")
        let train = try CommandRunner.run([
            "train", file.path, "--data", sharedDataFolder.path, "--out", run.path, "--quiet",
        ])
        try #require(train.status == 0, "\(train.standardError)")
        let output = try CommandRunner.run(["diagnose", run.path] + arguments)
        try #require(output.status == 0, "\(output.standardError)")
        return output.standardOutput
    }

    @Test func wideMLPOnThousandSamplesOverfits() throws {
        let text = try diagnose(
            units: 512, depth: 2, epochs: 40, batchSize: 64, optimizer: "adam", learningRate: 0.0003)
        #expect(text.hasPrefix("Verdict: overfitting"), "\(text)")
        #expect(text.contains("training error 0.0 %"), "\(text)")
        #expect(text.contains("dropout") || text.contains("L2"), "\(text)")
    }

    @Test func oneHiddenUnitUnderfits() throws {
        let text = try diagnose(
            units: 1, depth: 1, epochs: 30, batchSize: 32, optimizer: "adam", learningRate: 0.01)
        #expect(text.hasPrefix("Verdict: underfitting"), "\(text)")
        #expect(
            text.contains("larger model") || text.contains("more units") || text.contains("bigger"), "\(text)"
        )
    }

    @Test func sgdWithLearningRateOneIsUnstable() throws {
        let text = try diagnose(
            units: 128, depth: 2, epochs: 10, batchSize: 32, optimizer: "sgd", learningRate: 1.0)
        #expect(
            text.hasPrefix("Verdict: diverged") || text.hasPrefix("Verdict: learning rate too high"),
            "\(text)")
        #expect(text.contains("learning rate"), "\(text)")
    }

    @Test func targetErrorSeparatesBiasFromVariance() throws {
        let text = try diagnose(
            units: 512, depth: 2, epochs: 40, batchSize: 64, optimizer: "adam", learningRate: 0.0003,
            arguments: ["--target-error", "0.05"])
        #expect(text.contains("avoidable bias"), "\(text)")
    }
}
