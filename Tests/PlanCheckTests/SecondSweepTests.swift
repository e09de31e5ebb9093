import Foundation
import Testing
@testable import PlanCheck

// What a second sweep of council-shaped plans found, each through the CLI on
// real files: the board report's words, the checks that read every kind of
// requirement, and books written as spreadsheets write them.

@Suite struct SecondSweepTests {
    static let plan = """
    plan "Improvement plan"
      period April 2025 to March 2026

    priority P1 "Front door"

    measure 1.1 "Contacts progressed within 1 working day"
      key
      polarity higher
      tolerance 2 points
      target >= 90% by December 2025
      target >= 92% by March 2026
      signoff IB by Q3, EG by March 2026

    measure 1.6 "Timeliness"
      target <= 15 working days by March 2026

    measure 1.7 "Response"
      target <= 48 hours by March 2026

    action 1.8 "Audit"
      due March 2026

    measure 1.9 "Annual return"
      target >= 80% each year from 2025/26

    measure 2.0 "Training complete"
      target done by March 2026

    """

    static let book = """
    id,date,value,unit
    1.1,2025-12-31,88.5%,
    1.6,2025-12-31,12,Working Days
    1.7,2025-12-31,40,hours
    1.8,2025-10-31,In Progress,
    1.9,2026-03-31,85%,
    2.0,2025-10-31,No,

    """

    /// The CLI run in a fresh directory on `p.plan` and `d.csv`; `stdout`
    /// holds both streams.
    func cli(_ arguments: [String], plan: String = plan, book: String = book) throws
        -> (stdout: String, stderr: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try book.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let run = runCLI(arguments + (arguments.first == "fmt" ? [] : ["--data", "d.csv"]), in: directory)
        // Diagnostics go to standard error; read them with the output.
        return (run.stdout + run.stderr, run.stderr, run.status)
    }

    /// `signoff IB by Q3` is when the sign-off is due: the plan never records
    /// that a board signed, so the report must not say it did.
    @Test func signoffsAreDueDatesNotRecords() throws {
        for format in ["markdown", "html"] {
            let run = try cli(["report", "p.plan", "--as-of", "2026-01-15", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.range(of: "signed off [0-9]", options: .regularExpression) == nil)
            #expect(run.stdout.contains("IB sign-off was due by 31 Dec 2025"))
            #expect(run.stdout.contains("EG sign-off due by 31 Mar 2026"))
            #expect(run.stdout.contains("the plan does not record whether a board has signed off"))
        }
    }

    /// At risk because the deadline passed within tolerance says so wherever
    /// the status shows: attention, key targets, the section tables, the card.
    @Test func atRiskPastItsDeadlineSaysSoEverywhere() throws {
        let markdown = try cli(["report", "p.plan", "--as-of", "2026-01-15", "--format", "markdown"]).stdout
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| 1.1 |") }
        #expect(rows.count >= 3)
        let withNote = rows.filter { $0.contains("at risk (missed by 1.5 points, within tolerance)") }
        #expect(withNote.count >= 3, "\(rows)")
        let html = try cli(["report", "p.plan", "--as-of", "2026-01-15", "--format", "html"]).stdout
        #expect(html.components(separatedBy: "missed by 1.5 points, within tolerance").count - 1 >= 4)
    }

    /// A book's unit column may use every unit the plan can: `working days`
    /// and `hours` in any case are read, and still checked against the plan.
    @Test func bookUnitsIncludeWorkingDaysAndHours() throws {
        let wide = "Measure,Unit,Dec-25\n1.6,Working Days,12\n1.7,hours,40\n1.1,%,88.5%\n"
        let run = try cli(["check", "p.plan", "--strict"], book: wide)
        #expect(run.status == 0, "\(run.stdout)")
        let wrong = try cli(["check", "p.plan"], book: "Measure,Unit,Dec-25\n1.6,hours,12\n")
        #expect(wrong.stdout.contains("the book gives 1.6 in a number of hours, the plan in a number of working days"), "\(wrong.stdout)")
    }

    /// Spreadsheets capitalise status words; a book's `In Progress`, `No`,
    /// `COMPLETE` mean what the lower-case words do.
    @Test func bookStatusWordsInAnyCase() throws {
        let run = try cli(["eval", "p.plan", "--as-of", "2026-01-15", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("the latest status is in progress (31 Oct 2025)"))
        // A measure's `done` target told "no": said as a sentence says it.
        #expect(run.stdout.contains("reported not done as of 31 Oct 2025"), "\(run.stdout)")
        let done = try cli(["eval", "p.plan", "--as-of", "2026-01-15", "--format", "csv"],
                           book: "id,date,value\n1.8,2025-11-30,  COMPLETE \n")
        #expect(done.stdout.contains("Done on 30 Nov 2025"), "\(done.stdout)\(done.stderr)")
        let bad = try cli(["check", "p.plan"], book: "id,date,value\n1.8,2025-11-30,Completed soon\n")
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("data-bad-value"))
    }

    /// One year counted is "1 of 1 year (2025/26)", not "1 of the 1 year since".
    @Test func aSinglePeriodTallyReadsAsEnglish() throws {
        let run = try cli(["eval", "p.plan", "--as-of", "2026-03-31", "--format", "csv"])
        #expect(run.stdout.contains("met in 1 of 1 year (2025/26)"), "\(run.stdout)")
        // The report does not give a standard that recurs a deadline.
        for format in ["markdown", "html"] {
            let report = try cli(["report", "p.plan", "--as-of", "2026-03-31", "--format", format]).stdout
            #expect(report.contains("at least 80% each year from 2025/26, for the period ending 31 Mar 2026"), "\(format)")
            #expect(!report.contains("from 2025/26 by 31 Mar 2026"))
        }
    }

    /// Two targets of one item newly off track are told apart in the summary.
    @Test func newSinceTheLastBoardNamesEachTarget() throws {
        let book = "id,date,value\n1.1,2025-12-31,88.5%\n1.1,2026-03-31,80%\n"
        let run = try cli(["report", "p.plan", "--as-of", "2026-03-31", "--compare", "2025-11-30", "--format", "markdown"],
                          book: book)
        #expect(run.stdout.contains("**2 new since the last board** (30 Nov 2025): 1.1 (target 2) and 1.1 (target 1)."),
                "\(run.stdout.split(separator: "\n").filter { $0.contains("new since") })")
    }

