import Datasets
import Foundation
import Optimization
import TensorCore

@testable import Training

/// Two Gaussian blobs per class in a few dimensions: an easy, fast problem.
func blobs(count: Int, classes: Int = 3, features: Int = 4, seed: UInt64) throws -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var values: [Float] = []
    var labels: [Int32] = []
    for index in 0..<count {
        let label = index % classes
        for feature in 0..<features {
            let center: Float = feature % classes == label ? 2 : 0
            values.append(center + generator.nextNormal() * 0.7)
        }
        labels.append(Int32(label))
    }
    return try Dataset(
        name: "blobs", sampleShape: [features], features: values, labels: labels,
        classNames: (0..<classes).map { "class\($0)" })
}

func configuration(
    epochs: Int = 5, batchSize: Int = 16,
    optimizer: OptimizerConfiguration = .init(kind: .adam, learningRate: 0.01),
    earlyStopping: EarlyStoppingConfiguration? = nil
) -> TrainingConfiguration {
    TrainingConfiguration(
        epochs: epochs, batchSize: batchSize, optimizer: optimizer, earlyStopping: earlyStopping)
}

/// The folder of real data sets beside the package: `<package>/../shared/data`, or `$SWIFTTUNE_TEST_DATA`.
var sharedDataFolder: URL {
    if let path = ProcessInfo.processInfo.environment["SWIFTTUNE_TEST_DATA"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")
}
