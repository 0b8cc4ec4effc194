/// Accuracy, per-class metrics, their averages, warnings and the confusion matrix of one
/// evaluation, ready to write into `summary.json`.
///
/// Formulas, with n samples, C classes and the per-class values of `ClassMetrics`:
/// - accuracy = (number of samples with prediction == label) / n
/// - macro average of a metric = its mean over the classes with support > 0. A class absent
///   from the labels has no defined recall, so any value for it would be arbitrary, and it is
///   left out. When the labels cover every class, this is the mean over all classes.
///   Macro F1 is the mean of per-class F1, not the F1 of macro precision and macro recall.
/// - weighted average = Σ support_c · metric_c / n; classes without samples weigh 0.
/// - micro average = the metric of the summed counts over all classes. In single-label
///   classification every error is one FP and one FN, so micro precision, micro recall and
///   micro F1 all equal accuracy.
///
/// Zero-division rule: a per-class ratio whose denominator is 0 is reported as 0 (see
/// `ClassMetrics`), and `warnings` contains one sentence per affected metric that names the
/// classes and the reason.
public struct ClassificationReport: Equatable, Sendable, Codable {
    /// The number of evaluated samples, n.
    public let sampleCount: Int
    /// Correct predictions / n.
    public let accuracy: Double
    /// Mean precision over classes with support > 0.
    public let macroPrecision: Double
    /// Mean recall over classes with support > 0.
    public let macroRecall: Double
    /// Mean F1 over classes with support > 0.
    public let macroF1: Double
    /// Σ support_c · precision_c / n.
    public let weightedPrecision: Double
    /// Σ support_c · recall_c / n; equals accuracy in single-label classification.
    public let weightedRecall: Double
    /// Σ support_c · F1_c / n.
    public let weightedF1: Double
    /// ΣTP / Σ(TP + FP) over all classes; equals accuracy.
    public let microPrecision: Double
    /// ΣTP / Σ(TP + FN) over all classes; equals accuracy.
    public let microRecall: Double
    /// Harmonic mean of micro precision and micro recall; equals accuracy.
    public let microF1: Double
    /// Top-k accuracy by k, for the values of k requested from a score matrix; empty otherwise.
    public let topKAccuracy: [Int: Double]
    /// Metrics of every class of the class list, in class-index order.
    public let perClass: [ClassMetrics]
    /// One sentence per metric that hit a 0/0, naming the classes and the value reported.
    public let warnings: [String]
    /// The counts behind every value of the report.
    public let confusionMatrix: ConfusionMatrix

    /// Evaluates hard predictions against labels.
    ///
    /// Throws what `ConfusionMatrix.init(labels:predictions:classes:)` throws, and
    /// `EvaluationError.noSamples` for empty arrays.
    public init(labels: [Int], predictions: [Int], classes: ClassList) throws {
        let matrix = try ConfusionMatrix(labels: labels, predictions: predictions, classes: classes)
        try self.init(confusionMatrix: matrix)
    }

    /// Evaluates scores against labels: predictions are the highest-scoring class of each row
    /// (ties to the lowest index), and `topK` lists the k values of top-k accuracy to compute.
    ///
    /// Throws `EvaluationError.lengthMismatch` when `scores.classCount` differs from
    /// `classes.count` or `labels` has not one entry per row, and what
    /// `ScoreMatrix.topKAccuracy(labels:k:)` and `init(labels:predictions:classes:)` throw.
    public init(labels: [Int], scores: ScoreMatrix, classes: ClassList, topK: [Int] = []) throws {
        guard scores.classCount == classes.count else {
            throw EvaluationError.lengthMismatch(
                name: "score matrix rows", count: scores.classCount, expectedName: "classes",
                expectedCount: classes.count)
        }
        guard labels.count == scores.sampleCount else {
            throw EvaluationError.lengthMismatch(
                name: "labels", count: labels.count, expectedName: "score matrix rows",
                expectedCount: scores.sampleCount)
        }
        var topKAccuracy: [Int: Double] = [:]
        for k in topK {
            topKAccuracy[k] = try scores.topKAccuracy(labels: labels, k: k)
        }
        let matrix = try ConfusionMatrix(
            labels: labels, predictions: scores.predictedClasses(), classes: classes)
        try self.init(confusionMatrix: matrix, topKAccuracy: topKAccuracy)
    }

