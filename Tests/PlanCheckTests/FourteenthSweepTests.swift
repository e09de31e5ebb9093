import Foundation
import Testing
@testable import PlanCheck

// What this round's sweeps found: plans and data in other councils' shapes,
// through the CLI, on files.

@Suite struct FourteenthSweepTests {
    func run(_ arguments: [String], plan: [UInt8], csv: [UInt8]? = nil) throws -> (out: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(plan).write(to: directory.appendingPathComponent("p.plan"))
        var data: [String] = []
        if let csv {
            try Data(csv).write(to: directory.appendingPathComponent("d.csv"))
            data = ["--data", "d.csv"]
        }
        let result = runCLI(arguments + data, in: directory)
        return (result.stdout + result.stderr, result.status)
    }

    /// A plan or CSV saved with classic Mac line ends (a lone CR) reads line
    /// by line, and every place is named by its line: it was one long line,
    /// an error at every clause.
    @Test func loneCarriageReturnsEndLines() throws {
        let plan = Array("plan \"X\"\r  period April 2014 to March 2015\rmeasure 2.3 \"Title\"\r  target >= 90% by March 2015\r".utf8)
        let clean = try run(["check", "p.plan"], plan: plan)
        #expect(clean.status == 0, "\(clean.out)")
        #expect(clean.out.isEmpty, "\(clean.out)")
        let csv = Array("id,date,value\r2.3,2015-03-31,95%\r2.3,2015-02-28,abc\r".utf8)
        let bad = try run(["check", "p.plan"], plan: plan, csv: csv)
        #expect(bad.status == 1)
        #expect(bad.out.contains("d.csv:3:16: error[data-bad-value]"), "\(bad.out)")
        let formatted = try run(["fmt", "p.plan"], plan: plan)
        #expect(formatted.out == "plan \"X\"\n  period April 2014 to March 2015\nmeasure 2.3 \"Title\"\n  target >= 90% by March 2015\n", "\(formatted.out)")
        // CRLF is left alone, and a lone CR inside a CRLF file still ends its line.
        #expect(SourceFile.lineEndsOpened(Array("a\r\nb\rc\r".utf8)) == Array("a\r\nb\nc\n".utf8))
        #expect(SourceFile.lineEndsOpened(Array("a\r\nb\r\n".utf8)) == Array("a\r\nb\r\n".utf8))
    }

    /// A period whose year is mistyped (`March 2104`) makes every bare month
    /// ambiguous; each error's help points at the period, where the mending is.
    @Test func aCenturyLongPeriodIsNamedInTheHelp() throws {
        let plan = Array("""
            plan "X"
              period April 2014 to March 2104
            measure 2.3 "Title"
              target >= 90% by September

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("error[ambiguous-month]: September comes 90 times in the plan's period (1 Apr 2014 to 31 Mar 2104)"), "\(out)")
        #expect(out.contains("help: the period runs 90 years: if a year in it is mistyped, mend the `period`; else write the year, as in `September 2014`"), "\(out)")
        let usual = try run(["check", "p.plan"], plan: Array(String(decoding: plan, as: UTF8.self).replacingOccurrences(of: "2104", with: "2016").utf8)).out
        #expect(usual.contains("help: write the year, as in `September 2014`"), "\(usual)")
    }

    /// A quote written inside a title ends the string there: the error at the
    /// word after it says how to write the quote.
    @Test func aQuoteInsideATitleIsExplained() throws {
        let plan = Array("""
            plan "X"
              period April 2014 to March 2015
            measure 2.4 "Percentage of "re-referrals""
              target >= 90% by September
            action 3 "Fix"
              lead "Head of "Service""

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("""
            p.plan:3:29: error[syntax]: expected a clause (target, due, lead, workstream, ...), found "re-referrals"
            """), "\(out)")
        #expect(out.contains("help: a quote inside a string is written \\\" (as in \"The \\\"good\\\" one\"); this string ended at the quote before \"re-referrals\""), "\(out)")
        #expect(out.contains("before \"Service\"; or separate the items of a `lead` list with commas"), "\(out)")
        // Written as the help says, it is clean.
        let mended = try run(["check", "p.plan"], plan: Array("""
            plan "X"
              period April 2014 to March 2015
            measure 2.4 "Percentage of \\"re-referrals\\""
              target >= 90% by September

            """.utf8))
        #expect(mended.status == 0, "\(mended.out)")
    }

    /// A wide sheet headed `Sept 14`, `May 14` (a month and a two-digit
    /// year, as Excel's Sep-14 is typed by hand) reads those columns: they
    /// were ignored with a warning, and 2.3 judged on April's value alone.
    @Test func aMonthAndTwoDigitYearHeadsADateColumn() throws {
        let plan = Array("""
            plan "X"
              period April 2014 to March 2015
            measure 2.3 "Title"
              target >= 90% by Sept 2014

            """.utf8)
        let csv = Array("id,Apr-14,May 14,Sept 14,Oct-2014\n2.3,80%,85%,91%,92%\n".utf8)
        let out = try run(["eval", "p.plan", "--as-of", "2014-10-31", "--format", "csv"], plan: plan, csv: csv)
        #expect(out.status == 0, "\(out.out)")
        #expect(!out.out.contains("warning"), "\(out.out)")
        #expect(out.out.contains(",met,"), "\(out.out)")
        #expect(out.out.contains("91.0% on 30 Sep 2014, needed at least 90% by 30 Sep 2014: met."), "\(out.out)")
    }

    /// A number past 2^53 is named as written, grouped, while it fits a
    /// 64-bit integer, and as "this number" past that: it was `1e+17`, `∞`
    /// or `1.0000000000000003e+23`, none of which the reader wrote.
    @Test func aNumberTooLargeIsNamedAsWritten() throws {
        let plan = Array("""
            plan "X"
            measure 1 "A"
              target >= 100000000000000000 by 2014-01-01
            measure 2 "B"
              target >= 9007199254740993 by 2014-01-01
            measure 3 "C"
              target >= \(String(repeating: "9", count: 400)) by 2014-01-01

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("p.plan:3:13: error[number-too-large]: 100,000,000,000,000,000 is too large"), "\(out)")
        #expect(out.contains("p.plan:5:13: error[number-too-large]: 9,007,199,254,740,992 is too large"), "\(out)")
        #expect(out.contains("p.plan:7:13: error[number-too-large]: this number is too large"), "\(out)")
        #expect(!out.contains("∞") && !out.contains("e+"), "\(out)")
    }
}