    /// Contradictions and relaxing trajectories are found whatever form the
    /// requirement takes, when the plan alone says what it comes to.
    @Test(arguments: [
        ("polarity higher\n  target from 60% to 75% by December 2025\n  target no more than 70% by December 2025",
         "contradictory-targets"),
        ("polarity higher\n  baseline 60 at March 2025\n  target increase by 25% by December 2025\n  target <= 70 by December 2025",
         "contradictory-targets"),
        ("polarity higher\n  baseline 50% at March 2025\n  target maintain by December 2025\n  target < 40% by December 2025",
         "contradictory-targets"),
        ("polarity higher\n  target 80% by December 2025\n  target <= 70% by December 2025", "contradictory-targets"),
        ("polarity higher\n  target from 60% to 75% by December 2025, >= 70% by March 2026", "trajectory-relaxes"),
        ("polarity higher\n  baseline 60 at March 2025\n  target increase by 25% by December 2025, >= 70 by March 2026",
         "trajectory-relaxes"),
    ])
    func requirementsOfEveryFormAreCompared(_ clauses: String, _ code: String) throws {
        let plan = "plan \"P\"\n  period April 2025 to March 2026\n\nmeasure m \"M\"\n  " + clauses + "\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "id,date,value\n")
        #expect(run.stdout.contains("[\(code)]"), "\(run.stdout)")
    }

    /// A baseline from the data is not known when checking, so a change from
    /// it is not compared (no false alarm either way).
    @Test func aChangeFromTheDatasBaselineIsNotCompared() throws {
        let plan = "plan \"P\"\n  period April 2025 to March 2026\n\nmeasure m \"M\"\n  polarity higher\n"
            + "  target increase by 25% by December 2025\n  target <= 70 by December 2025\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "id,date,value,series\nm,2025-03-31,60,baseline\n")
        #expect(!run.stdout.contains("contradictory-targets"), "\(run.stdout)")
    }

