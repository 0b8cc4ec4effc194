import CDNNL
import Foundation

#if canImport(CBLAS)
    import CBLAS
#endif

/// The one owner of the thread count shared by OpenBLAS, oneDNN (OpenMP) and SwiftTune's pool.
///
/// Three runtimes could compete for the same cores: OpenBLAS's pthreads, the OpenMP threads of
/// Debian's oneDNN build, and `ThreadPool`. Here one number sets the OpenMP team size, which
/// oneDNN and (on Linux) `ThreadPool` share, and OpenBLAS runs single-threaded inside the
/// pool's parts, so the machine is never oversubscribed. Call `configure(threadCount:)` once at start-up, before the
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

    /// The thread count in force as a phrase for messages: "1 thread", "2 threads".
    public static var threadCountPhrase: String {
        let count = threadCount
        return count == 1 ? "1 thread" : "\(count) threads"
    }

    /// Sets the thread count of every runtime; `nil` means all available cores.
    public static func configure(threadCount: Int?) {
        let count = max(1, threadCount ?? availableCores)
        lock.withLock {
            currentPool?.shutDown()
            currentPool = makePool(threadCount: count)
        }
    }

    private static func makePool(threadCount: Int) -> ThreadPool {
        #if canImport(CBLAS)
            // `Gemm` splits large products over the pool and calls BLAS on one thread per part,
            // so OpenBLAS never starts threads of its own.
            openblas_set_num_threads(1)
        #endif
        omp_set_num_threads(Int32(threadCount))
        return ThreadPool(threadCount: threadCount)
    }
}
