/// The edit a diagnostic's "did you mean" offers: the misspelt word replaced
/// by the word meant, and nothing else. The one reading of a hint as an
/// edit, for the language server's quick fixes and SARIF's `fixes` alike.
///
/// A hint names the word meant (`did you mean "EFD"?`) or, for a slip in a
/// phrase, the whole phrase (`` did you mean `polarity higher`? ``, `` `no
/// less than` ``, `` `at least` `` for `atleast`); the diagnostic's span may
/// be the word, the word after it, or a whole clause (a tidy file's `measure
/// m1 column "x"`). So the hint is laid over the words of the line around
/// the span, and only the words that differ are replaced:
///
///     polarity hgiher               did you mean `polarity higher`?   hgiher -> higher
///     target no less then 85%       did you mean `no less than`?       then -> than
///     target atleast 85%            did you mean `at least`?           atleast -> at least
///     measure m1 column "re_referal_rate"   did you mean "re_referral_rate"?   the string, quoted
public struct SuggestedFix: Sendable, Hashable {
    public struct Edit: Sendable, Hashable {
        public var span: Span
        public var text: String
    }

    /// The word or phrase meant, as the hint says it.
    public var suggestion: String
    /// In the diagnostic's file, in order; never empty.
    public var edits: [Edit]

    /// The fix for `d` in `source` (the diagnostic's file), or nil when its
    /// help is not a plain "did you mean", or the hint cannot be laid over
    /// what is written (then no fix is better than a wrong one).
    public static func make(for d: Diagnostic, in source: SourceFile) -> SuggestedFix? {
        guard let help = d.help, let word = suggestion(in: help), !d.location.span.isEmpty,
              d.location.span.end <= source.bytes.count else { return nil }
        // A workbook's cell is no text to edit.
        if source.namesCells { return nil }
        let span = d.location.span
        let lower = source.name.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") {
            // A data file's span is one cell: replaced whole, quoted as it was.
            let written = source.text(span)
            guard !written.contains("\n") else { return nil }
            let text = written.hasPrefix("\"")
                ? "\"" + word.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                : word
            return text == written ? nil : SuggestedFix(suggestion: word, edits: [Edit(span: span, text: text)])
        }
        let tokens = Self.tokens(line: source.lineSpan(source.lineIndex(of: span.start)), in: source)
        let covered = tokens.indices.filter { tokens[$0].span.start < span.end && span.start < tokens[$0].span.end }
        guard let first = covered.first else { return nil }
        let words = word.split(separator: " ").map(String.init)
        if words.count == 1 {
            // The word in the span nearest the one meant.
            let best = covered.min { a, b in
                Suggest.editDistance(tokens[a].value, word) < Suggest.editDistance(tokens[b].value, word)
            }!
            let token = tokens[best]
            guard token.value != word else { return nil }
            let text = token.isString ? TextLiteral.quoted(word) : word
            return SuggestedFix(suggestion: word, edits: [Edit(span: token.span, text: text)])
        }
        // A phrase run together (`atleast`): the one word becomes the phrase.
        let joined = words.joined().lowercased()
        if let run = covered.first(where: { !tokens[$0].isString && tokens[$0].value.lowercased() == joined }) {
            return SuggestedFix(suggestion: word, edits: [Edit(span: tokens[run].span, text: word)])
        }
        // The phrase laid over the line's words at each place that holds the
        // span's first word: the place where the fewest words differ (but
        // some, and not all) gives the edits; the span's own place first.
        var best: (start: Int, differing: [Int])?
        for start in ([first] + (max(0, first - words.count + 1)..<first).reversed()) where start + words.count <= tokens.count {
            let differing = (0..<words.count).filter { tokens[start + $0].isString || tokens[start + $0].value != words[$0] }
            guard !differing.isEmpty, differing.count < words.count,
                  differing.allSatisfy({ !tokens[start + $0].isString }) else { continue }
            if best == nil || differing.count < best!.differing.count { best = (start, differing) }
        }
        guard let best else { return nil }
        return SuggestedFix(suggestion: word, edits: best.differing.map {
            Edit(span: tokens[best.start + $0].span, text: words[$0])
        })
    }

    /// `EFD` from `did you mean "EFD"?` or `` did you mean `polarity higher`? ``:
    /// only when the whole help is the one suggestion.
    public static func suggestion(in help: String) -> String? {
        let prefix = "did you mean "
        guard help.hasPrefix(prefix), help.hasSuffix("?") else { return nil }
        let quoted = help.dropFirst(prefix.count).dropLast()
        guard quoted.count >= 3, let open = quoted.first, open == "\"" || open == "`", quoted.last == open else { return nil }
        let inner = quoted.dropFirst().dropLast()
        guard !inner.contains(open), !inner.contains("\n"), !inner.isEmpty else { return nil }
        return String(inner)
    }

    /// A word of a plan's line: a string (with its quotes; `value` is what it
    /// says), a comma, or a run of other non-blank characters. A comment ends the line.
    struct Token {
        var span: Span
        var value: String
        var isString: Bool
    }

    static func tokens(line: Span, in source: SourceFile) -> [Token] {
        let bytes = source.bytes
        var tokens: [Token] = []
        var i = line.start
        while i < line.end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                i += 1
            } else if b == UInt8(ascii: "#") {
                break
            } else if b == UInt8(ascii: "\"") {
                var j = i + 1
                var value: [UInt8] = []
                while j < line.end, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "\\"), j + 1 < line.end { j += 1 }
                    value.append(bytes[j])
                    j += 1
                }
                j = min(line.end, j + 1)
                tokens.append(Token(span: Span(start: i, end: j), value: String(decoding: value, as: UTF8.self), isString: true))
                i = j
            } else if b == UInt8(ascii: ",") {
                tokens.append(Token(span: Span(start: i, end: i + 1), value: ",", isString: false))
                i += 1
            } else {
                var j = i
                while j < line.end, ![0x20, 0x09, 0x0D, UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "#")].contains(bytes[j]) {
                    j += 1
                }
                tokens.append(Token(span: Span(start: i, end: j), value: source.text(Span(start: i, end: j)), isString: false))
                i = j
            }
        }
        return tokens
    }
}
