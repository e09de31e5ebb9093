// The fuzz targets, one per entry point of plancheck. Each states its
// invariant in one sentence at its top; a broken invariant is a crash.
//
// Compiled into the same module as the library's sources (see main.swift), so
// they call the library exactly as the CLI does: `Pipeline.check`,
// `Pipeline.evaluate`, the writers and `Formatter.format`.

enum FuzzTargets {
    struct Target {
        var name: String
        var invariant: String
    }

    static let all: [Target] = [
        Target(name: "check", invariant: "any bytes as a plan are checked and rendered as text, JSON and SARIF without a crash, every span lies inside its file, no message quotes more than Limits.longestQuote characters of one run, and the plan read as a stream (the command line's way) and read in pieces of one token finds what it finds read whole"),
        Target(name: "csv", invariant: "any bytes as a plan's performance book are read and evaluated without a crash, the data never changes which targets are judged, only how, and the book reads the same with every cell quoted"),
        Target(name: "eval", invariant: "a plan and a CSV (split at the first NUL byte) evaluated twice give byte-identical output in every format, report pages included"),
        Target(name: "fmt", invariant: "fmt's output parses without errors, means the same (equal syntax-tree dumps) and formats to itself"),
        Target(name: "xlsx", invariant: "any bytes as a plan's .xlsx workbook are read and evaluated without a crash, every span lies inside its file, and the data never changes which targets are judged"),
        Target(name: "lsp", invariant: "any bytes received by the language server are split into messages without a trap: every step consumes at least one byte and no more than it was given, and every body is parsed as JSON or refused"),
        Target(name: "import", invariant: "any bytes as a plan table are imported or refused with a reason, without a crash; an import is the same twice over, and what it writes parses with no syntax error"),
    ]

    /// Calls `body` with the input as an array; libFuzzer's return value is always 0.
    static func run(_ body: ([UInt8]) -> Void, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        body(bytes)
        return 0
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: " + message()) }
    }

    // MARK: check

    /// Invariant: any bytes as a plan are checked and rendered as text, JSON
    /// and SARIF without a crash, every span lies inside its file, no
    /// message quotes more than `Limits.longestQuote` characters of one run,
    /// and the plan read as a stream (the command line's way) and read in
    /// pieces of one token finds what it finds read whole.
    static func check(_ bytes: [UInt8]) {
        // The plan may include "other.plan" and name "book.csv": give it both.
        let files = MemoryFiles(bytes: ["other.plan": Array("measure m9 \"x\"\n  target >= 5 by March 2014\n".utf8),
                                        "book.csv": Array("measure,date,value\nm9,2013-09,4\n".utf8)])
        let run = Pipeline.check(path: "fuzz.plan", bytes: bytes, files: files, dataPaths: ["book.csv"])
        let streamed = Pipeline.check(path: "fuzz.plan", bytes: bytes, files: files, dataPaths: ["book.csv"],
                                      keepingSyntax: false)
        require(streamed.diagnostics == run.diagnostics, "the plan read as a stream finds something else")
        let source = SourceFile(name: "fuzz.plan", bytes: bytes)
        let whole = Parser.parse(source, file: FileID(0))
        let pieces = Parser.parse(source, file: FileID(0), keepingTokens: false, piece: 1)
        require(pieces.diagnostics == whole.diagnostics && pieces.tree.comments == whole.tree.comments
                && ASTDump.dump(pieces.tree) == ASTDump.dump(whole.tree), "the plan read in pieces reads otherwise")
        let renderer = DiagnosticRenderer(sources: run.sources, color: false)
        let text = renderer.render(run.diagnostics)
        require(run.diagnostics.isEmpty == text.isEmpty, "text output empty for diagnostics, or not for none")
        _ = DiagnosticRenderer(sources: run.sources, color: true).render(run.diagnostics)
        _ = renderer.json(run.diagnostics).render()
        _ = renderer.sarif(run.diagnostics, toolVersion: "fuzz").render(pretty: false)
        require(run.diagnostics.count <= Limits.diagnostics + 1, "more than the cap of diagnostics")
        for d in run.diagnostics {
            let file = run.sources[d.location.file]
            let span = d.location.span
            require(span.start >= 0 && span.start <= span.end && span.end <= file.bytes.count,
                    "span \(span) outside \(file.name) (\(file.bytes.count) bytes): \(d.message)")
            for text in [d.message] + d.notes + (d.help.map { [$0] } ?? []) {
                require(longestRun(text) <= Limits.longestQuote + 4, "a message quotes a run of \(longestRun(text)) characters")
            }
        }
    }

