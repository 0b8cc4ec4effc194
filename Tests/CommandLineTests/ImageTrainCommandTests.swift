import Foundation
import Testing

@Suite("tune train on image folders", .serialized)
struct ImageTrainCommandTests {
    /// Copies the first `count` JPEG files of each of `classes` from the CIFAR-10 test folder into
    /// class folders below `folder`'s `images` folder, and returns that folder.
    func copyImages(classes: [String], count: Int, into folder: TemporaryFolder) throws -> URL {
        let source = sharedDataFolder.appendingPathComponent("cifar10-test-jpeg/test")
        let destination = folder.url.appendingPathComponent("images")
        for name in classes {
            let classFolder = destination.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
            let files = try FileManager.default.contentsOfDirectory(
                atPath: source.appendingPathComponent(name).path
            )
            .filter { $0.hasSuffix(".jpg") }.sorted().prefix(count)
            for file in files {
                try FileManager.default.copyItem(
                    at: source.appendingPathComponent(name).appendingPathComponent(file),
                    to: classFolder.appendingPathComponent(file))
            }
        }
        return destination
    }

    func readJSON(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func augmentedFolderWithCarvedTestSplit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let images = try copyImages(classes: ["cat", "dog", "ship"], count: 6, into: folder)
        let experiment = try folder.write(
            """
            {"name": "tiny-cifar", "seed": 3,
             "data": {"format": "imageFolder", "path": "\(images.path)", "split": {"ratios": [4, 1, 1]},
                      "normalization": "perChannel",
                      "augmentation": {"horizontalFlip": true, "translation": 0.1, "rotationDegrees": 5}},
             "model": {"architecture": "cnn", "blocks": 1, "filters": 4, "kernelSize": 3, "padding": "same",
                       "denseUnits": 8},
             "training": {"epochs": 2, "batchSize": 4, "optimizer": {"kind": "adam", "learningRate": 0.001}}}
            """, to: "experiment.json")
        let runDirectory = folder.url.appendingPathComponent("run")
        let output = try CommandRunner.run(["train", experiment.path, "--out", runDirectory.path, "--quiet"])
        #expect(output.status == 0, "\(output.standardError)")

        let summary = try readJSON(runDirectory.appendingPathComponent("summary.json"))
        #expect(summary["status"] as? String == "completed")
        #expect(summary["epochs"] as? Int == 2)
        // 18 images, 6 per class: one per class each in validation and test.
        let split = try #require(summary["split"] as? [String: Int])
        #expect(split == ["training": 12, "validation": 3, "test": 3])
        let indices = try readJSON(runDirectory.appendingPathComponent("split.json"))
        let testIndices = try #require(indices["testIndices"] as? [Int])
        #expect(testIndices.count == 3)

        let recorded = try readJSON(runDirectory.appendingPathComponent("experiment.json"))
        let data = try #require(recorded["data"] as? [String: Any])
        let augmentation = try #require(data["augmentation"] as? [String: Any])
        #expect(augmentation["rotationDegrees"] as? Double == 5)
    }

    @Test func augmentationOfFeatureRowsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write(
            "x,label\n" + (0..<12).map { "\($0),\($0 % 2)" }.joined(separator: "\n"), to: "rows.csv")
        let experiment = try folder.write(
            """
            {"name": "rows", "data": {"format": "csv", "path": "rows.csv", "csv": {"header": true},
              "normalization": "global", "split": {"ratios": [2, 1, 1]}, "augmentation": {"brightness": 0.1}},
             "model": {"architecture": "mlp", "depth": 1, "units": 4},
             "training": {"epochs": 1, "batchSize": 4, "optimizer": {"kind": "sgd", "learningRate": 0.1}}}
            """, to: "experiment.json")
        let runDirectory = folder.url.appendingPathComponent("run")
        let output = try CommandRunner.run(
            ["train", experiment.path, "--out", runDirectory.path, "--quiet"], in: folder.url)

        #expect(output.status == 1)
        #expect(output.standardError.contains("data.augmentation"), "\(output.standardError)")
        #expect(output.standardError.contains("needs image samples"), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: runDirectory.path))
    }
}
