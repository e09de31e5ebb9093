/// Reads tokens into a `SyntaxTree`, one function per grammar rule.
///
/// The parser never throws and never stops early: an error is reported at its
/// token and the parser resynchronises at the next line (a new clause, or a new
/// entry when the line starts at column 1), so one run reports every syntax
/// error. Within a line it cannot run past the line's end: `limit` is the index
/// of the next line's first token, and tokens there read as end-of-line.
///
///     let output = Parser.parse(SourceFile(name: "p.plan", text: "measure 2.3 target >= 90% by September\n"), file: FileID(0))
///     output.tree.entries[0].clauses[0].kind   // .target([...])
public struct Parser {
    public struct Output: Sendable {
        public var tree: SyntaxTree
        public var tokens: [Token]
        public var diagnostics: [Diagnostic]
    }

    public static func parse(_ source: SourceFile, file: FileID) -> Output {
        parse(source, file: file, keepingTokens: true)
    }

    /// Tokens lexed at a time when they are not kept: a few pages, where a
    /// whole 12 MB plan's are 12 MB.
    static let piece = 4096

    /// As `parse`; without `keepingTokens` (the loader's case: only the
    /// formatter needs every token) the lexer hands the parser a piece of
    /// the file at a time, cut before an entry, and `tokens` is empty.
    public static func parse(_ source: SourceFile, file: FileID, keepingTokens: Bool) -> Output {
        parse(source, file: file, keepingTokens: keepingTokens, piece: piece)
    }

    /// As `parse(_:file:keepingTokens: false)`, handing each entry to `each`
    /// as soon as it is read (the loader's streaming case): the tree's
    /// `entries` is empty, and no more than one entry's syntax is held.
    public static func parse(_ source: SourceFile, file: FileID, each: (Entry) -> Void) -> Output {
        withoutActuallyEscaping(each) { parse(source, file: file, keepingTokens: false, piece: piece, each: $0) }
    }

