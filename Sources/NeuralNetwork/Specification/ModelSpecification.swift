import TensorCore

/// The `model` section of an experiment: a builder (`mlp`, `cnn`) whose shape comes from plain
/// fields that a study can tune, or an explicit `layers` list.
///
/// ```json
/// {"architecture": "mlp", "depth": 2, "units": 256, "activation": "relu", "dropout": 0.2, "batchNorm": false}
/// {"architecture": "cnn", "blocks": 2, "filters": 32, "convolutionsPerBlock": 1, "kernelSize": 3,
///  "denseUnits": 128, "dropout": 0.3, "batchNorm": true}
/// {"architecture": "layers", "layers": [{"type": "dense", "units": 64, "activation": "relu"}]}
/// ```
///
/// Builders:
/// - `mlp`: flatten, then `depth` × [dense(units) → batch norm? → activation → dropout?].
///   `unitsPerLayer` overrides `depth` and `units` with one width per hidden layer.
/// - `cnn`: `blocks` × [`convolutionsPerBlock` × (conv(k×k) → batch norm? → activation) → max pool 2 →
///   dropout?], filters `filters` in the first block and doubled in each next block (or
///   `filtersPerBlock`), then flatten → dense(denseUnits) → batch norm? → activation → dropout?.
///   With `globalPooling`, global average pooling replaces flatten and the dense layer.
/// Every architecture ends in a dense layer with one output per class, added by the builder.
public struct ModelSpecification: Codable, Equatable, Sendable {
    /// The way the layers are given.
    public enum Architecture: String, Codable, CaseIterable, Sendable {
        case mlp, cnn, layers
    }

    public var architecture: Architecture
    /// Hidden layers (mlp) .
    public var depth: Int?
    /// Width of each hidden layer (mlp).
    public var units: Int?
    /// One width per hidden layer (mlp); overrides `depth` and `units`.
    public var unitsPerLayer: [Int]?
    /// Convolution blocks (cnn).
    public var blocks: Int?
    /// Filters of the first block (cnn); each next block doubles them.
    public var filters: Int?
    /// Filters of each block (cnn); overrides `blocks` and `filters`.
    public var filtersPerBlock: [Int]?
    /// Convolutions in each block (cnn).
    public var convolutionsPerBlock: Int?
    /// Convolution kernel size (cnn).
    public var kernelSize: Int?
    /// Convolution padding (cnn).
    public var padding: Padding?
    /// Width of the dense layer before the classifier (cnn); 0 for none.
    public var denseUnits: Int?
    /// Global average pooling instead of flatten and the dense layer (cnn).
    public var globalPooling: Bool?
    /// Activation of the hidden layers.
    public var activation: ActivationKind?
    /// Dropout rate after each hidden layer or block, in [0, 1); 0 for none.
    public var dropout: Double?
    /// Batch normalization between each dense or convolution layer and its activation.
    public var batchNorm: Bool?
    /// Weight initializer; He for the ReLU family and Glorot for tanh and sigmoid by default.
    public var initializer: Initializer?
    /// Explicit layers (architecture `layers`); the classifier layer is appended.
    public var layers: [LayerSpecification]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case architecture, depth, units, unitsPerLayer, blocks, filters, filtersPerBlock, convolutionsPerBlock
        case kernelSize, padding, denseUnits, globalPooling, activation, dropout, batchNorm, initializer,
            layers
    }

    /// Fields that only one architecture reads.
    private static let architectureFields: [Architecture: Set<CodingKeys>] = [
        .mlp: [.depth, .units, .unitsPerLayer],
        .cnn: [
            .blocks, .filters, .filtersPerBlock, .convolutionsPerBlock, .kernelSize, .padding, .denseUnits,
            .globalPooling,
        ],
        .layers: [.layers],
    ]

    /// Creates a specification; unset fields take the defaults listed on each property's builder.
    public init(architecture: Architecture) {
        self.architecture = architecture
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        architecture = try container.decode(Architecture.self, forKey: .architecture)
        for (other, fields) in Self.architectureFields where other != architecture {
            for key in fields where container.contains(key) {
                throw ConfigurationError(
                    field: decoder.fieldPath(key),
                    rule:
                        "applies to architecture \"\(other.rawValue)\" only, not \"\(architecture.rawValue)\""
                )
            }
        }
        depth = try container.decodeIfPresent(Int.self, forKey: .depth)
        units = try container.decodeIfPresent(Int.self, forKey: .units)
        unitsPerLayer = try container.decodeIfPresent([Int].self, forKey: .unitsPerLayer)
        blocks = try container.decodeIfPresent(Int.self, forKey: .blocks)
        filters = try container.decodeIfPresent(Int.self, forKey: .filters)
        filtersPerBlock = try container.decodeIfPresent([Int].self, forKey: .filtersPerBlock)
        convolutionsPerBlock = try container.decodeIfPresent(Int.self, forKey: .convolutionsPerBlock)
        kernelSize = try container.decodeIfPresent(Int.self, forKey: .kernelSize)
        padding = try container.decodeIfPresent(Padding.self, forKey: .padding)
        denseUnits = try container.decodeIfPresent(Int.self, forKey: .denseUnits)
        globalPooling = try container.decodeIfPresent(Bool.self, forKey: .globalPooling)
        activation = try container.decodeIfPresent(ActivationKind.self, forKey: .activation)
        dropout = try container.decodeIfPresent(Double.self, forKey: .dropout)
        batchNorm = try container.decodeIfPresent(Bool.self, forKey: .batchNorm)
        initializer = try container.decodeIfPresent(Initializer.self, forKey: .initializer)
        layers = try container.decodeIfPresent([LayerSpecification].self, forKey: .layers)
        try validate(path: decoder.fieldPath)
    }

    /// Checks every field's range; `path` prefixes field names in errors (for example `model`).
    public func validate(path: String = "model") throws {
        func field(_ name: String) -> String { path == "(top level)" ? name : "\(path).\(name)" }
        func requirePositive(_ value: Int?, _ name: String) throws {
            if let value, value <= 0 {
                throw ConfigurationError(
                    field: field(name), rule: "must be a positive integer", value: "\(value)")
            }
        }
        try requirePositive(depth, "depth")
        try requirePositive(units, "units")
        try requirePositive(blocks, "blocks")
        try requirePositive(filters, "filters")
        try requirePositive(convolutionsPerBlock, "convolutionsPerBlock")
        try requirePositive(kernelSize, "kernelSize")
        for (index, width) in (unitsPerLayer ?? []).enumerated() {
            try requirePositive(width, "unitsPerLayer[\(index)]")
        }
        for (index, width) in (filtersPerBlock ?? []).enumerated() {
            try requirePositive(width, "filtersPerBlock[\(index)]")
        }
        if let denseUnits, denseUnits < 0 {
            throw ConfigurationError(
                field: field("denseUnits"), rule: "must be 0 or more", value: "\(denseUnits)")
        }
        if let dropout, !(dropout >= 0 && dropout < 1) {
            throw ConfigurationError(field: field("dropout"), rule: "must be in [0, 1)", value: "\(dropout)")
        }
        if architecture == .layers && (layers ?? []).isEmpty {
            throw ConfigurationError(
                field: field("layers"), rule: "must list at least one layer for architecture \"layers\"")
        }
    }
}
