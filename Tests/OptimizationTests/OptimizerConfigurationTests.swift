import Foundation
import TensorCore
import Testing

@testable import Optimization

private func decode(_ json: String) throws -> OptimizerConfiguration {
    try decodeSection(OptimizerConfiguration.self, named: "optimizer", json)
}

private func expectError(_ json: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
{
    expectSectionError(
        OptimizerConfiguration.self, named: "optimizer", json, message, sourceLocation: sourceLocation)
}

@Test func optimizerKindsBuildTheirOptimizers() throws {
    let sgd = try decode(#"{"kind": "sgd", "learningRate": 0.1}"#).makeOptimizer()
    #expect((sgd as? SGD)?.momentum == 0)

    let momentum = try decode(#"{"kind": "momentum", "learningRate": 0.1}"#).makeOptimizer() as? SGD
    #expect(momentum?.momentum == 0.9)
    #expect(momentum?.nesterov == false)

    let nesterov =
        try decode(#"{"kind": "nesterov", "learningRate": 0.1, "momentum": 0.8}"#).makeOptimizer() as? SGD
    #expect(nesterov?.momentum == 0.8)
    #expect(nesterov?.nesterov == true)

    let adam = try decode(#"{"kind": "adam", "learningRate": 0.001, "beta2": 0.99}"#).makeOptimizer() as? Adam
    #expect(adam?.beta1 == 0.9)
    #expect(adam?.beta2 == 0.99)
    #expect(adam?.epsilon == 1e-8)

    let adamW = try decode(#"{"kind": "adamw", "learningRate": 0.001}"#).makeOptimizer() as? AdamW
    #expect(adamW?.weightDecay == 0.01)

    let adagrad = try decode(#"{"kind": "adagrad", "learningRate": 0.01}"#).makeOptimizer() as? Adagrad
    #expect(adagrad?.epsilon == 1e-10)

    let rmsprop =
        try decode(#"{"kind": "rmsprop", "learningRate": 0.01, "rho": 0.9}"#).makeOptimizer() as? RMSprop
    #expect(rmsprop?.rho == 0.9)
    #expect(rmsprop?.epsilon == 1e-8)
}

@Test func optimizerConfigurationRoundTrips() throws {
    let configuration = OptimizerConfiguration(
        kind: .adamw, learningRate: 0.002, beta1: 0.8, weightDecay: 0.05)
    let data = try JSONEncoder().encode(configuration)
    let decoded = try JSONDecoder().decode(OptimizerConfiguration.self, from: data)
    #expect(decoded == configuration)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect(object?.keys.sorted() == ["beta1", "kind", "learningRate", "weightDecay"])
}

@Test func unknownOptimizerKindListsValidNames() {
    expectError(
        #"{"kind": "adamax", "learningRate": 0.1}"#,
        #"training.optimizer.kind must be one of sgd, momentum, nesterov, adam, adamw, adagrad, rmsprop, got "adamax"."#
    )
}

@Test func invalidLearningRatesAreRejected() {
    expectError(
        #"{"kind": "sgd", "learningRate": -0.1}"#,
        "training.optimizer.learningRate must be a positive finite number, got -0.1.")
    expectError(
        #"{"kind": "sgd", "learningRate": 0}"#,
        "training.optimizer.learningRate must be a positive finite number, got 0.0.")
    expectError(#"{"kind": "sgd"}"#, "training.optimizer.learningRate is missing.")
    expectError(
        #"{"kind": "sgd", "learningRate": 1e39}"#,
        "training.optimizer.learningRate must fit in a 32-bit float, got 1e+39.")
}

@Test func nonFiniteLearningRateIsRejected() {
    let infinite = OptimizerConfiguration(kind: .adam, learningRate: .infinity)
    #expect(
        throws: ConfigurationError(
            field: "optimizer.learningRate", rule: "must be a positive finite number", value: "inf")
    ) {
        try infinite.makeOptimizer()
    }
    let notANumber = OptimizerConfiguration(kind: .adam, learningRate: .nan)
    #expect(
        throws: ConfigurationError(
            field: "learningRate", rule: "must be a positive finite number", value: "nan")
    ) {
        try notANumber.validate(fieldPath: "")
    }
}

@Test func unknownOptimizerFieldIsRejected() {
    expectError(
        #"{"kind": "sgd", "learningrate": 0.1}"#,
        "training.optimizer.learningrate is not a known field (known fields here: beta1, beta2, epsilon, kind, "
            + "learningRate, momentum, rho, weightDecay).")
}

@Test func fieldUnusedByKindIsRejected() {
    expectError(
        #"{"kind": "sgd", "learningRate": 0.1, "momentum": 0.9}"#,
        "training.optimizer.momentum is not used by kind sgd, only by momentum, nesterov. "
            + "Remove it or change the kind.")
    expectError(
        #"{"kind": "adam", "learningRate": 0.1, "weightDecay": 0.01}"#,
        "training.optimizer.weightDecay is not used by kind adam, only by adamw. Remove it or change the kind."
    )
}

@Test func optimizerHyperparameterRanges() {
    expectError(
        #"{"kind": "momentum", "learningRate": 0.1, "momentum": 1}"#,
        "training.optimizer.momentum must be in [0, 1), got 1.0.")
    expectError(
        #"{"kind": "adam", "learningRate": 0.1, "beta1": -0.5}"#,
        "training.optimizer.beta1 must be in [0, 1), got -0.5.")
    expectError(
        #"{"kind": "adam", "learningRate": 0.1, "beta2": 1.5}"#,
        "training.optimizer.beta2 must be in [0, 1), got 1.5.")
    expectError(
        #"{"kind": "rmsprop", "learningRate": 0.1, "epsilon": 0}"#,
        "training.optimizer.epsilon must be a positive finite number, got 0.0.")
    expectError(
        #"{"kind": "adamw", "learningRate": 0.1, "weightDecay": -0.01}"#,
        "training.optimizer.weightDecay must be a non-negative finite number, got -0.01.")
}

@Test func momentumZeroIsAccepted() throws {
    let optimizer = try decode(#"{"kind": "momentum", "learningRate": 0.1, "momentum": 0}"#).makeOptimizer()
    #expect((optimizer as? SGD)?.momentum == 0)
}

@Test func textLearningRateNamesField() {
    do {
        _ = try decode(#"{"kind": "sgd", "learningRate": "fast"}"#)
        Issue.record("decoding a string learning rate succeeded")
    } catch let error as DecodingError {
        let converted = ConfigurationError(error)
        #expect(converted.field == "training.optimizer.learningRate")
        #expect(converted.rule == "must be a number")
    } catch {
        Issue.record("unexpected error \(error)")
    }
}
