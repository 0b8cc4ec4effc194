import Foundation

/// The data of one run, ready to train on: standardized training, validation and test sets, with
/// the split and the statistics that produced them.
public struct PreparedData: Sendable {
    /// The training split, standardized.
    public var training: Dataset
    /// The validation split, standardized with the training statistics.
    public var validation: Dataset
    /// The official test set, standardized with the training statistics.
    public var test: Dataset
    /// The split as indices into the official training set (before any training limit), for the
    /// run record.
    public var split: DatasetSplit
    /// The statistics fitted on the training split, for the run record.
    public var standardization: Standardization

    /// Limits, splits and standardizes `sets` as `configuration` specifies.
    ///
    /// First, when `configuration.trainingLimit` is set, only that many samples of the official
    /// training set are kept. Then they are split into training and validation with `seed`.
    /// Last, the standardization is fitted on the training split and applied to all three sets.
    ///
    /// - Throws: `DatasetError` when the limit exceeds the training set, a class is too small to
    ///   split, or the normalization mode does not fit the sample shape.
    public init(sets: TrainingAndTestSets, configuration: DataConfiguration, seed: UInt64) throws {
        var pool = sets.training
        var poolIndices = Array(0..<pool.count)
        if let limit = configuration.trainingLimit {
            poolIndices = try pool.stratifiedPrefix(limit)
            pool = pool.subset(poolIndices)
        }

        let poolSplit = try pool.stratifiedSplit(
            validationFraction: configuration.validationFraction, seed: seed)
        var training = pool.subset(poolSplit.trainingIndices)
        var validation = pool.subset(poolSplit.validationIndices)
        var test = sets.test

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
            validationIndices: poolSplit.validationIndices.map { poolIndices[$0] })
        self.standardization = standardization
    }
}
