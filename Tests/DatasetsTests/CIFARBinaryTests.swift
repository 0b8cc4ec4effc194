import Foundation
import Testing

@testable import Datasets

/// Builders of CIFAR binary records.
enum CIFARBytes {
    /// Returns one record: the label bytes, then 3,072 pixels where pixel i of the record is
    /// (seed + i) mod 256.
    static func record(labels: [UInt8], seed: Int) -> [UInt8] {
        labels + (0..<3_072).map { UInt8((seed + $0) % 256) }
    }
}

@Suite("CIFAR binary batches")
struct CIFARBinaryTests {
    @Test func cifar10RecordsDecode() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            CIFARBytes.record(labels: [3], seed: 0) + CIFARBytes.record(labels: [9], seed: 7), to: "batch.bin"
        )

        let dataset = try Dataset(
            cifarBatchesAt: [file], variant: .cifar10, name: "cifar10",
            classNames: CIFARVariant.cifar10ClassNames)
        #expect(dataset.count == 2)
        #expect(dataset.sampleShape == [3, 32, 32])
        #expect(dataset.labels == [3, 9])
        let second = Array(dataset.features(ofSample: 1))
        // Red (0, 0) is record byte 1, green (0, 0) byte 1 + 1024, blue (31, 31) byte 3072.
        #expect(second[0] == 7)
        #expect(second[1_024] == Float((7 + 1_024) % 256))
        #expect(second[3_071] == Float((7 + 3_071) % 256))
    }

    @Test func cifar100FineAndCoarseLabels() throws {
        let folder = try TemporaryFolder()
        let records =
            CIFARBytes.record(labels: [4, 72], seed: 1) + CIFARBytes.record(labels: [19, 99], seed: 2)
        let file = try folder.write(records, to: "train.bin")

        let names100 = (0..<100).map { "fine\($0)" }
        let fine = try Dataset(
            cifarBatchesAt: [file], variant: .cifar100(.fine), name: "c", classNames: names100)
        #expect(fine.labels == [72, 99])
        #expect(fine.features(ofSample: 1).first == 2)

        let names20 = (0..<20).map { "coarse\($0)" }
        let coarse = try Dataset(
            cifarBatchesAt: [file], variant: .cifar100(.coarse), name: "c", classNames: names20)
        #expect(coarse.labels == [4, 19])
    }

    @Test func partialRecordRejectedWithSizes() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(CIFARBytes.record(labels: [1], seed: 0) + [1, 2, 3], to: "batch.bin")

        let error = #expect(throws: DatasetError.self) {
            try Dataset(
                cifarBatchesAt: [file], variant: .cifar10, name: "c",
                classNames: CIFARVariant.cifar10ClassNames)
        }
        #expect(error == .invalidRecordFileSize(path: file.path, byteCount: 3_076, recordSize: 3_073))
        #expect(error?.description.contains("1 records and 3 bytes left over") == true)
    }

    @Test func labelOutOfRangeRejected() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            CIFARBytes.record(labels: [0], seed: 0) + CIFARBytes.record(labels: [10], seed: 0),
            to: "batch.bin")

        let error = #expect(throws: DatasetError.self) {
            try Dataset(
                cifarBatchesAt: [file], variant: .cifar10, name: "c",
                classNames: CIFARVariant.cifar10ClassNames)
        }
        #expect(error == .labelOutOfRange(path: file.path, sampleIndex: 1, label: 10, classCount: 10))
    }

    @Test func cifar10FolderWithMetaFile() throws {
        let folder = try TemporaryFolder()
        let root = "cifar-10-batches-bin"
        try folder.write(CIFARBytes.record(labels: [0], seed: 0), to: "\(root)/data_batch_1.bin")
        // The second batch is gzip-compressed, as a user might store it.
        try folder.write(
            StoredGzip.compress(
                CIFARBytes.record(labels: [1], seed: 5) + CIFARBytes.record(labels: [2], seed: 6)),
            to: "\(root)/data_batch_2.bin.gz")
        try folder.write(CIFARBytes.record(labels: [9], seed: 9), to: "\(root)/test_batch.bin")
        let names = (0..<10).map { "class \($0)" }
        try folder.write(Array((names.joined(separator: "\n") + "\n\n").utf8), to: "\(root)/batches.meta.txt")

        let sets = try TrainingAndTestSets(cifarFolder: folder.url)
        #expect(sets.training.labels == [0, 1, 2])
        #expect(sets.training.features(ofSample: 2).first == 6)
        #expect(sets.test?.labels == [9])
        #expect(sets.training.classNames == names)
        #expect(sets.training.name == "cifar10")
    }

    @Test func cifar10FolderWithoutMetaFileUsesStandardNames() throws {
        let folder = try TemporaryFolder()
        try folder.write(CIFARBytes.record(labels: [0], seed: 0), to: "data_batch_1.bin")
        try folder.write(CIFARBytes.record(labels: [1], seed: 0), to: "test_batch.bin")

        let sets = try TrainingAndTestSets(cifarFolder: folder.url)
        #expect(sets.training.classNames.first == "airplane")
        #expect(sets.test?.classNames.last == "truck")
    }

    @Test func cifar100FolderNames() throws {
        let folder = try TemporaryFolder()
        try folder.write(CIFARBytes.record(labels: [3, 50], seed: 0), to: "cifar-100-binary/train.bin")
        try folder.write(CIFARBytes.record(labels: [1, 2], seed: 0), to: "cifar-100-binary/test.bin")
        let coarseNames = (0..<20).map { "super\($0)" }
        try folder.write(
            Array(coarseNames.joined(separator: "\n").utf8), to: "cifar-100-binary/coarse_label_names.txt")

        let coarse = try TrainingAndTestSets(cifarFolder: folder.url, cifar100Labels: .coarse)
        #expect(coarse.training.classNames == coarseNames)
        #expect(coarse.training.labels == [3])
        #expect(coarse.training.name == "cifar100")

        // Without fine_label_names.txt, the 100 fine classes are named by number.
        let fine = try TrainingAndTestSets(cifarFolder: folder.url)
        #expect(fine.training.classNames.count == 100)
        #expect(fine.training.classNames[50] == "50")
        #expect(fine.test?.labels == [2])
    }

    @Test func namesFileCountChecked() throws {
        let folder = try TemporaryFolder()
        try folder.write(CIFARBytes.record(labels: [0], seed: 0), to: "data_batch_1.bin")
        try folder.write(CIFARBytes.record(labels: [0], seed: 0), to: "test_batch.bin")
        let meta = try folder.write(Array("cat\ndog\n".utf8), to: "batches.meta.txt")

        let error = #expect(throws: DatasetError.self) { try TrainingAndTestSets(cifarFolder: folder.url) }
        #expect(error == .classNamesCountMismatch(path: meta.path, nameCount: 2, expectedCount: 10))
    }

    @Test func folderWithoutBatchesRejected() throws {
        let folder = try TemporaryFolder()
        try folder.write(CIFARBytes.record(labels: [0], seed: 0), to: "data_batch_1.bin")

        let error = #expect(throws: DatasetError.self) { try TrainingAndTestSets(cifarFolder: folder.url) }
        guard case .unrecognizedDataFolder(let path, let reason) = error else {
            Issue.record("expected unrecognizedDataFolder, got \(String(describing: error))")
            return
        }
        #expect(path == folder.url.path)
        #expect(reason.contains("test_batch.bin"))
    }
}
