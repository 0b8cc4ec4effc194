/// Labeled samples that training and evaluation read batch by batch: a `Dataset` held in memory,
/// or a `StreamedImageSet` whose images are decoded from their files when a batch needs them.
///
/// Samples have the layout of `Dataset`: `sampleShape` values each, row-major.
public protocol SampleSource: Sendable {
    /// A name for messages and run records, such as "mnist".
    var name: String { get }
    /// The shape of one sample: [C, H, W] for images, [F] for rows of F features.
    var sampleShape: [Int] { get }
    /// The class label of each sample, in 0..<classNames.count.
    var labels: [Int32] { get }
    /// The name of each class, indexed by label.
    var classNames: [String] { get }

    /// Writes the samples at `indices`, in that order, into consecutive rows of `destination`,
    /// `sampleSize` values each.
    ///
    /// An index outside `0..<count` is a programming error and stops the program.
    ///
    /// - Throws: `DatasetError` when a sample has to be read from a file that cannot be read.
    func copySamples(at indices: [Int], to destination: UnsafeMutablePointer<Float>) throws
}

extension SampleSource {
    /// The number of samples.
    public var count: Int { labels.count }

    /// The number of values in one sample, the product of `sampleShape`.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The number of classes, `classNames.count`.
    public var classCount: Int { classNames.count }

    /// Returns the number of samples of each class, indexed by label, with zeros for absent classes.
    public func labelHistogram() -> [Int] {
        var histogram = [Int](repeating: 0, count: classCount)
        for label in labels {
            histogram[Int(label)] += 1
        }
        return histogram
    }
}

extension Dataset: SampleSource {
    public func copySamples(at indices: [Int], to destination: UnsafeMutablePointer<Float>) throws {
        let size = sampleSize
        features.withUnsafeBufferPointer { values in
            for (row, index) in indices.enumerated() {
                precondition(index >= 0 && index < count, "Sample index \(index) is outside 0..<\(count).")
                (destination + row * size).update(from: values.baseAddress! + index * size, count: size)
            }
        }
    }
}
