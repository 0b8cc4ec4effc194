import Testing

@testable import Optimization

@Test func patienceTrackerDocumentedExample() {
    // min mode, minDelta 0.01 absolute, patience 2.
    var tracker = PatienceTracker(mode: .min, patience: 2, minDelta: 0.01)
    let values: [Float] = [1.0, 0.8, 0.795, 0.9]
    let expected: [PatienceTracker.Outcome] = [.improved, .improved, .notImproved, .patienceExhausted]
    let expectedCounts = [0, 0, 1, 2]
    for epoch in 0..<values.count {
        let outcome = tracker.record(values[epoch], epoch: epoch)
        #expect(outcome == expected[epoch], "epoch \(epoch)")
        #expect(tracker.epochsWithoutImprovement == expectedCounts[epoch], "epoch \(epoch)")
    }
    #expect(tracker.bestEpoch == 1)
    #expect(tracker.bestValue == 0.8)
}

@Test func patienceZeroFiresOnFirstStall() {
    var tracker = PatienceTracker(mode: .min, patience: 0)
    #expect(tracker.record(1, epoch: 0) == .improved)
    #expect(tracker.record(0.5, epoch: 1) == .improved)
    #expect(tracker.record(0.5, epoch: 2) == .patienceExhausted)
}

@Test func patienceKeepsFiringUntilRestart() {
    var tracker = PatienceTracker(mode: .min, patience: 1)
    #expect(tracker.record(1, epoch: 0) == .improved)
    #expect(tracker.record(2, epoch: 1) == .patienceExhausted)
    #expect(tracker.record(2, epoch: 2) == .patienceExhausted)
    tracker.restartCount()
    #expect(tracker.epochsWithoutImprovement == 0)
    #expect(tracker.bestValue == 1)
    #expect(tracker.record(2, epoch: 3) == .patienceExhausted)
}

@Test func maxModeNeedsIncreaseBeyondDelta() {
    // Accuracy must rise by more than 0.01 over the best.
    var tracker = PatienceTracker(mode: .max, patience: 3, minDelta: 0.01)
    #expect(tracker.record(0.80, epoch: 0) == .improved)
    #expect(tracker.record(0.805, epoch: 1) == .notImproved)
    #expect(tracker.record(0.82, epoch: 2) == .improved)
    #expect(tracker.record(0.79, epoch: 3) == .notImproved)
    #expect(tracker.bestEpoch == 2)
    #expect(tracker.bestValue == 0.82)
}

@Test func relativeDeltaScalesWithBest() {
    // minDelta 0.1 relative: after best 10, improving needs a value below 9.
    var tracker = PatienceTracker(mode: .min, patience: 5, minDelta: 0.1, deltaMode: .relative)
    #expect(tracker.record(10, epoch: 0) == .improved)
    #expect(tracker.isImprovement(9.5) == false)
    #expect(tracker.isImprovement(9) == false)
    #expect(tracker.isImprovement(8.99) == true)
    // For a negative best the margin is still 0.1 * |best|: below -11 after best -10.
    var negative = PatienceTracker(mode: .min, patience: 5, minDelta: 0.1, deltaMode: .relative)
    _ = negative.record(-10, epoch: 0)
    #expect(negative.isImprovement(-10.5) == false)
    #expect(negative.isImprovement(-11.5) == true)
}

@Test func nanNeverImproves() {
    var tracker = PatienceTracker(mode: .min, patience: 2)
    #expect(tracker.record(.nan, epoch: 0) == .notImproved)
    #expect(tracker.bestEpoch == nil)
    #expect(tracker.record(3, epoch: 1) == .improved)
    #expect(tracker.record(.nan, epoch: 2) == .notImproved)
    #expect(tracker.record(.nan, epoch: 3) == .patienceExhausted)
    #expect(tracker.bestEpoch == 1)
}

@Test func infiniteBestIsBeatenByFiniteValue() {
    var tracker = PatienceTracker(mode: .min, patience: 2, minDelta: 0.1, deltaMode: .relative)
    #expect(tracker.record(.infinity, epoch: 0) == .improved)
    #expect(tracker.record(1e30, epoch: 1) == .improved)
}
