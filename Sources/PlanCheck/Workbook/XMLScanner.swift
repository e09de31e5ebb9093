/// A minimal pull reader of XML 1.0, enough for the parts of an .xlsx file:
/// elements, attributes, character data, entity and character references,
/// CDATA; comments, processing instructions and a DOCTYPE are skipped (its
/// entities are never expanded, so no "billion laughs").
///
/// Events carry byte ranges into the input, never copies; names are compared
/// by local name (`x:row` is `row`), as OOXML writers differ in prefixes.
///
///     var scanner = XMLScanner(bytes)
///     while let event = scanner.next() {
///         if case .start(let name, let tag, _) = event, scanner.matches(name, "row") { ... }
///     }
///     if let problem = scanner.problem { ... }
struct XMLScanner {
    enum Event {
        /// `name` is the element's local name; `tag` the whole start tag, for
        /// `attribute(_:in:)`. `empty` for `<c/>`, which has no end event.
        case start(name: Range<Int>, tag: Range<Int>, empty: Bool)
        case end(name: Range<Int>)
        /// Character data as written: decode with `text(_:)`. `raw` for CDATA.
        case text(Range<Int>, raw: Bool)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// Set when the XML is malformed; `next()` then returns nil.
    var problem: String?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func fail(_ message: String) -> Event? {
        if problem == nil { problem = "\(message) (at byte \(position))" }
        position = bytes.count
        return nil
    }

