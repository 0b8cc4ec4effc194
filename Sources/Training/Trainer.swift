import Datasets
import Evaluation
import Foundation
import NeuralNetwork
import Optimization
import TensorCore

/// Trains a model on a training split and validates it after every epoch.
///
/// Each epoch runs the batches of a seeded shuffle (`BatchPlan`). A `BatchPrefetcher` assembles
/// each batch on a background thread while the model trains on the previous one, and augments
/// its samples when an augmenter is given. Each batch goes through the forward pass, the loss,
/// the backward pass, the L2 gradient and the optimizer step. After the batches come the
/// validation loss, accuracy and monitored metric, then the schedule and early stopping. A
/// non-finite training or validation loss ends the run with status `diverged`.
public final class Trainer {
    public let configuration: TrainingConfiguration
    /// Run seed; the shuffle and the augmentation of each epoch derive from it.
    public let seed: UInt64
    /// Receives progress; may be nil.
    public weak var observer: TrainingObserver?

    /// Creates a trainer; the configuration must be valid (`TrainingConfiguration.validate`).
    public init(configuration: TrainingConfiguration, seed: UInt64) {
        self.configuration = configuration
        self.seed = seed
    }

    /// Returns the metric the early-stopping rule watches on the validation split ("loss" by default).
    public static func monitor(of configuration: TrainingConfiguration, classNames: [String]) throws
        -> MetricName
    {
        let text = configuration.earlyStopping?.monitor ?? "loss"
        do {
            return try MetricName(parsing: text, classes: try ClassList(names: classNames))
        } catch {
            throw ConfigurationError(
                field: "training.earlyStopping.monitor", rule: "must name a known metric (\(error))",
                value: "\"\(text)\"")
        }
    }

