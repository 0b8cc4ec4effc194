import Testing

@testable import Reporting

/// Expected ticks worked out by hand: the step is the smallest of 1, 2 or 5 × 10^k that is at
/// least (upper − lower) / targetCount, and the axis runs between multiples of the step.
@Suite struct AxisTicksTests {
    @Test func unitRangeStepsByPointTwo() {
        let ticks = AxisTicks(covering: 0, 1)
        #expect(ticks.step == 0.2)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ticks.values.map(ticks.label(for:)) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func unevenRangeWidensToRoundBounds() {
        // (0.87 - 0.13) / 5 = 0.148, so the step is 0.2, from 0.0 to 1.0.
        let ticks = AxisTicks(covering: 0.13, 0.87)
        #expect(ticks.step == 0.2)
        #expect(ticks.lowerBound == 0)
        #expect(ticks.upperBound == 1)
    }

    @Test func wholeNumberRangeStepsByTwenty() {
        // 97 / 5 = 19.4, so the step is 20 and the axis ends at 100.
        let ticks = AxisTicks(covering: 3, 97)
        #expect(ticks.values == [0, 20, 40, 60, 80, 100])
        #expect(ticks.label(for: 40) == "40")
    }

    @Test func rangeAcrossZero() {
        // 3.7 / 5 = 0.74, so the step is 1.
        let ticks = AxisTicks(covering: -1.5, 2.2)
        #expect(ticks.values == [-2, -1, 0, 1, 2, 3])
    }

    @Test func multiplesAreExactDecimals() {
        // 0.6 / 0.2 is 2.9999999999999996 in binary; the axis must still start at 0.6.
        let ticks = AxisTicks(covering: 0.6, 1.4, targetCount: 4)
        #expect(ticks.values == [0.6, 0.8, 1.0, 1.2, 1.4])
        #expect(ticks.label(for: 0.6) == "0.6")
    }

    @Test func equalValuesWidenByTenPercent() {
        // 5 ± 0.5 gives 1 / 5 = 0.2, so ticks run from 4.4 to 5.6.
        let ticks = AxisTicks(covering: 5, 5)
        #expect(ticks.step == 0.2)
        #expect(ticks.lowerBound == 4.4)
        #expect(ticks.upperBound == 5.6)
        #expect(ticks.values.count == 7)
    }

    @Test func zeroWidensToMinusOneToOne() {
        let ticks = AxisTicks(covering: 0, 0)
        #expect(ticks.values == [-1, -0.5, 0, 0.5, 1])
        #expect(ticks.label(for: -0.5) == "-0.5")
    }

    @Test func integerStepsForEpochs() {
        // Three epochs would get a step of 0.5; epochs need whole numbers.
        let ticks = AxisTicks(covering: 1, 3, targetCount: 6, integerSteps: true)
        #expect(ticks.values == [1, 2, 3])
        let many = AxisTicks(covering: 1, 20, targetCount: 6, integerSteps: true)
        #expect(many.values == [0, 5, 10, 15, 20])
    }

    @Test func tinyValuesUseExponentLabels() {
        // 2e-5 / 5 = 4e-6, so the step is 5e-6.
        let ticks = AxisTicks(covering: 1e-5, 3e-5)
        #expect(ticks.step == 5e-6)
        #expect(ticks.values.count == 5)
        #expect(ticks.label(for: ticks.values[1]) == "1.5e-05")
    }

    @Test func largeValuesUseExponentLabels() {
        let ticks = AxisTicks(covering: 0, 4e6)
        #expect(ticks.step == 1e6)
        #expect(ticks.label(for: 2e6) == "2e+06")
        #expect(ticks.label(for: 0) == "0")
    }

    @Test func hugeRangeDoesNotOverflow() {
        let ticks = AxisTicks(covering: -1e308, 1e308)
        #expect(ticks.values.allSatisfy { $0.isFinite })
        #expect(ticks.lowerBound <= -1e308)
        #expect(ticks.upperBound >= 1e308)
    }
}