    /// The next event, or nil at the end of the input or after a problem.
    mutating func next() -> Event? {
        let n = bytes.count
        guard problem == nil else { return nil }
        guard position < n else {
            if depth > 0 { _ = fail("the XML ends inside an element") }
            return nil
        }
        if bytes[position] != UInt8(ascii: "<") {
            let start = position
            while position < n && bytes[position] != UInt8(ascii: "<") { position += 1 }
            return .text(start..<position, raw: false)
        }
        guard position + 1 < n else { return fail("a tag is not closed") }
        let second = bytes[position + 1]
        if second == UInt8(ascii: "?") {
            guard let close = find("?>", from: position + 2) else { return fail("a processing instruction is not closed") }
            position = close + 2
            return next()
        }
        if second == UInt8(ascii: "!") {
            if starts("<!--", at: position) {
                guard let close = find("-->", from: position + 4) else { return fail("a comment is not closed") }
                position = close + 3
                return next()
            }
            if starts("<![CDATA[", at: position) {
                guard let close = find("]]>", from: position + 9) else { return fail("a CDATA section is not closed") }
                let range = (position + 9)..<close
                position = close + 3
                return .text(range, raw: true)
            }
            // <!DOCTYPE ...>, possibly with an internal subset in brackets.
            var i = position + 2
            var brackets = 0
            while i < n {
                if bytes[i] == UInt8(ascii: "[") { brackets += 1 }
                if bytes[i] == UInt8(ascii: "]") { brackets -= 1 }
                if bytes[i] == UInt8(ascii: ">") && brackets <= 0 { break }
                i += 1
            }
            guard i < n else { return fail("a declaration is not closed") }
            position = i + 1
            return next()
        }
        if second == UInt8(ascii: "/") {
            let nameStart = position + 2
            var i = nameStart
            while i < n && bytes[i] != UInt8(ascii: ">") { i += 1 }
            guard i < n else { return fail("an end tag is not closed") }
            var nameEnd = i
            while nameEnd > nameStart && Self.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            position = i + 1
            depth -= 1
            guard depth >= 0 else { return fail("an end tag has no start tag") }
            return .end(name: localName(nameStart..<nameEnd))
        }
        // A start tag: find its end, skipping quoted attribute values.
        let tagStart = position
        var i = position + 1
        while i < n && !Self.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") && bytes[i] != UInt8(ascii: "/") {
            i += 1
        }
        let name = (position + 1)..<i
        guard !name.isEmpty else { return fail("a tag has no name") }
        var quote: UInt8 = 0
        while i < n {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                break
            }
            i += 1
        }
        guard i < n else { return fail("a start tag is not closed") }
        let empty = bytes[i - 1] == UInt8(ascii: "/")
        position = i + 1
        if !empty {
            depth += 1
            guard depth <= WorkbookLimits.maxXMLDepth else { return fail("elements are nested too deeply") }
        }
        return .start(name: localName(name), tag: tagStart..<(i + 1), empty: empty)
    }

    /// Skips to just after the end of the element whose start was just read.
    mutating func skipElement() {
        let target = depth - 1
        while depth > target, next() != nil {}
    }

    func localName(_ range: Range<Int>) -> Range<Int> {
        var i = range.upperBound
        while i > range.lowerBound {
            if bytes[i - 1] == UInt8(ascii: ":") { return i..<range.upperBound }
            i -= 1
        }
        return range
    }

    /// Whether the bytes of `range` spell `name` (ASCII).
    func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] != p[k] { return false }
        return true
    }

    /// The raw value of the attribute whose local name is `name` in `tag`.
    func attribute(_ name: StaticString, in tag: Range<Int>) -> Range<Int>? {
        var i = tag.lowerBound + 1
        let end = tag.upperBound
        while i < end && !Self.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") && bytes[i] != UInt8(ascii: "/") { i += 1 }
        while i < end {
            while i < end && (Self.isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/")) { i += 1 }
            let nameStart = i
            while i < end && bytes[i] != UInt8(ascii: "=") && !Self.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") {
                i += 1
            }
            let attributeName = localName(nameStart..<i)
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = bytes[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            let valueStart = i + 1
            i = valueStart
            while i < end && bytes[i] != quote { i += 1 }
            guard i < end else { return nil }
            if self.matches(attributeName, name) { return valueStart..<i }
            i += 1
        }
        return nil
    }

    /// An attribute's value as text, references decoded.
    func attributeText(_ name: StaticString, in tag: Range<Int>) -> String? {
        attribute(name, in: tag).map { text($0) }
    }

    /// Character data with `&amp;`-style and `&#...;` references decoded, and
    /// OOXML's `_xHHHH_` escapes (ECMA-376 ST_Xstring) turned back into characters.
    func text(_ range: Range<Int>, raw: Bool = false) -> String {
        if raw { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var plain = true
        for i in range where bytes[i] == UInt8(ascii: "&") || bytes[i] == UInt8(ascii: "_") {
            plain = false
            break
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: "&"), let semicolon = (i..<min(range.upperBound, i + 12)).first(where: { bytes[$0] == UInt8(ascii: ";") }) {
                let name = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<semicolon])
                var scalar: UInt32?
                if name.elementsEqual("amp".utf8) { scalar = 0x26 }
                else if name.elementsEqual("lt".utf8) { scalar = 0x3C }
                else if name.elementsEqual("gt".utf8) { scalar = 0x3E }
                else if name.elementsEqual("quot".utf8) { scalar = 0x22 }
                else if name.elementsEqual("apos".utf8) { scalar = 0x27 }
                else if name.first == UInt8(ascii: "#") {
                    let hex = name.count > 1 && (name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X"))
                    scalar = Self.number(name.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10)
                }
                if let scalar, let unicode = Unicode.Scalar(scalar) {
                    out.append(contentsOf: String(Character(unicode)).utf8)
                    i = semicolon + 1
                    continue
                }
            }
            if b == UInt8(ascii: "_"), i + 6 < range.upperBound, bytes[i + 1] == UInt8(ascii: "x"),
               bytes[i + 6] == UInt8(ascii: "_"),
               let scalar = Self.number(UnsafeBufferPointer(rebasing: bytes[(i + 2)..<(i + 6)]), radix: 16),
               let unicode = Unicode.Scalar(scalar) {
                out.append(contentsOf: String(Character(unicode)).utf8)
                i += 7
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func number<C: Collection>(_ digits: C, radix: UInt32) -> UInt32? where C.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for d in digits {
            let v: UInt32
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: v = UInt32(d - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: v = UInt32(d - UInt8(ascii: "A")) + 10
            default: return nil
            }
            value = value * radix + v
        }
        return value
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\t")
    }

    func starts(_ prefix: StaticString, at i: Int) -> Bool {
        guard i + prefix.utf8CodeUnitCount <= bytes.count else { return false }
        return self.matches(i..<(i + prefix.utf8CodeUnitCount), prefix)
    }

    func find(_ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        var i = from
        let first = needle.utf8Start[0]
        while i + count <= bytes.count {
            if bytes[i] == first && starts(needle, at: i) { return i }
            i += 1
        }
        return nil
    }
}
