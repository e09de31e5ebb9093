import Foundation
import Testing
@testable import PlanCheck

// Error recovery: one run reports every problem in a file, each at its own
// line and column, in process and through the CLI; a broken clause or entry
// never stops the lines after it from being read and checked.

@Suite struct RecoveryTests {
    /// Syntax, lexical, name, date and value errors on twelve different lines.
    static let brokenPlan = """
        plan "Recovery"
          period April 2013 to March 2014
        workstream EFD "Early help"

        measure 1.1 "Referrals"
          workstream EDF
          target >= by September
          target >= 120% by September
        measure 1.2 "Repeat referrals" target <= 10% by Septmber 2013
          polarity sideways
          target <= 10% by 31.11.12
        mesure 1.3 "Typo"
          target >= 5% by September
        action 2.1 "Do it"
          timescale 31.03.14 to 03.01.14
          lead "Unclosed
        measure 1.1 "Duplicate"
          target >= 90% by December
          target <= 80% by December
        measure 1.4 "Rate" target >= -5 by September

        """

    /// Every error of `brokenPlan`: line, column, code.
    static let expected: [(Int, Int, DiagnosticCode)] = [
        (6, 14, .unknownReference),
        (7, 13, .syntax),
        (8, 13, .percentRange),
        (9, 49, .unknownMonth),
        (10, 12, .syntax),
        (11, 20, .impossibleDate),
        (12, 1, .syntax),
        (15, 3, .reversedRange),
        (16, 8, .unterminatedString),
        (17, 9, .duplicateID),
        (19, 10, .contradictoryTargets),
        (20, 30, .negativeValue),
    ]

    static func describe(_ list: [(Int, Int, DiagnosticCode)]) -> [String] {
        list.map { "\($0.0):\($0.1) \($0.2.rawValue)" }
    }

    @Test func reportsEveryErrorInProcess() {
        let result = checkRun(Self.brokenPlan)
        let errors = result.found.filter { $0.severity == .error }.map { ($0.line, $0.column, $0.code) }
        #expect(Self.describe(errors) == Self.describe(Self.expected), "\(result.listing)")
        // Sorted by position, one per line here.
        #expect(Set(errors.map(\.0)).count == errors.count)
    }

    @Test func reportsEveryErrorThroughTheCLI() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.brokenPlan.write(to: directory.appendingPathComponent("broken.plan"), atomically: true, encoding: .utf8)

        let text = runCLI(["check", "broken.plan"], in: directory)
        #expect(text.status == 1)
        for (line, column, code) in Self.expected {
            #expect(text.stderr.contains("broken.plan:\(line):\(column): error[\(code.rawValue)]"),
                    "missing \(line):\(column) \(code.rawValue) in\n\(text.stderr)")
        }
        #expect(text.stderr.hasSuffix("12 errors\n"), "\(text.stderr.suffix(200))")

        let json = runCLI(["check", "--format", "json", "broken.plan"], in: directory)
        #expect(json.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let reported = items.filter { $0["severity"] as? String == "error" }
            .map { "\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0) \($0["code"] as? String ?? "")" }
        #expect(reported == Self.describe(Self.expected))
    }

    /// A clause that fails to parse is skipped; the entry's later clauses and
    /// every later entry are still read and checked.
    @Test func brokenClauseDoesNotStopLaterEntries() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 1 "M"
              target >= 5% by
              target >= 6% by December
            measure 2 "N"
              target >= 101% by September

            """
        let result = checkRun(plan)
        #expect(result.found.map { "\($0.line) \($0.code.rawValue)" } == ["4 syntax", "7 percent-range"], "\(result.listing)")
        let first = try #require(result.model.item("1"))
        #expect(first.targets.count == 1)
        #expect(first.targets.first?.milestones.first?.deadline.date?.iso == "2013-12-31")
        #expect(result.model.item("2") != nil)
    }

    /// An entry whose header is broken is skipped with its clauses (so they
    /// are not misread as clauses of the entry before), and the next entry is read.
    @Test func brokenEntrySkipsItsClausesOnly() {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 1 "M"
            gauge 2 "N"
              target >= 500% by September
            measure 3 "O"
              target >= 500% by September

            """
        let result = checkRun(plan)
        #expect(result.found.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == ["4:1 syntax", "7:13 percent-range"],
                "\(result.listing)")
        #expect(result.model.items.map(\.id) == ["1", "3"])
        #expect(result.model.item("1")?.targets.isEmpty == true)
    }

    /// A misspelt declaration keyword (`mesure`) is read as the entry meant,
    /// as a misspelt month is: reported once, its clauses its own and checked.
    @Test func misspeltEntryIsReadAsTheEntryMeant() {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 1 "M"
            mesure 2 "N"
              target >= 500% by September
            measure 3 "O"
              target >= 500% by September

            """
        let result = checkRun(plan)
        #expect(result.found.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == ["4:1 syntax", "5:13 percent-range", "7:13 percent-range"],
                "\(result.listing)")
        #expect(result.model.items.map(\.id) == ["1", "2", "3"])
        #expect(result.model.item("1")?.targets.isEmpty == true)
    }

    /// One syntax error per line: the parser does not pile up follow-on errors.
    @Test func oneSyntaxErrorPerLine() {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= >= >= by by by ,,, %%%\n"
        let result = checkRun(plan)
        #expect(result.found.filter { $0.code == .syntax }.count == 1, "\(result.listing)")
    }

    /// An error in an included file is reported at its own file, line and column,
    /// with the errors of the including file.
    @Test func errorsInIncludesKeepTheirFile() {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\ninclude \"part.plan\"\nmeasure 1 \"M\" target >= 101% by May\n"
        let part = "measure 2 \"N\"\n  target >= by May\n  workstream NOPE\n"
        let result = checkRun(plan, files: ["part.plan": part])
        let errors = result.found.filter { $0.severity == .error }.map { "\($0.file):\($0.line):\($0.column) \($0.code.rawValue)" }
        #expect(Set(errors) == ["part.plan:2:13 syntax", "part.plan:3:14 unknown-reference", "plan.plan:4:25 percent-range"],
                "\(result.listing)")
    }

    /// A file of nothing but broken lines still ends, with a bounded number of diagnostics.
    @Test func garbageLinesAreBounded() {
        let plan = String(repeating: ">= <= % , \"x\n  ) ( ] [ }\n", count: 3_000)
        let result = checkRun(plan)
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.count <= 2 * DiagnosticBag.limit)
    }
}

extension RecoveryTests {
    /// A target whose date cannot be placed still has its numbers checked:
    /// one bad part of a clause does not hide another.
    @Test func badDeadlineDoesNotHideABadValue() {
        let found = check("""
            plan "P"
              period April 2013 to March 2014
            measure 1 "M"
              target >= 105% by 31.11.13

            """)
        #expect(found.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.impossibleDate, .percentRange])
    }
}
