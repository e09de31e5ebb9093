import PlanCheck

/// Shared by the commands that read plans: reading FILE or `-`, and reporting.
enum Input {
    /// The plans named on the command line: paths, or `-` for standard input.
    struct Plan {
        var path: String
        var bytes: [UInt8]?
    }

    /// Reads `-` once; the rest are read by the loader (so includes resolve).
    static func plans(_ paths: [String], stdinName: String?) -> Result<[Plan], FileError> {
        var plans: [Plan] = []
        for path in paths {
            if path == "-" {
                switch System.readStandardInput() {
                case .success(let bytes): plans.append(Plan(path: stdinName ?? "<stdin>", bytes: bytes))
                case .failure(let failure): return .failure(FileError("cannot read standard input: \(failure.message)"))
                }
            } else {
                plans.append(Plan(path: path, bytes: nil))
            }
        }
        return .success(plans)
    }

    /// The runs less those whose plan another named plan includes (checked as
    /// part of it), whatever order the files were named in: `check plans/*.plan`
    /// must not check `front-door.plan` alone because it sorts before
    /// `main.plan`. A plan named twice counts once; of plans that include each
    /// other, the first named stays.
    static func withoutIncludedParts<Run>(_ runs: [Run], planPaths: (Run) -> [String]) -> [Run] {
        // Files are compared as files (device and inode), not as spellings:
        // `main.plan` and `$PWD/main.plan`, or a link to it, are one plan.
        let disk = DiskFiles()
        let paths = runs.map { planPaths($0).map { disk.identity($0) ?? Path.normalize($0) } }
        var dropped = Set<Int>()
        for i in runs.indices {
            guard let root = paths[i].first else { continue }
            for j in runs.indices where j != i && !dropped.contains(j) {
                if paths[j].dropFirst().contains(root) || (j < i && paths[j].first == root) {
                    dropped.insert(i)
                    break
                }
            }
        }
        return runs.indices.filter { !dropped.contains($0) }.map { runs[$0] }
    }

    /// Several plans read against one book (a council's measures plan and its
    /// actions plan, one performance book): a row for another plan's id is
    /// that plan's, not an unknown id. A plan that found unknown ids in its
    /// data is read again knowing the other plans' ids. With one plan, or no
    /// unknown id, nothing is read twice.
    static func sharingData<Run>(_ runs: [Run], model: (Run) -> PlanModel, diagnostics: (Run) -> [Diagnostic],
                                 again: (Int, Set<String>) -> Run) -> [Run] {
        guard runs.count > 1, runs.contains(where: { diagnostics($0).contains { $0.code == .dataUnknownID } }) else { return runs }
        let ids = runs.map { run in Set(model(run).items.map(\.id)) }
        return runs.indices.map { i in
            guard diagnostics(runs[i]).contains(where: { $0.code == .dataUnknownID }) else { return runs[i] }
            let others = ids.indices.filter { $0 != i }.reduce(into: Set<String>()) { $0.formUnion(ids[$1]) }
                .subtracting(ids[i])
            return others.isEmpty ? runs[i] : again(i, others)
        }
    }

