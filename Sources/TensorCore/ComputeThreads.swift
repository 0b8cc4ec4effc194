import CBLAS
import CDNNL
import Foundation

/// The one owner of the thread count shared by OpenBLAS, oneDNN (OpenMP) and SwiftTune's pool.
///
/// Three runtimes compete for the same cores: OpenBLAS's pthreads, the OpenMP threads of
/// Debian's oneDNN build, and `ThreadPool`. Setting all three from one number keeps them from
/// oversubscribing the machine. Call `configure(threadCount:)` once at start-up, before the
/// first kernel runs; until then every kernel uses all cores.
public enum ComputeThreads {
    nonisolated(unsafe) private static var currentPool: ThreadPool?
    private static let lock = NSLock()

    /// Number of cores the operating system reports as active.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The pool for SwiftTune's own elementwise kernels.
    public static var pool: ThreadPool {
        lock.withLock {
            if let currentPool { return currentPool }
            let pool = makePool(threadCount: availableCores)
            currentPool = pool
            return pool
        }
    }

    /// Thread count in force.
    public static var threadCount: Int { pool.threadCount }

    /// Sets the thread count of every runtime; `nil` means all available cores.
    public static func configure(threadCount: Int?) {
        let count = max(1, threadCount ?? availableCores)
        lock.withLock {
            currentPool?.shutDown()
            currentPool = makePool(threadCount: count)
        }
    }

    private static func makePool(threadCount: Int) -> ThreadPool {
        #if !canImport(Accelerate)
            openblas_set_num_threads(Int32(threadCount))
        #endif
        omp_set_num_threads(Int32(threadCount))
        return ThreadPool(threadCount: threadCount)
    }
}
