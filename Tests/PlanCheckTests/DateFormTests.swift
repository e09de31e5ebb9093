import Testing
@testable import PlanCheck

// Every date form of the spec, placed on the calendar through a whole plan
// (lexer, parser, resolver), both as a target's deadline and as an action's
// `due`; and the lexer's reading of numbers, atoms and punctuation.

@Suite struct DateFormTests {}

/// A deadline as written and the day it must mean.
struct DateFormCase: Sendable, CustomTestStringConvertible {
    /// What follows `target >= 5%`: `by 30 September 2013`, `within 3 months`, `ongoing`.
    let deadline: String
    /// ISO day, or nil for no deadline (`ongoing`).
    let iso: String?
    var period = "April 2013 to March 2014"
    var testDescription: String { "\(deadline) in \(period)" }
}

let dateFormCases: [DateFormCase] = [
    DateFormCase(deadline: "by 2013-09-30", iso: "2013-09-30"),
    DateFormCase(deadline: "by 2013-09", iso: "2013-09-30"),
    DateFormCase(deadline: "by 30 September 2013", iso: "2013-09-30"),
    DateFormCase(deadline: "by 30 Sep 2013", iso: "2013-09-30"),
    DateFormCase(deadline: "by 1 October 2013", iso: "2013-10-01"),
    DateFormCase(deadline: "by September 2013", iso: "2013-09-30"),
    DateFormCase(deadline: "by Sep 2013", iso: "2013-09-30"),
    DateFormCase(deadline: "by Apr-18", iso: "2018-04-30"),
    DateFormCase(deadline: "by 31.03.12", iso: "2012-03-31"),
    DateFormCase(deadline: "by 3.1.14", iso: "2014-01-03"),
    DateFormCase(deadline: "by 31/03/2012", iso: "2012-03-31"),
    DateFormCase(deadline: "by 31/03/12", iso: "2012-03-31"),
    DateFormCase(deadline: "by Q4 2011/12", iso: "2012-03-31"),
    DateFormCase(deadline: "by Q1 2013/14", iso: "2013-06-30"),
    DateFormCase(deadline: "by Q2 2013/14", iso: "2013-09-30"),
    DateFormCase(deadline: "by Q3 2013/14", iso: "2013-12-31"),
    DateFormCase(deadline: "by 2011/12", iso: "2012-03-31"),
    DateFormCase(deadline: "by 2013/2014", iso: "2014-03-31"),
    DateFormCase(deadline: "by September", iso: "2013-09-30"),
    DateFormCase(deadline: "by March", iso: "2014-03-31"),
    DateFormCase(deadline: "by Sep", iso: "2013-09-30"),
    DateFormCase(deadline: "by February", iso: "2014-02-28"),
    DateFormCase(deadline: "by February", iso: "2016-02-29", period: "April 2015 to March 2016"),
    DateFormCase(deadline: "within 3 months", iso: "2013-07-01"),
    DateFormCase(deadline: "within six weeks", iso: "2013-05-13"),
    DateFormCase(deadline: "within 10 days", iso: "2013-04-11"),
    DateFormCase(deadline: "within one year", iso: "2014-04-01"),
    DateFormCase(deadline: "immediately", iso: "2013-04-01"),
    DateFormCase(deadline: "ongoing", iso: nil),
    DateFormCase(deadline: "within 3 months", iso: "2010-10-20", period: "20 July 2010 to July 2011"),
    DateFormCase(deadline: "immediately", iso: "2010-07-20", period: "20 July 2010 to July 2011"),
    DateFormCase(deadline: "by June", iso: "2011-06-30", period: "20 July 2010 to July 2011"),
    DateFormCase(deadline: "by December", iso: "2013-12-31", period: "Q1 2013/14 to Q4 2013/14"),
    DateFormCase(deadline: "within 3 months", iso: "2013-07-01", period: "2013-04-01 to 2014-03-31"),
    // Beyond the spec's list, as councils' documents write them.
    DateFormCase(deadline: "by 31st March 2014", iso: "2014-03-31"),
    DateFormCase(deadline: "by 1st of October 2013", iso: "2013-10-01"),
    DateFormCase(deadline: "by 2nd Dec 2013", iso: "2013-12-02"),
    DateFormCase(deadline: "by 3RD January 2014", iso: "2014-01-03"),
    DateFormCase(deadline: "by 11th Nov 2013", iso: "2013-11-11"),
    DateFormCase(deadline: "by 12th Nov 2013", iso: "2013-11-12"),
    DateFormCase(deadline: "by 13th Nov 2013", iso: "2013-11-13"),
    DateFormCase(deadline: "by 22nd Nov 2013", iso: "2013-11-22"),
    DateFormCase(deadline: "by 31-Mar-14", iso: "2014-03-31"),
    DateFormCase(deadline: "by 1-Oct-2013", iso: "2013-10-01"),
    DateFormCase(deadline: "by Q3 2013-14", iso: "2013-12-31"),
    DateFormCase(deadline: "by Q3 13/14", iso: "2013-12-31"),
    DateFormCase(deadline: "by Q4 2013-2014", iso: "2014-03-31"),
    DateFormCase(deadline: "by end of September 2013", iso: "2013-09-30"),
    DateFormCase(deadline: "by end September", iso: "2013-09-30"),
    DateFormCase(deadline: "by the end of Q3 2013/14", iso: "2013-12-31"),
    DateFormCase(deadline: "by End of 2013/14", iso: "2014-03-31"),
    DateFormCase(deadline: "by Q3", iso: "2013-12-31"),
    DateFormCase(deadline: "by end of Q4", iso: "2014-03-31"),
    DateFormCase(deadline: "by Q1", iso: "2014-06-30", period: "1 July 2013 to 30 June 2014"),
]

