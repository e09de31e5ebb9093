import PlanCheck
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// plancheck-bench: the speed figures in the README, from a release build.
//
//     make bench                                      # every case, with the goals
//     swift run -c release plancheck-bench            # every case (builds no plancheck: `process` skips)
//     swift run -c release plancheck-bench parse eval # some of them
//     swift run -c release plancheck-bench --list
//     plancheck-bench --write DIR                     # the 12 MB plan, its ledger journal, the eval inputs
//     swift run plancheck-bench --quick              # 1/100 of the sizes, to try a change
//
// Inputs are generated in memory from a fixed seed, so every run measures the
// same bytes. Each figure is the best of `runs` timings (CPU time), and
// each is set against a baseline measured in the same run on the same machine
// (a newline scan over the same bytes, a sort of a million doubles), because
// an absolute MB/s means little without knowing the machine.

/// One benchmark case. To add one (a `report` case, say), append it to
/// `cases` below; `plancheck-bench NAME` then runs it alone. Inputs are
/// shared through `Inputs`, generated on first use.
struct BenchCase {
    var name: String
    var summary: String
    var run: (Bench) -> Void
}

let cases: [BenchCase] = [
    BenchCase(name: "parse", summary: "lex, and lex + parse, a ~10 MB plan", run: { $0.parse() }),
    BenchCase(name: "check", summary: "resolve + check that plan", run: { $0.check() }),
    BenchCase(name: "eval", summary: "load 1,000,000 observations for 10,000 measures, then evaluate",
              run: { $0.evaluate() }),
    BenchCase(name: "report", summary: "plancheck report (HTML and Markdown) of 2,000 measures with five years of monthly data",
              run: { $0.report() }),
    BenchCase(name: "lsp", summary: "plancheck lsp: re-check latency of a 100,000-line plan per keystroke, and a burst",
              run: { $0.languageServer() }),
    BenchCase(name: "workbook", summary: "read a 100,000-row .xlsx performance book, as a ratio to the same rows as CSV",
              run: { $0.workbook() }),
    BenchCase(name: "writers", summary: "every output writer at two sizes ten times apart: the growth should be near 10×",
              run: { $0.writers() }),
    BenchCase(name: "process", summary: "whole-process plancheck against ledger and a hello world: check, eval, memory, start-up",
              run: { $0.process() }),
]

// MARK: - Timing

/// Best of `runs` timings of `body`, and its last result (print something
/// from it, so the optimiser cannot drop the work). The time is the thread's
/// CPU time, not wall time: the machine is shared, and a busy neighbour
/// stretches wall time (long cases more than short ones) but not CPU time.
func best<T>(_ runs: Int, _ body: () -> T) -> (seconds: Double, result: T) {
    var fastest = Double.infinity
    var result: T?
    for _ in 0..<max(1, runs) {
        let start = cpuTime()
        let value = body()
        fastest = min(fastest, cpuTime() - start)
        result = value
    }
    return (fastest, result!)
}

/// CPU seconds used by this thread.
func cpuTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func seconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) + Double(atto) * 1e-18
}

// MARK: - Formatting (no Foundation)

/// `x` with `digits` decimals: fixed(3.14159, 2) == "3.14".
func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    var text = grouped(whole)
    if digits > 0 {
        var f = String(fraction)
        while f.count < digits { f = "0" + f }
        text += "." + f
    }
    return x < 0 ? "-" + text : text
}

/// 1234567 -> "1,234,567".
func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out: [Character] = []
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return String(out)
}

/// Milliseconds with sensible precision.
func ms(_ s: Double) -> String {
    let m = s * 1000
    return (m < 10 ? fixed(m, 2) : m < 100 ? fixed(m, 1) : fixed(m, 0)) + " ms"
}

func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_000_000 }

func rate(_ bytes: Int, _ s: Double) -> String {
    let r = megabytes(bytes) / s
    return (r < 100 ? fixed(r, 1) : fixed(r, 0)) + " MB/s"
}

func times(_ ratio: Double) -> String {
    (ratio < 10 ? fixed(ratio, 1) : fixed(ratio, 0)) + "×"
}

