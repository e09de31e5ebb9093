import Foundation
import Testing
@testable import PlanCheck

// Issue 12: the command line and CI integration. Each test drives the built
// `plancheck` (and, where the point is a real program's view, that program:
// bash, zsh, fish, groff, pre-commit, Python's jsonschema and xmlschema,
// which `.ci/run` installs when missing).

/// Runs `script` with bash in `directory`, with `env` added; stdout, stderr, status.
func runShell(_ script: String, env: [String: String] = [:], in directory: URL? = nil)
    -> (stdout: String, stderr: String, status: Int32) {
    do {
        let scratch = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in env { environment[key] = value }
        process.environment = environment
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return (String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                process.terminationStatus)
    } catch {
        Issue.record("could not run bash: \(error)")
        return ("", "", -1)
    }
}

/// The built binary's path, quoted for a shell.
var plancheckPath: String { "'" + (plancheckBinary?.path ?? "plancheck") + "'" }

/// Whether `name` is on PATH.
func onPath(_ name: String) -> Bool { runShell("command -v \(name)").status == 0 }

/// The CLI's command names, from `plancheck --help`'s command list.
func commandNames() -> [String] {
    let help = runCLI(["--help"]).stdout
    guard let start = help.range(of: "commands:\n"), let end = help.range(of: "\n\n", range: start.upperBound..<help.endIndex)
    else { return [] }
    return help[start.upperBound..<end.lowerBound].split(separator: "\n")
        .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        .compactMap { $0.split(separator: " ").first.map(String.init) }
}

private let mainPlan = """
    plan "Children's services improvement plan"
      period April 2013 to March 2014

    workstream EFD "Early help and front door"

    include "parts/part.plan"

    """

private let partPlan = """
    measure 2.3 "% of children seen within 10 working days"
      workstream EFD
      target >= 85% by March 2014

    """

@Suite struct CommandLineTests {
    // MARK: - Help, from one table

    @Test func everyCommandAnswersHelpWithItsOptionsAndAnExample() {
        let names = commandNames()
        #expect(names.count >= 9, "commands listed: \(names)")
        for name in names {
            let help = runCLI([name, "--help"])
            #expect(help.status == 0, "\(name) --help")
            #expect(help.stdout.hasPrefix("plancheck \(name): "))
            #expect(help.stdout.contains("usage: plancheck \(name)"))
            #expect(help.stdout.contains("options every command takes:"))
            #expect(runCLI(["help", name]).stdout == help.stdout, "help \(name) is \(name) --help")
            #expect(runCLI([name, "-h"]).stdout == help.stdout)
            if !["man", "version"].contains(name) {
                #expect(help.stdout.contains("examples:\n  # "), "\(name) has an example")
            }
        }
        // Each option is listed with what it does.
        let check = runCLI(["check", "--help"]).stdout
        for option in ["--format FORMAT", "--strict", "--data CSV", "--affected", "--stdin-filename NAME", "--color WHEN", "-q, --quiet"] {
            let line = check.split(separator: "\n").first { $0.hasPrefix("  " + option + " ") }
            #expect(line != nil && line!.count > 30, "\(option) is explained: \(String(describing: line))")
        }
        let eval = runCLI(["eval", "--help"]).stdout
        #expect(eval.contains("--fail-on STATUS") && eval.contains("exit 1 when a target is missed"))
        #expect(runCLI(["report", "--help"]).stdout.contains("-o, --output FILE"))
    }

    @Test func didYouMeanForCommandsOptionsValuesAndCodes() {
        let command = runCLI(["chek", "plan.plan"])
        #expect(command.status == 2)
        #expect(command.stderr.contains(#"unknown command "chek""#))
        #expect(command.stderr.contains(#"= help: did you mean "check"?"#))

        let option = runCLI(["check", "--strcit", "plan.plan"])
        #expect(option.status == 2)
        #expect(option.stderr.contains(#"unknown option "--strcit""#))
        #expect(option.stderr.contains(#"did you mean "--strict"?"#))
        #expect(option.stderr.contains("plancheck check --help shows its options and examples"))

        #expect(runCLI(["eval", "--fromat", "json", "x.plan"]).stderr.contains(#"did you mean "--format"?"#))
        #expect(runCLI(["--colour=never", "check"]).stderr.contains(#"did you mean "--color"?"#))
        #expect(runCLI(["check", "--format", "sarf", "x.plan"]).stderr.contains(#"did you mean "sarif"?"#))
        #expect(runCLI(["help", "evl"]).stderr.contains(#"did you mean "eval"?"#))
        #expect(runCLI(["eval", "--status", "mised", "x.plan"]).stderr.contains(#"did you mean "missed"?"#))
        #expect(runCLI(["eval", "--fail-on", "at-rsk", "x.plan"]).stderr.contains(#"did you mean "at-risk"?"#))
        #expect(runCLI(["report", "--as-of", "2013-10-31", "--charts", "attentoin", "x.plan"]).stderr.contains(#"did you mean "attention"?"#))
        let code = runCLI(["explain", "impossble-date"])
        #expect(code.status == 2)
        #expect(code.stderr.contains(#"did you mean "impossible-date"?"#))
        // Nothing near: no guess, but where to look.
        #expect(runCLI(["zzzzzz"]).stderr.contains("the commands are check, eval"))
    }

