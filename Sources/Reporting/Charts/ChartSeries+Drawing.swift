extension ChartSeries {
    /// The points with finite coordinates, in order.
    var drawablePoints: [ChartPoint] { points.filter(\.isFinite) }

    /// The number of points with a NaN or infinite coordinate.
    var skippedPointCount: Int { points.count - drawablePoints.count }

    /// Returns the sentence that states how many points of `series` were skipped and in which
    /// series, or nil when none were.
    static func skippedPointsNote(_ series: [ChartSeries]) -> String? {
        let affected = series.filter { $0.skippedPointCount > 0 }
        guard !affected.isEmpty else {
            return nil
        }
        let total = affected.reduce(0) { $0 + $1.skippedPointCount }
        let perSeries = affected.map { "\($0.name): \($0.skippedPointCount)" }.joined(separator: ", ")
        let noun =
            total == 1
            ? "1 point with a NaN or infinite value is" : "\(total) points with NaN or infinite values are"
        return "\(noun) not shown (\(perSeries))."
    }

    /// Returns the range of the finite values of `values`, or nil when there are none.
    static func finiteRange(_ values: [Double]) -> (lower: Double, upper: Double)? {
        let finite = values.filter(\.isFinite)
        guard let lower = finite.min(), let upper = finite.max() else {
            return nil
        }
        return (lower, upper)
    }
}
