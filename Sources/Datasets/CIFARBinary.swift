import Foundation

/// The binary distribution of CIFAR-10 or CIFAR-100 (Krizhevsky, 2009): files of fixed-size
/// records, each a label and a 32 x 32 RGB image.
///
/// A CIFAR-10 record is 1 label byte and 3,072 pixel bytes. A CIFAR-100 record is a coarse label
/// byte (one of 20 superclasses), a fine label byte (one of 100 classes), and 3,072 pixel bytes.
/// The pixels are the 1,024 red values, then the green, then the blue, each plane row after row,
/// which is already the [3, 32, 32] sample layout. Files may be gzip-compressed.
public enum CIFARVariant: Equatable, Sendable {
    /// CIFAR-10, with 10 classes.
    case cifar10
    /// CIFAR-100, labeled by its 100 fine classes or its 20 coarse superclasses.
    case cifar100(CIFAR100Labels)

    /// The bytes of one image: 3 planes of 32 x 32.
    static let pixelBytes = 3 * 32 * 32

    /// The bytes of one record: the label bytes and the pixels.
    public var recordSize: Int {
        switch self {
        case .cifar10: 1 + Self.pixelBytes
        case .cifar100: 2 + Self.pixelBytes
        }
    }

    /// The number of classes of the labels used.
    public var classCount: Int {
        switch self {
        case .cifar10: 10
        case .cifar100(.fine): 100
        case .cifar100(.coarse): 20
        }
    }

    /// The position in a record of the label used.
    var labelOffset: Int {
        switch self {
        case .cifar10, .cifar100(.coarse): 0
        case .cifar100(.fine): 1
        }
    }

    /// The class names of the CIFAR-10 distribution's `batches.meta.txt`, used when that file is
    /// missing.
    public static let cifar10ClassNames = [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ]
}

/// The label of a CIFAR-100 record that becomes the class: fine or coarse.
public enum CIFAR100Labels: String, Codable, CaseIterable, Sendable {
    /// The 100 fine classes, such as "apple" and "maple_tree".
    case fine
    /// The 20 coarse superclasses, such as "fruit_and_vegetables" and "trees".
    case coarse
}

extension Dataset {
    /// Loads CIFAR batch files, one after another, as one data set of [3, 32, 32] samples with
    /// pixel values in 0...255.
    ///
    /// - Throws: `DatasetError.invalidRecordFileSize` for a file that is empty or not a whole
    ///   number of records, `.labelOutOfRange` for a label not below `classNames.count`, and the
    ///   errors of `DataFile.readBytes(at:)`.
    public init(cifarBatchesAt urls: [URL], variant: CIFARVariant, name: String, classNames: [String]) throws
    {
        precondition(!classNames.isEmpty, "A CIFAR data set needs at least one class name.")
        var features: [Float] = []
        var labels: [Int32] = []
        for url in urls {
            let bytes = try DataFile.readBytes(at: url)
            let recordSize = variant.recordSize
            guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
                throw DatasetError.invalidRecordFileSize(
                    path: url.path, byteCount: bytes.count, recordSize: recordSize)
            }

            let recordCount = bytes.count / recordSize
            features.reserveCapacity(features.count + recordCount * CIFARVariant.pixelBytes)
            labels.reserveCapacity(labels.count + recordCount)
            let pixelStart = recordSize - CIFARVariant.pixelBytes
            for record in 0..<recordCount {
                let start = record * recordSize
                let label = Int(bytes[start + variant.labelOffset])
                guard label < classNames.count else {
                    throw DatasetError.labelOutOfRange(
                        path: url.path, sampleIndex: record, label: label, classCount: classNames.count)
                }
                labels.append(Int32(label))
                features += bytes[(start + pixelStart)..<(start + recordSize)].lazy.map(Float.init)
            }
        }
        self.init(
            uncheckedName: name, sampleShape: [3, 32, 32], features: features, labels: labels,
            classNames: classNames)
    }
}
