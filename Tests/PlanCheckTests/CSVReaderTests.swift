import Testing
@testable import PlanCheck

/// Reads `text` and returns the records, diagnostics and the reader (for values).
private func read(_ text: String) -> (records: [CSVRecord], diagnostics: [Diagnostic], reader: CSVReader) {
    read(Array(text.utf8))
}

private func read(_ bytes: [UInt8]) -> (records: [CSVRecord], diagnostics: [Diagnostic], reader: CSVReader) {
    var reader = CSVReader(bytes: bytes, file: FileID(0))
    let (records, diagnostics) = reader.readAll()
    return (records, diagnostics, reader)
}

private func values(_ records: [CSVRecord], _ reader: CSVReader) -> [[String]] {
    records.map { $0.fields.map { reader.text(of: $0) } }
}

/// Input that is valid CSV and the values it holds.
struct ValidCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let expected: [[String]]
    var testDescription: String { name }
}

let validCases: [ValidCase] = [
    ValidCase(name: "simple rows", input: "a,b,c\n1,2,3\n", expected: [["a", "b", "c"], ["1", "2", "3"]]),
    ValidCase(name: "no trailing newline", input: "a,b\n1,2", expected: [["a", "b"], ["1", "2"]]),
    ValidCase(name: "empty file", input: "", expected: []),
    ValidCase(name: "only newlines", input: "\n\r\n\r\n", expected: []),
    ValidCase(name: "blank lines skipped", input: "a\n\nb\n\n", expected: [["a"], ["b"]]),
    ValidCase(name: "CRLF", input: "a,b\r\n1,2\r\n", expected: [["a", "b"], ["1", "2"]]),
    ValidCase(name: "CRLF blank line", input: "a\r\n\r\nb", expected: [["a"], ["b"]]),
    ValidCase(name: "lone CR", input: "a,b\r1,2\r", expected: [["a", "b"], ["1", "2"]]),
    ValidCase(name: "BOM", input: "\u{FEFF}measure,value\n2.3,86\n", expected: [["measure", "value"], ["2.3", "86"]]),
    ValidCase(name: "BOM only", input: "\u{FEFF}", expected: []),
    ValidCase(name: "quoted comma", input: "\"x,y\",z\n", expected: [["x,y", "z"]]),
    ValidCase(name: "doubled quotes", input: "\"say \"\"hi\"\"\",2\n", expected: [["say \"hi\"", "2"]]),
    ValidCase(name: "only a doubled quote", input: "\"\"\"\"\n", expected: [["\""]]),
    ValidCase(name: "empty quoted", input: "\"\",a\n", expected: [["", "a"]]),
    ValidCase(name: "newline in quotes", input: "\"line1\nline2\",x\n", expected: [["line1\nline2", "x"]]),
    ValidCase(name: "CRLF in quotes", input: "\"a\r\nb\"\r\n", expected: [["a\r\nb"]]),
    ValidCase(name: "empty fields", input: "a,,c\n,\n", expected: [["a", "", "c"], ["", ""]]),
    ValidCase(name: "trailing comma", input: "a,b,\n", expected: [["a", "b", ""]]),
    ValidCase(name: "trailing comma at end", input: "a,b,", expected: [["a", "b", ""]]),
    ValidCase(name: "unquoted trimmed", input: " a ,\tb\t\n", expected: [["a", "b"]]),
    ValidCase(name: "quoted keeps spaces", input: "\" a \",b\n", expected: [[" a ", "b"]]),
    ValidCase(name: "spaces around quotes", input: "a, \"b,c\" ,d\n", expected: [["a", "b,c", "d"]]),
    ValidCase(name: "whitespace line is a record", input: "a\n  \nb\n", expected: [["a"], [""], ["b"]]),
    ValidCase(name: "quoted at end of input", input: "a,\"x\"", expected: [["a", "x"]]),
    ValidCase(name: "NUL byte", input: "a\u{0}b,c\n", expected: [["a\u{0}b", "c"]]),
    ValidCase(name: "non-ASCII", input: "Évaluation,“ok”\n", expected: [["Évaluation", "“ok”"]]),
    ValidCase(
        name: "ragged rows are fine", input: "a,b,c\n1\n1,2,3,4\n",
        expected: [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]),
]

