import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PlanCheck

/// `plancheck report`: the report's content against the judgements, the HTML's
/// well-formedness, self-containedness and accessibility, the Markdown's
/// tables, determinism, and the command line.
@Suite struct ReportTests {
    // A small plan whose statuses at three dates are worked out by hand:
    //
    //               30 Jun 2013   31 Aug 2013   30 Nov 2013 (as of)
    //   m1 (key)    at risk       met           met        (improved)
    //   m2          at risk       at risk       met        (improved)
    //   m3 June     met           met           met        (unchanged)
    //   m3 Dec      at risk       at risk       at risk    (unchanged)
    //   m4          no data       no data       no data    (unchanged)
    //   a1          pending       pending       missed     (worsened: done late)
    static let plan = """
        plan "Board <test> & \\"friends\\" | plan"
          authority "Test Borough Council"
          period April 2013 to March 2014

        workstream EFD "Early help and front door"
        comparator sn "Statistical neighbours" tolerance 5%

        recommendation A1 "First recommendation: 1. see children | on time"

        measure m1 "% of children seen on time"
          workstream EFD
          lead "Ann Lead"
          evidence measure "Performance book"
          polarity higher
          target >= 80% by September
          signoff EG by July, IB by December
          key

        measure m2 "% of repeat referrals"
          lead "Bob Lead"
          officer "Olga Officer"
          note "Counted from the referral system, weekly"
          polarity lower
          target <= 10% by December

        recommendation A2 "Second recommendation"

        measure m3 "% of plans on a trajectory"
          lead "Ann Lead"
          polarity higher
          target >= 50% by June, >= 60% by December

        action a1 "Do the thing"
          lead "Bob Lead"
          due October

        measure m4 "A measure with no data"
          target >= 90% by August

        """

    static let csv = """
        measure,date,value,series
        m1,2013-04,70%,
        m1,2013-05,72%,
        m1,2013-06,75%,
        m1,2013-07,78%,
        m1,2013-08,81%,
        m1,2013-09,83%,
        m2,2013-04,14%,
        m2,2013-05,13%,
        m2,2013-06,12%,
        m2,2013-07,12%,
        m2,2013-08,11%,
        m2,2013-09,10.5%,
        m2,2013-10,9.5%,
        m3,2013-04,45%,
        m3,2013-05,48%,
        m3,2013-06,52%,
        m3,2013-07,55%,
        m3,2013-08,57%,
        m3,2013-09,58%,
        m3,2013-10,59%,
        a1,2013-06-30,in progress,
        a1,2013-11-05,complete,

        """

    static let asOf = CalendarDate(year: 2013, month: 11, day: 30)!
    static let june = CalendarDate(year: 2013, month: 6, day: 30)!
    static let august = CalendarDate(year: 2013, month: 8, day: 31)!

