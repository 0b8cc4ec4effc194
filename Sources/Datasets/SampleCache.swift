import Foundation

/// A cache of decoded samples with a fixed capacity, for data sets streamed from their files.
///
/// Policy: the cache admits samples until it is full and then keeps them; it never evicts. Every
/// epoch reads each training and validation sample once, in a new random order, so any cache of
/// k samples out of n saves at most k decodes per epoch, whichever samples it holds. Keeping the
/// first k reaches that bound, where least-recently-used eviction would fall below it and spend
/// time replacing samples.
///
/// Samples whose values are all whole numbers in 0...255, as 8-bit images are before resizing
/// and gray conversion, are stored as one byte per value, and others as 4-byte `Float` values.
/// The storage of `capacity` samples is reserved in one block when the cache is created, and
/// the system commits its pages as samples fill them, so resident memory grows with the samples
/// held, up to `capacity * sampleSize * bytesPerValue` bytes. All methods may be called from any
/// thread.
public final class SampleCache: @unchecked Sendable {
    /// The largest number of samples the cache can store.
    public let capacity: Int
    /// The number of values in one sample.
    public let sampleSize: Int
    /// 1 when the values are stored as bytes, 4 when they are stored as `Float`.
    public let bytesPerValue: Int
    private let storage: UnsafeMutableRawPointer
    /// The storage slot of each sample key, or -1 for a sample not held.
    private var slots: [Int32]
    private var used = 0
    private var hits = 0
    private var misses = 0
    private let lock = NSLock()

    /// Counts of the cache's use, for the run record.
    public struct Statistics: Codable, Equatable, Sendable {
        /// The largest number of samples the cache can store.
        public var capacity: Int
        /// The samples in the cache now.
        public var cachedSamples: Int
        /// The bytes its samples take now.
        public var cachedBytes: Int
        /// 1 when values are stored as bytes, 4 when stored as `Float`.
        public var bytesPerValue: Int
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
    ///   - sampleSize: the number of values in one sample.
    ///   - storesBytes: whether every value that will be admitted is a whole number in 0...255,
    ///     so that one byte stores it exactly.
    public init(byteLimit: Int, sampleSize: Int, keyCount: Int, storesBytes: Bool = false) {
        precondition(byteLimit >= 0 && sampleSize > 0 && keyCount >= 0, "Invalid cache dimensions.")
        bytesPerValue = storesBytes ? 1 : MemoryLayout<Float>.stride
        capacity = min(keyCount, byteLimit / (sampleSize * bytesPerValue))
        self.sampleSize = sampleSize
        storage = .allocate(
            byteCount: max(1, capacity * sampleSize * bytesPerValue), alignment: MemoryLayout<Float>.alignment
        )
        slots = Array(repeating: -1, count: keyCount)
    }

    deinit {
        storage.deallocate()
    }

    /// Copies sample `key` to `destination` and returns true when the cache contains it.
    /// Returns false, and counts a miss, when it does not.
    public func copy(_ key: Int, to destination: UnsafeMutablePointer<Float>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let slot = Int(slots[key])
        guard slot >= 0 else {
            misses += 1
            return false
        }
        hits += 1
        if bytesPerValue == 1 {
            let bytes = storage.assumingMemoryBound(to: UInt8.self) + slot * sampleSize
            for index in 0..<sampleSize {
                destination[index] = Float(bytes[index])
            }
        } else {
            let values = storage.assumingMemoryBound(to: Float.self) + slot * sampleSize
            destination.update(from: values, count: sampleSize)
        }
        return true
    }

    /// Stores a copy of sample `key` from `source` when there is room and the cache does not
    /// hold it yet.
    ///
    /// A cache that stores bytes must only be given whole numbers in 0...255; another value is a
    /// programming error and stops the program.
    public func admit(_ key: Int, from source: UnsafePointer<Float>) {
        lock.lock()
        defer { lock.unlock() }
        guard used < capacity, slots[key] < 0 else { return }
        if bytesPerValue == 1 {
            let bytes = storage.assumingMemoryBound(to: UInt8.self) + used * sampleSize
            for index in 0..<sampleSize {
                let value = source[index]
                precondition(value.isExactByte, "Value \(value) of sample \(key) does not fit a byte.")
                bytes[index] = UInt8(value)
            }
        } else {
            let values = storage.assumingMemoryBound(to: Float.self) + used * sampleSize
            values.update(from: source, count: sampleSize)
        }
        slots[key] = Int32(used)
        used += 1
    }

    /// The cache's counts now.
    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return Statistics(
            capacity: capacity, cachedSamples: used, cachedBytes: used * sampleSize * bytesPerValue,
            bytesPerValue: bytesPerValue, hits: hits, misses: misses)
    }
}

extension Float {
    /// Whether the value is a whole number in 0...255, which one byte stores exactly.
    var isExactByte: Bool { self >= 0 && self <= 255 && rounded() == self }
}
