import Foundation
import Testing
@testable import PlanCheck

// The built `plancheck` end to end: golden diagnostics for realistic broken
// plans, the bundled examples and the spec's `# must parse` blocks, the
// machine formats, standard input, exit codes, `--strict` and `fmt`.

@Suite struct CLITests {}

// MARK: - Golden diagnostics

private let checkFixtures = fixturesDirectory.appendingPathComponent("check")

/// The `*.plan` files of `Tests/Fixtures/check`, by name.
private func goldenCheckCases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: checkFixtures.path)) ?? []
    return names.filter { $0.hasSuffix(".plan") }.sorted()
}

extension CLITests {
    /// `exit: N`, then standard error exactly (see Tests/Fixtures/README.md).
    @Test(arguments: goldenCheckCases())
    func goldenCheck(_ name: String) {
        let result = runCLI(["check", name], in: checkFixtures)
        #expect(result.stdout.isEmpty)
        let actual = "exit: \(result.status)\n" + result.stderr
        let golden = checkFixtures.appendingPathComponent(String(name.dropLast(".plan".count)) + ".expected")
        assertGolden(actual, matches: golden)
    }

    @Test func goldenCasesArePresent() {
        let names = goldenCheckCases()
        #expect(names.count >= 6)
        for name in ["impossible-date.plan", "reversed-timescale.plan", "outside-period.plan", "misspelt-month.plan",
                     "unknown-workstream.plan"] {
            #expect(names.contains(name))
        }
    }

    /// The golden text and the in-process renderer agree: the CLI adds nothing
    /// and loses nothing.
    @Test func cliOutputIsTheRenderersOutput() throws {
        let name = "unknown-workstream.plan"
        let text = try String(contentsOf: checkFixtures.appendingPathComponent(name), encoding: .utf8)
        let run = Pipeline.check(path: name, bytes: Array(text.utf8), files: MemoryFiles([:]))
        let cli = runCLI(["check", name], in: checkFixtures)
        #expect(cli.stderr == run.rendered + "\n")
    }
}

// MARK: - Examples and the spec

extension CLITests {
    @Test func examplesCheckClean() {
        let examples = examplePlanURLs()
        #expect(examples.count >= 2)
        for url in examples {
            let result = runCLI(["check", url.path])
            #expect(result.status == 0, "\(url.lastPathComponent):\n\(result.stderr)")
        }
        let together = runCLI(["check"] + examples.map(\.path))
        #expect(together.status == 0)
    }

    @Test func examplesAreInFmtForm() {
        let examples = examplePlanURLs()
        let result = runCLI(["fmt", "--check"] + examples.map(\.path))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// Every `# must parse` block of the spec, together as one plan: clean
    /// (warnings allowed: some of its dates are outside the first block's period).
    @Test func specBlocksTogetherCheckClean() throws {
        let blocks = mustParseFixtures()
        #expect(blocks.count >= 4)
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let combined = blocks.map(\.text).joined(separator: "\n")
        try combined.write(to: directory.appendingPathComponent("spec.plan"), atomically: true, encoding: .utf8)
        let result = runCLI(["check", "spec.plan"], in: directory)
        let inProcess = checkRun(combined)
        #expect(result.status == 0)
        #expect(inProcess.found.filter { $0.severity == .error }.map(\.description) == [])
        // Whatever the baselines, nothing else in the spec is an error.
        #expect(inProcess.found.filter { $0.severity == .error && $0.code != .missingBaseline }.isEmpty,
                "\(inProcess.listing)")

        // Without its inline data entries, the spec's plan checks clean.
        let withoutData = blocks.map { Self.removingDataEntries($0.text) }.joined(separator: "\n")
        try withoutData.write(to: directory.appendingPathComponent("spec-no-data.plan"), atomically: true, encoding: .utf8)
        let plain = runCLI(["check", "spec-no-data.plan"], in: directory)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stderr.contains("error["), "\(plain.stderr)")
    }

    /// The text without its `data ID` entries (the header and its indented rows).
    static func removingDataEntries(_ text: String) -> String {
        var kept: [Substring] = []
        var inData = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("data ") { inData = true; continue }
            if inData && (line.hasPrefix(" ") || line.hasPrefix("\t")) { continue }
            inData = false
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// Each block alone lexes and parses without a single syntax error (its
    /// names and bare months may need the other blocks, so only syntax here).
    @Test func eachSpecBlockParses() throws {
        for block in mustParseFixtures() {
            let source = SourceFile(name: block.name, text: block.text)
            let parsed = Parser.parse(source, file: FileID(0))
            #expect(parsed.diagnostics.isEmpty, "\(block.name): \(parsed.diagnostics.map(\.message))")
            #expect(!parsed.tree.entries.isEmpty)
        }
    }
}

