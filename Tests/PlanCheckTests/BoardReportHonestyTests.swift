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