extension DateFormTests {
    @Test(arguments: dateFormCases)
    func targetDeadline(_ c: DateFormCase) throws {
        let plan = "plan \"P\"\n  period \(c.period)\nmeasure 1 \"M\"\n  target >= 5% \(c.deadline)\n"
        let result = checkRun(plan)
        #expect(!result.diagnostics.hasErrors, "\(result.listing)")
        let item = try #require(result.model.item("1"))
        let milestone = try #require(item.targets.first?.milestones.first, "\(result.listing)")
        #expect(milestone.deadline.date?.iso == c.iso)
        #expect(milestone.deadline.isOngoing == (c.iso == nil))
    }

    /// After `due` the same forms stand for the date (`by` optional).
    @Test(arguments: dateFormCases)
    func actionDue(_ c: DateFormCase) throws {
        let written = c.deadline.hasPrefix("by ") ? String(c.deadline.dropFirst(3)) : c.deadline
        let plan = "plan \"P\"\n  period \(c.period)\naction 1 \"A\"\n  due \(written)\n"
        let result = checkRun(plan)
        #expect(!result.diagnostics.hasErrors, "\(result.listing)")
        let item = try #require(result.model.item("1"))
        let due = try #require(item.due, "\(result.listing)")
        #expect(due.date?.iso == c.iso)
    }

