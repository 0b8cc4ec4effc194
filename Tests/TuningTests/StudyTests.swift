import Evaluation
import Foundation
import Testing

@testable import Tuning

private struct TrainingFailed: Error, CustomStringConvertible {
    var description: String { "out of memory\nat batch 3" }
}

/// Collects log lines; the study calls the sink from the thread that runs `optimize`.
private final class LogLines: @unchecked Sendable {
    var lines: [String] = []
}

@Suite struct StudyTests {
    private func makeStudy(
        storage: InMemoryStudyStorage = InMemoryStudyStorage(), sampler: any Sampler = RandomSampler(seed: 1),
        direction: OptimizationDirection = .maximize, log: LogLines = LogLines()
    ) throws -> Study {
        try Study(name: "test", storage: storage, sampler: sampler, direction: direction) {
            log.lines.append($0)
        }
    }

    @Test func runsRequestedTrialCount() throws {
        let study = try makeStudy()
        let reason = try study.optimize(trials: 5) { trial in
            try trial.suggestFloat("x", in: 0...1)
        }
        #expect(reason == .trialCountReached)
        #expect(try study.trials().count == 5)
        #expect(try study.trials().allSatisfy { $0.state == .complete })
    }

    @Test func budgetCountsEarlierFinishedTrials() throws {
        let storage = InMemoryStudyStorage()
        let first = try makeStudy(storage: storage)
        try first.optimize(trials: 3) { try $0.suggestFloat("x", in: 0...1) }

        var runs = 0
        let second = try makeStudy(storage: storage)
        try second.optimize(trials: 8) { trial in
            runs += 1
            return try trial.suggestFloat("x", in: 0...1)
        }
        #expect(runs == 5)
        #expect(try second.trials().map(\.number) == Array(0..<8))
    }

    @Test func failedAndDivergedTrialsDoNotStopTheStudy() throws {
        let log = LogLines()
        let study = try makeStudy(log: log)
        try study.optimize(trials: 5) { trial in
            let x = try trial.suggestFloat("x", in: 0...1)
            switch trial.number {
            case 1: throw TrainingFailed()
            case 2: return .nan
            case 3: throw TrialStopped.diverged("loss is inf at epoch 2")
            default: return x
            }
        }
        let trials = try study.trials()
        #expect(trials.map(\.state) == [.complete, .failed, .diverged, .diverged, .complete])
        #expect(trials[1].errorMessage == "out of memory\nat batch 3")
        #expect(trials[2].errorMessage == "objective value is nan")
        #expect(trials[3].errorMessage == "loss is inf at epoch 2")
        #expect(trials[1].value == nil)
        #expect(log.lines[1].hasSuffix("error: out of memory at batch 3"))
    }

    @Test func prunedSignalEndsTrialAsPruned() throws {
        let study = try makeStudy()
        try study.optimize(trials: 1) { trial in
            try trial.report(0.1, epoch: 0)
            throw TrialStopped.pruned
        }
        let trial = try #require(try study.trials().first)
        #expect(trial.state == .pruned)
        #expect(trial.intermediateValues == [0: 0.1])
    }

    @Test func bestTrialFollowsDirection() throws {
        let values = [0.3, 0.9, 0.1, 0.9]
        let maximizing = try makeStudy(direction: .maximize)
        try maximizing.optimize(trials: 4) { values[$0.number] }
        #expect(try maximizing.bestTrial()?.number == 1)

        let minimizing = try makeStudy(direction: .minimize)
        try minimizing.optimize(trials: 4) { values[$0.number] }
        #expect(try minimizing.bestTrial()?.number == 2)
    }

    @Test func gridStudyEndsWhenExhausted() throws {
        let space = try SearchSpace([
            "units": .int(low: 1, high: 3), "optimizer": .categorical([.string("adam"), .string("sgd")]),
        ])
        let study = try makeStudy(sampler: GridSampler(space: space))
        var seen: [[String: ParameterValue]] = []
        let reason = try study.optimize(trials: 100) { trial in
            seen.append(try trial.suggestParameters(from: space))
            return 0
        }
        #expect(reason == .samplerExhausted)
        #expect(seen.count == 6)
        #expect(Set(seen).count == 6)
    }

    @Test func timeoutStopsBeforeNextTrial() throws {
        let study = try makeStudy()
        let reason = try study.optimize(timeout: .milliseconds(150)) { trial in
            Thread.sleep(forTimeInterval: 0.1)
            return 1
        }
        #expect(reason == .timeoutReached)
        // A third 100 ms trial cannot start before 150 ms; a second one starts unless the
        // first one's overhead exceeds 50 ms on a busy machine.
        let trials = try study.trials()
        #expect(trials.count <= 2, "\(trials.count) trials of 100 ms within a 150 ms timeout")
        #expect(trials.allSatisfy { $0.state == .complete })
    }

