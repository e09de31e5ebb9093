import Foundation
import Testing
@testable import PlanCheck

// What the sweeps of whole plans and of the machine-readable outputs found,
// through the CLI, on files.

@Suite struct FifteenthSweepTests {
    func run(_ arguments: [String], _ files: [String: String], book: String? = nil) throws -> (out: String, stdout: String, status: Int32) {
        try runCLI(arguments, files: files, books: book.map { [$0] } ?? [])
    }

    /// A comparator band's edge is shown with the decimals that tell it from
    /// the value and show the gap: 20.8% was "missed" against "at most
    /// 20.8%" (19.8% and 5%), and 5.95 read as "6.0" over "5.9" by 0.01.
    @Test func aBandEdgeIsToldFromTheValueItMisses() throws {
        let plan = """
            plan "t"
              period April 2024 to March 2025
            comparator sn "Statistical neighbours"
              tolerance 5%
            measure 2.2 "Re-referrals"
              polarity lower
              target in line with sn by October 2024
            measure 2.3 "Stability"
              polarity higher
              target in line with sn by October 2024
            measure 2.4 "Either way"
              target in line with sn by October 2024
            measure 2.5 "Agency staff"
              unit count
              polarity lower
              target within 10% of sn by October 2024
            data 2.2
              2024-09 20.8%
              2023-12 19.8% sn
            data 2.3
              2024-09 18.8%
              2023-12 19.8% sn
            data 2.4
              2024-09 20.8%
              2023-12 19.8% sn
            data 2.5
              2024-09 5.95
              2023-12 5.4 sn

            """
        let out = try run(["eval", "p.plan", "--as-of", "2024-11-30", "--format", "csv"], ["p.plan": plan]).stdout
        #expect(out.contains("(Statistical neighbours 19.8% on 31 Dec 2023, so at most 20.79%): 0.01 points over."), "\(out)")
        #expect(out.contains("(Statistical neighbours 19.8% on 31 Dec 2023, so at least 18.81%): 0.01 points short."), "\(out)")
        #expect(out.contains("(Statistical neighbours 19.8% on 31 Dec 2023, allowed ±0.99 points): 0.01 points outside the range."), "\(out)")
        #expect(out.contains("5.95 on 30 Sep 2024, needed within 10% of sn by 31 Oct 2024 (Statistical neighbours 5.4 on 31 Dec 2023, so at most 5.94): 0.01 over."), "\(out)")
        // A value the usual decimals already tell apart is shown as before.
        let clear = try run(["eval", "p.plan", "--as-of", "2024-11-30"], ["p.plan": plan.replacingOccurrences(of: "2024-09 5.95", with: "2024-09 7")]).out
        #expect(clear.contains("7 on 30 Sep 2024"), "\(clear)")
    }

    /// A projection against a comparator's band is told from the band's edge,
    /// as it is from a fixed level: "projected 63.998%" against at least 64%.
    @Test func aProjectionIsToldFromTheBandEdge() throws {
        let plan = """
            plan "t"
              period April 2024 to March 2025
            comparator eng "England average"
              tolerance 5 points
            measure C2 "Stability"
              polarity higher
              target within 5 points of eng by March 2025
            data C2
              2024-04 69% eng
              2024-06 64.6%
              2024-09 64.38%
              2024-12 64.2%

            """
        let out = try run(["eval", "p.plan", "--as-of", "2025-01-15", "--format", "csv"], ["p.plan": plan]).stdout
        #expect(out.contains("projected 63.998% at 31 Mar 2025, against within 5 points of eng (England average 69.0% on 30 Apr 2024, so at least 64.0%)"), "\(out)")
    }

    /// An overdue or ongoing action's explanation quotes its latest progress
    /// note; the table and the report do not repeat it beside.
    @Test func aQuotedProgressNoteIsShownOnce() throws {
        let plan = """
            plan "t"
              period April 2024 to March 2025
            action A4 "Audit the IRO footprint"
              due 30 September
              progress 2024-09-20 "Audit complete; report delayed"
            action A5 "Keep the audit going"
              due ongoing
              progress 2024-09-20 "Going"
            action A6 "Done on time"
              due 30 September
              progress 2024-09-01 "Started"
              done 2024-09-20

            """
        let table = try run(["eval", "p.plan", "--as-of", "2024-10-15"], ["p.plan": plan]).out
        #expect(table.components(separatedBy: "report delayed").count == 2, "\(table)")
        #expect(!table.contains("Progress 20 Sep 2024: Going"), "\(table)")
        // A note the explanation does not quote is still shown.
        #expect(table.contains("Progress 1 Sep 2024: Started"), "\(table)")
        for format in ["markdown", "html"] {
            let report = try run(["report", "p.plan", "--as-of", "2024-10-15", "--format", format], ["p.plan": plan]).stdout
            let why = report.components(separatedBy: "\n").filter { $0.contains("Not done by its due date") }
            #expect(!why.isEmpty && why.allSatisfy { $0.components(separatedBy: "report delayed").count == 2 }, "\(format): \(why)")
        }
        // The JSON keeps the commentary as its own field.
        let json = try run(["eval", "p.plan", "--as-of", "2024-10-15", "--format", "json"], ["p.plan": plan]).stdout
        #expect(json.contains("\"commentary\": {\"date\": \"2024-09-20\", \"text\": \"Audit complete; report delayed\"}") || json.contains("\"text\": \"Audit complete; report delayed\""), "\(json)")
    }

