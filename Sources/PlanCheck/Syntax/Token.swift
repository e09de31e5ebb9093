/// The kinds of token the lexer produces.
///
/// The lexer does not decide what an atom means: `2.3`, `31.03.12`, `A1` and
/// `September` are all atoms (the first also a `number`); the parser reads them
/// by context, as an id, a number or a date.
public enum TokenKind: UInt8, Sendable {
    /// A run of letters, digits, `_`, `-`, `.`, `/`: an id, keyword, date part.
    case atom
    /// An atom shaped like a number: `85`, `14.4`, `10,000`, `-3`, `2.3`.
    case number
    /// A double-quoted string; the span includes the quotes.
    case string
    case greaterEqual, lessEqual, less, greater, equal
    case comma, percent
    /// `-`, `–` or `—` standing alone: joins a timescale's two dates.
    case dash
    /// Bytes that form no token; the lexer has already reported them.
    case invalid
    case endOfFile
}

/// A token: a kind, a byte span and where it sits on its line. Its text is
/// never copied; `keyword` is looked up once, by the lexer.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// The keyword this atom spells, or `.none`.
    public var keyword: Keyword
    /// First token on its line.
    public var startsLine: Bool
    /// Starts at column 1: such a token begins a new entry.
    public var atColumnOne: Bool
    /// The span's offsets in 32 bits each (no file read is near 4 GiB; see
    /// `Limits.largestFile`): a token is 12 bytes, not 24, and a 12 MB plan's
    /// million tokens take 12 MB less at the peak of a check.
    private let start: UInt32
    private let end: UInt32

    public var span: Span { Span(start: Int(start), end: Int(end)) }

    public init(kind: TokenKind, keyword: Keyword, startsLine: Bool, atColumnOne: Bool, span: Span) {
        self.kind = kind
        self.keyword = keyword
        self.startsLine = startsLine
        self.atColumnOne = atColumnOne
        self.start = UInt32(truncatingIfNeeded: span.start)
        self.end = UInt32(truncatingIfNeeded: span.end)
    }
}
