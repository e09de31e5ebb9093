import Foundation
import Testing
@testable import PlanCheck

// What a ninth sweep found, in a post-inadequate scorecard, a youth justice
// plan and a plan of edge dates: through the CLI, on files.

@Suite struct NinthSweepTests {
    func run(_ arguments: [String], plan: String, csv: String? = nil) throws -> (out: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        var data: [String] = []
        if let csv {
            try csv.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
            data = ["--data", "d.csv"]
        }
        let result = runCLI(arguments + data, in: directory)
        return (result.stdout + result.stderr, result.status)
    }

    static let header = """
        plan "Probe"
          period April 2019 to March 2020
        comparator sn "Statistical neighbours"
          tolerance 3 points

        """

    /// A comparator target met now, with a trend that breaks it by the
    /// deadline, is at risk: it read "met; not projected".
    @Test func aComparatorTargetMetNowIsAtRiskWhenTheTrendBreaksIt() throws {
        let plan = Self.header + """
            measure m "% with three or more placements"
              polarity lower
              target in line with sn by March
            data m
              2019-09-30 20% sn
              2019-10 19%
              2019-11 20.5%
              2019-12 22%

            """
        let out = try run(["eval", "p.plan", "--as-of", "2020-01-15", "--format", "csv"], plan: plan).out
        // By hand: a line through 19, 20.5 and 22 (31 Oct, 30 Nov, 31 Dec)
        // reaches 26.5 on 31 Mar; sn's 20% and 3 points allow at most 23.
        #expect(out.contains(",at risk,"), "\(out)")
        #expect(out.contains("projected 26.5% at 31 Mar 2020, against in line with sn (Statistical neighbours 20.0% on 30 Sep 2019, so at most 23.0%)"), "\(out)")
    }

    /// `120%` inline is a percentage out of range, as in a CSV; and a measure
    /// that names no unit takes its percentages from inline data too.
    @Test func aPercentWrittenInlineIsAPercentage() throws {
        let plan = Self.header + """
            measure m "% with three or more placements"
              polarity lower
              target in line with sn by March
            data m
              2019-09-30 20% sn
              2019-12 XX

            """
        let bad = try run(["check", "p.plan"], plan: plan.replacingOccurrences(of: "XX", with: "120%"))
        #expect(bad.status == 1)
        #expect(bad.out.contains("error[percent-range]: 120% is not a percentage between 0 and 100"), "\(bad.out)")
        let good = try run(["eval", "p.plan", "--as-of", "2020-01-15", "--format", "csv"],
                           plan: plan.replacingOccurrences(of: "XX", with: "22%"))
        #expect(good.out.contains(",22.0%,2019-12-31,"), "\(good.out)")
        #expect(good.out.contains("so at most 23.0%"), "\(good.out)")
    }

    /// An average judged on a window whose latest value is old is flagged
    /// stale, as a level is; only recurring targets never are.
    @Test func anAverageOnOldValuesIsStale() throws {
        let plan = """
            plan "Probe"
              period April 2019 to March 2020
            measure c "% average"
              frequency monthly
              polarity higher
              target average >= 80% over 6 months by March
            data c
              2019-10 85%

            """
        let out = try run(["eval", "p.plan", "--as-of", "2020-04-30", "--format", "csv"], plan: plan).out
        #expect(out.contains(",met,"), "\(out)")
        #expect(out.contains("met; the latest value averaged is 5 months old at 31 Mar 2020"), "\(out)")
        #expect(out.contains(",stale,") || out.contains(",stale\n") || out.contains("\"stale\""), "\(out)")
    }

    /// The report's chart ends its projection at the value judged, held in
    /// the unit's range: it said "projected 162.8%" beside a row's 100.0%.
    @Test func aChartProjectsWhatTheRowSays() throws {
        let plan = """
            plan "Probe"
              period April 2019 to March 2020
            measure p "% rising"
              polarity higher
              target >= 99% by March
            measure n "Falling count"
              polarity lower
              target <= 5 by March
            data p
              2019-04 80%
              2019-05 88%
              2019-06 95%
            data n
              2019-04 30
              2019-05 20
              2019-06 12

            """
        let html = try run(["report", "p.plan", "--as-of", "2019-06-30", "--format", "html"], plan: plan).out
        #expect(html.contains("projected 100.0% at 31 Mar 2020"), "\(html)")
        #expect(html.contains("projected 0 at 31 Mar 2020"), "\(html)")
        #expect(!html.contains("162.8") && !html.contains("-69.5"), "\(html)")
    }