    /// A wide book's unit column of `%` makes a measure the plan gives no
    /// unit a percentage, as `40%` in its cells does: shown as one, and 147
    /// is `percent-range`.
    @Test func aBooksPercentUnitColumnMakesAPercentage() throws {
        let plan = """
            plan "t"
              period April 2024 to March 2025
            comparator eng "England average"
              tolerance 3 points
            measure 1.2 "% of EHC plans issued within 20 weeks"
              polarity higher
              target in line with eng by October 2024

            """
        let bad = try run(["eval", "p.plan", "--data", "u.csv", "--as-of", "2024-11-30"],
                          ["p.plan": plan, "u.csv": "Measure,Series,Unit,Jun-24,Sep-24\n1.2,,%,45,147\n1.2,eng,%,50.3,\n"])
        #expect(bad.status == 1)
        #expect(bad.out.contains("u.csv:2:11: error[percent-range]: 147 is not a percentage between 0 and 100"), "\(bad.out)")
        let good = try run(["eval", "p.plan", "--data", "u.csv", "--as-of", "2024-11-30", "--format", "csv"],
                           ["p.plan": plan, "u.csv": "Measure,Series,Unit,Jun-24,Sep-24\n1.2,,%,45,47\n1.2,eng,%,50.3,\n"])
        #expect(good.stdout.contains("47.0% on 30 Sep 2024"), "\(good.out)")
        #expect(good.stdout.contains("0.3 points short"), "\(good.out)")
        // A count column leaves it a count.
        let counts = try run(["eval", "p.plan", "--data", "u.csv", "--as-of", "2024-11-30", "--format", "csv"],
                             ["p.plan": plan, "u.csv": "Measure,Series,Unit,Jun-24,Sep-24\n1.2,,count,45,147\n1.2,eng,count,150,\n"])
        #expect(counts.status == 0 && counts.stdout.contains("147 on 30 Sep 2024"), "\(counts.out)")
    }

    static let measuresPlan = """
        plan "Measures"
          period April 2013 to March 2014
        recommendation A1 "Timely referrals"
        measure 2.3 "% seen in time"
          target >= 85% by September

        """
    static let actionsPlan = """
        plan "Actions"
          period April 2013 to March 2014
        recommendation A1 "Timely referrals"
        action 1.7 "Set up the MASH"
          due September

        """

    /// A council's measures plan and actions plan share one performance
    /// book: each plan passes over the other's rows, where each refused them
    /// as unknown ids. An id no plan has is still an error, said once.
    @Test func twoPlansShareOneBook() throws {
        let files = ["m.plan": Self.measuresPlan, "a.plan": Self.actionsPlan,
                     "book.csv": "measure,date,value\n2.3,2013-09,86%\n1.7,2013-09-20,complete\n"]
        let eval = try run(["eval", "m.plan", "a.plan", "--data", "book.csv", "--as-of", "2013-12-31", "--format", "csv"], files)
        #expect(eval.status == 0, "\(eval.out)")
        #expect(eval.stdout.contains("2.3,measure,% seen in time,A1,,,false,2013-09-30,met,86"), "\(eval.out)")
        #expect(eval.stdout.contains("1.7,action,Set up the MASH,A1,,,false,2013-09-30,met"), "\(eval.out)")
        let check = try run(["check", "m.plan", "a.plan", "--data", "book.csv"], files)
        #expect(check.status == 0 && check.out.isEmpty, "\(check.out)")
        var unknown = files
        unknown["book.csv"]! += "9.9,2013-09,5\n"
        let bad = try run(["check", "m.plan", "a.plan", "--data", "book.csv"], unknown)
        #expect(bad.status == 1)
        #expect(bad.out.components(separatedBy: "error[data-unknown-id]").count == 2, "\(bad.out)")
        #expect(bad.out.contains("book.csv:4:1: error[data-unknown-id]: the plan has no measure or action \"9.9\""), "\(bad.out)")
        // One plan alone still refuses the other's rows: they are unknown to it.
        let alone = try run(["check", "m.plan", "--data", "book.csv"], files)
        #expect(alone.status == 1 && alone.out.contains("\"1.7\""), "\(alone.out)")
    }

