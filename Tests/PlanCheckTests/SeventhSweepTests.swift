import Foundation
import Testing
@testable import PlanCheck

// What a seventh sweep found, in plans of a safeguarding partnership, a SEND
// written statement of action and a children's home: through the CLI, on files.

@Suite struct SeventhSweepTests {
    static let plan = """
    plan "Written statement of action"
      period April 2023 to March 2024

    measure 1.1 "New EHC plans issued within 20 weeks"
      polarity higher
      target >= 50% by March 2024 sustained 3 months
      evidence measure "SEND dashboard"
      signoff SEND by March 2024

    measure 1.2 "Children placed"
      polarity higher
      baseline 96 at July 2023
      target increase by 5% by March 2024

    action 1.3 "Refresh the local offer"
      due February 2024
      signoff SEND by March 2024

    """

    static let book = """
    id,date,value
    1.1,2024-01-31,55%
    1.1,2024-02-29,60%
    1.1,2024-03-31,58%
    1.2,2024-02-29,101
    1.3,2024-01-15,complete

    """

    func cli(_ arguments: [String], plan: String = plan) throws -> (out: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try Self.book.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let run = runCLI(arguments + ["--data", "d.csv"], in: directory)
        return (run.stdout + run.stderr, run.status)
    }

    /// A sign-off the plan asks for is not evidence: it has a line of its own.
    @Test func signoffsAreNotEvidence() throws {
        let markdown = try cli(["report", "p.plan", "--as-of", "2024-03-31", "--format", "markdown"]).out
        #expect(markdown.contains("**1.3** SEND sign-off due by 31 Mar 2024"), "\(markdown)")
        #expect(markdown.contains("evidence: measure: SEND dashboard · SEND sign-off due by 31 Mar 2024"))
        #expect(!markdown.contains("evidence: SEND"))
        let html = try cli(["report", "p.plan", "--as-of", "2024-03-31", "--format", "html"]).out
        #expect(html.contains("<dt>Sign-off</dt><dd>SEND sign-off due by 31 Mar 2024</dd>"))
        #expect(!html.contains("<dt>Evidence</dt><dd>SEND"))
    }

    /// `sustained 3 months` is part of what is required, in every output;
    /// a change by an amount says the level it comes to; a whole count is
    /// shown whole beside a level that is not.
    @Test func whatIsRequiredIsSaidWhole() throws {
        let run = try cli(["eval", "p.plan", "--as-of", "2024-03-31", "--format", "json"])
        #expect(run.out.contains("\"required\": \"at least 50% sustained for 3 months by 31 Mar 2024\""), "\(run.out)")
        #expect(run.out.contains("needed at least 50% sustained for 3 months by 31 Mar 2024: met."))
        #expect(run.out.contains("101 on 29 Feb 2024, needed increase by 5% by 31 Mar 2024 (baseline 96, so at least 100.8): met."))
        #expect(!run.out.contains("101.0"))
    }

    /// Units are never converted: a level in another unit (already an
    /// error) is not compared with the measure's other levels.
    @Test func levelsInAnotherUnitAreNotCompared() throws {
        let run = try cli(["check", "p.plan"], plan: Self.plan + """
            measure 1.4 "Days to assessment"
              polarity lower
              target at most 10 working days by December 2023, at most 14 days by March 2024
              target at most 12 days by December 2023

            """)
        #expect(run.out.contains("error[unit-mismatch]"))
        #expect(!run.out.contains("contradictory"), "\(run.out)")
        #expect(!run.out.contains("trajectory-relaxes"), "\(run.out)")
    }

    /// A cohort of none in a book is said as it is in a plan's own rows.
    @Test func aCohortOfNoneInABook() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try "id,date,value\n1.1,2024-01-31,0/0\n1.1,2024-02-29,3/0\n".write(
            to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", "p.plan", "--data", "d.csv"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("d.csv:2:16: error[invalid-cohort]: 0/0 is a cohort of none: it has no percentage"), "\(run.stderr)")
        #expect(run.stderr.contains("d.csv:3:16: error[invalid-cohort]: 3/0 is a cohort of none"))
    }
}
