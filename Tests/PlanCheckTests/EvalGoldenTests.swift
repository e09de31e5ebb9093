import Foundation
import Testing

/// Plans written from real action plans and RAG plans (`../shared/seeds`),
/// each judged through the CLI and compared with what the spec says, checked
/// by hand once and kept as golden files.
///
/// `Tests/Fixtures/eval/NAME.plan` holds a line `# as-of: DATE` (repeatable:
/// one run per date); `NAME.csv` beside it is its data. For each date the test
/// runs, from inside `eval/`,
///
///     plancheck eval NAME.plan --data NAME.csv --as-of DATE [--format json]
///
/// and compares the table with `NAME.DATE.txt` and the JSON with
/// `NAME.DATE.json`, each file starting with the line `exit: N`.
/// `UPDATE_GOLDEN=1` rewrites them; read the diff before committing.
private func evalGoldenCases() -> [String] {
    let directory = fixturesDirectory.appendingPathComponent("eval")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".plan") }.map { String($0.dropLast(5)) }.sorted()
}

@Suite struct EvalGoldenTests {
    static let directory = fixturesDirectory.appendingPathComponent("eval")

    static func asOfDates(_ name: String) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name + ".plan"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("# as-of: ") ? String(line.dropFirst("# as-of: ".count)) : nil
        }
    }

    @Test(arguments: evalGoldenCases())
    func goldenEval(_ name: String) {
        let dates = Self.asOfDates(name)
        #expect(!dates.isEmpty, "\(name).plan has no `# as-of: DATE` line")
        for date in dates {
            let args = ["eval", name + ".plan", "--data", name + ".csv", "--as-of", date]
            let table = runCLI(args, in: Self.directory)
            #expect(table.stderr.isEmpty, "\(name) as of \(date): \(table.stderr)")
            assertGolden("exit: \(table.status)\n" + table.stdout,
                         matches: Self.directory.appendingPathComponent("\(name).\(date).txt"))
            let json = runCLI(args + ["--format", "json"], in: Self.directory)
            assertGolden("exit: \(json.status)\n" + json.stdout,
                         matches: Self.directory.appendingPathComponent("\(name).\(date).json"))
        }
    }

    @Test func goldenCasesArePresent() {
        #expect(evalGoldenCases().count >= 3)
    }
}
