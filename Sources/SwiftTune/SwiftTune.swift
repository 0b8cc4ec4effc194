// The library's front door: `import SwiftTune` brings in every module a Swift user needs.
@_exported import Datasets
@_exported import Evaluation
@_exported import NeuralNetwork
@_exported import Optimization
@_exported import Reporting
@_exported import StudyStorage
@_exported import TensorCore
@_exported import Training
@_exported import Tuning
