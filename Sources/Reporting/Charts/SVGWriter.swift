import Foundation

/// A value that can stand in an SVG attribute.
protocol SVGAttributeValue {
    /// The attribute text before escaping.
    var svgText: String { get }
}

extension String: SVGAttributeValue {
    var svgText: String { self }
}

extension Int: SVGAttributeValue {
    var svgText: String { String(self) }
}

extension Double: SVGAttributeValue {
    /// The number with at most two decimals and no trailing zeros, which keeps files small
    /// and output stable. A hundredth of a pixel is below what a screen shows.
    var svgText: String {
        var text = String(format: "%.2f", self)
        while text.contains("."), text.hasSuffix("0") {
            text.removeLast()
        }
        if text.hasSuffix(".") {
            text.removeLast()
        }
        return text == "-0" ? "0" : text
    }
}

/// Builds SVG markup element by element, escaping every attribute value and text.
struct SVGWriter {
    /// The markup written so far.
    private(set) var markup = ""

    /// Appends an element without content, such as `<line .../>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, any SVGAttributeValue>) {
        markup += "<\(name)\(Self.attributeText(attributes))/>"
    }

    /// Appends an element whose content is `text`, escaped, and an optional tooltip.
    mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, any SVGAttributeValue>, text: String,
        tooltip: String? = nil
    ) {
        markup += "<\(name)\(Self.attributeText(attributes))>"
        if let tooltip {
            markup += "<title>\(HTML.escape(tooltip))</title>"
        }
        markup += "\(HTML.escape(text))</\(name)>"
    }

    /// Appends an element whose only content is a tooltip, such as a data point whose value
    /// shows on hover.
    mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, any SVGAttributeValue>, tooltip: String
    ) {
        markup += "<\(name)\(Self.attributeText(attributes))><title>\(HTML.escape(tooltip))</title></\(name)>"
    }

    /// Appends the start tag of a group or other container.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, any SVGAttributeValue> = [:]) {
        markup += "<\(name)\(Self.attributeText(attributes))>"
    }

    /// Appends the end tag of a container opened with `open(_:_:)`.
    mutating func close(_ name: String) {
        markup += "</\(name)>"
    }

    private static func attributeText(_ attributes: KeyValuePairs<String, any SVGAttributeValue>) -> String {
        attributes.map { " \($0.key)=\"\(HTML.escapeAttribute($0.value.svgText))\"" }.joined()
    }
}