    static func evaluated(_ text: String = plan, csv: String = csv, asOf: CalendarDate = asOf) -> Pipeline.EvaluatedPlan {
        let files = MemoryFiles(["p.plan": text, "d.csv": csv])
        return Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: asOf)
    }

    static func report(compare: [CalendarDate] = [june, august], generatedAt: String? = nil) -> (Report, Pipeline.EvaluatedPlan) {
        let run = evaluated()
        return (Report.build(ReportInput(run, compareDates: compare), generatedAt: generatedAt), run)
    }

    static func rows(_ report: Report) -> [Report.Row] { report.sections.flatMap { $0.items.flatMap(\.rows) } }

    // MARK: - Content against the judgements

    @Test func thePlanChecksClean() {
        let run = Self.evaluated()
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics.map(\.message))")
        #expect(run.evaluation.judgements.count == 6)
    }

    @Test func everyJudgementAppearsOnceWithItsStatus() {
        let (report, run) = Self.report()
        let rows = Self.rows(report)
        #expect(rows.count == run.evaluation.judgements.count)
        for j in run.evaluation.judgements {
            let matching = rows.filter { $0.judgement.item == j.item && $0.judgement.target == j.target && $0.judgement.milestone == j.milestone }
            #expect(matching.count == 1, "\(j.id) appears \(matching.count) times")
            #expect(matching.first?.judgement.status == j.status)
        }
        // In plan order.
        #expect(rows.map(\.judgement.id) == run.evaluation.judgements.map(\.id))
    }

    /// Travel is against the last board (31 Aug), and since the earliest
    /// date (30 Jun) in a second column; an unchanged status follows the
    /// latest value on or before each date, not the one judged at a deadline.
    @Test func theStatusesAreTheOnesWorkedOutByHand() {
        let (report, _) = Self.report()
        let byKey = Dictionary(uniqueKeysWithValues: Self.rows(report).map { ("\($0.judgement.id)/\($0.judgement.milestone)", $0) })
        let expected: [(String, [Status], Travel, Travel)] = [
            ("m1/0", [.atRisk, .met, .met], .better, .improved),      // 81% in Aug, 83% at its deadline
            ("m2/0", [.atRisk, .atRisk, .met], .improved, .improved),
            ("m3/0", [.met, .met, .met], .better, .better),           // judged on June's 52% each time; latest 52%, 57%, 59%
            ("m3/1", [.atRisk, .atRisk, .atRisk], .better, .better),  // 57% in Aug, 59% now
            ("a1/0", [.pending, .pending, .missed], .worsened, .worsened),
            ("m4/0", [.noData, .noData, .noData], .same, .same),
        ]
        for (key, statuses, travel, since) in expected {
            guard let row = byKey[key] else {
                Issue.record("no row \(key)")
                continue
            }
            #expect(row.earlier == [statuses[0], statuses[1]], "\(key)")
            #expect(row.lastBoard == statuses[1], "\(key)")
            #expect(row.judgement.status == statuses[2], "\(key)")
            #expect(row.travel == travel, "\(key)")
            #expect(row.travelSinceEarliest == since, "\(key)")
        }
        // With one compare date there is no second travel.
        let (single, _) = Self.report(compare: [Self.august])
        #expect(Self.rows(single).allSatisfy { $0.travelSinceEarliest == nil && $0.travel != nil })
    }

    @Test func compareColumnsAreTheEvaluatorsStatusesAtThoseDates() {
        let (report, run) = Self.report()
        #expect(report.compareDates == [Self.june, Self.august])
        for (k, date) in [Self.june, Self.august].enumerated() {
            let then = Evaluator.evaluate(run.model, data: run.checked.data, asOf: date)
            #expect(Self.rows(report).map { $0.earlier[k] } == then.judgements.map(\.status))
            #expect(report.compareCounts[k] == Status.allCases.map { s in then.judgements.count { $0.status == s } })
        }
    }

    @Test func countsAddUp() {
        let (report, run) = Self.report()
        #expect(report.total == run.evaluation.judgements.count)
        #expect(report.counts.map(\.count).reduce(0, +) == report.total)
        #expect(report.counts.map(\.status) == Status.allCases)
        for (status, count) in report.counts {
            #expect(count == run.evaluation.judgements.count { $0.status == status })
        }
        #expect(report.counts.map(\.count) == [3, 1, 1, 1, 0])
        #expect(report.byWorkstream.map(\.total).reduce(0, +) == report.total)
        #expect(report.byWorkstream.map(\.name) == ["EFD", "(none)"])
        // A judgement counts once under each of its leads; here each has one or none.
        #expect(report.byLead.map(\.name) == ["Ann Lead", "Bob Lead", "(no lead)"])
        #expect(report.byLead.map(\.counts) == [[2, 1, 0, 0, 0], [1, 0, 1, 0, 0], [0, 0, 0, 1, 0]])
        for k in Status.allCases.indices {
            #expect(report.byWorkstream.map { $0.counts[k] }.reduce(0, +) == report.counts[k].count)
        }
    }

    @Test func attentionIsMissedAndAtRiskKeyFirst() {
        let (report, _) = Self.report()
        #expect(report.attention.map { "\($0.judgement.id) \($0.judgement.status.rawValue)" } == ["a1 missed", "m3 at risk"])
        #expect(report.attention.allSatisfy { !$0.explanation.isEmpty })
        #expect(report.attention.first?.leads == ["Bob Lead"])
        // a1 was pending at the last board: new. m3 was at risk then too.
        #expect(report.attention.map(\.isNew) == [true, false])
        #expect(report.attention.map(\.lastBoard) == [.pending, .atRisk])
        #expect(report.attentionNew == 1)

        // A key target at risk comes before a missed one that is not key.
        let (earlier, _) = (Report.build(ReportInput(Self.evaluated(asOf: Self.june))), 0)
        #expect(earlier.attention.first?.judgement.id == "m1")
        #expect(earlier.attention.first?.key == true)
        // Without a board to compare with, nothing is "new".
        #expect(earlier.attention.allSatisfy { !$0.isNew })
    }

    /// Slipped, stale and rating-differs flags put a target on the attention
    /// list even when its status is met; small cohort alone does not.
    @Test func flaggedTargetsNeedAttention() throws {
        let run = Self.evaluated()
        var evaluation = run.evaluation
        let m1 = try #require(evaluation.judgements.firstIndex { $0.id == "m1" })
        evaluation.judgements[m1].flags = [.slipped]
        evaluation.judgements[m1].commentary = Commentary(date: Self.asOf, text: "Dipped in November; recovery plan agreed")
        let m2 = try #require(evaluation.judgements.firstIndex { $0.id == "m2" })
        evaluation.judgements[m2].flags = [.smallCohort]
        let input = ReportInput(model: run.model, data: run.checked.data, evaluation: evaluation,
                                comparisons: [Evaluator.evaluate(run.model, data: run.checked.data, asOf: Self.august)])
        let report = Report.build(input)
        #expect(report.attention.map(\.judgement.id) == ["m1", "a1", "m3"])
        #expect(report.attention[0].attentionReasons == ["slipped"])
        #expect(report.attention[0].isNew)
        let html = HTMLReport.render(report)
        #expect(html.contains("<span class=\"flag\">slipped</span>"))
        #expect(html.contains("30 Nov 2013: Dipped in November; recovery plan agreed"))
        #expect(html.contains("class=\"slip\""))  // the chart's mark
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("(slipped)") && markdown.contains("Dipped in November"))
    }

    @Test func keyTargetsGapsAndSignoffs() {
        let (report, _) = Self.report()
        #expect(report.keyTargets.map(\.judgement.id) == ["m1"])
        #expect(report.gaps.map(\.row.judgement.id) == ["m4"])
        #expect(report.gaps.first?.held == "none on or before 30 Nov 2013")
        let m1 = report.sections[0].items[0]
        #expect(m1.signoffLines == ["EG sign-off was due by 31 Jul 2013", "IB sign-off due by 31 Dec 2013"])
        #expect(m1.evidence == ["measure: Performance book"])
        #expect(m1.chart != nil)
        #expect(report.sections.map(\.label) == ["Recommendation A1", "Recommendation A2"])
        #expect(report.sectionNoun == "recommendation")
        #expect(report.hasOwners)
        // Every milestone of the trajectory says which it is, the first too.
        let m3 = report.sections[1].items[0]
        #expect(m3.rows.map(\.part) == ["milestone 1 of 2", "milestone 2 of 2"])
        #expect(m3.rows.map(\.first) == [true, false])
    }

    /// Against the last board; a target already under Needs attention is not
    /// listed again (a1 worsened, and is there).
    @Test func changesSinceTheLastBoard() throws {
        let (report, _) = Self.report()
        let changes = try #require(report.changes)
        #expect(changes.since == Self.august)
        #expect(changes.earliest == Self.june)
        #expect(changes.improved.map(\.judgement.id) == ["m2"])
        #expect(changes.worsened.isEmpty)
        #expect(changes.listedAbove(.worsened) == 1)
        #expect((changes.better, changes.worse, changes.same) == (3, 0, 1))
        #expect(changes.newlyMeasured.isEmpty && changes.noLongerMeasured.isEmpty)
        #expect(changes.then == [2, 2, 0, 1, 1])
        #expect(changes.now == [3, 1, 1, 1, 0])
        #expect(changes.summary == "1 improved, 1 worsened, 0 newly measured, 0 no longer measured; of the 4 with the same status, 3 better, 0 worse, 1 the same.")
        #expect(report.brief.last == "Since the last board (31 Aug 2013): " + changes.summary)
        // One improved and one worsened in status, the values better: but a1
        // is missed now and was not, so the plan is not called better.
        #expect(changes.verdict == "mixed")
        #expect(changes.verdictWord == "Mixed")
        #expect(Report.monthName(Self.june) == "Jun 2013")
        let attention = Set(report.attention.map(\.judgement.id))
        #expect(attention.isDisjoint(with: (changes.improved + changes.worsened).map(\.judgement.id)))
        // Said, not listed again.
        let html = HTMLReport.render(report)
        #expect(html.contains("<h3>Worsened (1)</h3>\n<p>It is under Needs attention above.</p>"))
        #expect(MarkdownReport.render(report).contains("### Worsened (1)\n\nIt is under Needs attention above.\n"))
    }

    /// No target is listed twice among Needs attention, What changed and Data
    /// gaps, in the HTML and the Markdown, for the examples too.
    @Test func noTargetIsListedTwice() throws {
        for report in [Self.report().0, Self.exampleReport()] {
            let html = HTMLReport.render(report)
            var seen: [String: String] = [:]
            for part in ["attention", "changes", "gaps"] {
                guard let start = html.range(of: "<section id=\"" + part + "\">") else { continue }
                let body = html[start.upperBound...]
                let section = body[..<(body.range(of: "</section>")?.lowerBound ?? body.endIndex)]
                var rest = section
                while let link = rest.range(of: "<th scope=\"row\" class=\"id\"><a href=\"#") {
                    rest = rest[link.upperBound...]
                    let anchor = String(rest[..<rest.firstIndex(of: "\"")!])
                    let row = String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
                    let key = anchor + "|" + row
                    #expect(seen[key] == nil, "\(anchor) listed under \(seen[key] ?? "") and \(part)")
                    seen[key] = part
                }
            }
        }
    }

    @Test(arguments: [
        (Status.met, Status.pending, Travel.worsened), (.pending, .atRisk, .worsened), (.atRisk, .missed, .worsened),
        (.missed, .met, .improved), (.atRisk, .pending, .improved),
        (.noData, .missed, .newlyMeasured), (.noData, .met, .newlyMeasured),
        (.met, .noData, .noLongerMeasured), (.missed, .noData, .noLongerMeasured),
        (.atRisk, .atRisk, .same), (.noData, .noData, .same),
    ])
    func travelOrder(from: Status, to: Status, expected: Travel) {
        #expect(Report.travel(from: from, to: to) == expected)
    }

    /// The same status: the value against the polarity, or "same".
    @Test func travelWithTheSameStatusFollowsTheValue() {
        #expect(Report.travel(from: .met, to: .met, valueThen: 80, valueNow: 85, polarity: .higher) == .better)
        #expect(Report.travel(from: .met, to: .met, valueThen: 80, valueNow: 85, polarity: .lower) == .worse)
        #expect(Report.travel(from: .missed, to: .missed, valueThen: 12, valueNow: 9, polarity: .lower) == .better)
        #expect(Report.travel(from: .atRisk, to: .atRisk, valueThen: 80, valueNow: 80, polarity: .higher) == .same)
        #expect(Report.travel(from: .atRisk, to: .atRisk, valueThen: 80, valueNow: 85, polarity: nil) == .same)
        #expect(Report.travel(from: .met, to: .met, valueThen: nil, valueNow: 85, polarity: .higher) == .same)
        // A change of status is never read from the values.
        #expect(Report.travel(from: .met, to: .atRisk, valueThen: 80, valueNow: 85, polarity: .higher) == .worsened)
    }

    /// From no data to anything is newly measured, never improved; the same
    /// status reads the value against the polarity.
    @Test func travelFromNoDataAndByValue() throws {
        let plan = """
            plan "T"
              period April 2013 to March 2014
            measure late "Reported from September"
              target >= 80% by March 2014
            measure down "Lower is better"
              polarity lower
              target <= 10% by March 2014
            measure gone "Not reported since"
              target >= 80% ongoing

            """
        let csv = """
            measure,date,value,series
            late,2013-09,70%,
            down,2013-07,14%,
            down,2013-09,12%,
            gone,2013-07,85%,

            """
        let files = MemoryFiles(["p.plan": plan, "d.csv": csv])
        let august = CalendarDate(year: 2013, month: 8, day: 31)!
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate(year: 2013, month: 9, day: 30)!)
        let report = Report.build(ReportInput(run, compareDates: [august]))
        let travel = Dictionary(uniqueKeysWithValues: Self.rows(report).map { ($0.judgement.id, $0.travel) })
        #expect(travel["late"] == .newlyMeasured)  // no data in August, at risk now
        #expect(travel["down"] == .better)  // at risk both times, 14% to 12% with polarity lower
        #expect(travel["gone"] == .same)  // ongoing: the July value still stands
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("+ newly measured"))
        #expect(!markdown.contains("↑ improved |"))
    }

    /// Direction of travel through the CLI on a plan file with three boards:
    /// travel since the last board, then since the first (worked out by hand
    /// in `Tests/Fixtures/eval/travel.plan`).
    @Test func reportTravelThroughTheCLI() {
        let directory = fixturesDirectory.appendingPathComponent("eval")
        let result = runCLI(["report", "travel.plan", "--data", "travel.csv", "--compare", "2013-06-30",
                             "--compare", "2013-08-31", "--as-of", "2013-10-31"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let progress = result.stdout.components(separatedBy: "## Progress by")[1]
        // The board layout (issue 11): now, the last board, travel since it, travel since the first.
        #expect(progress.contains("| ID | Now | Aug 2013 | Travel | Since Jun 2013 | Measure or action | Trend |"))
        let expected = [
            ("t1", "✓ met | ? no data | + newly measured | + newly measured"),
            ("t2", "▲ at risk | ▲ at risk | ↗ better value | ↗ better value"),
            ("t3", "▲ at risk | ▲ at risk | ↘ worse value | ↘ worse value"),
            ("t4", "✓ met | ✓ met | ↘ worse value | ↑ improved"),
            ("t5", "? no data | ✓ met | − no longer measured | → same"),
            ("a1", "✗ missed | ○ pending | ↓ worsened | ↓ worsened"),
        ]
        let lines = progress.split(separator: "\n")
        for (id, cells) in expected {
            let row = lines.first { $0.hasPrefix("| \(id) |") }
            #expect(row?.contains("| " + cells + " |") == true, "\(id): \(row ?? "no row")")
        }
        #expect(result.stdout.contains("Since the last board (31 Aug 2013): 0 improved, 1 worsened, 1 newly measured, 1 no longer measured; of the 3 with the same status, 1 better, 2 worse, 0 the same."))
    }

    /// The report uses the plan's words: a comparator's title, not its id.
    @Test func comparatorsAreNamedByTheirTitles() throws {
        let plan = """
            plan "T"
              period April 2013 to March 2014
            comparator sn "Statistical neighbour average" tolerance 5%
            comparator nat
            measure r "Referrals"
              target in line with sn by September
            measure l "Lead professionals"
              target within 2 points of nat by September

            """
        let csv = "measure,date,value,series\nr,2013-09,402,\nr,2013-03,385,sn\nl,2013-09,50%,\nl,2013-09,51%,nat\n"
        let files = MemoryFiles(["p.plan": plan, "d.csv": csv])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        let rows = Self.rows(Report.build(ReportInput(run)))
        #expect(rows.map(\.requirement) == ["in line with Statistical neighbour average", "within 2 points of nat"])
        #expect(rows[0].judgement.explanation.contains("(Statistical neighbour average 385 on 31 Mar 2013, allowed ±19.3)"))
        let markdown = MarkdownReport.render(Report.build(ReportInput(run)))
        #expect(!markdown.contains("| in line with sn |"))
        #expect(markdown.contains("| in line with Statistical neighbour average by 30 Sep 2013 |"))
        #expect(HTMLReport.render(Report.build(ReportInput(run))).contains("compared with Statistical neighbour average"))
    }

    /// A deadline missed within tolerance is labelled as missed, never as time left.
    @Test func missedWithinToleranceIsLabelledSo() throws {
        let plan = """
            plan "T"
              period April 2013 to March 2014
            measure m "Seen within 10 days"
              target >= 75% by September
              tolerance 2 points

            """
        let files = MemoryFiles(["p.plan": plan, "d.csv": "measure,date,value\nm,2013-09,73.5%\n"])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        let report = Report.build(ReportInput(run))
        let row = try #require(report.attention.first)
        #expect(row.judgement.status == .atRisk)
        #expect(row.statusNote == "missed by 1.5 points, within tolerance")
        #expect(row.judgement.explanation.contains("missed by 1.5 points, within the tolerance of 2.0 points"))
        #expect(!row.judgement.explanation.contains("left"))
        #expect(MarkdownReport.render(report).contains("▲ at risk (missed by 1.5 points, within tolerance)"))
        #expect(HTMLReport.render(report).contains("missed by 1.5 points, within tolerance</small>"))
    }

    @Test func withoutCompareThereIsNoTravel() {
        let (report, _) = Self.report(compare: [])
        #expect(report.changes == nil)
        #expect(Self.rows(report).allSatisfy { $0.travel == nil && $0.earlier.isEmpty })
        let html = HTMLReport.render(report)
        #expect(!html.contains("RAG"))
        #expect(!html.contains("Travel"))
    }

    @Test func severalPlansReportAsOne() {
        let second = """
            plan "Second"
              period April 2013 to March 2014
            outcome O1 "Another outcome"
            measure z1 "% of something else"
              lead "Cy Lead"
              target >= 40% by September

            """
        let a = Self.evaluated()
        let b = Self.evaluated(second, csv: "measure,date,value,series\nz1,2013-09,45%,\n")
        let merged = ReportInput.merging([ReportInput(a, compareDates: [Self.june]), ReportInput(b, compareDates: [Self.june])])
        let report = Report.build(merged)
        // Both plans are named: the first plan's title alone would claim the second's targets.
        #expect(report.title == (a.model.title ?? "") + " and Second")
        #expect(report.periodText == "plan period 1 Apr 2013 to 31 Mar 2014")
        #expect(report.total == a.evaluation.judgements.count + 1)
        #expect(Self.rows(report).count == report.total)
        #expect(report.sections.map(\.label) == ["Recommendation A1", "Recommendation A2", "Outcome O1"])
        #expect(report.sectionNoun == "section")
        let z1 = report.sections[2].items[0]
        #expect(z1.id == "z1" && z1.rows.first?.judgement.status == .met && z1.rows.first?.earlier == [.noData])
        #expect(z1.chart?.id == "z1")
        #expect(report.byLead.map(\.name) == ["Ann Lead", "Bob Lead", "Cy Lead", "(no lead)"])
    }

    // MARK: - HTML

    static func html(compare: [CalendarDate] = [june, august]) -> String { HTMLReport.render(report(compare: compare).0) }

    @Test func htmlHasNoExternalReferenceAndNoScript() {
        for html in [Self.html(), Self.html(compare: []), Self.exampleHTML()] {
            // The SVG namespace names the vocabulary; nothing is fetched from it.
            let lower = html.lowercased().replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!lower.contains("<script"))
            #expect(!lower.contains("http://") && !lower.contains("https://"))
            #expect(!lower.contains("src="))
            #expect(!lower.contains("@import") && !lower.contains("url("))
            #expect(!lower.contains(" on") || !lower.contains("onload="))
            // Every href is a fragment inside the page.
            var rest = Substring(lower)
            while let range = rest.range(of: "href=\"") {
                rest = rest[range.upperBound...]
                #expect(rest.first == "#", "href to \(rest.prefix(30))")
            }
        }
    }

    #if canImport(FoundationXML)
    @Test func htmlIsWellFormedXML() throws {
        for html in [Self.html(), Self.html(compare: []), Self.exampleHTML()] {
            let document = try XMLDocument(xmlString: html, options: [])
            #expect(document.rootElement()?.name == "html")
            #expect(document.rootElement()?.attribute(forName: "lang")?.stringValue == "en")
        }
    }

    @Test func headingsGoInOrder() throws {
        for html in [Self.html(), Self.exampleHTML()] {
            let document = try XMLDocument(xmlString: html, options: [])
            let headings = try document.nodes(forXPath: "//h1|//h2|//h3|//h4|//h5|//h6")
            let levels = headings.compactMap { $0.name.flatMap { Int($0.dropFirst()) } }
            #expect(levels.first == 1)
            #expect(levels.count { $0 == 1 } == 1)
            for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "h\(a) then h\(b)") }
        }
    }

    @Test func tablesHaveScopedHeaderCells() throws {
        let document = try XMLDocument(xmlString: Self.html(), options: [])
        let tables = try document.nodes(forXPath: "//table")
        #expect(tables.count >= 6)
        for th in try document.nodes(forXPath: "//thead//th") {
            #expect((th as? XMLElement)?.attribute(forName: "scope")?.stringValue == "col")
        }
        for th in try document.nodes(forXPath: "//tbody//th") {
            #expect((th as? XMLElement)?.attribute(forName: "scope")?.stringValue == "row")
        }
        for table in tables {
            let rows = try table.nodes(forXPath: ".//tr")
            let header = try table.nodes(forXPath: "./thead/tr/th").count
            for row in rows {
                let cells = try row.nodes(forXPath: "./th|./td").map { node -> Int in
                    Int((node as? XMLElement)?.attribute(forName: "colspan")?.stringValue ?? "1") ?? 1
                }
                #expect(cells.reduce(0, +) == header, "a row of \(cells.reduce(0, +)) cells under \(header) headers")
            }
        }
    }

    /// The section tables' rows, one per judgement, in plan order, each with
    /// its id and its status (the last badge before the explanation).
    @Test func htmlSectionRowsAreTheJudgements() throws {
        let (report, run) = Self.report()
        let document = try XMLDocument(xmlString: HTMLReport.render(report), options: [])
        let rows = try document.nodes(forXPath: "//section[@class='plan-section']//tbody/tr")
        #expect(rows.count == run.evaluation.judgements.count)
        for (row, j) in zip(rows, run.evaluation.judgements) {
            #expect(try row.nodes(forXPath: "./th").first?.stringValue == j.id)
            let badges = try row.nodes(forXPath: ".//span[starts-with(@class,'st ')]").compactMap(\.stringValue)
            #expect(badges.count == 3)  // now, then the last board, then the earliest
            #expect(badges.first == j.status.label)
        }
        // Text from the plan is escaped, and reads back as written.
        let title = try document.nodes(forXPath: "//h1").first?.stringValue
        #expect(title == "Board <test> & \"friends\" | plan")
    }
    #endif

    @Test func statusIsNeverColourAlone() {
        let html = Self.html()
        for status in Status.allCases {
            // Every badge holds the symbol and the word.
            #expect(html.contains(">" + status.symbol + " " + status.rawValue + "</span>"))
        }
        var rest = Substring(html)
        while let range = rest.range(of: "<span class=\"st ") {
            rest = rest[range.upperBound...]
            let close = rest.range(of: "</span>")!
            let inner = rest[rest.range(of: ">")!.upperBound..<close.lowerBound]
            #expect(Status.allCases.contains { inner == $0.label }, "badge '\(inner)'")
        }
        // No emoji: every symbol is text presentation by default.
        for status in Status.allCases {
            #expect(status.symbol.unicodeScalars.allSatisfy { !$0.properties.isEmojiPresentation })
        }
    }

    /// Print: A4 portrait, no forced page break, a running header with the
    /// as-of date and page numbers in the page margins, chart text at 8 pt
    /// or more. Phone: tables scroll inside their wrapper, ids and words
    /// never break inside, and the status now is the column after the id.
    @Test func htmlPrintsAndReadsOnAPhone() throws {
        let html = Self.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        #expect(html.contains("@page { size: A4 portrait;"))
        #expect(html.contains("@top-left { content: \"Board \\3c test\\3e  \\26  \\\"friends\\\" | plan · as of 30 Nov 2013\";"))
        #expect(html.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"))
        #expect(!html.contains("break-before: page") && !html.contains("page-break-before: always"))
        #expect(html.contains(".scroll { overflow-x: auto;"))
        #expect(html.contains("@media print"))
        #expect(HTMLReport.printedChartTextPoints >= 8)
        #expect(html.contains(".card figure { flex: 0 0 86mm;"))
        #expect(html.contains("html { font-size: 11px; }"))
        // Nothing breaks a word or an id in the middle.
        #expect(!html.contains("anywhere") && !html.contains("break-all"))
        #expect(html.contains(".id, .nw { white-space: nowrap; }"))
        #if canImport(FoundationXML)
        for page in [html, Self.exampleHTML()] {
            let document = try XMLDocument(xmlString: page, options: [])
            for table in try document.nodes(forXPath: "//table[@class='wide']") {
                let headers = try table.nodes(forXPath: "./thead/tr/th").compactMap(\.stringValue)
                if headers.contains("Now") { #expect(headers.firstIndex(of: "Now") == 1, "\(headers)") }
                for cell in try table.nodes(forXPath: "./tbody/tr/th") {
                    #expect((cell as? XMLElement)?.attribute(forName: "class")?.stringValue == "id")
                }
            }
        }
        #endif
    }

    /// The first screen: off track, new since the last board, the plan's
    /// direction, key targets; then Needs attention with the last board's
    /// status, a "new" mark and an owner on every row.
    @Test func theFirstScreenAnswersTheBoardsQuestions() throws {
        let html = Self.html()
        let glance = try #require(html.range(of: "<section id=\"glance\">"))
        let attention = try #require(html.range(of: "<section id=\"attention\">"))
        #expect(glance.lowerBound < attention.lowerBound)
        let tiles = String(html[glance.upperBound..<attention.lowerBound])
        #expect(tiles.contains("<div class=\"tile t-off\"><b>2</b> off track or flagged"))
        // The new ones named, each a link to its card.
        #expect(tiles.contains("<div class=\"tile t-new\"><b>1</b> new since the last board<br/><span><a href=\"#t-a1\">a1</a></span></div>"))
        #expect(tiles.contains("<div class=\"tile t-trend\"><b>Mixed</b> overall since 31 Aug 2013"))
        #expect(tiles.contains("<div class=\"tile t-keys\"><b>1 of 1</b> key targets met"))
        #expect(html.contains("<th scope=\"col\">ID</th><th scope=\"col\">Now</th><th scope=\"col\">Aug 2013</th><th scope=\"col\">Measure or action</th><th scope=\"col\">Owner</th>"))
        #expect(html.contains("<td><span class=\"st s-pending\">○ pending</span> <span class=\"new\">new</span></td>"))
        #expect(Self.markdown().contains("- **1 new since the last board** (31 Aug 2013): a1.\n"))
        // Key targets: travel since the last board and since the earliest.
        #expect(html.contains("<th scope=\"col\">ID</th><th scope=\"col\">Now</th><th scope=\"col\">Aug 2013</th><th scope=\"col\">Jun 2013</th><th scope=\"col\">Travel</th><th scope=\"col\">Since Jun 2013</th><th scope=\"col\">Measure or action</th>"))
        #expect(html.contains("<td class=\"nw\">↗ better value</td><td class=\"nw\">↑ improved</td><td class=\"title\">% of children seen on time</td>"))
        // Before the section tables.
        #expect(attention.lowerBound < html.range(of: "<section id=\"progress\">")!.lowerBound)
    }

    /// An owner column always, with leads and officers; a plan with neither says so.
    @Test func ownersAreAlwaysShownWithOfficersAndNotes() throws {
        let html = Self.html()
        #expect(html.contains("<td>Bob Lead · officer Olga Officer</td>"))
        #expect(html.contains("<dt>Note</dt><dd>Counted from the referral system, weekly</dd>"))
        #expect(html.contains("<dt>Polarity</dt><dd>lower is better</dd>"))
        let markdown = Self.markdown()
        #expect(markdown.contains("| Bob Lead · officer Olga Officer |"))
        #expect(markdown.contains("note: Counted from the referral system, weekly"))
        // Cheshire East names no leads: the column is there, saying so.
        let example = Self.exampleHTML()
        #expect(example.contains("<th scope=\"col\">Owner</th>"))
        #expect(example.contains("<span class=\"nw muted\">none named</span>"))
        #expect(example.contains("<dt>Note</dt><dd>Audits show a significant and sustained improvement"))
    }

    /// Every id links to its target's card, which holds its chart,
    /// explanation, owner and history; cards' anchors are unique.
    @Test func everyTargetLinksToItsCard() throws {
        for html in [Self.html(), Self.exampleHTML()] {
            var anchors = Set<String>()
            var rest = Substring(html)
            while let range = rest.range(of: "<article class=\"card\" id=\"") {
                rest = rest[range.upperBound...]
                let id = String(rest[..<rest.firstIndex(of: "\"")!])
                #expect(anchors.insert(id).inserted, "duplicate card \(id)")
                let card = rest[..<rest.range(of: "</article>")!.lowerBound]
                #expect(card.contains("<dt>Owner</dt>"))
                #expect(card.contains("<dt>Why</dt>") || card.contains("No target"), "\(id)")
            }
            rest = Substring(html)
            var links = 0
            while let range = rest.range(of: "href=\"#t-") {
                rest = rest[range.upperBound...]
                let id = "t-" + String(rest[..<rest.firstIndex(of: "\"")!])
                #expect(anchors.contains(id), "a link to \(id) with no card")
                links += 1
            }
            #expect(links > anchors.count)  // attention, key targets and the tables link to them
        }
        let html = Self.html()
        #expect(html.contains("<article class=\"card\" id=\"t-m1\">"))
        let m1 = html[html.range(of: "id=\"t-m1\"")!.lowerBound...]
        let card = m1[..<m1.range(of: "</article>")!.lowerBound]
        #expect(card.contains("<svg class=\"chart\""))
        #expect(card.contains("<p><span class=\"muted\">now</span> <span class=\"st s-met\">✓ met</span> · <span class=\"muted\">31 Aug 2013</span> <span class=\"st s-met\">✓ met</span> · ↗ better value</p>"))
        #expect(card.contains("<dt>Status</dt><dd>Jun 2013 ▲ at risk → Aug 2013 ✓ met → now ✓ met</dd>"))
        #expect(card.contains("<dt>Values</dt><dd>Apr 2013 70.0% · May 2013 72.0%"))
        #expect(ReportBuilder.anchor("2.1 a/b") == "t-2.1_a_b")
    }

    /// The plan's words: comparator titles, not ids; no backticks; status
    /// columns headed by month, not "RAG"; no "read on the scale".
    @Test func theWordsAreThePlans() {
        for text in [Self.exampleHTML(), MarkdownReport.render(Self.exampleReport())] {
            #expect(!text.contains("in line with sn"))
            #expect(text.contains("in line with Statistical neighbour average"))
            #expect(!text.contains("`"))
            #expect(!text.contains("read on the scale"))
            #expect(!text.contains("RAG"))
            #expect(!text.contains("08/13"))
            #expect(text.contains("Aug 2013"))
        }
        let comparators = [(id: "sn", title: "Statistical neighbours")]
        #expect(Report.words("in line with sn (sn 52.2%)", comparators: comparators)
            == "in line with Statistical neighbours (Statistical neighbours 52.2%)")
        #expect(Report.words("snow and sn-1 stay", comparators: comparators) == "snow and sn-1 stay")
        #expect(Report.words("breaks `sustained 3 months`", comparators: []) == "breaks “sustained 3 months”")
    }

    /// Charts are whole on their own: axes, labels and colours inside each
    /// `<svg>`, nothing shared; the as-of date, labelled deadlines, a value
    /// on every point, the latest value written, and a legend beside them.
    @Test func chartsAreSelfContainedAndLabelled() throws {
        let html = Self.html()
        #expect(!html.contains("<use") && !html.contains("<defs") && !html.contains("class=\"defs\""))
        var rest = Substring(html)
        var charts = 0
        while let range = rest.range(of: "<svg class=\"chart\"") {
            rest = rest[range.upperBound...]
            let svg = rest[..<rest.range(of: "</svg>")!.lowerBound]
            charts += 1
            #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains("<path stroke=\"#555555\""))        // its own axes
            // Its own labels: months, the year beneath the first (never "Jul 13").
            #expect(svg.contains("%</text>") && svg.contains(">Jul</text>") && svg.contains(">2013</text>"))
            #expect(!svg.contains(" 13</text>"))
            #expect(svg.contains(">as of</text>") && svg.contains(">due</text>"))
            #expect(svg.contains("<text class=\"v\""))
            #expect(!svg.contains("class=\"slip\""))  // nothing here slipped
            #expect(!svg.contains("class=\"a\" d=") || svg.contains("stroke=\"#1f4e79\""))
        }
        #expect(charts == 3)  // m1, m2 and m3 have data
        #expect(html.contains("<circle cx=\"") && html.contains("<title>30 Sep 2013: 83.0%</title></circle>"))
        // A legend just above each section's cards.
        #expect(html.components(separatedBy: "<ul class=\"legend\"").count - 1 == 2)
        for part in html.components(separatedBy: "<ul class=\"legend\"").dropFirst() {
            #expect(part.contains("</ul>\n<div class=\"cards\">"))
        }
    }

    /// A comparator with one value holds, level, from its date to the as-of
    /// date (never a zero-length path), with its tolerance band; a
    /// measure's tolerance is a band at its target.
    @Test func aSingleComparatorValueAndToleranceBandsAreDrawn() throws {
        let plan = """
            plan "Bands"
              period April 2013 to March 2014
            comparator sn "Statistical neighbour average"
              tolerance 5%
            measure r "Referrals"
              polarity lower
              target in line with sn by September
            measure t "Timeliness"
              polarity higher
              tolerance 2 points
              target >= 80% by September

            """
        let csv = "measure,date,value,series\nr,2013-08,390,\nr,2013-09,402,\nr,2013-09,385,sn\nt,2013-08,77%,\nt,2013-09,79%,\n"
        let run = Self.evaluated(plan, csv: csv, asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics.map(\.message))")
        let report = Report.build(ReportInput(run))
        let r = try #require(report.sections[0].items[0].chart)
        #expect(r.comparators.first?.name == "Statistical neighbour average")
        let svg = SVGChart.render(r)
        let line = try #require(svg.range(of: "<path class=\"c\" stroke=\"#6a3d9a\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\" fill=\"none\" d=\""))
        let d = String(svg[line.upperBound...].prefix { $0 != "\"" })
        // 30 Sep to 31 Oct 2013 (the as-of date), level: 22.3 units across.
        #expect(d == "M175 114.7l22.3 0", "\(d)")
        #expect(svg.contains("<title>Statistical neighbour average: 385 on 30 Sep 2013</title>"))
        #expect(svg.contains("<path class=\"band\""))
        let t = try #require(report.sections[0].items[1].chart)
        #expect(t.targets[0][0].bandLow == 78 && t.targets[0][0].bandHigh == 80)
        #expect(SVGChart.render(t).contains("<path class=\"band\""))
        // 79% at its September deadline, 1 point short, within the 2-point
        // tolerance: at risk with no time left, and said so.
        let row = try #require(report.attention.first { $0.judgement.id == "t" })
        #expect(row.judgement.status == .atRisk && row.statusNote == "missed by 1.0 point, within tolerance")
        #expect(HTMLReport.render(report).contains("<small>missed by 1.0 point, within tolerance</small>"))
        #expect(MarkdownReport.render(report).contains("▲ at risk (missed by 1.0 point, within tolerance)"))
    }

    // MARK: - Contrast

    /// WCAG 2 relative luminance of "#rrggbb".
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ i: Int) -> Double {
            let c = Double(Int(String(digits[i..<i + 2]), radix: 16)!) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    @Test func contrastMeetsWCAGAA() {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
        let html = Self.html()
        for (status, text, background) in HTMLReport.statusColors {
            let ratio = Self.contrast(text, background)
            #expect(ratio >= 4.5, "\(status.rawValue): \(text) on \(background) is \(ratio):1")
            // The page uses exactly these colours.
            #expect(html.contains("color: \(text); background: \(background);"))
        }
        for (text, background) in HTMLReport.textColors {
            #expect(Self.contrast(text, background) >= 4.5, "\(text) on \(background)")
        }
        // Lines in charts are graphics: 3:1 against the white plot.
        for stroke in HTMLReport.chartColors {
            #expect(Self.contrast(stroke, "#ffffff") >= 3, "\(stroke) on white")
        }
    }

    /// Machado, Oliveira and Fernandes (2009) simulation matrices at full
    /// severity, applied to linear RGB.
    static let protanopia = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    static let deuteranopia = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    static let normalVision = [[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]

    /// CIE L* of "#rrggbb" as seen through `matrix`.
    static func lightness(_ hex: String, _ matrix: [[Double]]) -> Double {
        let digits = Array(hex.dropFirst())
        let rgb = (0..<3).map { i -> Double in
            let c = Double(Int(String(digits[2 * i..<2 * i + 2]), radix: 16)!) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let seen = matrix.map { row in max(0, min(1, zip(row, rgb).map(*).reduce(0, +))) }
        let y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
        let f = y > 0.008856 ? pow(y, 1.0 / 3) : 7.787 * y + 16.0 / 116
        return 116 * f - 16
    }

    /// Under simulated protanopia and deuteranopia (and normal vision) the
    /// five status tints differ in lightness by at least 7 L*, so the badges
    /// and the bar's segments stay apart without their hue; the bar's
    /// segments also carry a pattern each, and every badge its symbol.
    @Test func statusColoursSurviveColourBlindness() {
        // The simulation itself: grey stays grey, and red and green, far apart
        // in normal vision, come close under deuteranopia.
        #expect(abs(Self.lightness("#777777", Self.deuteranopia) - Self.lightness("#777777", Self.normalVision)) < 1)
        #expect(abs(Self.lightness("#d6705f", Self.normalVision) - 62) < 5)
        for (name, matrix) in [("normal", Self.normalVision), ("protanopia", Self.protanopia), ("deuteranopia", Self.deuteranopia)] {
            let seen = HTMLReport.statusColors.map { ($0.status, Self.lightness($0.background, matrix)) }
            for i in seen.indices {
                for j in seen.indices where j > i {
                    #expect(abs(seen[i].1 - seen[j].1) >= 7,
                            "\(name): \(seen[i].0.rawValue) and \(seen[j].0.rawValue) are L* \(seen[i].1) and \(seen[j].1)")
                }
            }
        }
        // Patterns: each status but met has its own, and the page uses it on the bar.
        let html = Self.html()
        let images = HTMLReport.statusPatterns.map(\.image)
        #expect(Set(images).count == Status.allCases.count)
        for (status, image, _) in HTMLReport.statusPatterns where image != "none" {
            #expect(html.contains(".bar ." + HTMLPage.cls(status) + " { background-image: " + image))
        }
        #expect(html.contains("<div class=\"bar\" role=\"img\" aria-label=\"3 met, 1 at risk, 1 missed, 1 no data, 0 pending\">"))
        #expect(html.contains("<span class=\"s-met\" style=\"width:50%\"><b>✓ 3</b></span>"))
    }

    // MARK: - Charts

    @Test func chartsAreAccessibleAndCompact() throws {
        let (report, _) = Self.report()
        let m1 = try #require(report.sections[0].items[0].chart)
        let svg = SVGChart.render(m1)
        #expect(svg.hasPrefix("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 164\" role=\"img\" aria-label=\"m1: 6 values from Apr 2013, latest 83.0% on 30 Sep 2013"))
        #expect(svg.contains("<title>m1 % of children seen on time</title>"))
        #expect(svg.hasSuffix("</svg>"))
        // Numbers have at most one decimal.
        let numbers = svg.split { !"0123456789.".contains($0) }
        for number in numbers where number.contains(".") {
            #expect(number.split(separator: ".", omittingEmptySubsequences: false).last!.count <= 1, "\(number)")
        }
        // Target, deadline, observations; m1 has met its deadline: no projection.
        #expect(svg.contains("<path class=\"t\""))
        #expect(svg.contains("<path class=\"dl\""))
        #expect(svg.contains("<path class=\"a\""))
        #expect(!svg.contains("class=\"p\""))
        #expect(m1.projection == nil)
        // A narrow band of percentages zooms the axis: 70-83% and a target of 80%.
        #expect(svg.contains(">65%</text>") && !svg.contains(">0%</text>"))
    }

    @Test func aProjectionIsDrawnDashedWhenTheJudgementHasOne() throws {
        // As of 31 Aug, m2 (<= 10% by December) is projected from its trend.
        let run = Self.evaluated(asOf: Self.august)
        let report = Report.build(ReportInput(run))
        let m2 = report.sections[0].items[1]
        #expect(m2.rows[0].judgement.projected != nil)
        let chart = try #require(m2.chart)
        let projection = try #require(chart.projection)
        #expect(projection.to.date == CalendarDate(year: 2013, month: 12, day: 31)!)
        #expect(SVGChart.render(chart).contains("<path class=\"p\""))
    }

    @Test func aTrajectoryIsDrawnAsSteps() throws {
        let (report, _) = Self.report()
        let m3 = try #require(report.sections[1].items[0].chart)
        #expect(m3.targets.count == 1)
        #expect(m3.targets[0].map(\.value) == [50, 60])
        #expect(m3.deadlines.count == 2)
        // Four points: start and June at 50, June and the end at 60 (a path
        // of one absolute point and three relative steps: eight numbers).
        let svg = SVGChart.render(m3)
        let path = try #require(svg.range(of: "<path class=\"t\""))
        let start = try #require(svg[path.upperBound...].range(of: " d=\""))
        let d = String(svg[start.upperBound...].prefix { $0 != "\"" })
        let numbers = d.split { !"0123456789.".contains($0) }
        #expect(numbers.count == 8, "\(d)")
        #expect(d.hasPrefix("M44 ") && d.contains("l"))
    }

    @Test(arguments: [
        ([70.0, 83, 80], true, 65.0, 85.0),   // narrow band of percent: zoom
        ([10.0, 90], true, 0, 100),           // wide band: the whole 0-100
        ([10.0, 27], false, 0, 30),           // counts from zero
        ([14.0, 27], false, 10, 30),          // the least more than half the greatest: zoom
        ([820.0, 902], false, 800, 950),      // counts in a narrow band: zoom
    ])
    func valueAxis(values: [Double], percent: Bool, low: Double, high: Double) {
        let axis = SVGChart.valueAxis(values, percent: percent)
        #expect(axis.low == low && axis.high == high, "\(axis.low)...\(axis.high)")
        #expect(axis.ticks.first == axis.low && axis.ticks.last == axis.high)
        #expect((3...6).contains(axis.ticks.count))
        #expect(values.allSatisfy { $0 >= axis.low && $0 <= axis.high })
    }

    // MARK: - Markdown

    static func markdown(compare: [CalendarDate] = [june, august]) -> String { MarkdownReport.render(report(compare: compare).0) }

    /// The cells of a table line: split on unescaped pipes.
    static func cells(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "|" { count += 1 }
        }
        return count - 1
    }

    /// Each table: its lines.
    static func tables(_ markdown: String) -> [[Substring]] {
        var tables: [[Substring]] = []
        var current: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    @Test func markdownTablesHaveConsistentColumns() {
        for markdown in [Self.markdown(), Self.markdown(compare: []), Self.exampleMarkdown()] {
            let tables = Self.tables(markdown)
            #expect(tables.count >= 6)
            for table in tables {
                #expect(table.count >= 3)
                let width = Self.cells(table[0])
                #expect(table[1].allSatisfy { "|-: ".contains($0) }, "separator \(table[1])")
                for line in table {
                    #expect(Self.cells(line) == width, "\(line)")
                    #expect(line.hasSuffix(" |") || line.hasSuffix("|"))
                }
            }
        }
    }

    @Test func markdownHasNoRawHTMLAndEscapesPlanText() {
        let markdown = Self.markdown()
        // Every angle bracket is escaped.
        for (index, c) in markdown.enumerated() where c == "<" {
            let before = markdown[markdown.index(markdown.startIndex, offsetBy: index - 1)]
            #expect(before == "\\", "raw < at \(index)")
        }
        #expect(markdown.hasPrefix("# Board \\<test\\> &amp; \"friends\" \\| plan\n"))
        // "1. see children" inside a paragraph stays text.
        #expect(markdown.contains("First recommendation: 1. see children \\| on time"))
        #expect(MarkdownReport.paragraph("1. One") == "1\\. One")
        #expect(MarkdownReport.paragraph("# Not a heading") == "\\# Not a heading")
        #expect(MarkdownReport.cell("a|b\nc*d_e") == "a\\|b c\\*d\\_e")
    }

    @Test func markdownSectionRowsAreTheJudgements() {
        let (report, run) = Self.report()
        let markdown = MarkdownReport.render(report)
        let progress = markdown.components(separatedBy: "## Progress by recommendation")[1]
            .components(separatedBy: "## By workstream")[0]
        // Each section: a status table, then a table of targets, values, owners and why.
        let tables = Self.tables(progress)
        let statusRows = tables.filter { $0[0].hasPrefix("| ID | Now |") }.flatMap { $0.dropFirst(2) }
        let detailRows = tables.filter { $0[0].hasPrefix("| ID | Required |") }.flatMap { $0.dropFirst(2) }
        #expect(statusRows.count == run.evaluation.judgements.count)
        #expect(detailRows.count == run.evaluation.judgements.count)
        for (row, j) in zip(statusRows, run.evaluation.judgements) {
            #expect(row.hasPrefix("| " + j.id + " | " + j.status.label + " |"))
        }
        for (row, j) in zip(detailRows, run.evaluation.judgements) {
            #expect(row.hasPrefix("| " + j.id + " |"))
        }
        #expect(markdown.contains("| ID | Now | Aug 2013 | Travel | Since Jun 2013 | Measure or action | Trend |"))
        #expect(MarkdownReport.sparkline([1, 2, 3, 8]) == "▁▂▃█")
    }

    /// Sparklines are drawn against the chart's value axis, which takes in
    /// the target: 84, 85, 85 below a target of 90 is nearly flat.
    @Test func sparklinesAreScaledAgainstTheTarget() throws {
        #expect(MarkdownReport.sparkline([84, 85, 85]) == "▁██")   // their own min-max: misleading
        #expect(MarkdownReport.sparkline([84, 85, 85], low: 80, high: 95) == "▃▃▃")
        let (report, _) = Self.report()
        let m1 = report.sections[0].items[0]
        let range = try #require(m1.trendRange)
        #expect(range.low == 65 && range.high == 85)
        #expect(MarkdownReport.render(report).contains("| " + MarkdownReport.sparkline(m1.trend, low: 65, high: 85) + " |"))
    }

    /// GitHub's content column is about 980 pixels, some 120 characters of
    /// its table text. A table fits when its narrowest layout (each column as
    /// wide as its longest word, plus padding) does: every table here must.
    @Test func markdownTablesFitGitHubsWidth() {
        for markdown in [Self.markdown(), Self.exampleMarkdown(), MarkdownReport.render(Self.exampleReport())] {
            for table in Self.tables(markdown) {
                let rows = table.enumerated().filter { $0.offset != 1 }.map { line -> [Substring] in
                    line.element.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0 }
                }
                let columns = rows[0].count
                #expect(columns <= 7, "\(table[0])")
                var widths = [Int](repeating: 0, count: columns)
                for row in rows {
                    for (k, cell) in row.enumerated() where k < columns {
                        let longest = cell.split(separator: " ").map(\.count).max() ?? 0
                        widths[k] = max(widths[k], longest)
                    }
                }
                let width = widths.reduce(0, +) + 3 * columns
                #expect(width <= 120, "\(width) characters at the narrowest: \(table[0])")
            }
        }
    }

    // MARK: - Determinism

    @Test func renderingTwiceGivesTheSameBytes() {
        let a = Self.report(generatedAt: nil).0
        let b = Self.report(generatedAt: nil).0
        #expect(HTMLReport.render(a) == HTMLReport.render(b))
        #expect(MarkdownReport.render(a) == MarkdownReport.render(b))
        #expect(Self.exampleHTML() == Self.exampleHTML())
        #expect(Self.exampleMarkdown() == Self.exampleMarkdown())
        // No clock: the only dates are the plan's, the data's and the as-of date.
        #expect(!HTMLReport.render(a).contains("Generated"))
        let stamped = HTMLReport.render(Self.report(generatedAt: "1 Dec 2013 09:00").0)
        #expect(stamped.contains("Generated 1 Dec 2013 09:00."))
    }

    // MARK: - The bundled examples

    static func example(_ name: String, asOf: String, compare: [String]) -> Report {
        let directory = repositoryRoot.appendingPathComponent("examples")
        let plan = directory.appendingPathComponent(name + ".plan").path
        let csv = directory.appendingPathComponent(name + ".csv").path
        let files = DiskFilesForTests()
        let run = Pipeline.evaluate(path: plan, files: files, dataPaths: [csv], asOf: CalendarDate.parseISO(asOf)!)
        return Report.build(ReportInput(run, compareDates: compare.map { CalendarDate.parseISO($0)! }))
    }

    static func exampleReport() -> Report {
        example("cheshire-east-2013", asOf: "2013-10-31", compare: ["2013-08-31"])
    }

    static func exampleHTML() -> String {
        HTMLReport.render(example("cheshire-east-2013", asOf: "2013-10-31", compare: ["2013-08-31"]))
    }

    static func exampleMarkdown() -> String {
        MarkdownReport.render(example("cambridgeshire-2014", asOf: "2015-03-31", compare: ["2014-12-31"]))
    }

    @Test func theExamplesReportEveryJudgement() {
        let report = Self.example("cheshire-east-2013", asOf: "2013-10-31", compare: ["2013-08-31"])
        #expect(report.total > 30)
        #expect(Self.rows(report).count == report.total)
        #expect(report.sections.flatMap(\.items).compactMap(\.chart).count > 20)
    }

    // MARK: - Command line

    static func withFiles(_ body: (URL) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try csv.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try body(directory)
    }

    @Test func cliWritesTheFormatItsExtensionNames() throws {
        try Self.withFiles { directory in
            let base = ["report", "p.plan", "--data", "d.csv", "--as-of", "2013-11-30", "--compare", "2013-06-30"]
            let html = runCLI(base + ["-o", "board.html"], in: directory)
            #expect(html.status == 0, "\(html.stderr)")
            #expect(html.stdout.isEmpty)
            let written = try String(contentsOf: directory.appendingPathComponent("board.html"), encoding: .utf8)
            #expect(written.hasPrefix("<!DOCTYPE html>"))
            let markdown = runCLI(base + ["-o", "board.md"], in: directory)
            #expect(markdown.status == 0)
            let md = try String(contentsOf: directory.appendingPathComponent("board.md"), encoding: .utf8)
            #expect(md.hasPrefix("# Board"))
            // Standard output: Markdown unless --format html; the same bytes as the file.
            let stdout = runCLI(base, in: directory)
            #expect(stdout.status == 0)
            #expect(stdout.stdout == md)
            let forced = runCLI(base + ["--format", "html"], in: directory)
            #expect(forced.stdout == written)
        }
    }

    @Test(arguments: [
        ["report", "p.plan", "--data", "d.csv"],                                             // no --as-of
        ["report", "p.plan", "--as-of", "30/11/2013"],                                       // not ISO
        ["report", "p.plan", "--as-of", "2013-11-30", "--format", "pdf"],
        ["report", "p.plan", "--as-of", "2013-11-30", "-o", "board.pdf"],
        ["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-12-31"],            // after as-of
        ["report", "--as-of", "2013-11-30"],                                                 // no plan
        ["report", "p.plan", "--as-of", "2013-11-30", "--bogus"],
        ["report", "p.plan", "--as-of", "2013-11-30", "--data", "missing.csv"],
    ])
    func cliBadUsageIsExitTwo(_ args: [String]) throws {
        try Self.withFiles { directory in
            let result = runCLI(args, in: directory)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("board.pdf").path))
        }
    }

    @Test func cliRefusesAPlanWithErrors() throws {
        try Self.withFiles { directory in
            try (Self.plan + "measure m9 \"Broken\"\n  workstream NOPE\n  target >= 50% by June\n")
                .write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
            let result = runCLI(["report", "p.plan", "--data", "d.csv", "--as-of", "2013-11-30", "-o", "board.html"],
                                in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.contains("NOPE"))
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("board.html").path))
        }
    }

    /// End to end through the CLI: the evaluator's commentary, recorded
    /// rating and `slipped` and `rag differs` flags reach Needs attention,
    /// the card and the chart, with the lead and the officer.
    @Test func cliShowsCommentaryRatingsAndFlags() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = """
            plan "Slip"
              period April 2013 to March 2014
            measure m1 "% seen on time"
              lead "Ann Lead"
              officer "Olga Officer"
              polarity higher
              target >= 80% by September
              progress 2013-10-15 "Dipped after two staff left; recovery plan agreed"
              rag 2013-10-31 amber "Below target in October"

            """
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try "measure,date,value,series\nm1,2013-08,81%,\nm1,2013-09,83%,\nm1,2013-10,72%,\n"
            .write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let base = ["report", "p.plan", "--data", "d.csv", "--as-of", "2013-11-30", "--compare", "2013-08-31"]
        let html = runCLI(base + ["--format", "html"], in: directory)
        #expect(html.status == 0, "\(html.stderr)")
        let attention = try #require(html.stdout.components(separatedBy: "<section id=\"attention\">").dropFirst().first)
            .components(separatedBy: "</section>")[0]
        #expect(attention.contains("<a href=\"#t-m1\">m1</a>"))
        #expect(attention.contains("<span class=\"flag\">rag differs</span>"))
        #expect(attention.contains("<td>Ann Lead · officer Olga Officer</td>"))
        #expect(attention.contains("<small>Rated amber on 31 Oct 2013 (Below target in October); the data says met then.</small>"))
        #expect(attention.contains("<small>15 Oct 2013: Dipped after two staff left; recovery plan agreed</small>"))
        #expect(html.stdout.contains("<dt>Commentary</dt><dd>15 Oct 2013: Dipped after two staff left; recovery plan agreed</dd>"))
        #expect(html.stdout.contains("<dt>Board rating</dt><dd>amber on 31 Oct 2013: Below target in October (the data says met)</dd>"))
        let markdown = runCLI(base, in: directory)
        #if canImport(FoundationXML)
        #expect(throws: Never.self) { try XMLDocument(xmlString: html.stdout, options: []) }
        #endif
        // Met at its deadline, 72% since: slipped, marked on the chart too.
        #expect(attention.contains("<span class=\"flag\">slipped</span>"))
        #expect(html.stdout.contains("<text class=\"slip\""))
        #expect(markdown.stdout.contains("| m1 | ✓ met (slipped, rag differs) | ✓ met **new** |"))
        #expect(markdown.stdout.contains("Commentary 15 Oct 2013: Dipped after two staff left; recovery plan agreed"))
    }

    @Test func usageNamesReport() {
        let result = runCLI(["--help"])
        #expect(result.stdout.contains("\n  report "))
    }
}