    /// Trains `model` and returns its history. The model ends with the best weights when early
    /// stopping is set to restore them, else with the weights of the last epoch.
    ///
    /// - Parameters:
    ///   - augmenter: transforms each training sample as its batch is assembled, with draws that
    ///     are new every epoch. When nil, the model trains on the samples as they are. Validation
    ///     is never augmented.
    ///   - evaluationBatchSize: the batch size of the validation pass after each epoch.
    /// - Throws: `ConfigurationError` for a monitor or schedule that names an unknown metric, and
    ///   `TrainingInterrupted` with the epochs finished so far when a training or validation
    ///   sample cannot be read (`SampleSource.copySamples(at:to:)`).
    public func fit(
        _ model: Sequential, training: any SampleSource, validation: any SampleSource,
        augmenter: ImageAugmenter? = nil, evaluationBatchSize: Int = ModelEvaluation.defaultBatchSize
    ) throws -> History {
        let classes = try ClassList(names: training.classNames)
        let monitor = try Self.monitor(of: configuration, classNames: training.classNames)
        let mode: (String) -> MonitorMode = { name in
            ((try? MetricName(parsing: name, classes: classes))?.direction ?? .minimize) == .minimize
                ? .min : .max
        }
        var schedule = try (configuration.schedule ?? ScheduleConfiguration(kind: .constant)).makeSchedule(
            initialLearningRate: configuration.optimizer.learningRate, defaultMode: mode)
        let scheduleMonitor = try schedule.monitor.map { name in
            do {
                return try MetricName(parsing: name, classes: classes)
            } catch {
                throw ConfigurationError(
                    field: "training.schedule.monitor", rule: "must name a known metric (\(error))",
                    value: "\"\(name)\"")
            }
        }
        var earlyStopping =
            try configuration.earlyStopping?.makeEarlyStopping(defaultMode: mode)
            ?? EarlyStopping(
                mode: monitor.direction == .minimize ? .min : .max, patience: Int.max / 2,
                restoreBestWeights: false)
        let optimizer = try configuration.optimizer.makeOptimizer()
        let regularization = configuration.l2 > 0 ? L2Regularization(coefficient: configuration.l2) : nil
        let loss = SoftmaxCrossEntropy(labelSmoothing: configuration.labelSmoothing)
        let parameters = model.parameters
        let prefetcher = BatchPrefetcher(dataset: training, augmenter: augmenter, seed: seed)
        defer { prefetcher.finish() }
        var gradients = TensorCache()
        var history = History()
        var bestSnapshot: [Tensor]?

        for epoch in 0..<configuration.epochs {
            let started = Date()
            let learningRate = schedule.learningRate(atEpoch: epoch)
            let plan = BatchPlan(
                epoch: epoch, count: training.count, batchSize: configuration.batchSize, seed: seed)
            prefetcher.begin(epoch: epoch, batches: plan.batches)
            var lossSum = 0.0
            var correct = 0
            var seen = 0

            for (batchIndex, indices) in plan.batches.enumerated() {
                let (input, labels): (Tensor, [Int32])
                do {
                    (input, labels) = try prefetcher.next()
                } catch {
                    throw TrainingInterrupted(history: history, underlying: error)
                }
                let logits = model.forward(input, isTraining: true)
                let gradient = gradients.tensor(shape: logits.shape)
                let result = labels.withUnsafeBufferPointer {
                    loss.evaluate(logits: logits, labels: $0, gradient: gradient)
                }
                guard result.loss.isFinite else {
                    history.status = .diverged
                    history.message = Self.divergenceMessage(
                        epoch: epoch + 1, batch: batchIndex + 1, learningRate: learningRate)
                    return history
                }

                model.backward(gradient)
                _ = regularization?.apply(to: parameters)
                optimizer.step(parameters, learningRate: learningRate)

                lossSum += result.loss * Double(indices.count)
                correct += result.correct
                seen += indices.count
                if let observer {
                    let elapsed = Date().timeIntervalSince(started)
                    observer.trainer(
                        didFinishBatch: BatchProgress(
                            epoch: epoch + 1, epochs: configuration.epochs, batch: batchIndex + 1,
                            batches: plan.batches.count,
                            runningLoss: lossSum / Double(seen),
                            samplesPerSecond: Double(seen) / max(elapsed, 1e-9),
                            elapsed: elapsed))
                }
            }

            let evaluation: ModelEvaluation
            do {
                evaluation = try ModelEvaluation(
                    model: model, dataset: validation, batchSize: evaluationBatchSize)
            } catch {
                throw TrainingInterrupted(history: history, underlying: error)
            }
            guard evaluation.loss.isFinite else {
                history.status = .diverged
                history.message = Self.divergenceMessage(
                    epoch: epoch + 1, batch: nil, learningRate: learningRate)
                return history
            }
            let monitorValue = try monitor.value(in: evaluation.report, loss: evaluation.loss)
            let record = EpochRecord(
                epoch: epoch + 1, trainingLoss: lossSum / Double(max(seen, 1)),
                trainingAccuracy: Double(correct) / Double(max(seen, 1)), validationLoss: evaluation.loss,
                validationAccuracy: evaluation.accuracy, monitorValue: monitor == .loss ? nil : monitorValue,
                learningRate: Double(learningRate), seconds: Date().timeIntervalSince(started))
            history.epochs.append(record)
            observer?.trainer(didFinishEpoch: record, of: configuration.epochs)

            if let scheduleMonitor {
                schedule.record(
                    Float(try scheduleMonitor.value(in: evaluation.report, loss: evaluation.loss)),
                    atEpoch: epoch)
            }
            let decision = earlyStopping.record(Float(monitorValue), epoch: epoch)
            if decision == .newBest && earlyStopping.restoreBestWeights {
                bestSnapshot = model.snapshot()
            }
            if decision == .stop && configuration.earlyStopping != nil {
                history.status = .earlyStopped
                history.stoppedEpoch = epoch + 1
                break
            }
        }

        let lastEpoch = history.epochs.count - 1
        history.bestEpoch = (earlyStopping.bestEpoch ?? lastEpoch) + 1
        if earlyStopping.shouldRestoreBestWeights(lastEpoch: lastEpoch), let bestSnapshot {
            model.restore(bestSnapshot)
            history.restoredBestWeights = true
        }
        return history
    }

    private static func divergenceMessage(epoch: Int, batch: Int?, learningRate: Float) -> String {
        let place =
            batch.map { "in batch \($0) of epoch \(epoch)" } ?? "on the validation split after epoch \(epoch)"
        return "The loss became NaN or infinite \(place) at learning rate \(learningRate). "
            + "Try a learning rate 3 to 10 times lower, batch normalization, or a smaller initial scale."
    }
}

/// An error that stopped training after some epochs, such as a streamed image file that changed
/// during the run, with the history of the epochs finished before it.
public struct TrainingInterrupted: Error, CustomStringConvertible {
    /// The finished epochs.
    public var history: History
    /// The error that stopped training.
    public var underlying: any Error

    public var description: String { "\(underlying)" }
}
