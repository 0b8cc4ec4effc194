import Foundation
import Testing

@testable import TensorCore

@Suite struct AtomicFileTests {
    @Test func writesNewFileAndLeavesNoTemporaryFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("report.html")

        try AtomicFile.write(Data("first".utf8), to: url)

        #expect(try String(contentsOf: url, encoding: .utf8) == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test func replacesExistingFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("summary.json")
        try AtomicFile.write(Data("old content that is longer".utf8), to: url)

        try AtomicFile.write(Data("new".utf8), to: url)

        #expect(try String(contentsOf: url, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["summary.json"])
    }

    @Test func writesEmptyData() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("empty.csv")

        try AtomicFile.write(Data(), to: url)

        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func failedRenameRemovesTemporaryFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A non-empty folder in place of the target makes rename(2) fail.
        let target = folder.appendingPathComponent("report.html")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: target.appendingPathComponent("inside"))

        #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Data("new".utf8), to: target)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test func missingFolderThrowsWithPath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("no-such-folder/report.html")

        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Data("x".utf8), to: url)
        }
        #expect(error?.code == ENOENT)
        #expect(error?.description.contains("no-such-folder") == true)
        #expect(error?.description.contains("No such file or directory") == true)
    }
}

/// Creates an empty folder under the system's temporary directory.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "tensorcore-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
