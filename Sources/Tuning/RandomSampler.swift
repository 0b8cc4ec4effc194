import Foundation
import TensorCore

/// A sampler that draws every parameter independently and uniformly (in log space for `log`
/// distributions), from a stream fixed by the seed, the trial number and the parameter name.
///
/// Trial n's value of a parameter does not depend on other trials, on the order in which the
/// objective suggests parameters, or on which process runs the trial, so a resumed study
/// reproduces the values of a rerun trial. The random sampler never runs out of proposals: the
/// study's trial count or timeout ends it.
public struct RandomSampler: Sampler {
    /// The seed from which every value is derived.
    public let seed: UInt64

    /// Creates a sampler with `seed`.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// Returns `.parameters([:])`, because the objective samples every parameter.
    public func proposeTrial(number: Int, trials: [TrialRecord]) -> TrialProposal {
        .parameters([:])
    }

    /// Returns the value of `name` for `trialNumber`, ignoring `trials`.
    public func sampleParameter(
        _ name: String, from distribution: ParameterDistribution, trialNumber: Int, trials: [TrialRecord]
    ) -> ParameterValue {
        var generator = SeededGenerator(seed: seed, purpose: "trial \(trialNumber) parameter \(name)")
        // These draws use this file's own arithmetic rather than the standard library's
        // `random(in:using:)`, whose algorithm may change between Swift versions and would then
        // change the values a seed gives.
        let unit = Double(generator.next() >> 11) * 0x1p-53

        switch distribution {
        case .float(let low, let high, let step, let log):
            if let step {
                let count = Int(((high - low) / step + 1e-9).rounded(.down)) + 1
                let k = Self.index(below: count, from: generator.next())
                return .float(min(low + Double(k) * step, high))
            }
            let value =
                log
                ? exp(Foundation.log(low) + unit * (Foundation.log(high) - Foundation.log(low)))
                : low + unit * (high - low)
            return .float(min(max(value, low), high))

        case .int(let low, let high, let step, let log):
            if log {
                // Widening the bounds by half gives the end values their full share after rounding.
                let lower = Foundation.log(Double(low) - 0.5)
                let upper = Foundation.log(Double(high) + 0.5)
                let value = Int(exp(lower + unit * (upper - lower)).rounded())
                return .int(min(max(value, low), high))
            }
            let count = (high - low) / step + 1
            return .int(low + Self.index(below: count, from: generator.next()) * step)

        case .categorical(let choices):
            return choices[Self.index(below: choices.count, from: generator.next())]
        }
    }

    /// Maps 64 random bits to `0..<count` by taking the high word of the 128-bit product.
    ///
    /// The bias is below count / 2^64, far too small to matter for hyperparameter choices.
    private static func index(below count: Int, from bits: UInt64) -> Int {
        Int(UInt64(count).multipliedFullWidth(by: bits).high)
    }
}