    /// Evaluates an existing confusion matrix, with top-k accuracies computed elsewhere.
    ///
    /// Throws `EvaluationError.noSamples` when the matrix counts no sample and
    /// `EvaluationError.invalidTopK` for a key of `topKAccuracy` outside `1...classCount`.
    public init(confusionMatrix matrix: ConfusionMatrix, topKAccuracy: [Int: Double] = [:]) throws {
        let sampleCount = matrix.sampleCount
        guard sampleCount > 0 else {
            throw EvaluationError.noSamples("A classification report")
        }
        if let k = topKAccuracy.keys.sorted().first(where: { !(1...matrix.classCount).contains($0) }) {
            throw EvaluationError.invalidTopK(k: k, classCount: matrix.classCount)
        }
        let perClass = matrix.classes.names.indices.map {
            ClassMetrics(classIndex: $0, in: matrix, sampleCount: sampleCount)
        }

        self.sampleCount = sampleCount
        self.accuracy = ratio(matrix.correctCount, sampleCount)
        self.perClass = perClass
        self.topKAccuracy = topKAccuracy
        self.confusionMatrix = matrix

        self.macroPrecision = Self.macroAverage(perClass, \.precision)
        self.macroRecall = Self.macroAverage(perClass, \.recall)
        self.macroF1 = Self.macroAverage(perClass, \.f1)
        self.weightedPrecision = Self.weightedAverage(perClass, \.precision)
        self.weightedRecall = Self.weightedAverage(perClass, \.recall)
        self.weightedF1 = Self.weightedAverage(perClass, \.f1)

        let truePositives = perClass.reduce(0) { $0 + $1.truePositives }
        let falsePositives = perClass.reduce(0) { $0 + $1.falsePositives }
        let falseNegatives = perClass.reduce(0) { $0 + $1.falseNegatives }
        self.microPrecision = ratio(truePositives, truePositives + falsePositives)
        self.microRecall = ratio(truePositives, truePositives + falseNegatives)
        self.microF1 = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)

        self.warnings = Self.zeroDivisionWarnings(perClass, classes: matrix.classes)
    }

    /// The class list of the evaluated data.
    public var classes: ClassList { confusionMatrix.classes }

    /// The indices of the classes that macro averages cover: those with support > 0.
    public var macroAveragedClasses: [Int] {
        perClass.filter { $0.support > 0 }.map(\.classIndex)
    }

    /// Returns the metrics of the class that `reference` names.
    ///
    /// Throws `EvaluationError.unknownClass` when the class list has no such class.
    public func metrics(of reference: ClassReference) throws -> ClassMetrics {
        perClass[try classes.index(of: reference)]
    }

    /// Mean F-beta over the classes with support > 0; see `ClassMetrics.fScore(beta:)`.
    public func macroFScore(beta: Double) -> Double {
        Self.macroAverage(perClass) { $0.fScore(beta: beta) }
    }

    /// Σ support_c · F-beta_c / n; see `ClassMetrics.fScore(beta:)`.
    public func weightedFScore(beta: Double) -> Double {
        Self.weightedAverage(perClass) { $0.fScore(beta: beta) }
    }

    private static func macroAverage(_ perClass: [ClassMetrics], _ metric: (ClassMetrics) -> Double) -> Double
    {
        let counted = perClass.filter { $0.support > 0 }
        // A report has at least one sample, so at least one class has support > 0.
        return counted.reduce(0) { $0 + metric($1) } / Double(counted.count)
    }

    private static func weightedAverage(_ perClass: [ClassMetrics], _ metric: (ClassMetrics) -> Double)
        -> Double
    {
        let total = perClass.reduce(0) { $0 + $1.support }
        return perClass.reduce(0) { $0 + Double($1.support) * metric($1) } / Double(total)
    }

    private static func zeroDivisionWarnings(_ perClass: [ClassMetrics], classes: ClassList) -> [String] {
        ClassMetricKind.allCases.compactMap { kind in
            let affected = perClass.filter { $0.undefinedMetrics.contains(kind) }.map(\.classIndex)
            guard !affected.isEmpty else {
                return nil
            }
            let single = affected.count == 1
            let classText =
                (single ? "class " : "classes ") + affected.map(classes.label(of:)).joined(separator: ", ")
            let reason: String
            switch kind {
            case .precision:
                reason = single ? "it is never predicted" : "they are never predicted"
            case .recall:
                reason = (single ? "it has" : "they have") + " no samples in the labels"
            case .specificity:
                // Only one class can contain every sample, so this case is always singular.
                reason = "every sample belongs to it"
            case .f1:
                reason = (single ? "it is" : "they are") + " absent from both labels and predictions"
            }
            let leftOut =
                kind == .precision || kind == .specificity ? "" : " and left out of the macro averages"
            return
                "\(displayName(of: kind)) is 0/0 for \(classText) because \(reason); reported as 0\(leftOut)."
        }
    }

    private static func displayName(of kind: ClassMetricKind) -> String {
        switch kind {
        case .precision: return "Precision"
        case .recall: return "Recall"
        case .specificity: return "Specificity"
        case .f1: return "F1"
        }
    }
}
