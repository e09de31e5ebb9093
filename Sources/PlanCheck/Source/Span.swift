/// A half-open range of UTF-8 byte offsets into one source file.
///
/// Tokens and AST nodes carry spans instead of copied text; line and column are
/// computed from a `SourceFile`'s line table only when a message is printed.
///
///     let span = Span(start: 4, end: 7)   // bytes 4, 5 and 6
public struct Span: Sendable, Hashable, Comparable {
    // Stored in 32 bits: every token and node carries a span, and no file
    // read is larger than `Limits.largestFile` (256 MiB), so half the size
    // of two `Int`s shrinks every syntax tree. An offset past 32 bits
    // (which nothing reads) is clamped, never trapped on.
    private var storedStart: Int32
    private var storedEnd: Int32

    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(clamping: newValue) }
    }

    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(clamping: newValue) }
    }

    public init(start: Int, end: Int) {
        storedStart = Int32(clamping: start)
        storedEnd = Int32(clamping: end)
    }

    /// An empty span at `offset`, for things that are missing.
    public static func at(_ offset: Int) -> Span { Span(start: offset, end: offset) }

    public var length: Int { end - start }
    public var isEmpty: Bool { end <= start }

    /// The smallest span covering both.
    public func union(_ other: Span) -> Span {
        Span(start: min(start, other.start), end: max(end, other.end))
    }

    public static func < (a: Span, b: Span) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }
}

/// A span in a particular file of a `SourceSet`.
public struct Location: Sendable, Hashable, Comparable {
    public var file: FileID
    public var span: Span

    public init(file: FileID, span: Span) {
        self.file = file
        self.span = span
    }

    public static func < (a: Location, b: Location) -> Bool {
        a.file != b.file ? a.file.index < b.file.index : a.span < b.span
    }
}

/// Names a file loaded into a `SourceSet`, by its position there.
public struct FileID: Sendable, Hashable {
    // 32 bits, like `Span`'s offsets: a `Location` is then 12 bytes, not 24.
    private let storedIndex: Int32
    public var index: Int { Int(storedIndex) }
    public init(_ index: Int) { storedIndex = Int32(clamping: index) }
}
