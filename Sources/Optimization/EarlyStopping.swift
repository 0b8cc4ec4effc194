/// The decision to stop training when a monitored metric stops improving, and the epoch whose
/// weights to restore.
///
/// `EarlyStopping` runs no training. After each epoch the trainer passes the monitored value
/// (usually a validation metric) to `record(_:epoch:)`. The epochs are counted by the rule
/// written on `PatienceTracker`, so training stops after the `patience`-th consecutive epoch
/// without improvement, or after the first such epoch when `patience` is 0.
///
/// The best epoch is the last one that counted as an improvement. When `record` returns
/// `.newBest`, a trainer that restores weights saves a copy of them. After the run ends,
/// whether by `.stop` or by the epoch limit, `shouldRestoreBestWeights(lastEpoch:)` returns
/// whether to load that copy.
///
/// For example, mode `.min`, patience 2 and `minDelta` 0 over the losses 0.9, 0.7, 0.8,
/// 0.75 stop after epoch 3, with best epoch 1.
///
/// ```swift
/// var stopping = EarlyStopping(mode: .min, patience: 5)
/// for epoch in 0..<maxEpochs {
///     let loss = trainAndValidate(epoch)
///     let decision = stopping.record(loss, epoch: epoch)
///     if decision == .newBest { saved = model.copyOfWeights() }
///     if decision == .stop { break }
/// }
/// if stopping.shouldRestoreBestWeights(lastEpoch: lastEpoch) { model.load(saved) }
/// ```
public struct EarlyStopping: Equatable, Sendable {
    /// The trainer's next action after the epoch just recorded.
    public enum Decision: Equatable, Sendable {
        /// The epoch is the new best: keep training, and save its weights to restore later.
        case newBest
        /// The epoch did not improve, but the patience is not exhausted: keep training.
        case noImprovement
        /// The epoch did not improve and exhausted the patience: stop after this epoch.
        case stop
    }

    /// The best value, best epoch and epoch counter.
    public private(set) var tracker: PatienceTracker
    /// Whether the trainer should load the best epoch's weights at the end of the run.
    public let restoreBestWeights: Bool
    /// The first epoch whose decision was `.stop`, or nil while training should go on.
    public private(set) var stoppedEpoch: Int?

    /// Creates the logic for a metric whose better direction is `mode`.
    ///
    /// `patience` must not be negative and `minDelta` must be finite and not negative.
    public init(
        mode: MonitorMode, patience: Int, minDelta: Float = 0, deltaMode: DeltaMode = .absolute,
        restoreBestWeights: Bool = true
    ) {
        self.tracker = PatienceTracker(
            mode: mode, patience: patience, minDelta: minDelta, deltaMode: deltaMode)
        self.restoreBestWeights = restoreBestWeights
    }

    /// The epoch that last counted as an improvement, or nil before any.
    public var bestEpoch: Int? { tracker.bestEpoch }
    /// The monitored value at `bestEpoch`, or nil before any improvement.
    public var bestValue: Float? { tracker.bestValue }

    /// Records the monitored value at the end of `epoch` and returns what to do next.
    public mutating func record(_ value: Float, epoch: Int) -> Decision {
        switch tracker.record(value, epoch: epoch) {
        case .improved:
            return .newBest
        case .notImproved:
            return .noImprovement
        case .patienceExhausted:
            if stoppedEpoch == nil {
                stoppedEpoch = epoch
            }
            return .stop
        }
    }

    /// Returns whether the trainer should load the weights of `bestEpoch` after a run whose
    /// last epoch was `lastEpoch`.
    ///
    /// True when `restoreBestWeights` is set, some epoch improved, and the best epoch is not
    /// the last one, whether the run ended by a `.stop` decision or by the epoch limit.
    public func shouldRestoreBestWeights(lastEpoch: Int) -> Bool {
        guard restoreBestWeights, let bestEpoch else {
            return false
        }
        return bestEpoch != lastEpoch
    }
}
