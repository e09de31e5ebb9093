import Glibc
import PlanCheck

/// `plancheck report`: the compliance summary for the Improvement Board, as
/// one self-contained HTML page or as Markdown.
///
///     plancheck report plan.plan --data book.csv --as-of 2013-10-31 --compare 2013-08-31 -o board.html
///
/// The format comes from `--format`, else from the extension of `-o`
/// (.html, .htm, .md, .markdown); with no `-o` the report goes to standard
/// output, as Markdown unless `--format html`. The file is written as
/// `System.writeOutput` says (atomically when it is a regular file), and
/// never when it is one of the report's own inputs.
/// Plan or data errors are printed to standard error and no report is made
/// (exit 1), as `eval` does; warnings are printed and the report follows.
enum ReportCommand {
    enum Format: String { case html, markdown }

    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "report")
        } catch {
            return CLI.usageError(error, command: Commands.named("report"))
        }
        let output = args.value("-o") ?? args.value("--output")
        let format: Format
        if let text = args.value("--format") {
            switch text.lowercased() {
            case "html", "htm": format = .html
            case "markdown", "md": format = .markdown
            default: return CLI.usageError(CLI.choiceProblem("--format", text, ["html", "markdown"]))
            }
        } else if let output {
            let lower = output.lowercased()
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
                format = .html
            } else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                format = .markdown
            } else {
                return Input.fail("cannot tell the format from \"\(output)\": name it .html or .md, or give --format html|markdown")
            }
        } else {
            format = .markdown
        }
        guard let asOfText = args.value("--as-of") else { return CLI.usageError(Arguments.Problem(message: "report needs --as-of YYYY-MM-DD"), command: Commands.named("report")) }
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
            return CLI.usageError(CLI.choiceProblem("--charts", chartsText, ["all", "attention", "none"]))
        }
        guard !args.positional.isEmpty else { return CLI.usageError(Arguments.Problem(message: "report needs at least one plan file"), command: Commands.named("report")) }
        let runs: [Pipeline.EvaluatedPlan]
        let disk = RecordingFiles()
        if args.positional.contains("-") { disk.noteStandardInput() }
        switch Input.evaluate(args.positional, stdinName: args.value("--stdin-filename"),
                              dataPaths: args.values("--data"), asOf: asOf, disk: disk) {
        case .success(let evaluated): runs = evaluated
        case .failure(let exit):
            if exit.code == 1 { System.write("plancheck: the plan or its data has errors; no report written\n", to: 2) }
            return exit.code
        }

        let input = ReportInput.merging(runs.map { ReportInput($0, compareDates: compareDates) })
        let report = Report.build(input, generatedAt: args.value("--generated-at"), charts: charts)
        let text = format == .html ? HTMLReport.render(report) : MarkdownReport.render(report)
        if let output, output != "-" {
            // Never over a plan, an included plan or a data file the report read.
            if let input = disk.input(at: output) {
                let which = input == output ? "the report reads it" : "it is \(input), which the report reads"
                System.write("plancheck: cannot write \(output): \(which); not overwritten (name another file for the report)\n", to: 2)
                return 2
            }
            if let failure = System.writeOutput(text, to: output) {
                System.write("plancheck: cannot write \(output): \(failure)\n", to: 2)
                return 2
            }
        } else {
            System.write(text, to: 1)
        }
        return 0
    }
}
