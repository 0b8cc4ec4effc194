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
/// "data": {
///     "format": "csv",
///     "path": "data/breast_cancer.csv",
///     "csv": {"classNamesLine": true},
///     "validationFraction": 0.15,
///     "testFraction": 0.15,
///     "normalization": "perFeature"
/// }
/// ```
///
/// For the IDX format (the default), set `dataset` to a name from `DatasetDescriptor.catalog`,
/// `path` to a folder, or both. With both, `path` is searched first for the named set, like the
/// `--data` option. With only `path`, the folder must contain the four IDX files under their
/// standard names. IDX data sets have an official test set, so `testFraction` must be absent.
///
/// For the CSV format, set `path` to the CSV file and describe it in `csv` (`CSVOptions`).
/// A CSV file has no official test set, so a stratified test split is held out first. Both
/// fractions are then shares of the whole data set: 0.15 and 0.15 give a 70:15:15 split.
///
/// A relative `path` resolves against the current directory of the process, such as the
/// directory where `tune train` runs, not against the folder of the experiment file. Decoding
/// rejects unknown fields and invalid values with a `ConfigurationError` naming the field path.
public struct DataConfiguration: Codable, Equatable, Sendable {
    /// The file format of the data set. Default `idx`.
    public var format: DataFormat
    /// The name of a known IDX data set, such as "mnist" or "fashion-mnist".
    public var dataset: String?
    /// For IDX data, a folder with the data files or a parent folder of a folder named like
    /// `dataset`. For CSV data, the CSV file, which may be gzip-compressed.
    public var path: String?
    /// The share of each class held out for validation, in (0, 1): of the official training set
    /// for IDX data, and of the whole data set for CSV data. Default 0.1.
    public var validationFraction: Double
    /// The share of each class of the whole data set held out for testing, for data without an
    /// official test set: in (0, 1), with `validationFraction + testFraction < 1`. Nil for IDX
    /// data. Default for CSV data `defaultTestFraction`.
    public var testFraction: Double?
    /// The standardization of features, fitted on the training split only. Default `global`.
    public var normalization: NormalizationMode
    /// When set, only this many samples of the official training set are used, chosen by
    /// `Dataset.stratifiedPrefix(_:)` before the validation split. For CSV data, they are chosen
    /// from the samples left after the test split, so the test split stays the same. Useful for
    /// quick runs and tests.
    public var trainingLimit: Int?
    /// How to read a CSV file, allowed only with format `csv`. Nil means `CSVOptions.standard`.
    public var csv: CSVOptions?

    /// The default share of the training set held out for validation.
    public static let defaultValidationFraction = 0.1
    /// The default share of a data set without an official test set held out for testing.
    public static let defaultTestFraction = 0.15

    /// Creates a configuration after validating it.
    ///
    /// A nil `testFraction` becomes `defaultTestFraction` for a format without an official test set.
    ///
    /// - Throws: `ConfigurationError` with a field path under `data` when a value is invalid.
    public init(
        format: DataFormat = .idx, dataset: String? = nil, path: String? = nil,
        validationFraction: Double = defaultValidationFraction, testFraction: Double? = nil,
        normalization: NormalizationMode = .global, trainingLimit: Int? = nil, csv: CSVOptions? = nil
    ) throws {
        self.format = format
        self.dataset = dataset
        self.path = path
        self.validationFraction = validationFraction
        self.testFraction =
            format.hasOfficialTestSet ? testFraction : testFraction ?? Self.defaultTestFraction
        self.normalization = normalization
        self.trainingLimit = trainingLimit
        self.csv = csv
        try validate(fieldPath: { "data.\($0.stringValue)" })
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, dataset, path, validationFraction, testFraction, normalization, trainingLimit, csv
    }

    /// Decodes and validates a configuration, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIfPresent(DataFormat.self, forKey: .format) ?? .idx
        dataset = try container.decodeIfPresent(String.self, forKey: .dataset)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        validationFraction =
            try container.decodeIfPresent(Double.self, forKey: .validationFraction)
            ?? Self.defaultValidationFraction
        testFraction = try container.decodeIfPresent(Double.self, forKey: .testFraction)
        if !format.hasOfficialTestSet {
            testFraction = testFraction ?? Self.defaultTestFraction
        }
        normalization =
            try container.decodeIfPresent(NormalizationMode.self, forKey: .normalization) ?? .global
        trainingLimit = try container.decodeIfPresent(Int.self, forKey: .trainingLimit)
        csv = try container.decodeIfPresent(CSVOptions.self, forKey: .csv)
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    /// Checks every value, naming fields with `fieldPath`.
    private func validate(fieldPath: (CodingKeys) -> String) throws {
        try validateFormat(fieldPath: fieldPath)
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
        if let testFraction, !(testFraction > 0 && validationFraction + testFraction < 1) {
            throw ConfigurationError(
                field: fieldPath(.testFraction),
                rule:
                    "must be greater than 0 and less than 1 - validationFraction (\(1 - validationFraction))",
                value: "\(testFraction)")
        }
        if let trainingLimit, trainingLimit < 1 {
            throw ConfigurationError(
                field: fieldPath(.trainingLimit), rule: "must be at least 1", value: "\(trainingLimit)")
        }
    }

    /// Checks the fields that depend on the format.
    private func validateFormat(fieldPath: (CodingKeys) -> String) throws {
        switch format {
        case .idx:
            if let path, path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") {
                throw ConfigurationError(
                    field: fieldPath(.format),
                    rule: "is idx (the default), but path names a CSV file (set \"format\": \"csv\")")
            }
            if csv != nil {
                throw ConfigurationError(
                    field: fieldPath(.csv), rule: "is only allowed with \"format\": \"csv\"")
            }
            if let testFraction {
                throw ConfigurationError(
                    field: fieldPath(.testFraction),
                    rule: "must be absent for IDX data, which has an official test set",
                    value: "\(testFraction)")
            }
        case .csv:
            if path == nil {
                throw ConfigurationError(
                    field: fieldPath(.path),
                    rule: "is missing, but \"format\": \"csv\" needs the path of the CSV file")
            }
            if let dataset {
                throw ConfigurationError(
                    field: fieldPath(.dataset),
                    rule: "must be absent with \"format\": \"csv\", because only IDX data sets are known by "
                        + "name (set path to the CSV file)",
                    value: "\"\(dataset)\"")
            }
        }
    }

    /// Loads the official training and test sets this configuration names, or for CSV data, the
    /// whole data set without a test set.
    ///
    /// A named data set is searched with `locator`, except that a configured `path` takes the
    /// place of the locator's explicit path. A `path` alone is loaded with
    /// `DatasetLocator.loadFolder(_:)`.
    public func loadSets(using locator: DatasetLocator = DatasetLocator()) throws -> TrainingAndTestSets {
        if format == .csv {
            // Validation guarantees a path and no data set name for CSV data.
            let file = URL(fileURLWithPath: NSString(string: path ?? "").expandingTildeInPath)
                .standardizedFileURL
            let dataset = try Dataset(csvAt: file, options: csv ?? .standard)
            return TrainingAndTestSets(training: dataset, test: nil)
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
