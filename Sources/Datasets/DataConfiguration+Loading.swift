import Foundation

extension DataConfiguration {
    /// Loads the data set this configuration names: the official training and test sets, or the
    /// whole data set with a nil test set where it has no official test set (CSV files, and image
    /// folders without `train` and `test` folders).
    ///
    /// A named IDX data set is searched with `locator`, except that a configured `path` takes the
    /// place of the locator's explicit path. An IDX `path` alone is loaded with
    /// `DatasetLocator.loadFolder(_:)`, and image formats with `loadImageSets()`.
    public func loadSets(using locator: DatasetLocator = DatasetLocator()) throws -> TrainingAndTestSets {
        switch format {
        case .csv:
            // Validation guarantees a path and no data set name for CSV data.
            let file = URL(fileURLWithPath: NSString(string: path ?? "").expandingTildeInPath)
                .standardizedFileURL
            let dataset = try Dataset(csvAt: file, options: csv ?? .standard)
            return TrainingAndTestSets(training: dataset, test: nil)
        case .imageFolder, .cifar:
            return try loadImageSets().sets
        case .idx:
            break
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

    /// Returns the split plan for a data set with or without an official test set.
    ///
    /// Rules:
    /// - `split`, when set, is the plan. It must have a test split exactly when the data set has
    ///   no official test set.
    /// - Otherwise the fractions are a shorthand. With an official test set, `validationFraction`
    ///   v gives the ratios [1 - v, v] of the official training set. Without one, v and
    ///   `testFraction` t (default `defaultTestFraction`) give the ratios [1 - v - t, v, t] of the
    ///   whole data set.
    ///
    /// - Parameter name: the data set's name, for error messages.
    /// - Throws: `DatasetError.invalidDataset` when the plan or a fraction asks for a test split
    ///   that the data set has officially, or lacks one that it needs, and
    ///   `DatasetError.invalidSplitFractions` when v + t is not below 1.
    public func splitPlan(hasOfficialTestSet: Bool, name: String) throws -> SplitPlan {
        if let split {
            if hasOfficialTestSet && split.hasTestSplit {
                throw DatasetError.invalidDataset(
                    name: name,
                    reason: "it has an official test set, so data.split must not include a test split "
                        + "(give two ratios, or no testCount)")
            }
            if !hasOfficialTestSet && !split.hasTestSplit {
                throw DatasetError.invalidDataset(
                    name: name,
                    reason: "it has no official test set, so data.split must include a test split "
                        + "(give three ratios, or a testCount)")
            }
            return split
        }

        let validation = validationFraction ?? Self.defaultValidationFraction
        if hasOfficialTestSet {
            guard testFraction == nil else {
                throw DatasetError.invalidDataset(
                    name: name,
                    reason: "it has an official test set, so the configuration must not set a test fraction "
                        + "(remove data.testFraction)")
            }
            return try SplitPlan(ratios: [1 - validation, validation])
        }
        let test = testFraction ?? Self.defaultTestFraction
        guard validation > 0, test > 0, validation + test < 1 else {
            throw DatasetError.invalidSplitFractions(validation: validation, test: test)
        }
        return try SplitPlan(ratios: [1 - validation - test, validation, test])
    }
}
