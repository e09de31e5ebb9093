import Glibc
import PlanCheck

/// `plancheck eval`: judge every target against the data at an as-of date and
/// print the judgements as a table, JSON, CSV or JUnit XML.
///
/// Plan or data errors are printed to standard error and nothing else: no
/// status is shown that might rest on a row that could not be read (exit 1).
/// Warnings are printed and the judgements follow. With several plans, each
/// is evaluated against the same `--data` and the results are shown as one
/// (a plan that another named plan includes is judged through it, not twice).
enum EvalCommand {
    static func run(_ raw: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(raw, for: "eval")
        } catch {
            return CLI.usageError(error, command: Commands.named("eval"))
        }
        let format = args.value("--format") ?? "table"
        guard ["table", "json", "csv", "junit"].contains(format) else {
            return CLI.usageError(CLI.choiceProblem("--format", format, ["table", "json", "csv", "junit"]))
        }
        let asOf: CalendarDate
        if let text = args.value("--as-of") {
            switch Input.date(text, for: "--as-of") {
            case .success(let date): asOf = date
            case .failure(let problem): return Input.fail(problem.message)
            }
        } else {
            asOf = today()
        }
        var filter = EvaluationFilter(leads: args.values("--lead"), workstreams: list(args.values("--workstream")),
                                      keyOnly: args.flag("--key"))
        for word in list(args.values("--status")) {
            guard let status = Status(slug: word.lowercased()) else {
                return CLI.usageError(CLI.choiceProblem("--status", word, Status.allCases.map(\.slug)))
            }
            filter.statuses.insert(status)
        }
        var failOn: Set<Status> = []
        if let text = args.value("--fail-on") {
            switch text.lowercased() {
            case "missed": failOn = [.missed]
            case "at-risk", "at risk": failOn = [.missed, .atRisk]
            default: return CLI.usageError(CLI.choiceProblem("--fail-on", text, ["missed", "at-risk"]))
            }
        }
        guard !args.positional.isEmpty else { return CLI.usageError(Arguments.Problem(message: "eval needs at least one plan file"), command: Commands.named("eval")) }
        let runs: [Pipeline.EvaluatedPlan]
        switch Input.evaluate(args.positional, stdinName: args.value("--stdin-filename"),
                              dataPaths: args.values("--data"), asOf: asOf) {
        case .success(let evaluated): runs = evaluated
        case .failure(let exit): return exit.code
        }

        let (merged, model) = merge(runs)
        if let unknown = filter.unknownNames(in: model).first {
            let what = unknown.option == "--lead" ? "lead" : "workstream"
            return CLI.usageError(Arguments.Problem(
                message: "\(unknown.option): the plan has no \(what) named \"\(unknown.name)\"",
                help: unknown.suggestion.map { "did you mean \"\($0)\"?" }))
        }
        let evaluation = filter.apply(merged, model: model)
        let status: Int32 = evaluation.judgements.contains { failOn.contains($0.status) } ? 1 : 0
        let output: String
        switch format {
        case "json":
            // About 700 bytes a judgement; room for 2 KiB each is never touched, so never resident.
            let bytes = EvaluationJSON.renderBytes(evaluation, model: model, terminator: UInt8(ascii: "\n"),
                                                   reserving: 2048 * evaluation.judgements.count + 4096)
            System.write(bytes, to: 1)
            System.keepUntilExit((runs, merged, model, evaluation, bytes))
            return status
        case "csv": output = EvaluationCSV.render(evaluation, model: model)
        case "junit": output = JUnitWriter.render(evaluation, model: model, failing: failOn)
        default: output = EvaluationTable(color: System.useColor(1), width: Settings.width(1)).render(evaluation, model: model)
        }
        System.write(output, to: 1)
        System.keepUntilExit((runs, merged, model, evaluation, output))
        return status
    }

    /// Several plans' judgements as one evaluation over one model: items and
    /// sections appended in order, indices shifted to match.
    /// `runs` is never empty: the first plan named is always evaluated.
    static func merge(_ runs: [Pipeline.EvaluatedPlan]) -> (Evaluation, PlanModel) {
        var evaluation = runs[0].evaluation
        var model = runs[0].model
        // Several plans are headed by all their titles, as the report heads them.
        var titles: [String] = []
        for title in runs.compactMap(\.model.title) where !titles.contains(title) { titles.append(title) }
        if titles.count > 1 { model.title = titles.dropLast().joined(separator: ", ") + " and " + titles.last! }
        // Which plan each result is from, said by the JSON, CSV and JUnit.
        if runs.count > 1 { model.origins = [PlanOrigin(firstItem: 0, path: runs[0].checked.loaded.planPaths.first ?? "")] }
        for run in runs.dropFirst() {
            let itemOffset = model.items.count
            model.origins.append(PlanOrigin(firstItem: itemOffset, path: run.checked.loaded.planPaths.first ?? ""))
            let sectionOffset = model.sections.count
            model.workstreams += run.model.workstreams
            model.leads += run.model.leads
            model.sections += run.model.sections
            model.items += run.model.items.map { item in
                var item = item
                item.section = item.section.map { $0 + sectionOffset }
                return item
            }
            evaluation.judgements += run.evaluation.judgements.map { j in
                var j = j
                j.item += itemOffset
                return j
            }
        }
        return (evaluation, model)
    }

    /// Comma-separated values across repeats: `--status at-risk,missed --status no-data`.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty }
    }


    /// Today in local time: the default `--as-of`.
    static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil,
              let date = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else { return CalendarDate(dayNumber: Int(now / 86_400)) }
        return date
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
