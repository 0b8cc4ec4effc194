import TensorCore

extension SeededGenerator {
    /// Returns a uniform integer in `0..<bound` by Lemire's multiply-and-reject method.
    ///
    /// Written here instead of calling `Int.random(in:using:)` so that the sequence depends only
    /// on this code and the seed, not on the standard library's version.
    mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "The bound must be positive, got \(bound).")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}

extension Array {
    /// Shuffles the elements in place with the Fisher-Yates algorithm, drawing from `generator`.
    mutating func seededShuffle(using generator: inout SeededGenerator) {
        guard count > 1 else { return }
        for last in stride(from: count - 1, to: 0, by: -1) {
            let other = generator.nextIndex(below: last + 1)
            swapAt(last, other)
        }
    }
}
