import TensorCore

/// How to divide a data set into training, validation and, optionally, test splits: by ratios or
/// by sample counts. It is the `split` object of the `data` section.
///
/// ```json
/// "split": {"ratios": [70, 15, 15]}
/// "split": {"validationCount": 10000, "testCount": 10000, "allowSmallClasses": true}
/// ```
///
/// Ratios are training:validation or training:validation:test, such as [80, 20] or
/// [0.6, 0.2, 0.2]; only their proportions count. Counts fix the validation and test sizes, and
/// training gets every other sample. `Dataset.stratifiedSplit(plan:seed:)` applies a plan.
///
/// For a data set with an official test set, use a plan without a test split on the official
/// training set, and keep the official test set as the test split.
public struct SplitPlan: Codable, Equatable, Sendable {
    /// The sizes of the splits.
    public enum Sizes: Equatable, Sendable {
        /// Relative sizes of training, validation and test; test is 0 for a plan without a test split.
        case ratios(training: Double, validation: Double, test: Double)
        /// Numbers of validation and test samples; test is 0 for a plan without a test split.
        case counts(validation: Int, test: Int)
    }

    /// The sizes of the splits.
    public var sizes: Sizes
    /// Whether a class with fewer samples than there are splits goes wholly into training with a
    /// warning. When false (the default), such a class is an error.
    public var allowSmallClasses: Bool

    /// Whether the plan has a test split.
    public var hasTestSplit: Bool {
        switch sizes {
        case .ratios(_, _, let test): test > 0
        case .counts(_, let test): test > 0
        }
    }

    /// The same plan without its test split: the training and validation ratios, or the
    /// validation count, with the same treatment of small classes.
    public var withoutTestSplit: SplitPlan {
        var plan = self
        switch sizes {
        case .ratios(let training, let validation, _):
            plan.sizes = .ratios(training: training, validation: validation, test: 0)
        case .counts(let validation, _):
            plan.sizes = .counts(validation: validation, test: 0)
        }
        return plan
    }

    /// Creates a plan from ratios training:validation or training:validation:test.
    ///
    /// - Throws: `ConfigurationError` for `data.split.ratios` when there are not 2 or 3 ratios or
    ///   one is not a positive finite number.
    public init(ratios: [Double], allowSmallClasses: Bool = false) throws {
        try Self.checkRatios(ratios, field: "data.split.ratios")
        sizes = .ratios(training: ratios[0], validation: ratios[1], test: ratios.count == 3 ? ratios[2] : 0)
        self.allowSmallClasses = allowSmallClasses
    }

    /// Creates a plan with `validationCount` validation and `testCount` test samples.
    ///
    /// - Throws: `ConfigurationError` for a validation count below 1 or a negative test count.
    public init(validationCount: Int, testCount: Int = 0, allowSmallClasses: Bool = false) throws {
        try Self.checkCounts(validation: validationCount, test: testCount, fieldPrefix: "data.split.")
        sizes = .counts(validation: validationCount, test: testCount)
        self.allowSmallClasses = allowSmallClasses
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ratios, validationCount, testCount, allowSmallClasses
    }

    /// Decodes and validates a plan, rejecting unknown fields and a mix of ratios and counts.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        allowSmallClasses = try container.decodeIfPresent(Bool.self, forKey: .allowSmallClasses) ?? false
        let ratios = try container.decodeIfPresent([Double].self, forKey: .ratios)
        let validationCount = try container.decodeIfPresent(Int.self, forKey: .validationCount)
        let testCount = try container.decodeIfPresent(Int.self, forKey: .testCount)

        if let ratios {
            guard validationCount == nil, testCount == nil else {
                throw ConfigurationError(
                    field: decoder.fieldPath(CodingKeys.ratios),
                    rule: "cannot be combined with validationCount or testCount (give ratios or counts)")
            }
            try Self.checkRatios(ratios, field: decoder.fieldPath(CodingKeys.ratios))
            sizes = .ratios(
                training: ratios[0], validation: ratios[1], test: ratios.count == 3 ? ratios[2] : 0)
        } else if let validationCount {
            try Self.checkCounts(
                validation: validationCount, test: testCount ?? 0, fieldPrefix: decoder.fieldPath + ".")
            sizes = .counts(validation: validationCount, test: testCount ?? 0)
        } else {
            throw ConfigurationError(
                field: decoder.fieldPath(CodingKeys.ratios),
                rule: "is missing, and so is validationCount (give ratios such as [80, 20] or [70, 15, 15], "
                    + "or validationCount and optionally testCount)")
        }
    }

    /// Encodes the plan in the form it was given: ratios or counts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch sizes {
        case .ratios(let training, let validation, let test):
            try container.encode(
                test > 0 ? [training, validation, test] : [training, validation], forKey: .ratios)
        case .counts(let validation, let test):
            try container.encode(validation, forKey: .validationCount)
            try container.encode(test, forKey: .testCount)
        }
        try container.encode(allowSmallClasses, forKey: .allowSmallClasses)
    }

    private static func checkRatios(_ ratios: [Double], field: String) throws {
        guard ratios.count == 2 || ratios.count == 3 else {
            throw ConfigurationError(
                field: field,
                rule: "must have 2 (training, validation) or 3 (training, validation, test) values",
                value: "\(ratios)")
        }
        guard ratios.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ConfigurationError(
                field: field, rule: "must contain only positive numbers", value: "\(ratios)")
        }
    }

    private static func checkCounts(validation: Int, test: Int, fieldPrefix: String) throws {
        guard validation >= 1 else {
            throw ConfigurationError(
                field: fieldPrefix + CodingKeys.validationCount.stringValue, rule: "must be at least 1",
                value: "\(validation)")
        }
        guard test >= 0 else {
            throw ConfigurationError(
                field: fieldPrefix + CodingKeys.testCount.stringValue, rule: "must not be negative",
                value: "\(test)")
        }
    }
}
