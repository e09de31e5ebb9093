import Glibc
import PlanCheck

/// `plancheck report`: the compliance summary for the Improvement Board, as
/// one self-contained HTML page or as Markdown.
///
///     plancheck report plan.plan --data book.csv --as-of 2013-10-31 --compare 2013-08-31 -o board.html
///
/// The format comes from `--format`, else from the extension of `-o`
/// (.html, .htm, .md, .markdown); with no `-o` the report goes to standard
/// output, as Markdown unless `--format html`. The file is written atomically.
/// Plan or data errors are printed to standard error and no report is made
/// (exit 1), as `eval` does; warnings are printed and the report follows.
enum ReportCommand {
    enum Format: String { case html, markdown }

    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, flagNames: [],
                                 optionNames: ["--data", "--as-of", "--compare", "-o", "--output", "--format",
                                               "--generated-at", "--stdin-filename", "--charts"])
        } catch {
            return Input.fail(error.message)
        }
        let output = args.value("-o") ?? args.value("--output")
        let format: Format
        if let text = args.value("--format") {
            switch text.lowercased() {
            case "html", "htm": format = .html
            case "markdown", "md": format = .markdown
            default: return Input.fail("--format must be html or markdown, not '\(text)'")
            }
        } else if let output {
            let lower = output.lowercased()
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
                format = .html
            } else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                format = .markdown
            } else {
                return Input.fail("cannot tell the format from '\(output)': name it .html or .md, or give --format html|markdown")
            }
        } else {
            format = .markdown
        }
        guard let asOfText = args.value("--as-of") else { return Input.fail("report needs --as-of YYYY-MM-DD") }
        let asOf: CalendarDate
        switch Input.date(asOfText, for: "--as-of") {
        case .success(let date): asOf = date
        case .failure(let problem): return Input.fail(problem.message)
        }
        var compareDates: [CalendarDate] = []
        for text in args.values("--compare") {
            let date: CalendarDate
            switch Input.date(text, for: "--compare") {
            case .success(let parsed): date = parsed
            case .failure(let problem): return Input.fail(problem.message)
            }
            guard date < asOf else {
                return Input.fail("--compare \(text) is not before --as-of \(asOfText): compare with an earlier date")
            }
            compareDates.append(date)
        }
        let chartsText = args.value("--charts") ?? "all"
        guard let charts = ChartSelection(rawValue: chartsText) else {
            return Input.fail("--charts must be all, attention or none, not '\(chartsText)'")
        }
        guard !args.positional.isEmpty else { return Input.fail("report needs at least one plan file") }
        let runs: [Pipeline.EvaluatedPlan]
        switch Input.evaluate(args.positional, stdinName: args.value("--stdin-filename"),
                              dataPaths: args.values("--data"), asOf: asOf) {
        case .success(let evaluated): runs = evaluated
        case .failure(let exit):
            if exit.code == 1 { System.write("plancheck: the plan or its data has errors; no report written\n", to: 2) }
            return exit.code
        }

        let input = ReportInput.merging(runs.map { ReportInput($0, compareDates: compareDates) })
        let report = Report.build(input, generatedAt: args.value("--generated-at"), charts: charts)
        let text = format == .html ? HTMLReport.render(report) : MarkdownReport.render(report)
        if let output, output != "-" {
            if let failure = System.writeAtomically(text, to: output) {
                System.write("plancheck: cannot write \(output): \(failure)\n", to: 2)
                return 2
            }
        } else {
            System.write(text, to: 1)
        }
        return 0
    }
}
