import Foundation
import TensorCore
import Testing

@testable import Optimization

private func decode(_ json: String) throws -> EarlyStoppingConfiguration {
    try decodeSection(EarlyStoppingConfiguration.self, named: "earlyStopping", json)
}

private func expectError(_ json: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
{
    expectSectionError(
        EarlyStoppingConfiguration.self, named: "earlyStopping", json, message, sourceLocation: sourceLocation
    )
}

@Test func earlyStoppingDefaults() throws {
    let configuration = try decode(#"{"patience": 4}"#)
    #expect(configuration.monitor == "loss")
    #expect(configuration.mode == nil)
    #expect(configuration.minDelta == 0)
    #expect(configuration.deltaMode == .absolute)
    #expect(configuration.restoreBestWeights == true)

    var requested: [String] = []
    let stopping = try configuration.makeEarlyStopping { metric in
        requested.append(metric)
        return .min
    }
    #expect(requested == ["loss"])
    #expect(stopping.tracker.mode == .min)
    #expect(stopping.tracker.patience == 4)
    #expect(stopping.restoreBestWeights)
}

@Test func earlyStoppingExplicitModeSkipsCaller() throws {
    let configuration = try decode(
        #"{"monitor": "recall[malignant]", "mode": "max", "patience": 0, "minDelta": 0.001, "restoreBestWeights": false}"#
    )
    var called = false
    let stopping = try configuration.makeEarlyStopping { _ in
        called = true
        return .min
    }
    #expect(!called)
    #expect(stopping.tracker.mode == .max)
    #expect(stopping.tracker.minDelta == 0.001)
    #expect(!stopping.restoreBestWeights)
}

@Test func earlyStoppingErrors() {
    expectError(#"{}"#, "training.earlyStopping.patience is missing.")
    expectError(
        #"{"patience": -2}"#, "training.earlyStopping.patience must be an integer of at least 0, got -2.")
    expectError(
        #"{"patience": 2, "minDelta": -0.1}"#,
        "training.earlyStopping.minDelta must be a non-negative finite number, got -0.1.")
    expectError(
        #"{"patience": 2, "monitor": ""}"#,
        #"training.earlyStopping.monitor must name a metric, such as loss or accuracy, got ""."#)
    expectError(
        #"{"patience": 2, "mode": "down"}"#,
        #"training.earlyStopping.mode must be one of min, max, got "down"."#)
    expectError(
        #"{"patience": 2, "restoreBest": true}"#,
        "training.earlyStopping.restoreBest is not a known field (known fields here: deltaMode, minDelta, mode, "
            + "monitor, patience, restoreBestWeights).")
}

@Test func earlyStoppingRoundTrips() throws {
    let configuration = EarlyStoppingConfiguration(
        monitor: "accuracy", mode: .max, patience: 3, minDelta: 0.01)
    let data = try JSONEncoder().encode(configuration)
    #expect(try JSONDecoder().decode(EarlyStoppingConfiguration.self, from: data) == configuration)
}
