import Foundation

/// A cache of decoded samples with a fixed capacity, for data sets streamed from their files.
///
/// Policy: the cache admits samples until it is full and then keeps them; it never evicts. Every
/// epoch reads each training and validation sample once, in a new random order, so any cache of
/// k samples out of n saves at most k decodes per epoch, whichever samples it holds. Keeping the
/// first k reaches that bound, where least-recently-used eviction would fall below it and spend
/// time replacing samples.
///
/// The storage of `capacity` samples is reserved in one block when the cache is created, and
/// the system commits its pages as samples fill them, so resident memory grows with the samples
/// held, up to `capacity * sampleSize * 4` bytes. All methods may be called from any thread.
public final class SampleCache: @unchecked Sendable {
    /// The most samples the cache can store.
    public let capacity: Int
    /// The number of values in one sample.
    public let sampleSize: Int
    private let storage: UnsafeMutablePointer<Float>
    /// The storage slot of each sample key, or -1 for a sample not held.
    private var slots: [Int32]
    private var used = 0
    private var hits = 0
    private var misses = 0
    private let lock = NSLock()

    /// Counts of the cache's use, for the run record.
    public struct Statistics: Codable, Equatable, Sendable {
        /// The most samples the cache can store.
        public var capacity: Int
        /// The samples in the cache now.
        public var cachedSamples: Int
        /// The bytes its samples take now.
        public var cachedBytes: Int
        /// Reads served from the cache.
        public var hits: Int
        /// Reads that had to decode the sample's file.
        public var misses: Int
    }

    /// Creates an empty cache for the samples keyed `0..<keyCount`.
    ///
    /// - Parameters:
    ///   - byteLimit: the most bytes the samples may take; the capacity is the number of whole
    ///     samples that fit, at most `keyCount`.
    ///   - sampleSize: the number of `Float` values in one sample.
    public init(byteLimit: Int, sampleSize: Int, keyCount: Int) {
        precondition(byteLimit >= 0 && sampleSize > 0 && keyCount >= 0, "Invalid cache dimensions.")
        capacity = min(keyCount, byteLimit / (sampleSize * MemoryLayout<Float>.stride))
        self.sampleSize = sampleSize
        storage = UnsafeMutablePointer<Float>.allocate(capacity: max(1, capacity * sampleSize))
        slots = Array(repeating: -1, count: keyCount)
    }

    deinit {
        storage.deallocate()
    }

    /// Copies sample `key` to `destination` and returns true when the cache holds it; returns
    /// false, counting a miss, when it does not.
    public func copy(_ key: Int, to destination: UnsafeMutablePointer<Float>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let slot = Int(slots[key])
        guard slot >= 0 else {
            misses += 1
            return false
        }
        hits += 1
        destination.update(from: storage + slot * sampleSize, count: sampleSize)
        return true
    }

    /// Stores a copy of sample `key` from `source` when there is room and the cache does not
    /// hold it yet.
    public func admit(_ key: Int, from source: UnsafePointer<Float>) {
        lock.lock()
        defer { lock.unlock() }
        guard used < capacity, slots[key] < 0 else { return }
        (storage + used * sampleSize).update(from: source, count: sampleSize)
        slots[key] = Int32(used)
        used += 1
    }

    /// The cache's counts now.
    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return Statistics(
            capacity: capacity, cachedSamples: used,
            cachedBytes: used * sampleSize * MemoryLayout<Float>.stride,
            hits: hits, misses: misses)
    }
}
