import TensorCore

extension DataConfiguration {
    /// Checks every value, naming fields with `fieldPath`.
    func validate(fieldPath: (CodingKeys) -> String) throws {
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
        if let validationFraction, !(validationFraction > 0 && validationFraction < 1) {
            throw ConfigurationError(
                field: fieldPath(.validationFraction), rule: "must be greater than 0 and less than 1",
                value: "\(validationFraction)")
        }
        if let testFraction {
            let validation = validationFraction ?? Self.defaultValidationFraction
            if !(testFraction > 0 && validation + testFraction < 1) {
                throw ConfigurationError(
                    field: fieldPath(.testFraction),
                    rule:
                        "must be greater than 0 and less than 1 - validationFraction (\(1 - validation))",
                    value: "\(testFraction)")
            }
        }
        if let augmentation, augmentation.isEnabled, normalization == .perFeature {
            throw ConfigurationError(
                field: fieldPath(.augmentation),
                rule: "cannot be combined with \"normalization\": \"perFeature\", whose statistics belong to "
                    + "pixel positions (use global or perChannel)")
        }
        if let trainingLimit, trainingLimit < 1 {
            throw ConfigurationError(
                field: fieldPath(.trainingLimit), rule: "must be at least 1", value: "\(trainingLimit)")
        }
    }

    /// Checks the fields that depend on the format.
    private func validateFormat(fieldPath: (CodingKeys) -> String) throws {
        if format != .csv, csv != nil {
            throw ConfigurationError(field: fieldPath(.csv), rule: "is only allowed with \"format\": \"csv\"")
        }
        if format != .imageFolder, images != nil {
            throw ConfigurationError(
                field: fieldPath(.images), rule: "is only allowed with \"format\": \"imageFolder\"",
                value: "format \(format.rawValue)")
        }
        if format.hasOfficialTestSet == true {
            try rejectTestSplit(fieldPath: fieldPath)
        }
        if format.hasOfficialTestSet == false, let split, !split.hasTestSplit {
            throw ConfigurationError(
                field: fieldPath(.split),
                rule: "must include a test split (three ratios, or testCount), because \(format.rawValue) "
                    + "data has no official test set")
        }

        switch format {
        case .idx:
            if let path, path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") {
                throw ConfigurationError(
                    field: fieldPath(.format),
                    rule: "is idx (the default), but path names a CSV file (set \"format\": \"csv\")")
            }
        case .csv, .imageFolder, .cifar:
            if path == nil {
                throw ConfigurationError(
                    field: fieldPath(.path),
                    rule: "is missing, but \"format\": \"\(format.rawValue)\" reads the data set at path")
            }
            if let dataset {
                throw ConfigurationError(
                    field: fieldPath(.dataset),
                    rule: "must be absent with \"format\": \"\(format.rawValue)\", because only IDX data "
                        + "sets are known by name (set path to the data)",
                    value: "\"\(dataset)\"")
            }
        }
    }

    /// Rejects a test fraction or a split plan with a test split for a format that always has an
    /// official test set.
    private func rejectTestSplit(fieldPath: (CodingKeys) -> String) throws {
        let kind = format == .idx ? "IDX" : "CIFAR"
        if let testFraction {
            throw ConfigurationError(
                field: fieldPath(.testFraction),
                rule: "must be absent for \(kind) data, which has an official test set",
                value: "\(testFraction)")
        }
        if let split, split.hasTestSplit {
            throw ConfigurationError(
                field: fieldPath(.split),
                rule: "must not include a test split for \(kind) data, which has an official test set "
                    + "(give two ratios, or no testCount)")
        }
    }
}