    // MARK: - explain

    @Test func explainShowsTheRuleTheMistakeTheFindingAndTheFix() {
        let page = runCLI(["explain", "unknown-reference"])
        #expect(page.status == 0)
        #expect(page.stdout.hasPrefix("unknown-reference (error): "))
        #expect(page.stdout.contains("For example, this plan:\n\n    plan "))
        #expect(page.stdout.contains("gives\n\n    plan.plan:7:14: error[unknown-reference]: no workstream named \"EDF\""))
        #expect(page.stdout.contains(#"= help: did you mean "EFD"?"#))
        #expect(page.stdout.contains("Fixed:\n\n"))
        let data = runCLI(["explain", "data-duplicate"]).stdout
        #expect(data.contains("with book.csv:\n\n    measure,date,value"))
        #expect(data.contains("error[data-duplicate]"))
    }

    /// Every example is a real plan: the wrong one gives its code, the fixed one is clean.
    @Test(arguments: DiagnosticCode.allCases)
    func explanationExamplesAreTrue(code: DiagnosticCode) {
        let explanation = code.explanation
        #expect(explanation.rule.count > 40)
        // Codes that cannot be shown in a few lines of text (invalid bytes, a
        // thousand errors, 65 nested files, a workbook's cell) or that the
        // checker does not yet report (invalid-number: a bad number is a
        // syntax error today).
        let shownInWords: Set<DiagnosticCode> = [.invalidUTF8, .tooManyErrors, .includeDepth, .invalidNumber, .dataBadCell,
                                                 .sectionDepth, .dataIgnoredSheet]
        if let wrong = explanation.wrong {
            #expect(!shownInWords.contains(code))
            let files = explanation.wrongFiles.merging([DiagnosticCode.examplePlanName: wrong]) { a, _ in a }
            let run = Pipeline.check(path: DiagnosticCode.examplePlanName, files: MemoryFiles(files))
            #expect(run.diagnostics.contains { $0.code == code }, "\(code.rawValue): \(run.listing)")
        } else {
            #expect(shownInWords.contains(code), "\(code.rawValue) has no example of the mistake")
        }
        if let right = explanation.right {
            let files = explanation.rightFiles.merging([DiagnosticCode.examplePlanName: right]) { a, _ in a }
            let run = Pipeline.check(path: DiagnosticCode.examplePlanName, files: MemoryFiles(files))
            #expect(run.diagnostics.isEmpty, "\(code.rawValue) fixed: \(run.listing)")
        }
        let page = runCLI(["explain", code.rawValue])
        #expect(page.status == 0)
        #expect(page.stdout.contains(String(explanation.rule.prefix(30))))
    }

    // MARK: - Completions and man page: generated, committed, not drifting