@Test("valid CSV", arguments: validCases)
func readsValidCSV(_ c: ValidCase) {
    let (records, diagnostics, reader) = read(c.input)
    #expect(diagnostics.isEmpty)
    #expect(values(records, reader) == c.expected)
}

/// The line of every record, for the same data with each kind of line end.
@Test("record lines after quoted newlines", arguments: ["\n", "\r\n", "\r"])
func recordLines(_ newline: String) {
    let input = ["h,v", "\"a", "b", "c\",1", "x,2", "", "y,3", ""].joined(separator: newline)
    let (records, diagnostics, reader) = read(input)
    #expect(diagnostics.isEmpty)
    #expect(records.map(\.line) == [1, 2, 5, 7])
    #expect(reader.text(of: records[1].fields[0]) == ["a", "b", "c"].joined(separator: newline))
}

@Test func fieldSpansAndFlags() {
    let input = "ab, \"c\"\"d\" ,\"e\"\n"
    let (records, _, reader) = read(input)
    let fields = records[0].fields
    #expect(fields[0] == CSVField(span: Span(start: 0, end: 2), quoted: false, hasEscapedQuotes: false))
    #expect(fields[1] == CSVField(span: Span(start: 4, end: 10), quoted: true, hasEscapedQuotes: true))
    #expect(fields[2] == CSVField(span: Span(start: 12, end: 15), quoted: true, hasEscapedQuotes: false))
    #expect(records[0].span == Span(start: 0, end: 15))
    #expect(reader.text(of: fields[1]) == "c\"d")
}

@Test func valueBytesMatchText() {
    let (records, _, reader) = read(" 86% ,\"a\"\"b\",\"\",x\n")
    for field in records[0].fields {
        let bytes = reader.withValueBytes(of: field) { Array($0) }
        #expect(bytes == Array(reader.text(of: field).utf8))
    }
    #expect(reader.withValueBytes(of: records[0].fields[0]) { $0.elementsEqual("86%".utf8) })
}

/// Input with one syntax error, where it is, and the values still read.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let line: Int
    let column: Int
    let expected: [[String]]
    var testDescription: String { name }
}

let errorCases: [ErrorCase] = [
    ErrorCase(name: "unterminated quote", input: "a,b\n\"oops,c\nd,e\n", line: 2, column: 1, expected: [["a", "b"], ["d", "e"]]),
    ErrorCase(name: "unterminated at end", input: "x,\"abc", line: 1, column: 3, expected: []),
    ErrorCase(name: "lone quote at EOF", input: "a\n\"", line: 2, column: 1, expected: [["a"]]),
    ErrorCase(name: "stray quote", input: "a,b\"c,d\ne,f\n", line: 1, column: 4, expected: [["e", "f"]]),
    ErrorCase(name: "stray quote line 2", input: "h\nab\"\nc", line: 2, column: 3, expected: [["h"], ["c"]]),
    ErrorCase(name: "text after quote", input: "\"a\"b,c\nd\n", line: 1, column: 4, expected: [["d"]]),
    ErrorCase(name: "text after multi-line quote", input: "\"a\nb\"x\nc\n", line: 2, column: 3, expected: [["c"]]),
    ErrorCase(name: "text after quote, CRLF", input: "1,\"é\" z\r\n2\r\n", line: 1, column: 7, expected: [["2"]]),
]

@Test("syntax errors", arguments: errorCases)
func reportsSyntaxErrors(_ c: ErrorCase) {
    let bytes = Array(c.input.utf8)
    let (records, diagnostics, reader) = read(bytes)
    #expect(diagnostics.count == 1)
    guard let diagnostic = diagnostics.first else { return }
    #expect(diagnostic.code == .csvSyntax)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.file == FileID(0))
    let position = SourceFile(name: "data.csv", bytes: bytes).position(of: diagnostic.location.span.start)
    #expect(position.line == c.line)
    #expect(position.column == c.column)
    #expect(values(records, reader) == c.expected)
}

@Test func recordLineAfterUnterminatedQuote() {
    let (records, _, _) = read("a\n\"b\nc\nd\n")
    #expect(records.map(\.line) == [1, 3, 4])
}

