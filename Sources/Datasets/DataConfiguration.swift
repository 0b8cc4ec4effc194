import Foundation
import TensorCore

/// The `data` section of an experiment: which data set to load and how to prepare it.
///
/// ```json
/// "data": {
///     "dataset": "fashion-mnist",
///     "validationFraction": 0.1,
///     "normalization": "global",
///     "trainingLimit": 5000
/// }
/// ```
///
/// Set `dataset` to a name from `DatasetDescriptor.catalog`, `path` to a folder, or both. With
/// both, `path` is searched first for the named set, like the `--data` option. With only `path`,
/// the folder must contain the four IDX files under their standard names, unless `format` names
/// another layout:
///
/// ```json
/// "data": {
///     "path": "~/data/flowers",
///     "format": "imageFolder",
///     "images": {"channels": 3, "size": [64, 64]},
///     "split": {"ratios": [70, 15, 15]}
/// }
/// ```
///
/// Decoding rejects unknown fields and invalid values with a `ConfigurationError` naming the
/// field path.
public struct DataConfiguration: Codable, Equatable, Sendable {
    /// The name of a known data set, such as "mnist" or "fashion-mnist".
    public var dataset: String?
    /// A folder with the data files, or a parent folder of a folder named like `dataset`.
    public var path: String?
    /// The share of each class of the official training set held out for validation, in (0, 1).
    /// Default 0.1.
    public var validationFraction: Double
    /// The standardization of features, fitted on the training split only. Default `global`.
    public var normalization: NormalizationMode
    /// When set, only this many samples of the official training set are used, chosen by
    /// `Dataset.stratifiedPrefix(_:)` before the validation split. Useful for quick runs and tests.
    public var trainingLimit: Int?
    /// The layout of the files at `path`, when they are not IDX files. Needs `path` and no `dataset`.
    public var format: DataFormat?
    /// The settings that turn image files into samples, for format `imageFolder` only. Defaults
    /// apply when nil.
    public var images: ImageOptions?
    /// Sizes of training, validation and test splits, in place of `validationFraction`.
    public var split: SplitPlan?

    /// The default share of the training set held out for validation.
    public static let defaultValidationFraction = 0.1

    /// Creates a configuration after validating it.
    ///
    /// - Throws: `ConfigurationError` with a field path under `data` when a value is invalid.
    public init(
        dataset: String? = nil, path: String? = nil, validationFraction: Double = defaultValidationFraction,
        normalization: NormalizationMode = .global, trainingLimit: Int? = nil, format: DataFormat? = nil,
        images: ImageOptions? = nil, split: SplitPlan? = nil
    ) throws {
        self.dataset = dataset
        self.path = path
        self.validationFraction = validationFraction
        self.normalization = normalization
        self.trainingLimit = trainingLimit
        self.format = format
        self.images = images
        self.split = split
        try validate(fieldPath: { "data.\($0.stringValue)" })
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dataset, path, validationFraction, normalization, trainingLimit, format, images, split
    }

    /// Decodes and validates a configuration, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try container.decodeIfPresent(String.self, forKey: .dataset)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        validationFraction =
            try container.decodeIfPresent(Double.self, forKey: .validationFraction)
            ?? Self.defaultValidationFraction
        normalization =
            try container.decodeIfPresent(NormalizationMode.self, forKey: .normalization) ?? .global
        trainingLimit = try container.decodeIfPresent(Int.self, forKey: .trainingLimit)
        format = try container.decodeIfPresent(DataFormat.self, forKey: .format)
        images = try container.decodeIfPresent(ImageOptions.self, forKey: .images)
        split = try container.decodeIfPresent(SplitPlan.self, forKey: .split)
        if split != nil && container.contains(.validationFraction) {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.split),
                rule:
                    "cannot be combined with validationFraction, because the split plan sets the validation size"
            )
        }
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    /// Encodes the configuration, leaving out `validationFraction` when a split plan replaces it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(dataset, forKey: .dataset)
        try container.encodeIfPresent(path, forKey: .path)
        if split == nil {
            try container.encode(validationFraction, forKey: .validationFraction)
        }
        try container.encode(normalization, forKey: .normalization)
        try container.encodeIfPresent(trainingLimit, forKey: .trainingLimit)
        try container.encodeIfPresent(format, forKey: .format)
        try container.encodeIfPresent(images, forKey: .images)
        try container.encodeIfPresent(split, forKey: .split)
    }

    /// Checks every value, naming fields with `fieldPath`.
    private func validate(fieldPath: (CodingKeys) -> String) throws {
        if let format, path == nil {
            throw ConfigurationError(
                field: fieldPath(.path),
                rule: "is missing, but format \(format.rawValue) reads the folder in path")
        }
        if dataset == nil && path == nil {
            throw ConfigurationError(
                field: fieldPath(.dataset),
                rule:
                    "is missing, and so is path (set dataset to a known data set name or path to a data folder)"
            )
        }
        if let dataset, !DatasetDescriptor.catalog.contains(where: { $0.name == dataset }) {
            let known = DatasetDescriptor.catalog.map(\.name).joined(separator: ", ")
            throw ConfigurationError(
                field: fieldPath(.dataset), rule: "must be one of \(known)", value: "\"\(dataset)\"")
        }
        if let path, path.isEmpty {
            throw ConfigurationError(field: fieldPath(.path), rule: "must not be empty", value: "\"\"")
        }
        guard validationFraction > 0, validationFraction < 1 else {
            throw ConfigurationError(
                field: fieldPath(.validationFraction), rule: "must be greater than 0 and less than 1",
                value: "\(validationFraction)")
        }
        if let trainingLimit, trainingLimit < 1 {
            throw ConfigurationError(
                field: fieldPath(.trainingLimit), rule: "must be at least 1", value: "\(trainingLimit)")
        }
        if let format, dataset != nil {
            throw ConfigurationError(
                field: fieldPath(.dataset),
                rule:
                    "must not be set with format \(format.rawValue), because it names an IDX data set of the "
                    + "catalog (give the folder in path)")
        }
        if images != nil && format != .imageFolder {
            throw ConfigurationError(
                field: fieldPath(.images), rule: "applies only to format imageFolder",
                value: format.map { "format \($0.rawValue)" } ?? "no format")
        }
    }

    /// Loads the official training and test sets this configuration names.
    ///
    /// A named data set is searched with `locator`, except that a configured `path` takes the
    /// place of the locator's explicit path. A `path` alone is loaded with
    /// `DatasetLocator.loadFolder(_:)`, or with `loadImageSets()` when `format` is set.
    public func loadSets(using locator: DatasetLocator = DatasetLocator()) throws -> TrainingAndTestSets {
        if format != nil {
            return try loadImageSets().officialSets()
        }
        guard let dataset else {
            // Validation guarantees a path when no data set is named.
            let folder = URL(fileURLWithPath: NSString(string: path ?? "").expandingTildeInPath)
            return try DatasetLocator.loadFolder(folder)
        }
        var locator = locator
        if let path {
            locator.explicitPath = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
        }
        return try locator.load(DatasetDescriptor.named(dataset))
    }
}
