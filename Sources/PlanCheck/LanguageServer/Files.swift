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
struct PositionMapper {
    let source: SourceFile
    let encoding: PositionEncoding

    /// The byte offset of `position`; a line past the end is the end of the
    /// file, a character past the line's end is the line's end (as LSP asks).
    func offset(_ position: LSPPosition) -> Int {
        guard position.line < source.lineStarts.count else { return source.bytes.count }
        let line = source.lineSpan(position.line)
        var offset = line.start
        var units = 0
        let bytes = source.bytes
        while offset < line.end, units < position.character {
            let width = Self.sequenceLength(bytes[offset])
            units += encoding == .utf8 ? width : (width == 4 ? 2 : 1)
            offset = min(line.end, offset + width)
        }
        return offset
    }

    func position(_ offset: Int) -> LSPPosition {
        let offset = max(0, min(offset, source.bytes.count))
        let line = source.lineIndex(of: offset)
        let start = source.lineStarts[line]
        if encoding == .utf8 { return LSPPosition(line: line, character: offset - start) }
        var units = 0
        var i = start
        let bytes = source.bytes
        while i < offset {
            let width = Self.sequenceLength(bytes[i])
            units += width == 4 ? 2 : 1
            i += width
        }
        return LSPPosition(line: line, character: units)
    }

    func range(_ span: Span) -> JSON {
        .object([("start", position(span.start).json), ("end", position(max(span.start, span.end)).json)])
    }

    /// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }

    /// Units of `encoding` in `bytes[span]`: a semantic token's length.
    func length(_ span: Span) -> Int {
        if encoding == .utf8 { return span.length }
        var units = 0
        var i = span.start
        while i < span.end {
            let width = Self.sequenceLength(source.bytes[i])
            units += width == 4 ? 2 : 1
            i += width
        }
        return units
    }
}

/// One document the client has opened: its text is the buffer, not the disk.
public struct TextDocument: Sendable {
    public var uri: String
    /// The file system path the URI names (the URI itself when it is not `file:`).
    public var path: String
    public var version: Int
    public var source: SourceFile

    /// Applies one `contentChanges` entry: a whole new text, or a range replaced.
    mutating func apply(_ change: JSON, encoding: PositionEncoding) -> Bool {
        guard let text = change["text"]?.stringValue else { return false }
        guard let range = change["range"] else {
            source = SourceFile(name: path, bytes: Array(text.utf8))
            return true
        }
        guard let start = LSPPosition(range["start"]), let end = LSPPosition(range["end"]) else { return false }
        let mapper = PositionMapper(source: source, encoding: encoding)
        let from = mapper.offset(start)
        let to = max(from, mapper.offset(end))
        var bytes = source.bytes
        bytes.replaceSubrange(from..<to, with: Array(text.utf8))
        source = SourceFile(name: path, bytes: bytes)
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

    func read(_ path: String) -> Result<[UInt8], FileError> {
        if let bytes = buffers[Path.normalize(path)] { return .success(bytes) }
        return disk.read(path)
    }

    func identity(_ path: String) -> String? {
        buffers[Path.normalize(path)] != nil ? nil : disk.identity(path)
    }
}