    /// Forms a sweep of the spec's wording found rejected, each read with
    /// the meaning of the form it varies, and kept by `fmt` as written.
    static let variants = """
    plan "Forms"
      period April 2013 - March 2014

    workstream EFD "Early help"

    measure 1.1 "Repeat referrals"
      polarity lower
      baseline 22% as at April 2013
      target must not exceed 20% by September, not to exceed 18% by March
      links EFD

    measure 1.2 "Visits"
      polarity higher
      baseline 60% as of March 2013
      tolerance 2 percentage points
      target increase by 10 percentage points by March 2014

    measure 1.3 "Monthly"
      target >= 80% every month from June 2013

    measure 1.4 "Should"
      baseline 7% at March 2013
      target should not exceed 5% by March 2014
      target does not exceed 4% by March 2014
      target not exceed 6% by March 2014
      target decrease by 1 point by March 2014
      target decrease by 2 pp by March 2014

    action 1.5 "Audit"
      due March 2014

    """

    @Test func councilVariantsReadAsTheFormsTheyVary() throws {
        let book = "measure,date,value\n1.5,2013-11,30 September 2013\n1.1,2013-09,19%\n1.2,2014-03,71%\n1.3,2013-06,81%\n"
        let check = try cli(["check", "p.plan", "--strict"], plan: Self.variants, book: book)
        #expect(check.status == 0, "\(check.stdout)")
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: Self.variants, book: book)
        for expected in [
            "at most 20% by 30 Sep 2013", "at most 18% by 31 Mar 2014",
            "needed increase by 10 points by 31 Mar 2014 (baseline 60.0%, so at least 70.0%): met.",
            "at least 80% each month from Jun 2013",
            "at most 5% by 31 Mar 2014", "at most 4% by 31 Mar 2014", "at most 6% by 31 Mar 2014",
            "decrease by 1 point by 31 Mar 2014", "decrease by 2 points by 31 Mar 2014",
            // A completion date in words, as the spec's date forms allow.
            "Done on 30 Sep 2013, due 31 Mar 2014.",
        ] {
            #expect(run.stdout.contains(expected), "\(expected)")
        }
        let formatted = try cli(["fmt", "p.plan"], plan: Self.variants, book: book)
        #expect(formatted.stdout == Self.variants)
        // In a plan's own inline data too, and a value then its series is still a value.
        let inline = Self.variants + "data 1.5\n  2013-11 30 September 2013\n"
        #expect(try cli(["check", "p.plan", "--strict"], plan: inline, book: "measure,date,value\n").status == 0)
    }

    /// Messages read as English: "an action", "unexpected string".
    @Test func messagesReadAsEnglish() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\naction a \"A\"\n  due March 2014\n"
            + "  period April 2013 to March 2014\n  lead \"A\" \"B\"\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "measure,date,value\n")
        #expect(run.stdout.contains("an action cannot have a `period` clause"))
        #expect(run.stdout.contains("unexpected string after the `lead` clause"))
    }

    /// `check --data FILE` with a file that cannot be read is unreadable
    /// input, exit 2, as `eval` has it; the finding is still shown.
    @Test func anUnreadableDataFileNamedOnTheCommandLineExitsTwo() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", "p.plan", "--data", "missing.csv"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing.csv"))
        // Named inside the plan, it is a located finding like an include: exit 1.
        let named = Self.plan + "data \"missing.csv\"\n"
        try named.write(to: directory.appendingPathComponent("q.plan"), atomically: true, encoding: .utf8)
        let inPlan = runCLI(["check", "q.plan"], in: directory)
        #expect(inPlan.status == 1)
        #expect(inPlan.stderr.contains("q.plan:28:6: error[unreadable-file]"), "\(inPlan.stderr)")
    }

    /// `from 80 to 90%`: the unit written once is both ends'.
    @Test func aRangeWithOneUnitSharesIt() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\nmeasure m \"M\"\n  target from 80 to 90% by March 2014\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan,
                          book: "measure,date,value\nm,2014-03,91%\n")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("needed from 80% to 90% by 31 Mar 2014: met."), "\(run.stdout)")
    }

    /// A trajectory or list wrapped after a comma goes on to the next
    /// indented line; a trailing comma before a clause is still an error,
    /// and that clause is kept. `fmt` joins the line and keeps its comment.
    @Test func aLineEndingWithACommaContinues() throws {
        let plan = """
        plan "Wrapped"
          period April 2013 to March 2014

        measure 1.1 "Visits"
          polarity higher
          target >= 60% by June,   # first quarter
                 >= 70% by September,
                 >= 80% by March
          lead "Ann Smith",
               "Bob Jones"
          note "x"

        """
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan,
                          book: "measure,date,value\n1.1,2014-03,85%\n")
        #expect(run.status == 0, "\(run.stdout)")
        for required in ["at least 60% by 30 Jun 2013", "at least 70% by 30 Sep 2013", "at least 80% by 31 Mar 2014"] {
            #expect(run.stdout.contains(required), "\(required)")
        }
        #expect(run.stdout.contains("Ann Smith; Bob Jones") || run.stdout.contains("Ann Smith, Bob Jones"), "\(run.stdout)")
        let formatted = try cli(["fmt", "p.plan"], plan: plan)
        // A comment inside the wrapped clause goes just before it, so comments keep their order.
        #expect(formatted.stdout.contains("  # first quarter\n  target >= 60% by June, >= 70% by September, >= 80% by March\n"))
        #expect(formatted.stdout.contains("  lead \"Ann Smith\", \"Bob Jones\"\n"))
        let trailing = plan.replacingOccurrences(of: "\"Bob Jones\"", with: "\"Bob Jones\",")
        let broken = try cli(["check", "p.plan"], plan: trailing)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("p.plan:10:20: error[syntax]"), "\(broken.stdout)")
        #expect(!broken.stdout.contains("note"), "the `note` clause after it is read, not skipped")
    }

    /// `by 30 September`, `due 15 January`: a day and month with no year is
    /// placed in the plan's period, as a bare month is; a day the month
    /// lacks there is an impossible date, and without a period it is located.
    @Test func aDayAndMonthWithoutAYearIsPlacedInThePeriod() throws {
        let plan = """
        plan "Days"
          period April 2013 to March 2014

        measure 1.1 "Visits"
          polarity higher
          baseline 50% at 1 April
          target >= 60% by 30 September, >= 80% by 31st March

        action 1.2 "Audit"
          due 15 January

        """
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan,
                          book: "measure,date,value\n1.1,30 September,61%\n1.2,10 January,complete\n")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("2014-03-31,1.1,measure,Visits,,,,false,2013-09-30,met,61,"), "\(run.stdout)")
        #expect(run.stdout.contains(",2014-03-31,missed,61,"))
        #expect(run.stdout.contains("Done on 10 Jan 2014, due 15 Jan 2014."))
        let bad = try cli(["check", "p.plan"], plan: plan + "measure 1.3 \"Bad\"\n  target >= 6 by 29 February\n",
                          book: "measure,date,value\n")
        #expect(bad.stdout.contains("p.plan:12:18: error[impossible-date]: 29 February is not a date: February 2014 has 28 days"),
                "\(bad.stdout)")
        let none = try cli(["check", "p.plan"], plan: "plan \"P\"\n\nmeasure 1 \"x\"\n  target >= 5 by 30 September\n",
                           book: "measure,date,value\n")
        #expect(none.stdout.contains("p.plan:4:18: error[month-without-period]: 30 September has no year"), "\(none.stdout)")
    }

    /// A full stop after a word is punctuation: `by Sept.` reads as `by Sept`.
    @Test func aFullStopAfterAWordIsPunctuation() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\nmeasure 1 \"x\"\n  target >= 5 by Sept.\n  links 1.\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan, book: "measure,date,value\n")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("at least 5 by 30 Sep 2013"))
        let formatted = try cli(["fmt", "p.plan"], plan: plan)
        #expect(formatted.stdout.hasSuffix("  target >= 5 by Sept\n  links 1\n"), "\(formatted.stdout)")
    }

    /// `30-09-2013` is day first, as dotted and slashed dates are; the
    /// day-first reminder comes only where the order could be in doubt.
    @Test func dashedDatesAreDayFirst() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\nmeasure 1 \"x\"\n  target >= 5 by 30-09-2013\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan,
                          book: "measure,date,value\n1,01-09-2013,6\n")
        #expect(run.stdout.contains("6 on 1 Sep 2013, needed at least 5 by 30 Sep 2013: met."), "\(run.stdout)")
        let bad = try cli(["check", "p.plan"], plan: plan.replacingOccurrences(of: "30-09-2013", with: "31-09-2013")
            + "measure 2 \"y\"\n  target >= 5 by 31 September 2013\n", book: "measure,date,value\n")
        #expect(bad.stdout.contains("31-09-2013 is not a date: September 2013 has 30 days\n"))
        #expect(bad.stdout.contains("help: dates with dots, slashes or dashes are day first"))
        #expect(bad.stdout.components(separatedBy: "day first").count == 2, "no reminder for 31 September 2013")
    }

    /// Help that says what to do: an indented entry is told entries start at
    /// column 1; two names with no comma are told to use one.
    @Test func helpForIndentedEntriesAndListsWithoutCommas() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\nrecommendation R1 \"x\"\n  measure 1.1 \"y\"\n"
            + "measure 2 \"z\"\n  lead \"A\" \"B\"\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "measure,date,value\n")
        #expect(run.stdout.contains("help: an entry starts at column 1; indented lines are the clauses of the entry above"))
        #expect(run.stdout.contains("help: separate the items of a `lead` list with commas"), "\(run.stdout)")
    }

    /// A value that misses a level never reads as the level: 89.96% against
    /// at least 90% is "89.96%", "0.04 points short", in the JSON, the table,
    /// the report and its chart; an average of 18.03 against at most 18 too.
    @Test func aMissedValueIsNeverRoundedToTheLevel() throws {
        let plan = """
        plan "x"
          period April 2015 to March 2016
        measure 1.1 "Decisions within 1 working day"
          polarity higher
          key
          target >= 90% by September
        measure 3.3 "Average caseload"
          polarity lower
          target average <= 18 over 3 months by September

        """
        let book = "measure,date,value\n1.1,2015-08,89.5%\n1.1,2015-09,89.96%\n3.3,2015-07,18.2\n3.3,2015-08,18\n3.3,2015-09,17.9\n"
        let json = try cli(["eval", "p.plan", "--as-of", "2015-10-31", "--format", "json"], plan: plan, book: book).stdout
        #expect(json.contains("\"valueText\": \"89.96%\""), "\(json)")
        #expect(json.contains("89.96% on 30 Sep 2015, needed at least 90% by 30 Sep 2015: 0.04 points short."))
        #expect(json.contains("average 18.03 over Jul–Sep 2015"))
        #expect(json.contains(": 0.03 over."))
        #expect(!json.contains("0.0 points") && !json.contains("0.0 over"))
        for format in ["markdown", "html"] {
            let report = try cli(["report", "p.plan", "--as-of", "2015-10-31", "--format", format], plan: plan, book: book).stdout
            // (The chart's line at the target is labelled 90.0%: that is the level.)
            #expect(!report.contains("30 Sep 2015: 90.0%") && !report.contains("90.0% (30 Sep 2015)"), "\(format)")
            #expect(report.contains("89.96% (30 Sep 2015)") || report.contains("89.96%<small>30 Sep 2015</small>"))
        }
    }

    /// The report counts what the summary counts, and says only what is so:
    /// every target with no data is counted in Data gaps (those under Needs
    /// attention said to be there); a done action's older status is not its
    /// "latest"; a completion row shows statuses, not the action's numbers.
    @Test func theReportsCountsAndLatestValuesAgree() throws {
        let plan = """
        plan "x"
          period April 2015 to March 2016
        measure 1.1 "Decisions"
          polarity higher
          target >= 90% by September
          rag 2015-09-30 green "On track"
        measure 1.2 "Re-referrals"
          polarity lower
          target <= 22% by December
        action 3.4 "Audit"
          due November
          done 2015-11-20
        action 3.6 "Training"
          target >= 80% by March
          due March

        """
        let book = "measure,date,value\n3.4,2015-07-31,in progress\n3.6,2016-01-15,in progress\n3.6,2016-01-31,90%\n"
        let report = try cli(["report", "p.plan", "--as-of", "2016-01-31", "--format", "markdown"], plan: plan, book: book).stdout
        #expect(report.contains("2 targets have no data to be judged on; 1 of them is under Needs attention above."), "\(report)")
        #expect(report.contains("| 3.4 | done by 30 Nov 2015 | done 20 Nov 2015 |"))
        #expect(!report.contains("latest in progress (31 Jul 2015)"))
        #expect(report.contains("| in progress (15 Jan 2016) |"), "the completion row shows the status alone")
    }

    /// A value written with % is a percentage, whatever the plan says of
    /// its measure: 140% is out of range even when the unit comes from the data.
    @Test func aWrittenPercentageIsCheckedAsOne() throws {
        let plan = "plan \"x\"\n  period April 2015 to March 2016\ncomparator sn \"SN\"\n  tolerance 5%\n"
            + "measure 1.4 \"% re-referrals\"\n  target in line with sn by March 2016\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "measure,date,value,series\n1.4,2015-10,140%,\n1.4,2015-10,20%,sn\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("d.csv:2:13: error[percent-range]: 140% is not a percentage between 0 and 100"), "\(run.stdout)")
    }

    /// Stale by a day past two months is "more than 2 months old", never "2
    /// months old" beside "more than two periods".
    @Test func staleAgeNeverContradictsTheRule() throws {
        let plan = "plan \"x\"\n  period April 2015 to March 2016\nmeasure 1.1 \"Seen\"\n  polarity higher\n  frequency monthly\n  target >= 75% ongoing\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2015-12-01", "--format", "csv"], plan: plan, book: "measure,date,value\n1.1,2015-09-30,80%\n")
        #expect(run.stdout.contains("; the value is more than 2 months old at 1 Dec 2015, more than two periods of a measure reported monthly: stale."),
                "\(run.stdout)")
    }

    /// The summary's shares add up to 100%, never 101%.
    @Test(arguments: [[1, 3, 1, 0, 1], [4, 12, 5, 0, 3], [1, 1, 1], [0, 0, 7], [2, 1]])
    func sharesAddUpToAHundred(_ counts: [Int]) {
        let shares = HTMLPage.shares(counts)
        #expect(shares.map { Int($0.dropLast())! }.reduce(0, +) == 100, "\(shares)")
        // Each is its exact share rounded down or up, never further.
        let total = Double(counts.reduce(0, +))
        for (count, share) in zip(counts, shares) {
            let exact = Double(count) * 100 / total
            #expect(abs(Double(share.dropLast())! - exact) < 1, "\(count) of \(total): \(share)")
        }
    }

    /// A completion date after the as-of date is not said as done, and the
    /// summary tells ongoing actions from ones not yet due.
    @Test func futureCompletionsAndOngoingActionsAreSaidAsTheyAre() throws {
        let plan = "plan \"P\"\n  period April 2016 to March 2017\n\naction 2.1 \"A\"\n  due March 2017\naction 2.2 \"B\"\n  due ongoing\n"
        let book = "measure,date,value\n2.1,2016-12-20,15 January 2017\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2016-12-31", "--format", "csv"], plan: plan, book: book)
        #expect(run.stdout.contains("the latest status (20 Dec 2016) gives a completion date, 15 Jan 2017, after 31 Dec 2016."),
                "\(run.stdout)")
        let report = try cli(["report", "p.plan", "--as-of", "2016-12-31", "--format", "markdown"], plan: plan, book: book)
        #expect(report.stdout.contains("2 actions are pending: 1 not yet due, 1 ongoing."), "\(report.stdout)")
    }

    /// What the regression sweep of the new forms found: `minimum` goes on a
    /// wrapped trajectory; a comma that carries a clause on says so when the
    /// next line is not its continuation; a mistyped month after a day gets
    /// its suggestion; a day and month is placed by the day when the period
    /// holds its month twice; status words in a plan's data in any case.
    @Test func newFormsWorkTogether() throws {
        let plan = """
        plan "P"
          period 15 April 2013 to 14 April 2014

        measure 1 "x"
          polarity higher
          target minimum 60% by June,
            minimum 70% by September
          minimum cohort 5

        action 2 "y"
          due 10 April

        data 2
          2013-10 In Progress
          2013-11 Complete

        """
        let run = try cli(["eval", "p.plan", "--as-of", "2014-04-14", "--format", "csv"], plan: plan, book: "measure,date,value\n")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("at least 70% by 30 Sep 2013"))
        #expect(run.stdout.contains("Done on 30 Nov 2013, due 10 Apr 2014."), "\(run.stdout)")
        let slips = plan.replacingOccurrences(of: "by September\n  minimum cohort 5", with: "by September,\n  polarty higher")
            .replacingOccurrences(of: "due 10 April", with: "due 10 Aprill")
        let broken = try cli(["check", "p.plan"], plan: slips, book: "measure,date,value\n")
        #expect(broken.stdout.contains("help: the comma ending the line above carries the clause on to this line"), "\(broken.stdout)")
        #expect(broken.stdout.contains("error[unknown-month]: \"Aprill\" is not a month"))
        let twice = plan.replacingOccurrences(of: "period 15 April 2013 to 14 April 2014", with: "period April 2013 to March 2015")
        let ambiguous = try cli(["check", "p.plan"], plan: twice, book: "measure,date,value\n")
        #expect(ambiguous.stdout.contains("10 April comes 2 times in the plan's period"), "\(ambiguous.stdout)")
    }

    /// A data row is one line: a comma at its end is an error there, and
    /// the next row is read on its own (it does not go on as a clause does).
    @Test func aDataRowDoesNotWrap() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\n\nmeasure 1 \"x\"\n  target >= 5 by March\n\ndata 1\n  2013-10 6,\n  2013-11 7\n"
        let run = try cli(["check", "p.plan"], plan: plan, book: "measure,date,value\n")
        #expect(run.stdout.contains("p.plan:8:12: error[syntax]"), "\(run.stdout)")
        let fixed = try cli(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"],
                            plan: plan.replacingOccurrences(of: "6,", with: "6"), book: "measure,date,value\n")
        #expect(fixed.stdout.contains("7 on 30 Nov 2013, needed at least 5 by 31 Mar 2014: met."), "\(fixed.stdout)")
    }

    /// Several plans on one command line: a part another named plan includes
    /// is checked through it whatever the order; `--affected` takes absolute
    /// paths; a report of two plans names both, with each one's period.
    @Test func severalPlansWhateverTheOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "plans/a-part.plan": "measure 1 \"x\"\n  workstream FD\n  target >= 5 by March\ndata \"part.csv\"\n",
            "plans/main.plan": "plan \"Main\"\n  period April 2013 to March 2014\nworkstream FD \"Front door\"\ninclude \"a-part.plan\"\n",
            "plans/part.csv": "measure,date,value\n1,2013-10,abc\n",
            "other.plan": "plan \"Other\"\n  authority \"Other Council\"\n  period April 2014 to March 2015\nmeasure 9 \"y\"\n  target >= 5 by March\n",
        ]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let fixedPlan = files["plans/a-part.plan"]!.replacingOccurrences(of: "data \"part.csv\"\n", with: "")
        try fixedPlan.write(to: directory.appendingPathComponent("plans/a-part.plan"), atomically: true, encoding: .utf8)
        let both = runCLI(["check", "plans/a-part.plan", "plans/main.plan"], in: directory)
        #expect(both.status == 0, "\(both.stderr)")
        try files["plans/a-part.plan"]!.write(to: directory.appendingPathComponent("plans/a-part.plan"), atomically: true, encoding: .utf8)
        let absolute = runCLI(["check", "--affected", directory.appendingPathComponent("plans/part.csv").path], in: directory)
        #expect(absolute.status == 1)
        #expect(absolute.stderr.contains("plans/part.csv:2:11: error[data-bad-value]"), "\(absolute.stderr)")
        try fixedPlan.write(to: directory.appendingPathComponent("plans/a-part.plan"), atomically: true, encoding: .utf8)
        let report = runCLI(["report", "other.plan", "plans/main.plan", "--as-of", "2015-03-31", "--format", "markdown"], in: directory)
        // One plan's authority is not put over both.
        #expect(report.stdout.hasPrefix("# Other and Main\n\nCompliance summary as of"), "\(report.stdout.prefix(300))")
        #expect(report.stdout.contains("plan periods 1 Apr 2014 to 31 Mar 2015 and 1 Apr 2013 to 31 Mar 2014"))
    }

    /// A DfE tidy file: a blank value cell is no observation, as in every
    /// book, and Explore Education Statistics' `low` is a gap with its reason.
    @Test func tidyFilesTakeBlanksAndLowAsGaps() throws {
        let plan = """
        plan "p"
          period April 2013 to March 2016
        data "d.csv"
          area "Eastvale"
          measure m column "pct"
        measure m "m"
          target >= 80% by March 2016

        """
        let book = "time_period,time_identifier,geographic_level,la_name,pct\n201314,Financial year,Local authority,Eastvale,70\n"
            + "201415,Financial year,Local authority,Eastvale,\n201516,Financial year,Local authority,Eastvale,low\n"
        // The plan names the file itself, so no --data.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try book.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let check = runCLI(["check", "p.plan", "--strict"], in: directory)
        #expect(check.status == 0, "\(check.stderr)")
        let run = runCLI(["eval", "p.plan", "--as-of", "2016-06-30", "--format", "csv"], in: directory)
        #expect(run.stdout.contains("a low figure that rounds to zero (low)"), "\(run.stdout)\(run.stderr)")
        // The second year of a six-digit period follows the first.
        try (book + "201399,Financial year,Local authority,Eastvale,50\n").write(to: directory.appendingPathComponent("d.csv"),
                                                                                 atomically: true, encoding: .utf8)
        let bad = runCLI(["check", "p.plan"], in: directory)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("d.csv:5:1: error[data-bad-date]: cannot read time_period \"201399\""), "\(bad.stderr)")
        // An area listed twice is read once, and said so.
        try book.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try plan.replacingOccurrences(of: "area \"Eastvale\"", with: "area \"Eastvale\", \"Eastvale\"")
            .write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let twice = runCLI(["check", "p.plan"], in: directory)
        #expect(twice.status == 0)
        #expect(twice.stderr.contains("p.plan:4:20: warning[data-mapping]: \"Eastvale\" is listed twice"), "\(twice.stderr)")
        #expect(!twice.stderr.contains("no row of the file"))
    }

    /// A "no data" at a past deadline keeps the book's reason for that date
    /// even when a later value exists.
    @Test func aGapsReasonIsKeptWhenALaterValueExists() throws {
        let plan = "plan \"P\"\n  period April 2012 to March 2014\nmeasure m \"m\"\n  polarity lower\n  target <= 20% by March 2013\n"
        let run = try cli(["eval", "p.plan", "--as-of", "2014-06-30", "--format", "csv"], plan: plan,
                          book: "measure,date,value\nm,2013-03-31,c\nm,2014-03-31,17\n")
        #expect(run.stdout.contains("No observation of m on or before the deadline 31 Mar 2013. The book marks 31 Mar 2013 as suppressed (c)."),
                "\(run.stdout)")
    }

    /// A book two plans read is reported once, not once a plan.
    @Test func aSharedBooksFindingIsReportedOnce() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "measure,date,value\n1,2013-10,abc\n".write(to: directory.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)
        for name in ["a", "b"] {
            try "plan \"\(name)\"\n  period April 2013 to March 2014\ndata \"book.csv\"\nmeasure 1 \"x\"\n  target >= 5 by March\n"
                .write(to: directory.appendingPathComponent("\(name).plan"), atomically: true, encoding: .utf8)
        }
        let run = runCLI(["check", "--affected", "book.csv"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: "error[data-bad-value]").count == 2, "\(run.stderr)")
        let json = runCLI(["check", "a.plan", "b.plan", "--format", "json"], in: directory)
        #expect(json.stdout.components(separatedBy: "\"data-bad-value\"").count == 2, "\(json.stdout)")
    }
}
