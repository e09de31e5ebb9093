/// What one measure's chart shows, in the measure's own terms (dates and
/// values); `SVGChart` turns it into pixels.
///
///     ChartSpec(id: "2.3", ..., actual: [Point(date: jul, value: 82.5), ...],
///               targets: [[Step(until: sep, value: 90, text: "at least 90%")]], deadlines: [sep], ...)
public struct ChartSpec: Sendable {
    public struct Point: Sendable, Hashable {
        public var date: CalendarDate
        public var value: Double
    }

    /// A comparator's values, e.g. the statistical neighbours.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
    }

    /// One milestone of a target: `value` applies until `until` (nil: ongoing).
    public struct Step: Sendable, Hashable {
        public var until: CalendarDate?
        public var value: Double
        public var text: String
    }

    public struct Line: Sendable, Hashable {
        public var from: Point
        public var to: Point
    }

    public var id: String
    public var title: String?
    public var unit: Unit
    /// The x axis: the plan period, widened to take every point and deadline.
    public var start: CalendarDate
    public var end: CalendarDate
    public var asOf: CalendarDate
    /// Numeric observations on or before the as-of date, oldest first.
    public var actual: [Point]
    public var comparators: [Series]
    /// One list of steps per `target` clause (a trajectory has several).
    public var targets: [[Step]]
    public var deadlines: [CalendarDate]
    /// The least-squares line the evaluator projected with, from the first
    /// observation it was fitted through to the deadline.
    public var projection: Line?
    /// One sentence for screen readers: what the chart shows.
    public var summary: String
}

/// A small line chart as inline SVG, drawn by our own code: no script, no
/// external reference, every number written with at most one decimal so the
/// same chart is the same bytes.
///
///     SVGChart.render(spec)   // "<svg class=\"chart\" viewBox=\"0 0 320 160\" role=\"img\" ..."
///
/// What is drawn (styles come from the page's CSS classes, so each chart
/// stays small): light grid lines and axis labels; the target as a line of
/// long dashes (a trajectory as steps: each milestone's level until its
/// deadline); each deadline as a thin vertical line; comparator series dotted;
/// the projection short-dashed; the observations as a solid line with a dot on
/// each point (on the latest only when there are more than 24). Lines are
/// paths with relative steps, one per series, to keep a page of two thousand
/// charts small.
///
/// The value axis: percentages run 0 to 100 unless every value (observations,
/// targets, comparators, projection) sits within a band of 40 points, when the
/// axis zooms to that band plus a margin (15% of it, at least 2 points),
/// rounded out to its tick step. Other units start at 0 unless the smallest
/// value is more than half the largest, when they zoom the same way. Ticks
/// fall on 1, 2 or 5 times a power of ten, four or five of them. A projection
/// that leaves the axis is cut where it crosses the edge.
public enum SVGChart {
    public static let width = 320.0
    public static let height = 160.0
    static let left = 42.0
    static let right = 304.0
    static let top = 8.0
    static let bottom = 132.0
    /// Dots on every observation up to this many.
    static let dotLimit = 24

    /// A chart in two parts: the frame (grid, axes and their labels), which
    /// every chart with the same axes shares, so a page can define it once and
    /// `<use>` it; and the marks (deadlines, targets, comparators, projection,
    /// observations), which are the chart's own.
    public struct Drawing: Sendable, Hashable {
        public var frame: String
        public var marks: String
        /// The sentence for screen readers (`aria-label`).
        public var label: String
        /// The `<title>`: the measure's id (its title is in the caption beside).
        public var title: String
    }

    /// One standalone `<svg>`, its frame inline.
    public static func render(_ spec: ChartSpec) -> String {
        let drawing = draw(spec)
        return svg(drawing, frame: drawing.frame)
    }

    /// The `<svg>` element around `frame` (the frame itself, or a `<use>` of it) and the marks.
    public static func svg(_ drawing: Drawing, frame: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\""
            + HTMLText.escape(drawing.label) + "\"><title>" + HTMLText.escape(drawing.title) + "</title>"
            + frame + drawing.marks + "</svg>"
    }

