import TensorCore

/// Named hyperparameters and their distributions: the `space` object of an experiment's
/// `search` section.
///
/// In an experiment, each name is the path of the field that the parameter sets, such as
/// `training.learningRate` or `model.units`. Parameters are kept sorted by name, so the grid order
/// and every log line are the same however the JSON object orders its keys.
public struct SearchSpace: Hashable, Sendable {
    /// The parameters, sorted by name.
    public let parameters: [(name: String, distribution: ParameterDistribution)]

    /// Creates a space from `distributions`, keyed by parameter name.
    ///
    /// Throws `ConfigurationError` for an empty space or an invalid distribution; `field` prefixes
    /// the parameter names in messages, as in `search.space.training.learningRate`.
    public init(_ distributions: [String: ParameterDistribution], field: String = "space") throws {
        guard !distributions.isEmpty else {
            throw ConfigurationError(field: field, rule: "must name at least one parameter", value: "{}")
        }
        for (name, distribution) in distributions {
            try distribution.validate(field: "\(field).\(name)")
        }
        parameters = distributions.keys.sorted().map { ($0, distributions[$0]!) }
    }

    /// Returns the distribution of parameter `name`, or nil when the space does not contain it.
    public func distribution(of name: String) -> ParameterDistribution? {
        parameters.first { $0.name == name }?.distribution
    }

    /// Throws `JSONPathError` unless every parameter name is a path that exists in `document`.
    ///
    /// Call this before the study starts, so that a misspelled path stops the command instead of
    /// failing every trial. `insertingMissingLeaves` has the meaning it has in
    /// `JSONValue.applying(_:insertingMissingLeaves:)`.
    public func validatePaths(in document: JSONValue, insertingMissingLeaves: Bool = false) throws {
        var copy = document
        for parameter in parameters {
            try copy.setValue(
                .null, at: JSONPath(parameter.name), insertingMissingLeaf: insertingMissingLeaves)
        }
    }

    /// The number of grid points, or nil when a float parameter has no step or the product
    /// overflows `Int`.
    public var gridPointCount: Int? {
        var count = 1
        for parameter in parameters {
            guard let values = parameter.distribution.gridValues else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: values.count)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    public static func == (lhs: SearchSpace, rhs: SearchSpace) -> Bool {
        lhs.parameters.elementsEqual(rhs.parameters) {
            $0.name == $1.name && $0.distribution == $1.distribution
        }
    }

    public func hash(into hasher: inout Hasher) {
        for parameter in parameters {
            hasher.combine(parameter.name)
            hasher.combine(parameter.distribution)
        }
    }
}

extension SearchSpace: Codable {
    /// Decodes the `space` object: parameter names mapped to distribution objects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var distributions: [String: ParameterDistribution] = [:]
        for key in container.allKeys {
            distributions[key.stringValue] = try container.decode(ParameterDistribution.self, forKey: key)
        }
        try self.init(distributions, field: decoder.fieldPath)
    }

    /// Encodes the `space` object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for parameter in parameters {
            try container.encode(parameter.distribution, forKey: AnyCodingKey(stringValue: parameter.name))
        }
    }
}
