import Foundation
import Synchronization

#if os(Linux)
    import CDNNL
#endif

/// A persistent pool of worker threads for short parallel loops.
///
/// `DispatchQueue.concurrentPerform` often runs every iteration on the calling thread when the
/// whole job takes under about a millisecond, so SwiftTune keeps workers alive.
///
/// On Linux the workers are the OpenMP thread team of libgomp, the same threads that run
/// oneDNN's primitives: a second set of spinning threads beside OpenMP's would oversubscribe
/// the cores after every oneDNN call. Elsewhere the pool starts its own threads: a worker spins
/// briefly on an atomic job counter after each job, then sleeps on a condition variable, and
/// the caller takes part 0 of every job itself.
public final class ThreadPool: @unchecked Sendable {
    /// Number of parts a job is split into: the workers plus the calling thread.
    public let threadCount: Int

    private let generation = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
    private let condition = NSCondition()
    private var sleepers = 0
    private var isShuttingDown = false
    private var job: ((Int) -> Void)?
    private var threads: [Thread] = []

    /// Creates a pool that splits each job into `threadCount` parts (one runs on the caller).
    public init(threadCount: Int) {
        precondition(threadCount >= 1, "a thread pool needs at least one thread, got \(threadCount)")
        self.threadCount = threadCount
        #if !os(Linux)
            startWorkers()
        #endif
    }

    private func startWorkers() {
        for index in 1..<threadCount {
            // Workers hold the pool strongly until `shutDown()` ends them.
            let thread = Thread { self.workerLoop(part: index) }
            thread.name = "swifttune-worker-\(index)"
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// Ends the worker threads once they finish any job in progress; the pool must not run jobs afterwards.
    public func shutDown() {
        condition.lock()
        isShuttingDown = true
        generation.add(1, ordering: .sequentiallyConsistent)
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `body(part)` for every part in `0..<threadCount` in parallel and returns when all finish.
    ///
    /// Calls from several threads at once are serialized. `body` must not call `run` again.
    public func run(_ body: (Int) -> Void) {
        guard threadCount > 1 else {
            body(0)
            return
        }
        #if os(Linux)
            runOnOpenMPTeam(body)
        #else
            runOnWorkers(body)
        #endif
    }

    private func runOnWorkers(_ body: (Int) -> Void) {
        runLock.lock()
        defer { runLock.unlock() }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            remaining.store(threadCount - 1, ordering: .sequentiallyConsistent)
            condition.lock()
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers > 0 { condition.broadcast() }
            condition.unlock()

            escapable(0)
            while remaining.load(ordering: .acquiring) > 0 {}
            job = nil
        }
    }

    /// Splits `0..<count` into `threadCount` contiguous ranges and runs `body` on each in parallel.
    /// Jobs smaller than `minimumPerThread` elements per part run on the calling thread.
    public func forEachRange(
        _ count: Int, minimumPerThread: Int = 65_536, _ body: (Range<Int>) -> Void
    ) {
        let parts = min(threadCount, max(1, count / max(minimumPerThread, 1)))
        guard parts > 1 else {
            body(0..<count)
            return
        }
        run { part in
            guard part < parts else { return }
            let lower = count * part / parts
            let upper = count * (part + 1) / parts
            body(lower..<upper)
        }
    }

    private let runLock = NSLock()

    #if os(Linux)
        /// Runs every part on the OpenMP team. A team can be smaller than asked (inside another
        /// parallel region it has one thread), so each thread takes parts in steps of the team size.
        private func runOnOpenMPTeam(_ body: (Int) -> Void) {
            withoutActuallyEscaping(body) { escapable in
                var job = Job(body: escapable, parts: threadCount)
                withUnsafeMutablePointer(to: &job) { pointer in
                    GOMP_parallel(
                        { raw in
                            let job = raw!.assumingMemoryBound(to: Job.self).pointee
                            let team = Int(omp_get_num_threads())
                            var part = Int(omp_get_thread_num())
                            while part < job.parts {
                                job.body(part)
                                part += team
                            }
                        }, pointer, UInt32(threadCount), 0)
                }
            }
        }

        private struct Job {
            let body: (Int) -> Void
            let parts: Int
        }
    #endif

    private func workerLoop(part: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < 20_000 {
                spins += 1
            }
            if generation.load(ordering: .acquiring) == seen {
                condition.lock()
                sleepers += 1
                while generation.load(ordering: .acquiring) == seen {
                    condition.wait()
                }
                sleepers -= 1
                condition.unlock()
            }
            seen = generation.load(ordering: .acquiring)
            if isShuttingDown { return }
            job?(part)
            remaining.subtract(1, ordering: .releasing)
        }
    }
}