    @Test func enqueuedParametersAreUsedFirst() throws {
        let study = try makeStudy()
        try study.enqueueTrial(["learningRate": .float(0.02), "optimizer": .string("sgd")])
        var first: (Double, String)?
        try study.optimize(trials: 2) { trial in
            let learningRate = try trial.suggestFloat("learningRate", in: 1e-4...1e-1, log: true)
            let optimizer = try trial.suggestCategorical("optimizer", choices: ["adam", "sgd"])
            let batchSize = try trial.suggestInt("batchSize", in: 32...256, step: 32)
            if trial.number == 0 {
                first = (learningRate, optimizer)
            }
            #expect(batchSize % 32 == 0)
            return learningRate
        }
        #expect(first?.0 == 0.02)
        #expect(first?.1 == "sgd")
        let trial = try #require(try study.trials().first)
        #expect(trial.distributions["learningRate"] == .float(low: 1e-4, high: 1e-1, log: true))
        #expect(trial.attempt == 1)
    }

    @Test func enqueuedValueOutsideDistributionFailsTheTrial() throws {
        let study = try makeStudy()
        try study.enqueueTrial(["learningRate": .float(5)])
        try study.optimize(trials: 1) { try $0.suggestFloat("learningRate", in: 1e-4...1e-1, log: true) }
        let trial = try #require(try study.trials().first)
        #expect(trial.state == .failed)
        #expect(trial.errorMessage?.contains("outside its distribution") == true)
    }

    @Test func repeatedSuggestionReturnsSameValue() throws {
        let study = try makeStudy()
        try study.optimize(trials: 3) { trial in
            let first = try trial.suggestInt("units", in: 16...512, log: true)
            #expect(try trial.suggestInt("units", in: 16...512, log: true) == first)
            #expect(throws: (any Error).self) {
                try trial.suggestInt("units", in: 16...256, log: true)
            }
            return Double(first)
        }
        #expect(try study.trials().allSatisfy { $0.state == .complete })
    }

    @Test func requeuedTrialRerunsWithItsNumberAndParameters() throws {
        let storage = InMemoryStudyStorage()
        let study = try makeStudy(storage: storage)
        try study.optimize(trials: 2) { try $0.suggestFloat("x", in: 0...1) }

        // A process claims trial 2, samples a parameter, reports, and dies.
        let dead = try #require(try storage.claimTrial(in: study.record.id) { _, _ in .parameters([:]) })
        try storage.setParameter(
            "x", to: .float(0.25), distribution: .float(low: 0, high: 1), for: dead.lease)
        try storage.reportIntermediateValue(0.5, epoch: 0, for: dead.lease)

        let log = LogLines()
        let resumed = try makeStudy(storage: storage, log: log)
        var rerun: (number: Int, attempt: Int, x: Double, reports: [Int: Double])?
        try resumed.optimize(trials: 4) { trial in
            let x = try trial.suggestFloat("x", in: 0...1)
            if rerun == nil {
                rerun = (trial.number, trial.attempt, x, trial.intermediateValues)
            }
            return x
        }
        #expect(rerun?.number == 2)
        #expect(rerun?.attempt == 2)
        #expect(rerun?.x == 0.25)
        #expect(rerun?.reports == [:])
        #expect(
            log.lines.first == "trial 2 requeued  it was running when its process stopped, so it runs again")

        let trials = try resumed.trials()
        #expect(trials.map(\.number) == [0, 1, 2, 3])
        #expect(trials.allSatisfy { $0.state == .complete })
        #expect(throws: StudyStorageError.self) {
            try storage.reportIntermediateValue(0.7, epoch: 1, for: dead.lease)
        }
    }

    @Test func logLineHasFixedShape() throws {
        let log = LogLines()
        let study = try makeStudy(sampler: RandomSampler(seed: 4), log: log)
        try study.enqueueTrial(["lr": .float(0.0031), "batchSize": .int(64), "optimizer": .string("adam")])
        try study.optimize(trials: 2) { trial in
            _ = try trial.suggestFloat("lr", in: 1e-4...1e-1, log: true)
            _ = try trial.suggestInt("batchSize", in: 32...256, step: 32)
            _ = try trial.suggestCategorical("optimizer", choices: ["adam", "sgd"])
            if trial.number == 1 { throw TrainingFailed() }
            return 0.89123
        }
        #expect(log.lines.count == 2)
        let pattern =
            #/trial 0 complete  objective 0\.8912  best 0\.8912 \(trial 0\)  \d+\.\d s  batchSize=64 lr=0\.0031 optimizer=adam/#
        #expect(log.lines[0].wholeMatch(of: pattern) != nil, "\(log.lines[0])")
        let failed =
            #/trial 1 failed  objective -  best 0\.8912 \(trial 0\)  \d+\.\d s  batchSize=\d+ lr=\S+ optimizer=\w+  error: out of memory at batch 3/#
        #expect(log.lines[1].wholeMatch(of: failed) != nil, "\(log.lines[1])")
    }
}