/// The disk through Foundation, for tests that read the bundled examples in process.
struct DiskFilesForTests: FileProvider {
    func read(_ path: String) -> Result<[UInt8], FileError> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(FileError("cannot read \(path)")) }
        return .success(Array(data))
    }
}

extension ReportTests {
    /// `--charts attention` draws only key targets and those missed or at
    /// risk; `none` draws nothing; the tables are the same either way.
    @Test func chartSelection() throws {
        let run = Self.evaluated(asOf: Self.june)
        let all = Report.build(ReportInput(run))
        let attention = Report.build(ReportInput(run), charts: .attention)
        let none = Report.build(ReportInput(run), charts: .none)
        func charted(_ r: Report) -> [String] { r.sections.flatMap(\.items).filter { $0.chart != nil }.map(\.id) }
        let wanted = all.sections.flatMap(\.items).filter { block in
            block.key || block.rows.contains { !$0.attentionReasons.isEmpty }
        }.map(\.id)
        #expect(charted(attention) == charted(all).filter { wanted.contains($0) })
        #expect(charted(none).isEmpty)
        #expect(!HTMLReport.render(none).contains("<svg class=\"chart\""))
        #expect(none.total == all.total)
    }
}

extension ReportTests {
    /// The committed example reports are what `make report` writes today:
    /// byte for byte, so a change to the report shows in review.
    @Test(arguments: [
        ("cheshire-east-2013", "2013-10-31", "2013-08-31"),
        ("cambridgeshire-2014", "2015-03-31", "2014-12-31"),
    ])
    func exampleReportsAreCurrent(_ name: String, _ asOf: String, _ compare: String) throws {
        for ext in ["html", "md"] {
            let result = runCLI(["report", "examples/\(name).plan", "--data", "examples/\(name).csv",
                                 "--as-of", asOf, "--compare", compare, "--format", ext == "md" ? "markdown" : "html"],
                                in: repositoryRoot)
            #expect(result.status == 0, "\(result.stderr)")
            let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/\(name).report.\(ext)"),
                                       encoding: .utf8)
            #expect(result.stdout == committed, "examples/\(name).report.\(ext) is stale: run `make report`")
        }
    }
}