extension CLITests {
    /// The fixture copies are the spec's blocks, exactly; checked wherever
    /// the spec sits beside the package (it does in development, not
    /// necessarily in CI's clean clone).
    @Test func specFixturesMatchTheSpec() throws {
        guard let markdown = try? String(contentsOf: languageSpecURL, encoding: .utf8) else { return }
        #expect(mustParseSpecBlocks(markdown).map(\.text) == mustParseFixtures().map(\.text))
    }
}

// MARK: - Output formats

extension CLITests {
    private static let warningAndError = """
        plan "P"
          period April 2013 to March 2014
        workstream EFD "Early help"
        measure 1 "M"
          workstream EDF
          target >= 5% by September 2016

        """

    private func withPlan(_ text: String, name: String = "plan.plan",
                          _ body: (URL) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        try body(directory)
    }

    @Test func jsonFormat() throws {
        try withPlan(Self.warningAndError) { directory in
            let result = runCLI(["check", "--format", "json", "plan.plan"], in: directory)
            #expect(result.status == 1)
            #expect(result.stderr.isEmpty)
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let items = try #require(parsed as? [[String: Any]])
            #expect(items.count == 2)
            for item in items {
                #expect(item["file"] as? String == "plan.plan")
                #expect(item["line"] is Int)
                #expect(item["column"] is Int)
                #expect(item["endLine"] is Int)
                #expect(item["endColumn"] is Int)
                #expect(item["message"] is String)
                #expect(item["notes"] is [Any])
            }
            let error = try #require(items.first)
            #expect(error["severity"] as? String == "error")
            #expect(error["code"] as? String == "unknown-reference")
            #expect(error["line"] as? Int == 5)
            #expect(error["column"] as? Int == 14)
            #expect(error["endColumn"] as? Int == 17)
            #expect(error["message"] as? String == "no workstream named \"EDF\"")
            #expect((error["notes"] as? [String])?.contains("help: did you mean \"EFD\"?") == true)
            let warning = try #require(items.last)
            #expect(warning["severity"] as? String == "warning")
            #expect(warning["code"] as? String == "outside-period")
            #expect(warning["line"] as? Int == 6)
            #expect(warning["column"] as? Int == 19)
        }
    }

    @Test func jsonFormatOfACleanPlanIsAnEmptyArray() throws {
        try withPlan("plan \"P\"\n  period April 2013 to March 2014\n") { directory in
            let result = runCLI(["check", "--format=json", "plan.plan"], in: directory)
            #expect(result.status == 0)
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            #expect((parsed as? [Any])?.isEmpty == true)
        }
    }

    @Test func sarifFormat() throws {
        try withPlan(Self.warningAndError) { directory in
            let result = runCLI(["check", "--format", "sarif", "plan.plan"], in: directory)
            #expect(result.status == 1)
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let log = try #require(parsed as? [String: Any])
            #expect(log["version"] as? String == "2.1.0")
            let runs = try #require(log["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            let results = try #require(runs.first?["results"] as? [[String: Any]])
            #expect(results.map { $0["ruleId"] as? String } == ["unknown-reference", "outside-period"])
            #expect(results.map { $0["level"] as? String } == ["error", "warning"])
            let location = try #require((results.first?["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == 5)
            #expect(region["startColumn"] as? Int == 14)
        }
    }

    @Test func unknownFormatIsBadUsage() throws {
        try withPlan(Self.warningAndError) { directory in
            let result = runCLI(["check", "--format", "xml", "plan.plan"], in: directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("--format"))
        }
    }
}

// MARK: - Standard input

extension CLITests {
    private static let percentError = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\" target >= 500% by September\n"

