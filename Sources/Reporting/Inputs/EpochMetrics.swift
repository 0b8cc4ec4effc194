/// The measurements of one training epoch, one row of `history.csv`.
///
/// Losses may be NaN or infinite for a run that diverged; charts skip those values and count
/// them in a note. Metrics that a run did not measure, such as validation values without a validation
/// split, are nil.
public struct EpochMetrics: Codable, Equatable, Sendable {
    /// The epoch number, counted from 1.
    public var epoch: Int
    /// The mean training loss over the epoch's batches.
    public var trainingLoss: Double
    /// The loss on the validation split after the epoch.
    public var validationLoss: Double?
    /// The accuracy on the training batches, a fraction in [0, 1].
    public var trainingAccuracy: Double?
    /// The accuracy on the validation split after the epoch, a fraction in [0, 1].
    public var validationAccuracy: Double?
    /// The learning rate used during the epoch.
    public var learningRate: Double?
    /// The wall-clock duration of the epoch in seconds, validation included.
    public var seconds: Double?

    /// Creates the record of epoch `epoch`; see the properties for the meaning of each value.
    public init(
        epoch: Int, trainingLoss: Double, validationLoss: Double? = nil, trainingAccuracy: Double? = nil,
        validationAccuracy: Double? = nil, learningRate: Double? = nil, seconds: Double? = nil
    ) {
        self.epoch = epoch
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.trainingAccuracy = trainingAccuracy
        self.validationAccuracy = validationAccuracy
        self.learningRate = learningRate
        self.seconds = seconds
    }
}