@Test func syntaxErrorsAreCapped() {
    let input = String(repeating: "a\"b\n", count: CSVReader.syntaxErrorLimit + 50) + "ok\n"
    let (records, diagnostics, reader) = read(input)
    #expect(diagnostics.count == CSVReader.syntaxErrorLimit + 1)
    #expect(diagnostics.last?.code == .tooManyErrors)
    #expect(values(records, reader) == [["ok"]])
}

@Test func largeQuotedField() {
    let big = String(repeating: "x\"\"y,\n", count: 200_000)  // 1.2 MB between the quotes
    let (records, diagnostics, reader) = read("\"" + big + "\",1\nnext\n")
    #expect(diagnostics.isEmpty)
    #expect(records.count == 2)
    #expect(records[1].line == 200_002)
    #expect(reader.text(of: records[0].fields[0]).utf8.count == 1_000_000)
}

/// A fixed-seed xorshift generator, so the random inputs are the same every run.
private struct XorShift {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

@Test func randomBytesNeverCrash() {
    var random = XorShift(state: 0x9E37_79B9_7F4A_7C15)
    // Mostly the bytes CSV cares about, plus NUL, a BOM start and invalid UTF-8.
    let alphabet: [UInt8] = Array("\",\r\n a1".utf8) + [0x00, 0xEF, 0xBB, 0xBF, 0xFF, 0xC3]
    for _ in 0..<500 {
        let length = Int(random.next() % 120)
        let bytes = (0..<length).map { _ in
            random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
        let (records, diagnostics, reader) = read(bytes)
        var previousEnd = 0
        for record in records {
            #expect(record.span.start >= previousEnd && record.span.end <= bytes.count)
            #expect(record.line >= 1)
            previousEnd = record.span.end
            for field in record.fields {
                #expect(field.span.start >= record.span.start && field.span.end <= record.span.end)
                let text = reader.text(of: field)
                let value = reader.withValueBytes(of: field) { Array($0) }
                #expect(String(decoding: value, as: UTF8.self) == text)
            }
        }
        for diagnostic in diagnostics {
            #expect(diagnostic.location.span.start >= 0 && diagnostic.location.span.end <= bytes.count)
        }
    }
}

/// Writes random values as CSV (quoting when RFC 4180 needs it, with a random
/// line end) and reads them back unchanged.
@Test func roundTripsRandomValues() {
    var random = XorShift(state: 0x2545_F491_4F6C_DD1D)
    let pieces = ["a", "7", "é", " ", "\"", ",", "\n", "\r", "\r\n", "\t", ""]
    let newlines = ["\n", "\r\n", "\r"]
    for _ in 0..<200 {
        var expected: [[String]] = []
        var text = random.next() % 2 == 0 ? "\u{FEFF}" : ""
        for _ in 0..<Int(random.next() % 5) {
            let record = (0...Int(random.next() % 4)).map { _ in
                (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            let encoded = record.map { value -> String in
                let plain = !value.isEmpty && !value.utf8.contains { Array("\",\r\n".utf8).contains($0) }
                    && value.first != " " && value.first != "\t" && value.last != " " && value.last != "\t"
                if plain || (value.isEmpty && record.count > 1) { return value }
                return "\"" + value.replacing("\"", with: "\"\"") + "\""
            }
            text += encoded.joined(separator: ",") + newlines[Int(random.next() % 3)]
            expected.append(record)
        }
        let (records, diagnostics, reader) = read(text)
        #expect(diagnostics.isEmpty, "\(text.debugDescription)")
        #expect(values(records, reader) == expected, "\(text.debugDescription)")
    }
}

/// A cell's key read as two words is the key read byte by byte, for every
/// length, near the buffer's end too (where the words would run past it).
@Test func shortKeysReadAsWordsMatchKeysReadByBytes() {
    let bytes = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    bytes.withUnsafeBufferPointer { buffer in
        for start in 0...buffer.count {
            for count in 0...16 where start + count <= buffer.count {
                let range = start..<(start + count)
                let bytewise = ShortBytes(UnsafeBufferPointer(rebasing: buffer[range]))
                #expect(ShortBytes.of(buffer, range) == bytewise, "\(range)")
                #expect((bytewise == nil) == (count > 15))
            }
        }
    }
}
