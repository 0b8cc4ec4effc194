import Testing

/// Expects `actual` to be within `tolerance` of `expected`, and reports both on failure.
func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        abs(actual - expected) <= tolerance, "\(actual) is not within \(tolerance) of \(expected)",
        sourceLocation: sourceLocation)
}
