/// A least-squares line through recent observations, to ask whether a target
/// met now will still be met at its deadline.
///
///     Projection.fit([(d1, 91), (d2, 89), (d3, 87)])?.value(at: deadline)
public struct Projection: Sendable, Hashable {
    /// Value at day 0 of the epoch, and change per day.
    public var intercept: Double
    public var slopePerDay: Double
    /// How many observations the line was fitted through.
    public var count: Int

    /// The spec's rule: through the last up to six observations, at least three.
    public static let window = 6
    public static let minimum = 3

    public static func fit(_ points: [Observation]) -> Projection? {
        let recent = points.suffix(window).compactMap { o in o.reading.number.map { (Double(o.date.dayNumber), $0) } }
        guard recent.count >= minimum else { return nil }
        let n = Double(recent.count)
        // Centre x for numerical stability (day numbers are large).
        let meanX = recent.reduce(0) { $0 + $1.0 } / n
        let meanY = recent.reduce(0) { $0 + $1.1 } / n
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in recent {
            sxx += (x - meanX) * (x - meanX)
            sxy += (x - meanX) * (y - meanY)
        }
        guard sxx > 0 else { return nil }  // all on one day: no trend to read
        let slope = sxy / sxx
        return Projection(intercept: meanY - slope * meanX, slopePerDay: slope, count: recent.count)
    }

    public func value(at date: CalendarDate) -> Double { intercept + slopePerDay * Double(date.dayNumber) }

    /// The line's value at `date` as the measure can hold it: a straight line
    /// runs past what a unit allows, a value cannot (no percentage above 100,
    /// nothing below zero). What the evaluator judges, and the report draws.
    public func value(at date: CalendarDate, unit: Unit?) -> Double {
        let line = value(at: date)
        return unit == .percent ? min(max(line, 0), 100) : max(line, 0)
    }

    public var slopePerMonth: Double { slopePerDay * CalendarDate.averageMonthLength }
}
