import Foundation

/// The search for a named data set's files on disk.
///
/// For a data set called NAME, the locator looks in this order and takes the first folder that
/// contains all four IDX files (each as `FILE.gz` or `FILE`):
/// 1. The explicit path (the `--data` option or the configuration's `path`), either as the folder
///    of the files itself or as a parent folder containing `NAME/`.
/// 2. `$SWIFTTUNE_DATA/NAME`.
/// 3. `~/.cache/swifttune/datasets/NAME`.
/// 4. `/usr/share/datasets/NAME`, where Debian's `dataset-fashion-mnist` package installs.
public struct DatasetLocator: Equatable, Sendable {
    /// The folder given with `--data` or as the configuration's `path`, if any.
    public var explicitPath: URL?
    /// The folder named by `$SWIFTTUNE_DATA`, if that variable is set and not empty.
    public var environmentDirectory: URL?
    /// The per-user cache folder, `~/.cache/swifttune/datasets`.
    public var cacheDirectory: URL
    /// The system-wide folder, `/usr/share/datasets` unless a test overrides it.
    public var systemDirectory: URL

    /// Creates a locator from an optional explicit path and the process environment.
    ///
    /// - Parameters:
    ///   - explicitPath: a folder from `--data` or the configuration, where `~` expands to the home folder.
    ///   - environment: the variables to read `SWIFTTUNE_DATA` and `HOME` from.
    ///   - systemDirectory: the last folder searched.
    public init(
        explicitPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemDirectory: URL = URL(fileURLWithPath: "/usr/share/datasets", isDirectory: true)
    ) {
        self.explicitPath = explicitPath.map {
            URL(fileURLWithPath: NSString(string: $0).expandingTildeInPath)
        }
        if let value = environment["SWIFTTUNE_DATA"], !value.isEmpty {
            environmentDirectory = URL(fileURLWithPath: NSString(string: value).expandingTildeInPath)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        cacheDirectory = URL(fileURLWithPath: home).appendingPathComponent(".cache/swifttune/datasets")
        self.systemDirectory = systemDirectory
    }

    /// Finds the four IDX files of `descriptor` in the first folder that contains them all.
    ///
    /// - Throws: `DatasetError.datasetNotFound` listing every folder searched with the reason it
    ///   did not match, and the descriptor's instructions for getting the files.
    public func locate(_ descriptor: DatasetDescriptor) throws -> IDXFileSet {
        // A nil folder represents an unset $SWIFTTUNE_DATA, which the error message lists too.
        var candidates: [(folder: URL?, origin: String)] = []
        if let explicitPath {
            candidates.append((explicitPath, "--data or data.path"))
            candidates.append((explicitPath.appendingPathComponent(descriptor.name), "--data or data.path"))
        }
        candidates.append((environmentDirectory?.appendingPathComponent(descriptor.name), "$SWIFTTUNE_DATA"))
        candidates.append((cacheDirectory.appendingPathComponent(descriptor.name), "user cache"))
        candidates.append((systemDirectory.appendingPathComponent(descriptor.name), "system data sets"))

        var searched: [String] = []
        for (folder, origin) in candidates {
            guard let folder else {
                searched.append("\(origin): not set")
                continue
            }
            switch IDXFolderSearch(folder: folder, names: descriptor.files) {
            case .found(let files):
                return files
            case .notFound(let reason):
                searched.append("\(folder.path) (\(origin)): \(reason)")
            }
        }

        throw DatasetError.datasetNotFound(
            name: descriptor.name, searchedLocations: searched, instructions: descriptor.instructions)
    }

    /// Finds and loads the official training and test sets of `descriptor`.
    public func load(_ descriptor: DatasetDescriptor) throws -> TrainingAndTestSets {
        let files = try locate(descriptor)
        return try TrainingAndTestSets(
            loading: files, name: descriptor.name, classNames: descriptor.classNames)
    }

    /// Loads an unnamed IDX data set from `folder`, which must contain the four files under their
    /// standard names (`train-images-idx3-ubyte[.gz]` and so on).
    ///
    /// The data set takes the folder's name, and its classes are named by number.
    public static func loadFolder(_ folder: URL) throws -> TrainingAndTestSets {
        switch IDXFolderSearch(folder: folder, names: .standard) {
        case .found(let files):
            return try TrainingAndTestSets(loading: files, name: folder.lastPathComponent, classNames: nil)
        case .notFound(let reason):
            throw DatasetError.unrecognizedDataFolder(
                path: folder.path, reason: "the folder \(reason), and only IDX data sets are supported so far"
            )
        }
    }
}
