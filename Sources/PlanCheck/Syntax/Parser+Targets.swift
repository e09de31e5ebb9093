extension Parser {
    /// `target MILESTONE {, MILESTONE}`: one milestone, or a trajectory.
    ///
    /// A milestone that fails is reported and skipped to the next comma, so
    /// the later ones are still read and checked (`buy December 2013, >= 185%
    /// by Marhc 2014`: the 185% and the month too). The target keeps the
    /// milestones that were read; nil when none was.
    mutating func parseTarget() -> [Milestone]? {
        var milestones: [Milestone] = []
        repeat {
            if let milestone = parseMilestone() {
                milestones.append(milestone)
            } else {
                while !atLineEnd && !check(.comma) { advance() }
            }
        } while match(.comma)
        return milestones.isEmpty ? nil : milestones
    }

    /// `[average] REQUIREMENT [over N months] DEADLINE [sustained N months]`.
    mutating func parseMilestone() -> Milestone? {
        let start = peek().span.start
        var averageMonths: Int?
        let isAverage = check(.average)
        if isAverage { advance() }
        guard let requirement = parseRequirement() else { return nil }
        if isAverage {
            guard expectKeyword(.over, "`over` and the window, as in `average >= 85% over 3 months`"),
                  let months = parseCount("the number of months to average over") else { return nil }
            guard months > 0 else {
                error("an average needs a window of at least one month", at: tokens[index - 1].span)
                return nil
            }
            guard match(.months) || match(.month) else {
                expected("`months` (averages are taken over calendar months)", help: didYouMean(["months"]))
                return nil
            }
            averageMonths = months
        }
        let requirementSpan = spanFrom(start)
        // `sustained 3 months` may come before the deadline as well as after it.
        var sustained: Int?
        if check(.sustained) {
            guard let months = parseSustained() else { return nil }
            sustained = months
        }
        guard let deadline = parseDeadline() else { return nil }
        if sustained == nil, check(.sustained) {
            guard let months = parseSustained() else { return nil }
            sustained = months
        }
        return Milestone(requirement: requirement, requirementSpan: requirementSpan, deadline: deadline,
                         sustainedMonths: sustained, averageMonths: averageMonths, span: spanFrom(start))
    }

    /// `sustained [for|over] N months`.
    mutating func parseSustained() -> Int? {
        advance()  // sustained
        _ = match(.for_) || match(.over)  // `sustained for 3 months`
        guard let months = parseCount("the number of months, as in `sustained 3 months`") else { return nil }
        guard match(.months) || match(.month) else {
            expected("`months` (sustained periods are counted in months)", help: didYouMean(["months"]))
            return nil
        }
        return months
    }

    mutating func parseRequirement() -> Requirement? {
        if let comparison = parseComparison() {
            return parseQuantity("the target value").map { .compare(comparison, $0) }
        }
        let token = peek()
        if token.kind == .number {
            // `90%` ("Target 90%") or `80% or more`.
            guard let level = parseQuantity("the target value") else { return nil }
            if let comparison = parsePostfixComparison() { return .compare(comparison, level) }
            return .level(level)
        }
        switch token.keyword {
        case .maintain where token.kind == .atom:
            advance()
            // `maintain at or above 90%`, `maintain 90%`, `maintain at 90%`: a
            // level to hold, not the baseline.
            if let comparison = parseComparison() {
                return parseQuantity("the level to maintain").map { .compare(comparison, $0) }
            }
            if check(.at), peek(1).kind == .number { advance() }
            if peek().kind == .number {
                guard let level = parseQuantity("the level to maintain") else { return nil }
                if let comparison = parsePostfixComparison() { return .compare(comparison, level) }
                return .level(level)
            }
            return .maintain
        case .from where token.kind == .atom:
            advance()
            guard var from = parseQuantity("the starting value"),
                  expectKeyword(.to, "`to` and the value to reach"),
                  let to = parseQuantity("the value to reach") else { return nil }
            // `from 80 to 90%`: the unit, written once, is both ends'.
            if from.unit == nil { from.unit = to.unit }
            return .range(from: from, to: to)
        case .increase where token.kind == .atom, .decrease where token.kind == .atom, .reduce where token.kind == .atom:
            advance()
            let direction: Direction = token.keyword == .increase ? .increase : .decrease
            // `increase to 90%`, `reduce to 10%`: a level, reached from the side the verb says.
            if match(.to) {
                return parseQuantity("the value to reach").map { .compare(direction == .increase ? .atLeast : .atMost, $0) }
            }
            if check(.by) && isChangeAmount(after: 1) {
                advance()
                guard let amount = parseChangeAmount() else { return nil }
                return .change(direction, amount)
            }
            return .change(direction, nil)
        case .in_ where token.kind == .atom:
            advance()
            guard expectKeyword(.line, "`line with` (as in `in line with sn`)"),
                  expectKeyword(.with_, "`with` and a comparator id") else { return nil }
            return expectIdentifier("a comparator id").map { .inLineWith($0) }
        case .within where token.kind == .atom:
            advance()
            guard let tolerance = parseTolerance(),
                  expectKeyword(.of, "`of` and a comparator id (as in `within 2 points of sn`)") else { return nil }
            return expectIdentifier("a comparator id").map { .within(tolerance, $0) }
        case .done where token.kind == .atom:
            advance()
            return .done
        default:
            expected("a requirement such as `>= 85%`, `no more than 10%`, `90%`, `increase by 25%`, `maintain`, `in line with sn` or `done`",
                     help: comparisonHelp() ?? didYouMean(Self.requirementWords))
            return nil
        }
    }

    /// The words and phrases a requirement starts with, for "did you mean".
    static let requirementWords = [
        "at least", "at most", "at or above", "at or below", "no more than", "no less than", "not more than",
        "not less than", "no fewer than", "more than", "less than", "fewer than", "greater than", "below", "above",
        "under", "over", "up to", "exactly", "maximum", "minimum", "do not exceed", "not exceeding",
        "increase", "decrease", "reduce", "maintain", "from", "in line with", "within", "done", "average",
    ]

    /// "did you mean `at least`?" for the slips plans make in comparison
    /// words: run together (`atleast`), or `then` for `than` (`no less then`).
    func comparisonHelp() -> String? {
        let runTogether = ["atleast": "at least", "atmost": "at most", "nomorethan": "no more than",
                           "nolessthan": "no less than", "notmorethan": "not more than", "notlessthan": "not less than",
                           "lessthan": "less than", "morethan": "more than"]
        let word = text(peek()).lowercased()
        if let phrase = runTogether[word] { return "did you mean `\(phrase)`?" }
        // A comparison in other words: the suggestion keeps its direction
        // (`no higher than` is at most: `no more than`, never `no fewer than`).
        let second = peek(1).kind == .atom ? text(peek(1)).lowercased() : ""
        let third = peek(2).kind == .atom ? text(peek(2)).lowercased() : ""
        let up: Set = ["higher", "bigger", "larger", "greater", "more", "over", "above"]
        let down: Set = ["lower", "smaller", "less", "fewer", "under", "below"]
        if word == "no" || word == "not", third == "than" {
            if up.contains(second) { return "did you mean `\(word) more than`?" }
            if down.contains(second) { return "did you mean `\(word) less than`?" }
        }
        if second == "than" {
            if ["higher", "bigger", "larger"].contains(word) { return "did you mean `more than`?" }
            if ["lower", "smaller"].contains(word) { return "did you mean `less than`?" }
            if word == "better" || word == "worse" {
                return "`\(word) than` does not say which way: write `above` or `below` a level (`above 85%`), or `in line with` a comparator"
            }
        }
        // `a maximum of 15%`, `a minimum of 80%`: the words without `a`.
        if word == "a", second == "maximum" || second == "minimum" { return "did you mean `\(second) of`?" }
        // `no less then`, `more then`: the phrase up to `then`, with `than`.
        var words: [String] = []
        for k in 0..<4 {
            let token = peek(k)
            guard token.kind == .atom else { break }
            let w = text(token).lowercased()
            if w == "then", !words.isEmpty { return "did you mean `\((words + ["than"]).joined(separator: " "))`?" }
            words.append(w)
        }
        return nil
    }

    /// Symbols and their English forms: `>=`, `at least`, `no less than`, `below`, ...
    mutating func parseComparison() -> Comparison? {
        let token = peek()
        switch token.kind {
        case .greaterEqual: advance(); return .atLeast
        case .lessEqual: advance(); return .atMost
        case .less: advance(); return .below
        case .greater: advance(); return .above
        case .equal: advance(); return .exactly
        case .atom: break
        default: return nil
        }
        let next = peek(1).kind == .atom ? peek(1).keyword : .none
        let third = peek(2).kind == .atom ? peek(2).keyword : .none
        // `greater than or equal to`, `less than or equal to`
        if token.keyword == .greater || token.keyword == .less, next == .than, third == .or,
           peek(3).keyword == .equal, peek(4).keyword == .to {
            advance(5)
            return token.keyword == .greater ? .atLeast : .atMost
        }
        switch (token.keyword, next, third) {
        case (.at, .least, _): advance(2); return .atLeast
        case (.at, .most, _): advance(2); return .atMost
        case (.at, .or, .above): advance(3); return .atLeast
        case (.at, .or, .below): advance(3); return .atMost
        case (.no, .fewer, .than), (.not, .fewer, .than): advance(3); return .atLeast
        case (.fewer, .than, _): advance(2); return .below
        case (.no, .greater, .than), (.not, .greater, .than): advance(3); return .atMost
        case (.greater, .than, _): advance(2); return .above
        case (.not, .below, _), (.not, .under, _): advance(2); return .atLeast
        case (.not, .above, _), (.not, .over, _): advance(2); return .atMost
        case (.under, _, _): advance(); return .below
        case (.over, _, _): advance(); return .above
        case (.up, .to, _): advance(2); return .atMost
        case (.maximum, .of, _): advance(2); return .atMost
        case (.minimum, .of, _): advance(2); return .atLeast
        case (.maximum, _, _): advance(); return .atMost
        case (.minimum, _, _): advance(); return .atLeast
        case (.no, .less, .than): advance(3); return .atLeast
        case (.no, .more, .than): advance(3); return .atMost
        case (.less, .than, _): advance(2); return .below
        case (.more, .than, _): advance(2); return .above
        case (.below, _, _): advance(); return .below
        case (.above, _, _): advance(); return .above
        case (.exactly, _, _): advance(); return .exactly
        case (.do_, .not, .exceed): advance(3); return .atMost
        case (.not, .exceeding, _): advance(2); return .atMost
        case (.not, .more, .than): advance(3); return .atMost
        case (.not, .less, .than): advance(3); return .atLeast
        default: break
        }
        // `not exceed`, `must not exceed`, `should not exceed`, `does not exceed`,
        // `will not exceed`, `not to exceed`.
        if token.keyword == .not, next == .exceed { advance(2); return .atMost }
        if token.keyword == .not, next == .to, third == .exceed { advance(3); return .atMost }
        if next == .not, third == .exceed, ["must", "should", "does", "will", "to"].contains(text(token)) {
            advance(3)
            return .atMost
        }
        // `a maximum of`, `a minimum of`: `a` is too short to be a keyword.
        if text(token) == "a", peek(1).kind == .atom, peek(2).keyword == .of {
            switch next {
            case .maximum: advance(3); return .atMost
            case .minimum: advance(3); return .atLeast
            default: break
            }
        }
        return nil
    }

    /// After a level: `or more`, `or above`, `or higher`, `or over`, `or
    /// greater` (at least); `or less`, `or below`, `or lower`, `or fewer`, `or
    /// under` (at most).
    mutating func parsePostfixComparison() -> Comparison? {
        guard check(.or), peek(1).kind == .atom else { return nil }
        switch peek(1).keyword {
        case .more, .above, .higher, .over, .greater: advance(2); return .atLeast
        case .less, .below, .lower, .fewer, .under: advance(2); return .atMost
        default:
            advance()
            expected("`more`, `above`, `higher`, `less`, `below`, `lower` or `fewer` after `or`")
            return nil
        }
    }

    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    /// After `increase`: is `by` followed by an amount (`by 25%`, `by 10 points`)
    /// rather than a deadline (`by September`, `by 30 September 2013`)?
    func isChangeAmount(after offset: Int) -> Bool {
        let amount = peek(offset)
        guard amount.kind == .number else { return false }
        let next = peek(offset + 1)
        switch next.kind {
        case .percent, .comma, .endOfFile: return true
        case .atom:
            switch next.keyword {
            case .points, .point, .by, .ongoing, .immediately, .within, .sustained, .percent, .each: return true
            case .per: return peek(offset + 2).kind == .atom && text(peek(offset + 2)) == "cent"  // `10 per cent`
            case .none where text(next) == "every": return true  // `by 5 every month`, a deadline after the amount
            default: return Self.clauseKeywordSet.contains(next.keyword) || isPoints(at: offset + 1)
            }
        default: return false
        }
    }

    /// `points`, `point`, and as British documents write them `percentage
    /// points` and `pp`, at `offset` tokens ahead.
    func isPoints(at offset: Int) -> Bool {
        let token = peek(offset)
        guard token.kind == .atom else { return false }
        if token.keyword == .points || token.keyword == .point || text(token) == "pp" { return true }
        return text(token) == "percentage" && (peek(offset + 1).keyword == .points || peek(offset + 1).keyword == .point)
    }

    mutating func matchPoints() -> Bool {
        guard isPoints(at: 0) else { return false }
        advance(text(peek()) == "percentage" ? 2 : 1)
        return true
    }

    /// `%`, `percent` or `per cent` (as British documents spell it) after a
    /// number: the same in a quantity, a change and a tolerance.
    mutating func matchPercentSign() -> Bool {
        if match(TokenKind.percent) || match(Keyword.percent) { return true }
        if check(.per), peek(1).kind == .atom, text(peek(1)) == "cent" {
            advance(2)
            return true
        }
        return false
    }

    /// `25%` (relative), `10 points` or a bare number (absolute).
    mutating func parseChangeAmount() -> ChangeAmount? {
        let token = peek()
        guard let value = numberValue(token) else {
            expected("the size of the change, as in `25%` or `10 points`")
            return nil
        }
        advance()
        if matchPercentSign() { return ChangeAmount(kind: .relative, amount: value, span: spanFrom(token.span.start)) }
        if matchPoints() {
            return ChangeAmount(kind: .points, amount: value, span: spanFrom(token.span.start))
        }
        return ChangeAmount(kind: .absolute, amount: value, span: token.span)
    }

    /// `2 points`, `2` or `5%`.
    mutating func parseTolerance() -> Tolerance? {
        let token = peek()
        guard let value = numberValue(token) else {
            expected("a tolerance, as in `2 points` or `5%`")
            return nil
        }
        advance()
        if matchPercentSign() { return Tolerance(kind: .relative, amount: value, span: spanFrom(token.span.start)) }
        let points = matchPoints()
        return Tolerance(kind: .absolute, amount: value, span: spanFrom(token.span.start), points: points)
    }

    /// `85%`, `30`, `75 per 10,000`, `20 days`.
    mutating func parseQuantity(_ what: String) -> Quantity? {
        let token = peek()
        guard let value = numberValue(token) else {
            expected(what + " (a number, a percentage or a rate)")
            return nil
        }
        advance()
        var unit: Unit?
        if matchPercentSign() {
            unit = .percent
        } else if check(.per) {
            advance()
            guard let base = numberValue(peek()), base > 0 else {
                expected("the rate's base, as in `per 10,000`")
                return nil
            }
            advance()
            unit = .rate(per: base)
        } else if match(.days) || match(.day) {
            unit = .days
        } else if match(.weeks) || match(.week) {
            unit = .weeks
        } else if match(.months) || match(.month) {
            unit = .months
        } else if match(.hours) || match(.hour) {
            unit = .hours
        } else if check(.working), peek(1).keyword == .days || peek(1).keyword == .day {
            advance(2)
            unit = .workingDays
        } else if check(.calendar), peek(1).keyword == .days || peek(1).keyword == .day {
            advance(2)  // `14 calendar days`: days, as `days` always are
            unit = .days
        }
        return Quantity(value: value, unit: unit, span: spanFrom(token.span.start))
    }

    /// `by DATE`, `ongoing`, `immediately`, `within N months` or `each month [from DATE]`.
    mutating func parseDeadline() -> Deadline? {
        let token = peek()
        if token.keyword == .by, token.kind == .atom, let help = changeAmountHelp() {
            advance()
            expected("a deadline date", help: help)
            return nil
        }
        if match(.by) { return parseDate("a deadline date").map { warnIfFinancialYearLike($0); return .by($0) } }
        if match(.ongoing) { return .ongoing(token.span) }
        if match(.immediately) { return .immediately(token.span) }
        if match(.within) { return parseRelativeDeadline(start: token.span.start) }
        if match(.each) { return parseRecurrence(start: token.span.start) }
        if token.kind == .atom, text(token) == "every" {  // `every month`, as `each month`
            advance()
            return parseRecurrence(start: token.span.start)
        }
        expected("a deadline: `by` a date, `ongoing`, `immediately`, `within` a time or `each month`",
                 help: didYouMean(["by", "ongoing", "immediately", "within", "each"]) ?? deadlineHelp(token)
                     ?? "every target needs a deadline, as in `target >= 85% by September`")
        return nil
    }

    /// `increase by 10pp`, `decrease by 2 days`, `increase by 10 per 10,000`:
    /// an amount of change in a unit it cannot have, read as `increase` and
    /// a deadline. Said as what it is, not as a date that is wrong.
    func changeAmountHelp() -> String? {
        guard index >= 1, ["increase", "decrease", "reduce", "improve"].contains(text(tokens[index - 1]).lowercased()) else { return nil }
        let amount = peek(1)
        let word = text(amount).lowercased()
        let unitAfter = peek(2).kind == .atom ? text(peek(2)).lowercased() : ""
        let isAmount = (amount.kind == .number && ["pp", "days", "day", "weeks", "week", "months", "hours", "working", "per", "percentage"].contains(unitAfter))
            || (amount.kind == .atom && word.first?.isNumber == true && word.hasSuffix("pp"))
        guard isAmount else { return nil }
        return "an amount of change is a percentage (`increase by 10%`) or points (`increase by 10 points`), then `by` and the deadline; for a level in another unit, write it (`at most 8 days by March 2014`)"
    }

    /// A word left where a deadline should be, when it shows what was meant.
    func deadlineHelp(_ token: Token) -> String? {
        let word = text(token).lowercased()
        let before = index >= 2 ? text(tokens[index - 2]).lowercased() : ""
        if word == "from", index >= 1, ["increase", "decrease", "reduce", "improve"].contains(text(tokens[index - 1]).lowercased()) {
            return "for a change between two levels, write `from 60% to 75% by DATE`, without `\(text(tokens[index - 1]))`"
        }
        // `in line with statistical neighbours`, `in line with the sn`: the
        // id was taken as the first word.
        if token.kind == .atom, before == "with" || before == "of", word.allSatisfy({ $0.isLetter }) {
            return "a comparator is named by its one-word id, as in `in line with sn`, declared as `comparator sn \"Statistical neighbours\"`"
        }
        return nil
    }

    /// `2011-12` as a deadline is December 2011, but councils write the
    /// financial year 2011/12 so too: read as the month, and warned of.
    mutating func warnIfFinancialYearLike(_ date: DateExpr) {
        guard case .month(let year, let month) = date.form, month == (year + 1) % 100, date.span.length == 7 else { return }
        let written = String(decoding: source.bytes[date.span.start..<date.span.end], as: UTF8.self)
        guard written.utf8.dropFirst(4).first == UInt8(ascii: "-") else { return }
        diagnostics.add(Diagnostic(
            .ambiguousDate, "`\(written)` is read as \(Month.fullNames[month - 1]) \(year), not the financial year \(year)/\(written.suffix(2))",
            at: Location(file: file, span: date.span),
            help: "for the financial year (to 31 March \(year + 1)), write `\(year)/\(written.suffix(2))`; for the month, write `\(Month.fullNames[month - 1]) \(year)`"))
    }

    /// `month|quarter|year [from DATE]` after `each`.
    mutating func parseRecurrence(start: Int) -> Deadline? {
        let token = peek()
        let period: RecurringPeriod
        switch token.keyword {
        case .month where token.kind == .atom: period = .month
        case .quarter where token.kind == .atom: period = .quarter
        case .year where token.kind == .atom: period = .year
        default:
            let help = token.kind == .atom
                ? Suggest.closest(to: text(token), among: ["month", "quarter", "year"]).map { "did you mean `\($0)`?" }
                : nil
            expected("`month`, `quarter` or `year` after `each`", help: help ?? "as in `at least 20 each month from December 2013`")
            return nil
        }
        advance()
        var from: DateExpr?
        if match(.from) {
            guard let date = parseDate("the date the standard starts from") else { return nil }
            from = date
        }
        return .recurring(period, from: from, span: spanFrom(start))
    }

    /// What follows `due`: a date, `ongoing`, `immediately` or `within N months`.
    mutating func parseDue() -> Deadline? {
        let token = peek()
        if match(.ongoing) { return .ongoing(token.span) }
        if match(.immediately) { return .immediately(token.span) }
        if match(.within) { return parseRelativeDeadline(start: token.span.start) }
        _ = match(.by)  // `due by March 2015` reads naturally too
        // `due imediately`, `due buy March`: a word of letters that is no
        // month, near one of the words that may stand here.
        let word = peek()
        if word.kind == .atom, word.span.length <= Limits.longestQuote,
           source.bytes[word.span.start..<word.span.end].allSatisfy(Lexer.isLetter),
           Month.number(text(word)) == nil, Month.suggestion(for: text(word)) == nil,
           let meant = didYouMean(["ongoing", "immediately", "within", "by"]) {
            expected("the due date, `ongoing`, `immediately` or `within` a time", help: meant)
            return nil
        }
        return parseDate("the due date, `ongoing`, `immediately` or `within` a time").map { warnIfFinancialYearLike($0); return .by($0) }
    }

    /// `3 months`, `six weeks`, `next 3 months`, `the next 3 months` after `within`.
    mutating func parseRelativeDeadline(start: Int) -> Deadline? {
        if check(.the) && peek(1).keyword == .next {
            advance(2)
        } else {
            _ = match(.next)
        }
        guard let count = parseCount("a number, as in `within 3 months`") else { return nil }
        let unitToken = peek()
        if match(.hours) || match(.hour) || (check(.working) && (peek(1).keyword == .days || peek(1).keyword == .day)) {
            if unitToken.keyword == .working { advance() }
            error("\(unitToken.keyword == .working ? "working days" : "hours") measure a quantity, not a deadline",
                  at: Span(start: unitToken.span.start, end: tokens[index - 1].span.end),
                  help: "put the time in the measure's title and its target as a value (`target >= 90% by March 2014`), or count the deadline in days, weeks or months",
                  code: .quantityDeadline)
            return nil
        }
        let unit: DurationUnit
        if match(.days) || match(.day) {
            unit = .days
        } else if match(.weeks) || match(.week) {
            unit = .weeks
        } else if match(.months) || match(.month) {
            unit = .months
        } else if match(.years) || match(.year) {
            unit = .years
        } else {
            expected("days, weeks, months or years", help: didYouMean(["days", "weeks", "months", "years"]))
            return nil
        }
        return .within(count: count, unit: unit, span: spanFrom(start))
    }
}
