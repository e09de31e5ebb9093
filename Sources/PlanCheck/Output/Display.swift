/// How numbers, quantities and dates read in messages, explanations and
/// reports: one place, so every output says "83.0%" the same way.
///
///     Display.number(10000, grouping: true)        // "10,000"
///     Display.number(2.456, decimals: 1)           // "2.5"
///     Display.value(83, unit: .percent, decimals: 1) // "83.0%"
public enum Display {
    /// `value` with a fixed number of decimals, or, when `decimals` is nil, as
    /// few as it needs (at most four).
    public static func number(_ value: Double, decimals: Int? = nil, grouping: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "?" : (value > 0 ? "∞" : "-∞") }
        let places = decimals ?? 4
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = value * scale
        guard abs(scaled) < 9.0e15 else { return "\(value)" }
        let rounded = Int64(scaled + (scaled >= 0 ? 0.5 : -0.5))
        let negative = rounded < 0
        let magnitude = rounded.magnitude
        let unitScale = UInt64(scale)
        var whole = String(magnitude / unitScale)
        var fraction = places == 0 ? "" : String(magnitude % unitScale)
        while fraction.count < places { fraction = "0" + fraction }
        if decimals == nil {
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        if grouping && whole.count > 3 {
            var grouped = ""
            for (i, c) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            whole = grouped
        }
        let sign = negative && (magnitude != 0) ? "-" : ""
        return fraction.isEmpty ? sign + whole : sign + whole + "." + fraction
    }

    /// A quantity as written in the plan: `85%`, `30`, `75 per 10,000`, `20 days`.
    public static func quantity(_ q: Quantity) -> String {
        value(q.value, unit: q.unit)
    }

    /// A value in a unit; `decimals` fixes the precision (percentages in
    /// explanations use one decimal).
    public static func value(_ v: Double, unit: Unit?, decimals: Int? = nil) -> String {
        let n = number(v, decimals: decimals, grouping: unit != .percent)
        switch unit {
        case .percent: return n + "%"
        case .rate(let per): return n + " per " + number(per, grouping: true)
        case .days: return n + (v == 1 ? " day" : " days")
        case .weeks: return n + (v == 1 ? " week" : " weeks")
        case .months: return n + (v == 1 ? " month" : " months")
        case .hours: return n + (v == 1 ? " hour" : " hours")
        case .workingDays: return n + (v == 1 ? " working day" : " working days")
        case .count, .done, nil: return n
        }
    }

    /// A gap between two values: "7.0 points" for percentages, "12" otherwise.
    public static func difference(_ d: Double, unit: Unit?, decimals: Int? = nil) -> String {
        switch unit {
        case .percent: return number(d, decimals: decimals) + (abs(d) == 1 ? " point" : " points")
        default: return value(d, unit: unit, decimals: decimals)
        }
    }

    public static func tolerance(_ t: Tolerance) -> String {
        switch t.kind {
        case .relative: number(t.amount) + "%"
        case .absolute: number(t.amount) + (t.amount == 1 ? " point" : " points")
        }
    }
}
