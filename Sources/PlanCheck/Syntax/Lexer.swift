/// Turns a plan's UTF-8 bytes into tokens, comments and diagnostics.
///
/// One pass over the bytes through a cursor; a token is a kind and a span, its
/// text never copied. Comments go to a side table for the formatter. Invalid
/// UTF-8, stray control bytes and characters with no meaning are reported with
/// their location and skipped, so lexing always finishes.
///
///     let lexed = Lexer.lex(SourceFile(name: "p.plan", text: "measure 2.3 target >= 90%"), file: FileID(0))
///     lexed.tokens.map(\.kind)   // [.atom, .number, .atom, .greaterEqual, .number, .percent, .endOfFile]
public struct Lexer {
    /// What lexing a file produces.
    public struct Output: Sendable {
        public var tokens: [Token]
        /// Spans of `#` comments, from the `#` to the end of the line.
        public var comments: [Span]
        public var diagnostics: [Diagnostic]
    }

    public static func lex(_ source: SourceFile, file: FileID) -> Output {
        source.bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer: buffer, file: file)
            // Plans run about 12 bytes a token; room for one every 8 rarely
            // grows and wastes little (one every 4 held three times what was used).
            var tokens: [Token] = []
            tokens.reserveCapacity(buffer.count / 8 + 16)
            lexer.lex(into: &tokens, atLeast: nil)
            return Output(tokens: tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: FileID
    private let keywords = KeywordTable()
    private var position = 0
    private var tokens: [Token] = []
    /// Spans of `#` comments, from the `#` to the end of the line, so far.
    private(set) var comments: [Span] = []
    /// What the lexer has reported so far (at most `DiagnosticBag.limit`).
    private(set) var diagnostics: [Diagnostic] = []
    private var atLineStart = true
    private var atColumnOne = true
    /// The end-of-file token has been made: nothing is left to lex.
    private(set) var finished = false

    /// A lexer over `buffer`, which must outlive it: the parser lexes a
    /// file piece by piece inside the buffer's `withUnsafeBufferPointer`.
    init(buffer: UnsafeBufferPointer<UInt8>, file: FileID) {
        self.bytes = buffer
        self.file = file
        // A UTF-8 byte-order mark at the start is not part of the plan.
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
    }

    /// Replaces `chunk`'s tokens with the next ones (its room is kept).
    /// With `atLeast`, it stops once it has that many and the next line
    /// starts a token at column 1 (an entry's first word: no entry spans the
    /// cut), and ends the piece with an end-of-file token there. Otherwise, or
    /// at the end of the bytes, it lexes to the end and ends with the real
    /// end-of-file token. So a parser holds a few thousand tokens at a time,
    /// not a file's million (12 MB of a 12 MB plan).
    mutating func lex(into chunk: inout [Token], atLeast: Int?) {
        precondition(!finished, "lexed past the end")
        swap(&tokens, &chunk)
        tokens.removeAll(keepingCapacity: true)
        run(atLeast: atLeast ?? Int.max)
        swap(&tokens, &chunk)
    }

    private mutating func run(atLeast budget: Int) {
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\n"):
                position += 1
                atLineStart = true
                atColumnOne = true
                if tokens.count >= budget, position < count, Self.startsTokenHere(bytes[position]),
                   !startsClauseWord(at: position) {
                    tokens.append(Token(kind: .endOfFile, keyword: .none, startsLine: true, atColumnOne: true,
                                        span: .at(position)))
                    return
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
                atColumnOne = false
            case UInt8(ascii: "#"):
                let start = position
                while position < count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                var end = position
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                comments.append(Span(start: start, end: end))
                validateText(from: start + 1, to: end)
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                let start = position
                position += 1
                if position < count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    emit(byte == UInt8(ascii: ">") ? .greaterEqual : .lessEqual, start)
                } else {
                    emit(byte == UInt8(ascii: ">") ? .greater : .less, start)
                }
            case UInt8(ascii: "="):
                let start = position
                position += 1
                // `=>` and `=<`, the comparison written the other way about:
                // said, and read as `>=` and `<=` so the rest of the line reads.
                if position < count, bytes[position] == UInt8(ascii: ">") || bytes[position] == UInt8(ascii: "<") {
                    let greater = bytes[position] == UInt8(ascii: ">")
                    position += 1
                    report(Diagnostic(.syntax, "`\(greater ? "=>" : "=<")` is not a comparison",
                                      at: Location(file: file, span: Span(start: start, end: position)),
                                      help: "write `\(greater ? ">=" : "<=")` (at \(greater ? "least" : "most"))"))
                    emit(greater ? .greaterEqual : .lessEqual, start)
                } else {
                    emit(.equal, start)
                }
            case UInt8(ascii: ","):
                position += 1
                emit(.comma, position - 1)
            case UInt8(ascii: "%"):
                position += 1
                emit(.percent, position - 1)
            case UInt8(ascii: "-"):
                if position + 1 < count, Self.isDigit(bytes[position + 1]) {
                    lexAtom()
                } else {
                    position += 1
                    emit(.dash, position - 1)
                }
            case 0xE2 where position + 2 < count && bytes[position + 1] == 0x89
                && (bytes[position + 2] == 0xA5 || bytes[position + 2] == 0xA4):
                // ≥ and ≤, as word processors and spreadsheets write them.
                position += 3
                emit(bytes[position - 1] == 0xA5 ? .greaterEqual : .lessEqual, position - 3)
            case 0xE2 where position + 2 < count && bytes[position + 1] == 0x80
                && (bytes[position + 2] == 0x93 || bytes[position + 2] == 0x94):
                // An en dash or em dash, as word processors write "12.12.11 – 31.03.12".
                position += 3
                emit(.dash, position - 3)
            default:
                if Self.isAtomStart(byte) {
                    lexAtom()
                } else {
                    unexpected()
                }
            }
        }
        tokens.append(Token(kind: .endOfFile, keyword: .none, startsLine: true, atColumnOne: true,
                            span: .at(count)))
        finished = true
    }

    /// An ASCII byte that always begins a token where it stands: a cut
    /// before it leaves the next token at column 1, as it would be anyway.
    /// `workstream` or `lead` at `at`: a line the parser may read as a clause
    /// of the entry above, left unindented (`Parser.isUnindentedClause`), so
    /// no piece is cut before it.
    private func startsClauseWord(at start: Int) -> Bool {
        for word in ["workstream", "lead"] {
            let utf8 = word.utf8
            guard start + utf8.count < bytes.count else { continue }
            if zip(utf8, bytes[start...]).allSatisfy({ $0 == $1 }), !Self.isAtomByte(bytes[start + utf8.count]) {
                return true
            }
        }
        return false
    }

    private static func startsTokenHere(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ","),
             UInt8(ascii: "%"), UInt8(ascii: "-"): true
        default: isAtomStart(b)
        }
    }

    private mutating func emit(_ kind: TokenKind, _ start: Int, keyword: Keyword = .none) {
        tokens.append(Token(kind: kind, keyword: keyword, startsLine: atLineStart, atColumnOne: atColumnOne,
                            span: Span(start: start, end: position)))
        atLineStart = false
        atColumnOne = false
    }

    /// Keeps at most `DiagnosticBag.limit` findings: a binary file fed to the
    /// lexer must not turn into millions of messages.
    private mutating func report(_ diagnostic: Diagnostic) {
        if diagnostics.count < DiagnosticBag.limit { diagnostics.append(diagnostic) }
    }

    // MARK: Atoms and numbers

    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
    static func isAtomStart(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") }
    static func isAtomByte(_ b: UInt8) -> Bool {
        isAtomStart(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
    }

    private mutating func lexAtom() {
        let start = position
        let count = bytes.count
        position += 1
        while position < count {
            let b = bytes[position]
            if Self.isAtomByte(b) {
                position += 1
            } else if b == UInt8(ascii: ","), isThousandsComma(start: start, comma: position) {
                position += 4
            } else {
                break
            }
        }
        // A full stop at the end is punctuation a user typed (`by Sept.`,
        // `links A1.`), not part of the atom: left out of it, and skipped.
        let end = position
        while position - 1 > start, bytes[position - 1] == UInt8(ascii: ".") { position -= 1 }
        if Self.isNumberShaped(bytes, start, position) {
            emit(.number, start)
        } else {
            emit(.atom, start, keyword: keywords.lookup(bytes, start, position))
        }
        position = end
    }

    /// `10,000`: a comma inside a run of digits, followed by exactly three digits.
    private func isThousandsComma(start: Int, comma: Int) -> Bool {
        var i = start
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < comma {
            if !Self.isDigit(bytes[i]) && bytes[i] != UInt8(ascii: ",") { return false }
            i += 1
        }
        guard comma + 3 < bytes.count else { return false }
        for j in 1...3 where !Self.isDigit(bytes[comma + j]) { return false }
        let after = comma + 4
        return after >= bytes.count || !Self.isDigit(bytes[after])
    }

    /// The value of number-shaped bytes (`10,000` is 10000), or nil.
    static func numberValue(_ bytes: ArraySlice<UInt8>) -> Double? {
        let shaped = bytes.withUnsafeBufferPointer { isNumberShaped($0, 0, $0.count) }
        guard shaped else { return nil }
        return Parser.parseDecimal(bytes, bytes.startIndex, bytes.endIndex)
    }

    /// `[-] digits {, ddd} [. digits]`, the digits before a comma one to three.
    static func isNumberShaped(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        if i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < end, isDigit(bytes[i]) { i += 1 }
        guard i > digitsStart else { return false }
        // Thousands commas group the whole part in threes (`1,234,567`):
        // `0,86` (a decimal comma) or `19,5` is no number, not 86 or 195.
        if i < end, bytes[i] == UInt8(ascii: ",") {
            guard i - digitsStart <= 3 else { return false }
            while i < end, bytes[i] == UInt8(ascii: ",") {
                for j in 1...3 where i + j >= end || !isDigit(bytes[i + j]) { return false }
                i += 4
            }
            if i < end, isDigit(bytes[i]) { return false }
        }
        if i == end { return true }
        guard bytes[i] == UInt8(ascii: ".") else { return false }
        i += 1
        let fractionStart = i
        while i < end, isDigit(bytes[i]) { i += 1 }
        return i == end && i > fractionStart
    }

    // MARK: Strings

    private mutating func lexString() {
        let start = position
        let count = bytes.count
        position += 1
        // Whether the text has a byte `validateText` must look at (a control
        // byte, a tab, anything not ASCII): most strings have none, and are
        // then read once, eight bytes at a time.
        var unusual = false
        while position < count {
            position = Self.plainEnd(bytes, from: position, to: count)
            guard position < count else { break }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                if unusual { validateText(from: start + 1, to: position - 1) }
                emit(.string, start)
                return
            }
            if b == UInt8(ascii: "\\") {
                if position + 1 < count,
                   bytes[position + 1] == UInt8(ascii: "\"") || bytes[position + 1] == UInt8(ascii: "\\") {
                    position += 2
                } else {
                    report(Diagnostic(
                        .invalidEscape, "unknown escape in string; only \\\" and \\\\ are allowed",
                        at: Location(file: file, span: Span(start: position, end: min(count, position + 2))),
                        help: "write \\\\ for a backslash"))
                    position += 1
                }
                continue
            }
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && position + 1 < count && bytes[position + 1] == UInt8(ascii: "\n")) {
                break
            }
            unusual = true
            position += 1
        }
        if unusual { validateText(from: start + 1, to: position) }
        report(Diagnostic(
            .unterminatedString, "string has no closing quote on this line",
            at: Location(file: file, span: Span(start: start, end: start + 1)),
            help: "strings end on the line they start; close it with \""))
        emit(.string, start)
    }

    /// Printable ASCII other than `"` and `\`: a byte a string or comment
    /// holds as it is.
    static func isPlain(_ b: UInt8) -> Bool {
        b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\")
    }

    /// The offset of the first byte at or after `i` (and before `end`) that
    /// is not plain (`isPlain`), eight bytes at a time (`ByteWord`).
    static func plainEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            while i + 8 <= end {
                let w = ByteWord.load(base, i)
                let marks = ByteWord.nonASCII(w) | ByteWord.below(w, 0x20) | ByteWord.equal(w, 0x7F)
                    | ByteWord.equal(w, UInt8(ascii: "\"")) | ByteWord.equal(w, UInt8(ascii: "\\"))
                if marks != 0 { return i + ByteWord.first(marks) }
                i += 8
            }
        }
        while i < end, isPlain(bytes[i]) { i += 1 }
        return i
    }

    /// Checks that string or comment contents are valid UTF-8 without control bytes.
    private mutating func validateText(from start: Int, to end: Int) {
        var i = start
        while i < end {
            i = Self.plainEnd(bytes, from: i, to: end)
            guard i < end else { break }
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 && b != UInt8(ascii: "\t") || b == 0x7F {
                    i = controlBytes(at: i, limit: end)
                } else {
                    i += 1
                }
                continue
            }
            let length = Self.scalarLength(bytes, i, end)
            if length == 0 {
                i = invalidBytes(at: i, limit: end)
            } else {
                i += length
            }
        }
    }

    /// Reports the run of one control byte starting at `i` (six NULs are one
    /// error, not six) and returns the offset after it.
    private mutating func controlBytes(at i: Int, limit: Int) -> Int {
        var end = i + 1
        // A stray carriage return stays one: the next may end a line.
        while end < limit, bytes[end] == bytes[i], bytes[i] != UInt8(ascii: "\r") { end += 1 }
        let times = end - i == 1 ? "" : ", \(end - i) times in a row"
        report(Diagnostic(
            .unexpectedCharacter, "control character 0x\(Self.hex(bytes[i])) in the text\(times)",
            at: Location(file: file, span: Span(start: i, end: end))))
        return end
    }

    /// What Windows-1252 writes with a byte that is never UTF-8 alone.
    static func windows1252Name(_ byte: UInt8) -> String? {
        switch byte {
        case 0x91, 0x92: "a curly apostrophe"
        case 0x93, 0x94: "a curly quote"
        case 0x96: "an en dash"
        case 0x97: "an em dash"
        case 0x85: "an ellipsis"
        case 0xA3: "a pound sign"
        case 0x80: "a euro sign"
        default: nil
        }
    }

    /// Reports the run of bytes that are not UTF-8 starting at `i` as one
    /// error, and returns the offset after it.
    private mutating func invalidBytes(at i: Int, limit: Int) -> Int {
        var end = i + 1
        while end < limit, bytes[end] >= 0x80, Self.scalarLength(bytes, end, limit) == 0 { end += 1 }
        let shown = bytes[i..<min(end, i + 8)].map { "0x" + Self.hex($0) }.joined(separator: " ")
        let message = end - i == 1 ? "invalid UTF-8 byte \(shown)"
            : end - i <= 8 ? "invalid UTF-8 bytes \(shown)"
            : "\(end - i) invalid UTF-8 bytes in a row, starting \(shown)"
        // A lone byte that Windows-1252 ("ANSI", as Notepad and older Excel
        // save) uses for typography says how the file was saved.
        let ansi: String? = end - i == 1 ? Self.windows1252Name(bytes[i]) : nil
        report(Diagnostic(
            .invalidUTF8, message,
            at: Location(file: file, span: Span(start: i, end: end)),
            help: ansi.map { "0x\(Self.hex(bytes[i])) is \($0) in Windows-1252 (\"ANSI\"): save the file as UTF-8" }
                ?? "save the file as UTF-8"))
        return end
    }

    /// The length of a well-formed UTF-8 scalar at `i`, or 0.
    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= end else { return 0 }
        guard bytes[i + 1] >= low, bytes[i + 1] <= high else { return 0 }
        for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    // MARK: Everything else

    private mutating func unexpected() {
        let start = position
        let b = bytes[start]
        if b >= 0x80 {
            let length = Self.scalarLength(bytes, start, bytes.count)
            if length == 0 {
                position = invalidBytes(at: start, limit: bytes.count)
            } else {
                position += length
                let scalar = Self.decodeScalar(bytes, start, length)
                var help: String? = nil
                switch scalar {
                case 0x201C, 0x201D: help = "use a straight double quote \" (word processors curl them)"
                case 0x00A0: help = "this is a non-breaking space; use an ordinary space"
                default: break
                }
                report(Diagnostic(
                    .unexpectedCharacter,
                    "unexpected character \"\(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))\" outside a string",
                    at: Location(file: file, span: Span(start: start, end: position)), help: help))
            }
        } else {
            if b < 0x20 || b == 0x7F {
                position = controlBytes(at: start, limit: bytes.count)
            } else {
                position += 1
                report(Diagnostic(
                    .unexpectedCharacter, "unexpected character \"\(String(UnicodeScalar(b)))\"",
                    at: Location(file: file, span: Span(start: start, end: position)),
                    help: b == UInt8(ascii: "'") ? "strings use double quotes" : nil))
            }
        }
        emit(.invalid, start)
    }

    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> UInt32 {
        let masks: [UInt8] = [0, 0x7F, 0x1F, 0x0F, 0x07]
        var value = UInt32(bytes[start] & masks[length])
        for k in 1..<length { value = value << 6 | UInt32(bytes[start + k] & 0x3F) }
        return value
    }
}
