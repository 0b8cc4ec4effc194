import TensorCore

/// An error in a model specification that shows only once the input shape is known.
public struct ModelBuildError: Error, CustomStringConvertible {
    public let description: String
}

extension ModelSpecification {
    /// Builds the model for samples of `inputShape` and `classCount` classes, drawing initial
    /// weights and dropout seeds from `seed`.
    public func makeModel(inputShape: [Int], classCount: Int, seed: UInt64) throws -> Sequential {
        var builder = LayerStack(inputShape: inputShape, seed: seed, initializer: initializer)
        let activation = self.activation ?? .relu
        let batchNorm = self.batchNorm ?? false
        let dropout = self.dropout ?? 0

        switch architecture {
        case .mlp:
            let widths = unitsPerLayer ?? Array(repeating: units ?? 128, count: depth ?? 1)
            for width in widths {
                try builder.append(.dense(units: width, activation: nil))
                if batchNorm { try builder.append(.batchNorm(momentum: 0.99)) }
                try builder.append(.activation(activation))
                if dropout > 0 { try builder.append(.dropout(rate: dropout)) }
            }
        case .cnn:
            guard inputShape.count == 3 else {
                throw ModelBuildError(
                    description:
                        "model.architecture \"cnn\" needs image input [C, H, W], but samples have shape \(inputShape)."
                )
            }
            let first = filters ?? 32
            let widths = filtersPerBlock ?? (0..<(blocks ?? 2)).map { first << $0 }
            for width in widths {
                for _ in 0..<(convolutionsPerBlock ?? 1) {
                    try builder.append(
                        .conv2d(
                            filters: width, kernelSize: kernelSize ?? 3, stride: 1, padding: padding ?? .same,
                            activation: nil))
                    if batchNorm { try builder.append(.batchNorm(momentum: 0.99)) }
                    try builder.append(.activation(activation))
                }
                try builder.append(.pool(.max, poolSize: 2, stride: nil, padding: .valid))
                if dropout > 0 { try builder.append(.dropout(rate: dropout)) }
            }
            if globalPooling ?? false {
                try builder.append(.globalAveragePool)
            } else if (denseUnits ?? 128) > 0 {
                try builder.append(.dense(units: denseUnits ?? 128, activation: nil))
                if batchNorm { try builder.append(.batchNorm(momentum: 0.99)) }
                try builder.append(.activation(activation))
                if dropout > 0 { try builder.append(.dropout(rate: dropout)) }
            }
        case .layers:
            for layer in layers ?? [] { try builder.append(layer) }
        }
        try builder.append(.dense(units: classCount, activation: nil), name: "classifier")
        return Sequential(builder.layers)
    }
}

/// Appends layers one by one, tracking the current sample shape and naming layers by kind.
struct LayerStack {
    private(set) var layers: [Layer] = []
    private var shape: [Int]
    private var generator: SeededGenerator
    private let initializer: Initializer?
    private var counts: [String: Int] = [:]

    init(inputShape: [Int], seed: UInt64, initializer: Initializer?) {
        shape = inputShape
        generator = SeededGenerator(seed: seed, purpose: "initialization")
        self.initializer = initializer
    }

    private mutating func nextName(_ kind: String) -> String {
        counts[kind, default: 0] += 1
        return "\(kind)\(counts[kind]!)"
    }

    private func weightInitializer(before activation: ActivationKind?) -> Initializer {
        initializer ?? (activation ?? .relu).defaultInitializer
    }

    private mutating func add(_ layer: Layer) {
        layers.append(layer)
        shape = layer.outputShape
    }

    mutating func append(_ specification: LayerSpecification, name: String? = nil) throws {
        switch specification {
        case .dense(let units, let activation):
            if shape.count != 1 { add(Flatten(name: nextName("flatten"), inputShape: shape)) }
            add(
                Dense(
                    name: name ?? nextName("dense"), inputFeatures: shape[0], units: units,
                    initializer: weightInitializer(before: activation), generator: &generator))
            if let activation { try append(.activation(activation)) }
        case .conv2d(let filters, let kernelSize, let stride, let padding, let activation):
            try requireImage("conv2d")
            let size = padding.geometry(input: shape[1], kernel: kernelSize, stride: stride)
            let width = padding.geometry(input: shape[2], kernel: kernelSize, stride: stride)
            guard size.output > 0 && width.output > 0 else {
                throw ModelBuildError(
                    description:
                        "A conv2d layer with kernel \(kernelSize) and \(padding.rawValue) padding does not fit its input of shape \(shape)."
                )
            }
            add(
                Conv2D(
                    name: nextName("conv"), inputShape: shape, filters: filters, kernelSize: kernelSize,
                    stride: stride,
                    padding: padding, initializer: weightInitializer(before: activation),
                    generator: &generator))
            if let activation { try append(.activation(activation)) }
        case .pool(let kind, let poolSize, let stride, let padding):
            try requireImage(kind == .max ? "maxPool" : "avgPool")
            let rows = padding.geometry(input: shape[1], kernel: poolSize, stride: stride ?? poolSize)
            let columns = padding.geometry(input: shape[2], kernel: poolSize, stride: stride ?? poolSize)
            guard rows.output > 0 && columns.output > 0 else {
                throw ModelBuildError(
                    description:
                        "A pooling window of \(poolSize) does not fit its input of shape \(shape); use fewer blocks or \"same\" padding."
                )
            }
            add(
                Pool2D(
                    name: nextName("pool"), kind, inputShape: shape, poolSize: poolSize, stride: stride,
                    padding: padding))
        case .globalAveragePool:
            try requireImage("globalAveragePool")
            add(GlobalAveragePool(name: nextName("globalAveragePool"), inputShape: shape))
        case .flatten:
            add(Flatten(name: nextName("flatten"), inputShape: shape))
        case .dropout(let rate):
            let layerName = nextName("dropout")
            add(
                Dropout(
                    name: layerName, rate: Float(rate), inputShape: shape,
                    generator: SeededGenerator(seed: generator.next(), purpose: layerName)))
        case .batchNorm(let momentum):
            add(BatchNorm(name: nextName("batchNorm"), inputShape: shape, momentum: Float(momentum)))
        case .activation(let kind):
            if kind != .linear { add(Activation(name: nextName(kind.rawValue), kind, inputShape: shape)) }
        }
    }

    private func requireImage(_ type: String) throws {
        guard shape.count == 3 else {
            throw ModelBuildError(
                description:
                    "A \(type) layer needs image input [C, H, W], but it would receive shape \(shape).")
        }
    }
}
