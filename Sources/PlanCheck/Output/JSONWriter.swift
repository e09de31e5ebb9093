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
    ///
    /// The text is built as UTF-8 bytes appended to one buffer and made a
    /// `String` once at the end, so the time is linear in the output's size.
    public func render(pretty: Bool = true) -> String {
        String(decoding: renderBytes(pretty: pretty), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, ending in `terminator` if one is given:
    /// for output written straight out, with no String made of it (a large
    /// evaluation's JSON is held once, not three times).
    ///
    /// `reserving` sizes the buffer up front: a generous guess costs nothing
    /// (pages never written are never resident), while growing by doubling
    /// holds the old and the new buffer at once, three times the output.
    public func renderBytes(pretty: Bool = true, terminator: UInt8? = nil, reserving: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(reserving)
        write(to: &out, pretty: pretty, depth: 0)
        if let terminator { out.append(terminator) }
        return out
    }

    func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value):
            out.append(contentsOf: String(value).utf8)
        case .number(let value):
            out.append(contentsOf: JSON.format(value).utf8)
        case .string(let value):
            JSON.writeString(value, to: &out)
        case .array(let values):
            JSON.writeArray(count: values.count, to: &out, pretty: pretty, depth: depth) { i, out, depth in
                values[i].write(to: &out, pretty: pretty, depth: depth)
            }
        case .object(let members):
            JSON.writeObject(keys: members.count, { members[$0].0 }, to: &out, pretty: pretty, depth: depth) { i, out, depth in
                members[i].1.write(to: &out, pretty: pretty, depth: depth)
            }
        }
    }

    /// An array of `count` elements, each written by `element(i, &out, depth)`:
    /// the `.array` case, and an array too large to hold as values (an
    /// evaluation's results), whose elements are made one at a time.
    static func writeArray(count: Int, to out: inout [UInt8], pretty: Bool, depth: Int,
                           element: (Int, inout [UInt8], Int) -> Void) {
        writeContainer(UInt8(ascii: "["), UInt8(ascii: "]"), count: count, to: &out, pretty: pretty, depth: depth,
                       member: element)
    }

    /// An object of `keys` members, the i-th named `key(i)` and its value
    /// written by `value(i, &out, depth)`: the `.object` case, and an object
    /// holding such a streamed array.
    static func writeObject(keys: Int, _ key: (Int) -> String, to out: inout [UInt8], pretty: Bool, depth: Int,
                            value: (Int, inout [UInt8], Int) -> Void) {
        writeContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), count: keys, to: &out, pretty: pretty, depth: depth) { i, out, depth in
            JSON.writeString(key(i), to: &out)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(UInt8(ascii: " ")) }
            value(i, &out, depth)
        }
    }

    /// `open`, the members separated by commas (each on its own indented line
    /// when pretty), `close`; `[]` or `{}` when there are none.
    private static func writeContainer(_ open: UInt8, _ close: UInt8, count: Int, to out: inout [UInt8], pretty: Bool,
                                       depth: Int, member: (Int, inout [UInt8], Int) -> Void) {
        out.append(open)
        guard count > 0 else {
            out.append(close)
            return
        }
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSON.newline(&out, pretty: pretty, depth: depth + 1)
            member(i, &out, depth + 1)
        }
        JSON.newline(&out, pretty: pretty, depth: depth)
        out.append(close)
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes `value` as a quoted JSON string: `"` and `\` escaped, control
    /// characters as `\n`, `\r`, `\t` or `\u00XX`; everything else as is.
    /// Works on UTF-8 bytes: every byte that needs escaping is ASCII, and no
    /// byte of a multi-byte character is, so this escapes exactly the
    /// characters a scalar-by-scalar walk would.
    static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var plainStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<i]))
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
                plainStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