    /// Reads, checks and evaluates every named plan (a plan an earlier one
    /// includes is covered by it), and prints their diagnostics to standard
    /// error. Returns the runs, or the exit code when judgements must not be
    /// shown: 2 when a named plan or data file cannot be read, 1 on errors.
    /// `disk` reads the files (`report` passes one that notes them, so `-o` never names one).
    static func evaluate(_ positional: [String], stdinName: String?, dataPaths: [String],
                         asOf: CalendarDate, disk: any FileProvider = DiskFiles()) -> Result<[Pipeline.EvaluatedPlan], ExitCode> {
        for path in dataPaths {
            if let problem = System.unreadable(DataLoader.fileOnDisk(path)) {
                return .failure(ExitCode(fail("cannot read \(path): \(problem)")))
            }
        }
        let plans: [Plan]
        switch Self.plans(positional, stdinName: stdinName) {
        case .success(let read): plans = read
        case .failure(let failure): return .failure(ExitCode(fail(failure.message)))
        }
        var runs: [Pipeline.EvaluatedPlan] = []
        var unreadable = false
        for plan in plans {
            // The syntax is let go as it is read: only the findings, the model and the data are used.
            let run = Pipeline.evaluate(path: plan.path, bytes: plan.bytes, files: disk, dataPaths: dataPaths, asOf: asOf,
                                        keepingSyntax: false)
            // The named file itself could not be read (an unreadable include is a finding).
            unreadable = unreadable || run.checked.loaded.planPaths.isEmpty
            runs.append(run)
        }
        runs = sharingData(runs, model: \.checked.model, diagnostics: \.diagnostics) { index, others in
            Pipeline.evaluate(path: plans[index].path, bytes: plans[index].bytes, files: disk, dataPaths: dataPaths,
                              asOf: asOf, keepingSyntax: false, otherPlansIDs: others)
        }
        runs = withoutIncludedParts(runs) { $0.checked.loaded.planPaths }
        var rendered: [String] = []
        for run in runs where !run.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(sources: run.sources, color: System.useColor(2))
            if Settings.quiet {
                // --quiet: the errors that stop the run, without counts.
                let errors = run.diagnostics.filter { $0.severity == .error }
                if !errors.isEmpty { rendered.append(errors.map(renderer.render).joined(separator: "\n\n")) }
            } else {
                rendered.append(renderer.render(run.diagnostics))
            }
        }
        if !rendered.isEmpty { System.write(rendered.joined(separator: "\n\n") + "\n", to: 2) }
        if unreadable { return .failure(ExitCode(2)) }
        if runs.contains(where: { $0.diagnostics.hasErrors }) { return .failure(ExitCode(1)) }
        return .success(runs)
    }

    /// The date an option such as `--as-of` gives, or why it is not one:
    /// the wrong shape (`needs a date as YYYY-MM-DD`) or no such day.
    static func date(_ text: String, for option: String) -> Result<CalendarDate, FileError> {
        if let date = CalendarDate.parseISO(text) { return .success(date) }
        let bytes = Array(text.utf8)
        let digits = { (range: Range<Int>) in range.allSatisfy { bytes[$0] &- UInt8(ascii: "0") < 10 } }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              digits(0..<4), digits(5..<7), digits(8..<10) else {
            return .failure(FileError("\(option) needs a date as YYYY-MM-DD, not '\(Limits.clip(text))'"))
        }
        let number = { (range: Range<Int>) in range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        let (year, month) = (number(0..<4), number(5..<7))
        let why: String
        if year == 0 {
            why = "years run from 0001 to 9999"
        } else if !(1...12).contains(month) {
            why = "there is no month \(month)"
        } else if number(8..<10) == 0 {
            why = "days start at 01"
        } else {
            let days = CalendarDate.daysInMonth(year: year, month: month)
            why = "\(Month.fullNames[month - 1]) \(year) has \(days) days"
        }
        return .failure(FileError("\(option) \(text) is not a date: \(why)"))
    }

    struct ExitCode: Error {
        var code: Int32
        init(_ code: Int32) { self.code = code }
    }

    static func fail(_ message: String) -> Int32 {
        System.write("plancheck: \(message)\n", to: 2)
        return 2
    }
}

