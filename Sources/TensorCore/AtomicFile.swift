import Foundation

/// Whole-file writes that readers never see half done.
public enum AtomicFile {
    /// Writes `data` to `url` by writing a temporary file in the same folder, flushing it to
    /// disk and renaming it over `url`.
    ///
    /// A reader of `url` gets the old file or the new one, never part of either, because
    /// rename(2) replaces a file in one step within one file system. The temporary file is
    /// removed when any step fails. The new file gets mode 0644 less the process umask; the
    /// mode of a replaced file is not kept.
    ///
    /// Throws `FileWriteError` naming the step, the path and the system error, such as a
    /// missing folder or a `url` that is a folder.
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        let temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path

        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(step: "create temporary file", path: temporaryPath, code: errno)
        }
        var isRenamed = false
        defer {
            if !isRenamed {
                unlink(temporaryPath)
            }
        }

        do {
            try writeAll(data, to: descriptor, path: temporaryPath)
            guard fsync(descriptor) == 0 else {
                throw FileWriteError(step: "flush", path: temporaryPath, code: errno)
            }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw FileWriteError(step: "close", path: temporaryPath, code: errno)
        }
        guard rename(temporaryPath, path) == 0 else {
            throw FileWriteError(step: "rename temporary file to", path: path, code: errno)
        }
        isRenamed = true

        // Flushing the folder makes the rename itself survive a crash. The file is in place
        // already, so a failure here is not reported.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Writes `text` as UTF-8 to `url`, atomically as `write(_:to:)` does.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes every byte of `data`, continuing after partial writes and interrupted calls.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var next = buffer.baseAddress else {
                return
            }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, next, remaining)
                if written < 0 {
                    if errno == EINTR {
                        continue
                    }
                    throw FileWriteError(step: "write", path: path, code: errno)
                }
                next += written
                remaining -= written
            }
        }
    }
}

/// A failed step of `AtomicFile.write(_:to:)`.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step that failed, such as "create temporary file".
    public let step: String
    /// The file the step worked on.
    public let path: String
    /// The `errno` value of the failed system call.
    public let code: Int32

    /// Creates the error of `step` on `path` with system error `code`.
    public init(step: String, path: String, code: Int32) {
        self.step = step
        self.path = path
        self.code = code
    }

    /// The failure in words, such as "could not create temporary file /x/.a.tmp: No such file
    /// or directory (errno 2)".
    public var description: String {
        "could not \(step) \(path): \(String(cString: strerror(code))) (errno \(code))"
    }
}