    @Test(arguments: [("completions bash", "completions/plancheck.bash"), ("completions zsh", "completions/_plancheck"),
                      ("completions fish", "completions/plancheck.fish"), ("man", "docs/plancheck.1"),
                      ("explain --markdown", "docs/diagnostics.md")])
    func generatedFilesMatchTheCommandTable(command: String, path: String) throws {
        let generated = runCLI(command.split(separator: " ").map(String.init))
        #expect(generated.status == 0)
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        #expect(generated.stdout == committed, "\(path) is stale: run make completions")
        if path.hasSuffix(".md") {
            for code in DiagnosticCode.allCases { #expect(committed.contains("\n## \(code.rawValue)\n")) }
            return
        }
        // Every command and every option of the table is offered (roff escapes hyphens).
        let text = committed.replacingOccurrences(of: "\\-", with: "-")
        for name in commandNames() { #expect(text.contains(name), "\(path) lacks \(name)") }
        for option in ["strict", "affected", "fail-on", "charts", "diff", "color", "quiet"] {
            #expect(text.contains(option), "\(path) lacks \(option)")
        }
    }

    @Test func bashCompletesCommandsOptionsValuesAndFiles() throws {
        let script = repositoryRoot.appendingPathComponent("completions/plancheck.bash").path
        func complete(_ words: [String], in directory: URL? = nil) -> String {
            let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
            return runShell("""
                source '\(script)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _plancheck; echo "${COMPREPLY[*]}"
                """, in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(complete(["plancheck", "chec"]) == "check")
        #expect(complete(["plancheck", "check", "--str"]) == "--strict")
        #expect(complete(["plancheck", "eval", "--format", ""]) == "table json csv junit")
        #expect(complete(["plancheck", "eval", "--format", "=", "j"]) == "json junit")
        #expect(complete(["plancheck", "--color", "=", "never", "ev"]) == "eval")
        #expect(complete(["plancheck", "explain", "impossible-d"]) == "impossible-date")
        #expect(complete(["plancheck", "completions", ""]) == "bash zsh fish")
        #expect(complete(["plancheck", "check", "che"], in: repositoryRoot.appendingPathComponent("examples"))
            == "cheshire-east-2013.plan")
    }

    @Test func zshAndFishReadTheirScriptsAndManRendersClean() throws {
        let completions = repositoryRoot.appendingPathComponent("completions")
        let ci = ProcessInfo.processInfo.environment["CI"] != nil
        if onPath("zsh") {
            let zsh = runShell("zsh -n '\(completions.appendingPathComponent("_plancheck").path)'")
            #expect(zsh.status == 0, "zsh: \(zsh.stderr)")
            // An interactive zsh on a pseudo-terminal (zsh/zpty), with compinit
            // loading _plancheck, completes a line at a tab.
            let driver = """
                zmodload zsh/zpty
                zpty z zsh -f -i
                zpty -w z "fpath=('\(completions.path)' \\$fpath); autoload -Uz compinit; compinit -u; PROMPT='>'"
                sleep 1
                zpty -w -n z "plancheck check --str"$'\\t'
                sleep 2
                zpty -w -n z $'\\n'
                sleep 1
                out=""
                while zpty -r -t z chunk; do out+=$chunk; done
                print -r -- "$out"
                zpty -d z
                """
            let completed = runShell("zsh -f -c \"$DRIVER\"", env: ["DRIVER": driver])
            #expect(completed.stdout.contains("plancheck check --strict"), "zsh completion: \(completed.stdout.suffix(400))")
        } else {
            #expect(!ci, "CI must have zsh (.ci/run installs it)")
        }
        if onPath("fish") {
            let fish = runShell("""
                fish -c "source '\(completions.appendingPathComponent("plancheck.fish").path)'; complete -C 'plancheck check --str'; complete -C 'plancheck eval --format '; complete -C 'plancheck '"
                """)
            #expect(fish.status == 0, "fish: \(fish.stderr)")
            #expect(fish.stdout.contains("--strict"))
            #expect(fish.stdout.contains("junit"))
            #expect(fish.stdout.contains("explain"))
        } else {
            #expect(!ci, "CI must have fish (.ci/run installs it)")
        }
        if onPath("groff") {
            let man = runShell("groff -man -Tutf8 -ww -z '\(repositoryRoot.appendingPathComponent("docs/plancheck.1").path)'")
            #expect(man.status == 0 && man.stderr.isEmpty, "groff: \(man.stderr)")
        } else {
            #expect(!ci, "CI must have groff (.ci/run installs it)")
        }
    }

    // MARK: - pre-commit: a staged part is checked through the plan that includes it

    @Test func checkAffectedChecksTheIncludingPlan() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("parts"), withIntermediateDirectories: true)
        try mainPlan.write(to: directory.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try partPlan.write(to: directory.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        try "measure,date,value\n2.3,2013-09,86%\n".write(to: directory.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)

        // Alone, the part's reference to main.plan's workstream looks unknown.
        #expect(runCLI(["check", "parts/part.plan"], in: directory).stderr.contains("unknown-reference"))
        let affected = runCLI(["check", "--affected", "parts/part.plan"], in: directory)
        #expect(affected.status == 0, "\(affected.stderr)")
        #expect(affected.stderr.isEmpty)
        // A mistake in the part is found, in the part, through main.plan.
        try (partPlan + "measure 2.4 \"Repeat referrals\"\n  workstream EDF\n")
            .write(to: directory.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        let broken = runCLI(["check", "--affected", "parts/part.plan"], in: directory)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("parts/part.plan:5:14: error[unknown-reference]"))
        #expect(broken.stderr.contains(#"did you mean "EFD"?"#))
        // A CSV no plan names: nothing to check.
        #expect(runCLI(["check", "--affected", "book.csv"], in: directory).status == 0)
        // Named as data, the CSV brings its plan.
        try (mainPlan + "data \"book.csv\"\n").write(to: directory.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try "measure,date,value\n9.9,2013-09,86%\n".write(to: directory.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)
        #expect(runCLI(["check", "--affected", "book.csv"], in: directory).stderr.contains("error[data-unknown-id]"))
    }

    /// A staged workbook brings the plans that read it, whole or one sheet
    /// of it; a workbook no plan names is left alone, not read as a plan
    /// (it gave a thousand invalid-utf8 errors).
    @Test func checkAffectedChecksThePlansThatReadAStagedWorkbook() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ text: String, _ name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let measure = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 2.3 \"M\"\n  target >= 85% by March 2014\n"
        try write(measure + "data \"book.xlsx\"\n", "main.plan")
        // A sheet of the book; its plan has a warning of its own, so its check shows.
        try write(measure + "  target >= 90% by March 2015\ndata \"book.xlsx#Book\"\n", "sheet.plan")
        // A plan that reads no book has an error that must not show.
        try write(measure + "  workstream EDF\n", "other.plan")
        let good = ZipWriter.workbook([("Book", [["measure", "date", "value"], ["2.3", "2013-09", "86%"]])])
        try Data(good).write(to: directory.appendingPathComponent("book.xlsx"))
        try Data(good).write(to: directory.appendingPathComponent("stray.xlsx"))
        try Data(good).write(to: directory.appendingPathComponent("STRAY.XLSM"))

        let stray = runCLI(["check", "--affected", "stray.xlsx", "STRAY.XLSM"], in: directory)
        #expect(stray.status == 0, "\(stray.stderr)")
        #expect(stray.stderr.isEmpty, "\(stray.stderr)")

        let clean = runCLI(["check", "--affected", "book.xlsx"], in: directory)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("sheet.plan:5:20: warning[outside-period]"), "\(clean.stderr)")
        #expect(!clean.stderr.contains("other.plan"), "\(clean.stderr)")

        let bad = ZipWriter.workbook([("Book", [["measure", "date", "value"], ["9.9", "2013-09", "86%"]])])
        try Data(bad).write(to: directory.appendingPathComponent("book.xlsx"))
        let broken = runCLI(["check", "--affected", "book.xlsx", "stray.xlsx"], in: directory)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("book.xlsx[Book]!A2: error[data-unknown-id]: the plan has no measure or action \"9.9\""), "\(broken.stderr)")
        #expect(broken.stderr.contains("sheet.plan:5:20: warning[outside-period]"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("other.plan") && !broken.stderr.contains("stray.xlsx"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("invalid-utf8"), "\(broken.stderr)")
    }

    /// The real pre-commit framework, with this repository's hook manifest, in a
    /// scratch git repository where only the included part is staged.
    @Test func preCommitChecksThePlanThatIncludesAStagedPart() throws {
        let ci = ProcessInfo.processInfo.environment["CI"] != nil
        guard onPath("pre-commit") else {
            #expect(!ci, "CI must have pre-commit (.ci/run installs it from PyPI)")
            return
        }
        guard let binary = plancheckBinary else { Issue.record("no plancheck binary"); return }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let repo = directory.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("parts"), withIntermediateDirectories: true)
        try mainPlan.write(to: repo.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try partPlan.write(to: repo.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        let env = [
            "PATH": binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": directory.appendingPathComponent("cache").path,
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
            "NO_COLOR": "1",
        ]
        let setup = runShell("""
            set -e
            git init -q .
            git add main.plan && git commit -q -m main
            git add parts/part.plan
            git diff --cached --name-only
            """, env: env, in: repo)
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout == "parts/part.plan\n")
        // try-repo runs the hooks of the repository at a path (its working
        // tree, uncommitted changes included) on the staged files.
        let source = repositoryRoot.path
        let clean = runShell("pre-commit try-repo '\(source)' plancheck-check --color never", env: env, in: repo)
        #expect(clean.status == 0, "pre-commit: \(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("plancheck check") && clean.stdout.contains("Passed"), "\(clean.stdout)")

        try (partPlan + "measure 2.4 \"Repeat referrals\"\n  workstream EDF\n")
            .write(to: repo.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        _ = runShell("git add parts/part.plan", env: env, in: repo)
        let broken = runShell("pre-commit try-repo '\(source)' plancheck-check --color never", env: env, in: repo)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("Failed"))
        #expect(broken.stdout.contains("parts/part.plan:5:14: error[unknown-reference]: no workstream named \"EDF\""))
        #expect(!broken.stdout.contains("no workstream named \"EFD\""), "no false unknown-reference for main.plan's workstream")

        // A staged workbook is checked through the plan that names it as
        // data; one no plan names is not read as a plan.
        try partPlan.write(to: repo.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        try (mainPlan + "data \"book.xlsx\"\n").write(to: repo.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try Data(ZipWriter.workbook([("Book", [["measure", "date", "value"], ["2.3", "2013-09", "86%"]])]))
            .write(to: repo.appendingPathComponent("book.xlsx"))
        try Data(ZipWriter.workbook([("Book", [["measure", "date", "value"], ["9.9", "2013-09", "86%"]])]))
            .write(to: repo.appendingPathComponent("stray.xlsx"))
        let books = runShell("""
            set -e
            git add main.plan parts/part.plan book.xlsx && git commit -q -m book
            cp stray.xlsx book.xlsx
            git add book.xlsx stray.xlsx
            git diff --cached --name-only
            """, env: env, in: repo)
        #expect(books.stdout == "book.xlsx\nstray.xlsx\n", "\(books.stdout)\(books.stderr)")
        let book = runShell("pre-commit try-repo '\(source)' plancheck-check --color never", env: env, in: repo)
        #expect(book.status == 1)
        #expect(book.stdout.contains("Failed"), "\(book.stdout)")
        #expect(book.stdout.contains("book.xlsx[Book]!A2: error[data-unknown-id]: the plan has no measure or action \"9.9\""), "\(book.stdout)")
        #expect(!book.stdout.contains("stray.xlsx"), "\(book.stdout)")

        // The manifest, with the language: swift variants, is valid for pre-commit.
        let manifest = runShell("pre-commit validate-manifest .pre-commit-hooks.yaml", env: env, in: repositoryRoot)
        #expect(manifest.status == 0, "\(manifest.stdout + manifest.stderr)")
    }

    // MARK: - SARIF and JUnit against their official schemas

    static let validator = """
        import json, sys
        kind, schema, document = sys.argv[1:4]
        if kind == "json":
            import jsonschema
            validator = jsonschema.Draft4Validator(json.load(open(schema)))
            errors = sorted(validator.iter_errors(json.load(open(document))), key=str)
            for e in errors: print(list(e.path), e.message)
            sys.exit(1 if errors else 0)
        import xmlschema
        xmlschema.XMLSchema(schema).validate(document)
        """

    func validate(_ kind: String, schema: String, document: String) -> (stdout: String, stderr: String, status: Int32) {
        let ci = ProcessInfo.processInfo.environment["CI"] != nil
        let module = kind == "json" ? "jsonschema" : "xmlschema"
        if runShell("python3 -c 'import \(module)'").status != 0 {
            #expect(!ci, "CI must have Python's \(module) (.ci/run installs it)")
            Issue.record("python3 -m pip install \(module) to validate against \(schema)")
            return ("", "", 0)
        }
        let schemaPath = fixturesDirectory.appendingPathComponent("schemas/" + schema).path
        return runShell("python3 -c \"$VALIDATOR\" \(kind) '\(schemaPath)' '\(document)'", env: ["VALIDATOR": Self.validator])
    }

    @Test func sarifIsValidAndKeepsHintsRulesAndRepositoryPaths() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = runShell("git init -q .", in: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("parts"), withIntermediateDirectories: true)
        try mainPlan.write(to: directory.appendingPathComponent("main.plan"), atomically: true, encoding: .utf8)
        try (partPlan + "measure 2.4 \"Repeat referrals\"\n  workstream EDF\n  target <= 31.11.13\n")
            .write(to: directory.appendingPathComponent("parts/part.plan"), atomically: true, encoding: .utf8)
        // Run from a subdirectory: paths are still relative to the repository root.
        let result = runCLI(["check", "--format", "sarif", "--help-uri", "https://example.org/docs/diagnostics.md#",
                             "../main.plan", "-"], stdin: "measure 1 \"x\"\n",
                            in: directory.appendingPathComponent("parts"))
        #expect(result.status == 1)
        let log = directory.appendingPathComponent("log.sarif")
        try result.stdout.write(to: log, atomically: true, encoding: .utf8)
        let valid = validate("json", schema: "sarif-schema-2.1.0.json", document: log.path)
        #expect(valid.status == 0, "SARIF schema: \(valid.stdout)\(valid.stderr)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        let run = runs[0]
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        let root = try #require(bases["%SRCROOT%"]?["uri"])
        #expect(root.hasPrefix("file:///") && root.hasSuffix("/"))
        let results = runs.flatMap { ($0["results"] as? [[String: Any]]) ?? [] }
        let artifacts = results.compactMap { r -> [String: Any]? in
            ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        }
        #expect(artifacts.contains { $0["uri"] as? String == "parts/part.plan" && $0["uriBaseId"] as? String == "%SRCROOT%" })
        #expect(!artifacts.contains { ($0["uri"] as? String)?.contains("..") == true })
        #expect(!result.stdout.contains("%3Cstdin%3E"))
        #expect(artifacts.contains { $0["uri"] == nil && (($0["description"] as? [String: Any])?["text"] as? String) == "standard input" })
        let messages = results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.contains("no workstream named \"EDF\"\nhelp: did you mean \"EFD\"?"), "\(messages)")
        // The did-you-mean is also a fix that replaces the misspelt id.
        let fixed = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String == "no workstream named \"EDF\"\nhelp: did you mean \"EFD\"?" })
        let fix = try #require((fixed["fixes"] as? [[String: Any]])?.first)
        let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: String])?["text"] == "EFD")
        let region = try #require(replacement["deletedRegion"] as? [String: Int])
        #expect(region == ["startLine": 5, "startColumn": 14, "endLine": 5, "endColumn": 17])
        #expect((change["artifactLocation"] as? [String: String])?["uri"] == "parts/part.plan")
        let rules = try #require((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"]) as? [[String: Any]])
        let reference = try #require(rules.first { $0["id"] as? String == "unknown-reference" })
        // Two plans, one run (GitHub's code scanning refuses two runs of one
        // tool in one category): every rule once, every result's ruleIndex
        // pointing at its rule.
        #expect(runs.count == 1)
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(results.count > 1 && results.allSatisfy { r in
            (r["ruleIndex"] as? Int).map { ids.indices.contains($0) && ids[$0] == r["ruleId"] as? String } ?? false
        }, "\(results.map { ($0["ruleId"] ?? "", $0["ruleIndex"] ?? "") })")
        #expect(artifacts.contains { $0["uri"] == nil } && artifacts.contains { $0["uri"] as? String == "parts/part.plan" })
        #expect(((reference["fullDescription"] as? [String: Any])?["text"] as? String)?.contains("not declared") == true)
        #expect(reference["helpUri"] as? String == "https://example.org/docs/diagnostics.md#unknown-reference")
        let help = try #require(reference["help"] as? [String: String])
        #expect(help["text"]?.contains("Wrong:") == true && help["markdown"]?.contains("```") == true)
    }

    @Test(arguments: [("did you mean \"EFD\"?", "EFD"), ("did you mean `target`?", "target"),
                      ("did you mean \"Ann Smith\"?", "Ann Smith"), ("write >=", nil), ("did you mean \"a\" or \"b\"?", nil),
                      ("did you mean \"\"?", nil), ("did you mean EFD?", nil)] as [(String, String?)])
    func sarifFixesComeOnlyFromAPlainSuggestion(help: String, expected: String?) {
        #expect(DiagnosticRenderer.suggestion(in: help) == expected)
    }

    @Test func junitIsValidForJenkins() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runCLI(["eval", "examples/cheshire-east-2013.plan", "--data", "examples/cheshire-east-2013.csv",
                             "--as-of", "2013-10-31", "--format", "junit"], in: repositoryRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("<skipped"), "the example has skipped cases")
        let report = directory.appendingPathComponent("report.xml")
        try result.stdout.write(to: report, atomically: true, encoding: .utf8)
        let valid = validate("xml", schema: "junit-10.xsd", document: report.path)
        #expect(valid.status == 0, "junit-10.xsd: \(valid.stdout)\(valid.stderr)")
        let suites = result.stdout.split(separator: "\n").first { $0.hasPrefix("<testsuites") }
        #expect(suites?.contains("skipped") == false)
    }

    // MARK: - CSV for Excel

    @Test func csvStartsWithAByteOrderMarkAndDefusesFormulas() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = """
            plan "Plan – £ costs"
              period April 2013 to March 2014

            measure 1 "=HYPERLINK(\\"http://x\\")"
              target >= 5 by March 2014
            measure 2 "-2 is a title"
              target >= 5 by March 2014

            data 1
              2013-09 3
            """
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let result = runCLI(["eval", "p.plan", "--as-of", "2013-10-31", "--format", "csv"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Array(result.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(result.stdout.contains(#",measure,"'=HYPERLINK(""http://x"")","#))
        #expect(result.stdout.contains(",measure,'-2 is a title,"))
        #expect(result.stdout.contains(",3,3,2013-09-30,"), "numbers as they are")
        for (text, expected) in [("-3.5", "-3.5"), ("@SUM(A1)", "'@SUM(A1)"), ("+1", "+1"), ("-12%", "-12%"), ("1e-05", "1e-05"),
                                 ("-", "'-"), ("-x", "'-x"), ("\tx", "'\tx"), ("plain", "plain")] {
            #expect(EvaluationCSV.defused(text) == expected, "\(text)")
        }
    }

    // MARK: - fmt

    @Test func fmtDiffAndCheckSayHowToFix() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = "plan \"P\"\n      period April 2013 to March 2014\n"
        try messy.write(to: directory.appendingPathComponent("a plan.plan"), atomically: true, encoding: .utf8)
        let diff = runCLI(["fmt", "--diff", "a plan.plan"], in: directory)
        #expect(diff.status == 1)
        #expect(diff.stdout == """
            --- a plan.plan
            +++ a plan.plan (formatted)
            @@ -1,2 +1,2 @@
             plan "P"
            -      period April 2013 to March 2014
            +  period April 2013 to March 2014

            """)
        #expect(diff.stderr.contains("to fix, run: plancheck fmt -w 'a plan.plan'"))
        let check = runCLI(["fmt", "--check", "a plan.plan"], in: directory)
        #expect(check.status == 1)
        #expect(check.stdout == "a plan.plan\n")
        #expect(check.stderr == "plancheck: 1 file is not in fmt form; to fix, run: plancheck fmt -w 'a plan.plan'\n")
        #expect(runCLI(["fmt", "--check", "--quiet", "a plan.plan"], in: directory).stderr.isEmpty)
        // Nothing to change: no diff, exit 0; the file is untouched.
        #expect(runCLI(["fmt", "-w", "a plan.plan"], in: directory).status == 0)
        let again = runCLI(["fmt", "--diff", "a plan.plan"], in: directory)
        #expect(again.status == 0 && again.stdout.isEmpty)
    }

    // MARK: - Colour, width, quiet, totals

    /// Runs plancheck on a pseudo-terminal (util-linux `script`), so `auto` sees a terminal.
    func onTerminal(_ arguments: String, env: String, columns: Int = 100) -> String {
        runShell("script -qec \"stty cols \(columns); \(env) \(plancheckPath) \(arguments)\" /dev/null",
                 in: repositoryRoot).stdout
    }

    @Test func colourFollowsTheFlagTermAndNoColor() {
        let broken = "check Tests/Fixtures/check/unknown-workstream.plan"
        let escape = "\u{1B}["
        #expect(onTerminal(broken, env: "env -u NO_COLOR TERM=xterm").contains(escape), "auto on a terminal")
        #expect(onTerminal(broken, env: "NO_COLOR= TERM=xterm").contains(escape), "an empty NO_COLOR is ignored")
        #expect(!onTerminal(broken, env: "NO_COLOR=1 TERM=xterm").contains(escape))
        #expect(!onTerminal(broken, env: "env -u NO_COLOR TERM=dumb").contains(escape))
        #expect(!onTerminal(broken + " --color=never", env: "env -u NO_COLOR TERM=xterm").contains(escape))
        // always: even into a file, and over NO_COLOR.
        let always = runCLI(["check", "--color=always", "Tests/Fixtures/check/unknown-workstream.plan"], in: repositoryRoot)
        #expect(always.stderr.contains(escape))
        #expect(runCLI(["--color", "always", "check", "Tests/Fixtures/check/unknown-workstream.plan"], in: repositoryRoot)
            .stderr.contains(escape))
        #expect(!runCLI(["check", "Tests/Fixtures/check/unknown-workstream.plan"], env: ["NO_COLOR": ""], in: repositoryRoot)
            .stderr.contains(escape), "not a terminal")
        #expect(runCLI(["check", "--color=sometimes", "x.plan"]).status == 2)
    }

    @Test func evalTableFitsTheTerminal() {
        let eval = "eval examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv --as-of 2013-10-31"
        func widest(_ text: String) -> Int {
            text.split(separator: "\n").map { $0.replacingOccurrences(of: "\r", with: "").unicodeScalars.count }.max() ?? 0
        }
        for columns in [80, 100, 160] {
            let table = runCLI(eval.split(separator: " ").map(String.init), env: ["COLUMNS": String(columns)], in: repositoryRoot)
            #expect(table.status == 0)
            #expect(widest(table.stdout) <= columns, "COLUMNS=\(columns)")
            #expect(table.stdout.contains("short"), "explanations are kept")
        }
        // The terminal's own width, through TIOCGWINSZ.
        let terminal = onTerminal(eval, env: "env -u COLUMNS NO_COLOR=1", columns: 90)
            .replacingOccurrences(of: "\r\n", with: "\n")
        #expect(widest(terminal) <= 90)
        #expect(widest(terminal) > 60)
        // Not a terminal and no COLUMNS: 120.
        let piped = runCLI(eval.split(separator: " ").map(String.init), env: ["COLUMNS": ""], in: repositoryRoot)
        #expect(widest(piped.stdout) <= 120)
    }

    @Test func quietTotalsAndUnreadableFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = "plan \"P\"\n  period April 2013 to March 2014\n\n"
        try (header + "measure 1 \"x\"\n  target >= 5 by March 2041\n")
            .write(to: directory.appendingPathComponent("warn.plan"), atomically: true, encoding: .utf8)
        try (header + "measure 1 \"x\"\n  target >= 105% by March 2014\n")
            .write(to: directory.appendingPathComponent("error.plan"), atomically: true, encoding: .utf8)

        let loud = runCLI(["check", "warn.plan", "error.plan"], in: directory)
        #expect(loud.status == 1)
        #expect(loud.stderr.contains("warning[outside-period]"))
        #expect(loud.stderr.hasSuffix("total: 1 error, 1 warning in 2 of 2 plans checked\n"), "\(loud.stderr)")
        let quiet = runCLI(["check", "--quiet", "warn.plan", "error.plan"], in: directory)
        #expect(quiet.status == 1)
        #expect(!quiet.stderr.contains("warning"))
        #expect(quiet.stderr.contains("error[percent-range]"))
        #expect(!quiet.stderr.contains("1 error"), "no counts")
        #expect(runCLI(["-q", "check", "warn.plan"], in: directory).stderr.isEmpty)
        #expect(runCLI(["check", "--quiet", "--strict", "warn.plan"], in: directory).stderr.contains("outside-period"))
        // eval prints its table after warnings; --quiet keeps only the table.
        let eval = runCLI(["eval", "warn.plan", "--as-of", "2013-10-31"], in: directory)
        #expect(eval.status == 0 && eval.stderr.contains("warning[outside-period]"))
        let quietEval = runCLI(["eval", "-q", "warn.plan", "--as-of", "2013-10-31"], in: directory)
        #expect(quietEval.stderr.isEmpty)
        #expect(quietEval.stdout == eval.stdout)

        let missing = runCLI(["check", "nope.plan"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("nope.plan:1:1: error[unreadable-file]: cannot read nope.plan:"))
        #expect(!missing.stderr.contains(" | "), "no empty source excerpt: \(missing.stderr)")
    }

    // MARK: - Repository hygiene

    @Test func readmeLinksNothingOutsideTheRepository() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!readme.contains("../shared"))
        for recipe in ["github/codeql-action/upload-sarif", "reports:", "junit", "pre-commit", "language: swift"] {
            #expect(readme.contains(recipe), "README has the \(recipe) recipe")
        }
    }

    @Test func makeDemoIsQuietAndSharesTheTestBuild() throws {
        let makefile = try String(contentsOf: repositoryRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(makefile.contains("$(SWIFT) build --build-tests -q"))
    }
}
