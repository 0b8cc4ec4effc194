extension StudySummaryInput {
    /// The trials best first: complete trials with a finite objective by objective (ties by
    /// trial number), then all other trials by trial number.
    public var rankedTrials: [TrialRow] {
        let ranked = trials.filter { $0.state == .complete && $0.finiteObjective != nil }.sorted {
            left, right in
            let leftValue = left.finiteObjective!
            let rightValue = right.finiteObjective!
            if leftValue != rightValue {
                return direction.isBetter(leftValue, than: rightValue)
            }
            return left.number < right.number
        }
        let rankedNumbers = Set(ranked.map(\.number))
        let others = trials.filter { !rankedNumbers.contains($0.number) }.sorted { $0.number < $1.number }
        return ranked + others
    }

    /// The best trial: the one `bestTrialNumber` names, or else the first ranked complete
    /// trial with a finite objective; nil when there is none.
    public var bestTrial: TrialRow? {
        if let bestTrialNumber {
            return trials.first { $0.number == bestTrialNumber }
        }
        return rankedTrials.first { $0.state == .complete && $0.finiteObjective != nil }
    }

    /// The parameters of the best trial, empty without one.
    public var bestParameters: [ParameterSetting] { bestTrial?.parameters ?? [] }

    /// The names of all trials' parameters, in order of first appearance with trials taken by
    /// number: the parameter columns of the trials table and of `trials.csv`.
    public var parameterNames: [String] {
        var names: [String] = []
        var seen = Set<String>()
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            for setting in trial.parameters where seen.insert(setting.name).inserted {
                names.append(setting.name)
            }
        }
        return names
    }

    /// The number of trials in each state, in the order of `TrialRow.State.allCases`, states
    /// without trials included.
    public var trialCountsByState: [(state: TrialRow.State, count: Int)] {
        TrialRow.State.allCases.map { state in (state, trials.filter { $0.state == state }.count) }
    }

    /// The best finite objective among complete trials up to each complete trial, in trial
    /// number order: the y values of the "best so far" line of the optimization history.
    public var bestObjectiveSoFar: [(trialNumber: Int, objective: Double)] {
        var result: [(trialNumber: Int, objective: Double)] = []
        var best: Double?
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.state == .complete {
            guard let value = trial.finiteObjective else {
                continue
            }
            if best.map({ direction.isBetter(value, than: $0) }) ?? true {
                best = value
            }
            result.append((trial.number, best!))
        }
        return result
    }
}
