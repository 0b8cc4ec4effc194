import TensorCore

extension Dataset {
    /// Divides the samples as `plan` specifies, so that each class keeps its proportion in every
    /// split.
    ///
    /// Sizes: ratios become target sizes of `round(count * share)` samples (halves away from
    /// zero) for validation and test, and counts are the target sizes themselves. Training gets
    /// the rest. The targets are met exactly.
    ///
    /// Classes: every class with at least as many samples as there are splits (2 or 3) puts one
    /// sample into each split first. The rest of each target is then shared among those classes in
    /// proportion to their remaining samples, by the largest-remainder method (ties go to the lower
    /// label). A class with fewer samples than splits is an error, or, with
    /// `plan.allowSmallClasses`, goes wholly into training with a warning. Classes without
    /// samples are skipped.
    ///
    /// Which samples of a class go where is drawn from `SeededGenerator(seed: seed, purpose:
    /// "split")`, so the same seed and data set always give the same partition.
    ///
    /// - Throws: `DatasetError.classTooSmallForSplits` naming the first class that is too small,
    ///   unless small classes are allowed, and `DatasetError.invalidSplitPlan` when a validation or
    ///   test target cannot hold one sample of every class or leaves no training sample for one.
    public func stratifiedSplit(plan: SplitPlan, seed: UInt64) throws -> DatasetPartition {
        try Self.stratifiedSplit(labels: labels, classNames: classNames, name: name, plan: plan, seed: seed)
    }

    /// Divides samples with `labels` as `stratifiedSplit(plan:seed:)` does, without the features,
    /// so that a part of a data set can be split without copying it.
    ///
    /// `name` and `classNames` are the data set's, for messages.
    static func stratifiedSplit(
        labels: [Int32], classNames: [String], name: String, plan: SplitPlan, seed: UInt64
    ) throws -> DatasetPartition {
        let splitter = StratifiedSplitter(labels: labels, classNames: classNames, name: name)
        return try splitter.split(plan: plan, seed: seed)
    }
}

/// The samples of each class of a labeled set, which a split plan divides.
private struct StratifiedSplitter {
    let labels: [Int32]
    let classNames: [String]
    let name: String
    let indicesByClass: [[Int]]

    init(labels: [Int32], classNames: [String], name: String) {
        self.labels = labels
        self.classNames = classNames
        self.name = name
        indicesByClass = Dataset.sampleIndicesByClass(labels: labels, classCount: classNames.count)
    }

    var count: Int { labels.count }

    func split(plan: SplitPlan, seed: UInt64) throws -> DatasetPartition {
        let splitCount = plan.hasTestSplit ? 3 : 2
        let targets = splitTargets(plan)

        var warnings: [String] = []
        var eligible: [Int] = []
        for (label, indices) in indicesByClass.enumerated() where !indices.isEmpty {
            if indices.count >= splitCount {
                eligible.append(label)
                continue
            }
            guard plan.allowSmallClasses else {
                throw DatasetError.classTooSmallForSplits(
                    dataset: name, className: classNames[label], sampleCount: indices.count,
                    splitCount: splitCount)
            }
            warnings.append(
                "Class \"\(classNames[label])\" has \(indices.count) sample\(indices.count == 1 ? "" : "s"), "
                    + "fewer than the \(splitCount) splits, so all of them are in training and the class is "
                    + "missing from validation\(splitCount == 3 ? " and test" : "").")
        }

        let perClass = try allocate(targets: targets, hasTest: plan.hasTestSplit, eligible: eligible)

        var generator = SeededGenerator(seed: seed, purpose: "split")
        var partition = DatasetPartition(
            trainingIndices: [], validationIndices: [], testIndices: [], warnings: warnings)
        partition.trainingIndices.reserveCapacity(count)
        for var indices in indicesByClass where !indices.isEmpty {
            let label = Int(labels[indices[0]])
            indices.seededShuffle(using: &generator)
            let (validation, test) = perClass[label] ?? (0, 0)
            partition.validationIndices += indices[..<validation]
            partition.testIndices += indices[validation..<(validation + test)]
            partition.trainingIndices += indices[(validation + test)...]
        }
        partition.trainingIndices.sort()
        partition.validationIndices.sort()
        partition.testIndices.sort()
        return partition
    }

    /// Returns the target numbers of validation and test samples.
    private func splitTargets(_ plan: SplitPlan) -> (validation: Int, test: Int) {
        switch plan.sizes {
        case .counts(let validation, let test):
            return (validation, test)
        case .ratios(let training, let validation, let test):
            let total = training + validation + test
            let share = { (ratio: Double) in
                Int((Double(self.count) * ratio / total).rounded(.toNearestOrAwayFromZero))
            }
            return (share(validation), share(test))
        }
    }

    /// Returns the validation and test sizes of each eligible class, by label.
    private func allocate(targets: (validation: Int, test: Int), hasTest: Bool, eligible: [Int]) throws
        -> [Int: (validation: Int, test: Int)]
    {
        let splitCount = hasTest ? 3 : 2
        let classCount = eligible.count
        var checkedTargets = [("validation", targets.validation)]
        if hasTest { checkedTargets.append(("test", targets.test)) }
        for (split, target) in checkedTargets where target < classCount {
            throw DatasetError.invalidSplitPlan(
                dataset: name,
                reason: "the \(split) split of \(target) samples cannot hold one sample of each of the "
                    + "\(classCount) classes; give it a larger share or count")
        }

        // What is left after the one sample per split that each class puts in first.
        let remaining = eligible.map { indicesByClass[$0].count - splitCount }
        let extraValidation = targets.validation - classCount
        let extraTest = hasTest ? targets.test - classCount : 0
        guard extraValidation + extraTest <= remaining.reduce(0, +) else {
            let splittable = eligible.map { indicesByClass[$0].count }.reduce(0, +)
            let training = splittable - targets.validation - targets.test
            throw DatasetError.invalidSplitPlan(
                dataset: name,
                reason: "validation and test take \(targets.validation + targets.test) of the \(splittable) "
                    + "samples of classes large enough to split, which leaves \(training) for training, "
                    + "fewer than one for each of the \(classCount) classes")
        }

        let validation = Dataset.apportion(extraValidation, weights: remaining, capacities: remaining)
        let test = Dataset.apportion(
            extraTest, weights: remaining, capacities: zip(remaining, validation).map { $0 - $1 })
        var result: [Int: (validation: Int, test: Int)] = [:]
        for (position, label) in eligible.enumerated() {
            result[label] = (1 + validation[position], (hasTest ? 1 : 0) + test[position])
        }
        return result
    }
}

extension Dataset {
    /// Shares `total` among positions in proportion to `weights`, giving no position more than its
    /// capacity, by the largest-remainder method with ties to the lower position.
    ///
    /// The capacities must add up to at least `total`. Positions at capacity pass their turn to
    /// the next largest remainder, so the shares always add up to `total`.
    static func apportion(_ total: Int, weights: [Int], capacities: [Int]) -> [Int] {
        let weightSum = weights.reduce(0, +)
        guard total > 0, weightSum > 0 else { return Array(repeating: 0, count: weights.count) }
        precondition(capacities.reduce(0, +) >= total, "Capacities below the total \(total) to share.")

        var shares = weights.indices.map { min(total * weights[$0] / weightSum, capacities[$0]) }
        let remainders = weights.map { total * $0 % weightSum }
        let order = weights.indices.sorted {
            remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1)
        }
        var left = total - shares.reduce(0, +)
        while left > 0 {
            for position in order where left > 0 && shares[position] < capacities[position] {
                shares[position] += 1
                left -= 1
            }
        }
        return shares
    }
}
