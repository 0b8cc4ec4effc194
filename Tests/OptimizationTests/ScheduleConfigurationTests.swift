import Foundation
import TensorCore
import Testing

@testable import Optimization

private func decode(_ json: String) throws -> ScheduleConfiguration {
    try decodeSection(ScheduleConfiguration.self, named: "schedule", json)
}

private func expectError(_ json: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
{
    expectSectionError(
        ScheduleConfiguration.self, named: "schedule", json, message, sourceLocation: sourceLocation)
}

/// Returns `.min` for names containing "loss" and `.max` for any other metric.
private func modeByName(_ metric: String) -> MonitorMode {
    metric.contains("loss") ? .min : .max
}

@Test func stepScheduleFromConfiguration() throws {
    let schedule = try decode(#"{"kind": "step", "factor": 0.5, "stepSize": 2}"#)
        .makeSchedule(initialLearningRate: 0.4, defaultMode: modeByName)
    #expect(schedule is StepDecaySchedule)
    #expect(schedule.learningRate(atEpoch: 1) == 0.4)
    #expect(schedule.learningRate(atEpoch: 2) == 0.2)
}

@Test func exponentialScheduleDefaultsFactor() throws {
    let schedule = try decode(#"{"kind": "exponential", "stepSize": 4}"#)
        .makeSchedule(initialLearningRate: 1, defaultMode: modeByName)
    let exponential = schedule as? ExponentialDecaySchedule
    #expect(exponential?.factor == 0.1)
    #expect(abs(schedule.learningRate(atEpoch: 4) - 0.1) < 1e-7)
}

@Test func constantScheduleFromConfiguration() throws {
    let schedule = try decode(#"{"kind": "constant"}"#).makeSchedule(
        initialLearningRate: 0.05, defaultMode: modeByName)
    #expect(schedule.learningRate(atEpoch: 7) == 0.05)
    #expect(schedule.monitor == nil)
}

@Test func plateauScheduleDefaultsAndCallerMode() throws {
    let schedule = try decode(#"{"kind": "plateau", "monitor": "accuracy"}"#)
        .makeSchedule(initialLearningRate: 0.1, defaultMode: modeByName)
    let plateau = try #require(schedule as? ReduceOnPlateauSchedule)
    #expect(plateau.metric == "accuracy")
    #expect(plateau.tracker.mode == .max)
    #expect(plateau.factor == 0.1)
    #expect(plateau.tracker.patience == 10)
    #expect(plateau.cooldown == 0)
    #expect(plateau.minLearningRate == 0)
    #expect(plateau.tracker.minDelta == 1e-4)
    #expect(plateau.tracker.deltaMode == .relative)
}

@Test func plateauExplicitModeWins() throws {
    let schedule = try decode(
        #"{"kind": "plateau", "mode": "min", "patience": 2, "cooldown": 1, "minDelta": 0.01, "deltaMode": "absolute"}"#
    ).makeSchedule(initialLearningRate: 0.1, defaultMode: { _ in .max })
    let plateau = try #require(schedule as? ReduceOnPlateauSchedule)
    #expect(plateau.metric == "loss")
    #expect(plateau.tracker.mode == .min)
    #expect(plateau.tracker.patience == 2)
    #expect(plateau.cooldown == 1)
    #expect(plateau.tracker.deltaMode == .absolute)
}

@Test func stepScheduleNeedsStepSize() {
    expectError(#"{"kind": "step", "factor": 0.5}"#, "training.schedule.stepSize is required for kind step.")
    expectError(
        #"{"kind": "exponential", "stepSize": 0}"#,
        "training.schedule.stepSize must be an integer of at least 1, got 0.")
}

@Test func scheduleValueRanges() {
    expectError(
        #"{"kind": "step", "stepSize": 3, "factor": 1.5}"#,
        "training.schedule.factor must be in (0, 1), got 1.5.")
    expectError(
        #"{"kind": "plateau", "patience": -1}"#,
        "training.schedule.patience must be an integer of at least 0, got -1.")
    expectError(
        #"{"kind": "plateau", "minLearningRate": -0.001}"#,
        "training.schedule.minLearningRate must be a non-negative finite number, got -0.001.")
    expectError(
        #"{"kind": "plateau", "monitor": " "}"#,
        #"training.schedule.monitor must name a metric, such as loss or accuracy, got " "."#)
    expectError(
        #"{"kind": "plateau", "patience": 2.5}"#,
        "training.schedule.patience must be an integer, got 2.5.")
}

@Test func scheduleChoicesListValidNames() {
    expectError(
        #"{"kind": "cosine"}"#,
        #"training.schedule.kind must be one of constant, step, exponential, plateau, got "cosine"."#)
    expectError(
        #"{"kind": "plateau", "mode": "minimum"}"#,
        #"training.schedule.mode must be one of min, max, got "minimum"."#)
    expectError(
        #"{"kind": "plateau", "deltaMode": "rel"}"#,
        #"training.schedule.deltaMode must be one of absolute, relative, got "rel"."#)
}

@Test func scheduleFieldUnusedByKindIsRejected() {
    expectError(
        #"{"kind": "step", "stepSize": 3, "patience": 5}"#,
        "training.schedule.patience is not used by kind step, only by plateau. Remove it or change the kind.")
    expectError(
        #"{"kind": "constant", "factor": 0.5}"#,
        "training.schedule.factor is not used by kind constant, only by step, exponential, plateau. "
            + "Remove it or change the kind.")
}

@Test func unknownScheduleFieldIsRejected() {
    expectError(
        #"{"kind": "step", "stepSize": 3, "gamma": 0.5}"#,
        "training.schedule.gamma is not a known field (known fields here: cooldown, deltaMode, factor, kind, "
            + "minDelta, minLearningRate, mode, monitor, patience, stepSize).")
}
