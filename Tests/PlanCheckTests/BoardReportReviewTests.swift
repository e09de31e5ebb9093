import Foundation
import Testing
@testable import PlanCheck

// A tester's review of the board report: travel that read the value judged
// at a passed deadline rather than the one now, an overdue action done since
// the last board left "the same", owners, charts and the Markdown saying less
// than the HTML. Each through the CLI (or the report model), with the words
// the board reads.

extension BoardReportHonestyTests {
    /// Caseloads met at the January deadline (19.5), since broken (23 in March).
    static let caseload = """
        plan "Caseloads"
          period April 2013 to March 2014
        measure 2.3 "Average caseload per social worker"
          polarity lower
          target 20 or fewer by January 2014
        data 2.3
          2013-10 21
          2013-11 20.5
          2013-12 20
          2014-01 19.5
          2014-02 20.6
          2014-03 23

        """

    /// Travel and the overall verdict read the latest value on or before each
    /// date, not the value judged at the deadline: 23 now against 20 at the
    /// last board is worse, though both are met (the one slipped since).
    @Test func travelReadsTheLatestValueAfterADeadline() throws {
        let args = ["report", "p.plan", "--as-of", "2014-03-31"]
        let december = try run(args + ["--compare", "2013-12-31"], plan: Self.caseload)
        #expect(december.contains("| 2.3 | ✓ met (slipped) | ✓ met | ↘ worse value | Average caseload per social worker | ▅▄▃▃▄▇ |"), "\(december)")
        #expect(december.contains("- **Worse in value overall since 31 Dec 2013**: 0 improved, 0 worsened (0 better, 1 worse in value); met 1 → 1, at risk 0 → 0, missed 0 → 0.\n"))
        #expect(!december.contains("better value |"))
        // 20.6 at the last board, 23 now: worse, not "the same" because both
        // were judged on January's 19.5.
        let february = try run(args + ["--compare", "2014-02-28"], plan: Self.caseload)
        #expect(february.contains("| 2.3 | ✓ met (slipped) | ✓ met (slipped) | ↘ worse value |"), "\(february)")
        // Back under 20 since: better, and no longer slipped.
        let recovered = Self.caseload.replacingOccurrences(of: "  2014-03 23\n", with: "  2014-03 18\n")
        let back = try run(args + ["--compare", "2014-02-28"], plan: recovered)
        #expect(back.contains("| 2.3 | ✓ met | ✓ met (slipped) | ↗ better value |"), "\(back)")
        // The legend says what travel reads.
        #expect(december.contains("↗ better value (the same status; the latest value moved the right way, or an action is further along); ↘ worse value (the same status; the latest value moved the wrong way, or an action is further back); → same (the same status and latest value or progress, or no way to tell better from worse);"))
        let html = try run(args + ["--compare", "2013-12-31", "-o", "r.html"], plan: Self.caseload)
        #expect(html.contains("<li>↘ worse value: the same status; the latest value moved the wrong way, or an action is further back</li>"))
    }

