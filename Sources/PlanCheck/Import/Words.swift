/// A cell's text as words, numbers and symbols, for reading criteria and
/// timescales written in English.
///
///     Words("No less than 85% of consultations")
///     // no · less · than · 85 · % · of · consultations
///
/// A token is a run of letters and digits, joined across `.`, `,`, `/`, `-`
/// and `'` when a letter or digit follows (`31.03.12`, `10,000`, `Apr-18`,
/// `non-professionals`, `2013/14`); any other character is a symbol of its own.
struct Words {
    struct Token: Hashable {
        enum Kind { case word, number, symbol }
        var kind: Kind
        var text: String
        var lower: String
        /// Scalar offsets into the cell's text.
        var start: Int
        var end: Int
        /// For a number: its value.
        var value: Double?
    }

    let scalars: [Unicode.Scalar]
    let tokens: [Token]

    init(_ text: String) {
        let s = Array(text.unicodeScalars)
        scalars = s
        var tokens: [Token] = []
        var i = 0
        func isAlnum(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < s.count {
            let c = s[i]
            if c == " " { i += 1; continue }
            if isAlnum(c) {
                var j = i + 1
                while j < s.count {
                    if isAlnum(s[j]) { j += 1; continue }
                    if [".", ",", "/", "-", "'", "\u{2019}"].contains(s[j]), j + 1 < s.count, isAlnum(s[j + 1]) {
                        // `10,000` joins only thousands; `a,b` in prose does not.
                        if s[j] == "," {
                            let digitsBefore = ("0"..."9").contains(s[j - 1])
                            var k = j + 1
                            while k < s.count, ("0"..."9").contains(s[k]) { k += 1 }
                            guard digitsBefore, k - j - 1 == 3 else { break }
                        }
                        j += 2
                        continue
                    }
                    break
                }
                let text = String(String.UnicodeScalarView(s[i..<j]))
                let value = Words.number(text)
                tokens.append(Token(kind: value == nil ? .word : .number, text: text, lower: text.lowercased(),
                                    start: i, end: j, value: value))
                i = j
                continue
            }
            // `...` is an ellipsis, one symbol as `…` is: no sentence ends there
            // ("referred within 1 working day...by March 2015").
            if c == ".", i + 1 < s.count, s[i + 1] == "." {
                var j = i
                while j < s.count, s[j] == "." { j += 1 }
                tokens.append(Token(kind: .symbol, text: "\u{2026}", lower: "\u{2026}", start: i, end: j))
                i = j
                continue
            }
            // `<=`, `>=` as one symbol.
            if (c == "<" || c == ">"), i + 1 < s.count, s[i + 1] == "=" {
                tokens.append(Token(kind: .symbol, text: String(c) + "=", lower: String(c) + "=", start: i, end: i + 2))
                i += 2
                continue
            }
            tokens.append(Token(kind: .symbol, text: String(c), lower: String(c), start: i, end: i + 1))
            i += 1
        }
        self.tokens = tokens
    }

    /// `85`, `14.4`, `10,000`; nil for anything else (`1.1.2`, `31.03.12`).
    static func number(_ text: String) -> Double? {
        var digits = ""
        var seenDot = false
        for c in text.unicodeScalars {
            if ("0"..."9").contains(c) { digits.unicodeScalars.append(c) } else if c == "," { continue } else if c == "." && !seenDot {
                seenDot = true
                digits.append(".")
            } else { return nil }
        }
        guard let first = digits.first, first != ".", digits.last != "." else { return nil }
        return Double(digits)
    }

    var count: Int { tokens.count }
    subscript(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }
    func lower(_ i: Int) -> String { self[i]?.lower ?? "" }

    /// Whether the words from `i` are `phrase` (lower case, space separated).
    func matches(_ phrase: String, at i: Int) -> Bool {
        phraseLength(phrase, at: i) != nil
    }

    /// The number of tokens `phrase` covers when the words from `i` are it;
    /// compared in place, without splitting the phrase (this runs for every
    /// phrase at every token).
    func phraseLength(_ phrase: String, at i: Int) -> Int? {
        let u = phrase.utf8
        var start = u.startIndex
        var k = i
        while true {
            let end = u[start...].firstIndex(of: 32) ?? u.endIndex
            guard k < tokens.count, tokens[k].lower.utf8.elementsEqual(u[start..<end]) else { return nil }
            k += 1
            if end == u.endIndex { return k - i }
            start = u.index(after: end)
        }
    }

    /// The first of `phrases` found at `i`, with its length in tokens.
    func firstMatch(_ phrases: [String], at i: Int) -> (String, Int)? {
        guard i < tokens.count else { return nil }
        for phrase in phrases { if let n = phraseLength(phrase, at: i) { return (phrase, n) } }
        return nil
    }

    /// The text of tokens `range`, as written.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= tokens.count else { return "" }
        return String(String.UnicodeScalarView(scalars[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end]))
    }

    /// The token ends a sentence or clause: `.`, `;`, `:`, `,`, `!`, `?` or `(`/`)`.
    func isBoundary(_ i: Int) -> Bool {
        guard let t = self[i] else { return true }
        return t.kind == .symbol && [".", ";", ":", ",", "!", "?", "(", ")", "-", "\u{2013}", "\u{2014}"].contains(t.text)
    }

    /// The index of the token that starts the sentence holding `i`.
    func sentenceStart(_ i: Int) -> Int {
        var j = i
        while j > 0 {
            if let t = self[j - 1], t.kind == .symbol, [".", ";", "!", "?"].contains(t.text) { break }
            j -= 1
        }
        return j
    }
}
