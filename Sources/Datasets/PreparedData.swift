import Foundation

/// The data of one run, ready to train on: standardized training, validation and test sets, with
/// the split and the statistics that produced them.
public struct PreparedData: Sendable {
    /// The training split, standardized.
    public var training: Dataset
    /// The validation split, standardized with the training statistics.
    public var validation: Dataset
    /// The test set, standardized with the training statistics: the official test set, or the
    /// test split carved out of a data set that has none.
    public var test: Dataset
    /// The split as indices into the official training set (before any training limit), or into
    /// the whole data set when it has no official test set, for the run record.
    public var split: DatasetSplit
    /// The statistics fitted on the training split, for the run record.
    public var standardization: Standardization

    /// Splits, limits and standardizes `sets` as `configuration` specifies.
    ///
    /// First, when `sets` has no official test set, a stratified test split of
    /// `configuration.testFraction` (default `DataConfiguration.defaultTestFraction`) is held out
    /// with `seed`, as `Dataset.stratifiedSplit(validationFraction:testFraction:seed:)` describes.
    /// Next, when `configuration.trainingLimit` is set, only that many of the other samples are
    /// kept. Then they are split into training and validation with `seed`. Last, the
    /// standardization is fitted on the training split and applied to all three sets.
    ///
    /// - Throws: `DatasetError` when the limit exceeds the samples available, the fractions are
    ///   invalid, a class is too small to split, or the normalization mode does not fit the sample
    ///   shape. It also throws when `configuration.testFraction` is set for a data set with an
    ///   official test set.
    public init(sets: TrainingAndTestSets, configuration: DataConfiguration, seed: UInt64) throws {
        var pool = sets.training
        var poolIndices = Array(0..<pool.count)
        var validationFraction = configuration.validationFraction
        var test: Dataset
        var testIndices: [Int]?
        if let officialTest = sets.test {
            guard configuration.testFraction == nil else {
                throw DatasetError.invalidDataset(
                    name: officialTest.name,
                    reason: "it has an official test set, so the configuration must not set a test fraction")
            }
            test = officialTest
        } else {
            let testFraction = configuration.testFraction ?? DataConfiguration.defaultTestFraction
            let (remaining, heldOut) = try pool.stratifiedTestHoldOut(
                testFraction: testFraction, validationFraction: validationFraction, seed: seed)
            test = pool.subset(heldOut)
            testIndices = heldOut
            poolIndices = remaining
            pool = pool.subset(remaining)
            // The validation fraction is a share of the whole data set, so of the rest it is larger.
            validationFraction /= 1 - testFraction
        }

        if let limit = configuration.trainingLimit {
            let limited = try pool.stratifiedPrefix(limit)
            poolIndices = limited.map { poolIndices[$0] }
            pool = pool.subset(limited)
        }

        let poolSplit = try pool.stratifiedSplit(validationFraction: validationFraction, seed: seed)
        var training = pool.subset(poolSplit.trainingIndices)
        var validation = pool.subset(poolSplit.validationIndices)

        let standardization = try Standardization(fitting: configuration.normalization, to: training)
        try standardization.apply(to: &training)
        try standardization.apply(to: &validation)
        try standardization.apply(to: &test)

        self.training = training
        self.validation = validation
        self.test = test
        // poolIndices is ascending, so mapping keeps both lists sorted.
        split = DatasetSplit(
            trainingIndices: poolSplit.trainingIndices.map { poolIndices[$0] },
            validationIndices: poolSplit.validationIndices.map { poolIndices[$0] }, testIndices: testIndices)
        self.standardization = standardization
    }
}