    /// The evaluator says which value a judgement at a passed deadline would
    /// read now: the latest, or for an average the trailing window.
    @Test func aJudgementCarriesItsLatestValue() throws {
        let files = MemoryFiles(["p.plan": Self.caseload])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: [], asOf: CalendarDate(year: 2014, month: 3, day: 31)!)
        let j = try #require(run.evaluation.judgements.first)
        #expect(j.value == 19.5 && j.latestValue == 23 && j.latestShortfall == 3)
        // Before the deadline the value judged is the latest: none.
        let before = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: [], asOf: CalendarDate(year: 2013, month: 12, day: 31)!)
        #expect(before.evaluation.judgements.first?.latestValue == nil)
        // An average past its deadline: the window at the as-of date.
        let average = """
            plan "Average"
              period April 2013 to March 2014
            measure 1.5 "% authorised within 5 days"
              target average >= 85% over 3 months by January 2014
            data 1.5
              2013-11 90%
              2013-12 92%
              2014-01 80%
              2014-02 70%

            """
        let late = Pipeline.evaluate(path: "p.plan", files: MemoryFiles(["p.plan": average]), dataPaths: [],
                                     asOf: CalendarDate(year: 2014, month: 2, day: 28)!)
        let a = try #require(late.evaluation.judgements.first)
        #expect(abs(a.value! - 262.0 / 3) < 1e-9)           // Nov to Jan, as judged
        #expect(abs(a.latestValue! - 242.0 / 3) < 1e-9)     // Dec to Feb, now
    }

    static let actions = """
        plan "Actions"
          period April 2013 to March 2015
        action 2.7 "Launch the new single assessment framework"
          lead "Paul Evans"
          due December 2013
        action 2.8 "Refresh the threshold document"
          due June 2014
        action 2.9 "Review the MASH"
          due June 2014
        action 2.10 "Agree the audit programme"
          due December 2013
        data 2.7
          2013-11 in progress
          2014-02-20 complete
        data 2.8
          2013-11 not started
          2014-02 in progress
        data 2.9
          2014-02 in progress
        data 2.10
          2013-11 in progress
          2014-02 not started

        """

    /// An action whose status is unchanged travels on how far along it is:
    /// done (late, still missed) is better than in progress, in progress
    /// better than not started; nothing recorded cannot be told from either.
    @Test func anActionTravelsOnHowFarAlongItIs() throws {
        let md = try run(["report", "p.plan", "--as-of", "2014-03-31", "--compare", "2014-01-31"], plan: Self.actions)
        #expect(md.contains("| 2.7 | ✗ missed | ✗ missed | ↗ better value | Launch the new single assessment framework |"), "\(md)")
        #expect(md.contains("| 2.8 | ○ pending | ○ pending | ↗ better value | Refresh the threshold document |"))
        #expect(md.contains("| 2.9 | ○ pending | ○ pending | → same | Review the MASH |"))
        #expect(md.contains("| 2.10 | ✗ missed | ✗ missed | ↘ worse value | Agree the audit programme |"))
        #expect(md.contains("of the 4 with the same status, 2 better, 1 worse, 1 the same."))
        let cases: [(CompletionStage, CompletionStage, Bool?)] = [
            (.done, .inProgress, true), (.done, .notDone, true), (.inProgress, .done, false),
            (.inProgress, .notStarted, true), (.notStarted, .inProgress, false),
            (.inProgress, .notDone, nil), (.notDone, .notStarted, nil), (.done, .done, false),
        ]
        for (a, b, further) in cases { #expect(a.isFurther(than: b) == further, "\(a) than \(b)") }
    }
}

extension BoardReportHonestyTests {
    static let owners = """
        plan "Owners"
          period April 2013 to March 2014
        outcome 1 "Strengthen leadership and governance"
          lead "Sarah Hughes"
          officer "Kim Lowe"
        action 1.1 "Establish an Improvement Board"
          due December 2013
        section 1a "Board oversight"
          part of 1
        action 1.2 "Publish the scorecard"
          lead "Jane Cole"
          due December 2013
        action 1.3 "Refresh the threshold document"
          officer "Ann Gray"
          due December 2013

        """

    /// A section's officer is passed down to its items as its lead is, through
    /// `part of` too: the item's own officer (or lead) wins, each on its own.
    @Test func aSectionsOfficerIsPassedDown() throws {
        let md = try run(["report", "p.plan", "--as-of", "2014-03-31"], plan: Self.owners)
        #expect(md.contains("| 1.1 | ✗ missed | Establish an Improvement Board — due 31 Dec 2013 | Sarah Hughes · officer Kim Lowe |"), "\(md)")
        #expect(md.contains("| 1.2 | ✗ missed | Publish the scorecard — due 31 Dec 2013 | Jane Cole · officer Kim Lowe |"))
        #expect(md.contains("| 1.3 | ✗ missed | Refresh the threshold document — due 31 Dec 2013 | Sarah Hughes · officer Ann Gray |"))
        let html = try run(["report", "p.plan", "--as-of", "2014-03-31", "-o", "r.html"], plan: Self.owners)
        #expect(html.contains("<dt>Owner</dt><dd>Sarah Hughes · officer Kim Lowe</dd>"))
        #expect(html.contains("<dt>Owner</dt><dd>Jane Cole · officer Kim Lowe</dd>"))
        #expect(html.contains("<dt>Owner</dt><dd>Sarah Hughes · officer Ann Gray</dd>"))
    }
}
