import Foundation
import Testing
@testable import PlanCheck

// What a sweep of the diagnostic codes found, through the CLI: a code whose
// severity, summary or explanation said something other than what the code
// that emits it does.

@Suite struct ExplanationSweepTests {
    func run(_ arguments: [String], _ files: [String: String]) throws -> (out: String, stdout: String, status: Int32) {
        try runCLI(arguments, files: files)
    }

    static let preamble = "plan \"P\"\n  period April 2013 to March 2014\n"

    /// A bare month, day or quarter the period does not hold cannot be
    /// placed: an error, so it has an error's code, `not-in-period`, not the
    /// warning `outside-period` (a CI filter by code missed or misread it).
    @Test func aDateThePeriodDoesNotHoldIsNotInPeriod() throws {
        let plan = """
            plan "P"
              period April 2013 to September 2013
            measure 1 "M"
              target >= 5 by Q3
              target >= 6 by December
              target >= 7 by 3 December
              target >= 8 by September 2014

            """
        let text = try run(["check", "p.plan"], ["p.plan": plan])
        #expect(text.status == 1)
        #expect(text.out.contains("p.plan:4:18: error[not-in-period]: there is no Q3 in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        #expect(text.out.contains("p.plan:5:18: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        #expect(text.out.contains("p.plan:6:18: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        // A date with its year is placed, and only warned of.
        #expect(text.out.contains("p.plan:7:18: warning[outside-period]: the deadline 30 Sep 2014 is outside the plan's period"), "\(text.out)")
        #expect(text.out.hasSuffix("3 errors, 1 warning\n"), "\(text.out)")

        let json = try run(["check", "--format", "json", "p.plan"], ["p.plan": plan]).stdout
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(findings.map { "\($0["severity"]!) \($0["code"]!)" }
                == ["error not-in-period", "error not-in-period", "error not-in-period", "warning outside-period"])

        // SARIF declares the rule as an error, and each result is one.
        let sarif = try run(["check", "--format", "sarif", "p.plan"], ["p.plan": plan]).stdout
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "not-in-period" })
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.map { "\($0["level"]!) \($0["ruleId"]!)" }
                == ["error not-in-period", "error not-in-period", "error not-in-period", "warning outside-period"])

        let explain = try run(["explain", "not-in-period"], [:])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("not-in-period (error): a bare month, day or quarter that the plan's period does not hold, so it cannot be placed\n"), "\(explain.stdout)")
        #expect(explain.stdout.contains("plan.plan:5:20: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(explain.stdout)")
        let list = try run(["explain"], [:]).stdout
        #expect(list.contains("\nnot-in-period             error    a bare month, day or quarter that the plan's period does not hold"), "\(list)")
        #expect(list.contains("\noutside-period            warning  "), "\(list)")
    }

    /// `explain invalid-cohort` said a result from a cohort below the
    /// minimum is not judged; it is judged, and flagged `small cohort`.
    @Test func aSmallCohortIsJudgedAndFlagged() throws {
        let explain = try run(["explain", "--markdown", "invalid-cohort"], [:]).stdout
        #expect(!explain.contains("not judged"), "\(explain)")
        #expect(explain.contains("A value from a smaller cohort (its D below the minimum) is still judged, and the judgement is flagged `small cohort`"), "\(explain)")
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 6.10 "% seen alone"
              minimum cohort 10
              target >= 75% by December 2013
            data 6.10
              2013-12 7/9

            """
        let eval = try run(["eval", "p.plan", "--as-of", "2014-01-31", "--format", "csv"], ["p.plan": plan])
        #expect(eval.status == 0)
        #expect(eval.stdout.contains(",met,"), "\(eval.stdout)")
        #expect(eval.stdout.contains("small cohort"), "\(eval.stdout)")
    }

    /// A finding plancheck gives, and what `explain` says of it: each
    /// explanation names what its code is used for, or where a like-looking
    /// case goes instead.
    struct Use: Sendable, CustomTestStringConvertible {
        let name: String
        var arguments = ["check", "p.plan"]
        let files: [String: String]
        /// A line of the output, as it must appear.
        let finding: String
        /// The code whose `explain --markdown` page says so, and what it says.
        let page: String
        let says: String
        var testDescription: String { name }
    }

    static let measure = preamble + "measure 2.3 \"M\"\n  target >= 85% by March 2014\n"

    static let uses: [Use] = [
        Use(name: "text after a closing quote is csv-syntax",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "measure,date,value\n2.3,\"2013-11\"x,5\n"],
            finding: "d.csv:2:14: error[csv-syntax]: text after the closing quote of a field",
            page: "csv-syntax", says: "or text follows a field's closing quote before the next comma"),
        Use(name: "a row with more fields than the header is data-extra-field, not csv-syntax",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "measure,date,value\n2.3,2013-09,86%,x\n"],
            finding: "d.csv:2:17: error[data-extra-field]: this row has 4 fields but the header names 3 columns; \"x\" is in none of them",
            page: "csv-syntax", says: "A well-formed row with more fields than the header names is `data-extra-field`, one with fewer `data-bad-value`."),
        Use(name: "a row with fewer fields than the header is data-bad-value",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "measure,date,value\n2.3,2013-10\n"],
            finding: "d.csv:2:1: error[data-bad-value]: this row has 2 fields, too few for the header's columns",
            page: "data-bad-value", says: "a CSV row with fewer fields than its header names"),
        Use(name: "within 3 months with no period is month-without-period",
            files: ["p.plan": "plan \"P\"\nmeasure 1 \"M\"\n  target >= 5% within 3 months\n"],
            finding: "p.plan:3:16: error[month-without-period]: a relative deadline counts from the start of the plan's period, but the plan has none",
            page: "month-without-period", says: "`within 3 months` and `immediately` count from the period's start"),
        Use(name: "due immediately with no period is month-without-period",
            files: ["p.plan": "plan \"P\"\naction 1 \"A\"\n  due immediately\n"],
            finding: "p.plan:3:7: error[month-without-period]: `immediately` counts from the start of the plan's period, but the plan has none",
            page: "month-without-period", says: "`within 3 months` and `immediately` count from the period's start"),
        Use(name: "a period of a bare month is month-without-period",
            files: ["p.plan": "plan \"P\"\n  period April to March 2014\n"],
            finding: "p.plan:2:10: error[month-without-period]: the period needs a year: a bare month or quarter has nothing to be placed in",
            page: "month-without-period", says: "`period April to March 2014` is this error too"),
        Use(name: "a control character in a comment is unexpected-character",
            files: ["p.plan": preamble + "# a note \u{02} here\n"],
            finding: "p.plan:3:10: error[unexpected-character]: control character 0x02 in the text",
            page: "unexpected-character", says: "is reported wherever it stands, in a string or a comment too"),
        Use(name: "a word like no month is syntax, not unknown-month",
            files: ["p.plan": preamble + "measure 1 \"M\"\n  target >= 5% by Foo\n"],
            finding: "p.plan:4:19: error[syntax]: expected a deadline date, found \"Foo\"",
            page: "unknown-month", says: "A word like no month (`by Foo`) is a `syntax` error instead."),
        Use(name: "a bare quarter twice in the period is ambiguous-month",
            files: ["p.plan": "plan \"P\"\n  period April 2013 to March 2015\nmeasure 1 \"M\"\n  target >= 5% by Q2\n"],
            finding: "p.plan:4:19: error[ambiguous-month]: Q2 comes 2 times in the plan's period (1 Apr 2013 to 31 Mar 2015)",
            page: "ambiguous-month", says: "or a bare quarter (`by Q2`)"),
        Use(name: "an empty file is missing-plan",
            files: ["p.plan": ""],
            finding: "p.plan:1:1: warning[missing-plan]: the file has no entries: no plan, measures or actions",
            page: "missing-plan", says: "A file with no entries at all (empty, or only comments) is reported the same way"),
        Use(name: "an ongoing target against a dated one is contradictory-targets",
            files: ["p.plan": preamble + "measure 1 \"M\"\n  target >= 90% ongoing\n  target <= 80% by March 2014\n"],
            finding: "p.plan:5:10: error[contradictory-targets]: measure 1 asks for at least 90% and at most 80%, both in force on 31 Mar 2014; no value meets both",
            page: "contradictory-targets", says: "A standing target (`ongoing`, or recurring: `each month`) is in force on every date it covers"),
        Use(name: "maintain with no baseline is missing-baseline",
            files: ["p.plan": preamble + "measure 1 \"M\"\n  polarity higher\n  target maintain ongoing\n"],
            finding: "p.plan:5:10: warning[missing-baseline]: `maintain` keeps 1 at its baseline, but it has no baseline in the plan; it must come from the data's `baseline` series",
            page: "missing-baseline", says: "and so does `maintain` (no worse than the baseline)"),
        Use(name: "two milestones on one date is milestone-order",
            files: ["p.plan": preamble + "measure 1 \"M\"\n  target >= 80% by March 2014, >= 85% by March 2014\n"],
            finding: "p.plan:4:42: error[milestone-order]: two milestones of one trajectory fall on the same date (31 Mar 2014); each needs its own deadline",
            page: "milestone-order", says: "each on a date of its own"),
        Use(name: "a rating at a date with no data is rag-differs",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": preamble + "measure 1 \"M\"\n  target >= 5 by September 2013\n  rag 2013-10-31 green\n",
                    "d.csv": "measure,date,value\n"],
            finding: "p.plan:5:3: warning[rag-differs]: 1 is rated green on 31 Oct 2013, but its data says no data then",
            page: "rag-differs", says: "no data at that date agrees with none"),
        Use(name: "an empty CSV is data-missing-column",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": ""],
            finding: "d.csv:1:1: error[data-missing-column]: the CSV is empty: it has no header and no rows",
            page: "data-missing-column", says: "An empty file or sheet is this error too"),
        Use(name: "the plan's own data rows for an undeclared id are data-unknown-id",
            files: ["p.plan": measure + "data 2.4\n  2013-09 5%\n"],
            finding: "p.plan:5:6: error[data-unknown-id]: no measure or action named \"2.4\"",
            page: "data-unknown-id", says: "The same goes for the plan's own `data ID` rows"),
        Use(name: "a wide book's column header the period does not hold is data-bad-date",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": "plan \"P\"\n  period April 2013 to September 2013\nmeasure 2.3 \"M\"\n  target >= 85% by September 2013\n",
                    "d.csv": "Measure,Aug-13,December\n2.3,84%,86%\n"],
            finding: "d.csv:1:16: error[data-bad-date]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)",
            page: "data-bad-date", says: "a wide book's date column header"),
        Use(name: "two columns for one date are data-duplicate",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "Measure,Aug-13,August 2013\n2.3,84%,86%\n"],
            finding: "d.csv:1:16: error[data-duplicate]: a second column for 31 Aug 2013",
            page: "data-duplicate", says: "In a wide book, two columns headed with the same date are this error"),
        Use(name: "a value under an empty header is data-extra-field",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "Measure,Aug-13,,Sep-13\n2.3,84%,5,86%\n"],
            finding: "d.csv:2:9: error[data-extra-field]: \"5\" is in a column with no header",
            page: "data-extra-field", says: "or (in a wide book) under a column whose header is empty"),
        Use(name: "a polarity cell that cannot be read is data-plan-mismatch",
            arguments: ["check", "p.plan", "--data", "d.csv"],
            files: ["p.plan": measure, "d.csv": "Measure,Polarity,Aug-13\n2.3,sideways,84%\n"],
            finding: "d.csv:2:5: warning[data-plan-mismatch]: cannot read \"sideways\" as a polarity",
            page: "data-plan-mismatch", says: "A polarity or unit cell plancheck cannot read (`sideways`) is warned of the same way"),
        Use(name: "an include of a data file is syntax",
            files: ["p.plan": preamble + "include \"d.csv\"\n", "d.csv": "measure,date,value\n"],
            finding: "error[syntax]: `include` reads a plan, but \"d.csv\" is a data file",
            page: "syntax", says: "An `include` of a data file (`include \"book.csv\"`) is a syntax error too"),
        Use(name: "--data naming no file is unreadable-file",
            arguments: ["check", "p.plan", "--data", "none.csv"],
            files: ["p.plan": measure],
            finding: "none.csv:1:1: error[unreadable-file]: cannot read data file none.csv: No such file or directory",
            page: "unreadable-file", says: "or `--data book.csv` on the command line"),
        Use(name: "an area no row is for is data-mapping",
            files: ["p.plan": preamble + "measure 3.2 \"M\"\n  polarity lower\n  target <= 20% by March 2014\n"
                        + "data \"cin.csv\"\n  area \"Cheshire West\"\n  measure 3.2 column \"rate\"\n",
                    "cin.csv": "time_period,time_identifier,geographic_level,la_name,rate\n201314,Financial year,Local authority,Cheshire East,19.1\n"],
            finding: "error[data-mapping]: no row of the file is for \"Cheshire West\"",
            page: "data-mapping", says: "an area no row is for, a `where` no row matches"),
    ]

    @Test(arguments: uses)
    func theExplanationSaysWhatTheCodeIsUsedFor(_ use: Use) throws {
        let result = try run(use.arguments, use.files)
        #expect(result.out.contains(use.finding), "\(result.out)")
        let page = try run(["explain", "--markdown", use.page], [:]).stdout
        #expect(page.contains(use.says), "\(page)")
    }

    /// The explanations that named a case other code gives: a row with more
    /// fields than the header (data-extra-field), an error value in a cell
    /// (data-bad-value), results not judged (invalid-cohort).
    @Test func noExplanationNamesACaseAnotherCodeGives() throws {
        let all = try run(["explain", "--markdown"], [:]).stdout
        #expect(!all.contains("or a row has more fields than the header"))
        #expect(!all.contains("an error value, or text where a number was expected"))
        #expect(!all.contains("are not judged"))
    }

    /// A cell holding a spreadsheet error is read, and its value is
    /// data-bad-value; a formula with no saved result is data-bad-cell.
    @Test func anErrorCellIsABadValueAndAnUncalculatedOneABadCell() throws {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.utf8))
        zip.add("_rels/.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8))
        zip.add("xl/workbook.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Book" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8))
        zip.add("xl/worksheets/sheet1.xml", Array(#"""
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\#
            <row r="1"><c r="A1" t="inlineStr"><is><t>Measure</t></is></c><c r="B1" t="inlineStr"><is><t>Aug-13</t></is></c><c r="C1" t="inlineStr"><is><t>Sep-13</t></is></c></row>\#
            <row r="2"><c r="A2" t="inlineStr"><is><t>2.3</t></is></c><c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2"><f>B2*2</f></c></row>\#
            </sheetData></worksheet>
            """#.utf8))
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.measure.utf8).write(to: directory.appendingPathComponent("p.plan"))
        try Data(zip.finish()).write(to: directory.appendingPathComponent("book.xlsx"))
        let out = runCLI(["check", "p.plan", "--data", "book.xlsx"], in: directory).stderr
        #expect(out.contains("book.xlsx[Book]!B2: error[data-bad-value]: the cell holds the spreadsheet error #DIV/0!"), "\(out)")
        #expect(out.contains("book.xlsx[Book]!C2: error[data-bad-cell]: the formula in this cell has no saved result"), "\(out)")
        let page = runCLI(["explain", "--markdown", "data-bad-cell"]).stdout
        #expect(page.contains("A cell holding a spreadsheet error (`#DIV/0!`) is read, and is `data-bad-value`."), "\(page)")
        #expect(runCLI(["explain", "--markdown", "data-bad-value"]).stdout.contains("A cell holding a spreadsheet error (`#DIV/0!`)"))
    }

    /// The cap on findings is per plan, with its includes: two plans of 600
    /// errors each show all 1,200; one plan including two files of 600 each
    /// shows 1,000, a note on the last one, and a count of all 1,200.
    @Test func tooManyErrorsIsPerPlanWithItsIncludes() throws {
        func errors(_ count: Int, from first: Int) -> String {
            (first..<(first + count)).map { "measure \($0) \"M\"\n  target >= 5% by 31.11.13\n" }.joined()
        }
        let files = ["a.plan": Self.preamble + errors(600, from: 0), "b.plan": Self.preamble + errors(600, from: 0),
                     "one.plan": errors(600, from: 0), "two.plan": errors(600, from: 1000),
                     "top.plan": Self.preamble + "include \"one.plan\"\ninclude \"two.plan\"\n"]
        let two = try run(["check", "a.plan", "b.plan"], files)
        #expect(two.status == 1)
        #expect(!two.out.contains("too-many-errors"))
        #expect(two.out.components(separatedBy: "\n\n600 errors\n").count == 3, "\(two.out.suffix(300))")
        #expect(two.out.hasSuffix("\ntotal: 1200 errors in 2 of 2 plans checked\n"), "\(two.out.suffix(300))")

        let one = try run(["check", "top.plan"], files)
        #expect(one.status == 1)
        #expect(one.out.components(separatedBy: ": error[impossible-date]: ").count == 1001)
        // The note sits on the last error shown, the 400th of two.plan.
        #expect(one.out.contains("""
            two.plan:800:19: note[too-many-errors]: 200 more problems are not shown
              800 |   target >= 5% by 31.11.13
                  |                   ^^^^^^^^
                  = help: fix the ones above and run again

            1200 errors (200 not shown), 1 note

            """), "\(one.out.suffix(400))")

        // Where a reader stopped counting first (the parser, at 1000 syntax
        // errors of one file), the total is not known, and not claimed.
        let syntax = try run(["check", "s.plan"], ["s.plan": Self.preamble + String(repeating: "measure\n", count: 1_500)]).out
        #expect(syntax.contains("note[too-many-errors]: more problems are not shown"), "\(syntax.suffix(300))")
        #expect(syntax.hasSuffix("\n\n1000 errors, 1 note\n"), "\(syntax.suffix(300))")

        let json = try run(["check", "--format", "json", "top.plan"], files).stdout
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(findings.count == 1001)

        let summary = try run(["explain"], [:]).stdout
        #expect(summary.contains("\ntoo-many-errors           note     too many findings per plan, with its includes; the rest are not reported\n"), "\(summary)")
        let page = try run(["explain", "--markdown", "too-many-errors"], [:]).stdout
        #expect(page.contains("After 1000 findings per plan, with its includes and its data, plancheck stops listing them"), "\(page)")
        #expect(page.contains("two plans of 600 errors each show all 1,200, one plan including two files of 600 each shows 1,000"))
    }
}
