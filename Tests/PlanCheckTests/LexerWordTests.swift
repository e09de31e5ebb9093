import Testing
@testable import PlanCheck

/// The lexer skips the plain bytes of a string or comment eight at a time;
/// it must stop exactly where a byte-by-byte scan would.
@Suite struct LexerWordTests {
    @Test func plainRunsEndWhereAByteScanEnds() {
        var random = SeededGenerator(seed: 7)
        // Every byte value at every position of a word, in a run of plain text.
        for value in 0...255 {
            for at in 0..<19 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 19)
                bytes[at] = UInt8(value)
                check(bytes, from: 0)
            }
        }
        // Random text, mostly plain, from every start.
        for _ in 0..<300 {
            let count = Int.random(in: 0...70, using: &random)
            let bytes = (0..<count).map { _ -> UInt8 in
                Int.random(in: 0..<10, using: &random) == 0 ? UInt8.random(in: 0...255, using: &random)
                    : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            for start in 0...count { check(bytes, from: start) }
        }
    }

    func check(_ bytes: [UInt8], from start: Int) {
        var expected = start
        while expected < bytes.count, Lexer.isPlain(bytes[expected]) { expected += 1 }
        let found = bytes.withUnsafeBufferPointer { Lexer.plainEnd($0, from: start, to: $0.count) }
        #expect(found == expected, "\(bytes) from \(start)")
    }

    /// A word is packed with two loads when 16 bytes follow its start, and
    /// byte by byte at a file's end: both must find every keyword, in any
    /// company, and nothing else.
    @Test func keywordsAreFoundWhereverTheWordSits() {
        var random = SeededGenerator(seed: 11)
        var words = Keyword.allCases.filter { $0 != .none }.map { Array($0.text.utf8) }
        for _ in 0..<2000 {
            words.append((0..<Int.random(in: 1...18, using: &random)).map { _ in
                UInt8.random(in: UInt8(ascii: "a")...UInt8(ascii: "z"), using: &random)
            })
        }
        for word in words {
            let expected = Keyword.allCases.first { $0 != .none && Array($0.text.utf8) == word } ?? .none
            let middle = Array("xy ".utf8) + word + Array(" after the word, more than sixteen bytes".utf8)
            let end = Array("xy ".utf8) + word
            for bytes in [middle, end] {
                let found = bytes.withUnsafeBufferPointer { Keyword.lookup($0, 3, 3 + word.count) }
                #expect(found == expected, "\(String(decoding: word, as: UTF8.self))")
            }
        }
    }

    /// A completion date in a data row is tried on a copy of the parser and
    /// kept only if the trial found nothing wrong, even once the findings
    /// kept have reached their cap (or the line already has one): a data
    /// entry reads the same after a thousand errors as alone.
    @Test func aTrialParseSeesFindingsPastTheCap() {
        let entry = "data m1\n  2013-11 30 Septmber 2013\n  2013-12 30 September 2013\n"
        func rows(_ text: String) -> [DataRow] {
            let rows = Parser.parse(SourceFile(name: "p.plan", text: text), file: FileID(0)).tree.entries.last?.rows ?? []
            let offset = text.utf8.count - entry.utf8.count
            return rows.map {
                var row = $0
                row.span = Span(start: row.span.start - offset, end: row.span.end - offset)
                row.valueSpan = Span(start: row.valueSpan.start - offset, end: row.valueSpan.end - offset)
                row.date.span = Span(start: row.date.span.start - offset, end: row.date.span.end - offset)
                row.series = row.series.map { Identifier($0.name, span: Span(start: $0.span.start - offset, end: $0.span.end - offset)) }
                if case .date(var date) = row.value {
                    date.span = Span(start: date.span.start - offset, end: date.span.end - offset)
                    row.value = .date(date)
                }
                return row
            }
        }
        let alone = rows(entry)
        #expect(alone.filter { if case .date = $0.value { true } else { false } }.count == 1)
        let noise = String(repeating: "measure x \"a\" bogus\n", count: Limits.diagnostics + 5)
        #expect(rows(noise + entry) == alone)
    }

    /// The CSV scanner finds a field's end eight bytes at a time; it must stop
    /// exactly where a byte scan stops, for every byte value at every place.
    @Test func csvFieldEndsWhereAByteScanEnds() {
        func check(_ bytes: [UInt8], from start: Int) {
            var expected = start
            while expected < bytes.count, !CSVScan.isSpecial(bytes[expected]) { expected += 1 }
            let found = bytes.withUnsafeBufferPointer { CSVScan.nextSpecial($0, from: start) }
            #expect(found == expected, "\(bytes) from \(start)")
        }
        for value in 0...255 {
            for at in 0..<19 {
                var bytes = Array(repeating: UInt8(ascii: "7"), count: 19)
                bytes[at] = UInt8(value)
                check(bytes, from: 0)
                check(bytes, from: min(at, 5))
            }
        }
        var random = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            for start in 0...bytes.count { check(bytes, from: start) }
        }
    }

    /// A value with one or two decimals takes its fraction from a table made
    /// by the same division: the same Double as dividing, for every fraction
    /// and a spread of whole parts.
    @Test func shortDecimalsFromTheTableAreTheDividedOnes() {
        for integer in [0, 1, 7, 10, 42, 99, 100, 1_234, 98_765, 123_456_789] {
            for (digits, scale) in [(1, 10), (2, 100)] {
                for fraction in 0..<scale {
                    var text = String(fraction)
                    while text.count < digits { text = "0" + text }
                    let bytes = Array("\(integer).\(text)".utf8)
                    let read = bytes.withUnsafeBufferPointer { Parser.plainDecimal($0, 0, $0.count) }
                    let divided = Double(integer) + Double(fraction) / Double(scale)
                    #expect(read?.bitPattern == divided.bitPattern, "\(integer).\(text)")
                }
            }
        }
    }
}