/// "13× slower than a newline scan", "2.2× faster than ...": `s` against `baseline`.
func compared(_ s: Double, to baseline: Double, _ what: String) -> String {
    s >= baseline ? "\(times(s / baseline)) slower than \(what)" : "\(times(baseline / s)) faster than \(what)"
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

// MARK: - Deterministic inputs

/// SplitMix64: small, fast and the same on every platform.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// The plans and the CSV, written the way analysts write them.
enum Generate {
    static let leads = ["Fiona Van Den Hout", "Rebecca Wilshire", "Cathy Smith", "Paul Evans", "Elaine Petch",
                        "Claire Betteridge"]
    static let boards = ["EG", "IB"]
    static let months = ["May", "June", "July", "August", "September", "October", "November", "December",
                         "January", "February", "March"]

    static func header(_ out: inout String) {
        out += """
            # Generated for plancheck-bench: a plan shaped like the bundled examples, many times over.
            plan "Ofsted Recommendations - evidence to support sign off (benchmark)"
              authority "Benchmark Borough Council"
              period April 2013 to March 2014

            workstream EFD "Early help and front door"
            workstream QOP "Quality of practice"
            workstream PCS "Partnerships, commissioning and safeguarding"

            comparator sn "Statistical neighbour average"
              tolerance 5%
            comparator eng "England average"
              tolerance 2 points


            """
        for lead in leads { out += "lead \"\(lead)\"\n  role \"Head of Service\"\n\n" }
    }

    /// A plan of about `targetBytes`: recommendations, each with ten measures
    /// and actions using every target form (trajectories, comparators,
    /// relative targets with baselines, rates, `done`, `ongoing`, sign-offs).
    static func largePlan(targetBytes: Int) -> (text: String, measures: Int, actions: Int) {
        var random = Random(state: 2013)
        var out = ""
        out.reserveCapacity(targetBytes + 4096)
        header(&out)
        var measures = 0
        var actions = 0
        var section = 0
        while out.utf8.count < targetBytes {
            section += 1
            out += "recommendation R\(section) \"Ensure that all contacts and referrals which indicate potential child protection concerns are appropriately progressed in a timely way (\(section))\"\n\n"
            for k in 1...10 {
                let id = "\(section).\(k)"
                if k % 5 == 0 {
                    actions += 1
                    action(id: id, &out, &random)
                } else {
                    measures += 1
                    measure(id: id, form: random.below(10), &out, &random)
                }
                out += "\n"
            }
        }
        return (out, measures, actions)
    }

    static func month(_ random: inout Random) -> String { months[random.below(months.count)] }

    static func measure(id: String, form: Int, _ out: inout String, _ random: inout Random) {
        let workstream = ["EFD", "QOP", "PCS"][random.below(3)]
        let deadline = month(&random)
        let low = 60 + random.below(20)
        switch form {
        case 0:
            out += """
                measure \(id) "% of children seen within 10 working days of referral"
                  workstream \(workstream)
                  evidence measure "Performance book"
                  polarity higher
                  target >= \(low)% by December 2013, >= \(low + 5)% by March 2014
                  tolerance 2 points
                  signoff EG by \(deadline), IB by March 2014
                  key

                """
        case 1:
            out += """
                measure \(id) "% of referrals which are repeat referrals within 12 months"
                  workstream \(workstream)
                  evidence measure "Performance book"
                  polarity lower
                  target no more than \(10 + random.below(15))% by \(deadline)
                  signoff EG by \(deadline), IB by \(deadline)
                  note "Repeat referrals to be no more than the statistical neighbour average, sustained"

                """
        case 2:
            out += """
                measure \(id) "Number of agency social workers in post"
                  workstream \(workstream)
                  evidence report "Workforce report"
                  polarity lower
                  baseline \(40 + random.below(40)) at April 2013
                  target decrease by 30% by 31.03.14

                """
        case 3:
            out += """
                measure \(id) "Rate of CAFs per 10,000 population aged 0-17"
                  workstream \(workstream)
                  evidence measure "CAF database"
                  polarity higher
                  target >= \(50 + random.below(40)) per 10,000 by \(deadline)

                """
        case 4:
            out += """
                measure \(id) "Number of referrals received in the month"
                  workstream \(workstream)
                  evidence measure "Performance book"
                  target in line with sn by Q4 2013/14
                  note "In line with statistical neighbours"

                """
        case 5:
            out += """
                measure \(id) "% of child protection conferences held within 15 working days of the strategy discussion"
                  workstream \(workstream)
                  evidence audit "Quality assurance audit"
                  polarity higher
                  target within 2 points of eng by \(deadline)

                """
        case 6:
            out += """
                measure \(id) "% of case files meeting the practice standard for the voice of the child"
                  workstream \(workstream)
                  evidence audit "Case file audit"
                  polarity higher
                  target from \(low)% to \(low + 15)% by March 2014

                """
        case 7:
            out += """
                measure \(id) "% of children subject to a child protection plan for a second or subsequent time"
                  workstream \(workstream)
                  evidence measure "Performance book"
                  polarity higher
                  baseline \(low - 10)% at April 2013
                  target increase by 10 points by \(deadline) sustained 3 months
                  officer "Performance and Quality Assurance Officer"

                """
        case 8:
            out += """
                measure \(id) "% agency consultations to the front door received by telephone"
                  workstream \(workstream)
                  evidence engagement "Partner survey"
                  polarity higher
                  target >= \(low)% ongoing

                """
        default:
            out += """
                measure \(id) "Joint Strategic Needs Assessment incorporates a safeguarding needs analysis"
                  workstream \(workstream)
                  evidence document "Joint Strategic Needs Assessment"
                  target done by \(deadline)
                  signoff IB by \(deadline)

                """
        }
    }

    static func action(id: String, _ out: inout String, _ random: inout Random) {
        let first = leads[random.below(leads.count)]
        let second = leads[random.below(leads.count)]
        out += """
            action \(id) "Develop a Multi-agency Safeguarding Hub (MASH) so that core agencies take part in strategy discussions"
              lead "\(first)", "\(second)"
              due \(month(&random))
              progress 2013-06-\(10 + random.below(18)) "Training delivered to 60% of identified staff"

            """
        if random.below(2) == 0 { out += "  done 2013-05-\(10 + random.below(18))\n" }
    }

    /// A plan of `count` measures and a long-form CSV of `perMeasure`
    /// observations each: weekly readings with a trend and noise, and for
    /// comparator measures half the rows in the `sn` series.
    static func evaluationInputs(count: Int, perMeasure: Int) -> (plan: String, csv: String, rows: Int) {
        var random = Random(state: 31_03_2014)
        var plan = ""
        header(&plan)
        var csv = "measure,date,value,series\n"
        csv.reserveCapacity(count * perMeasure * 26)
        let first = CalendarDate(year: 2012, month: 4, day: 1)!
        let dates = (0..<perMeasure).map { first.addingDays(7 * $0).iso }
        var rows = 0
        for n in 1...count {
            if n % 10 == 1 {
                plan += "recommendation R\(n / 10 + 1) \"Recommendation \(n / 10 + 1)\"\n\n"
            }
            let id = "m\(n)"
            let form = random.below(5)
            let start = 50 + random.unit() * 30
            let slope = (random.unit() - 0.3) * 0.4
            switch form {
            case 0:
                plan += "measure \(id) \"% of children seen within 10 working days\"\n  polarity higher\n"
                    + "  target >= 70% by December 2013, >= 75% by March 2014\n  tolerance 2 points\n\n"
            case 1:
                plan += "measure \(id) \"% of repeat referrals\"\n  polarity lower\n  target <= 60% by September\n\n"
            case 2:
                plan += "measure \(id) \"% of assessments completed within 45 days\"\n  polarity higher\n"
                    + "  baseline 55% at April 2013\n  target increase by 10 points by January sustained 3 months\n\n"
            case 3:
                plan += "measure \(id) \"% of plans reviewed on time\"\n  target in line with sn by Q4 2013/14\n\n"
            default:
                plan += "measure \(id) \"% of agency consultations by telephone\"\n  target >= 65% ongoing\n\n"
            }
            if form == 3 {
                // Half the readings are the comparator's, on the same dates.
                for i in 0..<(perMeasure / 2) {
                    let value = min(100, max(0, start + slope * Double(i) + random.unit() * 4 - 2))
                    csv += "\(id),\(dates[i]),\(fixed(value, 1))%,\n"
                    csv += "\(id),\(dates[i]),\(fixed(min(100, value + random.unit() * 6 - 3), 1))%,sn\n"
                    rows += 2
                }
            } else {
                for i in 0..<perMeasure {
                    let value = min(100, max(0, start + slope * Double(i) + random.unit() * 4 - 2))
                    csv += "\(id),\(dates[i]),\(fixed(value, 1))%,\n"
                    rows += 1
                }
            }
        }
        return (plan, csv, rows)
    }
}

// MARK: - Cases

/// Runs the cases, generating each input once and sharing it.
final class Bench {
    let runs: Int
    /// 1 for the published figures; `--quick` divides the input sizes by 100.
    let divisor: Int
    init(runs: Int, divisor: Int) {
        self.runs = runs
        self.divisor = divisor
    }

    // Inputs, generated on first use.
    private var largePlanCache: (bytes: [UInt8], measures: Int, actions: Int)?
    var largePlan: (bytes: [UInt8], measures: Int, actions: Int) {
        if let largePlanCache { return largePlanCache }
        let made = Generate.largePlan(targetBytes: 10_000_000 / divisor)
        let value = (Array(made.text.utf8), made.measures, made.actions)
        largePlanCache = value
        return value
    }

    private var newlineBaselineCache: Double?
    /// Seconds to count the newlines of the large plan: the floor for any pass over its bytes.
    var newlineScan: Double {
        if let newlineBaselineCache { return newlineBaselineCache }
        let bytes = largePlan.bytes
        let (s, lines) = best(runs) { countNewlines(bytes) }
        print("baseline: newline scan of \(fixed(megabytes(bytes.count), 1)) MB (\(grouped(lines)) lines): \(ms(s)), \(rate(bytes.count, s))")
        newlineBaselineCache = s
        return s
    }

    private var sortBaselineCache: Double?
    /// Seconds to sort a million doubles with `Array.sort()`.
    var sortMillion: Double {
        if let sortBaselineCache { return sortBaselineCache }
        var random = Random(state: 42)
        let doubles = (0..<1_000_000).map { _ in random.unit() }
        var fastest = Double.infinity
        var check = 0.0
        for _ in 0..<max(1, runs) {
            var copy = doubles
            let start = cpuTime()
            copy.sort()
            fastest = min(fastest, cpuTime() - start)
            check = copy[500_000]
        }
        print("baseline: Array.sort() of 1,000,000 doubles: \(ms(fastest)) (median \(fixed(check, 3)))")
        sortBaselineCache = fastest
        return fastest
    }

    func parse() {
        let plan = largePlan
        let bytes = plan.bytes
        print("input: generated plan, \(fixed(megabytes(bytes.count), 1)) MB, \(grouped(plan.measures)) measures, \(grouped(plan.actions)) actions")
        let scan = newlineScan
        let (lexTime, tokens) = best(runs) { () -> Int in
            let source = SourceFile(name: "bench.plan", bytes: bytes)
            return Lexer.lex(source, file: FileID(0)).tokens.count
        }
        print("lex: \(rate(bytes.count, lexTime)) (\(ms(lexTime)), \(grouped(tokens)) tokens; \(compared(lexTime, to: scan, "a newline scan")) at \(rate(bytes.count, scan)))")
        let (parseTime, parsed) = best(runs) { () -> (entries: Int, diagnostics: Int) in
            let source = SourceFile(name: "bench.plan", bytes: bytes)
            let output = Parser.parse(source, file: FileID(0))
            return (output.tree.entries.count, output.diagnostics.count)
        }
        print("parse: \(rate(bytes.count, parseTime)) (\(ms(parseTime)) to lex and parse \(grouped(parsed.entries)) entries, \(parsed.diagnostics) syntax errors; \(compared(parseTime, to: scan, "a newline scan")) at \(rate(bytes.count, scan)))")
    }

    func check() {
        let bytes = largePlan.bytes
        let scan = newlineScan
        let loaded = Loader.load(path: "bench.plan", bytes: bytes, files: MemoryFiles(bytes: [:]))
        let (s, result) = best(runs) { () -> (errors: Int, warnings: Int) in
            let resolved = Resolver.resolve(loaded)
            let diagnostics = resolved.diagnostics + Checker.check(loaded, resolved.model)
            return (diagnostics.count { $0.severity == .error }, diagnostics.count { $0.severity == .warning })
        }
        print("check: \(ms(s)) to resolve and check \(grouped(loaded.entries.count)) entries (\(result.errors) errors, \(result.warnings) warnings), \(rate(bytes.count, s)) of plan; \(compared(s, to: scan, "a newline scan"))")
        if result.errors > 0 { showSomeDiagnostics(loaded) }
        let files = MemoryFiles(bytes: [:])
        // As `plancheck check` runs it: each entry checked and resolved as it
        // is read, the syntax let go.
        let (all, items) = best(runs) { () -> Int in
            let run = Pipeline.check(path: "bench.plan", bytes: bytes, files: files, keepingSyntax: false)
            return run.model.items.count + run.diagnostics.count
        }
        print("parse + resolve + check: \(ms(all)), \(rate(bytes.count, all)) (\(grouped(items)) items and diagnostics, the syntax let go as read, as `plancheck check` does); \(compared(all, to: scan, "a newline scan"))")
        let (kept, _) = best(runs) { () -> Int in
            Pipeline.check(path: "bench.plan", bytes: bytes, files: files).model.items.count
        }
        print("  the same keeping the syntax tree (as the language server does): \(ms(kept)), \(rate(bytes.count, kept))")
        goals.append(Goal(name: "parse + resolve + check, in process", figure: rate(bytes.count, all),
                          baseline: "newline scan \(rate(bytes.count, scan))", target: ">= 250 MB/s",
                          met: megabytes(bytes.count) / all >= 250))
    }

    func evaluate() {
        let measures = 10_000 / divisor
        let made = Generate.evaluationInputs(count: measures, perMeasure: 100)
        let planBytes = Array(made.plan.utf8)
        let csvBytes = Array(made.csv.utf8)
        print("input: plan of \(grouped(measures)) measures (\(fixed(megabytes(planBytes.count), 1)) MB), CSV of \(grouped(made.rows)) observations (\(fixed(megabytes(csvBytes.count), 1)) MB)")
        let files = MemoryFiles(bytes: ["bench.plan": planBytes, "bench.csv": csvBytes])
        let asOf = CalendarDate(year: 2013, month: 10, day: 31)!
        let sort = sortMillion

        // Pipeline.evaluate is Pipeline.check (load: plan and CSV) then
        // Evaluator.evaluate; the two halves are timed apart.
        let (loadTime, checked) = best(runs) {
            Pipeline.check(path: "bench.plan", files: files, dataPaths: ["bench.csv"])
        }
        let observations = checked.data.items.reduce(0) {
            $0 + $1.actual.count + $1.baseline.count + $1.comparators.values.reduce(0) { $0 + $1.count }
        }
        let errors = checked.diagnostics.count { $0.severity == .error }
        let warnings = checked.diagnostics.count { $0.severity == .warning }
        var csvSources = SourceSet()
        // The goal's figure and its baseline: short runs, best of at least
        // seven, so a neighbour's burst on the shared machine does not decide it.
        let goalRuns = max(runs, 7)
        let (csvTime, _) = best(goalRuns) { () -> Int in
            csvSources = SourceSet()
            return DataLoader.load(files: [DataLoader.FileRequest(path: "bench.csv")], provider: files,
                                   model: checked.model, sources: &csvSources).data.items.count
        }
        let (csvScan, csvLines) = best(goalRuns) { countNewlines(csvBytes) }
        print("baseline: newline scan of the CSV (\(grouped(csvLines)) lines): \(ms(csvScan)), \(rate(csvBytes.count, csvScan))")
        // The CSV syntax alone: records and fields found, nothing read from them.
        let (recordScan, records) = best(runs) { () -> Int in
            var records = 0
            _ = CSVReader(bytes: csvBytes, file: FileID(0)).forEachRecord { records += $0.fields.count > 0 ? 1 : 0 }
            return records
        }
        print("CSV syntax alone: \(ms(recordScan)), \(rate(csvBytes.count, recordScan)) (\(grouped(records)) records; the rest of the load reads their cells)")
        goals.append(Goal(name: "CSV read and checked, in process", figure: rate(csvBytes.count, csvTime),
                          baseline: "newline scan \(rate(csvBytes.count, csvScan))", target: ">= 300 MB/s",
                          met: megabytes(csvBytes.count) / csvTime >= 300))
        print("eval load: \(ms(loadTime)) for Pipeline.check of plan + CSV (\(grouped(observations)) observations kept, \(errors) errors, \(warnings) warnings); CSV alone \(ms(csvTime)), \(rate(csvBytes.count, csvTime)) (best of \(goalRuns)); \(compared(csvTime, to: sort, "sorting 1M doubles"))")
        if errors > 0 {
            let renderer = DiagnosticRenderer(sources: checked.sources, color: false)
            print(renderer.render(Array(checked.diagnostics.filter { $0.severity == .error }.prefix(3))))
        }
        let (evalTime, evaluation) = best(runs) {
            Evaluator.evaluate(checked.model, data: checked.data, asOf: asOf)
        }
        let summary = evaluation.summary.filter { $0.1 > 0 }.map { "\(grouped($0.1)) \($0.0.rawValue)" }
            .joined(separator: ", ")
        print("eval: \(ms(evalTime)) to judge \(grouped(measures)) measures against \(grouped(observations)) observations as of \(asOf.iso): \(grouped(evaluation.judgements.count)) judgements (\(summary)); \(compared(evalTime, to: sort, "sorting 1M doubles (\(ms(sort)))"))")
        print("eval total: \(ms(loadTime + evalTime)) (load + evaluate)")
    }

    func showSomeDiagnostics(_ loaded: LoadedPlan) {
        let resolved = Resolver.resolve(loaded)
        let diagnostics = (resolved.diagnostics + Checker.check(loaded, resolved.model)).filter { $0.severity == .error }
        let renderer = DiagnosticRenderer(sources: loaded.sources, color: false)
        print(renderer.render(Array(diagnostics.prefix(3))))
    }
}

func countNewlines(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
        var count = 0
        for byte in buffer where byte == UInt8(ascii: "\n") { count += 1 }
        return count
    }
}

