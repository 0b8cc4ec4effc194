import Datasets
import Evaluation
import Foundation

/// The machine-readable result of one training run, written as `summary.json`.
public struct RunSummary: Codable, Sendable {
    /// Metrics of one split.
    public struct SplitMetrics: Codable, Sendable {
        public var loss: Double
        public var accuracy: Double
        public var macroF1: Double
        public var weightedF1: Double
        public var macroPrecision: Double
        public var macroRecall: Double
        /// Value of the early-stopping monitor when it is not loss or accuracy.
        public var monitor: Double?

        init(_ evaluation: ModelEvaluation, monitor: Double? = nil) {
            loss = evaluation.loss
            accuracy = evaluation.accuracy
            macroF1 = evaluation.report.macroF1
            weightedF1 = evaluation.report.weightedF1
            macroPrecision = evaluation.report.macroPrecision
            macroRecall = evaluation.report.macroRecall
            self.monitor = monitor
        }
    }

    /// Sizes of the splits and the seed that drew them.
    public struct SplitSizes: Codable, Sendable {
        public var training: Int
        public var validation: Int
        public var test: Int
    }

    /// Size of the model.
    public struct ModelFacts: Codable, Sendable {
        public var parameters: Int
        public var multiplyAddsPerSample: Int
        public var layers: [String]
    }

    public var experiment: String
    public var status: RunStatus
    public var message: String?
    public var seed: UInt64
    /// Epochs trained.
    public var epochs: Int
    public var bestEpoch: Int?
    public var stoppedEpoch: Int?
    public var restoredBestWeights: Bool
    /// The early-stopping monitor, such as `loss` or `recall[malignant]`.
    public var monitor: String
    /// Wall-clock seconds of the whole run, data loading included.
    public var seconds: Double
    public var threads: Int
    /// A note on what a rerun with the same seed reproduces.
    public var reproducibility: String
    /// Metrics on the validation split for the weights the model ends with.
    public var validation: SplitMetrics?
    /// Metrics on the official test split, computed once after training.
    public var test: SplitMetrics?
    /// Per-class metrics, averages, warnings and confusion matrix of the test split.
    public var testReport: ClassificationReport?
    /// ROC AUC, average precision and the decision threshold of the positive class, when the
    /// experiment names one.
    public var binary: BinaryAnalysis?
    public var split: SplitSizes
    /// Warnings about the data: classes left out of some splits, and validation or test splits
    /// whose class shares, channel statistics or image sizes differ from training's. Empty when
    /// there are none, and nil in summaries written before runs recorded warnings.
    public var warnings: [String]?
    public var standardization: Standardization
    public var model: ModelFacts
    /// The process's memory during the run, and the streaming cache's use; nil in summaries
    /// written before runs recorded memory.
    public var memory: MemoryFacts?
    /// The loader's report of each image folder (files read, skipped and ignored), the training
    /// folder first; nil for other formats.
    public var imageFolders: [ImageFolderReport]?

    /// The resident memory of the process during a run, as `ProcessMemory` reads it, and the
    /// use of the cache of a streamed data set.
    public struct MemoryFacts: Codable, Sendable {
        /// Resident mebibytes when the run started: before it loaded its data, or after, when the
        /// data was prepared beforehand (a study's trials share it).
        public var residentAtStartMB: Double?
        /// The process's peak resident memory in mebibytes, up to the end of the run.
        public var peakResidentMB: Double?
        /// `data.images.memoryLimitMB` when the data streamed from its files.
        public var streamingLimitMB: Int?
        /// The cache of decoded samples at the end of the run, when the data streamed: its size
        /// then, and the hits and misses of this run's reads, preparation included where the
        /// run prepared its data.
        public var cache: SampleCache.Statistics?

        public init(
            residentAtStartMB: Double?, peakResidentMB: Double?, streamingLimitMB: Int?,
            cache: SampleCache.Statistics?
        ) {
            self.residentAtStartMB = residentAtStartMB
            self.peakResidentMB = peakResidentMB
            self.streamingLimitMB = streamingLimitMB
            self.cache = cache
        }
    }
}
