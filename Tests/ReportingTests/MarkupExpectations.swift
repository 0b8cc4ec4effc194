import Testing

/// Expects `markup` to contain `fragment`, reporting only the fragment on failure, because
/// charts and reports are too long to print.
func expectContains(_ markup: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = markup.contains(fragment)
    #expect(found, "missing: \(fragment)", sourceLocation: sourceLocation)
}

/// Expects `markup` not to contain `fragment`, reporting only the fragment on failure.
func expectLacks(_ markup: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = markup.contains(fragment)
    #expect(!found, "unexpected: \(fragment)", sourceLocation: sourceLocation)
}

/// Returns how often `fragment` occurs in `markup`.
func occurrences(of fragment: String, in markup: String) -> Int {
    markup.components(separatedBy: fragment).count - 1
}

/// Returns the markup between the first `start` and the next `end` after it, or "" when
/// either is missing.
func slice(_ markup: String, from start: String, to end: String) -> String {
    guard let startRange = markup.range(of: start),
        let endRange = markup.range(of: end, range: startRange.upperBound..<markup.endIndex)
    else {
        return ""
    }
    return String(markup[startRange.lowerBound..<endRange.upperBound])
}
