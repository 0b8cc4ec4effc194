import TensorCore

extension Dataset {
    /// Splits the samples into training, validation and test so that each class keeps its
    /// proportion, for a data set without an official test set.
    ///
    /// Both fractions are shares of the whole data set. Rule: first, a class with n samples puts
    /// `round(n * testFraction)` of them into test, rounding halves up, then clamped to
    /// `1...(n - 2)`, drawn from `SeededGenerator(seed: seed, purpose: "test split")`. Then the
    /// rest is split by `stratifiedSplit(validationFraction:seed:)` with the fraction
    /// `validationFraction / (1 - testFraction)`, so that validation is about `validationFraction`
    /// of each class. For example, classes of 212 and 357 samples with both fractions 0.15 split
    /// into 398 training, 85 validation and 86 test samples. The same seed and data set always
    /// give the same split.
    ///
    /// - Throws: `DatasetError.invalidSplitFractions` unless both fractions are positive with a
    ///   sum below 1, and `DatasetError.classTooSmallForTestSplit` naming the first class with
    ///   one or two samples.
    public func stratifiedSplit(validationFraction: Double, testFraction: Double, seed: UInt64) throws
        -> DatasetSplit
    {
        let (remaining, test) = try stratifiedTestHoldOut(
            testFraction: testFraction, validationFraction: validationFraction, seed: seed)
        let split = try subset(remaining).stratifiedSplit(
            validationFraction: validationFraction / (1 - testFraction), seed: seed)
        // `remaining` is ascending, so mapping keeps the lists sorted.
        return DatasetSplit(
            trainingIndices: split.trainingIndices.map { remaining[$0] },
            validationIndices: split.validationIndices.map { remaining[$0] }, testIndices: test)
    }

    /// Holds out the test split of `stratifiedSplit(validationFraction:testFraction:seed:)` and
    /// returns the indices of the remaining samples and of the test samples, each sorted ascending.
    ///
    /// `validationFraction` is only checked here, so that the remaining samples can be split into
    /// training and validation afterwards.
    func stratifiedTestHoldOut(testFraction: Double, validationFraction: Double, seed: UInt64) throws
        -> (remaining: [Int], test: [Int])
    {
        guard validationFraction > 0, testFraction > 0, validationFraction + testFraction < 1 else {
            throw DatasetError.invalidSplitFractions(validation: validationFraction, test: testFraction)
        }
        let indicesByClass = sampleIndicesByClass()
        for (label, indices) in indicesByClass.enumerated() where indices.count == 1 || indices.count == 2 {
            throw DatasetError.classTooSmallForTestSplit(
                dataset: name, className: classNames[label], label: label, sampleCount: indices.count)
        }

        var generator = SeededGenerator(seed: seed, purpose: "test split")
        let (remaining, test) = stratifiedHoldOut(
            indicesByClass, fraction: testFraction, keeping: 2, using: &generator)
        return (remaining, test)
    }
}
