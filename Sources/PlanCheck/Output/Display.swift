/// How numbers, quantities and dates read in messages, explanations and
/// reports: one place, so every output says "83.0%" the same way.
///
///     Display.number(10000, grouping: true)        // "10,000"
///     Display.number(2.456, decimals: 1)           // "2.5"
///     Display.value(83, unit: .percent, decimals: 1) // "83.0%"
public enum Display {
    /// `value` with a fixed number of decimals, or, when `decimals` is nil, as
    /// few as it needs (at most four).
    /// As `number`, but a value that rounds to 0 without being 0 keeps its
    /// digits (`-0.000000000000000028`), so a message about its sign is not
    /// about "0".
    public static func nonzero(_ value: Double) -> String {
        let shown = number(value)
        guard value != 0, value.isFinite, shown == "0" || shown == "-0" else { return shown }
        return CellText.positional(String(value))
    }

    public static func number(_ value: Double, decimals: Int? = nil, grouping: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "?" : (value > 0 ? "∞" : "-∞") }
        // Past 2^53 a Double holds no fraction, and past 9e15 adding a half
        // no longer rounds: a large value keeps only the places it has (the
        // ones asked for are written as zeros), grouped as any other, up to
        // the 64-bit integers.
        guard abs(value) < 9.2e18 else { return "\(value)" }
        var places = decimals ?? 4
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        var padding = 0
        while places > 0, abs(value * scale) >= 9.0e15 {
            places -= 1
            scale /= 10
            if decimals != nil { padding += 1 }
        }
        let scaled = value * scale
        let rounded = abs(scaled) < 9.0e15 ? Int64(scaled + (scaled >= 0 ? 0.5 : -0.5)) : Int64(scaled)
        let magnitude = rounded.magnitude
        let unitScale = UInt64(scale)
        let whole = magnitude / unitScale
        var fraction = magnitude % unitScale
        // The fraction's digits: `places` of them, leading zeros kept;
        // trailing zeros dropped unless the places were asked for.
        var fractionDigits = places
        if decimals == nil {
            while fractionDigits > 0, fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        // Written right to left into a small buffer: one String at the end.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var at = buffer.count
            func put(_ byte: UInt8) {
                at -= 1
                buffer[at] = byte
            }
            if padding > 0 {
                for _ in 0..<padding { put(UInt8(ascii: "0")) }
                if fractionDigits == 0 { put(UInt8(ascii: ".")) }
            }
            if fractionDigits > 0 {
                for _ in 0..<fractionDigits {
                    put(UInt8(ascii: "0") + UInt8(fraction % 10))
                    fraction /= 10
                }
                put(UInt8(ascii: "."))
            }
            var rest = whole
            var written = 0
            repeat {
                if grouping, written > 0, written % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                written += 1
            } while rest > 0
            if rounded < 0 && magnitude != 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[at...]), as: UTF8.self)
        }
    }

    /// A quantity as written in the plan: `85%`, `30`, `75 per 10,000`, `20 days`.
    public static func quantity(_ q: Quantity) -> String {
        value(q.value, unit: q.unit)
    }

    /// A value in a unit; `decimals` fixes the precision (percentages in
    /// explanations use one decimal).
    /// Decimals enough that `value` does not read as any of `levels` it is
    /// not ("89.96%" beside a level of 90%, not "90.0%"), up to `most`; nil
    /// when `usual` decimals already tell them apart, or already show the
    /// value exactly (a count of 101 beside a level of 100.8 is "101", not
    /// "101.00": the value is not the one misread).
    public static func decimals(toTell value: Double, from levels: [Double], unit: Unit?, usual: Int,
                                most: Int = 6) -> Int? {
        func clashes(_ decimals: Int) -> Bool {
            levels.contains { $0 != value && Self.value($0, unit: unit, decimals: decimals) == Self.value(value, unit: unit, decimals: decimals) }
        }
        guard clashes(usual), exactDecimals(value, upTo: usual) == nil else { return nil }
        var decimals = max(2, usual + 1)
        while decimals < most, clashes(decimals) { decimals += 1 }
        return decimals
    }

    /// The fewest decimals, up to `most`, that show `v` exactly (100.8 needs
    /// one, 101 none), or nil when it needs more.
    public static func exactDecimals(_ v: Double, upTo most: Int) -> Int? {
        var scaled = v
        for decimals in 0...max(0, most) {
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return decimals }
            scaled *= 10
        }
        return nil
    }

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
        case .absolute: number(t.amount) + (!t.points ? "" : t.amount == 1 ? " point" : " points")
        }
    }
}
