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

extension BoardReportHonestyTests {
    static let both = """
        plan "Parity"
          period April 2013 to March 2014
        outcome 1 "Leadership"
          lead "Sarah Hughes"
          officer "Kim Lowe"
        section 1a "Board oversight"
          part of 1
        measure 2.3 "Average caseload per social worker"
          polarity lower
          target 20 or fewer by January 2014
          key
          note "Counted on the last day of the month"
          evidence report "Workforce report"
          signoff IB by March 2014
          progress 2014-02-15 "Two teams over"
          rag 2013-11-30 green "On track"
          rag 2014-02-28 green "Back on track"
        action 2.7 "Launch the new single assessment framework"
          due December 2013
        action 2.8 "Refresh the threshold document"
          officer "Ann Gray"
          due March 2014
        data 2.3
          2013-10 21
          2013-11 20.5
          2013-12 20
          2014-01 19.5
          2014-02 20.6
          2014-03 23
        data 2.7
          2013-11 in progress
          2014-02-20 complete
        data 2.8
          2013-11 not started
          2014-02 in progress

        """

    /// Every piece of text in the HTML's tables and cards, in the plan's words
    /// and the report's sentences. Labels (`<dt>`), charts and the link back
    /// are the HTML's own furniture; the counts table's change column is
    /// arithmetic on two columns the Markdown has.
    static func htmlTexts(_ html: String) -> [String] {
        guard let main = html.components(separatedBy: "<main>").dropFirst().first?.components(separatedBy: "</main>").first
        else { return [] }
        var regions: [String] = []
        for (open, close) in [("<tbody>", "</tbody>"), ("<article class=\"card\"", "</article>")] {
            for piece in main.components(separatedBy: open).dropFirst() {
                regions.append(open + piece.components(separatedBy: close)[0])
            }
        }
        var texts: [String] = []
        for region in regions where !region.contains("<span class=\"st s-met\">✓ met</span></th><td class=\"n\">") {
            var text = region
            for (open, close) in [("<dt>", "</dt>"), ("<figure>", "</figure>"), ("<p class=\"back\">", "</p>")] {
                while let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) {
                    text.removeSubrange(a.lowerBound..<b.upperBound)
                }
            }
            var node = ""
            var inTag = false
            for c in text + "<" {
                if c == "<" {
                    var t = node.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                        .replacingOccurrences(of: "&amp;", with: "&")
                    t = t.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    // The card's " · " between its statuses is punctuation of its own.
                    if t.hasPrefix("· ") { t.removeFirst(2) }
                    if t.hasSuffix(" ·") { t.removeLast(2) }
                    if !t.isEmpty { texts.append(t) }
                    node = ""
                    inTag = true
                } else if c == ">" {
                    inTag = false
                } else if !inTag {
                    node.append(c)
                }
            }
        }
        return texts
    }

    /// The Markdown as text: escapes, `&amp;` and bold marks undone, spaces collapsed.
    static func markdownText(_ md: String) -> String {
        var out = ""
        var escaped = false
        for c in md {
            if escaped || c != "\\" {
                out.append(c)
                escaped = false
            } else {
                escaped = true
            }
        }
        out = out.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "**", with: "")
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The Markdown says what the HTML's tables and cards say: travel since
    /// the earliest board for key targets, the latest value beside one judged
    /// at a passed deadline, a board rating that agrees with the data, and
    /// each target's status at every board and its values. Every text of
    /// the HTML's tables and cards is in the Markdown, so they cannot drift.
    @Test func theMarkdownSaysWhatTheHTMLSays() throws {
        let args = ["report", "p.plan", "--as-of", "2014-03-31", "--compare", "2013-11-30", "--compare", "2014-01-31"]
        let md = try run(args, plan: Self.both)
        let html = try run(args + ["-o", "r.html"], plan: Self.both)
        #expect(md.contains("""
            | ID | Now | Jan 2014 | Travel | Since Nov 2013 | Measure or action |
            | --- | --- | --- | --- | --- | --- |
            | 2.3 | ✓ met (slipped) | ✓ met (rag differs) | ↘ worse value | ↑ improved | Average caseload per social worker |

            | ID | Required | Value | Owner |
            | --- | --- | --- | --- |
            | 2.3 | at most 20 by 31 Jan 2014 | 19.5 (31 Jan 2014); latest 23 (31 Mar 2014) | Sarah Hughes · officer Kim Lowe |
            """), "\(md)")
        #expect(md.contains("""
            - **2.3** commentary 15 Feb 2014: Two teams over · board rating green on 30 Nov 2013: On track (the data says at risk) \
            · board rating green on 28 Feb 2014: Back on track (agrees with the data: met) · lower is better \
            · note: Counted on the last day of the month · evidence: report: Workforce report · IB sign-off due by 31 Mar 2014
              - status: Nov 2013 ▲ at risk (rag differs) → Jan 2014 ✓ met (rag differs) → now ✓ met (slipped)
              - values: Oct 2013 21 · Nov 2013 20.5 · Dec 2013 20 · Jan 2014 19.5 · Feb 2014 20.6 · Mar 2014 23
            - **2.7**
              - status: Nov 2013 ○ pending → Jan 2014 ✗ missed → now ✗ missed
            """))
        #expect(html.contains("<dt>Board rating</dt><dd>green on 28 Feb 2014: Back on track (agrees with the data: met)</dd>"))
        #expect(html.contains("<dt>Status</dt><dd>Nov 2013 ▲ at risk (rag differs) → Jan 2014 ✓ met (rag differs) → now ✓ met (slipped)</dd>"))
        // The attention list's intro names the flags in both.
        #expect(md.contains("1 missed, 0 at risk, 1 flagged (slipped, stale or a board rating that differs); key targets first."))
        let texts = Self.htmlTexts(html)
        #expect(texts.contains("latest 23 (31 Mar 2014)") && texts.contains("↑ improved"))
        let said = Self.markdownText(md)
        let missing = Set(texts).filter { !said.contains($0) }.sorted()
        #expect(missing.isEmpty, "only in the HTML: \(missing)")
    }

    /// The same of the bundled examples, as committed.
    @Test(arguments: ["cheshire-east-2013", "cambridgeshire-2014"])
    func theExamplesMarkdownSaysWhatTheirHTMLSays(_ name: String) throws {
        let directory = repositoryRoot.appendingPathComponent("examples")
        let html = try String(contentsOf: directory.appendingPathComponent(name + ".report.html"), encoding: .utf8)
        let said = Self.markdownText(try String(contentsOf: directory.appendingPathComponent(name + ".report.md"), encoding: .utf8))
        let texts = Set(Self.htmlTexts(html))
        #expect(texts.count > 100)
        let missing = texts.filter { !said.contains($0) }.sorted()
        #expect(missing.isEmpty, "only in the HTML: \(missing)")
    }
}

extension BoardReportHonestyTests {
    /// The SVG of the first chart.
    func chart(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<svg class=\"chart\""))
        return String(html[start.lowerBound...].prefix { $0 != "\n" }.components(separatedBy: "</svg>")[0])
    }

    /// A target on an average is drawn with the average it is judged on: its
    /// line, and its latest written beside it, not December's 80% alone
    /// under the 85% line beside a "met".
    @Test func anAveragesChartShowsTheAverageJudged() throws {
        let plan = """
            plan "Average"
              period April 2013 to March 2014
            measure 1.5 "% assessments authorised within 5 working days"
              target average >= 85% over 3 months by March 2014
            data 1.5
              2013-10 90%
              2013-11 92%
              2013-12 80%

            """
        let html = try run(["report", "p.plan", "--as-of", "2013-12-31", "-o", "r.html"], plan: plan)
        let svg = try chart(html)
        #expect(svg.contains("aria-label=\"1.5: 3 values from Oct 2013, latest 80.0% on 31 Dec 2013; 3-month average 87.3% on 31 Dec 2013; target an average of at least 85% over 3 months by 31 Mar 2014.\""), "\(svg)")
        // 90, 91 and 87.3 at the three month ends.
        #expect(svg.contains("<path class=\"avg\" stroke=\"#a34a00\" stroke-width=\"2\" fill=\"none\" d=\"M197.3 54l21.6-5.2 22.3 19.1\"/>"))
        #expect(svg.contains("<circle class=\"avg\" cx=\"241.2\" cy=\"67.9\" r=\"2.6\" fill=\"#a34a00\"><title>3-month average 87.3% on 31 Dec 2013</title></circle>"))
        #expect(svg.contains("fill=\"#a34a00\" font-weight=\"bold\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">average 87.3%</text>"))
        #expect(!svg.contains(">80.0%</text>"))
        #expect(html.contains("average (as judged)</li></ul>"))
        // No average, no such line or legend.
        let single = try run(["report", "p.plan", "--as-of", "2013-12-31", "-o", "r.html"], plan: Self.caseload)
        #expect(!single.contains("class=\"avg\"") && !single.contains("average (as judged)"))
    }

    /// A relative target with a measure's tolerance gets its band at the
    /// level it comes to (60 less 30% is 42, 5% of it 2.1), the same as an
    /// absolute 2.1, and its tooltip gives that level.
    @Test func aRelativeTargetsBandAndLevel() throws {
        let plan = """
            plan "Agency"
              period April 2013 to March 2014
            measure 2.4 "Agency social workers"
              polarity lower
              baseline 60 at April 2013
              tolerance TOLERANCE
              target decrease by 30% by March 2014
            data 2.4
              2014-01 46
              2014-02 45
              2014-03 43

            """
        var svgs: [String] = []
        for tolerance in ["5%", "2.1"] {
            let html = try run(["report", "p.plan", "--as-of", "2014-03-31", "-o", "r.html"],
                               plan: plan.replacingOccurrences(of: "TOLERANCE", with: tolerance))
            svgs.append(try chart(html))
        }
        for svg in svgs {
            #expect(svg.contains("<path class=\"band\" fill=\"#c9e6d1\" fill-opacity=\"0.7\" d=\"M44 78.7H306V106H44Z\"/>"), "\(svg)")
            #expect(svg.contains("d=\"M44 106l262 0\"><title>decrease by 30%: at most 42</title></path>"))
        }
    }

    /// A recurring standard is drawn from its first period, not from the
    /// start of the chart, and its tooltip says when it began.
    @Test func aRecurringTargetIsDrawnFromItsFirstPeriod() throws {
        let plan = """
            plan "Audits"
              period April 2013 to March 2014
            measure 1.4 "Case file audits completed"
              frequency monthly
              tolerance 2
              target at least 20 each month from October 2013
            data 1.4
              2013-08 15
              2013-09 18
              2013-10 21
              2013-11 19
              2013-12 22

            """
        let svg = try chart(try run(["report", "p.plan", "--as-of", "2013-12-31", "-o", "r.html"], plan: plan))
        // 1 Oct 2013 is x 175.7 (the chart starts on 1 Apr, at 44).
        #expect(svg.contains("<path class=\"band\" fill=\"#c9e6d1\" fill-opacity=\"0.7\" d=\"M175.7 62.7H306V76.5H175.7Z\"/>"), "\(svg)")
        #expect(svg.contains("d=\"M175.7 62.7l130.3 0\"><title>at least 20 each month from Oct 2013</title></path>"))
        // The spans in the chart's own terms: a step-up from April holds the first until then.
        let d = { (y: Int, m: Int, day: Int) in CalendarDate(year: y, month: m, day: day)! }
        let spec = ChartSpec(id: "r", title: nil, unit: .count, start: d(2013, 4, 1), end: d(2014, 9, 30), asOf: d(2014, 6, 30),
                             actual: [], comparators: [],
                             targets: [[ChartSpec.Step(from: d(2013, 10, 1), until: nil, value: 20, text: "a"),
                                        ChartSpec.Step(from: d(2014, 4, 1), until: nil, value: 25, text: "b")]],
                             deadlines: [], projection: nil, summary: "")
        let spans = SVGChart.targetSpans(spec.targets[0], spec)
        #expect(spans.map(\.from) == [d(2013, 10, 1), d(2014, 4, 1)])
        #expect(spans.map(\.to) == [d(2014, 4, 1), d(2014, 9, 30)])
    }

    /// An actions plan whose only target judged on data is an action's does
    /// not speak of a measure.
    @Test func theDataGapsNameWhoseTargetsAreJudgedOnData() throws {
        let plan = """
            plan "Actions"
              period April 2013 to March 2014
            action 2.6 "Ensure all relevant staff have completed CP training"
              due March 2014
              target >= 95% by March 2014
            data 2.6
              2013-12 60%

            """
        let md = try run(["report", "p.plan", "--as-of", "2013-12-31"], plan: plan)
        #expect(md.contains("## Data gaps\n\nThe action's target has data to be judged on.\n"), "\(md)")
        #expect(!md.contains("The measure's target"))
        let both = plan + """
            measure m "A measure"
              target >= 50% by March 2014
            data m
              2013-12 60%

            """
        #expect(try run(["report", "p.plan", "--as-of", "2013-12-31"], plan: both)
            .contains("Every target of a measure or an action has data to be judged on."))
    }
}