    /// The board's brief says an action due today is due today, not "not
    /// yet due"; and a baseline the data dates after the as-of date is said
    /// to be so, not missing.
    @Test func dueTodayAndAFutureBaselineAreSaidAsTheyAre() throws {
        let plan = """
            plan "Probe"
              period April 2019 to March 2020
            action a1 "Due today"
              due 31 December 2019
            action a2 "Due later"
              due March 2020
            measure m "Children seen"
              polarity higher
              target increase by 10% by March

            """
        let csv = "measure,date,value,series\nm,2019-11,50,\nm,2020-01,40,baseline\n"
        let report = try run(["report", "p.plan", "--as-of", "2019-12-31", "--format", "markdown"], plan: plan, csv: csv).out
        #expect(report.contains("2 actions are pending: 1 not yet due, 1 due today."), "\(report)")
        let eval = try run(["eval", "p.plan", "--as-of", "2019-12-31", "--format", "csv"], plan: plan, csv: csv).out
        #expect(eval.contains("the baseline of m is dated 31 Jan 2020, after 31 Dec 2019"), "\(eval)")
    }

    // A tenth sweep (two plans in other councils' wording, workbooks wide and
    // long) found these two.

    /// An action's figure and its status on one date are two observations:
    /// only a second figure (or a second status) is a duplicate.
    @Test func anActionsFigureAndStatusOnOneDateAreNotDuplicates() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            action 4.9 "Ensure all relevant staff have completed CP training"
              due March 2014
              target >= 95% by March 2014
            data 4.9
              2014-01 90%
              2014-01 in progress

