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

    /// A tolerance drawn as a band around a comparator's values: on the side
    /// below, above or both (with no polarity).
    public struct Band: Sendable, Hashable {
        public var tolerance: Tolerance
        public var below: Bool
        public var above: Bool
    }

    /// A comparator's values, e.g. the statistical neighbours, by its title.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
        public var band: Band?
        /// The latest value as written beside it, in the decimals that tell
        /// it from a target's level (84.96% against 85% is not "85.0%").
        public var latestText: String?
        public init(name: String, points: [Point], band: Band? = nil, latestText: String? = nil) {
            self.name = name
            self.points = points
            self.band = band
            self.latestText = latestText
        }
    }

    /// One milestone of a target: `value` applies from `from` (nil: where the
    /// step before ends, or the chart's start) until `until` (nil: ongoing),
    /// with the measure's tolerance as a band on the bad side when it has one.
    /// A recurring standard (`at least 20 each month from October 2013`)
    /// applies from its first period, never before.
    public struct Step: Sendable, Hashable {
        public var from: CalendarDate?
        public var until: CalendarDate?
        public var value: Double
        public var text: String
        public var bandLow: Double?
        public var bandHigh: Double?
        public init(from: CalendarDate? = nil, until: CalendarDate?, value: Double, text: String, bandLow: Double? = nil,
                    bandHigh: Double? = nil) {
            self.from = from
            self.until = until
            self.value = value
            self.text = text
            self.bandLow = bandLow
            self.bandHigh = bandHigh
        }
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
    /// Each observation as text, "30 Sep 2013: 86.5%", for its tooltip.
    public var labels: [String] = []
    /// Met at a past deadline and broken since (the judgement's `slipped` flag).
    public var slipped = false
    /// For a target on an average (`average >= 85% over 3 months`): the
    /// trailing mean the evaluator judges, at each observation and at the
    /// evaluation points, named "3-month average". Drawn as its own line and
    /// labelled at its latest instead of the single latest value, so the
    /// chart shows the figure the status rests on.
    public var average: Series?
}

