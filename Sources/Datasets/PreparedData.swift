import Foundation

/// The data of one run, ready to train on: standardized training, validation and test sets, with
/// the split, the statistics that produced them, and warnings about the splits.
///
/// The sets are `Dataset` values held in memory, or `StreamedImageSet` values read from their
/// files when the data is an image folder with `data.images.memoryLimitMB` set.
public struct PreparedData: Sendable {
    /// The training split, standardized.
    public var training: any SampleSource
    /// The validation split, standardized with the training statistics.
    public var validation: any SampleSource
    /// The test set, standardized with the training statistics: the official test set, or the
    /// test split carved out of a data set that has none.
    public var test: any SampleSource
    /// The split as indices into the official training set (before any training limit), or into
    /// the whole data set when it has no official test set, for the run record.
    public var split: DatasetSplit
    /// The plan that produced the split, from `DataConfiguration.splitPlan(hasOfficialTestSet:name:)`.
    public var splitPlan: SplitPlan
    /// The statistics fitted on the training split, for the run record.
    public var standardization: Standardization
    /// Sentences about classes left out of some splits because `SplitPlan.allowSmallClasses` is
    /// set.
    public var splitWarnings: [String]
    /// The findings of the distribution check of validation and test against training, computed
    /// on the features before standardization.
    public var distributionWarnings: [SplitDistributionCheck.Warning]
    /// The cache of decoded samples that the sets share when they stream from files; nil when
    /// they are held in memory.
    public var streamingCache: SampleCache?
    /// The loader's report of each image folder (files read, skipped and ignored), the training
    /// folder first; empty for other formats.
    public var imageFolderReports: [ImageFolderReport]

    /// All warnings as sentences for the console and the run record: the split warnings, then
    /// the distribution warnings.
    public var warnings: [String] {
        splitWarnings + distributionWarnings.map(\.message)
    }

    /// Splits, limits, checks and standardizes `sets` as `configuration` specifies.
    ///
    /// Steps:
    /// 1. The plan is `configuration.splitPlan(hasOfficialTestSet:name:)`.
    /// 2. Where `sets` has an official test set, it is the test split. Otherwise the plan carves a
    ///    stratified test split out of the whole data set with `Dataset.stratifiedSplit(plan:seed:)`
    ///    and `seed`.
    /// 3. When `configuration.trainingLimit` is set, only that many samples of the rest are kept,
    ///    chosen by `Dataset.stratifiedPrefix(_:)`, and they are split again into training and
    ///    validation by the plan without its test split. Without a limit and without an official
    ///    test set, step 2 already gave all three splits in one call. With an official test set,
    ///    the official training set is split by the plan.
    /// 4. `distributionCheck`, unless nil, compares validation and test with training.
    /// 5. The standardization is fitted on the training split and applied to all three sets.
    ///
    /// - Throws: `DatasetError` when the plan does not fit the data set (see
    ///   `Dataset.stratifiedSplit(plan:seed:)`), when the limit exceeds the samples available, or
    ///   when the normalization mode does not fit the sample shape. It also throws when the
    ///   configuration sets a test fraction or a test split for a data set with an official test
    ///   set, or a split plan without a test split for one without.
    public init(
        sets: TrainingAndTestSets, configuration: DataConfiguration, seed: UInt64,
        distributionCheck: SplitDistributionCheck? = SplitDistributionCheck()
    ) throws {
        let whole = sets.training
        let plan = try configuration.splitPlan(hasOfficialTestSet: sets.test != nil, name: whole.name)
        let (split, splitWarnings) = try Self.split(
            whole, hasOfficialTestSet: sets.test != nil, plan: plan,
            trainingLimit: configuration.trainingLimit,
            seed: seed)

        var training = whole.subset(split.trainingIndices)
        var validation = whole.subset(split.validationIndices)
        // The split has test indices exactly when the data set has no official test set.
        var test = sets.test ?? whole.subset(split.testIndices ?? [])

        if let distributionCheck {
            let trainingSizes = sets.trainingImageSizes
            let testSizes =
                split.testIndices.map { indices in trainingSizes.map { sizes in indices.map { sizes[$0] } } }
                ?? sets.testImageSizes
            let trainingStatistics = SplitStatistics(
                name: "training", dataset: training,
                imageSizes: trainingSizes.map { sizes in split.trainingIndices.map { sizes[$0] } })
            let others = [
                SplitStatistics(
                    name: "validation", dataset: validation,
                    imageSizes: trainingSizes.map { sizes in split.validationIndices.map { sizes[$0] } }),
                SplitStatistics(name: "test", dataset: test, imageSizes: testSizes),
            ]
            distributionWarnings = distributionCheck.compare(others, withTraining: trainingStatistics)
        } else {
            distributionWarnings = []
        }

        let standardization = try Standardization(fitting: configuration.normalization, to: training)
        try standardization.apply(to: &training)
        try standardization.apply(to: &validation)
        try standardization.apply(to: &test)

        self.training = training
        self.validation = validation
        self.test = test
        self.split = split
        splitPlan = plan
        self.standardization = standardization
        self.splitWarnings = splitWarnings
        streamingCache = nil
        imageFolderReports = sets.imageFolderReports
    }

