/// One point of a chart in data coordinates.
public struct ChartPoint: Equatable, Sendable {
    /// The horizontal value, such as an epoch or a trial number.
    public var x: Double
    /// The vertical value, such as a loss.
    public var y: Double

    /// Creates a point at (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite, so that the point can be drawn.
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A named sequence of points that a chart draws in one colour and lists in its legend.
public struct ChartSeries: Equatable, Sendable {
    /// The name in the legend and in point tooltips.
    public var name: String
    /// The points in drawing order. Points with a NaN or infinite coordinate are skipped, and
    /// the chart states how many.
    public var points: [ChartPoint]
    /// Whether a line chart draws a dot at each point. A series with a single drawable point
    /// always gets one, because a line needs two.
    public var showsMarkers: Bool
    /// Whether a line chart draws the line dashed.
    public var isDashed: Bool
    /// The colour by position in the chart palette; nil takes the series' position in the chart.
    /// Series that belong together, such as the training and validation loss of one trial,
    /// share an index.
    public var paletteIndex: Int?

    /// Creates a series; see the properties for the meaning of each argument.
    public init(
        name: String, points: [ChartPoint], showsMarkers: Bool = false, isDashed: Bool = false,
        paletteIndex: Int? = nil
    ) {
        self.name = name
        self.points = points
        self.showsMarkers = showsMarkers
        self.isDashed = isDashed
        self.paletteIndex = paletteIndex
    }

    /// Creates a series of `values[i]` at `x = xValues[i]`, skipping nil values.
    ///
    /// - Precondition: `xValues` and `values` have the same length.
    public init(
        name: String, xValues: [Double], values: [Double?], showsMarkers: Bool = false,
        isDashed: Bool = false,
        paletteIndex: Int? = nil
    ) {
        precondition(xValues.count == values.count, "\(xValues.count) x values for \(values.count) values")
        let points = zip(xValues, values).compactMap { x, y in y.map { ChartPoint(x: x, y: $0) } }
        self.init(
            name: name, points: points, showsMarkers: showsMarkers, isDashed: isDashed,
            paletteIndex: paletteIndex)
    }
}

/// A vertical line across a chart at one x value, labelled, such as "best epoch 12".
public struct ChartMarkerLine: Equatable, Sendable {
    /// The x value in data coordinates.
    public var x: Double
    /// The text drawn at the top of the line.
    public var label: String

    /// Creates a marker line at `x` with `label`.
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// The size of a chart in CSS pixels. Reports scale charts down to the page width and keep
/// their aspect ratio.
public struct ChartSize: Equatable, Sendable {
    /// The width in CSS pixels.
    public var width: Double
    /// The height in CSS pixels.
    public var height: Double

    /// Creates a size of `width` × `height` CSS pixels.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 600 × 360, the size of the charts in reports.
    public static let standard = ChartSize(width: 600, height: 360)
}