    public static func draw(_ spec: ChartSpec) -> Drawing {
        var values = spec.actual.map(\.value)
        for clause in spec.targets { values += clause.map(\.value) }
        for series in spec.comparators { values += series.points.map(\.value) }
        if let p = spec.projection {
            let end = spec.unit == .percent ? min(100, max(0, p.to.value)) : p.to.value
            values.append(end)
        }
        let axis = valueAxis(values, percent: spec.unit == .percent)
        let start = Double(spec.start.dayNumber)
        let span = Double(max(1, spec.end.dayNumber - spec.start.dayNumber))
        let x = { (d: CalendarDate) in left + (Double(d.dayNumber) - start) / span * (right - left) }
        let y = { (v: Double) in bottom - (v - axis.low) / (axis.high - axis.low) * (bottom - top) }

        // The frame: grid, axes, value and month labels. It carries its own
        // presentation attributes: a page's CSS does not reach into a `<use>`.
        var grid = ""
        var labels = ""
        for tick in axis.ticks {
            let ty = y(tick)
            grid += "M\(n(left)) \(n(ty))H\(n(right))"
            labels += "<text x=\"\(n(left - 4))\" y=\"\(n(ty + 3.5))\">"
                + HTMLText.escape(tickLabel(tick, unit: spec.unit, step: axis.step)) + "</text>"
        }
        var frame = "<g fill=\"none\"><path stroke=\"#e4e7eb\" d=\"\(grid)\"/>"
        frame += "<path stroke=\"#555555\" d=\"M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))\"/></g>"
        frame += "<g font-size=\"10\" fill=\"#333333\" text-anchor=\"end\">" + labels + "</g>"
        frame += "<g font-size=\"10\" fill=\"#333333\" text-anchor=\"middle\">"
        for month in monthTicks(spec.start, spec.end) {
            // A label centred on the right edge would be cut off: end it there.
            let tx = x(month)
            let anchor = tx > width - 20 ? " text-anchor=\"end\"" : ""
            frame += "<text x=\"\(n(min(tx, width - 1)))\" y=\"\(n(bottom + 14))\"\(anchor)>"
                + Month.shortNames[month.month - 1] + " " + twoDigits(month.year) + "</text>"
        }
        frame += "</g>"

        // The marks.
        var marks = ""
        let due = spec.deadlines.filter { $0 >= spec.start && $0 <= spec.end }
        if !due.isEmpty {
            marks += "<path class=\"dl\" d=\"" + due.map { "M\(n(x($0))) \(n(top))V\(n(bottom))" }.joined() + "\"/>"
        }
        for clause in spec.targets {
            var points: [(Double, Double)] = []
            var from = spec.start
            for (k, step) in clause.enumerated() {
                let last = k == clause.count - 1
                let to = last ? spec.end : min(spec.end, max(from, step.until ?? spec.end))
                points.append((x(from), y(step.value)))
                points.append((x(to), y(step.value)))
                from = to
            }
            marks += path("t", points)
        }
        for series in spec.comparators {
            marks += path("c", series.points.map { (x($0.date), y($0.value)) })
        }
        if let p = spec.projection {
            let (a, b) = clip(p, low: axis.low, high: axis.high)
            marks += path("p", [(x(a.date), y(a.value)), (x(b.date), y(b.value))])
        }
        let points = spec.actual.map { (x($0.date), y($0.value)) }
        if points.count > 1 { marks += path("a", points) }
        let dotted = points.count <= dotLimit ? points : points.suffix(1).map { ($0.0.rounded(), $0.1.rounded()) }
        for (px, py) in dotted { marks += "<circle class=\"a\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"2.5\"/>" }

        return Drawing(frame: frame, marks: marks, label: spec.summary, title: spec.id)
    }

    // MARK: Axes

    struct Axis {
        var low: Double
        var high: Double
        var step: Double
        var ticks: [Double]
    }

    /// See the type's comment for the rule.
    static func valueAxis(_ values: [Double], percent: Bool) -> Axis {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        let full = percent && low >= 0 && high <= 100 && high - low > 40
        if full { return axis(0, 100, step: 25) }
        let zoom = percent ? (high - low <= 40) : !(low >= 0 && low <= high / 2)
        if !zoom { low = min(0, low) }
        let band = high - low
        let margin = zoom ? max(percent ? 2 : 0, band * 0.15, band == 0 ? max(1, abs(high) * 0.1) : 0) : band * 0.08
        if zoom { low -= margin }
        high += margin
        if high <= low { high = low + 1 }
        let step = niceStep((high - low) / 4)
        var lo = (low / step).rounded(.down) * step
        var hi = (high / step).rounded(.up) * step
        if percent {
            lo = max(lo, min(0, values.min() ?? 0))
            hi = min(hi, max(100, values.max() ?? 100))
        } else if values.allSatisfy({ $0 >= 0 }) {
            lo = max(lo, 0)
        }
        return axis(lo, hi, step: step)
    }