enum CheckCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "check")
        } catch {
            return CLI.usageError(error, command: Commands.named("check"))
        }
        let format = args.value("--format") ?? "text"
        guard ["text", "json", "sarif"].contains(format) else {
            return CLI.usageError(CLI.choiceProblem("--format", format, ["text", "json", "sarif"]))
        }
        var files = args.positional
        if args.flag("--affected") {
            guard !files.contains("-") else { return Input.fail("--affected takes changed files, not standard input") }
            files = Affected.roots(for: files)
            // Only data files no plan names changed: nothing to check.
            if files.isEmpty { return 0 }
        }
        guard !files.isEmpty else { return CLI.usageError(Arguments.Problem(message: "check needs at least one plan file"), command: Commands.named("check")) }
        let plans: [Input.Plan]
        switch Input.plans(files, stdinName: args.value("--stdin-filename")) {
        case .success(let read): plans = read
        case .failure(let failure): return Input.fail(failure.message)
        }

        let disk = DiskFiles()
        var runs: [Pipeline.CheckedPlan] = []
        // A `--data` file that cannot be read is unreadable input (exit 2),
        // as a named plan is; it is still reported at its path with the rest.
        var unreadable = args.values("--data").contains { System.unreadable(DataLoader.fileOnDisk($0)) != nil }
        for plan in plans {
            let run = Pipeline.check(path: plan.path, bytes: plan.bytes, files: disk, dataPaths: args.values("--data"),
                                     keepingSyntax: false)
            // The named file itself could not be read (an unreadable include is a finding).
            if run.loaded.planPaths.isEmpty {
                unreadable = true
            }
            runs.append(run)
        }
        runs = Input.sharingData(runs, model: \.model, diagnostics: \.diagnostics) { index, others in
            Pipeline.check(path: plans[index].path, bytes: plans[index].bytes, files: disk, dataPaths: args.values("--data"),
                           keepingSyntax: false, otherPlansIDs: others)
        }
        runs = Input.withoutIncludedParts(runs) { $0.loaded.planPaths }

        var errors = false
        var warnings = false
        var outputs: [String] = []
        var json: [JSON] = []
        var all: [Diagnostic] = []
        var withFindings = 0
        let strict = args.flag("--strict")
        let paths = format == "sarif" ? System.sarifPaths() : nil
        let helpURI = args.value("--help-uri")
        // A file several plans read (a shared book, a common include) is
        // reported once, with the first plan that reads it.
        var reported = Set<String>()
        for run in runs {
            errors = errors || run.diagnostics.hasErrors
            warnings = warnings || run.diagnostics.contains { $0.severity == .warning }
            let diagnostics = run.diagnostics.filter { d in
                let file = run.sources.files.indices.contains(d.location.file.index) ? run.sources.files[d.location.file.index].name : ""
                return reported.insert("\(Path.normalize(file))\u{0}\(d.location.span.start)\u{0}\(d.location.span.end)\u{0}\(d.code)\u{0}\(d.message)").inserted
            }
            let renderer = DiagnosticRenderer(sources: run.sources, color: System.useColor(2))
            switch format {
            case "json":
                if case .array(let items) = renderer.json(diagnostics) { json += items }
            case "sarif":
                json.append(renderer.sarif(diagnostics, toolVersion: version, paths: paths, helpURI: helpURI))
            default:
                // --quiet: only what fails the run (errors, and warnings under --strict), no counts.
                let shown = Settings.quiet
                    ? diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }
                    : diagnostics
                guard !shown.isEmpty else { continue }
                outputs.append(Settings.quiet ? shown.map(renderer.render).joined(separator: "\n\n")
                                              : renderer.render(shown))
                all += shown
                withFindings += 1
            }
        }
        switch format {
        case "json": System.write(JSON.array(json).render() + "\n", to: 1)
        case "sarif": System.write(mergeSarif(json).render() + "\n", to: 1)
        default:
            // Several plans: one total after each plan's own count.
            if runs.count > 1 && withFindings > 0 && !Settings.quiet {
                let renderer = DiagnosticRenderer(sources: SourceSet(), color: System.useColor(2))
                let noun = runs.count == 1 ? "plan" : "plans"
                outputs.append("total: " + renderer.summary(all) + " in \(withFindings) of \(runs.count) \(noun) checked")
            }
            if !outputs.isEmpty { System.write(outputs.joined(separator: "\n\n") + "\n", to: 2) }
        }
        System.keepUntilExit(runs)
        if unreadable { return 2 }
        return errors || (warnings && strict) ? 1 : 0
    }

    /// One SARIF log for several plans, with one run: GitHub's code scanning
    /// refuses a log with two runs of one tool in one category. The results
    /// follow each other plan by plan; the rules are those of every plan, each
    /// once, in the order first used, and each result's `ruleIndex` points
    /// into them.
    static func mergeSarif(_ logs: [JSON]) -> JSON {
        guard let first = logs.first, case .object(var log) = first,
              case .array(let firstRuns)? = first["runs"], case .object(var run)? = firstRuns.first else { return .object([]) }
        var rules: [JSON] = []
        var ruleIndex: [String: Int] = [:]
        var results: [JSON] = []
        for other in logs {
            guard case .array(let runs)? = other["runs"] else { continue }
            for each in runs {
                var local: [Int: Int] = [:]
                if case .array(let own)? = each["tool"]?["driver"]?["rules"] {
                    for (i, rule) in own.enumerated() {
                        guard case .string(let id)? = rule["id"] else { continue }
                        if ruleIndex[id] == nil {
                            ruleIndex[id] = rules.count
                            rules.append(rule)
                        }
                        local[i] = ruleIndex[id]
                    }
                }
                guard case .array(let own)? = each["results"] else { continue }
                for result in own {
                    guard case .object(var fields) = result else { continue }
                    if let at = fields.firstIndex(where: { $0.0 == "ruleIndex" }), case .int(let i) = fields[at].1, let merged = local[i] {
                        fields[at].1 = .int(merged)
                    }
                    results.append(.object(fields))
                }
            }
        }
        for (i, field) in run.enumerated() {
            switch field.0 {
            case "results": run[i].1 = .array(results)
            case "tool":
                if case .object(var tool) = field.1, let d = tool.firstIndex(where: { $0.0 == "driver" }),
                   case .object(var driver) = tool[d].1, let r = driver.firstIndex(where: { $0.0 == "rules" }) {
                    driver[r].1 = .array(rules)
                    tool[d].1 = .object(driver)
                    run[i].1 = .object(tool)
                }
            default: break
            }
        }
        if let index = log.firstIndex(where: { $0.0 == "runs" }) { log[index].1 = .array([.object(run)]) }
        return .object(log)
    }
}

