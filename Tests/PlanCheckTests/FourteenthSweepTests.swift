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
        // A data file keeps its bytes, and its line table ends a line at a lone CR.
        let data = SourceFile(name: "d.csv", dataBytes: Array("a\rb\r\nc".utf8))
        #expect(data.bytes == Array("a\rb\r\nc".utf8))
        #expect(data.position(of: 2) == (line: 2, column: 1) && data.position(of: 5) == (line: 3, column: 1))
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

    // MARK: Data in the shapes analysts have (sweep 15)

    static let dataPlan = Array("""
        plan "Repro"
          period April 2014 to March 2015
        measure 1.4 "Average caseload per social worker"
          polarity lower
          target 20 or fewer by September
        measure 2.1 "% of consultations referred within 1 working day"
          polarity higher
          target no less than 85% by September
        measure 3.1 "Number of referrals received"
          polarity lower
          target <= 1,200 by June
        measure 3.2 "% of re-referrals within 12 months"
          polarity lower
          target <= 20% by September

        """.utf8)

    /// A comma that is not a thousands comma makes no number: `"0,86"` was
    /// read as 86% and `"19,5"` as 195, with no word, and both judged.
    @Test func aDecimalCommaIsAnErrorNotAThousandsComma() throws {
        let csv = Array("measure,date,value\n1.4,2014-09,\"19,5\"\n2.1,2014-09,\"0,86\"\n3.1,2014-06,\"1,240\"\n3.1,2014-05,\"1,,234\"\n3.1,2014-04,\"1234,567\"\n".utf8)
        let out = try run(["check", "p.plan"], plan: Self.dataPlan, csv: csv)
        #expect(out.status == 1)
        for (line, written) in [(2, "19,5"), (3, "0,86"), (5, "1,,234"), (6, "1234,567")] {
            #expect(out.out.contains("d.csv:\(line):13: error[data-bad-value]: cannot read \"\(written)\" as a value"), "\(out.out)")
        }
        #expect(out.out.contains("help: a comma separates thousands, in threes (1,234); a decimal takes a point (19.5, 0.86)"), "\(out.out)")
        #expect(!out.out.contains("d.csv:4:"), "1,240 is a number: \(out.out)")
        #expect(Lexer.numberValue(Array("1,234,567.5".utf8)[...]) == 1_234_567.5)
        #expect(Lexer.numberValue(Array("12,34".utf8)[...]) == nil)
    }

    /// A wide row with more values than the header has dates (an unquoted
    /// `1,234` shifts it), or a value under a blank header, is an error at
    /// that value and the row is not read: June was read as 1 and met.
    @Test func aWideRowWithAValueUnderNoHeaderIsAnError() throws {
        let shifted = try run(["eval", "p.plan", "--as-of", "2014-07-31"], plan: Self.dataPlan,
                              csv: Array("Measure,Apr-14,May-14,Jun-14\n3.1,1,310,1,280,1,240\n".utf8))
        #expect(shifted.status == 1)
        #expect(shifted.out.contains("d.csv:2:13: error[data-extra-field]: this row has 7 fields but the header names 4 columns; \"280\" is in none of them"), "\(shifted.out)")
        let blank = try run(["eval", "p.plan", "--as-of", "2014-07-31"], plan: Self.dataPlan,
                            csv: Array("Measure,Apr-14,,Jun-14\n3.1,1310,1280,1240\n".utf8))
        #expect(blank.out.contains("d.csv:2:10: error[data-extra-field]: \"1280\" is in a column with no header"), "\(blank.out)")
        // Quoted, it reads: June's 1,240 misses at most 1,200.
        let quoted = try run(["eval", "p.plan", "--as-of", "2014-07-31", "--format", "csv"], plan: Self.dataPlan,
                             csv: Array("Measure,Apr-14,May-14,Jun-14\n3.1,\"1,310\",\"1,280\",\"1,240\"\n".utf8))
        #expect(quoted.out.contains("1,240 on 30 Jun 2014, needed at most 1,200 by 30 Jun 2014: 40 over."), "\(quoted.out)")
    }

    /// Read whole, a workbook's visible sheet that names the plan's ids but
    /// has no header plancheck reads is warned of: its figures were dropped
    /// in silence and 1.4 judged on the older sheet alone.
    @Test func aSheetOfThePlansIdsWithNoReadableHeaderIsWarnedOf() {
        let book = ZipWriter.workbook([
            ("Q1", [["Ref", "Apr-14", "May-14", "Jun-14"], ["1.4", "25", "24", "23"]]),
            ("Q2", [["Ref", "July '14", "Aug '14", "Sept '14"], ["1.4", "21", "19", "18"]]),
            ("Notes", [["These figures are provisional"]]),
        ])
        let files = MemoryFiles(bytes: ["p.plan": Self.dataPlan, "b.xlsx": book])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.map(\.code) == [.dataIgnoredSheet], "\(run.listing)")
        #expect(run.listing.contains("b.xlsx[Q2]:2:1: warning[data-ignored-sheet]: the sheet \"Q2\" names 1.4 but has no header plancheck reads, so none of it is read"), "\(run.listing)")
    }

    /// A sheet's cells lose the spaces at their ends, as a CSV's do (`1.3 `
    /// was an unknown id); E notation, how Excel keeps a formula's tiny or
    /// huge result, is written out as a decimal (it was "cannot read").
    @Test func sheetCellsAreTrimmedAndEnotationIsANumber() {
        let book = ZipWriter.workbook([("Book", [["Measure", "Series", "Apr-14 "], ["1.4 ", "", "22"]])])
        let files = MemoryFiles(bytes: ["p.plan": Self.dataPlan, "b.xlsx": book])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.isEmpty, "\(run.listing)")
        #expect(CellText.positional("-2.7755575615628914E-17") == "-0.000000000000000027755575615628914")
        #expect(CellText.positional("1.23e+21") == "1230000000000000000000")
        #expect(CellText.positional("4.5e2") == "450")
        #expect(CellText.positional("86.5") == "86.5")
        #expect(CellText.plain(1e-9) == "0.000000001")
        #expect(Display.nonzero(-2.7755575615628914e-17) == "-0.000000000000000027755575615628914")
    }

    /// With one value a measure (a first month's book), fractions are warned
    /// of when every percentage in the book is one: 0.86 was judged 0.9%.
    @Test func aBookOfFractionsIsWarnedOfWithOneValueEach() throws {
        let csv = Array("Measure,Sep-14\n1.4,12\n2.1,0.86\n3.2,0.18\n".utf8)
        let out = try run(["check", "p.plan"], plan: Self.dataPlan, csv: csv)
        #expect(out.out.contains("d.csv:3:5: warning[data-fraction]: every value of 2.1 lies between 0 and 1, but its targets ask for percentages such as 85%"), "\(out.out)")
        // One fraction beside a percentage that is not one stays unwarned.
        let mixed = Array("Measure,Aug-14,Sep-14\n2.1,86%,0.86\n".utf8)
        #expect(try !run(["check", "p.plan"], plan: Self.dataPlan, csv: mixed).out.contains("data-fraction"))
    }

    /// An empty data file (or one of blank lines) is an error: it read as a
    /// book with no data yet, and every target as no data.
    @Test func anEmptyDataFileIsAnError() throws {
        for bytes in [[], Array("\n\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            let out = try run(["check", "p.plan"], plan: Self.dataPlan, csv: bytes)
            #expect(out.status == 1)
            #expect(out.out.contains("d.csv:1:1: error[data-missing-column]: the CSV is empty: it has no header and no rows"), "\(out.out)")
        }
    }

    // MARK: Plans in other councils' wording (sweep 14)

    /// A slipped value is shown with the decimals that tell it from the
    /// level: "slipped ... 22.0%" against at most 22% contradicted itself.
    @Test func aSlippedValueIsToldFromItsLevel() throws {
        let plan = Array("""
            plan "D1"
              period April 2013 to March 2014
            measure 3.2 "% of referrals which are repeat referrals"
              polarity lower
              target do not exceed 22% by September
            data 3.2
              2013-09 21.9%
              2013-10 22.04%

            """.utf8)
        let eval = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--format", "csv"], plan: plan).out
        #expect(eval.contains("met, but slipped since 31 Oct 2013: 22.04% on 31 Oct 2013."), "\(eval)")
        let report = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: plan).out
        #expect(report.contains("21.9% (30 Sep 2013); latest 22.04% (31 Oct 2013)"), "\(report)")
    }

    /// `increase by 5 each month`: a plain amount before a recurring
    /// deadline reads as `increase by 5 by March` does (it was "expected a
    /// deadline date, found 5").
    @Test func anAmountBeforeEachMonthParses() throws {
        let plan = Array("""
            plan "D4"
              period April 2015 to March 2016
            measure 6.8 "Case file audits completed"
              baseline 20 at March 2015
              target increase by 5 each month from July 2015
            measure 6.9 "Audits"
              baseline 20 at March 2015
              target increase by 5 every quarter

            """.utf8)
        let check = try run(["check", "p.plan"], plan: plan)
        #expect(check.status == 0, "\(check.out)")
        let csv = Array("measure,date,value\n6.8,2015-07,26\n6.8,2015-08,24\n".utf8)
        let eval = try run(["eval", "p.plan", "--as-of", "2015-09-05", "--format", "csv"], plan: plan, csv: csv).out
        // By hand: each month needs 20 + 5 = 25; July's 26 met, August's 24 is 1 short.
        #expect(eval.contains("24 on 31 Aug 2015, needed increase by 5 in Aug 2015 (baseline 20, so at least 25): 1 short; met in 1 of the 2 months since Jul 2015."), "\(eval)")
    }

    /// A sustained comparator target broken in one month names the
    /// comparator's value then and the level it made, so "5 short" can be traced.
    @Test func aBrokenSustainedComparatorTargetNamesTheComparator() throws {
        let plan = Array("""
            plan "D2"
              period April 2013 to March 2014
            comparator sn "Statistical neighbour average" tolerance 2 points
            measure u3 "% of CIN plans reviewed on time"
              polarity higher
              target in line with sn by December sustained 3 months
            data u3
              2013-09 70 sn
              2013-10 69
              2013-11 75 sn
              2013-11 68
              2013-12 74

            """.utf8)
        let eval = try run(["eval", "p.plan", "--as-of", "2013-12-31", "--format", "csv"], plan: plan).out
        #expect(eval.contains("68 on 30 Nov 2013 breaks the level (needed in line with sn sustained for 3 months by 31 Dec 2013; Statistical neighbour average 75 on 30 Nov 2013, so at least 73): 5 short."), "\(eval)")
    }

    /// A count's level from a relative change is whole when it is (50 + 10%
    /// is 55, not "55.0"), and a day 0 is said to be no day.
    @Test func aChangedCountAndADayZero() throws {
        let plan = Array("""
            plan "X"
            measure 2 "Referrals"
              baseline 50 at April 2013
              target increase by 10% by March 2014
            data 2
              2014-03 54

            """.utf8)
        let eval = try run(["eval", "p.plan", "--as-of", "2014-04-30", "--format", "csv"], plan: plan).out
        #expect(eval.contains("(baseline 50, so at least 55): 1 short."), "\(eval)")
        let day = try run(["check", "p.plan"], plan: Array("plan \"X\"\nmeasure 1 \"A\"\n  target >= 5 by 0.3.16\n".utf8)).out
        #expect(day.contains("error[impossible-date]: 0.3.16 is not a date: there is no day 0 of a month"), "\(day)")
    }

    /// A data file named twice, once by an absolute path or a link, is read
    /// once: every observation was a duplicate and the plan refused.
    @Test func aDataFileNamedTwiceBySeveralSpellingsIsReadOnce() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sub = directory.appendingPathComponent("dd")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "plan \"D\"\n  period April 2013 to March 2014\ndata \"book.csv\"\nmeasure m \"x\"\n  target >= 5 by March 2014\n"
            .write(to: sub.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try "measure,date,value\nm,2013-06,6\n".write(to: sub.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("link.csv").path, withDestinationPath: "book.csv")
        for data in [sub.appendingPathComponent("book.csv").path, "dd/link.csv", "dd/book.csv"] {
            let result = runCLI(["check", sub.appendingPathComponent("p.plan").path, "--data", data], in: directory)
            #expect(result.status == 0, "\(data): \(result.stderr)")
        }
    }

    /// "No data" on a sustained or recurring target gives the book's reason
    /// for the month it names, and no reason from another month: a
    /// suppressed July went unsaid, and October's "-" was given for March.
    @Test func aMissingMonthGetsItsOwnReasonAndNoOther() throws {
        let plan = Array("""
            plan "G"
              period April 2014 to March 2015
            measure 1.1 "Children seen within 10 working days"
              polarity higher
              target >= 80% by September sustained 3 months
            measure 3.2 "Visits on time"
              polarity higher
              target >= 80% each month from September 2014

            """.utf8)
        let csv = Array("Measure,Jun-14,Jul-14,Aug-14,Sep-14,Oct-14,Nov-14,Dec-14,Jan-15,Feb-15,Mar-15\n1.1,85,c,85,85\n3.2,,,,85,-,85,85,85,85,\n".utf8)
        let out = try run(["eval", "p.plan", "--as-of", "2015-04-15", "--format", "csv"], plan: plan, csv: csv).out
        #expect(out.contains("No observation of 1.1 in Jul 2014: a level sustained for 3 months needs one in each month to 30 Sep 2014. The book marks 31 Jul 2014 as suppressed (c)."), "\(out)")
        #expect(out.contains("\"No value of 3.2 for Mar 2015; met in 5 of the 7 months since Sep 2014, 2 with no value.\","), "\(out)")
        #expect(!out.contains("31 Oct 2014"), "\(out)")
    }

    /// One cell left without its percent format (0.86 beside 85% and 88%) is
    /// warned of; a small percentage beside small ones (0.5% beside 4%) is not.
    @Test func aStrayFractionAmongPercentagesIsWarnedOf() throws {
        let csv = Array("Measure,Jun-14,Jul-14,Aug-14,Sep-14\n2.1,85%,88%,87%,0.86\n3.2,5%,4%,4.5%,0.5\n".utf8)
        let out = try run(["check", "p.plan"], plan: Self.dataPlan, csv: csv)
        #expect(out.status == 0)
        #expect(out.out.contains("d.csv:2:17: warning[data-fraction]: 0.86 is read as 0.86%, but 2.1's other values run from 85% to 88%"), "\(out.out)")
        #expect(out.out.contains("help: a spreadsheet keeps 86% as 0.86: write it as 86 or 86%"), "\(out.out)")
        #expect(out.out.contains("1 warning"), "\(out.out)")
    }

    /// A book's series words are read in any case, as its status words are:
    /// `Actual`, `Baseline`, and `SN` for the plan's one `sn`.
    @Test func seriesNamesInAnyCase() throws {
        let plan = Array("""
            plan "S"
              period April 2014 to March 2015
            comparator sn "Statistical neighbours" tolerance 2 points
            measure 1 "Re-referrals"
              polarity higher
              target in line with sn by September
            measure 2 "Visits"
              polarity higher
              target increase by 5 points by September

            """.utf8)
        let csv = Array("measure,date,value,series\n1,2014-09,80,SN\n1,2014-09,79,Actual\n2,2014-04,50,Baseline\n2,2014-09,56,\n".utf8)
        let out = try run(["eval", "p.plan", "--as-of", "2014-10-31", "--format", "csv"], plan: plan, csv: csv)
        #expect(out.status == 0, "\(out.out)")
        #expect(out.out.contains("79 on 30 Sep 2014, needed in line with sn by 30 Sep 2014 (Statistical neighbours 80 on 30 Sep 2014, so at least 78): met."), "\(out.out)")
        #expect(out.out.contains("56 on 30 Sep 2014, needed increase by 5 points by 30 Sep 2014 (baseline 50, so at least 55): met."), "\(out.out)")
    }

    /// A long book whose header misnames a column (`status` for `value`) is
    /// `data-missing-column` at that header: its first row passed for a wide
    /// header, 1.8's date was read as its completion and "not started" as met.
    @Test func aMisnamedLongHeaderIsNamedNotSkipped() throws {
        let plan = Array("""
            plan "p"
              period April 2013 to March 2014
            action 1.7 "MASH"
              due March 2014
            action 1.8 "Training"
              due March 2014

            """.utf8)
        let misnamed = try run(["check", "p.plan"], plan: plan,
                               csv: Array("measure,date,status\n1.7,2013-09-20,in progress\n1.8,2013-10-01,not started\n".utf8))
        #expect(misnamed.status == 1)
        #expect(misnamed.out.contains("d.csv:1:1: error[data-missing-column]: the CSV has no value column"), "\(misnamed.out)")
        // Under a title row, and with no long-form word but `Date`: the header is still the one named.
        let titled = try run(["check", "p.plan"], plan: plan,
                             csv: Array("Performance book\nRef,Date,Actual\n1.7,2013-09,82\n".utf8))
        #expect(titled.out.contains("d.csv:2:1: error[data-missing-column]: the CSV has no measure, value column"), "\(titled.out)")
        #expect(!titled.out.contains("data-ignored-column"), "\(titled.out)")
    }

    // MARK: Settled rules at their edges (sweep 18)

    /// `average`, `sustained` and `each ...` on one milestone, or a recurring
    /// `done`, are refused: the evaluator judged one and dropped the other,
    /// and said met (a Jan-Mar average of 76.7% against 85%).
    @Test func combinedTimeRulesAreRefused() throws {
        let plan = Array("""
            plan "T"
              period April 2013 to March 2015
            measure a "% A"
              target average >= 85% over 3 months each quarter from Q4 2013/14
            measure b "% B"
              target >= 85% each month from January 2014 sustained 3 months
            measure c "% C"
              target average >= 80% over 3 months by March 2014 sustained 3 months
            measure d "D"
              target done each month from January 2014

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan)
        #expect(out.status == 1)
        #expect(out.out.contains("p.plan:4:10: error[syntax]: an `average ... over N months` target cannot also be `each quarter`"), "\(out.out)")
        #expect(out.out.contains("p.plan:6:10: error[syntax]: a recurring target (`each month`) cannot also be `sustained`"), "\(out.out)")
        #expect(out.out.contains("p.plan:8:10: error[syntax]: an `average ... over N months` target cannot also be `sustained`"), "\(out.out)")
        #expect(out.out.contains("p.plan:10:10: error[syntax]: a `done` target is done once, so it cannot be `each month`"), "\(out.out)")
        #expect(out.out.contains("4 errors"), "\(out.out)")
    }

    /// A past deadline keeps the baseline it was judged against: one
    /// recorded later does not re-judge it (met at 30 Sep, missed at 31 Oct,
    /// on the same value). And a plan's baseline dated after the as-of date
    /// is not yet seen, as the same baseline in the data is not.
    @Test func aBaselineRecordedLaterDoesNotRejudgeAPastDeadline() throws {
        let plan = Array("""
            plan "T"
              period April 2013 to March 2014
            measure b "Agency staff"
              target decrease by 30% by September
            data b
              2013-06-30 60 baseline
              2013-08-31 40
              2013-10-31 50 baseline

            """.utf8)
        for asOf in ["2013-09-30", "2013-10-31", "2014-03-31"] {
            let out = try run(["eval", "p.plan", "--as-of", asOf, "--format", "csv"], plan: plan).out
            #expect(out.contains(",met,") && out.contains("(baseline 60, so at most 42): met."), "\(asOf): \(out)")
        }
        let planned = Array("""
            plan "T"
              period April 2013 to March 2014
            measure b "% converted"
              polarity lower
              baseline 23% at December 2013
              target maintain by March 2014
            data b
              2013-09-30 23%

            """.utf8)
        let early = try run(["eval", "p.plan", "--as-of", "2013-09-30", "--format", "csv"], plan: planned).out
        #expect(early.contains(",no data,") && early.contains("but the baseline of b is dated 31 Dec 2013, after 30 Sep 2013"), "\(early)")
        let later = try run(["eval", "p.plan", "--as-of", "2014-01-31", "--format", "csv"], plan: planned).out
        #expect(later.contains("(baseline 23.0%)"), "\(later)")
    }

    /// A measure that names no unit and whose data writes `40%` is a
    /// percentage: its `400` (a count baseline) is percent-range, not a
    /// baseline of "400.0%" and a judgement of met.
    @Test func aPercentageByItsDataRefusesCounts() throws {
        let plan = Array("""
            plan "p"
              period April 2013 to March 2014
            measure 3.2 "Referrals"
              polarity lower
              target decrease by March 2014
            data 3.2
              2013-04 400 baseline
              2013-10 40%

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan)
        #expect(out.status == 1)
        #expect(out.out.contains("p.plan:7:3: error[percent-range]: 400 is not a percentage between 0 and 100, but 3.2's data writes its values as percentages"), "\(out.out)")
    }

    /// A value missing a comparator's band by a hair is told from the band's
    /// edge ("21.04%" over at most 21%), as from a fixed level; a projection
    /// that falls short of the level reads short of it ("89.98%", not
    /// "90.0%"); an ongoing sustained target's window counts every value for
    /// the small-cohort flag, as a dated one's does.
    @Test func nearEdgesAreShownTrue() throws {
        let comparator = Array("""
            plan "T"
              period April 2013 to March 2014
            comparator sn "SN average" tolerance 5%
            measure d "% D"
              polarity lower
              target in line with sn by September
            data d
              2013-09-30 21.04
              2013-09-30 20% sn

            """.utf8)
        let band = try run(["eval", "p.plan", "--as-of", "2013-09-30", "--format", "csv"], plan: comparator).out
        #expect(band.contains(",missed,21.04,21.04%,"), "\(band)")
        #expect(band.contains("21.04% on 30 Sep 2013"), "\(band)")
        let projection = Array("""
            plan "T"
              period April 2013 to March 2015
            measure t "% seen"
              target >= 90% by 30 June 2014
            data t
              2014-01-31 88.96%
              2014-02-28 89.16%
              2014-03-31 89.36%

            """.utf8)
        let short = try run(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: projection).out
        #expect(short.contains("0.6 points short, 3 months left; projected 89.98% at the deadline."), "\(short)")
        let cohort = Array("""
            plan "T"
              period April 2013 to March 2014
            measure a "% A"
              minimum cohort 10
              target >= 70% ongoing sustained 3 months
            data a
              2013-08 8/9
              2013-09 40/50
              2013-10 40/50

            """.utf8)
        let flagged = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--format", "csv"], plan: cohort).out
        #expect(flagged.contains(",met,") && flagged.contains(",small cohort,"), "\(flagged)")
    }

    /// `by 2015-16`, a financial year as councils write it, is an error
    /// whose help gives the language's `2015/16`.
    @Test func aFinancialYearWithADashGetsTheSlash() throws {
        let plan = Array("plan \"X\"\n  period April 2015 to March 2016\nmeasure 1 \"A\"\n  target >= 5 by 2015-16\n".utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("p.plan:4:18: error[syntax]: expected a deadline date, found \"2015-16\""), "\(out)")
        #expect(out.contains("help: for the financial year, write `2015/16`: with a dash, a year is followed by its month (2015-06 is June 2015)"), "\(out)")
    }

    // MARK: Structure (sweep 19)

    /// A plan file is known by what it is, not how its path is spelt: the
    /// same file included as `a.plan` and `../d/a.plan` is read once (from
    /// one folder it was a duplicate id, from another clean), and a plan
    /// named twice, by a relative and an absolute path, is judged once.
    @Test func aPlanFileIsOneFileUnderEverySpelling() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let d = directory.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        try "plan \"P\"\n  period April 2013 to March 2014\ninclude \"a.plan\"\ninclude \"../d/a.plan\"\ndata 1.1\n  2013-09 8\n"
            .write(to: d.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try "measure 1.1 \"Referrals\"\n  polarity lower\n  target <= 10 by September\n"
            .write(to: d.appendingPathComponent("a.plan"), atomically: true, encoding: .utf8)
        #expect(runCLI(["check", "main.plan"], in: d).status == 0)
        #expect(runCLI(["check", "d/main.plan"], in: directory).status == 0)
        let twice = runCLI(["eval", "main.plan", d.appendingPathComponent("main.plan").path, "--as-of", "2013-10-31"], in: d)
        #expect(twice.stdout.contains("1 met, 0 at risk, 0 missed, 0 no data, 0 pending"), "\(twice.stdout)")
    }

    /// `--workstream` keeps the items in that workstream (their own, else
    /// their section's), as every output shows them; a workstream or lead the
    /// plan never names is a usage error with a "did you mean", not a clean
    /// empty result that passes `--fail-on`; several plans are headed by all
    /// their titles.
    @Test func evalFiltersMeanWhatTheOutputShows() throws {
        let plan = Array("""
            plan "P"
              period April 2013 to March 2014
            workstream EFD "Early help"
            workstream WF "Workforce"
            section S1 "Front door"
              workstream EFD
              lead "Ann Smith"
            measure 1.1 "Agency staff"
              workstream WF
              lead "Bob Jones"
              polarity lower
              target <= 10 by September
            measure 1.2 "Repeat referrals"
              polarity lower
              target <= 10% by September
            data 1.1
              2013-09 8
            data 1.2
              2013-09 14%

            """.utf8)
        let efd = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--workstream", "EFD", "--format", "csv"], plan: plan).out
        #expect(!efd.contains(",1.1,") && efd.contains(",1.2,"), "\(efd)")
        let wf = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--workstream", "wf", "--format", "csv"], plan: plan).out
        #expect(wf.contains(",1.1,") && !wf.contains(",1.2,"), "\(wf)")
        let typo = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--workstream", "EDF", "--fail-on", "missed"], plan: plan)
        #expect(typo.status == 2)
        #expect(typo.out.contains("plancheck: --workstream: the plan has no workstream named \"EDF\""), "\(typo.out)")
        #expect(typo.out.contains("did you mean \"EFD\"?"), "\(typo.out)")
        let lead = try run(["eval", "p.plan", "--as-of", "2013-10-31", "--lead", "Ann Smyth"], plan: plan)
        #expect(lead.status == 2 && lead.out.contains("did you mean \"Ann Smith\"?"), "\(lead.out)")
    }

    /// `include "book.csv"` (for `data`) is one error with the fix; it was a
    /// syntax error at every line of the CSV.
    @Test func includingADataFileSaysToUseData() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plan \"P\"\n  period April 2014 to March 2015\ninclude \"book.csv\"\nmeasure 1.1 \"x\"\n  target >= 5 by September\n"
            .write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try "measure,date,value\n1.1,2014-09,6\n".write(to: directory.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)
        let out = runCLI(["check", "p.plan"], in: directory)
        #expect(out.stderr.contains("p.plan:3:9: error[syntax]: `include` reads a plan, but \"book.csv\" is a data file"), "\(out.stderr)")
        #expect(out.stderr.contains("help: write `data \"book.csv\"` to read it as data"), "\(out.stderr)")
        #expect(out.stderr.contains("1 error"), "\(out.stderr)")
    }

    /// A recommendation's own clauses are checked and shown under its heading:
    /// its sign-off's impossible date passed `check`, and its officer,
    /// sign-off, note and `key` were in no report.
    @Test func aSectionsOwnClausesAreCheckedAndShown() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            recommendation R1 "Referrals"
              officer "Dan Green"
              signoff IB by 31.11.13
              note "Rec note"
              key
            measure 1.1 "Referrals in time"
              polarity higher
              target >= 85% by September
            data 1.1
              2013-09 80%

            """
        let bad = try run(["check", "p.plan"], plan: Array(plan.utf8))
        #expect(bad.out.contains("p.plan:5:17: error[impossible-date]: 31.11.13 is not a date: November 2013 has 30 days"), "\(bad.out)")
        let good = Array(plan.replacingOccurrences(of: "31.11.13", with: "30.11.13").utf8)
        let report = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: good).out
        #expect(report.contains("### Recommendation R1: Referrals\n\nKey recommendation.\n\nOfficer: Dan Green.\n\nIB sign-off due by 30 Nov 2013.\n\nRec note\n"), "\(report)")
        let late = try run(["check", "p.plan"], plan: Array(plan.replacingOccurrences(of: "31.11.13", with: "September 2015").utf8))
        #expect(late.out.contains("p.plan:5:17: warning[outside-period]: the IB sign-off date 30 Sep 2015 is outside the plan's period"), "\(late.out)")
    }

    /// An include that cannot be read is one error: the names it would have
    /// declared are not each an unknown reference (one missing file gave five
    /// errors), and the error says how many uses were left unchecked.
    @Test func aMissingIncludeIsOneError() throws {
        let plan = Array("""
            plan "P"
              period April 2013 to March 2014
            include "declarations.plan"
            section S2 "x"
              part of S1
            measure 1.1 "x"
              workstream EFD
              target in line with sn by September
            measure 1.2 "y"
              workstream EFD
              target >= 5 by September

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("p.plan:3:9: error[unreadable-file]: cannot read included plan \"declarations.plan\""), "\(out)")
        #expect(out.contains("note: 4 references to names not declared in the files read are not reported: the missing plan may declare them"), "\(out)")
        #expect(!out.contains("unknown-reference") && out.contains("1 error"), "\(out)")
    }

    /// Inline rows dated by a bare quarter or a day and month take the number
    /// after as their value (`Q3 49`, `30 September 49`), as a bare month's
    /// row does; in a target the same number is still asked to be a year.
    @Test func inlineRowsDatedByABareQuarterOrDay() throws {
        let plan = Array("""
            plan "Parse forms"
              period April 2014 to March 2015
            measure m "Reviews"
              polarity higher
              target >= 10 by Q4
            measure p "% reviewed"
              polarity higher
              target >= 80% by Q4
            data m
              Q1 49
              Q2 49.5
              30 November 48
            data p
              Q3 45/50

            """.utf8)
        let out = try run(["eval", "p.plan", "--as-of", "2015-04-30", "--format", "csv"], plan: plan)
        #expect(out.status == 0, "\(out.out)")
        #expect(out.out.contains("48 on 30 Nov 2014, needed at least 10 by 31 Mar 2015: met."), "\(out.out)")
        #expect(out.out.contains("90.0% (45 of 50) on 31 Dec 2014"), "\(out.out)")
        // `Q4 14/15` is the financial year's Q4, its value missing: not a cohort of 14/15.
        let fy = try run(["check", "p.plan"], plan: Array(String(decoding: plan, as: UTF8.self).replacingOccurrences(of: "  Q3 45/50\n", with: "  Q4 14/15\n").utf8))
        #expect(fy.out.contains("error[syntax]: expected a value"), "\(fy.out)")
        let target = try run(["check", "p.plan"], plan: Array("plan \"X\"\n  period April 2014 to March 2015\nmeasure n \"R\"\n  target >= 10 by 30 September 14\n".utf8)).out
        #expect(target.contains("error[syntax]: expected a four-digit year, found \"14\""), "\(target)")
    }

    // MARK: Quarterly and annual (sweep 21)

    /// A recurring or ongoing target contradicts another when both apply on
    /// a date and no value meets both; a dated target that falls between a
    /// recurring one's period ends, or levels that overlap, are fine.
    @Test func standingTargetsThatContradict() throws {
        let plan = Array("""
            plan "Contra"
              period April 2014 to March 2015
            measure c "c"
              target <= 15% each quarter from Q1 2014/15
              target >= 20% each quarter from Q3 2014/15
            measure a "a"
              target <= 15% each quarter
              target >= 20% by Q2
            measure o "o"
              target <= 15% ongoing
              target >= 20% by Q2
            measure ok "ok"
              target <= 15% each quarter
              target >= 20% by 15 August 2014
            measure ok2 "ok2"
              target <= 15% each month
              target >= 10% ongoing

            """.utf8)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("p.plan:5:10: error[contradictory-targets]: measure c asks for at most 15% and at least 20%, both in force on 31 Dec 2014; no value meets both"), "\(out)")
        #expect(out.contains("p.plan:8:10: error[contradictory-targets]: measure a asks for at most 15% and at least 20%, both in force on 30 Sep 2014"), "\(out)")
        #expect(out.contains("p.plan:11:10: error[contradictory-targets]: measure o asks for"), "\(out)")
        #expect(out.contains("3 errors"), "\(out)")
    }

    /// A tidy file's `where` that matches no row is an error at the `where`,
    /// with the values the column holds: "TOTAL" for "Total" read nothing,
    /// in silence, or blamed the area.
    @Test func aWhereThatMatchesNoRowIsNamed() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "time_period,time_identifier,geographic_level,la_name,breakdown,cin_rate\n2013,Reporting year,Local authority,Warrington,Total,360\n2014,Reporting year,Local authority,Warrington,Female,170\n"
            .write(to: directory.appendingPathComponent("cin.csv"), atomically: true, encoding: .utf8)
        for area in ["", "  area \"Warrington\"\n"] {
            try "plan \"where\"\n  period April 2013 to March 2014\ndata \"cin.csv\"\n\(area)  measure 3.5 column \"cin_rate\"\n  where \"breakdown\" = \"TOTAL\"\nmeasure 3.5 \"Rate of children in need per 10,000\"\n  target <= 400 per 10,000 by 2013/14\n"
                .write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
            let out = runCLI(["check", "p.plan"], in: directory)
            #expect(out.status == 1)
            #expect(out.stderr.contains("error[data-mapping]: no row of the file has breakdown = \"TOTAL\", so nothing is read"), "\(out.stderr)")
            #expect(out.stderr.contains("help: did you mean \"Total\"? the column holds \"Total\", \"Female\""), "\(out.stderr)")
            #expect(!out.stderr.contains("no row of the file is for"), "\(out.stderr)")
        }
    }
}
