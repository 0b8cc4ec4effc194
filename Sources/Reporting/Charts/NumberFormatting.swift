import Foundation

/// Text forms of numbers shared by charts, tables and CSV files.
enum NumberFormatting {
    /// Formats `value` with `digits` digits after the point, writing "NaN", "inf" or "-inf" for
    /// non-finite values and "0" instead of "-0".
    static func fixed(_ value: Double, digits: Int) -> String {
        if let text = nonFiniteText(value) {
            return text
        }
        let text = String(format: "%.\(digits)f", value)
        return isNegativeZero(text) ? String(text.dropFirst()) : text
    }

    /// Formats `value` with `digits` significant digits in the shorter of fixed and
    /// exponential notation (the C `%g` format), such as "0.9234", "1e-05" or "1.235e+04".
    static func significant(_ value: Double, digits: Int = 4) -> String {
        if let text = nonFiniteText(value) {
            return text
        }
        let text = String(format: "%.\(digits)g", value)
        return isNegativeZero(text) ? String(text.dropFirst()) : text
    }

    /// Returns the number of decimals that shows the largest finite magnitude of `values` with
    /// `significantDigits` digits, so that all numbers of a table column line up.
    ///
    /// With 4 digits, values around 0.35 get 4 decimals, values around 1.2 get 3, and values
    /// from 1000 on get none.
    static func columnDecimals(_ values: [Double], significantDigits: Int = 4) -> Int {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else {
            return significantDigits - 1
        }
        let exponent = Int(log10(largest).rounded(.down))
        return min(max(0, significantDigits - 1 - exponent), 12)
    }

    /// Formats a duration in seconds as "12.3 s", "4 min 05 s" or "2 h 03 min".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else {
            return significant(seconds)
        }
        if seconds < 60 {
            return String(format: "%.1f s", seconds)
        }
        let wholeSeconds = Int(seconds.rounded())
        if wholeSeconds < 3600 {
            return String(format: "%d min %02d s", wholeSeconds / 60, wholeSeconds % 60)
        }
        return String(format: "%d h %02d min", wholeSeconds / 3600, (wholeSeconds % 3600) / 60)
    }

    /// Formats `fraction` as a percentage with one decimal, such as "93.4 %".
    static func percent(_ fraction: Double) -> String {
        fixed(100 * fraction, digits: 1) + " %"
    }

    private static func nonFiniteText(_ value: Double) -> String? {
        if value.isNaN {
            return "NaN"
        }
        if value.isInfinite {
            return value > 0 ? "inf" : "-inf"
        }
        return nil
    }

    private static func isNegativeZero(_ text: String) -> Bool {
        text.hasPrefix("-") && text.allSatisfy { $0 == "-" || $0 == "0" || $0 == "." }
    }
}
