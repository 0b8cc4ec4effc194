import Foundation

extension TrainingAndTestSets {
    /// Loads the binary CIFAR-10 or CIFAR-100 distribution from `folder`, under the file names of
    /// the archives `cifar-10-binary.tar.gz` and `cifar-100-binary.tar.gz`.
    ///
    /// `folder` is the unpacked folder itself, or its parent containing `cifar-10-batches-bin` or
    /// `cifar-100-binary`. Each file may also be gzip-compressed with a `.gz` suffix.
    /// - CIFAR-10: the training set is `data_batch_1.bin`, `data_batch_2.bin`, ... in number order,
    ///   the test set `test_batch.bin`, and the class names come from `batches.meta.txt`, or are
    ///   `CIFARVariant.cifar10ClassNames` when it is missing.
    /// - CIFAR-100: `train.bin` and `test.bin`, with class names from `fine_label_names.txt` or
    ///   `coarse_label_names.txt`, or numbers when the file is missing.
    ///
    /// A names file lists one name a line; blank lines are skipped.
    ///
    /// - Parameter cifar100Labels: which label of a CIFAR-100 record becomes the class; unused
    ///   for CIFAR-10.
    /// - Throws: `DatasetError.unrecognizedDataFolder` when neither layout is found,
    ///   `.classNamesCountMismatch` for a names file with another number of names than classes,
    ///   and the errors of `Dataset.init(cifarBatchesAt:variant:name:classNames:)`.
    public init(cifarFolder folder: URL, cifar100Labels: CIFAR100Labels = .fine) throws {
        let files = try CIFARFiles(searching: folder, cifar100Labels: cifar100Labels)
        let classNames = try files.namesFile.map {
            try Self.readClassNames(at: $0, expectedCount: files.variant.classCount)
        }
        let names =
            classNames
            ?? (files.variant == .cifar10
                ? CIFARVariant.cifar10ClassNames : (0..<files.variant.classCount).map(String.init))
        let name = files.variant == .cifar10 ? "cifar10" : "cifar100"
        self.init(
            training: try Dataset(
                cifarBatchesAt: files.training, variant: files.variant, name: name, classNames: names),
            test: try Dataset(
                cifarBatchesAt: [files.test], variant: files.variant, name: name, classNames: names))
    }

    /// Returns the names in a class names file, one a line, without blank lines.
    private static func readClassNames(at url: URL, expectedCount: Int) throws -> [String] {
        let bytes = try DataFile.readBytes(at: url)
        let names = String(decoding: bytes, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard names.count == expectedCount else {
            throw DatasetError.classNamesCountMismatch(
                path: url.path, nameCount: names.count, expectedCount: expectedCount)
        }
        return names
    }
}

/// The files of a binary CIFAR distribution found in a folder.
private struct CIFARFiles {
    var variant: CIFARVariant
    var training: [URL]
    var test: URL
    var namesFile: URL?

    init(searching folder: URL, cifar100Labels: CIFAR100Labels) throws {
        for candidate in [
            folder, folder.appendingPathComponent("cifar-10-batches-bin"),
            folder.appendingPathComponent("cifar-100-binary"),
        ] {
            if let found = Self.cifar10(in: candidate) ?? Self.cifar100(in: candidate, labels: cifar100Labels)
            {
                self = found
                return
            }
        }
        throw DatasetError.unrecognizedDataFolder(
            path: folder.path,
            reason: "it has neither the CIFAR-10 files data_batch_1.bin and test_batch.bin, nor the "
                + "CIFAR-100 files train.bin and test.bin, nor a subfolder cifar-10-batches-bin or "
                + "cifar-100-binary containing them")
    }

    private init(variant: CIFARVariant, training: [URL], test: URL, namesFile: URL?) {
        self.variant = variant
        self.training = training
        self.test = test
        self.namesFile = namesFile
    }

    private static func cifar10(in folder: URL) -> CIFARFiles? {
        var training: [URL] = []
        while let batch = existing("data_batch_\(training.count + 1).bin", in: folder) {
            training.append(batch)
        }
        guard !training.isEmpty, let test = existing("test_batch.bin", in: folder) else { return nil }
        return CIFARFiles(
            variant: .cifar10, training: training, test: test,
            namesFile: existing("batches.meta.txt", in: folder))
    }

    private static func cifar100(in folder: URL, labels: CIFAR100Labels) -> CIFARFiles? {
        guard let training = existing("train.bin", in: folder), let test = existing("test.bin", in: folder)
        else {
            return nil
        }
        return CIFARFiles(
            variant: .cifar100(labels), training: [training], test: test,
            namesFile: existing("\(labels.rawValue)_label_names.txt", in: folder))
    }

    /// Returns the file `name` or `name.gz` in `folder`, whichever exists first.
    private static func existing(_ name: String, in folder: URL) -> URL? {
        for candidate in [name, name + ".gz"] {
            let url = folder.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }
}