    @Test func standardInputWithAName() {
        let result = runCLI(["check", "-", "--stdin-filename", "from-editor.plan"], stdin: Self.percentError)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("from-editor.plan:3:25: error[percent-range]"), "\(result.stderr)")
    }

    @Test func standardInputWithoutAName() {
        let result = runCLI(["check", "-"], stdin: Self.percentError)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:3:25: error[percent-range]"), "\(result.stderr)")
        let clean = runCLI(["check", "-"], stdin: "plan \"P\"\n  period April 2013 to March 2014\n")
        #expect(clean.status == 0)
        #expect(clean.stderr.isEmpty)
    }

    /// Includes in standard input resolve against the `--stdin-filename`'s folder.
    @Test func standardInputIncludesResolveFromItsName() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sub = directory.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "measure 2 \"N\"\n  target >= 101% by May\n".write(to: sub.appendingPathComponent("part.plan"),
                                                            atomically: true, encoding: .utf8)
        let main = "plan \"P\"\n  period April 2013 to March 2014\ninclude \"part.plan\"\n"
        let result = runCLI(["check", "--stdin-filename", "plans/main.plan", "-"], stdin: main, in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("plans/part.plan:2:13: error[percent-range]"), "\(result.stderr)")
    }

    @Test func fmtReadsStandardInput() {
        let result = runCLI(["fmt", "-"], stdin: "plan   \"P\"   period April 2013 to March 2014\n")
        #expect(result.status == 0)
        #expect(result.stdout == "plan \"P\"\n  period April 2013 to March 2014\n")
    }
}

// MARK: - Exit codes

