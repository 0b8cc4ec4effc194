import Foundation
import TensorCore
import Training
import Tuning

/// An experiment file with a `search` section: the base experiment, the search configuration,
/// and the JSON tree that trial parameters are written into.
public struct StudyExperiment: Sendable {
    /// The file as a JSON tree, `search` section included.
    public let document: JSONValue
    /// The experiment as written, before any trial parameters.
    public let base: Experiment
    /// The `search` section.
    public let search: SearchConfiguration

    /// Parses `data` (the text of `path`, used in messages) and checks every search path by
    /// writing a value of its range into the experiment and decoding the result strictly.
    public init(data: Data, path: String) throws {
        func failure(_ message: String) -> ExperimentFileError {
            ExperimentFileError(path: path, message: message)
        }
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw failure("JSON is invalid: \(error)")
        }
        do {
            base = try Experiment.decode(data)
        } catch let error as ConfigurationError {
            throw failure(error.description)
        }
        guard case .object(let members) = document, let section = members["search"] else {
            throw failure("search is missing; tune search needs a search section with the space to explore.")
        }
        do {
            search = try JSONDecoder().decode(SearchConfiguration.self, from: JSONEncoder().encode(section))
        } catch let error as DecodingError {
            throw failure(Self.prefixed(ConfigurationError(error), with: "search").description)
        } catch let error as ConfigurationError {
            throw failure(Self.prefixed(error, with: "search").description)
        }

        // Each parameter path must name a real field: write the range's low and high values (or
        // every choice) into the experiment and decode it strictly.
        for parameter in search.space.parameters {
            for value in Self.probeValues(of: parameter.distribution) {
                do {
                    _ = try Self.experiment(from: document, with: [parameter.name: value])
                } catch let error as JSONPathError {
                    throw failure(
                        "search.space.\(parameter.name) does not name an experiment field: \(error)")
                } catch let error as ConfigurationError {
                    throw failure(
                        "search.space.\(parameter.name) = \(value) makes the experiment invalid: \(error)")
                }
            }
        }
    }

    /// Reads and checks the study experiment file at `url`.
    public static func load(from url: URL) throws -> StudyExperiment {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ExperimentFileError(
                path: url.path,
                message: "cannot be read (\((error as NSError).localizedDescription)). Check the path.")
        }
        return try StudyExperiment(data: data, path: url.path)
    }

    /// Returns the experiment of a trial: the base experiment with `parameters` written at their paths.
    public func experiment(with parameters: [String: ParameterValue]) throws -> Experiment {
        try Self.experiment(from: document, with: parameters)
    }

    /// A hash of the experiment that stays the same when only the trial budget or the time limit
    /// changes, so a study can be resumed with a larger budget but not with another experiment.
    public var fingerprint: String {
        guard case .object(var members) = document, case .object(var search) = members["search"] else {
            return document.fingerprint()
        }
        search["trials"] = nil
        search["timeoutMinutes"] = nil
        members["search"] = .object(search)
        return JSONValue.object(members).fingerprint()
    }

    private static func experiment(from document: JSONValue, with parameters: [String: ParameterValue]) throws
        -> Experiment
    {
        var tree = document
        if case .object(var members) = tree {
            members["search"] = nil
            tree = .object(members)
        }
        tree = try tree.applying(parameters, insertingMissingLeaves: true)
        return try Experiment.decode(try JSONEncoder().encode(tree))
    }

    private static func probeValues(of distribution: ParameterDistribution) -> [ParameterValue] {
        switch distribution {
        case .float(let low, let high, _, _): return [.float(low), .float(high)]
        case .int(let low, let high, _, _): return [.int(low), .int(high)]
        case .categorical(let choices): return choices
        }
    }

    private static func prefixed(_ error: ConfigurationError, with prefix: String) -> ConfigurationError {
        var error = error
        if !error.field.hasPrefix(prefix) {
            error.field = error.field == "(top level)" ? prefix : "\(prefix).\(error.field)"
        }
        return error
    }
}
