import Foundation

/// A named data set that SwiftTune can find and load: its files, classes and how to get it.
public struct DatasetDescriptor: Equatable, Sendable {
    /// The name used in experiments and on the command line, and the folder name searched for.
    public var name: String
    /// The name of each class, indexed by label.
    public var classNames: [String]
    /// The file names of the official training and test sets, without a `.gz` suffix.
    public var files: IDXFileNames
    /// One or more sentences on how to get the files, for the message when they are not found.
    public var instructions: String

    /// Creates a descriptor for an IDX data set.
    public init(name: String, classNames: [String], files: IDXFileNames, instructions: String) {
        self.name = name
        self.classNames = classNames
        self.files = files
        self.instructions = instructions
    }

    /// MNIST: 70,000 grayscale 28 x 28 images of handwritten digits, 60,000 of them for training.
    public static let mnist = DatasetDescriptor(
        name: "mnist",
        classNames: (0...9).map(String.init),
        files: .standard,
        instructions: "To get MNIST, download its four IDX files ("
            + IDXFileNames.standard.all.map { $0 + ".gz" }.joined(separator: ", ")
            + ") into ~/.cache/swifttune/datasets/mnist or $SWIFTTUNE_DATA/mnist, "
            + "or pass --data with the folder that contains them.")

    /// Fashion-MNIST: 70,000 grayscale 28 x 28 images of clothing in 10 classes, 60,000 of them for
    /// training, from Zalando Research.
    public static let fashionMNIST = DatasetDescriptor(
        name: "fashion-mnist",
        classNames: [
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        ],
        files: .standard,
        instructions:
            "To get Fashion-MNIST on Debian or Ubuntu, run `apt-get install dataset-fashion-mnist`, "
            + "which installs it into /usr/share/datasets/fashion-mnist. Elsewhere, download its four IDX files ("
            + IDXFileNames.standard.all.map { $0 + ".gz" }.joined(separator: ", ")
            + ") into ~/.cache/swifttune/datasets/fashion-mnist or $SWIFTTUNE_DATA/fashion-mnist, "
            + "or pass --data with the folder that contains them.")

    /// Every data set that can be loaded by name.
    public static let catalog: [DatasetDescriptor] = [mnist, fashionMNIST]

    /// Returns the catalog entry called `name`.
    ///
    /// - Throws: `DatasetError.unknownDataset` listing the known names when none matches.
    public static func named(_ name: String) throws -> DatasetDescriptor {
        guard let descriptor = catalog.first(where: { $0.name == name }) else {
            throw DatasetError.unknownDataset(name: name, knownNames: catalog.map(\.name))
        }
        return descriptor
    }
}
