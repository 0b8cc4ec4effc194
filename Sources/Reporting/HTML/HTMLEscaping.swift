/// Escaping of untrusted strings for HTML and inline SVG.
///
/// Every string that reaches a report from outside this module (class names, parameter names
/// and values, study and run names, error messages) goes through one of these functions.
public enum HTML {
    /// Returns `text` with `&`, `<` and `>` replaced by character references, safe as the
    /// content of an HTML or SVG element other than `<script>` and `<style>`.
    public static func escape(_ text: String) -> String {
        replacingSpecialCharacters(in: text, includingQuotes: false)
    }

    /// Returns `value` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe
    /// inside a single- or double-quoted attribute value.
    ///
    /// Escaping does not make a URL safe: this module writes no attribute that a browser would
    /// load or run, such as `href`, `src` or an event handler, from user strings.
    public static func escapeAttribute(_ value: String) -> String {
        replacingSpecialCharacters(in: value, includingQuotes: true)
    }

    private static func replacingSpecialCharacters(in text: String, includingQuotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where includingQuotes: result += "&quot;"
            case "'" where includingQuotes: result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
