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

    /// Writes an experiment on `images` whose data streams with `memoryLimitMB`, or loads into
    /// memory when it is nil.
    func streamingExperiment(images: URL, memoryLimitMB: Int?, in folder: TemporaryFolder, name: String)
        throws
        -> URL
    {
        let limit = memoryLimitMB.map { ", \"memoryLimitMB\": \($0)" } ?? ""
        return try folder.write(
            """
            {"name": "streaming", "seed": 11,
             "data": {"format": "imageFolder", "path": "\(images.path)", "images": {"channels": 3\(limit)},
                      "split": {"ratios": [80, 10, 10]}, "normalization": "perChannel",
                      "augmentation": {"horizontalFlip": true, "translation": 0.1}},
             "model": {"architecture": "mlp", "depth": 1, "units": 32},
             "training": {"epochs": 2, "batchSize": 64, "optimizer": {"kind": "adam", "learningRate": 0.001}}}
            """, to: name)
    }

    /// Returns the mebibytes the run added to resident memory at its peak, from its summary.
    func residentGrowth(_ summary: [String: Any]) throws -> Double {
        let memory = try #require(summary["memory"] as? [String: Any])
        let start = try #require(memory["residentAtStartMB"] as? Double)
        let peak = try #require(memory["peakResidentMB"] as? Double)
        return peak - start
    }

    @Test func streamingStaysUnderItsLimitAndTrainsLikeMemory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 4,000 images of 3 x 32 x 32 values: 46.9 MiB decoded to `Float`, and 11.7 MiB at a byte
        // per value, as the cache keeps them, against a cache of 4 MiB.
        let images = try copyImages(
            classes: [
                "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
            ],
            count: 400, into: folder)
        let decodedMB = 4_000.0 * 3 * 32 * 32 * 4 / 1_048_576
        var summaries: [[String: Any]] = []
        var histories: [String] = []
        for (name, limit) in [("memory", nil), ("streamed", 4)] as [(String, Int?)] {
            let experiment = try streamingExperiment(
                images: images, memoryLimitMB: limit, in: folder, name: "\(name).json")
            let run = folder.url.appendingPathComponent(name)
            let output = try CommandRunner.run([
                "train", experiment.path, "--out", run.path, "--threads", "1",
            ])
            #expect(output.status == 0, "\(output.standardError)")
            summaries.append(try readJSON(run.appendingPathComponent("summary.json")))
            // Every column but the last, the epoch's duration.
            let history = try String(contentsOf: run.appendingPathComponent("history.csv"), encoding: .utf8)
            histories.append(
                history.split(separator: "\n").map {
                    $0.split(separator: ",").dropLast().joined(separator: ",")
                }
                .joined(separator: "\n"))
            let report = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(report.contains("peak resident memory"))
            if limit != nil {
                #expect(output.standardOutput.contains("streaming 4,000 images from their files"))
                #expect(report.contains("data streamed from files"))
            }
        }

        // With one thread and one seed, the streamed run reads the same samples in the same order.
        #expect(histories[0] == histories[1])
        let test = summaries.map { ($0["test"] as? [String: Any])?["accuracy"] as? Double }
        #expect(test[0] != nil)
        #expect(test[0] == test[1])

        // The run in memory keeps every decoded image, twice while the splits are copied out.
        // The streamed run keeps its 4 MiB cache, plus 10 to 12 MiB that hardly grow with the
        // image count: the model, batch buffers, thread stacks and the file list.
        let memoryGrowth = try residentGrowth(summaries[0])
        let streamedGrowth = try residentGrowth(summaries[1])
        #expect(memoryGrowth > decodedMB)
        #expect(streamedGrowth < 4 + 20, "streamed run added \(streamedGrowth) MiB")
        let memory = try #require(summaries[1]["memory"] as? [String: Any])
        #expect(memory["streamingLimitMB"] as? Int == 4)
        let cache = try #require(memory["cache"] as? [String: Any])
        #expect(cache["capacity"] as? Int == 1_365)
        #expect(cache["cachedSamples"] as? Int == 1_365)
    }

    @Test func skippedAndIgnoredFilesAreLoggedAndRecorded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let images = try copyImages(classes: ["cat", "dog", "ship"], count: 6, into: folder)
        let source = images.appendingPathComponent("dog/0000.jpg")
        let bytes = try Data(contentsOf: source)
        let truncated = images.appendingPathComponent("dog/truncated.jpg")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        try Data("notes".utf8).write(to: images.appendingPathComponent("cat/notes.txt"))

        for limit in ["", ", \"memoryLimitMB\": 1"] {
            let experiment = try folder.write(
                """
                {"name": "skipping", "seed": 3,
                 "data": {"format": "imageFolder", "path": "\(images.path)", "split": {"ratios": [4, 1, 1]},
                          "images": {"skipUnreadable": true\(limit)}},
                 "model": {"architecture": "mlp", "depth": 1, "units": 4},
                 "training": {"epochs": 1, "batchSize": 4, "optimizer": {"kind": "sgd", "learningRate": 0.01}}}
                """, to: "experiment.json")
            let run = folder.url.appendingPathComponent("run-\(limit.isEmpty ? "memory" : "streamed")")
            let output = try CommandRunner.run(["train", experiment.path, "--out", run.path])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(
                output.standardOutput.contains(
                    "image folder \(images.path): 18 images loaded, 1 unreadable skipped, 1 other file ignored"
                ),
                "\(output.standardOutput)")
            #expect(output.standardOutput.contains("skipped \(truncated.path): stb_image"))

            let summary = try readJSON(run.appendingPathComponent("summary.json"))
            let reports = try #require(summary["imageFolders"] as? [[String: Any]])
            #expect(reports.count == 1)
            #expect(reports.first?["loadedImageCount"] as? Int == 18)
            #expect(reports.first?["ignoredFileCount"] as? Int == 1)
            let skipped = try #require(reports.first?["skippedUnreadableFiles"] as? [[String: Any]])
            #expect(skipped.first?["path"] as? String == truncated.path)
        }
    }
}
