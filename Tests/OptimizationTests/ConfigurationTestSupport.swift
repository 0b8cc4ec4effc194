import Foundation
import TensorCore
import Testing

/// An experiment file with only a `training` object, so that error paths start with `training.`.
private struct ExperimentFixture<Section: Decodable>: Decodable {
    let training: [String: Section]
}

/// Decodes `{"training": {"<name>": <json>}}` and returns the section called `name`.
func decodeSection<Section: Decodable>(_ type: Section.Type, named name: String, _ json: String) throws
    -> Section
{
    let document = #"{"training": {""# + name + #"": "# + json + "}}"
    let experiment = try JSONDecoder().decode(ExperimentFixture<Section>.self, from: Data(document.utf8))
    return try #require(experiment.training[name])
}

/// Expects decoding `{"training": {"<name>": <json>}}` to fail with a configuration error
/// whose message is `message`. A `DecodingError` is converted with `ConfigurationError(_:)`.
func expectSectionError<Section: Decodable>(
    _ type: Section.Type, named name: String, _ json: String, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        _ = try decodeSection(type, named: name, json)
        Issue.record("decoding succeeded, expected: \(message)", sourceLocation: sourceLocation)
    } catch let error as ConfigurationError {
        #expect(error.description == message, sourceLocation: sourceLocation)
    } catch let error as DecodingError {
        #expect(ConfigurationError(error).description == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
