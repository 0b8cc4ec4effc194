import Testing

@testable import Optimization

/// Records `values` for epochs 0, 1, ... and returns the rate asked for at the start of each
/// epoch, with one more entry for the epoch after the last value.
private func ratesByEpoch(_ schedule: inout ReduceOnPlateauSchedule, _ values: [Float]) -> [Float] {
    var rates: [Float] = []
    for (epoch, value) in values.enumerated() {
        rates.append(schedule.learningRate(atEpoch: epoch))
        schedule.record(value, atEpoch: epoch)
    }
    rates.append(schedule.learningRate(atEpoch: values.count))
    return rates
}

@Test func plateauDocumentedExample() {
    // Loss stuck at 1.0, patience 2, cooldown 1, factor 0.5.
    var schedule = ReduceOnPlateauSchedule(
        initialLearningRate: 1, metric: "loss", mode: .min, factor: 0.5, patience: 2, cooldown: 1, minDelta: 0
    )
    let rates = ratesByEpoch(&schedule, [1, 1, 1, 1, 1, 1])
    #expect(rates == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
    #expect(schedule.monitor == "loss")
}

@Test func plateauCooldownStillTracksBest() {
    // patience 1, cooldown 2, factor 0.1, minimum rate 0.005:
    // epoch 1 stalls -> 0.1; epochs 2 and 3 are the cooldown (3 improves to 4);
    // epoch 4 stalls -> 0.01; epochs 5 and 6 are the cooldown (5 improves to 3);
    // epoch 7 stalls -> max(0.001, 0.005) = 0.005.
    var schedule = ReduceOnPlateauSchedule(
        initialLearningRate: 1, metric: "loss", mode: .min, factor: 0.1, patience: 1, cooldown: 2,
        minLearningRate: 0.005, minDelta: 0, deltaMode: .absolute)
    let rates = ratesByEpoch(&schedule, [5, 5, 5, 4, 4, 3, 3, 3])
    let expected: [Float] = [1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.005]
    #expect(rates.count == expected.count)
    for (epoch, (actual, rate)) in zip(rates, expected).enumerated() {
        #expect(abs(actual - rate) <= 1e-6 * rate, "epoch \(epoch): \(actual) != \(rate)")
    }
    #expect(schedule.tracker.bestEpoch == 5)
    #expect(schedule.tracker.bestValue == 3)
}

@Test func plateauStopsAtMinimumRate() {
    var schedule = ReduceOnPlateauSchedule(
        initialLearningRate: 0.1, metric: "loss", mode: .min, factor: 0.5, patience: 0, minLearningRate: 0.04,
        minDelta: 0)
    let rates = ratesByEpoch(&schedule, [1, 1, 1, 1])
    #expect(rates == [0.1, 0.1, 0.05, 0.04, 0.04])
}

@Test func plateauNeverRaisesRateAboveCurrent() {
    // A minimum above the initial rate must not increase the rate.
    var schedule = ReduceOnPlateauSchedule(
        initialLearningRate: 0.01, metric: "loss", mode: .min, factor: 0.5, patience: 0, minLearningRate: 0.1,
        minDelta: 0)
    let rates = ratesByEpoch(&schedule, [1, 1])
    #expect(rates == [0.01, 0.01, 0.01])
}

@Test func plateauMaxModeOnAccuracy() {
    // Accuracy improves, then stalls for 3 epochs with patience 3; relative minDelta 1e-4
    // makes 0.90005 no improvement over 0.9 (it needs more than 0.90009).
    var schedule = ReduceOnPlateauSchedule(
        initialLearningRate: 0.1, metric: "accuracy", mode: .max, factor: 0.1, patience: 3)
    let rates = ratesByEpoch(&schedule, [0.5, 0.7, 0.9, 0.9, 0.90005, 0.85])
    let expected: [Float] = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01]
    for (epoch, (actual, rate)) in zip(rates, expected).enumerated() {
        #expect(abs(actual - rate) <= 1e-6 * rate, "epoch \(epoch): \(actual) != \(rate)")
    }
    #expect(schedule.tracker.bestEpoch == 2)
}