// MARK: - Main

var selected: [String] = []
var runs = 3
var divisor = 1
var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--child" { Child.serve(Array(arguments.dropFirst())) }
while let argument = arguments.popFirst() {
    switch argument {
    case "--list":
        for c in cases { print("\(pad(c.name, 8)) \(c.summary)") }
        exit(0)
    case "--write":
        // The ledger comparison's inputs, for scripts/compare-ledger.sh.
        guard let dir = arguments.popFirst() else {
            print("plancheck-bench: --write needs a directory")
            exit(2)
        }
        let made = Generate.largePlan(targetBytes: 12_000_000 / divisor)
        let plan = Array(made.text.utf8)
        writeFile(dir + "/bench12.plan", plan)
        writeFile(dir + "/bench12.journal", Array(Generate.journal(entries: made.measures + made.actions,
                                                                   targetBytes: plan.count).utf8))
        let eval = Generate.evaluationInputs(count: 10_000 / divisor, perMeasure: 100)
        writeFile(dir + "/eval.plan", Array(eval.plan.utf8))
        writeFile(dir + "/eval.csv", Array(eval.csv.utf8))
        writeFile(dir + "/small.plan", Array(Generate.largePlan(targetBytes: 2_000).text.utf8))
        print("wrote \(dir)/bench12.plan and \(dir)/bench12.journal (\(grouped(made.measures + made.actions)) entries each), eval.plan and eval.csv (\(grouped(eval.rows)) observations), and small.plan (the start-up case's)")
        exit(0)
    case "--quick":
        divisor = 100
    case "--runs":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
            print("plancheck-bench: --runs needs a positive number")
            exit(2)
        }
        runs = value
    default:
        guard cases.contains(where: { $0.name == argument }) else {
            print("plancheck-bench: no case named '\(argument)'; cases: \(cases.map(\.name).joined(separator: ", "))")
            exit(2)
        }
        selected.append(argument)
    }
}

#if DEBUG
print("warning: a debug build; the figures mean little. Use `swift run -c release plancheck-bench`.")
#endif
print("plancheck-bench: best of \(runs) runs each, CPU time (user + system for whole processes); inputs generated in memory from a fixed seed")
let bench = Bench(runs: runs, divisor: divisor)
for c in cases where selected.isEmpty || selected.contains(c.name) {
    print("")
    print("== \(c.name): \(c.summary)")
    c.run(bench)
}
if divisor > 1 && !goals.isEmpty {
    print("")
    print("(--quick: inputs are 1/\(divisor) of the sizes the goals name, so the verdicts below mean little)")
}
printGoals()
