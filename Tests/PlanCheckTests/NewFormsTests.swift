import Foundation
import Testing
@testable import PlanCheck

/// The forms of the spec's "More of what real plans say", through the CLI on
/// `Fixtures/eval/new-forms/`: each measure sits at the boundary that matters
/// (exactly the level, the last day of a period, a cohort of exactly the
/// minimum, a value exactly two periods old), and every status below was
/// worked out by hand from the spec before the evaluator was run.
@Suite struct NewFormsTests {
    static let directory = fixturesDirectory.appendingPathComponent("eval/new-forms")
    static let asOf = "2014-01-31"

    /// id -> (status, deadline, flags), as the spec rules give them at 31 Jan 2014.
    static let expected: [(id: String, status: String, deadline: String?, flags: [String])] = [
        // Bare levels take the polarity's direction; exactly the level meets it.
        ("L1", "met", "2013-12-31", []),
        ("L2", "missed", "2013-12-31", []),                // 10.5% against at most 10%
        ("P1", "met", "2013-12-31", []),                   // do not exceed 22%: 22% is within
        ("P2", "missed", "2013-12-31", []),                // 80% or more: 79.9% is not
        ("P3", "met", "2014-01-31", []),                   // 20 or fewer by Jan14: 20
        ("M1", "met", nil, []),                            // maintain: equal to the baseline is not worse
        ("M2", "at risk", "2014-03-31", []),               // polarity lower, 13% > baseline 12%, time left
        ("M3", "at risk", "2014-03-31", []),               // 11.8% meets it now; the trend projects 14.5% at March
        // Jan 2014 ends on the as-of date, so it has ended; its value is on its last day.
        ("R1a", "met", "2014-01-31", []),
        // Q3 (Oct-Dec) is the latest ended quarter and has no value: no data.
        ("R2a", "no data", "2013-12-31", []),
        // Pooled: (34 + 40) / (40 + 50) = 82.2%, below 85% after the deadline.
        ("A1", "missed", "2013-12-31", []),
        // Before the deadline, the trailing window Dec-Jan: (78 + 84) / 2 = 81%.
        ("A2", "met", "2014-03-31", []),
        // 7/10: a cohort of exactly the minimum is not small.
        ("C1", "met", "2013-12-31", []),
        ("C2", "missed", "2013-12-31", ["small cohort"]),
        // 30 Nov 2013 is exactly two months before 31 Jan 2014: not stale; 31 Oct is.
        ("S1", "met", nil, []),
        ("S2", "met", nil, ["stale"]),
        ("H1", "met", nil, []),
        ("W1", "at risk", "2014-02-28", []),               // Feb14: 12 working days, at most 10, a month left
        // Amber agrees with at risk at 30 Nov 2013; green does not at 31 Dec 2013.
        ("G1", "at risk", "2014-03-31", []),
        ("G2", "at risk", "2014-03-31", ["rag differs"]),
        ("T1", "pending", "2014-03-31", []),               // timescale 12.12.13 – 31.03.14
        ("T2", "met", "2014-01-31", []),                   // timescale 12.12.13-31.01.14, done 15 Jan
    ]

    func evaluate(_ format: String) -> (stdout: String, stderr: String, status: Int32) {
        runCLI(["eval", "new-forms.plan", "--as-of", Self.asOf, "--format", format], in: Self.directory)
    }

    @Test func everyJudgementIsTheSpecs() throws {
        let run = evaluate("json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let results = try #require(json?["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == Self.expected.map(\.id))
        for (result, want) in zip(results, Self.expected) {
            #expect(result["status"] as? String == want.status, "\(want.id): \(result["explanation"] ?? "")")
            #expect(result["deadline"] as? String == want.deadline, "\(want.id)")
            #expect(result["flags"] as? [String] == want.flags, "\(want.id)")
        }
        assertGolden(run.stdout, matches: Self.directory.appendingPathComponent("new-forms.expected.json"))
    }

    @Test func explanationsSayWhatWasCounted() throws {
        let run = evaluate("json")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let results = try #require(json?["results"] as? [[String: Any]])
        func explanation(_ id: String) -> String {
            results.first { $0["id"] as? String == id }?["explanation"] as? String ?? ""
        }
        #expect(explanation("R1a").contains("met in 2 of the 2 months since Dec 2013"))
        #expect(explanation("R2a").contains("No value of R2a for Q3 2013/14; met in 1 of the 3 quarters since Q1 2013/14"))
        #expect(explanation("A1").contains("values in 2 of 3 months; pooled 74 of 90"))
        #expect(explanation("C2").contains("66.7% (6 of 9)"))
        #expect(explanation("S2").contains("3 months old"))
        #expect(explanation("L2").contains("0.5 points over"))
        #expect(explanation("M3").contains("projected 14.5% at 31 Mar 2014"))
        let g1 = try #require(results.first { $0["id"] as? String == "G1" })
        let commentary = g1["commentary"] as? [String: Any]
        #expect(commentary?["date"] as? String == "2013-12-15")
        #expect(commentary?["text"] as? String == "Managers briefed on recording")
        let rag = g1["rag"] as? [String: Any]
        #expect(rag?["rating"] as? String == "amber")
        #expect(rag?["computed"] as? String == "at risk")
    }

    /// `check` with data warns of the rating that disagrees, and only that one.
    @Test func checkWarnsOfEachDisagreeingRating() {
        let run = runCLI(["check", "new-forms.plan"], in: Self.directory)
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning[rag-differs]: G2 is rated green on 31 Dec 2013, but its data says at risk then"))
        #expect(!run.stderr.contains("G1 is rated"))
        #expect(!run.stderr.contains("error["))
    }

    /// The table and CSV carry the flags, the rating and the commentary too.
    @Test func everyOutputCarriesTheAnnotations() {
        let table = evaluate("table").stdout
        #expect(table.contains("Flags: rag differs."))
        #expect(table.contains("Progress 15 Dec 2013: Managers briefed on recording"))
        let csv = evaluate("csv").stdout
        #expect(csv.split(separator: "\n").first?.hasSuffix(",flags,commentary,commentaryDate,rag,ragDate,ragReason,ragComputed") == true)
        #expect(csv.contains(",small cohort,,,,,,"))
        // The rating's reason and the status the data gave then, as in the JSON.
        #expect(csv.contains(",green,2013-12-31,") && csv.contains(",at risk\n"), "\(csv)")
        let junit = evaluate("junit").stdout
        #expect(junit.contains("Board rated green on 31 Dec 2013, computed at risk then."))
    }

    /// The fixture is in `fmt` form, and formats to itself.
    @Test func theFixtureIsFormatted() {
        let run = runCLI(["fmt", "--check", "new-forms.plan"], in: Self.directory)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }
}

extension NewFormsTests {
    /// `parse --dump` shows how each new form was read (a bare level, maintain,
    /// each month from, an average window, a cohort value, ...).
    @Test func theSpecsNewBlockDumpsAsRead() {
        let spec = fixturesDirectory.appendingPathComponent("spec")
        let run = runCLI(["parse", "--dump", "must-parse-5.plan"], in: spec)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("(level (quantity 90.0 percent))"))
        #expect(run.stdout.contains("(each month (month 2013 12))"))
        #expect(run.stdout.contains("(timescale (day 2013 12 12) (day 2014 3 31))"))
        assertGolden(run.stdout, matches: spec.appendingPathComponent("must-parse-5.dump"))
    }
}
