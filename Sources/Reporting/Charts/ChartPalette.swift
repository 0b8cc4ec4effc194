/// Series colours and the colours of chart furniture.
///
/// The series colours are the Okabe–Ito palette, which stays distinct for the common forms
/// of colour blindness, less its yellow, which is hard to see on white.
enum ChartPalette {
    static let seriesColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// Returns the colour of palette position `index`, repeating after the last colour.
    static func color(at index: Int) -> String {
        seriesColors[((index % seriesColors.count) + seriesColors.count) % seriesColors.count]
    }

    static let axis = "#444444"
    static let grid = "#e3e3e3"
    static let text = "#222222"
    static let mutedText = "#666666"
    static let markerLine = "#7a7a7a"
}
