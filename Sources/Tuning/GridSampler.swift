import TensorCore

/// A sampler that runs every point of a finite grid exactly once, then ends the study.
///
/// The grid is the product of every parameter's `gridValues`, ordered with the last parameter
/// (by name) changing fastest. Each claim takes the first point in that order that no trial of
/// the study holds, whatever that trial's state, so an interrupted and resumed study, or several
/// processes sharing one storage, still run each point once. A failed or diverged point is not
/// run again. A trial left running by a dead process keeps its point and is rerun through
/// `StudyStorage.requeueRunningTrials(in:heartbeatBefore:)`.
public struct GridSampler: Sampler {
    /// The space whose grid this sampler walks.
    public let space: SearchSpace

    private let axes: [(name: String, values: [ParameterValue])]

    /// Creates a sampler over the grid of `space`.
    ///
    /// Throws `ConfigurationError` for a float parameter without a step (whose values are not
    /// finite in number) or a grid of more than `Int.max` points.
    public init(space: SearchSpace) throws {
        var axes: [(name: String, values: [ParameterValue])] = []
        for parameter in space.parameters {
            guard let values = parameter.distribution.gridValues else {
                throw ConfigurationError(
                    field: parameter.name,
                    rule: "needs a step for the grid sampler, because a grid needs a finite set of values",
                    value: parameter.distribution.description)
            }
            axes.append((parameter.name, values))
        }
        guard space.gridPointCount != nil else {
            throw ConfigurationError(field: "space", rule: "has more grid points than an Int can count")
        }
        self.space = space
        self.axes = axes
    }

    /// The number of points in the grid.
    public var pointCount: Int {
        axes.reduce(1) { $0 * $1.values.count }
    }

    /// Returns grid point `index` (from 0) as parameter values by name.
    public func point(at index: Int) -> [String: ParameterValue] {
        var remainder = index
        var point: [String: ParameterValue] = [:]
        for axis in axes.reversed() {
            point[axis.name] = axis.values[remainder % axis.values.count]
            remainder /= axis.values.count
        }
        return point
    }

    /// Returns the first grid point that no trial in `trials` holds, or `.exhausted`.
    public func proposeTrial(number: Int, trials: [TrialRecord]) -> TrialProposal {
        var claimed: Set<[ParameterValue]> = []
        for trial in trials {
            if let key = gridKey(of: trial.parameters) {
                claimed.insert(key)
            }
        }
        for index in 0..<pointCount {
            let point = point(at: index)
            if !claimed.contains(axes.map { point[$0.name]! }) {
                return .parameters(point)
            }
        }
        return .exhausted
    }

    /// Throws, because every grid parameter is fixed when the trial is claimed.
    ///
    /// Reaching this means the objective suggests a parameter outside the grid, or a trial was
    /// enqueued without a value for a grid parameter. Throws `ConfigurationError` naming it.
    public func sampleParameter(
        _ name: String, from distribution: ParameterDistribution, trialNumber: Int, trials: [TrialRecord]
    ) throws -> ParameterValue {
        if space.distribution(of: name) == nil {
            let known = axes.map(\.name).joined(separator: ", ")
            throw ConfigurationError(
                field: name, rule: "is not in the grid sampler's search space (\(known)); add it to the space"
            )
        }
        throw ConfigurationError(
            field: name,
            rule: "has no value in trial \(trialNumber), which was enqueued without this grid parameter")
    }

    /// Returns the trial's values on the grid axes, or nil when one is missing or off the grid.
    private func gridKey(of parameters: [String: ParameterValue]) -> [ParameterValue]? {
        var key: [ParameterValue] = []
        for parameter in space.parameters {
            guard let value = parameters[parameter.name],
                let normalized = parameter.distribution.normalizedValue(value)
            else { return nil }
            key.append(normalized)
        }
        return key
    }
}
