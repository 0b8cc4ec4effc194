// swift-tools-version:6.0
import PackageDescription

// Release builds drop bounds and overflow checks in the numeric targets; debug builds keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
    name: "SwiftTune",
    products: [
        .library(name: "SwiftTune", targets: ["SwiftTune"]),
        .executable(name: "tune", targets: ["tune"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CStb", pkgConfig: "stb", providers: [.apt(["libstb-dev"])]),

        // On macOS, BLAS comes from Accelerate instead of OpenBLAS (see Gemm.swift); that path is
        // not built by this project's CI, which runs on Linux.
        .target(
            name: "TensorCore",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux])), "CDNNL"],
            swiftSettings: fast),
        .target(name: "NeuralNetwork", dependencies: ["TensorCore"], swiftSettings: fast),
        .target(name: "Optimization", dependencies: ["NeuralNetwork"], swiftSettings: fast),
        .target(name: "Datasets", dependencies: ["TensorCore", "CZlib", "CStb"], swiftSettings: fast),
        .target(name: "Evaluation"),
        .target(
            name: "Training",
            dependencies: ["NeuralNetwork", "Optimization", "Datasets", "Evaluation"],
            swiftSettings: fast),
        .target(name: "Tuning", dependencies: ["TensorCore", "Evaluation"]),
        .target(name: "StudyStorage", dependencies: ["Tuning", "CSQLite"]),
        .target(name: "Reporting", dependencies: ["TensorCore", "Evaluation"]),
        .target(
            name: "SwiftTune",
            dependencies: [
                "TensorCore", "NeuralNetwork", "Optimization", "Datasets", "Evaluation", "Training", "Tuning",
                "StudyStorage", "Reporting",
            ]),
        .executableTarget(name: "tune", dependencies: ["SwiftTune"]),

        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "NeuralNetworkTests", dependencies: ["NeuralNetwork"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
        .testTarget(name: "TuningTests", dependencies: ["Tuning"]),
        .testTarget(name: "StudyStorageTests", dependencies: ["StudyStorage", "CSQLite"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(name: "CommandLineTests", dependencies: ["tune"]),
    ]
)
