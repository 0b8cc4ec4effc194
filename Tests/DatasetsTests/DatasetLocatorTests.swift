import Foundation
import Testing

@testable import Datasets

@Suite("Finding named data sets")
struct DatasetLocatorTests {
    /// Returns a locator whose every search folder lies inside `folder`: `home/`, `system/` and, when
    /// given, the `$SWIFTTUNE_DATA` and explicit paths.
    func locator(in folder: TemporaryFolder, explicit: String? = nil, environmentData: String? = nil)
        -> DatasetLocator
    {
        var environment = ["HOME": folder.url.appendingPathComponent("home").path]
        if let environmentData {
            environment["SWIFTTUNE_DATA"] = folder.url.appendingPathComponent(environmentData).path
        }
        return DatasetLocator(
            explicitPath: explicit.map { folder.url.appendingPathComponent($0).path },
            environment: environment,
            systemDirectory: folder.url.appendingPathComponent("system"))
    }

    @Test func explicitFolderWithFiles() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "anywhere")
        let files = try locator(in: folder, explicit: "anywhere").locate(.mnist)
        #expect(
            files.trainingImages == folder.url.appendingPathComponent("anywhere/train-images-idx3-ubyte.gz"))
        #expect(files.testLabels == folder.url.appendingPathComponent("anywhere/t10k-labels-idx1-ubyte.gz"))
    }

    @Test func explicitParentFolder() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "parent/fashion-mnist")
        let files = try locator(in: folder, explicit: "parent").locate(.fashionMNIST)
        #expect(
            files.trainingLabels
                == folder.url.appendingPathComponent("parent/fashion-mnist/train-labels-idx1-ubyte.gz"))
    }

    @Test func environmentVariableFolder() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "env/mnist")
        try folder.writeIDXDataset(in: "home/.cache/swifttune/datasets/mnist")
        let files = try locator(in: folder, environmentData: "env").locate(.mnist)
        #expect(files.testImages == folder.url.appendingPathComponent("env/mnist/t10k-images-idx3-ubyte.gz"))
    }

    @Test func explicitPathComesBeforeEnvironment() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "env/mnist")
        try folder.writeIDXDataset(in: "explicit/mnist")
        let files = try locator(in: folder, explicit: "explicit", environmentData: "env").locate(.mnist)
        #expect(
            files.testImages == folder.url.appendingPathComponent("explicit/mnist/t10k-images-idx3-ubyte.gz"))
    }

    @Test func userCacheComesBeforeSystem() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "home/.cache/swifttune/datasets/mnist")
        try folder.writeIDXDataset(in: "system/mnist")
        let files = try locator(in: folder).locate(.mnist)
        #expect(
            files.testImages
                == folder.url.appendingPathComponent(
                    "home/.cache/swifttune/datasets/mnist/t10k-images-idx3-ubyte.gz"))
    }

    @Test func systemFolderLast() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "system/fashion-mnist")
        let files = try locator(in: folder, environmentData: "empty-env").locate(.fashionMNIST)
        #expect(
            files.testImages
                == folder.url.appendingPathComponent("system/fashion-mnist/t10k-images-idx3-ubyte.gz"))
    }

    @Test func rawFilesAccepted() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "system/mnist", compressed: false)
        let locator = locator(in: folder)
        #expect(try locator.locate(.mnist).trainingImages.lastPathComponent == "train-images-idx3-ubyte")

        let sets = try locator.load(.mnist)
        let test = try #require(sets.test)
        #expect(sets.training.count == 4)
        #expect(sets.training.sampleShape == [1, 2, 3])
        #expect(test.labels == [0, 1, 2, 1])
        #expect(sets.training.classNames.count == 10)
    }

    @Test func incompleteFolderSkipped() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "explicit/mnist")
        try FileManager.default.removeItem(
            at: folder.url.appendingPathComponent("explicit/mnist/t10k-labels-idx1-ubyte.gz"))
        try folder.writeIDXDataset(in: "system/mnist")
        let files = try locator(in: folder, explicit: "explicit").locate(.mnist)
        #expect(
            files.testLabels == folder.url.appendingPathComponent("system/mnist/t10k-labels-idx1-ubyte.gz"))
    }

    @Test func notFoundListsEveryPlace() throws {
        let folder = try TemporaryFolder()
        try folder.writeIDXDataset(in: "explicit/mnist")
        try FileManager.default.removeItem(
            at: folder.url.appendingPathComponent("explicit/mnist/t10k-labels-idx1-ubyte.gz"))
        let root = folder.url.path

        let error = #expect(throws: DatasetError.self) {
            try locator(in: folder, explicit: "explicit").locate(.mnist)
        }
        guard case .datasetNotFound(let name, let searched, let instructions) = error else {
            Issue.record("Expected datasetNotFound, got \(String(describing: error)).")
            return
        }
        #expect(name == "mnist")
        #expect(
            searched == [
                "\(root)/explicit (--data or data.path): lacks train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]",
                "\(root)/explicit/mnist (--data or data.path): lacks t10k-labels-idx1-ubyte[.gz]",
                "$SWIFTTUNE_DATA: not set",
                "\(root)/home/.cache/swifttune/datasets/mnist (user cache): does not exist",
                "\(root)/system/mnist (system data sets): does not exist",
            ])
        #expect(instructions.contains("train-images-idx3-ubyte.gz"))
        #expect(instructions.contains("t10k-labels-idx1-ubyte.gz"))

        let message = error?.description ?? ""
        #expect(message.hasPrefix("Data set \"mnist\" was not found."))
        #expect(message.contains("  - \(root)/system/mnist (system data sets): does not exist"))
    }

    @Test func fashionMNISTHintNamesDebianPackage() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) {
            try locator(in: folder, environmentData: "env").locate(.fashionMNIST)
        }
        let message = error?.description ?? ""
        #expect(message.contains("apt-get install dataset-fashion-mnist"))
        #expect(message.contains("\(folder.url.path)/env/fashion-mnist ($SWIFTTUNE_DATA): does not exist"))
        #expect(!message.contains("not set"))
    }

    @Test func unknownNameListsKnownNames() {
        let error = #expect(throws: DatasetError.self) { try DatasetDescriptor.named("cifar-100") }
        #expect(error == .unknownDataset(name: "cifar-100", knownNames: ["mnist", "fashion-mnist"]))
        #expect(
            error?.description == "Data set \"cifar-100\" is unknown. Known data sets: mnist, fashion-mnist.")
    }

    @Test func catalogNamesResolve() throws {
        #expect(try DatasetDescriptor.named("mnist") == .mnist)
        #expect(
            try DatasetDescriptor.named("fashion-mnist").classNames == [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot",
            ])
    }

    @Test func unnamedFolderInfersClasses() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeIDXDataset(in: "custom", labels: [0, 4, 2])
        let sets = try DatasetLocator.loadFolder(path)
        let test = try #require(sets.test)
        #expect(sets.training.name == "custom")
        #expect(sets.training.classNames == ["0", "1", "2", "3", "4"])
        #expect(test.labelHistogram() == [1, 0, 1, 0, 1])
    }

    @Test func unnamedFolderWithoutFilesRejected() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: DatasetError.self) { try DatasetLocator.loadFolder(folder.url) }
        guard case .unrecognizedDataFolder(let path, let reason) = error else {
            Issue.record("Expected unrecognizedDataFolder, got \(String(describing: error)).")
            return
        }
        #expect(path == folder.url.path)
        #expect(reason.contains("lacks train-images-idx3-ubyte[.gz]"))
    }
}
