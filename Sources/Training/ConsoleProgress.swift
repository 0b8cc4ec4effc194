import Datasets
import Foundation

/// Shows training progress on the console.
///
/// On a terminal (standard error is a TTY) a progress bar on standard error is redrawn after
/// each batch: batches done, samples/s, running loss and estimated time left in the epoch.
/// Either way, one fixed-shape line per epoch goes to standard output:
/// `epoch 3/15  loss 0.4123  accuracy 0.8512  val_loss 0.3990  val_accuracy 0.8570  lr 0.001  12.4 s`.
public final class ConsoleProgress: TrainingObserver {
    /// Whether the live bar is drawn.
    public let showsBar: Bool
    /// Text put before each line, such as `trial 3 ` inside a study.
    public var prefix: String
    /// Whether the per-epoch line is printed; a study prints one line per trial instead.
    public var printsEpochLines: Bool
    private var lastDraw = Date.distantPast

    /// Creates a display; the bar is on when standard error is a terminal and `quiet` is false.
    public init(prefix: String = "", quiet: Bool = false, printsEpochLines: Bool = true) {
        self.prefix = prefix
        self.printsEpochLines = printsEpochLines
        showsBar = !quiet && isatty(STDERR_FILENO) == 1
    }

    public func trainer(didFinishBatch progress: BatchProgress) {
        guard showsBar else { return }
        let now = Date()
        guard progress.batch == progress.batches || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 24
        let filled = width * progress.batch / max(progress.batches, 1)
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let left = progress.elapsed / Double(progress.batch) * Double(progress.batches - progress.batch)
        let line = String(
            format: "\r%@epoch %d/%d [%@] %d/%d  %.0f samples/s  loss %.4f  %.0f s left ",
            prefix, progress.epoch, progress.epochs, bar, progress.batch, progress.batches,
            progress.samplesPerSecond,
            progress.runningLoss, left)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Prints each data warning on its own line, such as a test split whose class shares differ
    /// from training's, and what a streamed data set keeps in memory.
    public func trainingRun(didPrepare data: PreparedData) {
        for line in Self.lines(describing: data) {
            print(prefix + line)
        }
        fflush(nil)
    }

    /// Returns the console lines about prepared data: what the loader did with each image
    /// folder, what a streamed data set keeps in memory, and each warning about the splits.
    public static func lines(describing data: PreparedData) -> [String] {
        var lines = data.imageFolderReports.flatMap { Self.lines(describing: $0) }
        if let cache = data.streamingCache {
            let sampleCount = data.training.count + data.validation.count + data.test.count
            // The test split never enters the cache, so it stores at most the other two splits.
            let capacity = min(cache.capacity, data.training.count + data.validation.count)
            let mebibytes = Double(capacity * cache.sampleSize * cache.bytesPerValue) / 1_048_576
            let rest =
                capacity < data.training.count + data.validation.count
                ? "the other samples are decoded again whenever a batch needs them"
                : "every training and validation sample fits, and only the test split is read again"
            lines.append(
                String(
                    format: "streaming %@ images from their files; the cache holds up to %@ decoded samples "
                        + "(%.1f MiB), and %@",
                    sampleCount.groupedDigits, capacity.groupedDigits, mebibytes, rest))
        }
        return lines + data.warnings.map { "warning: \($0)" }
    }

    public func trainer(didFinishEpoch record: EpochRecord, of epochs: Int) {
        if showsBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        guard printsEpochLines else { return }
        var line = String(
            format: "%@epoch %d/%d  loss %.4f  accuracy %.4f  val_loss %.4f  val_accuracy %.4f",
            prefix, record.epoch, epochs, record.trainingLoss, record.trainingAccuracy, record.validationLoss,
            record.validationAccuracy)
        if let monitor = record.monitorValue { line += String(format: "  monitor %.4f", monitor) }
        line += String(format: "  lr %g  %.1f s", record.learningRate, record.seconds)
        print(line)
        fflush(nil)
    }

    /// The most skipped files listed by name on the console; `summary.json` lists them all.
    static let listedSkippedFileLimit = 5

    /// Returns lines on what the loader did with an image folder's files: one with the counts,
    /// then one per skipped file, up to `listedSkippedFileLimit`.
    static func lines(describing report: ImageFolderReport) -> [String] {
        var lines = ["image folder \(report.folder): " + report.countsDescription]
        if !report.emptyClasses.isEmpty {
            lines.append("warning: classes without images: " + report.emptyClasses.joined(separator: ", "))
        }
        for file in report.skippedUnreadableFiles.prefix(listedSkippedFileLimit) {
            lines.append("skipped \(file.path): \(file.reason)")
        }
        let unlisted = report.skippedUnreadableCount - listedSkippedFileLimit
        if unlisted > 0 {
            lines.append("skipped \(unlisted) more unreadable files, listed in summary.json")
        }
        return lines
    }
}
