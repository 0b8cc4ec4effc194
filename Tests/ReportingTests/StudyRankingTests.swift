import Testing

@testable import Reporting

@Suite struct StudyRankingTests {
    @Test func completeTrialsComeFirstByObjective() throws {
        let input = try ReportFixtures.studyInput()
        #expect(input.rankedTrials.map(\.number) == [5, 1, 4, 0, 2, 3, 6, 7])
        #expect(input.bestTrial?.number == 5)
        #expect(input.bestParameters.map(\.name) == ["hiddenUnits", "learningRate"])
    }

    @Test func maximizeRanksHighestFirst() {
        let input = StudySummaryInput(
            studyName: "s", objectiveName: "accuracy", direction: .maximize,
            trials: [
                TrialRow(number: 0, state: .complete, parameters: [:], objective: 0.8),
                TrialRow(number: 1, state: .complete, parameters: [:], objective: 0.9),
                TrialRow(number: 2, state: .complete, parameters: [:], objective: 0.9),
                TrialRow(number: 3, state: .complete, parameters: [:], objective: .nan),
            ])
        #expect(input.rankedTrials.map(\.number) == [1, 2, 0, 3])
        #expect(input.bestTrial?.number == 1)
    }

    @Test func explicitBestTrialWins() throws {
        var input = try ReportFixtures.studyInput()
        input.bestTrialNumber = 4
        #expect(input.bestTrial?.number == 4)
    }

    @Test func noCompleteTrialMeansNoBest() {
        let input = StudySummaryInput(
            studyName: "s", objectiveName: "loss", direction: .minimize,
            trials: [TrialRow(number: 0, state: .failed, parameters: [:], message: "out of memory")])
        #expect(input.bestTrial == nil)
        #expect(input.bestParameters.isEmpty)
        #expect(input.bestObjectiveSoFar.isEmpty)
    }

    @Test func bestSoFarFollowsTrialOrder() throws {
        let input = try ReportFixtures.studyInput()
        let best = input.bestObjectiveSoFar
        #expect(best.map(\.trialNumber) == [0, 1, 4, 5])
        #expect(best.map(\.objective) == [0.62, 0.48, 0.48, 0.44])
    }

    @Test func countsCoverEveryState() throws {
        let counts = try ReportFixtures.studyInput().trialCountsByState
        #expect(counts.map(\.state) == [.complete, .pruned, .failed, .diverged, .running, .waiting])
        #expect(counts.map(\.count) == [4, 1, 1, 0, 1, 1])
    }

    @Test func parameterNamesInFirstAppearanceOrder() {
        let input = StudySummaryInput(
            studyName: "s", objectiveName: "loss", direction: .minimize,
            trials: [
                TrialRow(
                    number: 1, state: .complete,
                    parameters: [
                        ParameterSetting(name: "z", value: "1"), ParameterSetting(name: "a", value: "2"),
                    ]),
                TrialRow(number: 0, state: .complete, parameters: [ParameterSetting(name: "m", value: "3")]),
            ])
        #expect(input.parameterNames == ["m", "z", "a"])
    }
}

@Suite struct RunHistoryTests {
    @Test func learningRateChangesListEachStep() {
        let rates: [Double?] = [0.1, 0.1, nil, 0.01, 0.01, 0.001]
        let history = RunHistory(
            name: "run",
            epochs: rates.enumerated().map { EpochMetrics(epoch: $0 + 1, trainingLoss: 1, learningRate: $1) })
        let changes = history.learningRateChanges
        #expect(
            changes == [
                LearningRateChange(epoch: 4, from: 0.1, to: 0.01),
                LearningRateChange(epoch: 6, from: 0.01, to: 0.001),
            ])
    }

    @Test func buildsFromLearningCurves() {
        let history = RunHistory(
            name: "run",
            curves: .init(
                trainingLoss: [1, 0.5], validationLoss: [1.1, 0.7], trainingAccuracy: [0.5, 0.8],
                validationAccuracy: [0.4, 0.7], learningRate: [0.01, 0.001]),
            secondsPerEpoch: [3, 4], bestEpoch: 2)
        #expect(history.epochs.map(\.epoch) == [1, 2])
        #expect(
            history.epochs[1]
                == EpochMetrics(
                    epoch: 2, trainingLoss: 0.5, validationLoss: 0.7, trainingAccuracy: 0.8,
                    validationAccuracy: 0.7,
                    learningRate: 0.001, seconds: 4))
        #expect(history.totalSeconds == 7)
        #expect(history.bestEpoch == 2)
    }
}
