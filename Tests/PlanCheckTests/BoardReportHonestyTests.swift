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
}
