/// The files the server sees: open buffers, which shadow the disk, and the
/// conversions between LSP positions (line and character, in UTF-16 or UTF-8
/// code units) and our byte offsets.

/// How a position's `character` counts: the client and server agree on one
/// at `initialize` (LSP 3.17 `positionEncoding`); UTF-16 when the client says nothing.
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
}

/// A line and a character offset in it, both 0-based, as LSP counts them.
public struct LSPPosition: Sendable, Hashable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    init?(_ json: JSON?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue,
              line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSON { .object([("line", .int(line)), ("character", .int(character))]) }
}

/// Converts between byte offsets in a `SourceFile` and LSP positions.
///
/// A character counts as the client's editor shows it, as
/// `SourceFile.position` counts columns: a valid UTF-8 sequence is one
/// character (two UTF-16 units past the BMP), and each invalid sequence (a
/// Latin-1 `é` in a file saved as such) is one U+FFFD, as any decoder shows
/// it (one UTF-16 unit, three UTF-8 ones). A file read from disk that starts
/// with a byte order mark shows no character for it: line 1 starts after it.
/// An open document is the client's own text, BOM and all, so it keeps it.
struct PositionMapper {
    let source: SourceFile
    let encoding: PositionEncoding
    /// The file was read from disk, not sent by the client: a BOM is skipped.
    var skipsBOM = false

    init(source: SourceFile, encoding: PositionEncoding, skipsBOM: Bool = false) {
        self.source = source
        self.encoding = encoding
        self.skipsBOM = skipsBOM
    }

    /// Bytes of a leading BOM that no editor shows (0 or 3).
    var bomLength: Int {
        let bytes = source.bytes
        return skipsBOM && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The character at byte `i`: how many bytes it takes and how many units of `encoding`.
    func character(at i: Int) -> (bytes: Int, units: Int) {
        let bytes = source.bytes
        let lead = bytes[i]
        if lead < 0x80 { return (1, 1) }
        let length = SourceFile.sequenceLength(bytes, at: i)
        let expected = switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
        guard length == expected else { return (length, encoding == .utf8 ? 3 : 1) }  // one U+FFFD
        return (length, encoding == .utf8 ? length : (length == 4 ? 2 : 1))
    }

    /// The byte offset of `position`; a line past the end is the end of the
    /// file, a character past the line's end is the line's end (as LSP asks).
    func offset(_ position: LSPPosition) -> Int {
        guard position.line < source.lineStarts.count else { return source.bytes.count }
        let line = source.lineSpan(position.line)
        var offset = position.line == 0 ? min(line.end, max(line.start, bomLength)) : line.start
        var units = 0
        while offset < line.end, units < position.character {
            let c = character(at: offset)
            units += c.units
            offset = min(line.end, offset + c.bytes)
        }
        return offset
    }

    /// The position of `offset`. An offset inside a character is that
    /// character's start, or with `roundingUp` its end (a range's end).
    func position(_ offset: Int, roundingUp: Bool = false) -> LSPPosition {
        let offset = max(0, min(offset, source.bytes.count))
        let line = source.lineIndex(of: offset)
        var i = source.lineStarts[line]
        if line == 0 { i = min(offset, max(i, bomLength)) }
        var units = 0
        while i < offset {
            let c = character(at: i)
            if i + c.bytes > offset, !roundingUp { break }
            units += c.units
            i += c.bytes
        }
        return LSPPosition(line: line, character: units)
    }

    /// The range of `span`. A span of one or more bytes is never an empty
    /// range: one that covers no character shown (a BOM, a line's end) takes
    /// the character after its start, or the line break.
    func range(_ span: Span) -> JSON {
        let start = position(span.start)
        var end = position(max(span.start, span.end), roundingUp: true)
        if span.end > span.start, end == start {
            let line = source.lineSpan(start.line)
            if position(line.end).character > start.character {
                end.character += 1
            } else if start.line + 1 < source.lineStarts.count {
                end = LSPPosition(line: start.line + 1, character: 0)
            }
        }
        return .object([("start", start.json), ("end", end.json)])
    }

    /// Units of `encoding` in `bytes[span]`: a semantic token's length.
    func length(_ span: Span) -> Int {
        var units = 0
        var i = max(span.start, bomLength)
        while i < span.end {
            let c = character(at: i)
            units += c.units
            i += c.bytes
        }
        return units
    }
}

/// One document the client has opened: its text is the buffer, not the disk.
///
/// `text` is the client's text exactly as sent and edited (a lone CR stays a
/// CR, so an edit that puts an LF after it makes the CRLF the client has);
/// `source` is that text as a `SourceFile`, which checks it (lone CRs read as LFs,
/// one byte for one, so every offset is the same in both).
public struct TextDocument: Sendable {
    public var uri: String
    /// The file system path the URI names (the URI itself when it is not `file:`).
    public var path: String
    public var version: Int
    public private(set) var text: [UInt8]
    public private(set) var source: SourceFile

