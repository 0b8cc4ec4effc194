import Foundation
import Testing

@testable import Tuning

@Suite struct JSONPathTests {
    private let experiment: JSONValue = [
        "training": ["learningRate": 0.01, "batchSize": 64, "optimizer": ["kind": "sgd", "momentum": 0.9]],
        "model": ["units": 128, "layers": [["units": 64], ["units": 32]]],
        "seed": 7,
    ]

    @Test func parsesMembersAndIndices() throws {
        #expect(
            try JSONPath("training.optimizer.kind").components == [
                .member("training"), .member("optimizer"), .member("kind"),
            ])
        #expect(
            try JSONPath("model.layers[1].units").components == [
                .member("model"), .member("layers"), .element(1), .member("units"),
            ])
        #expect(try JSONPath("grid[0][2]").components == [.member("grid"), .element(0), .element(2)])
    }

    @Test(arguments: ["", ".a", "a.", "a..b", "a[x]", "a[]", "a[1", "[0].a", "a[0]b", "a.[0]", "a[-1]"])
    func invalidPathIsRejected(text: String) {
        #expect {
            try JSONPath(text)
        } throws: { error in
            guard case .invalidPath(let path, _) = error as? JSONPathError else { return false }
            return path == text
        }
    }

    @Test func setsNestedMember() throws {
        var document = experiment
        try document.setValue("adam", at: JSONPath("training.optimizer.kind"))
        #expect(document.value(at: try JSONPath("training.optimizer.kind")) == "adam")
        #expect(document.value(at: try JSONPath("training.optimizer.momentum")) == 0.9)
        #expect(document.value(at: try JSONPath("training.batchSize")) == 64)
    }

    @Test func setsArrayElementMember() throws {
        var document = experiment
        try document.setValue(16, at: JSONPath("model.layers[1].units"))
        #expect(document.value(at: try JSONPath("model.layers[1].units")) == 16)
        #expect(document.value(at: try JSONPath("model.layers[0].units")) == 64)
    }

    @Test func unknownMemberNamesPathAndMembers() throws {
        var document = experiment
        #expect(
            throws: JSONPathError.memberNotFound(
                path: "training.learningRat", parent: "training", member: "learningRat",
                available: ["batchSize", "learningRate", "optimizer"])
        ) {
            try document.setValue(0.1, at: JSONPath("training.learningRat"))
        }
        #expect(document == experiment)

        let error = JSONPathError.memberNotFound(
            path: "training.learningRat", parent: "training", member: "learningRat",
            available: ["batchSize", "learningRate", "optimizer"])
        #expect(error.description.contains("'training.learningRat' does not exist"))
        #expect(error.description.contains("batchSize, learningRate, optimizer"))
    }

    @Test func unknownIntermediateMemberIsRejected() throws {
        var document = experiment
        #expect(
            throws: JSONPathError.memberNotFound(
                path: "training.schedule.kind", parent: "training", member: "schedule",
                available: ["batchSize", "learningRate", "optimizer"])
        ) {
            try document.setValue(
                "cosine", at: JSONPath("training.schedule.kind"), insertingMissingLeaf: true)
        }
    }

    @Test func missingLeafIsInsertedOnlyWhenAllowed() throws {
        var document = experiment
        #expect(throws: JSONPathError.self) {
            try document.setValue(0.2, at: JSONPath("model.dropout"))
        }
        try document.setValue(0.2, at: JSONPath("model.dropout"), insertingMissingLeaf: true)
        #expect(document.value(at: try JSONPath("model.dropout")) == 0.2)
    }

    @Test func scalarOnThePathIsRejected() throws {
        var document = experiment
        #expect(throws: JSONPathError.notAContainer(path: "seed.value", parent: "seed", foundType: "number"))
        {
            try document.setValue(1, at: JSONPath("seed.value"))
        }
    }

    @Test func indexPastTheEndIsRejected() throws {
        var document = experiment
        #expect(
            throws: JSONPathError.elementNotFound(
                path: "model.layers[2].units", parent: "model.layers", index: 2, count: 2)
        ) {
            try document.setValue(1, at: JSONPath("model.layers[2].units"))
        }
    }

    @Test func applyingParametersWritesEachPath() throws {
        let result = try experiment.applying([
            "training.learningRate": .float(0.0031), "training.batchSize": .int(128),
            "training.optimizer.kind": .string("adam"), "model.units": .int(256),
        ])
        #expect(result.value(at: try JSONPath("training.learningRate")) == .number(0.0031))
        #expect(result.value(at: try JSONPath("training.batchSize")) == .integer(128))
        #expect(result.value(at: try JSONPath("training.optimizer.kind")) == .string("adam"))
        #expect(result.value(at: try JSONPath("model.units")) == .integer(256))
    }

    @Test func appliedDocumentDecodesStrictly() throws {
        struct Training: Decodable {
            var learningRate: Double
            var batchSize: Int
        }
        let document: JSONValue = ["learningRate": 0.01, "batchSize": 32]
        let applied = try document.applying(["learningRate": .float(0.5), "batchSize": .int(64)])
        let data = try JSONEncoder().encode(applied)
        let training = try JSONDecoder().decode(Training.self, from: data)
        #expect(training.learningRate == 0.5)
        #expect(training.batchSize == 64)
    }

    @Test func jsonRoundTripKeepsIntegersAndNumbers() throws {
        let text = #"{"a": 64, "b": 0.5, "c": [true, null, "x"], "d": {"e": 1e-4}, "f": 9007199254740993}"#
        let value = try JSONValue(parsing: Data(text.utf8))
        #expect(value.value(at: try JSONPath("a")) == .integer(64))
        #expect(value.value(at: try JSONPath("b")) == .number(0.5))
        #expect(value.value(at: try JSONPath("c")) == [true, nil, "x"])
        #expect(value.value(at: try JSONPath("d.e")) == .number(1e-4))
        #expect(value.value(at: try JSONPath("f")) == .integer(9_007_199_254_740_993))
        #expect(try JSONValue(parsing: Data(value.canonicalText().utf8)) == value)
    }

    @Test func fingerprintIgnoresKeyOrderButNotValues() throws {
        let first = try JSONValue(parsing: Data(#"{"a": 1, "b": {"c": "x", "d": 2}}"#.utf8))
        let reordered = try JSONValue(parsing: Data(#"{"b": {"d": 2, "c": "x"}, "a": 1}"#.utf8))
        let changed = try JSONValue(parsing: Data(#"{"a": 1, "b": {"c": "x", "d": 3}}"#.utf8))
        #expect(first.fingerprint() == reordered.fingerprint())
        #expect(first.fingerprint() != changed.fingerprint())
        #expect(first.fingerprint().count == 16)
    }
}
