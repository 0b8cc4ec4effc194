import Synchronization
import TensorCore

/// Runs `body(index)` for every index in `0..<count` on the threads of `ComputeThreads.pool`, and
/// returns when all have finished.
///
/// Threads take the next index from a shared counter, so slow items (large files) do not leave
/// other threads idle. `body` runs concurrently with itself and must only write to memory that no
/// other index touches.
func concurrentForEach(_ count: Int, _ body: (Int) -> Void) {
    let nextIndex = Atomic<Int>(0)
    ComputeThreads.pool.run { _ in
        while true {
            let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            body(index)
        }
    }
}
