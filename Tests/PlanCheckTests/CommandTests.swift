import Foundation
import Testing
@testable import PlanCheck

// Paths of the command-line front door and of small library types that no
// other test reached (issue 9's coverage list: EvalCommand, CheckCommand's
// parse command, AST, Span), each through the behaviour a user relies on.

@Suite struct CommandTests {
    private func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try body(directory)
    }

    private static let plan = """
        plan "P"
          period April 2013 to March 2014
        recommendation A1 "First"
        measure 1.1 "One"
          target >= 80% by September
        """

    // MARK: parse --dump

    @Test func parseDumpPrintsTheTree() throws {
        try withFiles(["plan.plan": Self.plan]) { directory in
            let result = runCLI(["parse", "--dump", "plan.plan"], in: directory)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout.contains("(measure \"1.1\" title=\"One\""), "\(result.stdout)")
        }
    }

    @Test func parseDumpReadsStandardInputAndReportsSyntaxErrors() {
        let result = runCLI(["parse", "--dump", "-", "--stdin-filename", "typed.plan"],
                            stdin: "measure 1 \"M\"\n  target >= by September\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("(measure \"1\""))
        #expect(result.stderr.contains("typed.plan:2:13: error[syntax]"), "\(result.stderr)")
    }

    @Test(arguments: [
        (["parse", "--dump"], "plancheck: parse takes one plan file\n"),
        (["parse", "--dump", "a.plan", "b.plan"], "plancheck: parse takes one plan file\n"),
        (["parse", "--bogus", "a.plan"], "plancheck: unknown option \"--bogus\"\n"),
        (["eval", "--bogus", "a.plan"], "plancheck: unknown option \"--bogus\"\n"),
        (["check", "--data"], "plancheck: --data needs a value\n"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) {
        let result = runCLI(arguments)
        #expect(result.status == 2)
        // The first line says what is wrong; the command-line notes (the
        // command's --help, a did-you-mean) follow it.
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stderr.contains("--help"), "\(result.stderr)")
    }

    // MARK: eval of several plans

    @Test func evalOfTwoPlansKeepsEachItemInItsOwnSection() throws {
        let second = """
            plan "Q"
              period April 2013 to March 2014
            recommendation B1 "Second"
            recommendation B2 "Third"
            measure 2.1 "Two"
              target >= 5 by September
            data 2.1
              2013-09 3
            """
        // Each plan is judged against its own inline data; --data would apply to both.
        let first = Self.plan + "\ndata 1.1\n  2013-09 85%\n"
        try withFiles(["a.plan": first, "b.plan": second]) { directory in
            let result = runCLI(["eval", "a.plan", "b.plan", "--as-of", "2013-10-31", "--format", "json"], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let results = try #require(object["results"] as? [[String: Any]])
            let sections = results.map { "\($0["id"] ?? "")@\($0["section"] ?? "")" }
            #expect(sections == ["1.1@A1", "2.1@B2"])
            let statuses = results.map { $0["status"] as? String }
            #expect(statuses == ["met", "missed"])

            let table = runCLI(["eval", "a.plan", "b.plan", "--as-of", "2013-10-31"], in: directory)
            #expect(table.stdout.contains("Recommendation A1  First"))
            #expect(table.stdout.contains("Recommendation B2  Third"))
            #expect(table.stdout.hasSuffix("1 met, 0 at risk, 1 missed, 0 no data, 0 pending\n"))
        }
    }

    // MARK: AST and Span

    @Test(arguments: [
        (Comparison.atLeast, 5.0, 5.0, true), (.atLeast, 4.9, 5.0, false),
        (.atMost, 5.0, 5.0, true), (.atMost, 5.1, 5.0, false),
        (.below, 4.9, 5.0, true), (.below, 5.0, 5.0, false),
        (.above, 5.1, 5.0, true), (.above, 5.0, 5.0, false),
        (.exactly, 5.0, 5.0, true), (.exactly, 5.1, 5.0, false),
    ])
    func comparisonHolds(_ comparison: Comparison, _ value: Double, _ threshold: Double, _ expected: Bool) {
        #expect(comparison.holds(value, threshold) == expected)
    }

    @Test func spanUnionAndEmptiness() {
        let a = Span(start: 4, end: 7)
        let b = Span(start: 10, end: 12)
        #expect(a.union(b) == Span(start: 4, end: 12))
        #expect(b.union(a) == Span(start: 4, end: 12))
        #expect(a.union(.at(5)) == a)
        #expect(Span.at(3).isEmpty)
        #expect(!a.isEmpty)
        #expect(Span(start: 5, end: 2).isEmpty)
        #expect(a.length == 3)
    }
}