    /// Splits, checks and standardizes an image folder that streams from its files, with the
    /// steps of `init(sets:configuration:seed:distributionCheck:)`, so that the same
    /// configuration and seed give the same split, statistics and samples as in memory.
    ///
    /// The files are decoded once by `DataConfiguration.streamImageSets()`, which records the
    /// moments the distribution check needs, and once more to fit the standardization on the
    /// training split, which fills the cache with the first training samples. The test split
    /// does not enter the cache.
    ///
    /// - Throws: the errors of `DataConfiguration.streamImageSets()` and of the in-memory
    ///   preparation.
    public init(
        streaming configuration: DataConfiguration, seed: UInt64,
        distributionCheck: SplitDistributionCheck? = SplitDistributionCheck()
    ) throws {
        let sets = try configuration.streamImageSets()
        let whole = sets.training
        let hasOfficialTestSet = sets.test != nil
        let plan = try configuration.splitPlan(hasOfficialTestSet: hasOfficialTestSet, name: whole.name)
        let (split, splitWarnings) = try Self.split(
            whole, hasOfficialTestSet: hasOfficialTestSet, plan: plan,
            trainingLimit: configuration.trainingLimit, seed: seed)

        let training = whole.subset(split.trainingIndices)
        let validation = whole.subset(split.validationIndices)
        let test = sets.test ?? whole.subset(split.testIndices ?? [], admitsToCache: false)

        if let distributionCheck {
            func statistics(_ name: String, _ indices: [Int]) -> SplitStatistics {
                SplitStatistics(
                    name: name, labels: indices.map { whole.labels[$0] }, classCount: whole.classCount,
                    moments: sets.trainingMoments.subset(indices),
                    imageSizes: indices.map { sets.trainingImageSizes[$0] })
            }
            let testStatistics =
                split.testIndices.map { statistics("test", $0) }
                ?? SplitStatistics(
                    name: "test", labels: test.labels, classCount: test.classCount,
                    moments: sets.testMoments!,
                    imageSizes: sets.testImageSizes)
            distributionWarnings = distributionCheck.compare(
                [statistics("validation", split.validationIndices), testStatistics],
                withTraining: statistics("training", split.trainingIndices))
        } else {
            distributionWarnings = []
        }

        let standardization = try Standardization(fitting: configuration.normalization, to: training)
        self.training = try training.standardized(with: standardization)
        self.validation = try validation.standardized(with: standardization)
        self.test = try test.standardized(with: standardization)
        self.split = split
        splitPlan = plan
        self.standardization = standardization
        self.splitWarnings = splitWarnings
        streamingCache = whole.cache
        imageFolderReports = sets.reports
    }

    /// Returns the split of `whole` by `plan` as `init(sets:configuration:seed:distributionCheck:)`
    /// describes it, with the plan's warnings, each once.
    static func split(
        _ whole: any SampleSource, hasOfficialTestSet: Bool, plan: SplitPlan, trainingLimit: Int?,
        seed: UInt64
    ) throws -> (DatasetSplit, [String]) {
        var warnings: [String] = []
        var testIndices: [Int]?
        var pool = Array(0..<whole.count)
        if !hasOfficialTestSet {
            let carved = try Dataset.stratifiedSplit(
                labels: whole.labels, classNames: whole.classNames, name: whole.name, plan: plan, seed: seed)
            guard trainingLimit != nil else {
                let split = DatasetSplit(
                    trainingIndices: carved.trainingIndices, validationIndices: carved.validationIndices,
                    testIndices: carved.testIndices)
                return (split, carved.warnings)
            }
            warnings = carved.warnings
            testIndices = carved.testIndices
            pool = (carved.trainingIndices + carved.validationIndices).sorted()
        }

        var labels = pool.map { whole.labels[$0] }
        if let trainingLimit {
            let limited = try Dataset.stratifiedPrefix(
                trainingLimit, labels: labels, classCount: whole.classCount, name: whole.name)
            pool = limited.map { pool[$0] }
            labels = limited.map { labels[$0] }
        }
        let poolSplit = try Dataset.stratifiedSplit(
            labels: labels, classNames: whole.classNames, name: whole.name, plan: plan.withoutTestSplit,
            seed: seed)
        for warning in poolSplit.warnings where !warnings.contains(warning) {
            warnings.append(warning)
        }
        // `pool` is ascending, so mapping keeps both lists sorted.
        let split = DatasetSplit(
            trainingIndices: poolSplit.trainingIndices.map { pool[$0] },
            validationIndices: poolSplit.validationIndices.map { pool[$0] }, testIndices: testIndices)
        return (split, warnings)
    }
}