    init(uri: String, path: String, version: Int, text: [UInt8]) {
        self.uri = uri
        self.path = path
        self.version = version
        self.text = text
        self.source = SourceFile(name: path, bytes: text)
    }

    mutating func replaceText(_ bytes: [UInt8]) {
        text = bytes
        source = SourceFile(name: path, bytes: bytes)
    }

    /// Applies one `contentChanges` entry: a whole new text, or a range replaced.
    mutating func apply(_ change: JSON, encoding: PositionEncoding) -> Bool {
        guard let newText = change["text"]?.stringValue else { return false }
        guard let range = change["range"] else {
            replaceText(Array(newText.utf8))
            return true
        }
        guard let start = LSPPosition(range["start"]), let end = LSPPosition(range["end"]) else { return false }
        // Positions in `source` and `text` are the same bytes: a lone CR ends a line in both.
        let mapper = PositionMapper(source: source, encoding: encoding)
        let from = mapper.offset(start)
        let to = max(from, mapper.offset(end))
        var bytes = text
        bytes.replaceSubrange(from..<to, with: Array(newText.utf8))
        replaceText(bytes)
        return true
    }
}

/// `file:` URIs and paths, both ways (RFC 8089, percent-encoding as RFC 3986).
public enum FileURI {
    /// `/home/a/plan.plan` for `file:///home/a/plan.plan`; nil for another scheme.
    public static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = Array(uri.utf8.dropFirst("file://".count))
        // Drop an authority (`file://localhost/...`): the path starts at the next '/'.
        if let slash = rest.firstIndex(of: UInt8(ascii: "/")) { rest = Array(rest[slash...]) } else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < rest.count {
            if rest[i] == UInt8(ascii: "%"), i + 2 < rest.count, let high = hex(rest[i + 1]), let low = hex(rest[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(rest[i])
                i += 1
            }
        }
        return Path.normalize(String(decoding: out, as: UTF8.self))
    }

    public static func uri(_ path: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("file://".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The disk with the open buffers laid over it: the pipeline reads a plan's
/// includes and data through this, so an unsaved edit in an included file counts.
struct OverlayFiles: FileProvider {
    /// Open buffers by normalised path.
    var buffers: [String: [UInt8]]
    var disk: any FileProvider
    /// The plan being checked has no file path (an untitled document): a
    /// relative path names no file, rather than one in the server's folder.
    var refusesRelativePaths = false

    func read(_ path: String) -> Result<[UInt8], FileError> {
        if let bytes = buffers[Path.normalize(path)] { return .success(bytes) }
        if refusesRelativePaths, !path.hasPrefix("/") {
            return .failure(FileError("the plan is not saved to a file, so a relative path has no folder to be read from; save the plan first, or write the whole path"))
        }
        return disk.read(path)
    }

    func identity(_ path: String) -> String? {
        buffers[Path.normalize(path)] != nil || (refusesRelativePaths && !path.hasPrefix("/")) ? nil : disk.identity(path)
    }
}
