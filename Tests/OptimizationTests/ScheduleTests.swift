import Testing

@testable import Optimization

@Test func constantScheduleIgnoresEpochAndValues() {
    var schedule = ConstantSchedule(initialLearningRate: 0.03)
    #expect(schedule.monitor == nil)
    schedule.record(100, atEpoch: 0)
    for epoch in [0, 1, 50, 1000] {
        #expect(schedule.learningRate(atEpoch: epoch) == 0.03, "epoch \(epoch)")
    }
}

@Test func stepDecayChangesAtBoundaries() {
    // 0.1 * 0.5^floor(epoch / 3)
    let schedule = StepDecaySchedule(initialLearningRate: 0.1, factor: 0.5, stepSize: 3)
    let expected: [(epoch: Int, rate: Float)] = [
        (0, 0.1), (1, 0.1), (2, 0.1), (3, 0.05), (5, 0.05), (6, 0.025), (8, 0.025), (9, 0.0125),
    ]
    for (epoch, rate) in expected {
        let actual = schedule.learningRate(atEpoch: epoch)
        #expect(abs(actual - rate) <= 1e-7 * rate, "epoch \(epoch): \(actual) != \(rate)")
    }
    #expect(schedule.monitor == nil)
}

@Test func stepDecayWithStepSizeOneDecaysEveryEpoch() {
    let schedule = StepDecaySchedule(initialLearningRate: 1, factor: 0.5, stepSize: 1)
    #expect(schedule.learningRate(atEpoch: 0) == 1)
    #expect(schedule.learningRate(atEpoch: 1) == 0.5)
    #expect(schedule.learningRate(atEpoch: 4) == 0.0625)
}

@Test func exponentialDecayMatchesTable() {
    // 0.01 * 0.1^(epoch / 8): a tenth every 8 epochs, 0.1^0.5 = 0.31622777 at the halfway points.
    let schedule = ExponentialDecaySchedule(initialLearningRate: 0.01, factor: 0.1, stepSize: 8)
    let expected: [(epoch: Int, rate: Float)] = [
        (0, 0.01), (4, 0.0031622777), (8, 0.001), (12, 0.00031622777), (16, 0.0001),
    ]
    for (epoch, rate) in expected {
        let actual = schedule.learningRate(atEpoch: epoch)
        #expect(abs(actual - rate) <= 1e-6 * rate, "epoch \(epoch): \(actual) != \(rate)")
    }
}

@Test func exponentialDecayHasConstantRatio() {
    // Each epoch multiplies the rate by 0.1^(1/8) = 0.74989421.
    let schedule = ExponentialDecaySchedule(initialLearningRate: 0.01, factor: 0.1, stepSize: 8)
    for epoch in 0..<10 {
        let ratio = schedule.learningRate(atEpoch: epoch + 1) / schedule.learningRate(atEpoch: epoch)
        #expect(abs(ratio - 0.74989421) <= 1e-6, "epochs \(epoch) to \(epoch + 1): \(ratio)")
    }
}
