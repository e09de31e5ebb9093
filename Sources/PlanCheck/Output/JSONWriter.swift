/// A JSON value built in memory and printed deterministically, without Foundation.
///
/// Objects keep their members in the order given, so the same value always
/// prints the same bytes and golden files stay stable.
///
///     let value = JSON.object([("file", .string("plan.plan")), ("line", .int(3))])
///     value.render(pretty: false)   // {"file":"plan.plan","line":3}
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    /// Members in insertion order; a repeated key is printed as given.
    case object([(String, JSON)])

    // Tuples are not Hashable, so `object` rules out the synthesised conformance.
    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .int(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .number(let value):
            hasher.combine(3)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .array(let values):
            hasher.combine(5)
            hasher.combine(values)
        case .object(let members):
            hasher.combine(6)
            hasher.combine(members.count)
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }
}

extension JSON {
    /// The first member named `key` of an object; nil for anything else.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSON? {
        guard case .array(let values) = self, values.indices.contains(index) else { return nil }
        return values[index]
    }

    /// `.string(s)` when `s` is present, `.null` otherwise.
    public static func string(_ value: String?) -> JSON {
        value.map { .string($0) } ?? .null
    }
}

extension JSON {
    /// The value as JSON text (RFC 8259), with no trailing newline.
    ///
    /// Pretty output indents by two spaces and puts one member or element on a
    /// line; empty arrays and objects print as `[]` and `{}`. Compact output
    /// has no whitespace at all.
    public func render(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .null:
            out += "null"
        case .bool(let value):
            out += value ? "true" : "false"
        case .int(let value):
            out += String(value)
        case .number(let value):
            out += JSON.format(value)
        case .string(let value):
            JSON.writeString(value, to: &out)
        case .array(let values):
            if values.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, value) in values.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(&out, pretty: pretty, depth: depth + 1)
                value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            JSON.newline(&out, pretty: pretty, depth: depth)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(&out, pretty: pretty, depth: depth + 1)
                JSON.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            JSON.newline(&out, pretty: pretty, depth: depth)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, pretty: Bool, depth: Int) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Whole numbers print without a fraction (`3`, not `3.0`); others in the
    /// shortest form that reads back as the same `Double`. JSON has no NaN or
    /// infinity, so those print as `null`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        // Below 2^53 every whole Double is an exact Int; beyond, `description`
        // uses an exponent (1e+20), which JSON accepts.
        // (Converting through Int also keeps this free of libm's rounding calls.)
        if abs(value) < 9_007_199_254_740_992, Double(Int(value)) == value {
            return String(Int(value))
        }
        return value.description
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    /// Writes `value` as a quoted JSON string: `"` and `\` escaped, control
    /// characters as `\n`, `\r`, `\t` or `\u00XX`; everything else as is.
    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        var plainStart = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var i = scalars.startIndex
        // Copy runs of characters that need no escaping in one go.
        while i < scalars.endIndex {
            let scalar = scalars[i]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{00}"..."\u{1F}":
                let v = Int(scalar.value)
                escape = "\\u00" + String(hexDigits[v >> 4]) + String(hexDigits[v & 0xF])
            default: escape = nil
            }
            if let escape {
                // (Through `String(...)`, not `out.unicodeScalars.append`: that
                // copied all of `out` each time, quadratic in a long string's escapes.)
                out += String(scalars[plainStart..<i])
                out += escape
                plainStart = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out += String(scalars[plainStart..<scalars.endIndex])
        out += "\""
    }
}