    /// Several plans judged as one: the JSON, CSV and JUnit say which plan
    /// each result is from (two plans' sections A1 and ids could not be told
    /// apart); one plan's output is as it was.
    @Test func severalPlansSayWhichPlanAResultIsFrom() throws {
        let files = ["m.plan": Self.measuresPlan, "a.plan": Self.actionsPlan]
        let arguments = ["eval", "m.plan", "a.plan", "--as-of", "2013-12-31", "--format"]
        let json = try run(arguments + ["json"], files).stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["plan"] as? String } == ["m.plan", "a.plan"], "\(json)")
        let csv = try run(arguments + ["csv"], files).stdout
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",rag,ragDate,ragReason,ragComputed,plan") == true, "\(csv)")
        #expect(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).last } == ["m.plan", "a.plan"], "\(csv)")
        let junit = try run(arguments + ["junit"], files).stdout
        #expect(junit.contains(#"<testsuite name="m.plan: Recommendation A1 Timely referrals""#), "\(junit)")
        #expect(junit.contains(#"<testcase classname="plancheck[a.plan].A1" name="1.7 done by 30 Sep 2013">"#), "\(junit)")
        let one = try run(["eval", "m.plan", "--as-of", "2013-12-31", "--format", "json"], files).stdout
        #expect(!one.contains("\"plan\""), "\(one)")
        let oneCSV = try run(["eval", "m.plan", "--as-of", "2013-12-31", "--format", "csv"], files).stdout
        #expect(oneCSV.split(separator: "\n").first?.hasSuffix(",ragComputed") == true, "\(oneCSV)")
    }

    /// `--fail-on at-risk` fails the run on an at-risk target, and the JUnit
    /// report shows it as a failure: a red job had an all-green report.
    @Test func junitFailsWhatFailsTheRun() throws {
        let plan = """
            plan "t"
              period April 2013 to March 2014
            measure 3.2 "% re-referrals"
              polarity lower
              target <= 22% by March 2014
            data 3.2
              2013-11 25%

            """
        let strict = try run(["eval", "p.plan", "--as-of", "2013-12-31", "--format", "junit", "--fail-on", "at-risk"], ["p.plan": plan])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(#"tests="1" failures="1""#), "\(strict.out)")
        #expect(strict.stdout.contains(#"<failure message="25.0% on 30 Nov 2013"#) && strict.stdout.contains(#"type="at risk">"#), "\(strict.out)")
        let usual = try run(["eval", "p.plan", "--as-of", "2013-12-31", "--format", "junit"], ["p.plan": plan])
        #expect(usual.status == 0)
        #expect(usual.stdout.contains(#"tests="1" failures="0""#) && usual.stdout.contains("<system-out>at risk: 25.0%"), "\(usual.out)")
    }

    /// Numbers past 9e15 are written as digits, grouped, like any other:
    /// 9,007,199,254,740,990 read as "9007199254740990.0".
    @Test func largeNumbersAreGrouped() {
        #expect(Display.number(9_007_199_254_740_990, grouping: true) == "9,007,199,254,740,990")
        #expect(Display.number(9_007_199_254_740_990, decimals: 1, grouping: true) == "9,007,199,254,740,990.0")
        #expect(Display.number(-4_503_599_627_370_496, grouping: true) == "-4,503,599,627,370,496")
        #expect(Display.number(1_000_000_000_000.5, decimals: 4) == "1000000000000.5000")
        #expect(Display.number(123.45678) == "123.4568")
        #expect(Display.number(1e19) == "1e+19")
        #expect(Display.value(9_007_199_254_740_990, unit: .count, decimals: 1) == "9,007,199,254,740,990.0")
    }

    /// An action the plan gives no `due` clause is never missed, as an
    /// ongoing one, but is said as having no due date: "ongoing" is not
    /// what the plan says (an imported timescale that could not be read
    /// leaves such actions).
    @Test func anActionWithNoDueDateIsNotCalledOngoing() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            action 2.1 "Introduce the new plan template"
            action 2.2 "Keep the audit going"
              due ongoing
            action 2.3 "Train the managers"
              done 2024-06-01

            """
        let table = try run(["eval", "p.plan", "--as-of", "2024-10-01"], ["p.plan": plan]).out
        #expect(table.contains("done      no due date  -                pending  No due date, not done: no status"), "\(table)")
        #expect(table.contains("done      ongoing      -                pending  Ongoing, not done: no status"), "\(table)")
        #expect(table.contains("Done on 1 Jun 2024 (no due date)."), "\(table)")
        let json = try run(["eval", "p.plan", "--as-of", "2024-10-01", "--format", "json"], ["p.plan": plan]).stdout
        #expect(json.contains("\"required\": \"done, no due date\""), "\(json)")
        let report = try run(["report", "p.plan", "--as-of", "2024-10-01", "--format", "markdown"], ["p.plan": plan]).stdout
        #expect(report.contains("2 actions are pending: 1 ongoing, 1 with no due date."), "\(report)")
        #expect(report.contains("| 2.1 | done, no due date | – |"), "\(report)")
    }

    /// A comparison in other words gets a suggestion of the same direction:
    /// `no higher than` (at most) was offered `no fewer than` (at least),
    /// which checks clean with the target turned round.
    @Test func didYouMeanKeepsTheDirection() throws {
        let cases: [(String, String)] = [
            ("no higher than 20%", "did you mean `no more than`?"),
            ("no bigger than 20%", "did you mean `no more than`?"),
            ("not lower than 80%", "did you mean `not less than`?"),
            ("no smaller than 80%", "did you mean `no less than`?"),
            ("higher than 15%", "did you mean `more than`?"),
            ("lower than 15%", "did you mean `less than`?"),
            ("better than sn", "`better than` does not say which way: write `above` or `below` a level (`above 85%`), or `in line with` a comparator"),
            ("A maximum of 15%", "did you mean `maximum of`?"),
        ]
        for (written, help) in cases {
            let plan = "plan \"T\"\n  period April 2013 to March 2014\nmeasure 1 \"x\"\n  target \(written) by March 2014\n"
            let out = try run(["check", "p.plan"], ["p.plan": plan]).out
            #expect(out.contains("p.plan:4:10: error[syntax]") && out.contains("= help: " + help), "\(written): \(out)")
        }
    }

    /// A step-up of recurring standards: the later level is in force once
    /// its first period has ended (the earliest milestone not yet due, else
    /// the last); the superseded one was the headline for ever.
    @Test func aRecurringStepUpHeadsWithTheLevelInForce() throws {
        let plan = """
            plan "T"
              period April 2013 to March 2015
            measure m1 "Visits"
              target at least 20 each month from December 2013, at least 25 each month from April 2014
            data m1
              2014-03 21
              2014-05 26
              2014-06 22

            """
        func headlines(_ asOf: String) throws -> [Bool] {
            let json = try run(["eval", "p.plan", "--as-of", asOf, "--format", "json"], ["p.plan": plan]).stdout
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return ((document["results"] as? [[String: Any]]) ?? []).map { $0["headline"] as? Bool ?? false }
        }
        // 31 March: the first level's March is due, the second's April not yet.
        #expect(try headlines("2014-03-31") == [false, true])
        // 30 June: both judge June; the later level is the last, so in force.
        #expect(try headlines("2014-06-30") == [false, true])
        let table = try run(["eval", "p.plan", "--as-of", "2014-06-30", "--format", "csv"], ["p.plan": plan]).stdout
        #expect(table.contains("needed at least 25 in Jun 2014"), "\(table)")
    }

    /// A rolling twelve months: `2023/24` merged over Oct to Mar, `2024/25`
    /// over Apr to Sep, the months bare. Each month is its year's: March
    /// 2024's 96% was read as March 2025's and judged met.
    @Test func aYearHeadingPlacesTheMonthsUnderIt() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            measure FD1 "% of contacts decided within one working day"
              polarity higher
              target >= 90% by March 2025
            data "rolling-year.xlsx"

            """
        let out = try run(["eval", "p.plan", "--as-of", "2025-04-10", "--format", "csv"], ["p.plan": plan], book: "rolling-year.xlsx")
        #expect(out.status == 0, "\(out.out)")
        #expect(out.stdout.contains("89.0% on 30 Sep 2024, needed at least 90% by 31 Mar 2025: 1.0 point short."), "\(out.out)")
        // The same in a CSV: a year heading reaches to the next.
        let csv = ",2023/24,,,,,,2024/25,,,,,\nRef,Oct,Nov,Dec,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep\nFD1,91%,92%,93%,94%,95%,96%,80%,81%,82%,83%,84%,89%\n"
        let fromCSV = try run(["eval", "p.plan", "--as-of", "2025-04-10", "--format", "csv"],
                              ["p.plan": plan.replacingOccurrences(of: "rolling-year.xlsx", with: "rolling.csv"), "rolling.csv": csv])
        #expect(fromCSV.stdout.contains("89.0% on 30 Sep 2024"), "\(fromCSV.out)")
    }

    /// A cell's number format is what the sheet shows: the number 1.1 in a
    /// `0.00` cell is the id 1.10 (its data had gone to 1.1), and a time is
    /// the hours it shows (0.7 in `[h]:mm` is 16:48, 16.8 hours, not 0.7).
    @Test func numberFormatsReadAsTheSheetShows() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            measure 1.1 "% of contacts decided within one working day"
              polarity higher
              target >= 90% by June 2024
            measure 1.10 "% of child protection visits on time"
              polarity higher
              target >= 50% by June 2024
            measure FD6 "Average hours from contact to decision"
              target <= 12 hours by June 2024
            measure FD7 "Average hours to a strategy discussion"
              target <= 12 hours by June 2024
            data "formats.xlsx"

            """
        let out = try run(["eval", "p.plan", "--as-of", "2024-07-31", "--format", "csv"], ["p.plan": plan], book: "formats.xlsx")
        #expect(out.stdout.contains("No observation of 1.1 on or before the deadline 30 Jun 2024."), "\(out.out)")
        #expect(out.stdout.contains("60.0% on 30 Jun 2024, needed at least 50% by 30 Jun 2024: met."), "\(out.out)")
        #expect(out.stdout.contains("16.8 hours on 30 Jun 2024, needed at most 12 hours by 30 Jun 2024: 4.8 hours over."), "\(out.out)")
        #expect(out.stdout.contains("12 hours on 30 Jun 2024, needed at most 12 hours by 30 Jun 2024: met."), "\(out.out)")
        // The formats themselves.
        #expect(NumberFormat.kind(of: "[h]:mm") == .hours && NumberFormat.kind(of: "h:mm:ss") == .hours)
        #expect(NumberFormat.kind(of: "mmm-yy") == .date(hasDay: false) && NumberFormat.kind(of: "[mm]:ss") == .plain)
        #expect(NumberFormat.kind(of: "#,##0.00") == .fixed(decimals: 2) && NumberFormat.kind(of: "0.0%") == .percent)
        #expect(NumberFormat.builtIn(2) == .fixed(decimals: 2) && NumberFormat.builtIn(20) == .hours)
        #expect(CellText.number(86.456, kind: .fixed(decimals: 1), date1904: false) == "86.456")
        #expect(CellText.number(7, kind: .fixed(decimals: 2), date1904: false) == "7.00")
    }

    /// A formula with no saved result is an error only where the book is
    /// read: a title's, a description's, a YTD or notes column's formula
    /// stopped the whole book.
    @Test func anUnreadFormulaDoesNotStopTheBook() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            measure FD1 "% of contacts decided within one working day"
              polarity higher
              target >= 90% by June 2024
            data "formulas.xlsx"

            """
        let out = try run(["check", "p.plan"], ["p.plan": plan], book: "formulas.xlsx")
        #expect(out.status == 1)
        #expect(out.out.components(separatedBy: "error[data-bad-cell]").count == 2, "\(out.out)")
        #expect(out.out.contains("formulas.xlsx[Book]!E4: error[data-bad-cell]: the formula in this cell has no saved result"), "\(out.out)")
    }

    /// Near misses get help about what was written: more of a date after a
    /// deadline, an end for a recurring or ongoing target, an event after
    /// `within`, a level held, an amount of change in another unit, a
    /// comparator's name for its id. Each had "separate the items of a
    /// `target` list with commas" or "every target needs a deadline".
    @Test func nearMissesGetHelpAboutWhatWasWritten() throws {
        let cases: [(String, String)] = [
            ("by Feb 14", "the date ends at \"Feb\": dates look like 30 September 2013"),
            ("by Sep 30 2013", "the date ends at \"Sep\""),
            ("by Q4 FY2013/14", "write the financial year without `FY`, as `2013/14` (or `Q4 2013/14`)"),
            ("each month by March 2014", "a recurring target is judged each period to the end of the plan's period and has no deadline of its own"),
            ("each month until March 2014", "a recurring target is judged each period"),
            ("ongoing from December 2013", "`ongoing` has no start or end: for a level each month from a date, write `each month from December 2013`"),
            ("within 3 months of the inspection", "`within` counts from the start of the plan's period; a time after an event (`of the inspection`) is a process standard"),
            ("by October maintained for 3 months", "for a level held for months, write `sustained 3 months` after the deadline"),
            ("increase by 10pp by March 2014", "an amount of change is a percentage (`increase by 10%`) or points (`increase by 10 points`)"),
            ("decrease by 2 days by March 2014", "an amount of change is a percentage"),
            ("increase from 60% to 75% by March 2014", "for a change between two levels, write `from 60% to 75% by DATE`, without `increase`"),
            ("in line with statistical neighbours by March 2014", "a comparator is named by its one-word id, as in `in line with sn`"),
            ("in line with the sn by March 2014", "a comparator is named by its one-word id"),
            ("by September >= 90% by March 2014", "separate the items of a `target` list with commas"),
        ]
        for (written, help) in cases {
            let plan = "plan \"T\"\n  period April 2013 to March 2014\ncomparator sn \"SN\"\n  tolerance 5%\nmeasure 1 \"x\"\n"
                + "  baseline 50% at April 2013\n  target >= 80% \(written)\n"
            let plain = written.hasPrefix("increase") || written.hasPrefix("decrease") || written.hasPrefix("in line")
            let out = try run(["check", "p.plan"], ["p.plan": plain ? plan.replacingOccurrences(of: ">= 80% ", with: "") : plan]).out
            #expect(out.contains("error[syntax]") && out.contains("= help: " + help), "\(written): \(out)")
        }
    }

    /// A wide book with a blank corner (`,Apr-24,May-24`) has its ids under
    /// the empty header: it was refused, and the advice to name the sheet
    /// then failed too.
    @Test func aWideBookWithABlankCornerIsRead() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            measure FD1 "% of contacts decided within one working day"
              polarity higher
              target >= 90% by June 2024

            """
        let out = try run(["eval", "p.plan", "--data", "b.csv", "--as-of", "2024-07-31", "--format", "csv"],
                          ["p.plan": plan, "b.csv": ",Apr-24,May-24,Jun-24\nFD1,91%,92%,93%\n"])
        #expect(out.status == 0 && out.stdout.contains("93.0% on 30 Jun 2024, needed at least 90% by 30 Jun 2024: met."), "\(out.out)")
    }

    /// Thousands of targets on one date are looked at once each: 4,000
    /// alternating targets took a minute and 3 GB, a finding for every pair
    /// (3,999,063). Now each contradicting target is one finding. (The work
    /// is linear; this asserts the findings, the bench measures time.)
    @Test func manyTargetsOnOneDateAreOneFindingEach() throws {
        let lines = (0..<400).map { $0 % 2 == 1 ? "  target >= 90% by March 2014\n" : "  target <= 10% by March 2014\n" }.joined()
        let plan = "plan \"x\"\n  period April 2013 to March 2014\nmeasure 1 \"m\"\n" + lines
        let out = try run(["check", "--format", "json", "p.plan"], ["p.plan": plan])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        #expect(findings.count == 399, "\(findings.count)")
        #expect(findings.allSatisfy { $0["code"] as? String == "contradictory-targets" })
        // Standing targets too: one finding for each that contradicts one before it.
        let ongoing = "plan \"x\"\n  period April 2013 to March 2014\nmeasure 1 \"m\"\n"
            + (0..<400).map { $0 % 2 == 1 ? "  target >= 90% ongoing\n" : "  target <= 10% ongoing\n" }.joined()
        let standing = try run(["check", "--format", "json", "p.plan"], ["p.plan": ongoing])
        let more = try #require(try JSONSerialization.jsonObject(with: Data(standing.stdout.utf8)) as? [[String: Any]])
        #expect(more.count == 399, "\(more.count)")
    }

    /// A value is never rounded onto or across a level written with more
    /// decimals than usual: 35.25 against at most 35.25 read "35.3 ...: met".
    @Test func aValueIsNotRoundedAcrossItsLevel() throws {
        let plan = """
            plan "x"
              period April 2013 to March 2014
            measure m "Rate of children in need"
              polarity lower
              target <= 35.25 per 10,000 by September
            measure n "Caseload"
              unit count
              target <= 2.25 by September
            measure p "Share"
              target >= 33.33% by September
            measure r "Share above"
              target >= 35.25% by September
            data m
              2013-09 35.25
            data n
              2013-09 2.25
            data p
              2013-09 33.33%
            data r
              2013-09 36.2%

            """
        let out = try run(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], ["p.plan": plan]).stdout
        #expect(out.contains("35.25 per 10,000 on 30 Sep 2013, needed at most 35.25 per 10,000 by 30 Sep 2013: met."), "\(out)")
        #expect(out.contains("2.25 on 30 Sep 2013, needed at most 2.25 by 30 Sep 2013: met."), "\(out)")
        #expect(out.contains("33.33% on 30 Sep 2013, needed at least 33.33% by 30 Sep 2013: met."), "\(out)")
        // A value with fewer decimals keeps them.
        #expect(out.contains("36.2% on 30 Sep 2013, needed at least 35.25% by 30 Sep 2013: met."), "\(out)")
    }

    /// A workbook's sheets are bounded together, not only each part: six
    /// sheets of 250 MB of XML each took 10 GB and nine minutes. Past the
    /// budget the workbook is refused at the sheet that passes it.
    @Test func aWorkbooksSheetsAreBoundedTogether() {
        let rows = [["measure", "date", "value"]] + (1...40).map { ["2.3", "2013-\(String(format: "%02d", $0 % 12 + 1))", "80"] }
        let book = ZipWriter.workbook([("One", rows), ("Two", rows), ("Three", rows)])
        guard case .success(let whole) = Workbook.read(book) else { Issue.record("the book should read"); return }
        #expect(whole.sheets.count == 3)
        // Each sheet alone fits a budget that the three together pass.
        guard case .success(let zip) = ZipArchive.read(book), let sheet = zip.entry("xl/worksheets/sheet1.xml") else {
            Issue.record("the book is a ZIP with a first sheet"); return
        }
        let sheetXML = sheet.uncompressedSize
        guard case .success = Workbook.read(book, xmlBudget: 3 * sheetXML) else { Issue.record("three sheets under 5,000 bytes each"); return }
        switch Workbook.read(book, xmlBudget: sheetXML + sheetXML / 2) {
        case .success: Issue.record("three sheets passed a budget that holds one and a half")
        case .failure(let error):
            #expect(error.message.contains("xl/worksheets/sheet2.xml") && error.message.contains("MiB of XML together; save the sheet the plan reads on its own, or as CSV"), "\(error.message)")
        }
    }

    /// Rows past Excel's last are not read: a sheet of 1.88 million rows
    /// took a minute and 1.9 GB. Said at the last row Excel has.
    @Test func aSheetStopsAtExcelsLastRow() {
        let sheet = SheetReaderTests.read(#"<x:row r="1048576"><x:c r="A1048576"><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row>"#)
        #expect(sheet.problems.map { $0.message } == ["the sheet has more rows than Excel's 1048576; it is not read past row 1048576"])
        #expect(sheet.problems.first?.cell == "A1048576")
    }

    /// A tab pasted into one cell of a CSV is text, not the separator: the
    /// whole file was read as tab-separated and refused ("no header row").
    /// A Word table's tab-separated lines with commas in their cells stay
    /// tab-separated.
    @Test func aTabInACSVCellIsText() throws {
        let csv = try run(["import", "t.csv"], ["t.csv": "Ref,Action,Person Responsible,Timescale\n1.1,Audit\tcases,Ann,31.03.12\n"])
        #expect(csv.status == 0 && csv.stdout.contains("action 1.1 \"Audit cases\""), "\(csv.out)")
        let tsv = try run(["import", "t.tsv"], ["t.tsv": "Ref\tAction\tLead\tTimescale\n1.1\tAudit cases, then report\tAnn, Bob\t31.03.12\n"])
        #expect(tsv.status == 0 && tsv.stdout.contains("action 1.1 \"Audit cases, then report\""), "\(tsv.out)")
    }

    /// A book of one value, a first month's, is warned of when that value is
    /// a fraction against a percentage target (0.8 against at least 80% was
    /// judged "0.8%, 79.2 points short" in silence).
    @Test func aBookOfOneFractionIsWarnedOf() throws {
        let plan = "plan \"x\"\n  period April 2013 to March 2014\nmeasure 2.3 \"% seen\"\n  target >= 80% by September\n"
        let out = try run(["check", "p.plan", "--data", "b.csv"], ["p.plan": plan, "b.csv": "measure,date,value,series\n2.3,2013-09,0.8,\n"])
        #expect(out.out.contains("b.csv:2:13: warning[data-fraction]: every value of 2.3 lies between 0 and 1, but its targets ask for percentages such as 80%"), "\(out.out)")
    }

    /// A number cell holding `0x50` is no number (Swift reads it as 80).
    @Test func aHexadecimalCellIsNoNumber() {
        let sheet = SheetReaderTests.read(#"<x:row r="1"><x:c r="A1" t="n"><x:v>0x50</x:v></x:c><x:c r="B1" t="n"><x:v>1.5E-2</x:v></x:c></x:row>"#)
        #expect(sheet.problems.map { $0.message } == ["\"0x50\" in a number cell is not a number"])
        #expect(sheet.grid() == [["", "0.015"]])
    }

    /// A plan saved as UTF-16 is one finding that says so (it was one per
    /// NUL between its letters: 115 for a short plan), and `fmt -w` leaves it.
    @Test func aUTF16PlanIsOneFinding() throws {
        let text = "plan \"T\"\n  period April 2013 to March 2014\nmeasure 1 \"x\"\n  target >= 80% by March 2014\n"
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let withMark: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bare: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        try Data(withMark).write(to: directory.appendingPathComponent("le.plan"))
        try Data(bare).write(to: directory.appendingPathComponent("be.plan"))
        let le = runCLI(["check", "le.plan"], in: directory)
        #expect(le.status == 1 && le.stderr.contains("le.plan:1:1: error[invalid-utf8]: the file is UTF-16 text (little-endian), not UTF-8"), "\(le.stderr)")
        #expect(le.stderr.components(separatedBy: "error[").count == 2, "\(le.stderr)")
        let be = runCLI(["check", "be.plan"], in: directory)
        #expect(be.stderr.contains("error[invalid-utf8]: the file is UTF-16 text (big-endian), not UTF-8"), "\(be.stderr)")
        let formatted = runCLI(["fmt", "-w", "le.plan"], in: directory)
        #expect(formatted.status != 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("le.plan")) == Data(withMark))
    }

    /// A rolling twelve months with no year headings is read in the plan's
    /// period, as the language says, and warned of where its months go back;
    /// a book that runs backwards throughout is not.
    @Test func bareMonthsThatGoBackAreWarnedOf() throws {
        let plan = """
            plan "p"
              period April 2024 to March 2025
            measure FD1 "% of contacts decided within one working day"
              polarity higher
              target >= 90% by March 2025

            """
        let rolling = try run(["check", "p.plan", "--data", "b.csv"],
                              ["p.plan": plan, "b.csv": "Ref,Oct,Nov,Dec,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep\nFD1,91%,92%,93%,94%,95%,96%,80%,81%,82%,83%,84%,89%\n"])
        #expect(rolling.status == 0)
        #expect(rolling.out.contains("b.csv:1:29: warning[data-plan-mismatch]: the book's months, placed in the plan's period, go back here: \"Apr\" is 30 Apr 2024, after 31 Mar 2025"), "\(rolling.out)")
        let backwards = try run(["check", "p.plan", "--data", "b.csv"], ["p.plan": plan, "b.csv": "Ref,Sep,Aug,Jul,Jun\nFD1,91%,92%,93%,94%\n"])
        #expect(backwards.status == 0 && backwards.out.isEmpty, "\(backwards.out)")
        let headed = try run(["check", "p.plan", "--data", "b.csv"],
                             ["p.plan": plan, "b.csv": ",2023/24,,,,,,2024/25,,,,,\nRef,Oct,Nov,Dec,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep\nFD1,91%,92%,93%,94%,95%,96%,80%,81%,82%,83%,84%,89%\n"])
        #expect(headed.status == 0 && headed.out.isEmpty, "\(headed.out)")
    }

    /// `explain` takes one code: a second word is a usage error, not ignored.
    @Test func explainTakesOneCode() throws {
        let out = try run(["explain", "impossible-date", "extra"], [:])
        #expect(out.status == 2 && out.out.contains("explain takes one diagnostic code, not 2"), "\(out.out)")
        #expect(try run(["explain", "impossible-date"], [:]).status == 0)
    }

    /// A number where a count goes, but not one plancheck counts, is said as
    /// what it is ("expected a number, found 10000" said it was no number).
    @Test func aCountOutOfRangeIsSaidAsOne() throws {
        let plan = "plan \"T\"\n  period April 2013 to March 2014\nmeasure 1 \"x\"\n  target >= 80% within 10000 months\n  target >= 70% within 2.5 months\n"
        let out = try run(["check", "p.plan"], ["p.plan": plan]).out
        #expect(out.contains("p.plan:4:24: error[syntax]: \"10000\" is more than a count here may be (9,999): expected a number, as in `within 3 months`"), "\(out)")
        #expect(out.contains("p.plan:5:24: error[syntax]: \"2.5\" is not a whole number: expected a number, as in `within 3 months`"), "\(out)")
    }
}