    static func longestRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" { run = 0 } else { run += 1 }
            longest = max(longest, run)
        }
        return longest
    }

    // MARK: csv

    /// A plan with a measure of every unit, a comparator, a baseline and an action.
    static let fixedPlan = Array("""
        plan "Fuzz"
          period April 2013 to March 2014
        comparator sn "Statistical neighbours"
          tolerance 5%
        recommendation A1 "One"
        measure 1.1 "Percent"
          target >= 80% by December 2013, >= 85% by March 2014
        measure 1.2 "Count"
          baseline 60 at April 2013
          target decrease by 30% by March 2014
        measure 1.3 "Rate"
          target in line with sn by Q4 2013/14
        measure 1.4 "Rate per"
          target <= 75 per 10,000 ongoing
        measure 1.5 "Days"
          target <= 20 days by September
          sustained 3 months
        action 2.1 "Do it"
          due within 6 months
        """.utf8)

    /// The as-of date the `csv` and `xlsx` targets judge the fixed plan at.
    static let fixedAsOf = CalendarDate(year: 2013, month: 10, day: 31)!

    /// Which targets an evaluation judged: item, target and milestone.
    static func judged(_ e: Evaluation) -> [String] {
        e.judgements.map { "\($0.item)/\($0.target)/\($0.milestone)" }
    }

    /// The fixed plan judged with no data, once: what any data must leave unchanged.
    static let judgedWithoutData: [String] = judged(Pipeline.evaluate(
        path: "plan.plan", files: MemoryFiles(bytes: ["plan.plan": fixedPlan]), dataPaths: [], asOf: fixedAsOf).evaluation)

    /// Invariant: any bytes as a plan's performance book are read and
    /// evaluated without a crash, the data never changes which targets are
    /// judged, only how, and the book with every cell quoted gives the same
    /// (`DataDump`): the reader of plain rows reads them as the general one.
    static func csv(_ bytes: [UInt8]) {
        let files = MemoryFiles(bytes: ["plan.plan": fixedPlan, "book.csv": bytes])
        let with = Pipeline.evaluate(path: "plan.plan", files: files, dataPaths: ["book.csv"], asOf: fixedAsOf)
        require(judged(with.evaluation) == judgedWithoutData, "the data changed which targets are judged")
        _ = renderJudgements(with)
        // Plain rows are read by a fast reader, quoted cells only by the
        // general one: the book with every cell quoted must give the same.
        if let quoted = DataDump.quotingEveryCell(bytes) {
            let general = Pipeline.evaluate(path: "plan.plan", files: MemoryFiles(bytes: ["plan.plan": fixedPlan, "book.csv": quoted]),
                                            dataPaths: ["book.csv"], asOf: fixedAsOf)
            require(DataDump.dump(with) == DataDump.dump(general), "the book with every cell quoted reads differently")
        }
    }

    // MARK: xlsx

    /// Invariant: any bytes as a plan's .xlsx workbook are read and evaluated
    /// without a crash, every span lies inside its file, and the data never
    /// changes which targets are judged.
    static func xlsx(_ bytes: [UInt8]) {
        let files = MemoryFiles(bytes: ["plan.plan": fixedPlan, "book.xlsx": bytes])
        let with = Pipeline.evaluate(path: "plan.plan", files: files, dataPaths: ["book.xlsx"], asOf: fixedAsOf)
        require(judged(with.evaluation) == judgedWithoutData, "the workbook changed which targets are judged")
        for d in with.diagnostics {
            let file = with.sources[d.location.file]
            let span = d.location.span
            require(span.start >= 0 && span.start <= span.end && span.end <= file.bytes.count,
                    "span \(span) outside \(file.name) (\(file.bytes.count) bytes): \(d.message)")
        }
        _ = renderJudgements(with)
    }

    // MARK: import

    /// Invariant: any bytes as a plan table (text, or a workbook) are
    /// imported or refused with a reason; the same bytes import the same;
    /// and what is written is plan text the parser reads with no syntax error.
    static func importTable(_ bytes: [UInt8]) {
        let options = PlanImport.Options(name: "table.csv", period: nil, sheet: nil)
        switch PlanImport.run(bytes: bytes, options: options) {
        case .failure(let failure):
            require(!failure.message.isEmpty, "an import refused without a reason")
        case .success(let imported):
            guard case .success(let again) = PlanImport.run(bytes: bytes, options: options) else {
                fatalError("imported once, refused the second time")
            }
            require(again.text == imported.text, "the same table imported twice differs")
            let checked = Pipeline.check(path: "imported.plan",
                                         files: MemoryFiles(bytes: ["imported.plan": Array(imported.text.utf8)]))
            let syntax = checked.diagnostics.filter { $0.code == .syntax }
            require(syntax.isEmpty, "the imported plan has a syntax error: \(syntax.first?.message ?? "")")
        }
    }

    // MARK: lsp

    /// Invariant: any bytes received by the language server are split into
    /// messages without a trap: every step consumes at least one byte and no
    /// more than it was given, and every body is parsed as JSON or refused.
    static func lsp(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty {
            switch MessageFraming.next(in: rest) {
            case .incomplete:
                return
            case .message(let body, let consumed):
                require(consumed >= 1 && consumed <= rest.count, "a message consumed \(consumed) of \(rest.count) bytes")
                if case .success(let json) = JSON.parse(body) { _ = json.render(pretty: false) }
                rest = rest.dropFirst(consumed)
            case .malformed(_, let consumed):
                require(consumed >= 1 && consumed <= rest.count, "a malformed header consumed \(consumed) of \(rest.count) bytes")
                rest = rest.dropFirst(consumed)
            }
        }
    }

    // MARK: eval

    /// The evaluation in the formats read straight off the judgements (text,
    /// table, JSON, CSV), for the `csv` and `xlsx` targets. The report pages,
    /// ten times the cost, are the `eval` target's, which fuzzes data too.
    static func renderJudgements(_ run: Pipeline.EvaluatedPlan) -> [String] {
        let e = run.evaluation
        return [DiagnosticRenderer(sources: run.sources, color: false).render(run.diagnostics),
                EvaluationTable(color: false).render(e, model: run.model),
                EvaluationJSON.render(e, model: run.model).render(),
                EvaluationCSV.render(e, model: run.model)]
    }

    /// Everything a user can be shown of an evaluation, in every format.
    static func render(_ run: Pipeline.EvaluatedPlan) -> [String] {
        let renderer = DiagnosticRenderer(sources: run.sources, color: false)
        let model = run.model
        let e = run.evaluation
        var outputs = [renderer.render(run.diagnostics),
                       EvaluationTable(color: false).render(e, model: model),
                       EvaluationTable(color: true, width: 60).render(e, model: model),
                       EvaluationJSON.render(e, model: model).render(),
                       EvaluationCSV.render(e, model: model),
                       JUnitWriter.render(e, model: model)]
        let compare = CalendarDate(dayNumber: e.asOf.dayNumber - 61)
        let input = ReportInput(run, compareDates: [compare])
        let report = Report.build(input)
        outputs.append(MarkdownReport.render(report))
        outputs.append(HTMLReport.render(report))
        return outputs
    }

    /// Invariant: a plan and a CSV (split at the first NUL byte) evaluated
    /// twice give byte-identical output in every format, report pages included.
    static func eval(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let plan = Array(bytes[..<split])
        let book = split < bytes.endIndex ? Array(bytes[(split + 1)...]) : []
        let files = MemoryFiles(bytes: ["plan.plan": plan, "book.csv": book])
        // The as-of date comes from the input too, so dates around it are explored.
        let asOf = CalendarDate(year: 2013, month: 1 + Int(bytes.count % 12), day: 28)!
        let first = Pipeline.evaluate(path: "plan.plan", files: files, dataPaths: ["book.csv"], asOf: asOf)
        let second = Pipeline.evaluate(path: "plan.plan", files: files, dataPaths: ["book.csv"], asOf: asOf)
        require(render(first) == render(second), "two evaluations of the same input differ")
    }

    // MARK: fmt

    /// Invariant: fmt's output parses without errors, means the same (equal
    /// syntax-tree dumps) and formats to itself.
    static func fmt(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.plan", bytes: bytes)
        guard let formatted = Formatter.format(source) else { return }
        let again = SourceFile(name: "fuzz.plan", text: formatted)
        let parsed = Parser.parse(again, file: FileID(0))
        require(!parsed.diagnostics.contains { $0.severity == .error && $0.code != .unknownMonth },
                "fmt's output has syntax errors: \(parsed.diagnostics.first?.message ?? "")")
        require(ASTDump.dump(parsed.tree) == ASTDump.dump(Parser.parse(source, file: FileID(0)).tree),
                "fmt changed the syntax tree")
        require(Formatter.format(again) == formatted, "fmt is not idempotent")
    }
}
