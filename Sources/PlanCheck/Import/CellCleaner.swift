/// Cleans a table cell into plain paragraphs: what Word and web exports leave
/// in cells (`<p>`, `<br>`, `&amp;`, non-breaking spaces, line breaks) taken out.
///
///     CellCleaner.paragraphs("<p>1.5 Incorporate the form</p> <p>Make changes</p>")
///     // ["1.5 Incorporate the form", "Make changes"]
///     CellCleaner.clean("Head of CIN &amp; LAC<br/>")   // "Head of CIN & LAC"
///
/// Only well-formed tags are removed (`<` and a letter or `/`): a criterion
/// such as `<10%` is text and stays.
enum CellCleaner {
    /// The cell's paragraphs: split at line breaks and block tags, each with its
    /// spaces collapsed; empty ones dropped.
    static func paragraphs(_ raw: String) -> [String] {
        let scalars = Array(raw.unicodeScalars)
        var paragraphs: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            let text = collapse(current)
            if !text.isEmpty { paragraphs.append(text) }
            current = String.UnicodeScalarView()
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "<", let (name, end) = tag(scalars, at: i) {
                if ["p", "br", "div", "li", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "td"].contains(name) { flush() } else { current.append(" ") }
                i = end
                continue
            }
            if c == "&", let (value, end) = entity(scalars, at: i) {
                current.append(value)
                i = end
                continue
            }
            switch c {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{2028}", "\u{2029}": flush()
            default: current.append(c)
            }
            i += 1
        }
        flush()
        return paragraphs
    }

    /// The cell as one line of text: its paragraphs joined by spaces.
    static func clean(_ raw: String) -> String {
        paragraphs(raw).joined(separator: " ")
    }

    /// Spaces (any kind) collapsed to one; control characters dropped; trimmed.
    static func collapse(_ text: String.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in text {
            if c == " " || c == "\t" || c == "\u{A0}" || c == "\u{2007}" || c == "\u{202F}" || c == "\u{3000}"
                || (c.value >= 0x2000 && c.value <= 0x200A) {
                pendingSpace = !out.isEmpty
                continue
            }
            if c.value < 0x20 || c.value == 0x7F || (c.value >= 0x80 && c.value < 0xA0) || c == "\u{FEFF}" || c == "\u{200B}" { continue }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        return String(out)
    }

    /// An HTML tag at `i`: its lower-case name and the index after `>`.
    static func tag(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        if j < s.count, s[j] == "/" { j += 1 }
        var name = ""
        while j < s.count, s[j].properties.isAlphabetic || (("0"..."9").contains(s[j]) && !name.isEmpty) {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        // Attributes, up to the closing `>` on a short stretch without another `<`.
        var k = j
        while k < s.count, k - i < 400 {
            if s[k] == ">" { return (name.lowercased(), k + 1) }
            if s[k] == "<" || s[k] == "\n" { return nil }
            k += 1
        }
        return nil
    }

    /// An HTML entity at `i` (`&amp;`, `&#39;`, `&#x2013;`): its character and the index after `;`.
    static func entity(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        var name = ""
        while j < s.count, j - i <= 10, s[j] != ";" {
            guard s[j].isASCII, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "#" else { return nil }
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        let named: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "\u{2013}",
            "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
            "pound": "\u{A3}", "hellip": "\u{2026}", "bull": "\u{2022}", "le": "\u{2264}", "ge": "\u{2265}",
        ]
        if let value = named[name.lowercased()] { return (value, j + 1) }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            if let value, value >= 0x20, let scalar = Unicode.Scalar(value) { return (scalar, j + 1) }
        }
        return nil
    }
}
