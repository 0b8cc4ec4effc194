import Datasets

/// Progress within an epoch, passed to observers after every batch.
public struct BatchProgress: Sendable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Epoch limit of the run.
    public var epochs: Int
    /// Batches finished in this epoch.
    public var batch: Int
    /// Batches in this epoch.
    public var batches: Int
    /// Mean training loss of the epoch so far.
    public var runningLoss: Double
    /// Training samples per second in this epoch so far.
    public var samplesPerSecond: Double
    /// Seconds since the epoch started.
    public var elapsed: Double
}

/// Receives progress from a `Trainer`; used for the progress bar and per-epoch log lines.
public protocol TrainingObserver: AnyObject {
    /// Called after each training batch.
    func trainer(didFinishBatch progress: BatchProgress)
    /// Called after each epoch's validation, with the epoch's record.
    func trainer(didFinishEpoch record: EpochRecord, of epochs: Int)
    /// Called after a `TrainingRun` loads and prepares its data, before training. Not called when
    /// the caller passes prepared data to `TrainingRun.run(writingTo:data:evaluatesTest:)`.
    func trainingRun(didPrepare data: PreparedData)
}

extension TrainingObserver {
    /// Does nothing, for observers that only follow training.
    public func trainingRun(didPrepare data: PreparedData) {}
}
