/// One field of a CSV record: where it sits in the file, never a copy of it.
///
/// The scan only records spans; the value (quotes stripped, `""` turned back
/// into `"`) is produced on demand by `CSVReader.text(of:)` or, without
/// building a `String`, by `CSVReader.withValueBytes(of:_:)`.
///
///     // bytes:  2.3,"Ofsted ""good""",86
///     // fields[1].span covers `"Ofsted ""good"""` (quotes included),
///     // quoted == true, hasEscapedQuotes == true
///     reader.text(of: record.fields[1])   // Ofsted "good"
public struct CSVField: Sendable, Hashable {
    /// The field as written. A quoted field's span runs from its opening to its
    /// closing quote (spaces outside the quotes are not part of it); an unquoted
    /// field's span keeps any surrounding spaces, which its value trims.
    public var span: Span
    public var quoted: Bool
    /// A quoted field holding `""`, so its value is not simply the bytes
    /// between the quotes and must be unescaped.
    public var hasEscapedQuotes: Bool

    public init(span: Span, quoted: Bool, hasEscapedQuotes: Bool) {
        self.span = span
        self.quoted = quoted
        self.hasEscapedQuotes = hasEscapedQuotes
    }
}

/// One row of a CSV file. Field counts are not checked here: a short or long
/// row is the data loader's business, which knows the header.
///
///     // bytes:  measure,date\n2.3,2013-07\n
///     // records[1].line == 2, records[1].fields.count == 2
public struct CSVRecord: Sendable, Hashable {
    public var fields: [CSVField]
    /// 1-based line on which the record starts. LF, CRLF and a lone CR each end
    /// a line, also inside quoted fields, as an editor counts them. (For files
    /// with lone-CR line ends this differs from `SourceFile`'s table, which
    /// counts LF only; use spans for diagnostics, as usual.)
    public var line: Int
    /// From the first byte of the first field to the end of the last, without
    /// the line terminator.
    public var span: Span

    public init(fields: [CSVField], line: Int, span: Span) {
        self.fields = fields
        self.line = line
        self.span = span
    }
}

/// Reads RFC 4180 CSV from UTF-8 bytes into records of byte spans.
///
/// Made for data files of a million rows: one pass over the bytes, no `String`
/// per field, and unescaping only for quoted fields that hold `""`. It never
/// throws and never stops at the first problem; malformed records are reported
/// as `.csvSyntax` diagnostics and skipped.
///
///     var reader = CSVReader(bytes: Array("measure,value\n2.3,\"82.5%\"\n".utf8), file: FileID(0))
///     let (records, diagnostics) = reader.readAll()
///     reader.text(of: records[1].fields[1])   // 82.5%
///
/// What it accepts:
/// - an optional UTF-8 byte order mark at the start;
/// - LF, CRLF or a lone CR ending a record; the last record may lack one;
/// - quoted fields holding commas, doubled quotes and line breaks;
/// - spaces and tabs around a field: trimmed from an unquoted field's value,
///   and allowed before an opening or after a closing quote (a small leniency
///   over RFC 4180 for hand-written files: `a, "b, c" ,d` has three fields).
///
/// Truly empty lines are skipped; a line holding only spaces is a record with
/// one empty field. An empty file has no records.
///
/// What it reports (and then resumes at the next line, dropping the record):
/// - a quote inside an unquoted field, at the quote;
/// - text after a closing quote, before the next comma or line end, at that text;
/// - a quoted field never closed, at its opening quote. Reading resumes on the
///   line after that quote. (A second unclosed quote cannot follow: every quote
///   after the first comes in pairs, or it would have closed the field.)
/// After `syntaxErrorLimit` such errors, one `.tooManyErrors` diagnostic says the
/// rest are not reported; records are still read.
public struct CSVReader: Sendable {
    public let bytes: [UInt8]
    public let file: FileID

    /// At most this many `.csvSyntax` diagnostics per file.
    public static let syntaxErrorLimit = Limits.csvSyntaxErrors

