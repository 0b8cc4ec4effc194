import Evaluation
import Foundation
import TensorCore
import Testing

@testable import Tuning

/// Decodes `json`, the body of an experiment's `search` section, as the experiment decoder would.
private func decodeSearch(_ json: String) throws -> SearchConfiguration {
    struct Experiment: Decodable {
        var search: SearchConfiguration
    }
    do {
        return try JSONDecoder().decode(Experiment.self, from: Data("{\"search\": \(json)}".utf8)).search
    } catch let error as DecodingError {
        throw ConfigurationError(error)
    }
}

/// Returns the `ConfigurationError` that decoding `json` throws, or records an issue.
private func decodingError(_ json: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> ConfigurationError?
{
    do {
        _ = try decodeSearch(json)
        Issue.record("decoding succeeded for \(json)", sourceLocation: sourceLocation)
    } catch let error as ConfigurationError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

@Suite struct SearchConfigurationTests {
    @Test func fullSectionDecodes() throws {
        let search = try decodeSearch(
            """
            {
              "objective": "recall[malignant]", "direction": "maximize", "trials": 12, "timeoutMinutes": 30,
              "sampler": "random", "seed": 7,
              "space": {
                "training.learningRate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true},
                "model.dropout": {"type": "float", "low": 0.0, "high": 0.5, "step": 0.1},
                "training.batchSize": {"type": "int", "low": 32, "high": 256, "step": 32},
                "model.units": {"type": "int", "low": 16, "high": 512, "log": true},
                "training.optimizer.kind": {"type": "categorical", "choices": ["adam", "sgd", 0.5, true, 3]}
              }
            }
            """)
        #expect(search.objective == .perClass(.recall, .name("malignant")))
        #expect(search.direction == .maximize)
        #expect(search.trials == 12)
        #expect(search.timeoutMinutes == 30)
        #expect(search.sampler == .random)
        #expect(search.seed == 7)
        #expect(
            search.space.parameters.map(\.name) == [
                "model.dropout", "model.units", "training.batchSize", "training.learningRate",
                "training.optimizer.kind",
            ])
        #expect(
            search.space.distribution(of: "training.learningRate") == .float(low: 1e-4, high: 1e-1, log: true)
        )
        #expect(search.space.distribution(of: "model.dropout") == .float(low: 0, high: 0.5, step: 0.1))
        #expect(search.space.distribution(of: "training.batchSize") == .int(low: 32, high: 256, step: 32))
        #expect(search.space.distribution(of: "model.units") == .int(low: 16, high: 512, log: true))
        #expect(
            search.space.distribution(of: "training.optimizer.kind")
                == .categorical([.string("adam"), .string("sgd"), .float(0.5), .bool(true), .int(3)]))
    }

    @Test func defaultsFollowTheMetric() throws {
        let space = #""space": {"units": {"type": "int", "low": 1, "high": 4}}"#
        let accuracy = try decodeSearch(#"{"sampler": "grid", \#(space)}"#)
        #expect(accuracy.objective == .accuracy)
        #expect(accuracy.direction == .maximize)
        #expect(accuracy.trials == nil)

        let loss = try decodeSearch(#"{"objective": "loss", "sampler": "grid", \#(space)}"#)
        #expect(loss.direction == .minimize)

        let explicit = try decodeSearch(
            #"{"objective": "loss", "direction": "maximize", "sampler": "grid", \#(space)}"#)
        #expect(explicit.direction == .maximize)
    }

    @Test func encodedSectionDecodesToEqual() throws {
        let search = try decodeSearch(
            """
            {"sampler": "random", "trials": 3, "space": {
              "lr": {"type": "float", "low": 0.001, "high": 1, "log": true},
              "kind": {"type": "categorical", "choices": ["a", 1.5, false]}}}
            """)
        let data = try JSONEncoder().encode(search)
        #expect(try decodeSearch(String(decoding: data, as: UTF8.self)) == search)
    }

    @Test(arguments: [
        (
            #""space": {"kind": {"type": "categorical", "choices": []}}"#,
            "search.space.kind.choices", "must not be empty", "[]"
        ),
        (
            #""space": {"lr": {"type": "float", "low": 0.5, "high": 0.1}}"#,
            "search.space.lr.low", "must not be above high (0.1)", "0.5"
        ),
        (
            #""space": {"units": {"type": "int", "low": 300, "high": 200}}"#,
            "search.space.units.low", "must not be above high (200)", "300"
        ),
        (
            #""space": {"lr": {"type": "float", "low": 0, "high": 0.1, "log": true}}"#,
            "search.space.lr.low", "must be positive on a log scale (log: true)", "0.0"
        ),
        (
            #""space": {"units": {"type": "int", "low": 0, "high": 64, "log": true}}"#,
            "search.space.units.low", "must be at least 1 on a log scale (log: true)", "0"
        ),
        (
            #""space": {"dropout": {"type": "float", "low": 0, "high": 0.5, "step": 0}}"#,
            "search.space.dropout.step", "must be positive", "0.0"
        ),
        (
            #""space": {"units": {"type": "int", "low": 1, "high": 64, "step": -8}}"#,
            "search.space.units.step", "must be at least 1", "-8"
        ),
        (
            #""space": {"kind": {"type": "categorical", "choices": ["a", "b", "a"]}}"#,
            "search.space.kind.choices", "must not repeat a choice", "a"
        ),
    ])
    func invalidDistributionIsRejected(space: String, field: String, rule: String, value: String) {
        let error = decodingError(#"{"sampler": "random", "trials": 4, \#(space)}"#)
        #expect(error?.field == field)
        #expect(error?.rule == rule)
        #expect(error?.value == value)
    }

    @Test func gridOverContinuousFloatIsRejected() {
        let error = decodingError(
            """
            {"sampler": "grid", "space": {
              "training.learningRate": {"type": "float", "low": 1e-4, "high": 0.1, "log": true}}}
            """)
        #expect(error?.field == "search.space.training.learningRate")
        #expect(error?.rule.contains("grid needs a finite set of values") == true)
        #expect(error?.value == "float 0.0001...0.1 log")
    }

    @Test func randomSamplerNeedsALimit() {
        let error = decodingError(
            #"{"sampler": "random", "space": {"units": {"type": "int", "low": 1, "high": 4}}}"#)
        #expect(error?.field == "search")
        #expect(error?.rule.contains("trials or timeoutMinutes") == true)
    }

    @Test(arguments: [
        (#""trials": 0"#, "search.trials", "0"),
        (#""timeoutMinutes": -5"#, "search.timeoutMinutes", "-5.0"),
        (#""direction": "up""#, "search.direction", "\"up\""),
        (#""objective": "acuracy""#, "search.objective", "\"acuracy\""),
        (#""sampler": "tpe""#, "search.sampler", "\"tpe\""),
    ])
    func invalidSettingIsRejected(member: String, field: String, value: String) {
        let space = #""space": {"units": {"type": "int", "low": 1, "high": 4}}"#
        let base = member.contains("sampler") ? "" : #""sampler": "grid", "#
        let error = decodingError("{\(base)\(member), \(space)}")
        #expect(error?.field == field)
        #expect(error?.value == value)
    }

    @Test func unknownKeysAreRejected() {
        let misspelt = decodingError(
            #"{"sampler": "grid", "trails": 4, "space": {"units": {"type": "int", "low": 1, "high": 4}}}"#)
        #expect(misspelt?.field == "search.trails")

        let inDistribution = decodingError(
            #"{"sampler": "grid", "space": {"units": {"type": "int", "low": 1, "high": 4, "stepp": 2}}}"#)
        #expect(inDistribution?.field == "search.space.units.stepp")

        let categoricalWithBounds = decodingError(
            #"{"sampler": "grid", "space": {"kind": {"type": "categorical", "choices": ["a"], "low": 1}}}"#)
        #expect(categoricalWithBounds?.field == "search.space.kind.low")
    }

    @Test func unknownDistributionTypeIsRejected() {
        let error = decodingError(
            #"{"sampler": "grid", "space": {"units": {"type": "uniform", "low": 1, "high": 4}}}"#)
        #expect(error?.field == "search.space.units.type")
        #expect(error?.value == "\"uniform\"")
    }

    @Test func emptySpaceIsRejected() {
        let error = decodingError(#"{"sampler": "grid", "space": {}}"#)
        #expect(error?.field == "search.space")
    }

    @Test func categoricalChoiceMustBeScalar() {
        let error = decodingError(
            #"{"sampler": "grid", "space": {"kind": {"type": "categorical", "choices": [null]}}}"#)
        #expect(error?.field == "search.space.kind.choices[0]")
    }

    @Test func searchSpacePathsAreValidated() throws {
        let experiment: JSONValue = [
            "training": ["learningRate": 0.01, "batchSize": 64, "optimizer": ["kind": "sgd"]]
        ]
        let space = try SearchSpace([
            "training.learningRate": .float(low: 1e-4, high: 1e-1, log: true),
            "training.optimizr.kind": .categorical([.string("adam"), .string("sgd")]),
        ])
        #expect(
            throws: JSONPathError.memberNotFound(
                path: "training.optimizr.kind", parent: "training", member: "optimizr",
                available: ["batchSize", "learningRate", "optimizer"])
        ) {
            try space.validatePaths(in: experiment)
        }
        let valid = try SearchSpace(["training.learningRate": .float(low: 1e-4, high: 1e-1, log: true)])
        try valid.validatePaths(in: experiment)
    }

    @Test func gridPointCountMultipliesAxes() throws {
        let space = try SearchSpace([
            "a": .int(low: 32, high: 256, step: 32), "b": .categorical([.bool(true), .bool(false)]),
            "c": .float(low: 0, high: 0.5, step: 0.1),
        ])
        #expect(space.gridPointCount == 8 * 2 * 6)
        let continuous = try SearchSpace(["a": .float(low: 0, high: 1)])
        #expect(continuous.gridPointCount == nil)
    }
}
