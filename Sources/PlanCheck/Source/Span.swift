/// A half-open range of UTF-8 byte offsets into one source file.
///
/// Tokens and AST nodes carry spans instead of copied text; line and column are
/// computed from a `SourceFile`'s line table only when a message is printed.
///
///     let span = Span(start: 4, end: 7)   // bytes 4, 5 and 6
public struct Span: Sendable, Hashable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
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
    public let index: Int
    public init(_ index: Int) { self.index = index }
}
