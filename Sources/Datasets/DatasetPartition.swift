/// A division of a data set's sample indices into training, validation and test splits.
///
/// The indices are positions in the data set that was split, sorted ascending, and the three
/// lists are disjoint. The value is `Codable` so that a run record can store it.
public struct DatasetPartition: Codable, Equatable, Sendable {
    /// Indices of the samples to train on.
    public var trainingIndices: [Int]
    /// Indices of the samples held out for validation.
    public var validationIndices: [Int]
    /// Indices of the samples held out for the final test; empty for a plan without a test split.
    public var testIndices: [Int]
    /// Sentences about classes that are missing from some splits, for the run record and the log.
    public var warnings: [String]

    /// Creates a partition from three index lists and its warnings.
    public init(trainingIndices: [Int], validationIndices: [Int], testIndices: [Int], warnings: [String] = [])
    {
        self.trainingIndices = trainingIndices
        self.validationIndices = validationIndices
        self.testIndices = testIndices
        self.warnings = warnings
    }
}