    static func axis(_ low: Double, _ high: Double, step: Double) -> Axis {
        var ticks: [Double] = []
        var t = low
        while t <= high + step * 1e-6 && ticks.count < 12 {
            ticks.append(t)
            t += step
        }
        return Axis(low: low, high: high, step: step, ticks: ticks)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
        return magnitude * 10
    }

    static func tickLabel(_ v: Double, unit: Unit, step: Double) -> String {
        let decimals = step.rounded() == step ? 0 : (step * 10).rounded() == step * 10 ? 1 : 2
        let text = decimals == 0 ? Display.number(v.rounded(), grouping: true) : Display.number(v, decimals: decimals, grouping: true)
        return unit == .percent ? text + "%" : text
    }

    /// Month ends to label, at most six, every 1, 2, 3, 6, 12 or 24 months.
    static func monthTicks(_ start: CalendarDate, _ end: CalendarDate) -> [CalendarDate] {
        let (sy, sm, _) = start.components
        let first = CalendarDate.endOfMonth(year: sy, month: sm)
        let months = max(0, first.wholeMonths(until: end)) + 1
        let step = [1, 2, 3, 6, 12, 24, 60, 120].first { (months + $0 - 1) / $0 <= 6 } ?? 240
        var ticks: [CalendarDate] = []
        var k = 0
        while true {
            let (y, m, _) = first.addingMonths(k).components
            let tick = CalendarDate.endOfMonth(year: y, month: m)
            if tick > end { break }
            ticks.append(tick)
            k += step
        }
        return ticks
    }

    static func twoDigits(_ year: Int) -> String {
        let yy = ((year % 100) + 100) % 100
        return (yy < 10 ? "0" : "") + String(yy)
    }

    /// The projection cut where it leaves the value axis.
    static func clip(_ line: ChartSpec.Line, low: Double, high: Double) -> (ChartSpec.Point, ChartSpec.Point) {
        let a = line.from
        var b = line.to
        let edge = b.value > high ? high : b.value < low ? low : nil
        if let edge, b.value != a.value {
            let fraction = (edge - a.value) / (b.value - a.value)
            let days = Double(b.date.dayNumber - a.date.dayNumber) * max(0, min(1, fraction))
            b = ChartSpec.Point(date: a.date.addingDays(Int(days.rounded())), value: edge)
        }
        return (a, b)
    }

    // MARK: Text

    /// A line through `points` as a path: the first point absolute, the rest
    /// relative to the one before (shorter), every coordinate rounded first
    /// so the deltas add up exactly. Long series are rounded to whole units
    /// (a unit is about a pixel at the chart's size on screen or on A4), the
    /// rest to tenths.
    static func path(_ cls: String, _ points: [(Double, Double)]) -> String {
        guard let first = points.first else { return "" }
        let round = points.count > dotLimit
            ? { (v: Double) in tenths(v.rounded()) }
            : { (v: Double) in tenths(v) }
        var (px, py) = (round(first.0), round(first.1))
        var d = "M" + text(px) + " " + text(py)
        for (k, point) in points.dropFirst().enumerated() {
            let (qx, qy) = (round(point.0), round(point.1))
            let (dx, dy) = (qx - px, qy - py)
            d += (k == 0 ? "l" : (dx < 0 ? "" : " ")) + text(dx) + (dy < 0 ? "" : " ") + text(dy)
            (px, py) = (qx, qy)
        }
        return "<path class=\"" + cls + "\" d=\"" + d + "\"/>"
    }

    static func tenths(_ v: Double) -> Int { v.isFinite ? Int((v * 10).rounded()) : 0 }

    /// A number of tenths as a decimal: 125 -> "12.5", 120 -> "12", -5 -> "-0.5".
    static func text(_ tenths: Int) -> String {
        let magnitude = tenths.magnitude
        let fraction = magnitude % 10
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// A coordinate with one decimal, "12.5" or "12" (no ".0"), "-0.5".
    static func n(_ v: Double) -> String { text(tenths(v)) }
}
