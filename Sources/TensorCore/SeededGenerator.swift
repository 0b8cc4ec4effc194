import Foundation

/// A seeded pseudo-random number generator (xoshiro256**) whose output depends only on its seed.
///
/// The state is initialized from the 64-bit seed with SplitMix64, as the xoshiro authors
/// (Blackman and Vigna, 2018) recommend. Every random choice in SwiftTune (splits,
/// initialization, shuffling, dropout masks, augmentation) draws from one of these, so a run is
/// reproducible from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// The seed this generator started from.
    public let seed: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        var mixer = seed
        state = (
            Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer)
        )
    }

    /// Creates a generator for one named purpose of a run, seeded from the run's seed.
    ///
    /// Different purposes ("split", "initialization", "shuffle", ...) get statistically independent
    /// streams from one run seed, and the same pair always gives the same stream.
    public init(seed: UInt64, purpose: String) {
        self.init(seed: Self.derivedSeed(seed, purpose: purpose))
    }

    /// Returns the seed of the stream for `purpose`, derived from `seed` with FNV-1a and SplitMix64.
    public static func derivedSeed(_ seed: UInt64, purpose: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purpose.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var mixer = seed ^ hash
        return splitMix(&mixer)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// Returns a uniform value in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Returns a standard normal value (mean 0, variance 1) by the Box-Muller transform.
    public mutating func nextNormal() -> Float {
        let u1 = max(Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0), 1e-300)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9e37_79b9_7f4a_7c15
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