extension CLITests {
    @Test func missingFileIsExitTwo() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runCLI(["check", "no-such.plan"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such.plan"))
        let fmt = runCLI(["fmt", "no-such.plan"], in: directory)
        #expect(fmt.status == 2)
    }

    @Test(arguments: [
        ["check", "--no-such-option", "x.plan"],
        ["check"],
        ["fmt"],
        ["fmt", "--bogus", "x.plan"],
        ["fmt", "-w", "--check", "x.plan"],
        ["frobnicate"],
        [],
        ["check", "--format"],
        ["check", "--strict=yes", "x.plan"],
    ])
    func badUsageIsExitTwo(_ args: [String]) {
        let result = runCLI(args)
        #expect(result.status == 2, "\(args): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpAndVersion() {
        let help = runCLI(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("\n  check "))
        let version = runCLI(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("plancheck "))
    }

    @Test func explainListsEveryCode() {
        let result = runCLI(["explain"])
        #expect(result.status == 0)
        for code in DiagnosticCode.allCases {
            #expect(result.stdout.contains(code.rawValue))
        }
        let one = runCLI(["explain", "impossible-date"])
        #expect(one.status == 0)
        #expect(one.stdout.contains("31.11.12"))
        #expect(runCLI(["explain", "no-such-code"]).status == 2)
    }

    @Test func strictTurnsWarningsIntoExitOne() throws {
        let warningOnly = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5% by September 2016\n"
        try withPlan(warningOnly) { directory in
            let lenient = runCLI(["check", "plan.plan"], in: directory)
            #expect(lenient.status == 0)
            #expect(lenient.stderr.contains("warning[outside-period]"))
            #expect(lenient.stderr.hasSuffix("1 warning\n"))
            let strict = runCLI(["check", "--strict", "plan.plan"], in: directory)
            #expect(strict.status == 1)
            #expect(strict.stderr == lenient.stderr)
        }
    }

    @Test func cleanPlanIsSilentAndExitZero() throws {
        try withPlan("plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5% by September\n") { directory in
            let result = runCLI(["check", "--strict", "plan.plan"], in: directory)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
        }
    }

    /// Several files: each is reported, and one error anywhere is exit 1.
    @Test func severalFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plan \"A\"\n  period April 2013 to March 2014\n".write(to: directory.appendingPathComponent("a.plan"),
                                                                    atomically: true, encoding: .utf8)
        try "plan \"B\"\n  period April 2013 to March 2014\nmeasure 1 \"M\" target >= 101% by May\n"
            .write(to: directory.appendingPathComponent("b.plan"), atomically: true, encoding: .utf8)
        try "plan \"C\"\n  period 31.11.12 to March 2014\n"
            .write(to: directory.appendingPathComponent("c.plan"), atomically: true, encoding: .utf8)
        let result = runCLI(["check", "a.plan", "b.plan", "c.plan"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.plan:3:25: error[percent-range]"))
        #expect(result.stderr.contains("c.plan:2:10: error[impossible-date]"))
        #expect(!result.stderr.contains("a.plan"))
        let clean = runCLI(["check", "a.plan"], in: directory)
        #expect(clean.status == 0)
    }

    /// An include that cannot be found is an error in the plan (exit 1), the
    /// same whether the `include` is in the named file or in one it includes.
    @Test func missingIncludeIsAFinding() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plan \"P\"\ninclude \"missing.plan\"\n".write(to: directory.appendingPathComponent("root.plan"),
                                                           atomically: true, encoding: .utf8)
        try "plan \"P\"\ninclude \"middle.plan\"\n".write(to: directory.appendingPathComponent("nested.plan"),
                                                          atomically: true, encoding: .utf8)
        try "include \"missing.plan\"\n".write(to: directory.appendingPathComponent("middle.plan"),
                                               atomically: true, encoding: .utf8)
        let nested = runCLI(["check", "nested.plan"], in: directory)
        #expect(nested.status == 1)
        #expect(nested.stderr.contains("middle.plan:1:9: error[unreadable-file]"))
        let root = runCLI(["check", "root.plan"], in: directory)
        #expect(root.stderr.contains("root.plan:2:9: error[unreadable-file]"))
        #expect(root.status == nested.status)
    }

    /// An include cycle through real files is reported once, exit 1.
    @Test func includeCycleOnDisk() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plan \"P\"\ninclude \"sub/b.plan\"\n".write(to: directory.appendingPathComponent("a.plan"),
                                                          atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "measure 1 \"M\"\ninclude \"../a.plan\"\n".write(to: directory.appendingPathComponent("sub/b.plan"),
                                                           atomically: true, encoding: .utf8)
        let result = runCLI(["check", "a.plan"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("sub/b.plan:2:9: error[include-cycle]"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "error[include-cycle]").count == 2)
    }
}

// MARK: - fmt

extension CLITests {
    private static let badlyFormatted = """
        plan   "P"   period April 2013 to March 2014
        measure 2.3 "X" target >=90 % by September # key one



        measure 2.4 "Y"
                target <= 5% by May
            polarity lower

        """

    @Test func fmtCheckWriteCheck() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("messy.plan")
        let tidy = directory.appendingPathComponent("tidy.plan")
        try Self.badlyFormatted.write(to: file, atomically: true, encoding: .utf8)
        try "plan \"P\"\n  period April 2013 to March 2014\n".write(to: tidy, atomically: true, encoding: .utf8)

        let before = runCLI(["fmt", "--check", "messy.plan", "tidy.plan"], in: directory)
        #expect(before.status == 1)
        #expect(before.stdout == "messy.plan\n")

        let printed = runCLI(["fmt", "messy.plan"], in: directory)
        #expect(printed.status == 0)
        #expect(printed.stdout == """
            plan "P"
              period April 2013 to March 2014
            measure 2.3 "X"
              target >= 90% by September  # key one

            measure 2.4 "Y"
              target <= 5% by May
              polarity lower

            """)
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.badlyFormatted, "fmt without -w changes nothing")

        let write = runCLI(["fmt", "-w", "messy.plan", "tidy.plan"], in: directory)
        #expect(write.status == 0)
        let rewritten = try String(contentsOf: file, encoding: .utf8)
        #expect(rewritten == printed.stdout)

        let after = runCLI(["fmt", "--check", "messy.plan", "tidy.plan"], in: directory)
        #expect(after.status == 0)
        #expect(after.stdout.isEmpty)

        // The meaning is kept: the same syntax tree, the same findings.
        #expect(ASTDump.dump(Parser.parse(SourceFile(name: "p", text: Self.badlyFormatted), file: FileID(0)).tree)
                == ASTDump.dump(Parser.parse(SourceFile(name: "p", text: rewritten), file: FileID(0)).tree))
        #expect(checkRun(Self.badlyFormatted).found.map(\.code) == checkRun(rewritten).found.map(\.code))
        // And fmt of its own output changes nothing.
        let twice = runCLI(["fmt", "messy.plan"], in: directory)
        #expect(twice.stdout == rewritten)
        // No temporary files left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["messy.plan", "tidy.plan"])
    }

    @Test func fmtLeavesABrokenFileAlone() throws {
        let broken = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1   \"M\"\n  target >= by September\n"
        try withPlan(broken, name: "broken.plan") { directory in
            let file = directory.appendingPathComponent("broken.plan")
            for args in [["fmt", "broken.plan"], ["fmt", "-w", "broken.plan"], ["fmt", "--check", "broken.plan"]] {
                let result = runCLI(args, in: directory)
                #expect(result.status == 1, "\(args)")
                #expect(result.stderr.contains("broken.plan:4:13: error[syntax]"), "\(args): \(result.stderr)")
                let now = try String(contentsOf: file, encoding: .utf8)
                #expect(now == broken, "\(args)")
            }
        }
    }
}
