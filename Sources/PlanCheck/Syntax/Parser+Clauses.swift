extension Parser {
    static let clauseKeywords: [Keyword] = [
        .authority, .period, .workstream, .lead, .officer, .role, .evidence, .polarity, .signoff, .key, .links,
        .note, .tolerance, .unit, .part, .target, .baseline, .due, .done, .progress, .timescale,
        .frequency, .minimum, .rag,
    ]
    /// The same, as a bit set: asked of every clause's first word.
    static let clauseKeywordSet: KeywordSet = {
        var set: KeywordSet = []
        for keyword in clauseKeywords { set.insert(keyword) }
        return set
    }()

    /// One clause, from its keyword to the last token it needs. Returns nil
    /// after reporting an error; the caller skips the rest of the line.
    mutating func parseClause() -> Clause? {
        let head = peek()
        var keyword = head.keyword
        if !(head.kind == .atom && Self.clauseKeywordSet.contains(head.keyword)) {
            var help: String?
            var meant: Keyword?
            if head.kind == .atom, head.startsLine, Self.entryKeywords.contains(head.keyword) {
                help = "an entry starts at column 1; indented lines are the clauses of the entry above, so remove the indentation before `\(head.keyword.text)`"
            } else if head.kind == .atom, head.span.length <= Limits.longestQuote {
                let word = text(head), words = Self.clauseKeywords.map(\.text)
                let near = Suggest.closestKeyword(to: word, among: words)
                help = near.map { "did you mean `\($0)`?" }
                meant = near.flatMap { near in Self.clauseKeywords.first { $0.text == near } }
                // A near miss (`perod`, `Target`) is read as the clause meant, as
                // a misspelt month is, so what follows is still checked; a
                // looser one (`dew` for `due`) is only a broken clause.
                if let meant, Suggest.closest(to: word, among: [meant.text]) != nil {
                    keyword = meant
                }
            }
            error("expected a clause (target, due, lead, workstream, ...), found \(describe(head))",
                  at: head.span, help: help)
            guard keyword != head.keyword else {
                if let meant { brokenClauses.append(meant) }
                return nil
            }
        }
        advance()
        guard let kind = parseClauseBody(keyword) else {
            brokenClauses.append(keyword)
            return nil
        }
        // A clause ends at the line's end or where the next clause begins.
        if !atLineEnd {
            let next = peek()
            if !(next.kind == .atom && Self.clauseKeywordSet.contains(next.keyword)) {
                let lists: [Keyword] = [.lead, .officer, .links, .signoff, .target]
                // `sustaned 3 months`: a word meant, before any general advice
                // (which here would make `sustaned` a milestone).
                let deadline: Deadline? = switch kind {
                case .target(let milestones): milestones.last?.deadline
                case .due(let due): due
                default: nil
                }
                let meant = deadline.flatMap { afterDeadlineHelp($0, next) }
                    ?? didYouMean((keyword == .target ? ["sustained"] : []) + Self.clauseKeywords.map(\.text))
                error("unexpected \(describeUnexpected(next)) after the `\(keyword.text)` clause", at: next.span,
                      help: meant ?? (lists.contains(keyword) ? "separate the items of a `\(keyword.text)` list with commas"
                          : "put each clause on its own line, starting with its keyword"))
                brokenClauses.append(keyword)
                return nil
            }
        }
        return Clause(kind: kind, keyword: keyword, span: spanFrom(head.span.start))
    }

    /// What to say of a word left after a deadline, when it shows what was
    /// meant: more of a date (`by Feb 14`, `by Sep 30 2013`), an end for a
    /// recurring or ongoing target, an event for `within`, a level held.
    func afterDeadlineHelp(_ deadline: Deadline, _ next: Token) -> String? {
        let word = text(next).lowercased()
        switch deadline {
        case .recurring:
            if word == "by" || word == "until" || word == "till" || word == "to" {
                return "a recurring target is judged each period to the end of the plan's period and has no deadline of its own: write `each month from DATE` for when it starts"
            }
        case .ongoing:
            if word == "from" || word == "until" || word == "till" {
                return "`ongoing` has no start or end: for a level each month from a date, write `each month from December 2013`"
            }
        case .within:
            if word == "of" || word == "from" || word == "after" {
                return "`within` counts from the start of the plan's period; a time after an event (`of the inspection`) is a process standard: name it in the measure's title and target the percentage that met it"
            }
        case .by(let date):
            if word.hasPrefix("fy"), next.kind == .atom {
                return "write the financial year without `FY`, as `2013/14` (or `Q4 2013/14`)"
            }
            if next.kind == .number || (next.kind == .atom && word.first.map { $0.isNumber } == true) {
                let written = String(decoding: source.bytes[date.span.start..<date.span.end], as: UTF8.self)
                return "the date ends at \"\(written)\": dates look like 30 September 2013, 30 Sep 2013, Sep-14, September 2014, 2013-09-30 or Q4 2013/14 (the day before the month)"
            }
        case .immediately:
            break
        }
        if ["maintained", "maintain", "sustain", "kept", "held"].contains(word) {
            return "for a level held for months, write `sustained 3 months` after the deadline"
        }
        if word == "until" || word == "till" {
            return "a target ends at its deadline: write `by DATE`, or `each month from DATE` for a standard kept to the period's end"
        }
        return nil
    }

    private mutating func parseClauseBody(_ keyword: Keyword) -> ClauseKind? {
        switch keyword {
        case .authority:
            return expectString("the authority's name in quotes").map { .authority($0) }
        case .period:
            guard let start = parseDate("the period's start") else { return nil }
            guard match(.to) || match(TokenKind.dash) else {
                expected("`to` between the period's start and end",
                         help: didYouMean(["to"]) ?? "as in `period April 2013 to March 2014`")
                return nil
            }
            guard let end = parseDate("the period's end") else { return nil }
            return .period(start, end)
        case .workstream:
            return expectIdentifier("a workstream id").map { .workstream($0) }
        case .lead:
            return commaList { $0.expectString("a lead's name in quotes") }.map { .lead($0) }
        case .officer:
            return commaList { $0.expectString("an officer's name in quotes") }.map { .officer($0) }
        case .role:
            return expectString("the role in quotes").map { .role($0) }
        case .evidence:
            let token = peek()
            // `evidence "Performance book"`: the source alone, as plans often name it.
            if token.kind == .string { return .evidence(nil, parseString()) }
            guard token.kind == .atom, let kind = EvidenceKind(rawValue: text(token)) else {
                let help = Suggest.closest(to: text(token), among: EvidenceKind.allCases.map(\.rawValue))
                    .map { "did you mean `\($0)`?" } ?? "one of: audit, measure, report, document, engagement"
                expected("a kind of evidence", help: help)
                return nil
            }
            advance()
            return .evidence(kind, check(.string) ? parseString() : nil)
        case .polarity:
            if match(.higher) { return .polarity(.higher) }
            if match(.lower) { return .polarity(.lower) }
            // `hgiher`, `Higher`, `high`, `up`: the word meant, where one is near.
            let written = peek().kind == .atom ? text(peek()).lowercased() : ""
            let meant = ["high": "higher", "up": "higher", "increase": "higher", "low": "lower", "down": "lower",
                         "decrease": "lower", "higher": "higher", "lower": "lower"][written]
                ?? Suggest.closest(to: written, among: ["higher", "lower"])
            expected("`higher` or `lower`", help: meant.map { "did you mean `polarity \($0)`?" }
                ?? "`polarity higher` means a bigger value is better")
            return nil
        case .signoff:
            return commaList { parser -> Signoff? in
                guard let board = parser.expectIdentifier("the board that signs off, e.g. `IB`"),
                      parser.expectKeyword(.by, "`by` and the sign-off date"),
                      let date = parser.parseDate("the sign-off date") else { return nil }
                return Signoff(board: board, date: date)
            }.map { .signoff($0) }
        case .key:
            return .key
        case .links:
            return commaList { $0.expectIdentifier("the id of a linked entry") }.map { .links($0) }
        case .note:
            return expectString("the note in quotes").map { .note($0) }
        case .tolerance:
            return parseTolerance().map { .tolerance($0) }
        case .unit:
            return parseUnitName().map { .unit($0) }
        case .part:
            guard expectKeyword(.of, "`of` (as in `part of A1`)") else { return nil }
            return expectIdentifier("the id of the section this is part of").map { .partOf($0) }
        case .target:
            return parseTarget().map { .target($0) }
        case .baseline:
            guard let value = parseQuantity("the baseline value") else { return nil }
            // `as at April 2013`, `as of April 2013`: the seeds' own words.
            let asAt = peek().kind == .atom && text(peek()) == "as" && (peek(1).keyword == .at || peek(1).keyword == .of)
            if asAt { advance() }
            guard (asAt && match(.of)) || expectKeyword(.at, "`at` and the baseline's date"),
                  let date = parseDate("the baseline's date") else { return nil }
            return .baseline(value, date)
        case .due:
            return parseDue().map { .due($0) }
        case .done:
            if atLineEnd || check(.string) || isClauseStart { return .done(nil) }
            return parseDate("the date it was done").map { .done($0) }
        case .progress:
            guard let date = parseDate("the date of the progress note") else { return nil }
            return .progress(date, check(.string) ? parseString() : nil)
        case .timescale:
            if let (start, end) = parseJoinedDates() { return .timescale(start, end) }
            guard let start = parseDate("the timescale's start") else { return nil }
            guard match(.to) || match(TokenKind.dash) else {
                expected("`to` or a dash between the timescale's start and end",
                         help: didYouMean(["to"]) ?? "as in `timescale 12.12.11 to 31.03.12` or `timescale 12.12.11 – 31.03.12`")
                return nil
            }
            guard let end = parseDate("the timescale's end") else { return nil }
            return .timescale(start, end)
        case .frequency:
            let token = peek()
            if token.kind == .atom, let frequency = Frequency(rawValue: text(token)) {
                advance()
                return .frequency(frequency)
            }
            // A frequency plans use but plancheck does not read gets the nearest
            // one that is not more often (so no value is called stale early),
            // never the closest spelling (`bi-monthly` is not `monthly`).
            let written = text(token)
            let help = token.kind == .atom
                ? Self.nearestFrequency(written).map {
                    "plancheck reads monthly, quarterly and annually; for values reported \(written) write `frequency \($0)` (a value is stale after two periods)"
                } ?? Suggest.closest(to: written, among: Frequency.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" }
                : nil
            expected("`monthly`, `quarterly` or `annually`", help: help ?? "as in `frequency monthly`")
            return nil
        case .minimum:
            guard expectKeyword(.cohort, "`cohort` (as in `minimum cohort 10`)") else { return nil }
            let token = peek()
            guard let value = numberValue(token) else {
                expected("the smallest cohort worth judging, a whole number as in `minimum cohort 10`")
                return nil
            }
            advance()
            return .minimumCohort(value, token.span)
        case .rag:
            guard let date = parseDate("the date of the rating, as in `rag 2013-11-30 amber`") else { return nil }
            let token = peek()
            // Ratings are values, written as boards write them: `Amber`, `RED`.
            guard token.kind == .atom, let rating = Rating(rawValue: text(token).lowercased()) else {
                let help = token.kind == .atom
                    ? Suggest.closest(to: text(token), among: Rating.allCases.map(\.rawValue)).map { "did you mean `\($0)`?" }
                    : nil
                expected("`red`, `amber` or `green`", help: help ?? "as in `rag 2013-11-30 amber \"Improving\"`")
                return nil
            }
            advance()
            return .rag(date, rating, check(.string) ? parseString() : nil)
        default:
            return nil
        }
    }

    /// `12.12.11-31.03.12`: two dotted or slashed dates joined by a hyphen
    /// with no spaces, which the lexer reads as one atom.
    mutating func parseJoinedDates() -> (DateExpr, DateExpr)? {
        let token = peek()
        guard token.kind == .atom else { return nil }
        let bytes = source.bytes[token.span.start..<token.span.end]
        let dashes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "-") }
        guard dashes.count == 1, let dash = dashes.first else { return nil }
        let first = bytes[token.span.start..<dash], second = bytes[(dash + 1)..<token.span.end]
        guard first.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }),
              second.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }),
              let start = Self.singleWordDate(first), let end = Self.singleWordDate(second) else { return nil }
        advance()
        return (DateExpr(form: start, span: Span(start: token.span.start, end: dash)),
                DateExpr(form: end, span: Span(start: dash + 1, end: token.span.end)))
    }

    var isClauseStart: Bool { check(.atom) && Self.clauseKeywordSet.contains(peek().keyword) }

    mutating func expectKeyword(_ keyword: Keyword, _ what: String) -> Bool {
        if match(keyword) { return true }
        expected(what, help: didYouMean([keyword.text]))  // `wiht`, `fo`
        return false
    }

    /// `%`, `percent`, `count`, `per 10,000`, `days`, `working days`, `weeks`,
    /// `months`, `hours`, `done`.
    mutating func parseUnitName() -> Unit? {
        if match(TokenKind.percent) || match(Keyword.percent) { return .percent }
        if match(.hours) || match(.hour) { return .hours }
        if check(.working), peek(1).keyword == .days || peek(1).keyword == .day {
            advance(2)
            return .workingDays
        }
        if check(.calendar), peek(1).keyword == .days || peek(1).keyword == .day {
            advance(2)
            return .days
        }
        if match(.count) { return .count }
        if match(.done) { return .done }
        if match(.days) || match(.day) { return .days }
        if match(.weeks) || match(.week) { return .weeks }
        if match(.months) || match(.month) { return .months }
        if match(.per) {
            guard let base = numberValue(peek()), base > 0 else {
                expected("the rate's base, as in `per 10,000`")
                return nil
            }
            advance()
            return .rate(per: base)
        }
        expected("a unit: %, count, per N, days, working days, weeks, months, hours or done")
        return nil
    }

    // MARK: Data rows

    /// The indented lines under `data ID`: `DATE VALUE [SERIES]`, one a line.
    mutating func parseDataRows() -> [DataRow] {
        var rows: [DataRow] = []
        if !atLineEnd {
            expected("the end of the line; data rows go on the indented lines below")
            skipLine()
        }
        while tokens[index].kind != .endOfFile && !tokens[index].atColumnOne {
            let before = index
            beginLine(wrapping: false)
            if let row = parseDataRow() {
                rows.append(row)
            }
            skipLine()
            if index == before { index += 1 }
        }
        return rows
    }

    mutating func parseDataRow() -> DataRow? {
        let start = peek().span.start
        readingRowDate = true
        let read = parseDate("the observation's date, e.g. 2013-07")
        readingRowDate = false
        guard let date = read else { return nil }
        guard let (value, valueSpan) = parseDataValue() else { return nil }
        var series: Identifier?
        if !atLineEnd { series = expectIdentifier("a series (a comparator id or `baseline`)") }
        if !atLineEnd {
            expected("the end of the data row")
            return nil
        }
        return DataRow(date: date, value: value, valueSpan: valueSpan, series: series, span: spanFrom(start))
    }

    /// `34/45`: whole numbers either side of one slash. (Whether the pair makes
    /// sense, `0/0` or `9/8`, is the checker's question.)
    static func fraction(_ bytes: ArraySlice<UInt8>) -> (Double, Double)? {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let top = bytes[bytes.startIndex..<slash], bottom = bytes[(slash + 1)...]
        guard !top.isEmpty, !bottom.isEmpty, top.count <= 15, bottom.count <= 15,
              top.allSatisfy(Lexer.isDigit), bottom.allSatisfy(Lexer.isDigit),
              let n = digitsValue(top), let d = digitsValue(bottom) else { return nil }
        return (Double(n), Double(d))
    }

    /// `82.5%`, `86`, `34/45`, `complete`, `in progress`, `not started`, `yes`, `no`, or a date.
    mutating func parseDataValue() -> (DataValue, Span)? {
        let token = peek()
        let start = token.span.start
        // `30 September 2013`: a completion date that starts with a number.
        // Tried on a copy, so `398 sn` (a value, then its series) is untouched.
        if token.kind == .number, peek(1).kind == .atom {
            var trial = self
            if let date = trial.parseDate("a value"), trial.diagnostics.offered == diagnostics.offered {
                self = trial
                return (.date(date), spanFrom(start))
            }
        }
        if let value = numberValue(token) {
            advance()
            let percent = match(TokenKind.percent)
            return (.number(value, percent: percent), spanFrom(start))
        }
        if token.kind == .atom, let (numerator, denominator) = Self.fraction(source.bytes[token.span.start..<token.span.end]) {
            advance()
            return (.fraction(numerator: numerator, denominator: denominator), spanFrom(start))
        }
        // Status words in any case, as in a book: `Complete`, `In Progress`.
        if token.kind == .atom {
            for words in [2, 1] where words == 1 || peek(1).kind == .atom {
                let end = peek(words - 1).span.end
                if let value = Self.statusWord(source.bytes[token.span.start..<end]) {
                    advance(words)
                    return (value, spanFrom(start))
                }
            }
        }
        if match(.complete) { return (.state(.complete), spanFrom(start)) }
        if check(.in_) && peek(1).keyword == .progress {
            advance(); advance()
            return (.state(.inProgress), spanFrom(start))
        }
        if check(.not) && peek(1).keyword == .started {
            advance(); advance()
            return (.state(.notStarted), spanFrom(start))
        }
        if match(.yes) { return (.yes, spanFrom(start)) }
        if match(.no) { return (.no, spanFrom(start)) }
        if token.kind == .atom, let date = parseDate("a value") {
            return (.date(date), spanFrom(start))
        }
        if token.kind != .atom {
            expected("a value: a number, a percentage, complete, in progress, not started, yes, no or a date")
        }
        return nil
    }
}

extension Parser {
    /// For a reporting frequency plans use that is not one of plancheck's
    /// three, the nearest of those that is not more often.
    static func nearestFrequency(_ word: String) -> Frequency? {
        switch word.lowercased() {
        case "daily", "weekly", "fortnightly", "biweekly", "bi-weekly", "four-weekly", "4-weekly": .monthly
        case "bimonthly", "bi-monthly", "two-monthly": .quarterly
        case "termly", "half-yearly", "six-monthly", "biannually", "bi-annually", "biannual", "yearly", "annual": .annually
        default: nil
        }
    }
}
