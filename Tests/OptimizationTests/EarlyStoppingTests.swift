import Testing

@testable import Optimization

/// Records `values` for epochs 0, 1, ... until a `.stop` decision and returns the decisions.
private func run(_ stopping: inout EarlyStopping, _ values: [Float]) -> [EarlyStopping.Decision] {
    var decisions: [EarlyStopping.Decision] = []
    for (epoch, value) in values.enumerated() {
        let decision = stopping.record(value, epoch: epoch)
        decisions.append(decision)
        if decision == .stop {
            break
        }
    }
    return decisions
}

@Test func earlyStoppingDocumentedExample() {
    var stopping = EarlyStopping(mode: .min, patience: 2)
    let decisions = run(&stopping, [0.9, 0.7, 0.8, 0.75, 0.6])
    #expect(decisions == [.newBest, .newBest, .noImprovement, .stop])
    #expect(stopping.stoppedEpoch == 3)
    #expect(stopping.bestEpoch == 1)
    #expect(stopping.bestValue == 0.7)
    #expect(stopping.shouldRestoreBestWeights(lastEpoch: 3))
}

@Test func earlyStoppingCounterResetsOnImprovement() {
    // patience 3: the stalls at epochs 2-3 are forgiven by the improvement at 4, and
    // epochs 5, 6, 7 then exhaust the patience.
    var stopping = EarlyStopping(mode: .min, patience: 3)
    let decisions = run(&stopping, [1.0, 0.9, 0.95, 0.92, 0.8, 0.81, 0.8, 0.85, 0.5])
    #expect(decisions.count == 8)
    #expect(decisions.last == .stop)
    #expect(stopping.stoppedEpoch == 7)
    #expect(stopping.bestEpoch == 4)
}

@Test func earlyStoppingMinDeltaInMaxMode() {
    // Accuracy gains of 0.005 or less do not count with minDelta 0.005.
    var stopping = EarlyStopping(mode: .max, patience: 2, minDelta: 0.005)
    let decisions = run(&stopping, [0.90, 0.904, 0.9045, 0.91])
    #expect(decisions == [.newBest, .noImprovement, .stop])
    #expect(stopping.stoppedEpoch == 2)
    #expect(stopping.bestEpoch == 0)
}

@Test func earlyStoppingPatienceZero() {
    var stopping = EarlyStopping(mode: .min, patience: 0)
    let decisions = run(&stopping, [3, 2, 2, 1])
    #expect(decisions == [.newBest, .newBest, .stop])
    #expect(stopping.bestEpoch == 1)
}

@Test func epochLimitBeforePatienceRestoresBest() {
    // The run ends after epoch 4 by its epoch limit, with patience left, and the best epoch 2.
    var stopping = EarlyStopping(mode: .min, patience: 10)
    let decisions = run(&stopping, [0.9, 0.8, 0.7, 0.75, 0.72])
    #expect(!decisions.contains(.stop))
    #expect(stopping.stoppedEpoch == nil)
    #expect(stopping.bestEpoch == 2)
    #expect(stopping.shouldRestoreBestWeights(lastEpoch: 4))
}

@Test func bestLastEpochNeedsNoRestore() {
    var stopping = EarlyStopping(mode: .min, patience: 10)
    _ = run(&stopping, [0.9, 0.8, 0.7])
    #expect(stopping.bestEpoch == 2)
    #expect(!stopping.shouldRestoreBestWeights(lastEpoch: 2))
}

@Test func restoreDisabledNeverRestores() {
    var stopping = EarlyStopping(mode: .min, patience: 1, restoreBestWeights: false)
    _ = run(&stopping, [0.5, 0.9])
    #expect(stopping.stoppedEpoch == 1)
    #expect(!stopping.shouldRestoreBestWeights(lastEpoch: 1))
}

@Test func allNaNValuesGiveNoBestEpoch() {
    var stopping = EarlyStopping(mode: .min, patience: 2)
    let decisions = run(&stopping, [.nan, .nan])
    #expect(decisions == [.noImprovement, .stop])
    #expect(stopping.bestEpoch == nil)
    #expect(!stopping.shouldRestoreBestWeights(lastEpoch: 1))
}