    public init(bytes: [UInt8], file: FileID) {
        self.bytes = bytes
        self.file = file
    }

    /// Reads every record from the start of the bytes; calling it again reads
    /// them again.
    public mutating func readAll() -> (records: [CSVRecord], diagnostics: [Diagnostic]) {
        var records: [CSVRecord] = []
        let diagnostics = forEachRecord(reserving: { records.reserveCapacity($0) }) { records.append($0) }
        return (records, diagnostics)
    }

    /// Reads the records one at a time, in order, handing each to `body`
    /// without keeping it: a million-row file costs one record's memory, not
    /// a million. The record's `fields` array is reused for the next record
    /// unless `body` keeps a copy. Returns the syntax diagnostics.
    ///
    ///     var rows = 0
    ///     let diagnostics = reader.forEachRecord { rows += $0.fields.isEmpty ? 0 : 1 }
    public func forEachRecord(_ body: (CSVRecord) -> Void) -> [Diagnostic] {
        forEachRecord(reserving: nil, body)
    }

    /// The same, first offering each line of unquoted fields to `plain` as a
    /// `PlainRow`, straight off the bytes: a reader that takes the common row
    /// that way returns true, and no `CSVRecord` is made for it. A line that
    /// `plain` declines, or that quotes a field, goes to `body` as usual.
    func forEachRecord(plain: (PlainRow) -> Bool, _ body: (CSVRecord) -> Void) -> [Diagnostic] {
        let file = self.file
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer, file: file)
            withoutActuallyEscaping(plain) { scanner.scan(reserving: nil, plain: $0, body) }
            return scanner.diagnostics
        }
    }

    private func forEachRecord(reserving: ((Int) -> Void)?, _ body: (CSVRecord) -> Void) -> [Diagnostic] {
        let file = self.file
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer, file: file)
            scanner.scan(reserving: reserving, body)
            return scanner.diagnostics
        }
    }

    /// The field's value as text: quotes stripped, `""` read as `"`, spaces and
    /// tabs around an unquoted field trimmed. Invalid UTF-8 becomes U+FFFD.
    public func text(of field: CSVField) -> String {
        withValueBytes(of: field) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the field's value bytes (the same value as
    /// `text(of:)`), for comparing or parsing numbers without a `String`.
    ///
    /// The buffer points into `bytes`, except for a quoted field with `""`,
    /// whose unescaped copy lives in temporary storage (on the stack when
    /// small). Either way it is valid only during `body`. A span outside
    /// `bytes` is clamped, so a field from another file cannot crash it.
    ///
    ///     let isBaseline = reader.withValueBytes(of: field) { $0.elementsEqual("baseline".utf8) }
    public func withValueBytes<R>(of field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            var start = max(0, min(field.span.start, all.count))
            var end = max(start, min(field.span.end, all.count))
            if field.quoted {
                if end - start >= 2 {
                    start += 1
                    end -= 1
                } else {
                    start = end
                }
                if field.hasEscapedQuotes, end > start {
                    let (from, to) = (start, end)
                    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: to - from) { scratch in
                        var count = 0
                        var i = from
                        while i < to {
                            let byte = all[i]
                            scratch[count] = byte
                            count += 1
                            i += byte == CSVByte.quote && i + 1 < to && all[i + 1] == CSVByte.quote ? 2 : 1
                        }
                        return body(UnsafeBufferPointer(rebasing: scratch[0..<count]))
                    }
                }
            } else {
                while start < end, CSVByte.isBlank(all[start]) { start += 1 }
                while end > start, CSVByte.isBlank(all[end - 1]) { end -= 1 }
            }
            return body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }
}

/// A line of unquoted fields, as the scanner found it: where each field ends,
/// with no copy and no record. Valid only during the call it is passed to.
struct PlainRow {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the line's first field starts.
    let start: Int
    /// Where each field ends (at its comma, or at the line's end).
    let ends: UnsafeBufferPointer<Int>

