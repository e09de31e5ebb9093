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

    /// Reads, checks and evaluates every named plan (a plan an earlier one
    /// includes is covered by it), and prints their diagnostics to standard
    /// error. Returns the runs, or the exit code when judgements must not be
    /// shown: 2 when a named plan or data file cannot be read, 1 on errors.
    static func evaluate(_ positional: [String], stdinName: String?, dataPaths: [String],
                         asOf: CalendarDate) -> Result<[Pipeline.EvaluatedPlan], ExitCode> {
        let disk = DiskFiles()
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
        var covered = Set<String>()
        var unreadable = false
        for plan in plans {
            if plan.bytes == nil && covered.contains(Path.normalize(plan.path)) { continue }
            let run = Pipeline.evaluate(path: plan.path, bytes: plan.bytes, files: disk, dataPaths: dataPaths, asOf: asOf)
            // The named file itself could not be read (an unreadable include is a finding).
            unreadable = unreadable || run.checked.loaded.planPaths.isEmpty
            covered.formUnion(run.checked.loaded.planPaths.map(Path.normalize))
            runs.append(run)
        }
        var rendered: [String] = []
        for run in runs where !run.diagnostics.isEmpty {
            rendered.append(DiagnosticRenderer(sources: run.sources, color: System.useColor(2)).render(run.diagnostics))
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
            args = try Arguments(raw, flagNames: ["--strict"],
                                 optionNames: ["--format", "--stdin-filename", "--data"])
        } catch {
            return Input.fail(error.message)
        }
        let format = args.value("--format") ?? "text"
        guard ["text", "json", "sarif"].contains(format) else {
            return Input.fail("--format must be text, json or sarif, not '\(format)'")
        }
        guard !args.positional.isEmpty else { return Input.fail("check needs at least one plan file") }
        let plans: [Input.Plan]
        switch Input.plans(args.positional, stdinName: args.value("--stdin-filename")) {
        case .success(let read): plans = read
        case .failure(let failure): return Input.fail(failure.message)
        }

        let disk = DiskFiles()
        var runs: [Pipeline.CheckedPlan] = []
        var unreadable = false
        for plan in plans {
            let run = Pipeline.check(path: plan.path, bytes: plan.bytes, files: disk, dataPaths: args.values("--data"))
            // The named file itself could not be read (an unreadable include is a finding).
            if run.loaded.planPaths.isEmpty {
                unreadable = true
            }
            runs.append(run)
        }
        // A plan that an earlier named plan includes was checked as part of it.
        var covered = Set<String>()
        runs = runs.filter { run in
            let root = Path.normalize(run.loaded.planPaths.first ?? "")
            guard !covered.contains(root) else { return false }
            covered.formUnion(run.loaded.planPaths.map(Path.normalize))
            return true
        }

        var errors = false
        var warnings = false
        var outputs: [String] = []
        var json: [JSON] = []
        for run in runs {
            errors = errors || run.diagnostics.hasErrors
            warnings = warnings || run.diagnostics.contains { $0.severity == .warning }
            let renderer = DiagnosticRenderer(sources: run.sources, color: System.useColor(2))
            switch format {
            case "json":
                if case .array(let items) = renderer.json(run.diagnostics) { json += items }
            case "sarif":
                json.append(renderer.sarif(run.diagnostics, toolVersion: version))
            default:
                if !run.diagnostics.isEmpty { outputs.append(renderer.render(run.diagnostics)) }
            }
        }
        switch format {
        case "json": System.write(JSON.array(json).render() + "\n", to: 1)
        case "sarif": System.write(mergeSarif(json).render() + "\n", to: 1)
        default: if !outputs.isEmpty { System.write(outputs.joined(separator: "\n\n") + "\n", to: 2) }
        }
        System.keepUntilExit(runs)
        if unreadable { return 2 }
        return errors || (warnings && args.flag("--strict")) ? 1 : 0
    }

    /// One SARIF log for several plans: the runs side by side.
    static func mergeSarif(_ logs: [JSON]) -> JSON {
        guard let first = logs.first, case .object(var fields) = first else { return .object([]) }
        var runs: [JSON] = []
        for log in logs { if case .array(let r)? = log["runs"] { runs += r } }
        if let index = fields.firstIndex(where: { $0.0 == "runs" }) { fields[index].1 = .array(runs) }
        return .object(fields)
    }
}

enum ParseCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, flagNames: ["--dump"], optionNames: ["--stdin-filename"])
        } catch {
            return Input.fail(error.message)
        }
        guard args.positional.count == 1 else { return Input.fail("parse takes one plan file") }
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

enum ExplainCommand {
    static func run(_ raw: [String]) -> Int32 {
        if let name = raw.first {
            guard let code = DiagnosticCode(rawValue: name) else { return Input.fail("no diagnostic code '\(name)'") }
            System.write("\(code.rawValue) (\(code.defaultSeverity.rawValue)): \(code.summary)\n", to: 1)
            return 0
        }
        var lines = ""
        for code in DiagnosticCode.allCases {
            lines += code.rawValue.padding(26) + code.defaultSeverity.rawValue.padding(9) + code.summary + "\n"
        }
        System.write(lines, to: 1)
        return 0
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
