import Foundation
import Testing
@testable import PlanCheck

// A reviewer's reading of the board report: wherever it could mislead the
// board (a flag left out, a comparator drawn where it never was, the last
// board's status not what that board was told, "better" beside more targets
// missed, the HTML and the Markdown saying different things), through the CLI.

@Suite struct BoardReportHonestyTests {
    /// Runs `plancheck` on `plan` (saved as p.plan) in a scratch directory;
    /// `-o out.html` is read back as the output.
    func run(_ arguments: [String], plan: String) throws -> String {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(plan.utf8).write(to: directory.appendingPathComponent("p.plan"))
        let result = runCLI(arguments, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        if let k = arguments.firstIndex(of: "-o") {
            return (try? String(contentsOf: directory.appendingPathComponent(arguments[k + 1]), encoding: .utf8)) ?? ""
        }
        return result.stdout
    }

    func lines(_ text: String, containing word: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.contains(word) }
    }

    static let cohort = """
        plan "Cohort"
          period April 2013 to March 2014
        measure m7 "% children seen alone"
          polarity higher
          minimum cohort 10
          target >= 75% by September 2013
        data m7
          2013-09 7/9

        """

    /// A met target resting on a small cohort says so wherever its status is
    /// shown, and the summary never says nothing is flagged.
    @Test func aMetTargetOnASmallCohortIsSaidEverywhere() throws {
        let md = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: Self.cohort)
        #expect(md.contains("| m7 | ✓ met (small cohort) | % children seen alone |"), "\(md)")
        #expect(!md.contains("Nothing is missed, at risk or flagged."))
        #expect(md.contains("Nothing is missed, at risk, slipped, stale or rated differently by the board."))
        #expect(md.contains("- 1 target is flagged small cohort, its value resting on fewer than the measure's minimum cohort: m7.\n"))
        #expect(md.contains("- **0 off track or flagged** of 1: 0 missed, 0 at risk; 1 other target flagged small cohort.\n"))
        let html = try run(["report", "p.plan", "--as-of", "2013-10-31", "-o", "r.html"], plan: Self.cohort)
        // The section table, not only the card.
        #expect(html.contains("<td><span class=\"st s-met\">✓ met</span> <span class=\"flag\">small cohort</span></td>"), "\(html)")
        #expect(html.contains("<li>1 target is flagged small cohort, its value resting on fewer than the measure&#39;s minimum cohort: m7.</li>"))
        #expect(!html.contains("Nothing is missed, at risk or flagged."))
        // A key target: the key targets table too, in both formats.
        let key = Self.cohort.replacingOccurrences(of: "  polarity higher\n", with: "  polarity higher\n  key\n")
        let keyMD = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: key)
        #expect(keyMD.contains("| m7 | ✓ met (small cohort) | % children seen alone | at least 75% by 30 Sep 2013 |"), "\(keyMD)")
        let keyHTML = try run(["report", "p.plan", "--as-of", "2013-10-31", "-o", "r.html"], plan: key)
        let table = keyHTML.components(separatedBy: "<section id=\"key\">")[1].components(separatedBy: "</section>")[0]
        #expect(table.contains("<span class=\"flag\">small cohort</span>"), "\(table)")
    }

    /// A flag at the last board shows in its column too.
    @Test func flagsAtTheLastBoardAreShown() throws {
        let md = try run(["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-10-31"], plan: Self.cohort)
        #expect(md.contains("| m7 | ✓ met (small cohort) | ✓ met (small cohort) | → same |"), "\(md)")
    }

    static let comparator = """
        plan "Comparator chart"
          period April 2013 to March 2014
        comparator sn "Statistical neighbours" tolerance 2 points
        measure c "Re-referrals"
          polarity lower
          target in line with sn by September 2013
        data c
          2013-09 21.5%
          2013-03 20% sn
          2013-12 10% sn

        """

    /// The comparator and its band are steps: the value judged in September
    /// (against March's 20%, within 2 points) is drawn inside its band, not
    /// under a slope from 20% down to 10%.
    @Test func comparatorLinesAreSteps() throws {
        let html = try run(["report", "p.plan", "--as-of", "2014-01-31", "-o", "r.html"], plan: Self.comparator)
        let svg = try #require(html.components(separatedBy: "<svg class=\"chart\"").dropFirst().first)
        // 20% held from 31 Mar to 31 Dec 2013, down to 10%, held to the as-of date.
        #expect(svg.contains("d=\"M44 54l197.4 0 0 52 22.2 0\"><title>Statistical neighbours: 10% on 31 Dec 2013</title>"), "\(svg)")
        // The band: a rectangle per step, 20 to 22% then 10 to 12%.
        #expect(svg.contains("<path class=\"band\" fill=\"#c9e6d1\" fill-opacity=\"0.7\" d=\"M44 43.6H241.4V54H44ZM241.4 95.6H263.6V106H241.4Z\"/>"), "\(svg)")
        // 21.5% in September sits between 20% (y 54) and 22% (y 43.6).
        #expect(svg.contains("<circle cx=\"175.4\" cy=\"46.2\""), "\(svg)")
        let md = try run(["report", "p.plan", "--as-of", "2014-01-31"], plan: Self.comparator)
        #expect(md.contains("| c | ✓ met |"), "\(md)")
    }

    /// Steps in the chart's own terms: each value holds until the next, the
    /// last until the as-of date; one value on the as-of date is a short bar.
    @Test func comparatorStepsHoldUntilTheNextValue() {
        let p = { (m: Int, v: Double) in ChartSpec.Point(date: CalendarDate(year: 2013, month: m, day: 28)!, value: v) }
        let start = CalendarDate(year: 2013, month: 1, day: 1)!
        let asOf = CalendarDate(year: 2013, month: 10, day: 31)!
        var spec = ChartSpec(id: "c", title: nil, unit: .percent, start: start, end: CalendarDate(year: 2014, month: 3, day: 31)!,
                             asOf: asOf, actual: [p(6, 20)], comparators: [ChartSpec.Series(name: "sn", points: [p(2, 20), p(5, 10)])],
                             targets: [], deadlines: [], projection: nil, summary: "")
        let steps = SVGChart.comparatorSteps(spec.comparators[0], spec)
        #expect(steps.map(\.from) == [p(2, 0).date, p(5, 0).date])
        #expect(steps.map(\.to) == [p(5, 0).date, asOf])
        #expect(steps.map(\.value) == [20, 10])
        spec.comparators = [ChartSpec.Series(name: "sn", points: [ChartSpec.Point(date: asOf, value: 10)])]
        #expect(SVGChart.render(spec).contains("<path class=\"c\" stroke=\"#6a3d9a\" stroke-width=\"2\" fill=\"none\" d=\"M"))
    }

    static let trajectory = """
        plan "Traj"
          period April 2013 to March 2014
        measure k1 "Key trajectory"
          polarity higher
          lead "Ann Lead"
          key
          target >= 70% by September 2013, >= 90% by March 2014
        data k1
          2013-06 72%
          2013-07 73%
          2013-08 74%
          2013-09 75%
          2013-10 76%

        """

    /// The last board's status of a key trajectory is what that board was
    /// told: the headline then, on the milestone then in force.
    @Test func theLastBoardsStatusIsWhatItWasTold() throws {
        let then = try run(["report", "p.plan", "--as-of", "2013-08-31"], plan: Self.trajectory)
        #expect(then.contains("| k1 | ✓ met | Key trajectory (milestone 1 of 2) | at least 70% by 30 Sep 2013 |"), "\(then)")
        let md = try run(["report", "p.plan", "--as-of", "2013-10-31", "--compare", "2013-08-31"], plan: Self.trajectory)
        #expect(md.contains("| k1 | ▲ at risk | ✓ met (milestone 1 of 2 in force) | ↓ worsened | Key trajectory (milestone 2 of 2) |"), "\(md)")
        #expect(md.contains("the milestone in force has moved on for k1 (now milestone 2 of 2, then milestone 1 of 2)"))
        // Each milestone row still compares the milestone with itself.
        #expect(md.contains("| k1 | ▲ at risk | ▲ at risk | ↗ better value | (milestone 2 of 2) |"), "\(md)")
        let html = try run(["report", "p.plan", "--as-of", "2013-10-31", "--compare", "2013-08-31", "-o", "r.html"], plan: Self.trajectory)
        let key = html.components(separatedBy: "<section id=\"key\">")[1].components(separatedBy: "</section>")[0]
        #expect(key.contains("<td><span class=\"st s-met\">✓ met</span><small>milestone 1 of 2 in force</small></td><td class=\"nw\">↓ worsened</td>"), "\(key)")
        #expect(html.contains("<dt>Status</dt><dd>Aug 2013 ✓ met (milestone 1 of 2 in force) → now ▲ at risk</dd>"))
    }

    /// Every milestone row says which it is, the first too, here and under
    /// Needs attention; later rows and the completion row name the owner.
    @Test func everyMilestoneRowIsLabelledAndOwned() throws {
        // An action with a trajectory and a due date: its completion is a row too.
        let action = Self.trajectory.replacingOccurrences(of: "measure k1", with: "action k1")
            .replacingOccurrences(of: "  key\n", with: "  key\n  due March 2014\n")
        let md = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: action)
        #expect(md.contains("| k1 | ✓ met | ★ key Key trajectory (milestone 1 of 2) |"), "\(md)")
        #expect(md.contains("| k1 | ▲ at risk | (milestone 2 of 2) |"))
        #expect(md.contains("| k1 | ○ pending | (completion) |"))
        #expect(md.contains("★ key Key trajectory (milestone 2 of 2) — due 31 Mar 2014 | Ann Lead |"))
        let owners = lines(md, containing: "| k1 | ").filter { $0.hasPrefix("| k1 | at least ") || $0.hasPrefix("| k1 | done by ") }
        #expect(owners.count == 3 && owners.allSatisfy { $0.contains("| Ann Lead |") }, "\(owners)")
        let html = try run(["report", "p.plan", "--as-of", "2013-10-31", "-o", "r.html"], plan: action)
        #expect(html.contains("Key trajectory<small>milestone 1 of 2</small></td>"), "\(html)")
        let section = html.components(separatedBy: "<section class=\"plan-section\">")[1].components(separatedBy: "</table>")[0]
        #expect(section.components(separatedBy: "<td>Ann Lead</td></tr>").count - 1 == 3, "\(section)")
    }

    static let overall = """
        plan "Overall"
          period April 2013 to March 2014
        measure g "G"
          polarity higher
          target >= 80% by March 2014
        measure n1 "N1"
          polarity higher
          target >= 80% by September 2013
        measure n2 "N2"
          polarity higher
          target >= 80% by September 2013
        data g
          2013-08 70%
          2013-09 85%
        data n1
          2013-09 50%
        data n2
          2013-09 50%

        """

    /// One target improved but two arrived missed: not "better".
    @Test func moreMissedIsNeverBetterOverall() throws {
        let md = try run(["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-08-31"], plan: Self.overall)
        #expect(md.contains("- **Mixed overall since 31 Aug 2013**: 1 improved, 0 worsened, 2 newly measured (0 better, 0 worse in value); met 0 → 1, at risk 1 → 0, missed 0 → 2.\n"), "\(md)")
        #expect(!md.contains("Better overall"))
        let html = try run(["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-08-31", "-o", "r.html"], plan: Self.overall)
        #expect(html.contains("<div class=\"tile t-trend\"><b>Mixed</b> overall since 31 Aug 2013"))
        // Nothing improved, and targets arrived missed: more off track, not "no net change".
        let none = Self.overall.replacingOccurrences(of: "  2013-08 70%\n  2013-09 85%\n", with: "  2013-08 85%\n  2013-09 85%\n")
        let flat = try run(["report", "p.plan", "--as-of", "2013-11-30", "--compare", "2013-08-31"], plan: none)
        #expect(flat.contains("- **More off track overall since 31 Aug 2013**"), "\(flat)")
    }

    static let parity = """
        plan "MD vs HTML"
          period April 2013 to March 2014
        measure k "Key, slipped"
          key
          polarity higher
          target >= 85% by December 2013
        action a "Launch MASH"
          due 31 January 2014
        data k
          2013-12 86%
          2014-01 83%

        """

    /// The HTML says what the Markdown says: the slipped key target, the
    /// pending action, and "new" as it is used.
    @Test func theHTMLSaysWhatTheMarkdownSays() throws {
        let args = ["report", "p.plan", "--as-of", "2014-01-31", "--compare", "2013-12-31"]
        let md = try run(args, plan: Self.parity)
        let html = try run(args + ["-o", "r.html"], plan: Self.parity)
        #expect(md.contains("- 1 action is pending: due today.\n"))
        #expect(html.contains("<li>1 action is pending: due today.</li>"), "\(html)")
        #expect(md.contains("- Key targets: 1 of 1 met, 1 of them slipped since.\n"))
        #expect(html.contains("<div class=\"tile t-keys\"><b>1 of 1</b> key targets met<br/><span>1 of them slipped since</span></div>"))
        #expect(html.contains("<li>Key targets: 1 of 1 met, 1 of them slipped since.</li>"))
        // k is met, slipped, and new: the words for "new" say what is done.
        #expect(md.contains("**new**: not missed, at risk or flagged on 31 Dec 2013."))
        #expect(html.contains("“New” marks a target that was not missed, at risk or flagged on 31 Dec 2013"))
        #expect(html.contains("“new”: missed, at risk or flagged now, and not on 31 Dec 2013 (the last board)."))
        #expect(!html.contains("off track now, and not at the last board"))
        // Every brief sentence after the first is in both.
        let brief = try #require(md.components(separatedBy: "| **Total** |").dropFirst().first?.components(separatedBy: "## Needs attention").first)
        for line in brief.split(separator: "\n") where line.hasPrefix("- ") {
            #expect(html.contains("<li>" + line.dropFirst(2) + "</li>"), "\(line)")
        }
    }

    /// `&` never starts an entity in the Markdown, and a heading keeps its
    /// trailing `#`.
    @Test func markdownKeepsAmpersandsAndTrailingHashes() throws {
        let entities = """
            plan "R&amp;D &lt;b&gt; &#169; &copy;"
              period April 2013 to March 2014
            action a1 "Fix &nbsp; spacing &amp; more"
              due June 2013

            """
        let md = try run(["report", "p.plan", "--as-of", "2013-05-31"], plan: entities)
        #expect(md.hasPrefix("# R&amp;amp;D &amp;lt;b&amp;gt; &amp;#169; &amp;copy;\n"), "\(md)")
        #expect(md.contains("| a1 | ○ pending | Fix &amp;nbsp; spacing &amp;amp; more |"))
        let hashes = """
            plan "Priority #1 #"
              period April 2013 to March 2014
            section S1 "Section ##"
            action a1 "x"
              due June 2013

            """
        let headings = try run(["report", "p.plan", "--as-of", "2013-05-31"], plan: hashes)
        #expect(headings.hasPrefix("# Priority #1 \\#\n"), "\(headings)")
        #expect(headings.contains("\n### Section S1: Section #\\#\n"))
        #expect(MarkdownReport.heading("#") == "\\#")
        #expect(MarkdownReport.heading("Plan ###  ") == "Plan ##\\#")
        #expect(MarkdownReport.cell("B&B") == "B&amp;B")
    }

    /// With only actions and no data, the data gaps say so, not that every
    /// target has data.
    @Test func anActionOnlyPlanHasNoDataGapsToClaim() throws {
        let plan = """
            plan "Actions only"
              period April 2013 to March 2014
            action 1 "Do A"
              due June 2013
            action 2 "Do B"
              due March 2014

            """
        for format in ["markdown", "html"] {
            let out = try run(["report", "p.plan", "--as-of", "2013-05-31", "--format", format], plan: plan)
            #expect(!out.contains("Every target has data"), "\(format)")
            #expect(out.contains("No measure has a target, so nothing is judged on data; no data was given."), "\(format)")
        }
        let measured = try run(["report", "p.plan", "--as-of", "2013-10-31"], plan: Self.cohort)
        #expect(measured.contains("## Data gaps\n\nThe measure's target has data to be judged on.\n"))
    }

    /// A stale value's explanation is one sentence.
    @Test func aStaleExplanationIsOneSentence() throws {
        let plan = """
            plan "Stale"
              period April 2013 to March 2014
            measure s "Seen"
              polarity higher
              frequency monthly
              target >= 75% by March 2014
            data s
              2013-10 99%

            """
        let json = try run(["eval", "p.plan", "--as-of", "2014-01-31", "--format", "json"], plan: plan)
        let line = try #require(lines(json, containing: "\"explanation\"").first)
        #expect(line.contains(": met now; too few observations to project (1 of 3); the value is 3 months old at 31 Jan 2014, more than two periods of a measure reported monthly: stale.\""), "\(line)")
        #expect(line.components(separatedBy: ". ").count == 1, "\(line)")
        // So is an average's that slipped after its deadline.
        let average = """
            plan "Average"
              period April 2013 to March 2014
            measure v "Seen"
              polarity higher
              target average >= 80% over 3 months by September 2013
            data v
              2013-07 85%
              2013-08 85%
              2013-09 85%
              2013-10 50%
              2013-11 50%

            """
        let slipped = try run(["eval", "p.plan", "--as-of", "2013-11-30", "--format", "json"], plan: average)
        let said = try #require(lines(slipped, containing: "\"explanation\"").first)
        #expect(said.contains(": met, but it has slipped since: average 61.7% over Sep–Nov 2013.\""), "\(said)")
    }

    /// The README's eval and report examples are what the binary prints for
    /// Cheshire East at 31 Oct 2013: every line it shows, and nothing else.
    @Test func theReadmeExamplesAreTrue() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let args = ["examples/cheshire-east-2013.plan", "--data", "examples/cheshire-east-2013.csv", "--as-of", "2013-10-31"]
        let eval = runCLI(["eval"] + args, env: ["COLUMNS": "100"], in: repositoryRoot)
        let summary = try #require(eval.stdout.split(separator: "\n").last)
        #expect(readme.contains("\n...\n" + summary + "\n```"), "\(summary)")
        let report = runCLI(["report"] + args, in: repositoryRoot).stdout
        let block = try #require(readme.components(separatedBy: "  $ plancheck report examples/cheshire-east-2013.plan").dropFirst().first?
            .components(separatedBy: "  ```").first)
        for line in block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() where line != "  ..." && !line.isEmpty {
            #expect(report.contains(String(line.dropFirst(2)) + "\n"), "README shows a line the report never prints: \(line)")
        }
    }

    /// Month ticks never read as a day: "Apr" with the year beneath the first
    /// and wherever it changes.
    @Test func chartMonthsAreNeverAmbiguous() throws {
        let html = try run(["report", "p.plan", "--as-of", "2013-10-31", "-o", "r.html"], plan: Self.trajectory)
        let svg = try #require(html.components(separatedBy: "<svg class=\"chart\"").dropFirst().first?.components(separatedBy: "</svg>").first)
        #expect(svg.contains("<text x=\"64.9\" y=\"147\">Apr</text><text x=\"64.9\" y=\"160\">2013</text><text x=\"131.1\" y=\"147\">Jul</text>"), "\(svg)")
        #expect(svg.contains(">Jan</text><text x=\"263.5\" y=\"160\">2014</text>"))
        #expect(!svg.contains("Apr 13") && !svg.contains("Jan 14"))
    }
}
