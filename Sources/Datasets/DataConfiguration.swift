import Foundation
import TensorCore

/// The `data` section of an experiment: which data set to load, how to split it and how to
/// prepare it.
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
/// "data": {
///     "format": "imageFolder",
///     "path": "~/data/flowers",
///     "images": {"channels": 3, "size": [64, 64]},
///     "split": {"ratios": [70, 15, 15]},
///     "augmentation": {"horizontalFlip": true, "translation": 0.1}
/// }
/// ```
///
/// Formats (`DataFormat`):
/// - `idx` (the default): set `dataset` to a name from `DatasetDescriptor.catalog`, `path` to a
///   folder, or both. With both, `path` is searched first for the named set, like the `--data`
///   option. With only `path`, the folder must contain the four IDX files under their standard
///   names.
/// - `csv`: set `path` to the CSV file and describe it in `csv` (`CSVOptions`).
/// - `imageFolder`: set `path` to a folder of class folders, or to a folder with `train` and
///   `test` folders of that layout, and describe the images in `images` (`ImageOptions`).
/// - `cifar`: set `path` to the folder of the CIFAR-10 or CIFAR-100 binary batch files.
///
/// Splits: `split` (`SplitPlan`) is the general form, with ratios such as [80, 20] or
/// [70, 15, 15], or sample counts. `validationFraction` and `testFraction` are a shorthand for
/// ratios, and a configuration gives either `split` or the fractions, not both. Where the data
/// set has an official test set (IDX, CIFAR, and image folders with `train` and `test` folders),
/// it is the test split, and the plan only divides the official training set into training and
/// validation. Otherwise the plan also carves a stratified, seeded test split out of the whole
/// data set. `splitPlan(hasOfficialTestSet:name:)` states the rules.
///
/// Augmentation (`AugmentationConfiguration`) changes training images at random as batches are
/// assembled, every epoch anew, and never touches validation or test.
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
    /// `dataset`. For CSV data, the CSV file, which may be gzip-compressed. For image folders and
    /// CIFAR, the data set's folder.
    public var path: String?
    /// The share of each class held out for validation, in (0, 1): of the official training set
    /// where the data set has one, and of the whole data set otherwise. Nil when `split` is set,
    /// and `defaultValidationFraction` when neither is given.
    public var validationFraction: Double?
    /// The share of the whole data set held out for testing, for data without an official test
    /// set, in (0, 1) with `validationFraction + testFraction < 1`. Nil when `split` is set or the
    /// format always has an official test set. For CSV data, `defaultTestFraction` when not given.
    /// For image folders, nil until the folder is loaded, and then `defaultTestFraction` where it
    /// has no `test` folder.
    public var testFraction: Double?
    /// The sizes of the training, validation and test splits, in place of the fractions.
    public var split: SplitPlan?
    /// The standardization of features, fitted on the training split only. Default `global`.
    public var normalization: NormalizationMode
    /// When set, only this many samples of the training and validation pool are used, chosen by
    /// `Dataset.stratifiedPrefix(_:)` before the validation split. The pool is the official
    /// training set, or for data without an official test set, the samples left after the test
    /// split, so the test split stays the same. Useful for quick runs and tests.
    public var trainingLimit: Int?
    /// How to read a CSV file, allowed only with format `csv`. Nil means `CSVOptions.standard`.
    public var csv: CSVOptions?
    /// The settings that turn image files into samples, allowed only with format `imageFolder`.
    /// Nil means `ImageOptions.defaults`.
    public var images: ImageOptions?
    /// Random changes to the training images, drawn anew every epoch; never applied to validation
    /// or test. Nil means none.
    public var augmentation: AugmentationConfiguration?

    /// The default share held out for validation.
    public static let defaultValidationFraction = 0.1
    /// The default share of a data set without an official test set held out for testing.
    public static let defaultTestFraction = 0.15

    /// Creates a configuration after validating it.
    ///
    /// A nil `validationFraction` becomes `defaultValidationFraction` unless `split` is set. A nil
    /// `testFraction` becomes `defaultTestFraction` for CSV data unless `split` is set.
    ///
    /// - Throws: `ConfigurationError` with a field path under `data` when a value is invalid.
    public init(
        format: DataFormat = .idx, dataset: String? = nil, path: String? = nil,
        validationFraction: Double? = nil, testFraction: Double? = nil, split: SplitPlan? = nil,
        normalization: NormalizationMode = .global, trainingLimit: Int? = nil, csv: CSVOptions? = nil,
        images: ImageOptions? = nil, augmentation: AugmentationConfiguration? = nil
    ) throws {
        self.format = format
        self.dataset = dataset
        self.path = path
        self.validationFraction = validationFraction
        self.testFraction = testFraction
        self.split = split
        self.normalization = normalization
        self.trainingLimit = trainingLimit
        self.csv = csv
        self.images = images
        self.augmentation = augmentation
        try checkSplitSources(fieldPath: { "data.\($0.stringValue)" })
        applyFractionDefaults()
        try validate(fieldPath: { "data.\($0.stringValue)" })
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, dataset, path, validationFraction, testFraction, split, normalization, trainingLimit
        case csv, images, augmentation
    }

    /// Decodes and validates a configuration, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIfPresent(DataFormat.self, forKey: .format) ?? .idx
        dataset = try container.decodeIfPresent(String.self, forKey: .dataset)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        validationFraction = try container.decodeIfPresent(Double.self, forKey: .validationFraction)
        testFraction = try container.decodeIfPresent(Double.self, forKey: .testFraction)
        split = try container.decodeIfPresent(SplitPlan.self, forKey: .split)
        normalization =
            try container.decodeIfPresent(NormalizationMode.self, forKey: .normalization) ?? .global
        trainingLimit = try container.decodeIfPresent(Int.self, forKey: .trainingLimit)
        csv = try container.decodeIfPresent(CSVOptions.self, forKey: .csv)
        images = try container.decodeIfPresent(ImageOptions.self, forKey: .images)
        augmentation = try container.decodeIfPresent(AugmentationConfiguration.self, forKey: .augmentation)
        try checkSplitSources(fieldPath: { decoder.fieldPath($0) })
        applyFractionDefaults()
        try validate(fieldPath: { decoder.fieldPath($0) })
    }

    /// Rejects a split plan given together with a fraction, because both would set the split sizes.
    private func checkSplitSources(fieldPath: (CodingKeys) -> String) throws {
        guard split != nil else { return }
        let fractions = [
            validationFraction.map { _ in CodingKeys.validationFraction },
            testFraction.map { _ in CodingKeys.testFraction },
        ].compactMap { $0 }
        if let fraction = fractions.first {
            throw ConfigurationError(
                field: fieldPath(.split),
                rule: "cannot be combined with \(fraction.stringValue), because both set the split sizes "
                    + "(give split, or validationFraction and testFraction as a shorthand)")
        }
    }

    /// Fills in the default fractions where no split plan is given and the format settles them.
    private mutating func applyFractionDefaults() {
        guard split == nil else { return }
        validationFraction = validationFraction ?? Self.defaultValidationFraction
        if format.hasOfficialTestSet == false {
            testFraction = testFraction ?? Self.defaultTestFraction
        }
    }
}