    var count: Int { ends.count }

    /// Field `k` as written, spaces included: its span, as `CSVField`'s.
    @inline(__always)
    func span(_ k: Int) -> Span { Span(start: k == 0 ? start : ends[k - 1] + 1, end: ends[k]) }

    /// Field `k`'s value: trimmed of spaces and tabs, as `withValueBytes` gives it.
    @inline(__always)
    func value(_ k: Int) -> Range<Int> {
        var low = k == 0 ? start : ends[k - 1] + 1
        var high = ends[k]
        while low < high, CSVByte.isBlank(bytes[low]) { low += 1 }
        while high > low, CSVByte.isBlank(bytes[high - 1]) { high -= 1 }
        return low..<high
    }
}

/// The bytes the CSV grammar cares about.
private enum CSVByte {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// Bit `b` set for each byte `b` that ends an unquoted field's run of plain
    /// bytes: LF, CR, quote, comma. All are below 64, so one shift tests a byte.
    static let specialMask: UInt64 = 1 << 10 | 1 << 13 | 1 << 34 | 1 << 44

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 && (specialMask >> UInt64(byte)) & 1 != 0
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    @inline(__always)
    static func isLineEnd(_ byte: UInt8) -> Bool { byte == lf || byte == cr }
}

/// The wording of the reader's diagnostics, kept together so they read alike.
private enum CSVMessage {
    static let unterminatedQuote = "quoted field is never closed"
    static let unterminatedQuoteHelp =
        "end the field with a closing \"; a quote inside a quoted field is written twice (\"\")"
    static let strayQuote = "quote inside a field that does not start with a quote"
    static let strayQuoteHelp =
        "put the whole field in quotes and write the quote twice, e.g. \"12\"\" pipe\""
    static let textAfterQuote = "text after the closing quote of a field"
    static let textAfterQuoteHelp =
        "a closing quote must be followed by a comma or the end of the line; a quote inside a quoted field is written twice (\"\")"
    static let tooManyErrors = "too many CSV syntax errors; the rest in this file are not reported"
}