enum ParseCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "parse")
        } catch {
            return CLI.usageError(error, command: Commands.named("parse"))
        }
        guard args.positional.count == 1 else { return CLI.usageError(Arguments.Problem(message: "parse takes one plan file"), command: Commands.named("parse")) }
        let path = args.positional[0]
        let bytes: [UInt8]
        if path == "-" {
            switch System.readStandardInput() {
            case .success(let read): bytes = read
            case .failure(let failure): return Input.fail("cannot read standard input: \(failure.message)")
            }
        } else {
            switch DiskFiles().read(path) {
            case .success(let read): bytes = read
            case .failure(let failure): return Input.fail("cannot read \(path): \(failure.message)")
            }
        }
        var sources = SourceSet()
        let source = SourceFile(name: path == "-" ? args.value("--stdin-filename") ?? "<stdin>" : path, bytes: bytes)
        let id = sources.add(source)
        let parsed = Parser.parse(source, file: id)
        System.write(ASTDump.dump(parsed.tree), to: 1)
        if !parsed.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(sources: sources, color: System.useColor(2))
            System.write(renderer.render(parsed.diagnostics.sortedAndDeduplicated()) + "\n", to: 2)
        }
        return parsed.diagnostics.hasErrors ? 1 : 0
    }
}

/// `plancheck explain [CODE]`: every code in a list, or one rule with an
/// example of the mistake, the findings the checker gives for it (run now,
/// so they are always current), and the fix.
enum ExplainCommand {
    static func run(_ raw: [String]) -> Int32 {
        let operands = raw.filter { !$0.hasPrefix("-") || $0 == "-" }
        // One code at most: a second word was a mistake, not ignored.
        if operands.count > 1 {
            return CLI.usageError(Arguments.Problem(message: "explain takes one diagnostic code, not \(operands.count)",
                                                    help: "plancheck explain \(operands[0])"), command: Commands.named("explain"))
        }
        if raw.contains("--markdown") {
            var codes = DiagnosticCode.allCases
            if let name = operands.first {
                guard let code = DiagnosticCode(rawValue: name.lowercased()) else { return unknown(name) }
                codes = [code]
            }
            System.write(markdown(codes), to: 1)
            return 0
        }
        if let name = operands.first {
            guard let code = DiagnosticCode(rawValue: name.lowercased()) else { return unknown(name) }
            System.write(page(code), to: 1)
            return 0
        }
        var lines = ""
        for code in DiagnosticCode.allCases {
            lines += code.rawValue.padding(26) + code.defaultSeverity.rawValue.padding(9) + code.summary + "\n"
        }
        System.write(lines, to: 1)
        return 0
    }

