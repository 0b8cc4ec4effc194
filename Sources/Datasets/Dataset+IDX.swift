import Foundation

extension Dataset {
    /// Loads an IDX image file and its IDX label file, each either gzip-compressed or raw.
    ///
    /// Pixels load as `Float` values in 0...255, unscaled, with sample shape [1, rows, columns].
    ///
    /// - Throws: `DatasetError` when a file is missing, unreadable or corrupt, has the wrong magic
    ///   number or byte count, when the two files contain different numbers of samples, or when a
    ///   label is not below `classNames.count`.
    public init(idxImagesAt imagesURL: URL, labelsAt labelsURL: URL, name: String, classNames: [String])
        throws
    {
        let images = try IDXFile.readImages(at: imagesURL)
        let labels = try IDXFile.readLabels(at: labelsURL)
        try self.init(images: images, labels: labels, name: name, classNames: classNames)
    }

    /// Creates a data set from IDX files that are already read and checked on their own.
    init(images: IDXFile.Images, labels: IDXFile.Labels, name: String, classNames: [String]) throws {
        guard images.count == labels.count else {
            throw DatasetError.countMismatch(
                imagesPath: images.path, imageCount: images.count, labelsPath: labels.path,
                labelCount: labels.count)
        }
        precondition(!classNames.isEmpty, "An IDX data set needs at least one class name.")

        var labelValues = [Int32](repeating: 0, count: labels.count)
        for index in 0..<labels.count {
            let label = labels[index]
            guard Int(label) < classNames.count else {
                throw DatasetError.labelOutOfRange(
                    path: labels.path, sampleIndex: index, label: Int(label), classCount: classNames.count)
            }
            labelValues[index] = Int32(label)
        }

        let valueCount = images.count * images.rows * images.columns
        let pixels = [Float](unsafeUninitializedCapacity: valueCount) { buffer, initializedCount in
            images.bytes.withUnsafeBufferPointer { source in
                let payload = source.baseAddress! + IDXFile.Images.headerSize
                for offset in 0..<valueCount {
                    (buffer.baseAddress! + offset).initialize(to: Float(payload[offset]))
                }
            }
            initializedCount = valueCount
        }

        self.init(
            uncheckedName: name, sampleShape: [1, images.rows, images.columns], features: pixels,
            labels: labelValues, classNames: classNames)
    }
}