/// The cursor behind `CSVReader.readAll()`: a position in the bytes, the line it
/// is on, and what has been read so far.
private struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let file: FileID
    var position = 0
    var line = 1
    var diagnostics: [Diagnostic] = []
    /// The fields of the record being read, reused from record to record.
    var fields: [CSVField] = []
    var syntaxErrors = 0
    var resumedAfterUnterminatedQuote = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: FileID) {
        self.bytes = bytes
        self.count = bytes.count
        self.file = file
    }

    /// Hands each record to `body`. `reserving`, if given, is told how many
    /// records there are at most, before the first: sizing an array that keeps them
    /// up front matters (growing it a million times over, among a million
    /// small field arrays, measured 4x slower).
    mutating func scan(reserving: ((Int) -> Void)?, plain: ((PlainRow) -> Bool)? = nil,
                       _ body: (CSVRecord) -> Void) {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
        reserving?(estimatedRecordCount())
        fields.reserveCapacity(8)
        let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: CSVScanner.plainFieldLimit)
        defer { ends.deallocate() }
        while position < count {
            if CSVByte.isLineEnd(bytes[position]) {
                consumeLineEnd()  // an empty line
            } else if let plain, let fieldCount = plainLine(into: ends),
                      plain(PlainRow(bytes: bytes, start: position, ends: UnsafeBufferPointer(rebasing: ends[..<fieldCount]))) {
                position = ends[fieldCount - 1]
                consumeLineEnd()
            } else if let record = readRecord() {
                body(record)
            }
            // Every step above consumes at least one byte.
        }
    }

    /// The most fields a plain line may have; a longer line is read as a record.
    static let plainFieldLimit = 16

    /// Finds where each field of the line at `position` ends, if no field is
    /// quoted and there are at most `plainFieldLimit`: the field count, or nil.
    /// Each eight bytes are tested once (`CSVScan.specialMarks`) and their
    /// marks taken in order: a field of a few bytes costs no scan of its own.
    private func plainLine(into ends: UnsafeMutableBufferPointer<Int>) -> Int? {
        var fieldCount = 0
        // One special byte at `at`: a comma ends a field and goes on; a line
        // end ends the last; a quote (or a field too many) sends the line to
        // `readRecord`.
        @inline(__always)
        func take(_ at: Int) -> (done: Bool, count: Int?) {
            let byte = bytes[at]
            guard byte != CSVByte.quote, fieldCount < ends.count else { return (true, nil) }
            ends[fieldCount] = at
            fieldCount += 1
            return byte == CSVByte.comma ? (false, nil) : (true, fieldCount)
        }
        var i = position
        if let base = bytes.baseAddress {
            while i + 8 <= count {
                var marks = CSVScan.specialMarks(ByteWord.load(base, i))
                while marks != 0 {
                    let step = take(i + ByteWord.first(marks))
                    if step.done { return step.count }
                    marks &= marks &- 1
                }
                i += 8
            }
        }
        while i < count {
            if CSVByte.isSpecial(bytes[i]) {
                let step = take(i)
                if step.done { return step.count }
            }
            i += 1
        }
        // The file ends without a line end: so does the last field.
        guard fieldCount < ends.count else { return nil }
        ends[fieldCount] = count
        return fieldCount + 1
    }

    func nextSpecial(from start: Int) -> Int { CSVScan.nextSpecial(bytes, from: start) }

    /// At least the number of records: one more than the count of LF (or of
    /// CR, for lone-CR files). A tight loop that the compiler vectorizes.
    private func estimatedRecordCount() -> Int {
        var lineFeeds = 0
        var carriageReturns = 0
        for byte in bytes {
            lineFeeds &+= byte == CSVByte.lf ? 1 : 0
            carriageReturns &+= byte == CSVByte.cr ? 1 : 0
        }
        return max(lineFeeds, carriageReturns) + 1
    }

    /// Reads the record starting at `position` (not at a line end), through its
    /// line terminator. A malformed record is reported and skipped (nil).
    private mutating func readRecord() -> CSVRecord? {
        let start = position
        let startLine = line
        fields.removeAll(keepingCapacity: true)
        while true {
            guard let field = readField() else { return nil }
            fields.append(field)
            if position < count, bytes[position] == CSVByte.comma {
                position += 1
                continue
            }
            break
        }
        let record = CSVRecord(fields: fields, line: startLine, span: Span(start: start, end: position))
        consumeLineEnd()
        return record
    }

    /// Reads one field, leaving `position` at the comma, line end or end of
    /// input after it. Returns nil after reporting an error and skipping to the
    /// next record.
    private mutating func readField() -> CSVField? {
        let start = position
        var i = position
        while i < count, CSVByte.isBlank(bytes[i]) { i += 1 }
        if i < count, bytes[i] == CSVByte.quote {
            position = i
            return readQuotedField()
        }
        i = nextSpecial(from: i)
        if i < count, bytes[i] == CSVByte.quote {
            report(CSVMessage.strayQuote, Span(start: i, end: i + 1), help: CSVMessage.strayQuoteHelp)
            position = i
            skipRestOfLine()
            return nil
        }
        position = i
        return CSVField(span: Span(start: start, end: i), quoted: false, hasEscapedQuotes: false)
    }

    /// Reads a quoted field whose opening quote is at `position`.
    private mutating func readQuotedField() -> CSVField? {
        let open = position
        let openLine = line
        var escaped = false
        var i = open + 1
        while true {
            guard i < count else {
                unterminatedQuote(at: open, line: openLine)
                return nil
            }
            let byte = bytes[i]
            if byte > CSVByte.quote {  // LF, CR and quote are all below
                i += 1
                continue
            }
            if byte == CSVByte.quote {
                if i + 1 < count, bytes[i + 1] == CSVByte.quote {
                    escaped = true
                    i += 2
                    continue
                }
                break
            }
            if byte == CSVByte.lf || (byte == CSVByte.cr && !(i + 1 < count && bytes[i + 1] == CSVByte.lf)) {
                line += 1
            }
            i += 1
        }
        let field = CSVField(span: Span(start: open, end: i + 1), quoted: true, hasEscapedQuotes: escaped)
        i += 1
        while i < count, CSVByte.isBlank(bytes[i]) { i += 1 }
        if i < count, bytes[i] != CSVByte.comma, !CSVByte.isLineEnd(bytes[i]) {
            var end = i
            while end < count, bytes[end] != CSVByte.comma, !CSVByte.isLineEnd(bytes[end]) { end += 1 }
            report(CSVMessage.textAfterQuote, Span(start: i, end: end), help: CSVMessage.textAfterQuoteHelp)
            position = end
            skipRestOfLine()
            return nil
        }
        position = i
        return field
    }

    /// The quote at `open` runs to the end of input. Report it, then read on
    /// from the next line as if it were not there. That can happen only once
    /// (see `CSVReader`); the guard keeps the scan linear should it not.
    private mutating func unterminatedQuote(at open: Int, line openLine: Int) {
        report(CSVMessage.unterminatedQuote, Span(start: open, end: open + 1), help: CSVMessage.unterminatedQuoteHelp)
        if resumedAfterUnterminatedQuote {
            position = count
            return
        }
        resumedAfterUnterminatedQuote = true
        position = open + 1
        line = openLine
        skipRestOfLine()
    }

    /// Skips to the next line end, ignoring quotes, and past it.
    private mutating func skipRestOfLine() {
        while position < count, !CSVByte.isLineEnd(bytes[position]) { position += 1 }
        consumeLineEnd()
    }

    /// Steps over one LF, CRLF or lone CR at `position`, if there is one.
    private mutating func consumeLineEnd() {
        guard position < count else { return }
        let byte = bytes[position]
        if byte == CSVByte.lf {
            position += 1
            line += 1
        } else if byte == CSVByte.cr {
            position += 1
            if position < count, bytes[position] == CSVByte.lf { position += 1 }
            line += 1
        }
    }

    private mutating func report(_ message: String, _ span: Span, help: String) {
        syntaxErrors += 1
        let location = Location(file: file, span: span)
        if syntaxErrors <= CSVReader.syntaxErrorLimit {
            diagnostics.append(Diagnostic(.csvSyntax, message, at: location, help: help))
        } else if syntaxErrors == CSVReader.syntaxErrorLimit + 1 {
            diagnostics.append(Diagnostic(.tooManyErrors, CSVMessage.tooManyErrors, at: location))
        }
    }
}

/// The scanner's search for the end of a field's plain bytes.
enum CSVScan {
    /// The offset of the first special byte (LF, CR, quote, comma) at or after
    /// `start`, or `count`, eight bytes at a time (`ByteWord`).
    static func nextSpecial(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var i = start
        if let base = bytes.baseAddress {
            while i + 8 <= count {
                let marks = specialMarks(ByteWord.load(base, i))
                if marks != 0 { return i + ByteWord.first(marks) }
                i += 8
            }
        }
        while i < count, !CSVByte.isSpecial(bytes[i]) { i += 1 }
        return i
    }

    /// The special bytes (LF, CR, quote, comma) of the word `w`, marked as
    /// `ByteWord` marks them.
    @inline(__always)
    static func specialMarks(_ w: UInt64) -> UInt64 {
        ByteWord.equal(w, CSVByte.lf) | ByteWord.equal(w, CSVByte.cr)
            | ByteWord.equal(w, CSVByte.quote) | ByteWord.equal(w, CSVByte.comma)
    }

    static func isSpecial(_ byte: UInt8) -> Bool { CSVByte.isSpecial(byte) }
}
