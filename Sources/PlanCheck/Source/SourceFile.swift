import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file's bytes, its display name and a table of line starts.
///
/// The source is read once as `[UInt8]`; everything downstream refers to it by
/// byte offset. Line and column are 1-based; the column counts Unicode scalars,
/// so a caret lines up under the character a user sees.
///
///     let file = SourceFile(name: "plan.plan", text: "plan \"X\"\n")
///     file.position(of: 5)   // (line: 1, column: 6)
public struct SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Offsets at which each line starts; `lineStarts[0] == 0`. Found on
    /// first use: a million-row data file that reads cleanly never needs it
    /// (8 MB and a pass over the bytes saved).
    public var lineStarts: [Int] { lineTable.starts(of: bytes) }
    private let lineTable = LineTable()
    /// True for a workbook sheet read as text (line = row, CSV field = column):
    /// positions are then row and column, and places are named as cells,
    /// `book.xlsx[Actuals]!D14`.
    public var namesCells = false

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = SourceFile.lineEndsOpened(bytes)
    }

    /// A data file's bytes as they are: the CSV reader ends a line at a lone
    /// CR itself, and the line table counts one as a line end, so a 24 MB
    /// book is not scanned for them as well.
    public init(name: String, dataBytes bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The bytes with each lone carriage return (the classic Mac line end,
    /// still written by some exports) made a line feed, so a line is a line
    /// to the lexer and every position alike. One byte for one, so no offset
    /// moves; `\r\n` is left as it is. Most files have no lone CR and are
    /// returned as they came, without a copy.
    static func lineEndsOpened(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = SourceFile.firstLoneCR(in: bytes) else { return bytes }
        var opened = bytes
        opened.withUnsafeMutableBufferPointer { buffer in
            var i = first
            while i < buffer.count {
                if buffer[i] == UInt8(ascii: "\r"), i + 1 == buffer.count || buffer[i + 1] != UInt8(ascii: "\n") {
                    buffer[i] = UInt8(ascii: "\n")
                }
                i += 1
            }
        }
        return opened
    }

    /// The offset of the first CR not followed by LF, found with `memchr`:
    /// a file of LF lines is passed over at memory speed.
    private static func firstLoneCR(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var from = 0
            while from < buffer.count,
                  let hit = memchr(base + from, Int32(UInt8(ascii: "\r")), buffer.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + 1 == buffer.count || buffer[i + 1] != UInt8(ascii: "\n") { return i }
                from = i + 2
            }
            return nil
        }
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// `plan.plan:3:14`, or for a sheet `book.xlsx[Actuals]!D14`.
    public func place(of offset: Int) -> String {
        let (line, column) = position(of: offset)
        return namesCells ? "\(name)!\(CellReference(column: column - 1, row: line).name)" : "\(name):\(line):\(column)"
    }

    /// 1-based line and column of a byte offset (for a sheet, row and column).
    public func position(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let line = lineIndex(of: offset)
        let lineStart = lineStarts[line]
        if namesCells {
            // Count the fields before the offset: commas outside quotes.
            var field = 0
            var quoted = false
            for i in lineStart..<offset {
                if bytes[i] == UInt8(ascii: "\"") { quoted.toggle() }
                if bytes[i] == UInt8(ascii: ","), !quoted { field += 1 }
            }
            return (line + 1, field + 1)
        }
        // Count what a reader sees before `offset`: a scalar, or one U+FFFD
        // for each invalid sequence (as the renderer and any UTF-8 decoder
        // show them), so two stray bytes are two columns. An offset inside a
        // character is that character's column.
        var column = 1
        var i = lineStart
        // A byte order mark is no character an editor shows: line 1 starts after it.
        if lineStart == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            i = min(3, offset)
        }
        while i < offset {
            let length = bytes[i] < 0x80 ? 1 : SourceFile.sequenceLength(bytes, at: i)
            if i + length > offset { break }
            column += 1
            i += length
        }
        return (line + 1, column)
    }

    /// The length of the UTF-8 sequence starting at `i`: its whole length when
    /// valid, else that of its maximal invalid subpart (at least 1), which a
    /// decoder replaces with one U+FFFD (Unicode 15, section 3.9).
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let count: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: count = 2
        case 0xE0: count = 3; low = 0xA0
        case 0xED: count = 3; high = 0x9F
        case 0xE1...0xEF: count = 3
        case 0xF0: count = 4; low = 0x90
        case 0xF4: count = 4; high = 0x8F
        case 0xF1...0xF3: count = 4
        default: return 1
        }
        var length = 1
        while length < count, i + length < bytes.count {
            let byte = bytes[i + length]
            guard byte >= low && byte <= high else { break }
            low = 0x80
            high = 0xBF
            length += 1
        }
        return length
    }

    /// 0-based index of the line holding `offset`.
    public func lineIndex(of offset: Int) -> Int {
        let starts = lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The bytes of the 0-based line `index`, without its line terminator.
    public func lineSpan(_ index: Int) -> Span {
        let starts = lineStarts
        let start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Span(start: start, end: max(start, end))
    }

    /// The text of a span, decoded leniently (invalid UTF-8 becomes U+FFFD).
    public func text(_ span: Span) -> String {
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Every file read for one run: the plan, its includes, its data files.
///
/// Diagnostics name a file by `FileID`, an index here, so they stay small values.
public struct SourceSet: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    @discardableResult
    public mutating func add(_ file: SourceFile) -> FileID {
        files.append(file)
        return FileID(files.count - 1)
    }

    public subscript(id: FileID) -> SourceFile { files[id.index] }
}

/// A file's line starts, computed once, on first use, by whichever thread
/// asks first (the language server shares sources across tasks).
private final class LineTable: Sendable {
    private let cache = Mutex<[Int]?>(nil)

    func starts(of bytes: [UInt8]) -> [Int] {
        cache.withLock { cached in
            if let cached { return cached }
            var starts = [0]
            starts.reserveCapacity(bytes.count / 32 + 1)
            bytes.withUnsafeBufferPointer { buffer in
                // A lone CR ends a line too (a data file keeps its bytes as
                // they are; a plan's were opened to LF when read).
                for i in 0..<buffer.count {
                    let byte = buffer[i]
                    if byte == UInt8(ascii: "\n")
                        || byte == UInt8(ascii: "\r") && (i + 1 == buffer.count || buffer[i + 1] != UInt8(ascii: "\n")) {
                        starts.append(i + 1)
                    }
                }
            }
            cached = starts
            return starts
        }
    }
}

extension RandomAccessCollection {
    /// The first index whose element satisfies `isAfter`, for a collection
    /// where every element that does comes after every element that does not;
    /// `endIndex` when none does. Found by halving, in O(log n).
    func partitionIndex(where isAfter: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if isAfter(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