/// A small line chart as inline SVG, drawn by our own code: no script, no
/// external reference, every number written with at most one decimal so the
/// same chart is the same bytes.
///
///     SVGChart.render(spec)   // "<svg class=\"chart\" viewBox=\"0 0 320 180\" role=\"img\" ..."
///
/// Each chart is whole on its own: its grid, axes and labels, and the
/// presentation of every mark, are inside its own `<svg>` (attributes, not
/// the page's CSS), so a chart copied out of the page keeps everything.
///
/// What is drawn: light grid lines and axis labels; the target as a line of
/// long dashes (a trajectory as steps: each milestone's level until its
/// deadline), with the measure's tolerance as a pale band on its bad side;
/// each deadline as a thin vertical line labelled "due"; the as-of date as a
/// grey line labelled "as of"; comparator series dotted with their tolerance
/// band, as steps: each published value holds, level, until the next (the
/// evaluator judges a value against the latest comparator value dated on or
/// before it), the last until the as-of date, a diamond on the last
/// published value; a single value at the as-of date a short bar; the
/// projection short-dashed; the observations as a solid line with a dot on
/// each point (on the latest only when there are more than 24), each dot
/// with its date and value as a tooltip, and the latest value written beside
/// it. A target on an average adds the trailing average it is judged on, as
/// a solid line of its own, and the latest average is written instead of the
/// latest single value (80% one month under a line at 85% beside a "met"
/// on an average of 87.3% would contradict the status). A slipped target
/// gets a ring round the value written and the word "slipped". A recurring
/// standard's line starts at its first period. The time axis labels up to five month ends by the month's
/// name, with the year beneath the first and wherever it changes ("Apr",
/// "2013"), never "Apr 13", which a British reader takes for a day.
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
    public static let height = 164.0
    /// Text size in the chart's units. At three charts across A4 landscape
    /// (each about 86 mm wide) a unit is 0.27 mm, so 11 units print at 8.4 pt.
    public static let fontSize = 11.0
    static let left = 44.0
    static let right = 306.0
    static let top = 28.0
    static let bottom = 132.0
    /// Dots on every observation up to this many.
    static let dotLimit = 24

    static let ink = "#333333"
    static let observed = "#1f4e79"
    static let target = "#0b6e2e"
    static let comparator = "#6a3d9a"
    static let deadline = "#8b1a12"
    static let averaged = "#a34a00"

    /// The strokes in a legend: what each kind of mark looks like, as the
    /// attributes a chart draws it with.
    public static let legend: [(word: String, attributes: String)] = [
        ("observed", "stroke=\"\(observed)\" stroke-width=\"2\""),
        ("target", "stroke=\"\(target)\" stroke-width=\"1.6\" stroke-dasharray=\"7 3\""),
        ("projection", "stroke=\"\(observed)\" stroke-width=\"1.6\" stroke-dasharray=\"3 3\""),
        ("comparator", "stroke=\"\(comparator)\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\""),
        ("tolerance", "stroke=\"#c9e6d1\" stroke-width=\"8\""),
        ("deadline (due)", "stroke=\"\(deadline)\" stroke-width=\"1\""),
        ("as-of date", "stroke=\"#777777\" stroke-width=\"1\" stroke-dasharray=\"2 2\""),
    ]

    /// The legend's entry for an average's line, shown only beside charts
    /// that draw one.
    public static let averageLegend = (word: "average (as judged)", attributes: "stroke=\"\(averaged)\" stroke-width=\"2\"")

    public static func render(_ spec: ChartSpec) -> String {
        let axis = valueAxis(values(spec), percent: spec.unit == .percent)
        let start = Double(spec.start.dayNumber)
        let span = Double(max(1, spec.end.dayNumber - spec.start.dayNumber))
        let x = { (d: CalendarDate) in left + (Double(d.dayNumber) - start) / span * (right - left) }
        let y = { (v: Double) in bottom - (min(axis.high, max(axis.low, v)) - axis.low) / (axis.high - axis.low) * (bottom - top) }
        let font = n(fontSize)

        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\""
            + HTMLText.escape(spec.summary) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"" + font + "\">"
            + "<title>" + HTMLText.escape(spec.id + (spec.title.map { " " + $0 } ?? "")) + "</title>"
        out += "<rect width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>"

        // Bands first, under everything.
        var bands = ""
        for clause in spec.targets {
            for (from, to, step) in targetSpans(clause, spec) {
                if let lo = step.bandLow, let hi = step.bandHigh {
                    let (x0, x1, y0, y1) = (x(from), x(to), y(hi), y(lo))
                    bands += "M\(n(x0)) \(n(y0))H\(n(x1))V\(n(y1))H\(n(x0))Z"
                }
            }
        }
        for series in spec.comparators {
            guard let band = series.band else { continue }
            let half = { (v: Double) in band.tolerance.kind == .relative ? abs(v) * band.tolerance.amount / 100 : band.tolerance.amount }
            // A rectangle per step: the band of each published value holds
            // until the next. A lone value on the as-of date is as wide as its bar.
            let steps = comparatorSteps(series, spec)
            for (from, to, value) in steps {
                let (top, bottom) = (y(value + (band.above ? half(value) : 0)), y(value - (band.below ? half(value) : 0)))
                var (x0, x1) = (x(from), x(to))
                if x1 - x0 < 1 {
                    guard steps.count == 1 else { continue }
                    (x0, x1) = (x0 - 9, x0 + 9)
                }
                bands += "M\(n(x0)) \(n(top))H\(n(x1))V\(n(bottom))H\(n(x0))Z"
            }
        }
        if !bands.isEmpty { out += "<path class=\"band\" fill=\"#c9e6d1\" fill-opacity=\"0.7\" d=\"" + bands + "\"/>" }

        // Grid and axes.
        var grid = ""
        var labels = ""
        for tick in axis.ticks {
            let ty = y(tick)
            grid += "M\(n(left)) \(n(ty))H\(n(right))"
            labels += "<text x=\"\(n(left - 4))\" y=\"\(n(ty + 4))\">"
                + HTMLText.escape(tickLabel(tick, unit: spec.unit, step: axis.step)) + "</text>"
        }
        out += "<g fill=\"none\"><path stroke=\"#e4e7eb\" d=\"\(grid)\"/>"
        out += "<path stroke=\"#555555\" d=\"M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))\"/></g>"
        out += "<g fill=\"\(ink)\" text-anchor=\"end\">" + labels + "</g>"
        out += "<g fill=\"\(ink)\" text-anchor=\"middle\">"
        let months = monthTicks(spec.start, spec.end)
        for (k, month) in months.enumerated() {
            let tx = x(month)
            let anchor = tx > width - 24 ? " text-anchor=\"end\"" : ""
            out += "<text x=\"\(n(min(tx, width - 1)))\" y=\"\(n(bottom + 15))\"\(anchor)>"
                + Month.shortNames[month.month - 1] + "</text>"
            if k == 0 || months[k - 1].year != month.year {
                out += "<text x=\"\(n(min(tx, width - 1)))\" y=\"\(n(bottom + 28))\"\(anchor)>" + String(month.year) + "</text>"
            }
        }
        out += "</g>"

        // The as-of date and the deadlines, each labelled above the plot:
        // "as of" on the first line, "due" on the second.
        if spec.asOf >= spec.start && spec.asOf <= spec.end {
            let ax = x(spec.asOf)
            out += "<path class=\"asof\" stroke=\"#777777\" stroke-dasharray=\"2 2\" d=\"M\(n(ax)) \(n(top - 14))V\(n(bottom))\"/>"
            let anchor = ax > width - 34 ? "end" : ax < 34 ? "start" : "middle"
            out += "<text class=\"asof\" x=\"\(n(ax))\" y=\"\(n(top - 17))\" text-anchor=\"\(anchor)\" fill=\"#555555\">as of</text>"
        }
        let due = spec.deadlines.filter { $0 >= spec.start && $0 <= spec.end }
        if !due.isEmpty {
            out += "<path class=\"dl\" stroke=\"\(deadline)\" d=\"" + due.map { "M\(n(x($0))) \(n(top - 3))V\(n(bottom))" }.joined() + "\"/>"
            out += "<g class=\"dl\" fill=\"\(deadline)\" text-anchor=\"middle\">"
            var lastLabel = -1000.0
            for d in due where x(d) - lastLabel >= 26 {
                let dx = x(d)
                let anchor = dx > width - 16 ? " text-anchor=\"end\"" : ""
                out += "<text x=\"\(n(dx))\" y=\"\(n(top - 5))\"\(anchor)>due</text>"
                lastLabel = dx
            }
            out += "</g>"
        }

        // Targets, comparators, projection.
        for clause in spec.targets {
            var points: [(Double, Double)] = []
            for (from, to, step) in targetSpans(clause, spec) {
                points.append((x(from), y(step.value)))
                points.append((x(to), y(step.value)))
            }
            out += path("t", points, "stroke=\"\(target)\" stroke-width=\"1.6\" stroke-dasharray=\"7 3\" fill=\"none\"",
                        title: clause.map(\.text).joined(separator: ", then "))
        }
        for series in spec.comparators {
            let attributes = "stroke=\"\(comparator)\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\" fill=\"none\""
            let last = series.points[series.points.count - 1]
            let title = series.name + ": " + tickLabel(last.value, unit: spec.unit, step: axisStepForLabel(last.value)) + " on " + last.date.display
            let steps = comparatorSteps(series, spec)
            if steps.count == 1 && x(steps[0].to) - x(steps[0].from) < 1 {
                // A single value at the as-of date: a short solid bar and a diamond, so it shows.
                let (px, py) = (x(last.date), y(last.value))
                out += "<path class=\"c\" stroke=\"\(comparator)\" stroke-width=\"2\" fill=\"none\" d=\"M\(n(px - 9)) \(n(py))H\(n(px + 9))\"><title>"
                    + HTMLText.escape(title) + "</title></path>"
            } else {
                // Level from each published value to the next, then a rise or fall.
                var points: [(Double, Double)] = []
                for (from, to, value) in steps {
                    points.append((x(from), y(value)))
                    points.append((x(to), y(value)))
                }
                out += path("c", points, attributes, title: title)
            }
            let (px, py) = (x(last.date), y(last.value))
            out += "<path class=\"cm\" fill=\"\(comparator)\" d=\"M\(n(px)) \(n(py - 3.5))l3.5 3.5-3.5 3.5-3.5-3.5Z\"/>"
        }
        if let p = spec.projection {
            let (a, b) = clip(p, low: axis.low, high: axis.high)
            out += path("p", [(x(a.date), y(a.value)), (x(b.date), y(b.value))],
                        "stroke=\"\(observed)\" stroke-width=\"1.6\" stroke-dasharray=\"3 3\" fill=\"none\"",
                        title: "projected " + tickLabel(p.to.value, unit: spec.unit, step: axisStepForLabel(p.to.value)) + " at " + p.to.date.display)
        }

        // Observations.
        let points = spec.actual.map { (x($0.date), y($0.value)) }
        if points.count > 1 {
            out += path("a", points, "stroke=\"\(observed)\" stroke-width=\"2\" fill=\"none\"", title: nil)
        }
        let first = points.count <= dotLimit ? 0 : points.count - 1
        out += "<g class=\"a\" fill=\"\(observed)\">"
        for k in first..<points.count {
            let (px, py) = points.count <= dotLimit ? points[k] : (points[k].0.rounded(), points[k].1.rounded())
            out += "<circle cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"2.6\">"
            if spec.labels.indices.contains(k) { out += "<title>" + HTMLText.escape(spec.labels[k]) + "</title>" }
            out += "</circle>"
        }
        out += "</g>"
        // An average's line over the observations, a dot on its latest.
        var labelled: (point: ChartSpec.Point, words: String, colour: String)?
        if let average = spec.average, let last = average.points.last {
            let line = average.points.map { (x($0.date), y($0.value)) }
            let value = average.latestText ?? tickLabel(last.value, unit: spec.unit, step: axisStepForLabel(last.value))
            if line.count > 1 {
                out += path("avg", line, "stroke=\"\(averaged)\" stroke-width=\"2\" fill=\"none\"", title: nil)
            }
            out += "<circle class=\"avg\" cx=\"\(n(x(last.date)))\" cy=\"\(n(y(last.value)))\" r=\"2.6\" fill=\"\(averaged)\"><title>"
                + HTMLText.escape(average.name + " " + value + " on " + last.date.display) + "</title></circle>"
            labelled = (last, "average " + value, averaged)
        } else if let last = spec.actual.last {
            labelled = (last, tickLabel(last.value, unit: spec.unit, step: axisStepForLabel(last.value)), observed)
        }
        if let (last, text, colour) = labelled {
            // The latest value (an average's, when the target is one) written
            // beside its dot, above it unless that leaves the plot; ending at
            // the dot near the right edge.
            let (px, py) = (x(last.date), y(last.value))
            let above = py - 6 > top + 4
            let anchor = px > right - 40 - (spec.average == nil ? 0 : 40) ? "end" : "start"
            let tx = anchor == "end" ? px - 4 : px + 4
            // An average's words are longer and cross its line: a white halo keeps them legible.
            let halo = spec.average == nil ? "" : " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\""
            out += "<text class=\"v\" x=\"\(n(tx))\" y=\"\(n(above ? py - 6 : py + 14))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\" font-weight=\"bold\"\(halo)>"
                + HTMLText.escape(text) + "</text>"
            if spec.slipped {
                out += "<circle class=\"slip\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"6\" fill=\"none\" stroke=\"\(deadline)\" stroke-width=\"1.6\"/>"
                let sy = above ? py + 16 : py - 10
                out += "<text class=\"slip\" x=\"\(n(tx))\" y=\"\(n(max(top + 10, min(bottom - 4, sy))))\" text-anchor=\"\(anchor)\" fill=\"\(deadline)\" font-weight=\"bold\">slipped</text>"
            }
        }
        out += "</svg>"
        return out
    }

    /// Each step of a target clause and the dates it is drawn between: from
    /// its own start (a recurring standard's first period) or where the step
    /// before ends, until its deadline or the next step's start; the last to
    /// the chart's end. All within the chart's span.
    static func targetSpans(_ clause: [ChartSpec.Step], _ spec: ChartSpec)
        -> [(from: CalendarDate, to: CalendarDate, step: ChartSpec.Step)] {
        var spans: [(from: CalendarDate, to: CalendarDate, step: ChartSpec.Step)] = []
        var cursor = spec.start
        for (k, step) in clause.enumerated() {
            let from = step.from.map { max(spec.start, min(spec.end, $0)) } ?? cursor
            let next = k + 1 < clause.count ? clause[k + 1].from : nil
            let to = k == clause.count - 1 ? spec.end : min(spec.end, max(from, step.until ?? next ?? spec.end))
            spans.append((from, to, step))
            cursor = to
        }
        return spans
    }

    /// A comparator's values as steps: each holds from its date until the
    /// next value's, the last until the as-of date (or its own date, if
    /// later), all within the chart's span.
    static func comparatorSteps(_ series: ChartSpec.Series, _ spec: ChartSpec) -> [(from: CalendarDate, to: CalendarDate, value: Double)] {
        let points = series.points
        return points.indices.map { k in
            let from = max(spec.start, min(spec.end, points[k].date))
            let until = k + 1 < points.count ? points[k + 1].date : max(points[k].date, spec.asOf)
            return (from, max(from, min(spec.end, until)), points[k].value)
        }
    }

    /// One decimal for fractional values, none for whole ones.
    static func axisStepForLabel(_ v: Double) -> Double { v == v.rounded() ? 1 : 0.1 }

    /// Every value the value axis must take in.
    static func values(_ spec: ChartSpec) -> [Double] {
        var values = spec.actual.map(\.value)
        for clause in spec.targets {
            values += clause.map(\.value)
            values += clause.compactMap(\.bandLow) + clause.compactMap(\.bandHigh)
        }
        for series in spec.comparators { values += series.points.map(\.value) }
        values += spec.average?.points.map(\.value) ?? []
        if let p = spec.projection {
            let end = spec.unit == .percent ? min(100, max(0, p.to.value)) : p.to.value
            values.append(end)
        }
        return values
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

    /// Month ends to label, at most five, every 1, 2, 3, 6, 12 or 24 months.
    static func monthTicks(_ start: CalendarDate, _ end: CalendarDate) -> [CalendarDate] {
        let (sy, sm, _) = start.components
        let first = CalendarDate.endOfMonth(year: sy, month: sm)
        let months = max(0, first.wholeMonths(until: end)) + 1
        let step = [1, 2, 3, 6, 12, 24, 60, 120].first { (months + $0 - 1) / $0 <= 5 } ?? 240
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
    static func path(_ cls: String, _ points: [(Double, Double)], _ attributes: String, title: String?) -> String {
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
        let head = "<path class=\"" + cls + "\" " + attributes + " d=\"" + d + "\""
        guard let title else { return head + "/>" }
        return head + "><title>" + HTMLText.escape(title) + "</title></path>"
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