    /// `timescale A to B`: a month at the start means its first day, at the end its last.
    @Test func timescaleGivesStartAndDue() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\naction 1 \"A\"\n  timescale May 2013 to 31.12.13\n"
            + "action 2 \"B\"\n  timescale 03.01.14 to Q4 2013/14\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        let first = try #require(result.model.item("1"))
        #expect(first.start?.iso == "2013-05-01")
        #expect(first.due?.date?.iso == "2013-12-31")
        let second = try #require(result.model.item("2"))
        #expect(second.start?.iso == "2014-01-03")
        #expect(second.due?.date?.iso == "2014-03-31")
    }

    /// A period starts on its first day and ends on its last.
    @Test(arguments: [
        ("April 2013 to March 2014", "2013-04-01", "2014-03-31"),
        ("20 July 2010 to July 2011", "2010-07-20", "2011-07-31"),
        ("2011/12 to 2012/13", "2011-04-01", "2013-03-31"),
        ("Q4 2011/12 to Q1 2012/13", "2012-01-01", "2012-06-30"),
        ("01.04.13 to 31/03/2014", "2013-04-01", "2014-03-31"),
    ])
    func period(_ written: String, _ start: String, _ end: String) throws {
        let result = checkRun("plan \"P\"\n  period \(written)\n")
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        let period = try #require(result.model.period)
        #expect(period.start.iso == start)
        #expect(period.end.iso == end)
    }

    /// Dates in other clauses (`baseline ... at`, `done`, `progress`, `signoff`)
    /// use the same forms.
    @Test func datesInOtherClauses() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 1 "M"
              baseline 60 at January 2013
              target decrease by 30% by 31.03.14
              signoff EG by September, IB by 30 Sep 2013
            action 2 "A"
              due March 2014
              progress 2013-12-01 "Half done"
              done 10/01/2014

            """
        let result = checkRun(plan)
        #expect(!result.diagnostics.hasErrors, "\(result.listing)")
        let measure = try #require(result.model.item("1"))
        #expect(measure.baseline?.date?.iso == "2013-01-31")
        #expect(measure.baseline?.value == 60)
        #expect(measure.signoffs.map { $0.board } == ["EG", "IB"])
        #expect(measure.signoffs.map { $0.date?.iso } == ["2013-09-30", "2013-09-30"])
        let action = try #require(result.model.item("2"))
        #expect(action.progress.first?.date?.iso == "2013-12-01")
        #expect(action.done?.date?.iso == "2014-01-10")
    }

    /// Near misses of the forms above are errors at the date, with a way out.
    @Test(arguments: [
        ("by 31th March 2014", "expected a deadline date, found \"31th\"", "did you mean \"31st\"?", "31th"),
        ("by 2st May 2013", "expected a deadline date, found \"2st\"", "did you mean \"2nd\"?", "2st"),
        ("by end of 30 September 2013", "`end of` needs a month, a quarter or a year, not a day",
         "by end of September 2013", "30 September 2013"),
        ("by end of", "expected a month, quarter or year after `end of`, found end of line", nil, ""),
        ("by Q3 13/15", "expected a financial year after the quarter, as in `Q4 2011/12`, found \"13/15\"", nil, "13/15"),
        // A bare quarter is placed by the period, as a bare month is; a
        // calendar year after it says nothing of which financial year.
        ("by Q3 2013", "expected a financial year after the quarter, as in `Q4 2011/12`, found \"2013\"", nil, "2013"),
        // Alone, 2013-12 is December 2013: a year written so is never a financial year.
        ("by 2013-14", "expected a deadline date, found \"2013-14\"", nil, "2013-14"),
    ])
    func nearMissesAreErrors(_ deadline: String, _ message: String, _ help: String?, _ underlined: String) throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5% \(deadline)\n"
        let result = checkRun(plan)
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(result.listing)")
        #expect(error.message == message)
        if let help { #expect(error.help?.contains(help) == true, "\(String(describing: error.help))") }
        let span = error.location.span
        #expect(String(decoding: Array(plan.utf8)[span.start..<span.end], as: UTF8.self) == underlined)
    }

    /// A book's date cells take the same forms.
    @Test func bookCellsTakeTheNewForms() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5 by March 2014\n"
        let csv = "measure,date,value\n1,31st July 2013,4\n1,31-Aug-13,5\n1,end of September 2013,6\n1,Q3 2013-14,7\n"
        let files = MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "d.csv": Array(csv.utf8)])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["d.csv"])
        #expect(run.diagnostics.isEmpty, "\(DiagnosticRenderer(sources: run.sources, color: false).render(run.diagnostics))")
        let item = try #require(run.model.items.firstIndex { $0.id == "1" })
        #expect(run.data.items[item].actual.map { $0.date.iso } == ["2013-07-31", "2013-08-31", "2013-09-30", "2013-12-31"])
    }

    /// A bare quarter the period holds twice, or none of, or with no period.
    @Test(arguments: [
        ("April 2013 to March 2015", "Q3 comes 2 times in the plan's period (1 Apr 2013 to 31 Mar 2015)", "Q3 2013/14"),
        ("January 2014 to June 2014", "there is no Q3 in the plan's period (1 Jan 2014 to 30 Jun 2014)", "Q3 2013/14"),
        (nil, "Q3 has no year, and the plan has no period to place it in", "Q3 2013/14"),
    ])
    func aBareQuarterNeedsOneInThePeriod(_ period: String?, _ message: String, _ suggested: String) throws {
        let plan = "plan \"P\"\n" + (period.map { "  period \($0)\n" } ?? "") + "measure 1 \"M\"\n  target >= 5% by Q3\n"
        let result = checkRun(plan)
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(result.listing)")
        #expect(error.message == message)
        #expect(error.help?.contains("`\(suggested)`") == true, "\(String(describing: error.help))")
    }

    /// `31.03.12` is a date where a date is expected, and `2.3` an id where an
    /// id is expected: the parser decides by context.
    @Test func sameAtomIsAnIdOrADateByContext() throws {
        let plan = "plan \"P\"\n  period April 2011 to March 2014\nmeasure 31.03.12 \"M\"\n  target >= 5% by 31.03.12\n"
            + "measure 2.3 \"N\"\n  target >= 5 by 2.3.13\n  links 31.03.12\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        #expect(result.model.items.map(\.id) == ["31.03.12", "2.3"])
        #expect(result.model.item("31.03.12")?.targets.first?.milestones.first?.deadline.date?.iso == "2012-03-31")
        #expect(result.model.item("2.3")?.targets.first?.milestones.first?.deadline.date?.iso == "2013-03-02")
    }
}

// MARK: - Lexer

/// A line of source and the tokens it must lex to (kind and text), end of file left out.
struct LexCase: Sendable, CustomTestStringConvertible {
    let source: String
    let tokens: [(TokenKind, String)]
    var testDescription: String { source }
}

let lexCases: [LexCase] = [
    LexCase(source: "10,000", tokens: [(.number, "10,000")]),
    LexCase(source: "1,234,567.5", tokens: [(.number, "1,234,567.5")]),
    LexCase(source: "2.3", tokens: [(.number, "2.3")]),
    LexCase(source: "85", tokens: [(.number, "85")]),
    LexCase(source: "14.4", tokens: [(.number, "14.4")]),
    LexCase(source: "-5", tokens: [(.number, "-5")]),
    LexCase(source: "-0.5", tokens: [(.number, "-0.5")]),
    LexCase(source: "31.03.12", tokens: [(.atom, "31.03.12")]),
    LexCase(source: "31/03/2012", tokens: [(.atom, "31/03/2012")]),
    LexCase(source: "2013-09-30", tokens: [(.atom, "2013-09-30")]),
    LexCase(source: "2011/12", tokens: [(.atom, "2011/12")]),
    LexCase(source: "Apr-18", tokens: [(.atom, "Apr-18")]),
    LexCase(source: "3.1a", tokens: [(.atom, "3.1a")]),
    LexCase(source: "1.2.5", tokens: [(.atom, "1.2.5")]),
    LexCase(source: "checs-referral", tokens: [(.atom, "checs-referral")]),
    LexCase(source: "A1", tokens: [(.atom, "A1")]),
    LexCase(source: "b4_views", tokens: [(.atom, "b4_views")]),
    LexCase(source: ">= <= < > =", tokens: [(.greaterEqual, ">="), (.lessEqual, "<="), (.less, "<"), (.greater, ">"),
                                            (.equal, "=")]),
    LexCase(source: ">=90%", tokens: [(.greaterEqual, ">="), (.number, "90"), (.percent, "%")]),
    LexCase(source: "85%", tokens: [(.number, "85"), (.percent, "%")]),
    LexCase(source: "a, b", tokens: [(.atom, "a"), (.comma, ","), (.atom, "b")]),
    LexCase(source: "1, 2", tokens: [(.number, "1"), (.comma, ","), (.number, "2")]),
    LexCase(source: "10,00", tokens: [(.number, "10"), (.comma, ","), (.number, "00")]),
    LexCase(source: "10,0000", tokens: [(.number, "10"), (.comma, ","), (.number, "0000")]),
    LexCase(source: "75 per 10,000", tokens: [(.number, "75"), (.atom, "per"), (.number, "10,000")]),
    LexCase(source: "\"a \\\"b\\\" c\"", tokens: [(.string, "\"a \\\"b\\\" c\"")]),
    LexCase(source: "\"caf\u{E9}\"", tokens: [(.string, "\"caf\u{E9}\"")]),
    LexCase(source: "target # >= 90%", tokens: [(.atom, "target")]),
    LexCase(source: "Q4 2011/12", tokens: [(.atom, "Q4"), (.atom, "2011/12")]),
]

extension DateFormTests {
    @Test(arguments: lexCases)
    func lexes(_ c: LexCase) {
        let file = SourceFile(name: "t.plan", text: c.source)
        let lexed = Lexer.lex(file, file: FileID(0))
        #expect(lexed.diagnostics.isEmpty)
        let tokens = lexed.tokens.filter { $0.kind != .endOfFile }
        #expect(tokens.map(\.kind) == c.tokens.map(\.0))
        #expect(tokens.map { file.text($0.span) } == c.tokens.map(\.1))
        #expect(lexed.tokens.last?.kind == .endOfFile)
    }

    /// Keywords are atoms compared case-sensitively in lower case.
    @Test func keywordsAreLowerCase() {
        let file = SourceFile(name: "t.plan", text: "target Target TARGET")
        let tokens = Lexer.lex(file, file: FileID(0)).tokens
        #expect(tokens[0].keyword == .target)
        #expect(tokens[1].keyword != .target)
        #expect(tokens[2].keyword != .target)
    }

    /// Column 1 versus indented lines, and the first token of each line.
    @Test func lineStartsAndColumnOne() {
        let file = SourceFile(name: "t.plan", text: "measure 1\n  target\n\tdue x\nplan")
        let tokens = Lexer.lex(file, file: FileID(0)).tokens.filter { $0.kind != .endOfFile }
        #expect(tokens.map(\.startsLine) == [true, false, true, true, false, true])
        #expect(tokens.map(\.atColumnOne) == [true, false, false, false, false, true])
    }

    /// Comments go to a side table, from `#` to the end of the line (no `\r`).
    @Test func commentsAreKeptAside() {
        let text = "# head\r\nmeasure 1 # tail\n"
        let file = SourceFile(name: "t.plan", text: text)
        let lexed = Lexer.lex(file, file: FileID(0))
        #expect(lexed.comments.map { file.text($0) } == ["# head", "# tail"])
        #expect(lexed.tokens.filter { $0.kind != .endOfFile }.count == 2)
    }

    /// A byte-order mark is not part of the plan.
    @Test func byteOrderMarkIsSkipped() {
        let file = SourceFile(name: "t.plan", bytes: [0xEF, 0xBB, 0xBF] + Array("plan \"P\"\n".utf8))
        let lexed = Lexer.lex(file, file: FileID(0))
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.first?.keyword == .plan)
        #expect(lexed.tokens.first?.atColumnOne == true)
    }

    /// Numbers read by the parser: `10,000` is ten thousand.
    @Test func numberValues() throws {
        let result = checkRun("plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 10,000 by September\n"
            + "measure 2 \"N\"\n  target <= 14.4% by September\nmeasure 3 \"O\"\n  target >= 75 per 10,000 by September\n")
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        func threshold(_ id: String) -> Quantity? {
            guard case .compare(_, let q)? = result.model.item(id)?.targets.first?.milestones.first?.requirement else {
                return nil
            }
            return q
        }
        #expect(threshold("1")?.value == 10_000)
        #expect(threshold("2")?.value == 14.4)
        #expect(threshold("2")?.unit == .percent)
        #expect(threshold("3")?.value == 75)
        #expect(threshold("3")?.unit == .rate(per: 10_000))
        #expect(result.model.item("3")?.unit == .rate(per: 10_000))
    }
}

/// A date expression keeps its form in 32-bit fields: every form the parser
/// can make reads back as written, at the edges of what it reads.
@Test func aDateExpressionKeepsItsFormExactly() {
    let forms: [DateForm] = [
        .day(year: 2013, month: 9, day: 30), .day(year: 9999, month: 999_999_999, day: 999_999_999),
        .day(year: 0, month: 0, day: 0), .month(year: 2013, month: 13), .bareMonth(12), .bareQuarter(4),
        .quarter(4, startYear: 2011), .quarter(7, startYear: 9999), .financialYear(startYear: 2013), .bareDay(month: 9, day: 30), .bareDay(month: 99, day: 999_999_999),
    ]
    for form in forms {
        var expr = DateExpr(form: .bareMonth(1), span: Span(start: 3, end: 9))
        expr.form = form
        #expect(expr.form == form)
        #expect(DateExpr(form: form, span: Span(start: 3, end: 9)) == expr)
        #expect(expr.span == Span(start: 3, end: 9))
    }
}
