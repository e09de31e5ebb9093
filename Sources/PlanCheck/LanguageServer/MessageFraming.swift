/// The base protocol's framing: each JSON-RPC message is a header block
/// (`Content-Length: N`, optionally `Content-Type`, each line ending CRLF, then
/// an empty line) followed by exactly N bytes of JSON.
///
/// `next(in:)` is a pure function of the bytes received so far, so it can be
/// fuzzed (the reliability fuzz target feeds it arbitrary bytes): it never
/// traps, always makes progress on `.malformed`, and never reads past the end.
///
///     MessageFraming.next(in: Array("Content-Length: 2\r\n\r\n{}".utf8)[...])
///     // .message(body: [123, 125], consumed: 24)
public enum MessageFraming {
    /// A header block longer than this is malformed (`Limits.messageHeader`).
    public static let maxHeaderBytes = Limits.messageHeader
    /// A body longer than this is refused (`Limits.messageBody`, 256 MiB).
    public static let maxBodyBytes = Limits.messageBody

    /// What the bytes received so far hold at their start.
    public enum Frame: Sendable, Hashable {
        /// A whole message: its body and how many bytes (header and body) it used.
        case message(body: [UInt8], consumed: Int)
        /// Not enough bytes yet for a whole message.
        case incomplete
        /// The header cannot be read; drop `consumed` bytes (always at least 1)
        /// and try again from there.
        case malformed(reason: String, consumed: Int)
    }

    /// The first framed message in `bytes`, or why there is none yet.
    public static func next(in bytes: ArraySlice<UInt8>) -> Frame {
        let start = bytes.startIndex
        // Find the blank line that ends the header block.
        var headerEnd: Int?
        var i = start
        while i + 3 < bytes.endIndex {
            if bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D, bytes[i + 3] == 0x0A {
                headerEnd = i
                break
            }
            if i - start > maxHeaderBytes { break }
            i += 1
        }
        guard let headerEnd else {
            if bytes.count > maxHeaderBytes {
                return .malformed(reason: "no end to the message header in \(maxHeaderBytes) bytes",
                                  consumed: resyncPoint(bytes))
            }
            return .incomplete
        }
        let headerBytes = headerEnd - start
        let blockEnd = headerEnd + 4
        if headerBytes > maxHeaderBytes {
            return .malformed(reason: "the message header is longer than \(maxHeaderBytes) bytes", consumed: resyncPoint(bytes))
        }
        var length: Int?
        for line in bytes[start..<headerEnd].split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                // Garbage, or a header with a junk line: skip to the next
                // `Content-Length` (past this message's body, which belongs to no message).
                return .malformed(reason: "a header line without ':'", consumed: resyncPoint(bytes))
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            var value = line[(colon + 1)...]
            while value.first == 0x20 || value.first == 0x09 { value = value.dropFirst() }
            while value.last == 0x20 || value.last == 0x09 { value = value.dropLast() }
            if name == "content-length" {
                guard !value.isEmpty, value.count <= 12, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let n = Int(String(decoding: value, as: UTF8.self)) else {
                    return .malformed(reason: "Content-Length is not a number", consumed: resyncPoint(bytes))
                }
                length = n
            }
        }
        guard let length else {
            return .malformed(reason: "no Content-Length header", consumed: resyncPoint(bytes))
        }
        guard length <= maxBodyBytes else {
            return .malformed(reason: "Content-Length \(length) is more than the limit of \(maxBodyBytes)",
                              consumed: resyncPoint(bytes))
        }
        guard bytes.endIndex - blockEnd >= length else { return .incomplete }
        return .message(body: Array(bytes[blockEnd..<(blockEnd + length)]), consumed: blockEnd + length - start)
    }

    /// Where to look for the next header after garbage: the next `Content-Length`
    /// (case-insensitive) after the first byte, wherever it is (a bad message's
    /// body is skipped with its header), or all but a tail that may be the
    /// start of one still arriving. A run of garbage may so come as several
    /// malformed frames: the server answers the first (see `startsMessage`).
    static func resyncPoint(_ bytes: ArraySlice<UInt8>) -> Int {
        let needle = Array("content-length".utf8)
        var i = bytes.startIndex + 1
        while i + needle.count <= bytes.endIndex {
            var matched = true
            for j in 0..<needle.count {
                let b = bytes[i + j]
                let lower = (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b
                if lower != needle[j] {
                    matched = false
                    break
                }
            }
            if matched { return i - bytes.startIndex }
            i += 1
        }
        return max(1, bytes.count - needle.count)
    }

    /// Whether `bytes` start with a `Content-Length` header (case-insensitive):
    /// a malformed frame that does is a message of its own, one that does not
    /// is more of the garbage before it.
    public static func startsMessage(_ bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("content-length".utf8)
        guard bytes.count >= needle.count else { return false }
        return zip(bytes.prefix(needle.count), needle).allSatisfy { b, n in ((b >= 0x41 && b <= 0x5A) ? b + 0x20 : b) == n }
    }

    /// Every whole message in `bytes`, in order, with the reasons for any
    /// malformed stretches skipped; `rest` is the unread tail.
    public static func split(_ bytes: [UInt8]) -> (messages: [[UInt8]], malformed: [String], rest: Int) {
        var messages: [[UInt8]] = []
        var malformed: [String] = []
        var offset = 0
        loop: while offset < bytes.count {
            switch next(in: bytes[offset...]) {
            case .message(let body, let consumed):
                messages.append(body)
                offset += consumed
            case .malformed(let reason, let consumed):
                malformed.append(reason)
                offset += max(1, consumed)
            case .incomplete:
                break loop
            }
        }
        return (messages, malformed, offset)
    }

    /// A message framed for writing: header then body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    public static func frame(_ message: JSON) -> [UInt8] {
        frame(Array(message.render(pretty: false).utf8))
    }
}
