/// Per-epoch losses, accuracies and learning rates of one training run, the input of
/// `diagnose(thresholds:)`.
///
/// Entry `i` of every array belongs to epoch `i + 1`. Accuracies are fractions in [0, 1], and
/// error means 1 − accuracy.
public struct LearningCurves: Codable, Equatable, Sendable {
    /// Mean training loss of each epoch.
    public var trainingLoss: [Double]
    /// Validation loss after each epoch.
    public var validationLoss: [Double]
    /// Training accuracy of each epoch.
    public var trainingAccuracy: [Double]
    /// Validation accuracy after each epoch.
    public var validationAccuracy: [Double]
    /// Learning rate of each epoch, or empty when the run did not record it.
    public var learningRate: [Double]
    /// Whether training stopped because a loss became NaN or infinite. A non-finite value in
    /// either loss array counts as divergence too.
    public var hasDiverged: Bool
    /// The lowest error the task allows, such as human-level or Bayes error, as a fraction in
    /// [0, 1); nil when unknown. With it, the diagnosis separates avoidable bias from variance.
    public var targetError: Double?

    /// Creates curves from per-epoch values; `validate()` checks them.
    public init(
        trainingLoss: [Double], validationLoss: [Double], trainingAccuracy: [Double],
        validationAccuracy: [Double], learningRate: [Double] = [], hasDiverged: Bool = false,
        targetError: Double? = nil
    ) {
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.trainingAccuracy = trainingAccuracy
        self.validationAccuracy = validationAccuracy
        self.learningRate = learningRate
        self.hasDiverged = hasDiverged
        self.targetError = targetError
    }

    /// The number of epochs, the length of `trainingLoss`.
    public var epochCount: Int { trainingLoss.count }

    /// Throws `EvaluationError.invalidDiagnosisInput` unless the curves cover at least one
    /// epoch, the four metric arrays have one entry per epoch, `learningRate` is empty or
    /// has one entry per epoch, and every value is in its range.
    ///
    /// Ranges: a loss is NaN, infinite or at least 0, an accuracy is in [0, 1], a learning
    /// rate is finite and positive, and `targetError` is in [0, 1).
    public func validate() throws {
        guard epochCount >= 1 else {
            throw EvaluationError.invalidDiagnosisInput(
                field: "trainingLoss", rule: "must contain at least one epoch")
        }
        let parallelArrays = [
            ("validationLoss", validationLoss), ("trainingAccuracy", trainingAccuracy),
            ("validationAccuracy", validationAccuracy),
        ]
        for (name, values) in parallelArrays where values.count != epochCount {
            throw EvaluationError.invalidDiagnosisInput(
                field: name, rule: "has \(values.count) entries but trainingLoss has \(epochCount)")
        }
        if !learningRate.isEmpty, learningRate.count != epochCount {
            throw EvaluationError.invalidDiagnosisInput(
                field: "learningRate",
                rule:
                    "has \(learningRate.count) entries but trainingLoss has \(epochCount); pass one per epoch or none"
            )
        }

        for (name, values) in [("trainingLoss", trainingLoss), ("validationLoss", validationLoss)] {
            if let epoch = values.firstIndex(where: { $0.isFinite && $0 < 0 }) {
                throw EvaluationError.invalidDiagnosisInput(
                    field: "\(name)[\(epoch)]", rule: "must not be negative, got \(values[epoch])")
            }
        }
        for (name, values) in [
            ("trainingAccuracy", trainingAccuracy), ("validationAccuracy", validationAccuracy),
        ] {
            if let epoch = values.firstIndex(where: { !(0...1).contains($0) }) {
                throw EvaluationError.invalidDiagnosisInput(
                    field: "\(name)[\(epoch)]", rule: "must be a fraction in [0, 1], got \(values[epoch])")
            }
        }
        if let epoch = learningRate.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw EvaluationError.invalidDiagnosisInput(
                field: "learningRate[\(epoch)]",
                rule: "must be finite and positive, got \(learningRate[epoch])")
        }
        if let targetError, !(targetError >= 0 && targetError < 1) {
            throw EvaluationError.invalidDiagnosisInput(
                field: "targetError", rule: "must be a fraction in [0, 1), got \(targetError)")
        }
    }
}
