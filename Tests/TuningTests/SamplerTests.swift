import Foundation
import Testing

@testable import Tuning

@Suite struct RandomSamplerTests {
    private let distributions: [String: ParameterDistribution] = [
        "learningRate": .float(low: 1e-4, high: 1e-1, log: true),
        "dropout": .float(low: 0, high: 0.5, step: 0.1),
        "momentum": .float(low: 0.8, high: 0.99),
        "batchSize": .int(low: 32, high: 256, step: 32),
        "units": .int(low: 16, high: 512, log: true),
        "optimizer": .categorical([.string("adam"), .string("sgd"), .string("rmsprop")]),
    ]

    private func sample(_ sampler: RandomSampler, trial: Int) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for (name, distribution) in distributions {
            values[name] = sampler.sampleParameter(name, from: distribution, trialNumber: trial, trials: [])
        }
        return values
    }

    @Test func sameSeedAndTrialGiveSameValues() {
        for trial in 0..<20 {
            #expect(
                sample(RandomSampler(seed: 42), trial: trial) == sample(RandomSampler(seed: 42), trial: trial)
            )
        }
    }

    @Test func valueIgnoresHistoryAndSuggestionOrder() {
        let sampler = RandomSampler(seed: 5)
        let history = [TrialRecord(study: StudyID(1), number: 0, attempt: 1, state: .complete, value: 0.5)]
        let alone = sampler.sampleParameter(
            "units", from: distributions["units"]!, trialNumber: 3, trials: [])
        _ = sampler.sampleParameter(
            "learningRate", from: distributions["learningRate"]!, trialNumber: 3, trials: [])
        let afterOther = sampler.sampleParameter(
            "units", from: distributions["units"]!, trialNumber: 3, trials: history)
        #expect(alone == afterOther)
    }

    @Test func seedsAndTrialsGiveDifferentStreams() {
        let firstSeed = (0..<10).map { sample(RandomSampler(seed: 1), trial: $0)["momentum"] }
        let secondSeed = (0..<10).map { sample(RandomSampler(seed: 2), trial: $0)["momentum"] }
        #expect(firstSeed != secondSeed)
        #expect(Set(firstSeed).count == 10)
    }

    @Test func valuesLieInTheirDistributions() {
        let sampler = RandomSampler(seed: 9)
        for trial in 0..<500 {
            for (name, value) in sample(sampler, trial: trial) {
                #expect(distributions[name]!.normalizedValue(value) == value, "\(name) = \(value)")
            }
        }
    }

    @Test func everyChoiceAndStepAppears() {
        let sampler = RandomSampler(seed: 3)
        let samples = (0..<300).map { sample(sampler, trial: $0) }
        #expect(Set(samples.map { $0["optimizer"]! }).count == 3)
        #expect(Set(samples.map { $0["batchSize"]! }).count == 8)
        #expect(Set(samples.map { $0["dropout"]! }).count == 6)
    }

    @Test func logScaleCentersOnGeometricMean() {
        let sampler = RandomSampler(seed: 11)
        let values = (0..<2000).map {
            sampler.sampleParameter(
                "learningRate", from: distributions["learningRate"]!, trialNumber: $0, trials: []
            )
            .numericValue!
        }
        // Uniform in log space puts half the mass below sqrt(1e-4 * 1e-1) ~= 0.00316; a linear
        // scale would put under 3 % there.
        let below = values.filter { $0 < 0.00316 }.count
        #expect(below > 900, "\(below) of 2000 below the geometric mean")
        #expect(below < 1100, "\(below) of 2000 below the geometric mean")
    }
}

@Suite struct GridSamplerTests {
    private let space = try! SearchSpace([
        "batchSize": .int(low: 32, high: 64, step: 32),
        "optimizer": .categorical([.string("adam"), .string("sgd")]),
        "dropout": .float(low: 0, high: 0.2, step: 0.1),
    ])

    private func trial(_ number: Int, _ parameters: [String: ParameterValue], state: TrialState = .complete)
        -> TrialRecord
    {
        TrialRecord(study: StudyID(1), number: number, attempt: 1, state: state, parameters: parameters)
    }

    @Test func pointsCoverTheGridOnce() throws {
        let sampler = try GridSampler(space: space)
        #expect(sampler.pointCount == 12)
        let points = (0..<sampler.pointCount).map { sampler.point(at: $0) }
        #expect(Set(points).count == 12)
        #expect(points[0] == ["batchSize": .int(32), "dropout": .float(0), "optimizer": .string("adam")])
        #expect(points[1] == ["batchSize": .int(32), "dropout": .float(0), "optimizer": .string("sgd")])
    }

    @Test func proposalSkipsClaimedPointsInAnyState() throws {
        let sampler = try GridSampler(space: space)
        var trials: [TrialRecord] = []
        var proposed: [[String: ParameterValue]] = []
        let states: [TrialState] = [.complete, .failed, .running, .waiting, .diverged, .pruned]
        while case .parameters(let point) = sampler.proposeTrial(number: trials.count, trials: trials) {
            proposed.append(point)
            trials.append(trial(trials.count, point, state: states[trials.count % states.count]))
        }
        #expect(proposed.count == 12)
        #expect(Set(proposed).count == 12)
    }

    @Test func enqueuedPointIsNotProposedAgain() throws {
        let sampler = try GridSampler(space: space)
        // An enqueued 0.2 must match the grid's 0.1 * 2, and an integer 0 the float 0.
        let enqueued = trial(
            0, ["batchSize": .int(32), "dropout": .float(0.2), "optimizer": .string("adam")])
        let integral = trial(1, ["batchSize": .int(32), "dropout": .int(0), "optimizer": .string("adam")])
        var trials = [enqueued, integral]
        var proposed: [[String: ParameterValue]] = []
        while case .parameters(let point) = sampler.proposeTrial(number: trials.count, trials: trials) {
            proposed.append(point)
            trials.append(trial(trials.count, point))
        }
        #expect(proposed.count == 10)
        #expect(
            !proposed.contains {
                $0["dropout"] == .float(0) && $0["batchSize"] == .int(32)
                    && $0["optimizer"] == .string("adam")
            })
    }

    @Test func parameterOutsideTheGridIsRejected() throws {
        let sampler = try GridSampler(space: space)
        #expect(throws: (any Error).self) {
            try sampler.sampleParameter("momentum", from: .float(low: 0, high: 1), trialNumber: 0, trials: [])
        }
    }

    @Test func continuousFloatIsRejected() throws {
        let continuous = try SearchSpace(["lr": .float(low: 1e-4, high: 1e-1, log: true)])
        #expect(throws: (any Error).self) {
            try GridSampler(space: continuous)
        }
    }
}
