import Foundation

/// The four files of an IDX data set: training images, training labels, test images and test
/// labels, each given as a file name (`IDXFileNames`) or as a location on disk (`IDXFileSet`).
public struct IDXFiles<Location: Equatable & Sendable>: Equatable, Sendable {
    /// The training images, such as `train-images-idx3-ubyte`.
    public var trainingImages: Location
    /// The training labels.
    public var trainingLabels: Location
    /// The test images.
    public var testImages: Location
    /// The test labels.
    public var testLabels: Location

    /// Creates a set of four IDX files.
    public init(
        trainingImages: Location, trainingLabels: Location, testImages: Location, testLabels: Location
    ) {
        self.trainingImages = trainingImages
        self.trainingLabels = trainingLabels
        self.testImages = testImages
        self.testLabels = testLabels
    }

    /// All four files, training before test and images before labels.
    public var all: [Location] { [trainingImages, trainingLabels, testImages, testLabels] }
}

/// The file names of an IDX data set, without a `.gz` suffix.
public typealias IDXFileNames = IDXFiles<String>

/// The four IDX files of a data set found on disk.
public typealias IDXFileSet = IDXFiles<URL>

extension IDXFiles where Location == String {
    /// The names MNIST and Fashion-MNIST use, such as `t10k-images-idx3-ubyte` for test images.
    public static var standard: IDXFileNames {
        IDXFileNames(
            trainingImages: "train-images-idx3-ubyte", trainingLabels: "train-labels-idx1-ubyte",
            testImages: "t10k-images-idx3-ubyte", testLabels: "t10k-labels-idx1-ubyte")
    }
}
