extension Parser {
    /// Reads a date in any form the language allows, by context: here `31.03.12`
    /// is a date, where elsewhere `2.3` would be an id.
    ///
    /// Forms: `2013-09-30`, `2013-09`, `30 September 2013`, `30 Sep 2013`,
    /// `31st March 2014`, `September 2013`, `Sep 2013`, `Apr-18`, `31-Mar-14`,
    /// `31.03.12`, `31/03/2012`, `Q4 2011/12` (or `Q4 2011-12`), `2011/12`, a
    /// bare `September`, and `end of` before a month, quarter or year. The
    /// numbers are kept as written: whether the day exists is the resolver's
    /// question.
    mutating func parseDate(_ what: String) -> DateExpr? {
        let token = peek()
        let start = token.span.start
        guard token.kind == .atom || token.kind == .number else {
            expected(what)
            return nil
        }
        let word = source.bytes[token.span.start..<token.span.end]  // no copy

        // `end of March 2014`, `the end of Q4 2013/14`: the period's last
        // day, which is what a month, quarter or year means anyway.
        if let words = endOfWords(), words > 0 {
            advance(words)
            let inner = peek()
            // Once only: `end of end of ...` would recurse as deep as it is long.
            guard endOfWords() == nil else {
                expected("a month, quarter or year after `end of`")
                return nil
            }
            guard let date = parseDate("a month, quarter or year after `end of`") else { return nil }
            if case .day = date.form {
                diagnostics.add(Diagnostic(
                    .syntax, "`end of` needs a month, a quarter or a year, not a day",
                    at: Location(file: file, span: Span(start: inner.span.start, end: date.span.end)),
                    help: "write the day alone, as in `by 30 September 2013`, or the month, as in `by end of September 2013`"))
                return nil
            }
            return DateExpr(form: date.form, span: spanFrom(start))
        }
        // `30 September 2013`, `30 Sep 2013`, `30th September 2013`,
        // `1st of April 2014`
        if token.kind == .number || token.kind == .atom,
           let day = token.kind == .number ? (word.count <= 2 ? Self.digitsValue(word[...]) : nil) : Self.ordinalDay(word[...]) {
            let of = token.kind == .atom && peek(1).keyword == .of ? 1 : 0
            let monthToken = peek(1 + of)
            // `30 Septmber`: reported once, with the month meant, and read as it.
            var month = monthToken.kind == .atom ? Month.number(text(monthToken)) : nil
            if month == nil, monthToken.kind == .atom, source.bytes[monthToken.span.start..<monthToken.span.end].allSatisfy(Lexer.isLetter),
               monthToken.span.length >= 3, let suggestion = Month.suggestion(for: text(monthToken)) {
                diagnostics.add(Diagnostic(
                    .unknownMonth, "\"\(text(monthToken))\" is not a month", at: Location(file: file, span: monthToken.span),
                    help: "did you mean \"\(suggestion)\"?"))
                month = Month.number(suggestion)
            }
            if let month {
                advance(2 + of)
                // `30 September`: no year, so placed in the plan's period as a bare month is.
                // In a data row, a number that is no four-digit year is the row's value.
                if peek().kind != .number || readingRowDate && Self.fourDigitYear(source.bytes[peek().span.start..<peek().span.end]) == nil {
                    return DateExpr(form: .bareDay(month: month, day: day), span: spanFrom(start))
                }
                guard let year = parseYear() else { return nil }
                return DateExpr(form: .day(year: year, month: month, day: day), span: spanFrom(start))
            }
        }
        // `September 2013`, `Sep 2013`, `September`
        if token.kind == .atom, let month = Month.number(word) {
            advance()
            if peek().kind == .number, let year = Self.fourDigitYear(source.bytes[peek().span.start..<peek().span.end]) {
                advance()
                return DateExpr(form: .month(year: year, month: month), span: spanFrom(start))
            }
            return DateExpr(form: .bareMonth(month), span: token.span)
        }
        // `Q4 2011/12`
        if token.kind == .atom, word.count == 2, word[word.startIndex] | 0x20 == UInt8(ascii: "q"),
           (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(word[word.startIndex + 1]) {
            let quarter = Int(word[word.startIndex + 1] - UInt8(ascii: "0"))
            advance()
            let fyToken = peek()
            // `Q3` alone: the quarter inside the plan's period. A number after
            // it (`Q3 2013`) is a year that says nothing of which year is meant.
            if fyToken.kind != .number, fyToken.kind != .atom
                || Self.financialYear(source.bytes[fyToken.span.start..<fyToken.span.end], afterQuarter: true) == nil
                && !fyToken.span.isEmpty && !Lexer.isDigit(source.bytes[fyToken.span.start])
                && source.bytes[fyToken.span.start] != UInt8(ascii: "-") {
                return DateExpr(form: .bareQuarter(quarter), span: token.span)
            }
            // In a data row, a number after `Q3` that is no year is the row's
            // value (`Q3 49`, `Q3 45/50`); `Q3 14/15` stays a financial year.
            if readingRowDate, fyToken.kind == .number || fyToken.kind == .atom,
               Self.fourDigitYear(source.bytes[fyToken.span.start..<fyToken.span.end]) == nil,
               Self.financialYear(source.bytes[fyToken.span.start..<fyToken.span.end], afterQuarter: true) == nil {
                return DateExpr(form: .bareQuarter(quarter), span: token.span)
            }
            guard fyToken.kind == .atom,
                  let startYear = Self.financialYear(source.bytes[fyToken.span.start..<fyToken.span.end], afterQuarter: true) else {
                expected("a financial year after the quarter, as in `Q4 2011/12`")
                return nil
            }
            advance()
            return DateExpr(form: .quarter(quarter, startYear: startYear), span: spanFrom(start))
        }
        if let form = Self.singleWordDate(word[...]) {
            advance()
            return DateExpr(form: form, span: token.span)
        }
        // Not a date. `31th`: an ordinal with the wrong ending.
        if token.kind == .atom, (3...4).contains(word.count), let day = Self.digitsValue(word.dropLast(2)),
           ["st", "nd", "rd", "th"].contains(String(decoding: word.suffix(2), as: UTF8.self).lowercased()),
           let right = (["st", "nd", "rd", "th"].lazy.map { Array("\(day)\($0)".utf8)[...] }.first { Self.ordinalDay($0) != nil }) {
            expected(what, help: "did you mean \"\(String(decoding: right, as: UTF8.self))\"?")
            return nil
        }
        // A word of letters is most likely a misspelt month.
        if token.kind == .atom, word.allSatisfy({ Lexer.isLetter($0) }), word.count >= 3 {
            let written = text(token)
            if let suggestion = Month.suggestion(for: written) {
                diagnostics.add(Diagnostic(
                    .unknownMonth, "\"\(written)\" is not a month", at: Location(file: file, span: token.span),
                    help: "did you mean \"\(suggestion)\"?"))
                // Report once, then read it as the month meant so later checks still run.
                advance()
                let month = Month.number(suggestion) ?? 1
                if peek().kind == .number, let year = Self.fourDigitYear(source.bytes[peek().span.start..<peek().span.end]) {
                    advance()
                    return DateExpr(form: .month(year: year, month: month), span: spanFrom(start))
                }
                return DateExpr(form: .bareMonth(month), span: token.span)
            }
        }
        // `2015-16`, as councils write a financial year: the language writes it `2015/16`.
        if token.kind == .atom, word.count == 7, word[word.startIndex + 4] == UInt8(ascii: "-"),
           let first = Self.digitsValue(word.prefix(4)), let second = Self.digitsValue(word.suffix(2)),
           second == (first + 1) % 100 {
            expected(what, help: "for the financial year, write `\(first)/\(word.suffix(2).map { String(UnicodeScalar($0)) }.joined())`: with a dash, a year is followed by its month (2015-06 is June 2015)")
            return nil
        }
        expected(what, help: "dates look like 2013-09-30, 30 September 2013, September 2013, 31.03.12, Q4 2011/12 or September")
        return nil
    }

    /// Date forms written as one atom: ISO, dotted, slashed, `Apr-18`, `2011/12`.
    static func singleWordDate(_ word: ArraySlice<UInt8>) -> DateForm? {
        // Every such form has a digit; a word without one (a month) is none of them.
        guard word.contains(where: Lexer.isDigit) else { return nil }
        let dash = UInt8(ascii: "-"), dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        if let parts = split(word, dash) {
            // 2013-09-30, 2013-09
            if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
               let y = digitsValue(parts[0]), let m = digitsValue(parts[1]), let d = digitsValue(parts[2]) {
                return .day(year: y, month: m, day: d)
            }
            if parts.count == 2, parts[0].count == 4, parts[1].count == 2,
               let y = digitsValue(parts[0]), let m = digitsValue(parts[1]), (1...12).contains(m) {
                return .month(year: y, month: m)
            }
            // Apr-18, April-2018
            if parts.count == 2, let m = Month.number(parts[0]), let y = year(parts[1]) {
                return .month(year: y, month: m)
            }
            // 30-09-2013: UK day-first with dashes, the year in four digits
            // (so it is never an ISO date, which starts with the year).
            if parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
               let d = digitsValue(parts[0]), let m = digitsValue(parts[1]), let y = digitsValue(parts[2]) {
                return .day(year: y, month: m, day: d)
            }
            // 31-Mar-14, 31-Mar-2014: how a spreadsheet shows a date.
            if parts.count == 3, (1...2).contains(parts[0].count), let d = digitsValue(parts[0]),
               let m = Month.number(parts[1]), let y = year(parts[2]) {
                return .day(year: y, month: m, day: d)
            }
            return nil
        }
        // Feb14, Feb2014: a month and its year run together.
        if let firstDigit = word.firstIndex(where: Lexer.isDigit), firstDigit > word.startIndex,
           word[firstDigit...].allSatisfy(Lexer.isDigit), word[..<firstDigit].allSatisfy(Lexer.isLetter),
           let m = Month.number(word[..<firstDigit]), let y = year(word[firstDigit...]) {
            return .month(year: y, month: m)
        }
        for separator in [dot, slash] {
            guard let parts = split(word, separator) else { continue }
            // 31.03.12, 31/03/2012: UK day-first.
            if parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
               let d = digitsValue(parts[0]), let m = digitsValue(parts[1]), let y = year(parts[2]) {
                return .day(year: y, month: m, day: d)
            }
            if separator == slash, parts.count == 2, let start = financialYear(word) {
                return .financialYear(startYear: start)
            }
        }
        return nil
    }

    /// `2011/12` or `2011/2012`: the financial year starting April 2011.
    /// After a quarter, where nothing else can stand, `2011-12` and `11/12`
    /// too (alone, `2011-12` would be December 2011).
    static func financialYear(_ word: ArraySlice<UInt8>, afterQuarter: Bool = false) -> Int? {
        let separator = afterQuarter && word.contains(UInt8(ascii: "-")) ? UInt8(ascii: "-") : UInt8(ascii: "/")
        guard let parts = split(word, separator), parts.count == 2,
              parts[0].count == 4 || afterQuarter && parts[0].count == 2,
              let written = digitsValue(parts[0]), let second = digitsValue(parts[1]) else { return nil }
        let first = parts[0].count == 2 ? 2000 + written : written
        switch parts[1].count {
        case 2 where second == (first + 1) % 100: return first
        case 4 where second == first + 1 && parts[0].count == 4: return first
        default: return nil
        }
    }

    /// The day of an ordinal as dates are written in English: `1st`, `2nd`,
    /// `3rd`, `4th`, `11th`, `21st`, `22nd`, `31st` (suffix in any case).
    static func ordinalDay(_ word: ArraySlice<UInt8>) -> Int? {
        guard (3...4).contains(word.count), let day = digitsValue(word.dropLast(2)) else { return nil }
        let suffix = String(decoding: word.suffix(2), as: UTF8.self).lowercased()
        let expected = switch (day % 10, day % 100) {
        case (1, let d) where d != 11: "st"
        case (2, let d) where d != 12: "nd"
        case (3, let d) where d != 13: "rd"
        default: "th"
        }
        return suffix == expected ? day : nil
    }

    /// How many words of `end of` or `the end of` start here (`of` may be
    /// left out: `end March 2014`), or nil.
    func endOfWords() -> Int? {
        var k = 0
        if peek().keyword == .the { k = 1 }
        let end = peek(k)
        guard end.kind == .atom, source.bytes[end.span.start..<end.span.end].count == 3,
              text(end).lowercased() == "end" else { return nil }
        return peek(k + 1).keyword == .of ? k + 2 : k + 1
    }

    /// A year written with four digits, or two (`12` is 2012).
    static func year(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.count == 2 || digits.count == 4, let value = digitsValue(digits) else { return nil }
        return digits.count == 2 ? 2000 + value : value
    }

    static func fourDigitYear(_ digits: ArraySlice<UInt8>) -> Int? {
        digits.count == 4 ? digitsValue(digits) : nil
    }

    /// The parts of `word` between `separator`s, or nil when there is none.
    static func split(_ word: ArraySlice<UInt8>, _ separator: UInt8) -> [ArraySlice<UInt8>]? {
        guard word.contains(separator) else { return nil }
        return word.split(separator: separator, omittingEmptySubsequences: false)
    }

    static func digitsValue(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for b in digits {
            guard Lexer.isDigit(b) else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    mutating func parseYear() -> Int? {
        let token = peek()
        if token.kind == .number, let year = Self.fourDigitYear(source.bytes[token.span.start..<token.span.end]) {
            advance()
            return year
        }
        expected("a four-digit year")
        return nil
    }
}

extension Parser {
    /// Reads a whole cell (a CSV date, a command-line date) as a date form: the
    /// same forms as in a plan. nil when the text is anything else.
    public static func dateForm(_ text: ArraySlice<UInt8>) -> DateForm? {
        if let form = isoDate(text) { return form }
        if !text.contains(UInt8(ascii: " ")), let form = singleWordDate(text) { return form }
        var parser = Parser(cell: text)
        guard let date = parser.parseDate("a date"), parser.atLineEnd, parser.diagnostics.items.isEmpty else { return nil }
        return date.form
    }

    /// `dateForm` straight from a CSV cell's bytes: ISO dates, the usual case,
    /// are read in place; other forms are copied and parsed.
    public static func dateForm(_ text: UnsafeBufferPointer<UInt8>) -> DateForm? {
        if let form = isoDate(text) { return form }
        return dateForm(ArraySlice(text))
    }

    /// A data file's date: `dateForm`, and `Sept 14` or `May 14`, a month
    /// and a two-digit year, as Excel's Sep-14 is typed by hand to head a
    /// month's column. Only here: in a plan, or a plan table being imported,
    /// `May 14` may be a day written American-fashion.
    public static func dataDateForm(_ text: ArraySlice<UInt8>) -> DateForm? {
        if let form = dateForm(text) { return form }
        guard let space = text.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let month = text[..<space], year = text[(space + 1)...].drop { $0 == UInt8(ascii: " ") }
        guard year.count == 2, year.allSatisfy(Lexer.isDigit), month.allSatisfy(Lexer.isLetter),
              let m = Month.number(month), let y = Self.year(year) else { return nil }
        return .month(year: y, month: m)
    }

    /// `dataDateForm` straight from a CSV cell's bytes.
    public static func dataDateForm(_ text: UnsafeBufferPointer<UInt8>) -> DateForm? {
        if let form = isoDate(text) { return form }
        return dataDateForm(ArraySlice(text))
    }

    /// `dataValue` straight from a CSV cell's bytes: plain numbers and
    /// percentages, the usual case, are read in place.
    public static func dataValue(_ text: UnsafeBufferPointer<UInt8>) -> DataValue? {
        var end = text.count
        let percent = end > 0 && text[end - 1] == UInt8(ascii: "%")
        if percent { end -= 1 }
        if end > 0, Lexer.isNumberShaped(text, 0, end), let value = parseDecimal(text, 0, end) {
            return .number(value, percent: percent)
        }
        return dataValue(ArraySlice(text))
    }

    /// Reads a whole cell as a data value: `86`, `86%`, `complete`, `in
    /// progress`, `not started`, `yes`, `no` or a date.
    public static func dataValue(_ text: ArraySlice<UInt8>) -> DataValue? {
        // The common case, a plain number or percentage, without lexing.
        if let last = text.last, let first = text.first, Lexer.isDigit(first) || first == UInt8(ascii: "-") {
            let percent = last == UInt8(ascii: "%")
            let digits = percent ? text.dropLast() : text
            if !digits.isEmpty, digits.allSatisfy({ Lexer.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ",") }),
               digits.dropFirst().allSatisfy({ $0 != UInt8(ascii: "-") }),
               let value = Lexer.numberValue(digits) {
                return .number(value, percent: percent)
            }
        }
        if let word = statusWord(text) { return word }
        var parser = Parser(cell: text)
        guard let (value, _) = parser.parseDataValue(), parser.atLineEnd, parser.diagnostics.items.isEmpty else { return nil }
        return value
    }

    /// A status word in any case and spacing, as spreadsheets write them:
    /// `Complete`, `In Progress`, `NOT STARTED`, `Yes`. (A plan's own inline
    /// data keeps the language's lower case.)
    static func statusWord(_ text: ArraySlice<UInt8>) -> DataValue? {
        guard text.count <= 24 else { return nil }
        var words: [UInt8] = []
        for byte in text {
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if isSpace {
                if let last = words.last, last != UInt8(ascii: " ") { words.append(UInt8(ascii: " ")) }
            } else {
                words.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        if words.last == UInt8(ascii: " ") { words.removeLast() }
        switch String(decoding: words, as: UTF8.self) {
        case "complete": return .state(.complete)
        case "in progress": return .state(.inProgress)
        case "not started": return .state(.notStarted)
        case "yes": return .yes
        case "no": return .no
        default: return nil
        }
    }

    /// `2013-09-30` or `2013-09`, read without allocating: most data is dated so.
    static func isoDate<C: RandomAccessCollection>(_ text: C) -> DateForm? where C.Element == UInt8, C.Index == Int {
        guard text.count == 7 || text.count == 10 else { return nil }
        let s = text.startIndex
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let b = text[s + i]
                guard Lexer.isDigit(b) else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard text[s + 4] == UInt8(ascii: "-"), let year = digits(0, 4), let month = digits(5, 2) else { return nil }
        if text.count == 7 { return (1...12).contains(month) ? .month(year: year, month: month) : nil }
        guard text[s + 7] == UInt8(ascii: "-"), let day = digits(8, 2) else { return nil }
        return .day(year: year, month: month, day: day)
    }

    /// A parser over one cell of text, as if it were a line of a plan.
    init(cell: ArraySlice<UInt8>) {
        let source = SourceFile(name: "", bytes: Array(text: cell))
        let lexed = Lexer.lex(source, file: FileID(0))
        self.init(source: source, file: FileID(0), tokens: lexed.tokens.map {
            var token = $0
            token.startsLine = false
            token.atColumnOne = false
            return token
        })
        for d in lexed.diagnostics { diagnostics.add(d) }
        limit = tokens.count - 1
    }
}

extension Array where Element == UInt8 {
    init(text: ArraySlice<UInt8>) { self.init(text) }
}