    /// `piece`: tokens lexed at a time (a test cuts a file everywhere it can).
    /// `each`: where entries go; nil collects them in the tree.
    static func parse(_ source: SourceFile, file: FileID, keepingTokens: Bool, piece: Int,
                      each: ((Entry) -> Void)? = nil) -> Output {
        // Saved as UTF-16 (Notepad's "Unicode"): one finding that says so,
        // not one for every NUL between its letters.
        if let encoding = Self.utf16(source.bytes) {
            return Output(tree: SyntaxTree(file: file, entries: [], comments: []), tokens: [], diagnostics: [Diagnostic(
                .invalidUTF8, "the file is UTF-16 text (\(encoding)), not UTF-8",
                at: Location(file: file, span: Span(start: 0, end: min(2, source.bytes.count))),
                help: "save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)")])
        }
        return source.bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer: buffer, file: file)
            var tokens: [Token] = []
            tokens.reserveCapacity(keepingTokens ? buffer.count / 8 + 16 : piece + 256)
            lexer.lex(into: &tokens, atLeast: keepingTokens ? nil : piece)
            var parser = Parser(source: source, file: file, tokens: tokens)
            tokens = []
            var entries: [Entry] = []
            parser.parseFile(refill: { next in
                guard !lexer.finished else { return false }
                lexer.lex(into: &next, atLeast: piece)
                return true
            }, each: { entry in
                if let each { each(entry) } else { entries.append(entry) }
            })
            // The lexer's findings come first, as they did when the file was
            // lexed whole before parsing; the bag keeps the first `limit`.
            var bag = DiagnosticBag()
            bag.append(contentsOf: lexer.diagnostics)
            for d in parser.diagnostics.items { bag.add(d) }
            var diagnostics = bag.items
            if bag.truncated || parser.diagnostics.truncated, let last = diagnostics.last {
                diagnostics.append(Diagnostic(.tooManyErrors, "more syntax errors in \(source.name) are not shown",
                                              at: last.location, severity: .note, help: "fix the ones above and run again"))
            }
            return Output(
                tree: SyntaxTree(file: file, entries: entries, comments: lexer.comments),
                tokens: keepingTokens ? parser.tokens : [],
                diagnostics: diagnostics)
        }
    }

    /// "little-endian" or "big-endian" when the bytes are UTF-16 text: a
    /// byte order mark, or a NUL beside each of the first few ASCII letters.
    static func utf16(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "little-endian" }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "big-endian" }
        guard bytes.count >= 8 else { return nil }
        let pairs = (0..<4).map { (bytes[2 * $0], bytes[2 * $0 + 1]) }
        if pairs.allSatisfy({ $0.0 != 0 && $0.0 < 0x80 && $0.1 == 0 }) { return "little-endian" }
        if pairs.allSatisfy({ $0.0 == 0 && $0.1 != 0 && $0.1 < 0x80 }) { return "big-endian" }
        return nil
    }

    let source: SourceFile
    let file: FileID
    /// The file's tokens, or the piece of them being read (`parse(_:file:keepingTokens:)`).
    private(set) var tokens: [Token]
    var index = 0
    /// Index of the first token of the next line: the end of what this line may read.
    var limit = 0
    var diagnostics = DiagnosticBag()
    /// Clauses being read, for every entry in turn: an entry's list is copied
    /// out at its exact size, so no entry keeps a doubled array's spare room.
    var clauseScratch: [Clause] = []
    /// True while a data row's date is read: a number after a bare quarter
    /// or a day and month (`Q3 49`, `30 September 49`) is the row's value,
    /// not a year the date lacks.
    var readingRowDate = false
    /// The keywords of the entry's clauses that were written but did not
    /// parse (or a misspelt keyword's meaning): `Entry.brokenClauses`.
    var brokenClauses: [Keyword] = []

    init(source: SourceFile, file: FileID, tokens: [Token]) {
        self.source = source
        self.file = file
        self.tokens = tokens
    }

    // MARK: Cursor

    /// The token `offset` ahead, or the end-of-file token when that lies past this line.
    func peek(_ offset: Int = 0) -> Token {
        let i = index + offset
        return i < limit ? tokens[i] : endOfLine(i)
    }

    private func endOfLine(_ i: Int) -> Token {
        let at = min(i, tokens.count - 1)
        let start = at > 0 ? tokens[at - 1].span.end : 0
        return Token(kind: .endOfFile, keyword: .none, startsLine: true, atColumnOne: true, span: .at(start))
    }

    var atLineEnd: Bool { index >= limit }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if index < limit { index += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { peek().kind == kind }
    func check(_ keyword: Keyword) -> Bool { peek().kind == .atom && peek().keyword == keyword }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    /// Moves the line window to start at the current token.
    /// `wrapping`: whether a line that ends with a comma goes on (clauses);
    /// a data row is one line.
    mutating func beginLine(wrapping: Bool = true) {
        var end = index + 1
        while end < tokens.count, !tokens[end].startsLine || wrapping && continues(at: end) { end += 1 }
        limit = min(end, tokens.count - 1)
    }

    /// A line that ends with a comma goes on to the next, when that is
    /// indented and does not start a clause: a long trajectory or list,
    /// wrapped as documents wrap it.
    func continues(at i: Int) -> Bool {
        let token = tokens[i]
        guard tokens[i - 1].kind == .comma, !token.atColumnOne, token.kind != .endOfFile else { return false }
        guard token.kind == .atom, Self.clauseKeywordSet.contains(token.keyword) else { return true }
        // `minimum 70% by September` goes on a trajectory; `minimum cohort 10` is a clause.
        return token.keyword == .minimum && i + 1 < tokens.count && tokens[i + 1].keyword != .cohort
            && !tokens[i + 1].startsLine
    }

    /// Skips the rest of the line after an error.
    mutating func skipLine() { index = max(index, limit) }

    /// The span from `start` to the end of the last token read.
    func spanFrom(_ start: Int) -> Span {
        let end = index > 0 ? tokens[index - 1].span.end : start
        return Span(start: start, end: max(start, end))
    }

    func text(_ token: Token) -> String { source.text(token.span) }

    // MARK: Errors

    mutating func error(_ message: String, at span: Span, help: String? = nil, notes: [String] = [],
                        code: DiagnosticCode = .syntax) {
        // A character the lexer could not read is reported there, once: the
        // parse still fails here (a trial parse sees it), with no second error.
        if code == .syntax, peek().kind == .invalid, peek().span == span {
            diagnostics.countUnreported()
            return
        }
        // `"The "good" one"`: the string closed at a quote meant inside it.
        var help = help
        if code == .syntax, index > 0, index < tokens.count, peek().span == span, !peek().startsLine,
           tokens[index - 1].kind == .string, tokens[index - 1].span.end == span.start, !span.isEmpty {
            let quote = "a quote inside a string is written \\\" (as in \"The \\\"good\\\" one\"); this string ended at the quote before \(describe(peek()))"
            help = help.map { quote + "; or " + $0 } ?? quote
        }
        let diagnostic = Diagnostic(code, message, at: Location(file: file, span: span), notes: notes, help: help)
        diagnostics.addSyntax(diagnostic, lineKey: source.lineIndex(of: span.start))
    }

    /// "expected X, found Y" at the current token.
    mutating func expected(_ what: String, help: String? = nil) {
        let token = peek()
        // A line taken on by the comma that ends the line above: say so, as
        // the comma may be a slip (`target >= 60% by June,` then `polarty higher`).
        var help = help
        if token.startsLine, index > 0, tokens[index - 1].kind == .comma {
            let comma = "the comma ending the line above carries the clause on to this line; remove it if this line is a clause of its own"
            help = help.map { $0 + "; " + comma } ?? comma
        }
        error("expected \(what), found \(describe(token))", at: token.span, help: help)
    }

    /// "did you mean `X`?" when the words from the current token are a near
    /// miss of one of `candidates`, each a keyword or a phrase of them (`buy`
    /// for `by`, `at lest` for `at least`, `Increase` for `increase`); nil
    /// when none is near, or the words are exactly one (the slip is elsewhere).
    func didYouMean(_ candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let count = candidate.split(separator: " ").count
            var words: [String] = []
            for k in 0..<count {
                let token = peek(k)
                guard token.kind == .atom, token.span.length <= Limits.longestQuote else { break }
                words.append(text(token))
            }
            guard words.count == count else { continue }
            let written = words.joined(separator: " ")
            guard written != candidate, Suggest.closestKeyword(to: written, among: [candidate]) != nil else { continue }
            let distance = Suggest.editDistance(written, candidate)
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best.map { "did you mean `\($0.candidate)`?" }
    }

    /// As `describe`, after "unexpected": "unexpected string".
    func describeUnexpected(_ token: Token) -> String {
        token.kind == .string ? "string" : describe(token)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: "end of line"
        case .string: "a string"
        default: "\"\(Self.printable(excerpt(token.span)))\""
        }
    }

    /// The text of `span`, or for one longer than any message quotes, its
    /// start and its last bytes: what `Limits.clip` keeps of it, without
    /// making (and escaping) a String of a 50 MB token first.
    func excerpt(_ span: Span) -> String {
        let head = 4 * Limits.longestQuote  // bytes enough for the quoted scalars
        let tail = 16
        guard span.length > head + tail else { return source.text(span) }
        let bytes = source.bytes
        // Cut between characters: a character is at most three continuation bytes long.
        var headEnd = span.start + head
        while headEnd > span.start + head - 3, bytes[headEnd] & 0xC0 == 0x80 { headEnd -= 1 }
        var tailStart = span.end - tail
        while tailStart < span.end - tail + 3, bytes[tailStart] & 0xC0 == 0x80 { tailStart += 1 }
        return source.text(Span(start: span.start, end: headEnd)) + source.text(Span(start: tailStart, end: span.end))
    }

    /// Text safe to put in a message: control characters shown as `\u{1B}`,
    /// so nothing in a plan can reach the terminal as an escape code.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Entries

    /// Every entry, to `each` in order; at the end of a piece of tokens,
    /// `refill` replaces them with the next piece, or says there is none.
    mutating func parseFile(refill: (inout [Token]) -> Bool = { _ in false }, each: (Entry) -> Void) {
        while true {
            while tokens[index].kind != .endOfFile {
                let before = index
                let token = tokens[index]
                if !token.atColumnOne {
                    limit = index + 1
                    beginLine()
                    error("a line that continues an entry, but no entry comes before it",
                          at: token.span, help: "start the entry at column 1, or remove the indentation")
                    skipLine()
                } else if let entry = parseEntry() {
                    each(entry)
                }
                if index == before { index += 1 }  // always progress
            }
            guard refill(&tokens) else { return }
            index = 0
            limit = 0
        }
    }

    static let entryKeywords: [Keyword] = [
        .plan, .workstream, .comparator, .lead, .recommendation, .outcome, .priority, .pillar, .area, .section,
        .theme, .objective, .measure, .action, .data, .include,
    ]

    mutating func parseEntry() -> Entry? {
        beginLine()
        let head = advance()
        let kind: EntryKind
        switch head.keyword {
        case .plan: kind = .plan
        case .workstream: kind = .workstream
        case .comparator: kind = .comparator
        case .lead: kind = .lead
        case .recommendation: kind = .section(.recommendation)
        case .outcome: kind = .section(.outcome)
        case .priority: kind = .section(.priority)
        case .pillar: kind = .section(.pillar)
        case .area: kind = .section(.area)
        case .section: kind = .section(.section)
        case .theme: kind = .section(.theme)
        case .objective: kind = .section(.objective)
        case .measure: kind = .measure
        case .action: kind = .action
        case .data: kind = .data
        case .include: kind = .include
        default:
            let meant = head.kind == .atom && head.span.length <= Limits.longestQuote
                ? Suggest.closest(to: text(head), among: Self.entryKeywords.map(\.text)) : nil
            error("expected an entry (plan, measure, action, recommendation, ...), found \(describe(head))",
                  at: head.span, help: meant.map { "did you mean `\($0)`?" }
                      ?? "a line at column 1 starts an entry; indent it to continue the entry above")
            // A misspelt declaration (`workstrem EFD "Early help"`) is read as
            // the entry meant, as a misspelt month is: its id is declared, so
            // the references to it are not each an error, and its clauses are
            // checked. (Not a clause's own keyword left at column 1, nor a
            // `data` or `include`, which would read rows or files.)
            guard !Self.clauseKeywordSet.contains(head.keyword), let meant,
                  let recovered = Self.recoverableEntries[meant] else {
                skipToNextEntry()
                return nil
            }
            kind = recovered
        }
        var entry = Entry(kind: kind, keywordSpan: head.span, id: nil, title: nil, clauses: [], rows: [],
                          span: head.span)
        switch kind {
        case .plan:
            entry.title = expectString("the plan's title")
        case .lead:
            entry.title = expectString("the person's or role's name in quotes")
        case .include:
            entry.title = expectString("the path of the plan to include, in quotes")
        case .data:
            if check(.string) {
                entry.title = parseString()
            } else {
                entry.id = expectIdentifier("the id of the measure or action the data is for, or a CSV path in quotes")
            }
        default:
            entry.id = expectIdentifier("an id")
            if check(.string) { entry.title = parseString() }
        }
        if kind == .data && entry.id != nil {
            entry.rows = parseDataRows()
        } else if kind == .data {
            entry.clauses = parseDataClauses()
        } else {
            brokenClauses = []
            entry.clauses = parseClauses(adoptingFor: kind)
            entry.brokenClauses = brokenClauses
        }
        entry.span = spanFrom(head.span.start)
        return entry
    }

    /// The entries a misspelt keyword is read as (`parseEntry`).
    static let recoverableEntries: [String: EntryKind] = {
        var kinds: [String: EntryKind] = [
            "plan": .plan, "workstream": .workstream, "comparator": .comparator, "lead": .lead,
            "measure": .measure, "action": .action,
        ]
        for keyword in SectionKeyword.allCases { kinds[keyword.rawValue] = .section(keyword) }
        return kinds
    }()

    /// Whether the column-1 line at `i` is a clause of the entry above left
    /// unindented, not the entry it looks like: `workstream EFD` (no title)
    /// or `lead "Name"` after a measure, an action or a section, with an
    /// indented clause below it that a workstream or a lead cannot have (a
    /// `target`, say). Read as an entry, it gave a duplicate id and a
    /// misplaced clause for every line below it.
    func isUnindentedClause(at i: Int, of kind: EntryKind) -> Bool {
        switch kind {
        case .measure, .action, .section: break
        default: return false
        }
        let head = tokens[i]
        guard head.kind == .atom, head.keyword == .workstream || head.keyword == .lead,
              i + 2 < tokens.count, tokens[i + 2].startsLine, !tokens[i + 1].startsLine else { return false }
        let allowed: KeywordSet
        if head.keyword == .workstream {
            guard isIdentifier(tokens[i + 1]) else { return false }
            allowed = [.lead, .officer, .note]
        } else {
            guard tokens[i + 1].kind == .string else { return false }
            allowed = [.role, .note]
        }
        var j = i + 2
        while j < tokens.count, tokens[j].kind != .endOfFile, !tokens[j].atColumnOne {
            let token = tokens[j]
            if token.startsLine, token.kind == .atom, Self.clauseKeywordSet.contains(token.keyword),
               !allowed.contains(token.keyword) { return true }
            j += 1
        }
        return false
    }

    /// Skips every line up to the next column-1 token.
    mutating func skipToNextEntry() {
        skipLine()
        while tokens[index].kind != .endOfFile && !tokens[index].atColumnOne { index += 1 }
    }

    /// An entry's clauses; with `adoptingFor`, the kind of entry they are
    /// of, a clause line left at column 1 (`isUnindentedClause`) is reported
    /// once and read as one of them.
    mutating func parseClauses(adoptingFor kind: EntryKind? = nil) -> [Clause] {
        parseClauses(adoptingFor: kind) { $0.parseClause() }
    }

    /// The clauses on the header's line and the indented lines below it, up
    /// to the next column-1 token, each read by `clause`; a line that fails is
    /// skipped (reported by `clause`), and every pass makes progress.
    mutating func parseClauses(adoptingFor kind: EntryKind? = nil, _ clause: (inout Parser) -> Clause?) -> [Clause] {
        let base = clauseScratch.count
        defer { clauseScratch.removeSubrange(base...) }
        while true {
            if atLineEnd {
                let next = tokens[index]
                if next.kind == .endOfFile { break }
                if next.atColumnOne {
                    guard let kind, isUnindentedClause(at: index, of: kind) else { break }
                    beginLine()
                    let entry = kind.word
                    error("`\(next.keyword.text)` at column 1 starts a new \(next.keyword.text) entry, but the lines below it are clauses of the \(entry) above",
                          at: next.span,
                          help: "indent it to make it a clause of the \(entry) (it is read so here)")
                } else {
                    beginLine()
                }
            }
            let before = index
            if let clause = clause(&self) {
                clauseScratch.append(clause)
            } else {
                skipLine()
            }
            if index == before { skipLine() }
        }
        return clauseScratch.copyOfTail(from: base)
    }

    // MARK: Small pieces

    mutating func expectString(_ what: String) -> TextLiteral? {
        if check(.string) { return parseString() }
        expected(what)
        return nil
    }

    mutating func parseString() -> TextLiteral {
        let token = advance()
        return TextLiteral(decodeString(token.span), span: token.span)
    }

    func decodeString(_ span: Span) -> String {
        let start = span.start + 1
        var end = span.end
        if end - 1 > span.start, source.bytes[end - 1] == UInt8(ascii: "\"") { end -= 1 }
        guard start < end else { return "" }
        return source.bytes.withUnsafeBufferPointer { all in
            let body = UnsafeBufferPointer(rebasing: all[start..<end])
            let backslash = UInt8(ascii: "\\")
            // Most strings have no escape: their bytes are the text.
            guard body.contains(backslash) else { return String(decoding: body, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: body.count) { out in
                var written = 0
                var i = 0
                while i < body.count {
                    if body[i] == backslash, i + 1 < body.count {
                        out[written] = body[i + 1]
                        i += 2
                    } else {
                        out[written] = body[i]
                        i += 1
                    }
                    written += 1
                }
                return written
            }
        }
    }

    func isIdentifier(_ token: Token) -> Bool { token.kind == .atom || token.kind == .number }

    mutating func expectIdentifier(_ what: String) -> Identifier? {
        guard isIdentifier(peek()) else {
            expected(what)
            return nil
        }
        let token = advance()
        return Identifier(text(token), span: token.span)
    }

    /// `a, b, c` of one kind of item.
    mutating func commaList<T>(_ item: (inout Parser) -> T?) -> [T]? {
        var items: [T] = []
        repeat {
            guard let value = item(&self) else { return nil }
            items.append(value)
        } while match(.comma)
        return items
    }

    /// The numeric value of a number token: `10,000` is 10000.
    func numberValue(_ token: Token) -> Double? {
        guard token.kind == .number else { return nil }
        return Self.parseDecimal(source.bytes, token.span)
    }

    static func parseDecimal(_ bytes: [UInt8], _ span: Span) -> Double? {
        parseDecimal(bytes[...], span.start, span.end)
    }

    /// Digits with optional thousands commas and one decimal point, to a Double.
    static func parseDecimal<C: RandomAccessCollection>(_ bytes: C, _ start: Int, _ end: Int) -> Double?
        where C.Element == UInt8, C.Index == Int {
        let span = (start: start, end: end)
        var i = span.start
        var negative = false
        if i < span.end, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        // Up to 15 digits each side accumulate exactly in an integer, and
        // convert to the very Double the digit-by-digit sum below makes
        // (every step of it is exact below 2^53): one conversion, not a
        // multiply-add in floating point per digit.
        if let value = parseShortDecimal(bytes, i, span.end) { return negative ? -value : value }
        var integer: Double = 0
        var sawDigit = false
        while i < span.end, bytes[i] != UInt8(ascii: ".") {
            let b = bytes[i]
            if Lexer.isDigit(b) {
                integer = integer * 10 + Double(b - UInt8(ascii: "0"))
                sawDigit = true
            } else if b != UInt8(ascii: ",") {
                return nil
            }
            i += 1
        }
        var fraction: Double = 0
        var scale: Double = 1
        if i < span.end {
            i += 1
            while i < span.end {
                let b = bytes[i]
                guard Lexer.isDigit(b) else { return nil }
                fraction = fraction * 10 + Double(b - UInt8(ascii: "0"))
                scale *= 10
                i += 1
            }
        }
        guard sawDigit else { return nil }
        let value = integer + fraction / scale
        return negative ? -value : value
    }

    /// A plain number as a data cell writes it, `-`, digits, then `.` and
    /// digits, at most 15 digits on each side: the value `parseDecimal`
    /// gives, in one pass. Nil for anything else, which is left to
    /// `Lexer.isNumberShaped` and `parseDecimal` (commas, longer numbers)
    /// or is no number at all (`5.`, `.5`, `-`).
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let negative = start < end && bytes[start] == UInt8(ascii: "-")
        let digits = negative ? start + 1 : start
        guard digits < end, bytes[end - 1] != UInt8(ascii: "."),
              let value = parseShortDecimal(bytes, digits, end) else { return nil }
        return negative ? -value : value
    }

    /// `parseDecimal` of plain `digits[.digits]` with at most 15 digits on
    /// each side; nil for anything else (commas, more digits), which the
    /// general loop reads.
    @inline(__always)
    private static func parseShortDecimal<C: RandomAccessCollection>(_ bytes: C, _ start: Int, _ end: Int) -> Double?
        where C.Element == UInt8, C.Index == Int {
        var i = start
        var integer: UInt64 = 0
        while i < end, i - start < 16 {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            integer = integer &* 10 &+ UInt64(digit)
            i += 1
        }
        let integerDigits = i - start
        guard integerDigits > 0, integerDigits <= 15 else { return nil }
        if i == end { return Double(integer) }
        guard bytes[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        let fractionStart = i
        var fraction: UInt64 = 0
        var scale: UInt64 = 1
        while i < end, i - fractionStart < 16 {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            fraction = fraction &* 10 &+ UInt64(digit)
            scale &*= 10
            i += 1
        }
        guard i == end, i - fractionStart <= 15 else { return nil }
        // One or two decimals, as most figures have: the quotient from a
        // table made by the same division, so the same Double without one.
        switch i - fractionStart {
        case 1: return Double(integer) + Self.tenths[Int(fraction)]
        case 2: return Double(integer) + Self.hundredths[Int(fraction)]
        default: return Double(integer) + Double(fraction) / Double(scale)
        }
    }

    /// `Double(n) / 10` for n in 0..<10, and `Double(n) / 100` for n in 0..<100.
    private static let tenths: [Double] = (0..<10).map { Double($0) / Double(10) }
    private static let hundredths: [Double] = (0..<100).map { Double($0) / Double(100) }

    /// A whole number written in digits or as a word up to twelve: `3`, `six`.
    mutating func parseCount(_ what: String) -> Int? {
        let token = peek()
        if let value = numberValue(token), value >= 0, value < 10_000, value == Double(Int(value)) {
            advance()
            return Int(value)
        }
        let words: [Keyword] = [.one, .two, .three, .four, .five, .six, .seven, .eight, .nine, .ten, .eleven, .twelve]
        if token.kind == .atom, let n = words.firstIndex(of: token.keyword) {
            advance()
            return n + 1
        }
        // A number, but not a count plancheck takes: said as what it is.
        if let value = numberValue(token) {
            let written = "\"\(text(token))\""
            let why = value < 0 ? "\(written) is below zero" : value != value.rounded() ? "\(written) is not a whole number"
                : "\(written) is more than a count here may be (9,999)"
            error("\(why): expected \(what)", at: token.span, help: "write a whole number from 0 to 9,999")
            return nil
        }
        expected(what)
        return nil
    }
}

extension Array {
    /// The elements from `start` on, in a new array of exactly their count.
    /// (`Array(self[start...])` would share this array's storage, spare room
    /// and all, when the slice is the whole array.)
    func copyOfTail(from start: Int) -> [Element] {
        let count = self.count - start
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeBufferPointer { source in
                _ = buffer.initialize(fromContentsOf: source[start...])
            }
            initialized = count
        }
    }
}