    static func unknown(_ name: String) -> Int32 {
        CLI.usageError(Arguments.Problem(
            message: "no diagnostic code \"\(name)\"",
            help: Suggest.closest(to: name, among: DiagnosticCode.allCases.map(\.rawValue))
                .map { "did you mean \"\($0)\"?" } ?? "plancheck explain lists every code"))
    }

    /// The pages as one Markdown document, a section per code (anchors are
    /// the codes), for docs/diagnostics.md and SARIF's helpUri.
    static func markdown(_ codes: [DiagnosticCode]) -> String {
        var out = "# plancheck diagnostics\n\n"
        out += "Generated by `plancheck explain --markdown` (`make completions`); do not edit. Each finding's code, "
            + "the rule, a plan that breaks it with what plancheck says, and the plan fixed.\n"
        for code in codes {
            out += "\n## \(code.rawValue)\n\n"
            out += "**\(code.defaultSeverity.rawValue)**: \(code.summary)\n\n"
            let explanation = code.explanation
            var findings: String?
            if let wrong = explanation.wrong {
                let run = Pipeline.check(path: DiagnosticCode.examplePlanName,
                                         files: MemoryFiles(explanation.wrongFiles.merging(
                                            [DiagnosticCode.examplePlanName: wrong]) { a, _ in a }))
                let shown = run.diagnostics.filter { $0.code == code }
                if !shown.isEmpty { findings = DiagnosticRenderer(sources: run.sources, color: false).render(shown) }
            }
            out += DiagnosticRenderer.helpMarkdown(code, findings: findings)
            out += "\n"
        }
        return out
    }

    static func page(_ code: DiagnosticCode) -> String {
        let explanation = code.explanation
        var out = "\(code.rawValue) (\(code.defaultSeverity.rawValue)): \(code.summary)\n\n"
        out += Help.wrap(explanation.rule, width: Help.width, indent: "").joined(separator: "\n") + "\n"
        if let wrong = explanation.wrong {
            out += "\nFor example, this plan:\n\n" + example(wrong, explanation.wrongFiles)
            let run = Pipeline.check(path: DiagnosticCode.examplePlanName,
                                     files: MemoryFiles(explanation.wrongFiles.merging(
                                        [DiagnosticCode.examplePlanName: wrong]) { a, _ in a }))
            let shown = run.diagnostics.filter { $0.code == code }
            if !shown.isEmpty {
                let text = DiagnosticRenderer(sources: run.sources, color: false).render(shown)
                out += "\ngives\n\n" + indent(text) + "\n"
            }
        }
        if let right = explanation.right {
            out += "\n" + (explanation.wrong == nil ? "A correct plan:" : "Fixed:") + "\n\n"
                + example(right, explanation.rightFiles)
        }
        return out
    }

    private static func example(_ plan: String, _ files: [String: String]) -> String {
        var out = indent(plan) + "\n"
        for name in files.keys.sorted() {
            out += "\nwith \(name):\n\n" + indent(files[name]!) + "\n"
        }
        return out
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