            """
        let csv = "measure,date,value,series\n4.9,2013-12,88%,\n4.9,2013-12,in progress,\n"
        let clean = try run(["check", "p.plan"], plan: plan, csv: csv)
        #expect(clean.status == 0, "\(clean.out)")
        let twice = try run(["check", "p.plan"], plan: plan, csv: csv + "4.9,2013-12,89%,\n")
        #expect(twice.status == 1)
        #expect(twice.out.contains("error[data-duplicate]: a second observation of 4.9 for 31 Dec 2013"), "\(twice.out)")
        let eval = try run(["eval", "p.plan", "--as-of", "2014-01-31", "--format", "csv"], plan: plan, csv: csv).out
        #expect(eval.contains("90.0% on 31 Jan 2014"), "\(eval)")
    }

    /// `by 10%` on a measure that names no unit but whose data is in
    /// percentages is as ambiguous as on one that says `unit %`.
    @Test func byAPercentOnAPercentageByItsDataIsAmbiguous() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure q3 "Share from data only"
              target increase by 10% by March 2014

            """
        let csv = "measure,date,value,series\nq3,2013-04,50%,baseline\nq3,2013-12,52%,\n"
        let out = try run(["check", "p.plan"], plan: plan, csv: csv).out
        #expect(out.contains("warning[ambiguous-relative]: `by 10%` on a percentage measure is read as relative"), "\(out)")
        let counts = try run(["check", "p.plan"], plan: plan, csv: csv.replacingOccurrences(of: "%", with: "")).out
        #expect(!counts.contains("ambiguous-relative"), "\(counts)")
    }

    /// The brief's count of key targets met says how many have slipped since.
    @Test func keyTargetsMetButSlippedAreSaidInTheBrief() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure k1 "Key, held"
              key
              polarity higher
              target >= 80% by September 2013
            measure k2 "Key, slipped"
              key
              polarity higher
              target >= 80% by September 2013

            """
        let csv = "measure,date,value,series\nk1,2013-09,85%,\nk1,2013-10,86%,\nk2,2013-09,85%,\nk2,2013-10,70%,\n"
        let out = try run(["report", "p.plan", "--as-of", "2013-10-31", "--format", "markdown"], plan: plan, csv: csv).out
        #expect(out.contains("Key targets: 2 of 2 met, 1 of them slipped since."), "\(out)")
    }

    /// Ids are unique within their kind (spec): a measure and an action may
    /// share one, as a plan numbers an action and its success measure alike.
    /// Data for the id goes to the one its value fits: a status or completion
    /// date to the action, a figure (or a gap in one) to the measure.
    @Test func aMeasureAndAnActionMayShareAnID() throws {
        let plan = """
            plan "P"
              period April 2014 to March 2015
            action 1.1 "Introduce a daily tracker"
              due September 2014
            measure 1.1 "% assessments within 45 working days"
              polarity higher
              target >= 90% by March 2015
            data 1.1
              2014-08 complete
              2014-09 85%

            """
        let csv = "measure,date,value,series\n1.1,2014-10,88%,\n1.1,2014-11,n/a,\n1.1,2014-12,91%,\n"
        let check = try run(["check", "p.plan"], plan: plan, csv: csv)
        #expect(check.status == 0, "\(check.out)")
        let eval = try run(["eval", "p.plan", "--as-of", "2014-12-31", "--format", "csv"], plan: plan, csv: csv).out
        #expect(eval.contains(",1.1,action,Introduce a daily tracker,") && eval.contains("Done on 31 Aug 2014, due 30 Sep 2014."), "\(eval)")
        #expect(eval.contains("91.0% on 31 Dec 2014, needs at least 90% by 31 Mar 2015: met now"), "\(eval)")
        // Two of one kind still clash.
        let twice = try run(["check", "p.plan"], plan: plan + "measure 1.1 \"Again\"\n")
        #expect(twice.out.contains("error[duplicate-id]: measure \"1.1\" is declared twice"), "\(twice.out)")
    }

    // A twelfth sweep (a quarterly scorecard and an action plan, about 690
    // judgements) found this.

    /// A sustained milestone not yet due is flagged for a small cohort only
    /// from the months of its own window (ending at the deadline), not from
    /// the months ending at the as-of date, which the judgement never reads.
    @Test func aSustainedTargetsSmallCohortIsFromItsOwnWindow() throws {
        let plan = """
            plan "Repro"
              period April 2013 to March 2014
            measure t1 "% seen alone"
              minimum cohort 20
              polarity higher
              target >= 75% by March sustained 3 months

            """
        let csv = "measure,date,value,series\nt1,2013-07,10/15,\nt1,2013-08,40/50,\nt1,2013-09,41/50,\n"
        let early = try run(["eval", "p.plan", "--as-of", "2013-09-30", "--format", "csv"], plan: plan, csv: csv).out
        #expect(early.contains(",met,") && !early.contains("small cohort"), "\(early)")
        // In the window, a small cohort is flagged.
        let late = try run(["eval", "p.plan", "--as-of", "2014-03-31", "--format", "csv"], plan: plan,
                           csv: csv + "t1,2014-01,10/15,\nt1,2014-02,40/50,\nt1,2014-03,41/50,\n").out
        #expect(late.contains("small cohort"), "\(late)")
    }

    /// An average against a comparator reads "an average in line with sn",
    /// not "an average of in line with sn".
    @Test func anAverageAgainstAComparatorReadsAsEnglish() throws {
        let plan = Self.header + """
            measure q2 "Share"
              polarity higher
              target average in line with sn over 3 months by March

            """
        let out = try run(["eval", "p.plan", "--as-of", "2020-03-31", "--format", "csv"], plan: plan,
                          csv: "measure,date,value,series\nq2,2020-01,80%,\nq2,2020-01,82%,sn\n").out
        #expect(out.contains("an average in line with sn over 3 months by 31 Mar 2020"), "\(out)")
        #expect(!out.contains("average of in line"), "\(out)")
    }

    /// Two boards compared in one month are headed by their dates, not
    /// twice "Oct 2013".
    @Test func twoBoardsInOneMonthAreHeadedByTheirDates() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure m "Seen"
              polarity higher
              target >= 80% by March 2014

            """
        let csv = "measure,date,value,series\nm,2013-10-10,70%,\nm,2013-10-25,75%,\nm,2013-11,85%,\n"
        let out = try run(["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-10-15", "--compare", "2013-10-31",
                           "--format", "markdown"], plan: plan, csv: csv).out
        #expect(out.contains("15 Oct 2013") && out.contains("| 31 Oct 2013 |"), "\(out)")
        #expect(!out.contains("| Oct 2013 |"), "\(out)")
    }

    // A thirteenth sweep (98 authoring mistakes, fmt on untidy plans) found these.

    /// On a file with a byte order mark, line 1's columns count from after it,
    /// as an editor shows the line; and the line is shown without it.
    @Test func aByteOrderMarkIsNoColumn() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0xEF, 0xBB, 0xBF] + Array("plan \"X\" perod April 2013 to March 2014\n".utf8))
            .write(to: directory.appendingPathComponent("p.plan"))
        let result = runCLI(["check", "p.plan"], in: directory)
        #expect(result.stderr.contains("p.plan:1:10: error[syntax]"), "\(result.stderr)")
        #expect(result.stderr.contains("    1 | plan \"X\" perod"), "\(result.stderr)")
    }

    /// Past the cap, the note says how many findings were left out, or that
    /// some were when a reader already stopped counting; it is a note.
    @Test func theCapSaysWhatItLeftOut() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n"
            + String(repeating: "  tagret >= 5% by May\n", count: 1_500)
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("note[too-many-errors]: more problems are not shown"), "\(out.suffix(400))")
        #expect(!out.contains("1 more problems"), "\(out.suffix(400))")
        #expect(DiagnosticCode.tooManyErrors.defaultSeverity == .note)
    }

    /// A period written but unsound is reported at its clause, once: the bare
    /// months it cannot place are not each told the plan "has no period".
    @Test func anUnsoundPeriodIsReportedOnce() throws {
        let plan = "plan \"P\"\n  period March 2014 to April 2013\nmeasure m \"M\"\n  target >= 5 by May\n"
            + "action a \"A\"\n  due immediately\n"
        let out = try run(["check", "p.plan"], plan: plan)
        #expect(out.status == 1)
        #expect(out.out.contains("error[reversed-range]: the period ends (30 Apr 2013) before it starts (1 Mar 2014)"), "\(out.out)")
        #expect(!out.out.contains("month-without-period") && out.out.contains("1 error"), "\(out.out)")
    }

    /// An empty file, or one of comments, is no plan: a warning, so a plan
    /// emptied by accident does not pass a hook in silence.
    @Test func anEmptyPlanIsSaid() throws {
        for text in ["", "# only a comment\n\n"] {
            let out = try run(["check", "p.plan"], plan: text)
            #expect(out.status == 0)
            #expect(out.out.contains("p.plan:1:1: warning[missing-plan]: the file has no entries"), "\(out.out)")
            #expect(try run(["check", "--strict", "p.plan"], plan: text).status == 1)
        }
    }

    /// `percent` and `per cent` read as `%` in a change and a tolerance, as
    /// they already did in a level (`tolerance 5 percent` was an error).
    @Test func percentInWordsIsAPercentEverywhere() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            comparator sn "SN"
              tolerance 2 per cent
            measure m "M"
              tolerance 5 percent
              polarity higher
              baseline 50 at April 2013
              target increase by 10 per cent by March 2014

            """
        let dump = try run(["parse", "--dump", "p.plan"], plan: plan)
        #expect(dump.status == 0, "\(dump.out)")
        #expect(dump.out.contains("(tolerance (relative 2.0))") && dump.out.contains("(tolerance (relative 5.0))"), "\(dump.out)")
        #expect(dump.out.contains("(change increase (relative 10.0))"), "\(dump.out)")
    }

    /// `=>` is said where it stands, with what to write, and read as `>=` so
    /// the rest of the line is checked (it was "found >" a column late).
    @Test func anArrowIsNotAComparison() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n  target => 90% by March 2014\n"
            + "measure n \"N\"\n  target =< 5% by March 2014\n"
        let out = try run(["check", "p.plan"], plan: plan)
        #expect(out.out.contains("p.plan:4:10: error[syntax]: `=>` is not a comparison"), "\(out.out)")
        #expect(out.out.contains("help: write `>=` (at least)") && out.out.contains("help: write `<=` (at most)"), "\(out.out)")
        #expect(out.out.contains("2 errors"), "\(out.out)")
    }

    /// Comparison words run together or with `then` for `than` get a "did you mean".
    @Test func comparisonSlipsGetADidYouMean() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n  target atleast 90% by March 2014\n"
            + "measure n \"N\"\n  target no less then 5% by March 2014\n"
        let out = try run(["check", "p.plan"], plan: plan).out
        #expect(out.contains("help: did you mean `at least`?") && out.contains("help: did you mean `no less than`?"), "\(out)")
    }

    /// A polarity misspelt, capitalised or said another way gets the word meant.
    @Test func aPolaritySlipGetsTheWordMeant() throws {
        for (written, meant) in [("hgiher", "higher"), ("Higher", "higher"), ("high", "higher"), ("lowr", "lower"), ("down", "lower")] {
            let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n  polarity \(written)\n"
            let out = try run(["check", "p.plan"], plan: plan).out
            #expect(out.contains("help: did you mean `polarity \(meant)`?"), "\(written): \(out)")
        }
    }
}
