import Foundation
import Testing
@testable import PlanCheck

// What a sweep of the diagnostic codes found, through the CLI: a code whose
// severity, summary or explanation said something other than what the code
// that emits it does.

@Suite struct ExplanationSweepTests {
    /// Writes `files` (name to text) to a scratch directory and runs the CLI there.
    func run(_ arguments: [String], _ files: [String: String]) throws -> (out: String, stdout: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        let result = runCLI(arguments, in: directory)
        return (result.stdout + result.stderr, result.stdout, result.status)
    }

    static let preamble = "plan \"P\"\n  period April 2013 to March 2014\n"

    /// A bare month, day or quarter the period does not hold cannot be
    /// placed: an error, so it has an error's code, `not-in-period`, not the
    /// warning `outside-period` (a CI filter by code missed or misread it).
    @Test func aDateThePeriodDoesNotHoldIsNotInPeriod() throws {
        let plan = """
            plan "P"
              period April 2013 to September 2013
            measure 1 "M"
              target >= 5 by Q3
              target >= 6 by December
              target >= 7 by 3 December
              target >= 8 by September 2014

            """
        let text = try run(["check", "p.plan"], ["p.plan": plan])
        #expect(text.status == 1)
        #expect(text.out.contains("p.plan:4:18: error[not-in-period]: there is no Q3 in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        #expect(text.out.contains("p.plan:5:18: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        #expect(text.out.contains("p.plan:6:18: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(text.out)")
        // A date with its year is placed, and only warned of.
        #expect(text.out.contains("p.plan:7:18: warning[outside-period]: the deadline 30 Sep 2014 is outside the plan's period"), "\(text.out)")
        #expect(text.out.hasSuffix("3 errors, 1 warning\n"), "\(text.out)")

        let json = try run(["check", "--format", "json", "p.plan"], ["p.plan": plan]).stdout
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(findings.map { "\($0["severity"]!) \($0["code"]!)" }
                == ["error not-in-period", "error not-in-period", "error not-in-period", "warning outside-period"])

        // SARIF declares the rule as an error, and each result is one.
        let sarif = try run(["check", "--format", "sarif", "p.plan"], ["p.plan": plan]).stdout
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "not-in-period" })
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.map { "\($0["level"]!) \($0["ruleId"]!)" }
                == ["error not-in-period", "error not-in-period", "error not-in-period", "warning outside-period"])

        let explain = try run(["explain", "not-in-period"], [:])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("not-in-period (error): a bare month, day or quarter that the plan's period does not hold, so it cannot be placed\n"), "\(explain.stdout)")
        #expect(explain.stdout.contains("plan.plan:5:20: error[not-in-period]: there is no December in the plan's period (1 Apr 2013 to 30 Sep 2013)"), "\(explain.stdout)")
        let list = try run(["explain"], [:]).stdout
        #expect(list.contains("\nnot-in-period             error    a bare month, day or quarter that the plan's period does not hold"), "\(list)")
        #expect(list.contains("\noutside-period            warning  "), "\(list)")
    }

    /// `explain invalid-cohort` said a result from a cohort below the
    /// minimum is not judged; it is judged, and flagged `small cohort`.
    @Test func aSmallCohortIsJudgedAndFlagged() throws {
        let explain = try run(["explain", "--markdown", "invalid-cohort"], [:]).stdout
        #expect(!explain.contains("not judged"), "\(explain)")
        #expect(explain.contains("A value from a smaller cohort (its D below the minimum) is still judged, and the judgement is flagged `small cohort`"), "\(explain)")
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 6.10 "% seen alone"
              minimum cohort 10
              target >= 75% by December 2013
            data 6.10
              2013-12 7/9

            """
        let eval = try run(["eval", "p.plan", "--as-of", "2014-01-31", "--format", "csv"], ["p.plan": plan])
        #expect(eval.status == 0)
        #expect(eval.stdout.contains(",met,"), "\(eval.stdout)")
        #expect(eval.stdout.contains("small cohort"), "\(eval.stdout)")
    }

    /// The cap on findings is per plan, with its includes: two plans of 600
    /// errors each show all 1,200; one plan including two files of 600 each
    /// shows 1,000, a note on the last one, and a count of all 1,200.
    @Test func tooManyErrorsIsPerPlanWithItsIncludes() throws {
        func errors(_ count: Int, from first: Int) -> String {
            (first..<(first + count)).map { "measure \($0) \"M\"\n  target >= 5% by 31.11.13\n" }.joined()
        }
        let files = ["a.plan": Self.preamble + errors(600, from: 0), "b.plan": Self.preamble + errors(600, from: 0),
                     "one.plan": errors(600, from: 0), "two.plan": errors(600, from: 1000),
                     "top.plan": Self.preamble + "include \"one.plan\"\ninclude \"two.plan\"\n"]
        let two = try run(["check", "a.plan", "b.plan"], files)
        #expect(two.status == 1)
        #expect(!two.out.contains("too-many-errors"))
        #expect(two.out.components(separatedBy: "\n\n600 errors\n").count == 3, "\(two.out.suffix(300))")
        #expect(two.out.hasSuffix("\ntotal: 1200 errors in 2 of 2 plans checked\n"), "\(two.out.suffix(300))")

        let one = try run(["check", "top.plan"], files)
        #expect(one.status == 1)
        #expect(one.out.components(separatedBy: ": error[impossible-date]: ").count == 1001)
        // The note sits on the last error shown, the 400th of two.plan.
        #expect(one.out.contains("""
            two.plan:800:19: note[too-many-errors]: 200 more problems are not shown
              800 |   target >= 5% by 31.11.13
                  |                   ^^^^^^^^
                  = help: fix the ones above and run again

            1200 errors (200 not shown), 1 note

            """), "\(one.out.suffix(400))")

        // Where a reader stopped counting first (the parser, at 1000 syntax
        // errors of one file), the total is not known, and not claimed.
        let syntax = try run(["check", "s.plan"], ["s.plan": Self.preamble + String(repeating: "measure\n", count: 1_500)]).out
        #expect(syntax.contains("note[too-many-errors]: more problems are not shown"), "\(syntax.suffix(300))")
        #expect(syntax.hasSuffix("\n\n1000 errors, 1 note\n"), "\(syntax.suffix(300))")

        let json = try run(["check", "--format", "json", "top.plan"], files).stdout
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(findings.count == 1001)

        let summary = try run(["explain"], [:]).stdout
        #expect(summary.contains("\ntoo-many-errors           note     too many findings per plan, with its includes; the rest are not reported\n"), "\(summary)")
        let page = try run(["explain", "--markdown", "too-many-errors"], [:]).stdout
        #expect(page.contains("After 1000 findings per plan, with its includes and its data, plancheck stops listing them"), "\(page)")
        #expect(page.contains("two plans of 600 errors each show all 1,200, one plan including two files of 600 each shows 1,000"))
    }
}
