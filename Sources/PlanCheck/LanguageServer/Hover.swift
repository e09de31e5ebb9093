/// `textDocument/hover`: what the thing under the cursor means.
///
/// - a measure or action (declared or referred to): its title, its targets in
///   words, and when the plan names data, each judgement at the as-of date
///   with the sentence `plancheck eval` prints;
/// - a workstream, comparator, lead, section or board: its declaration;
/// - a date or deadline: the day it resolves to (`September` -> 30 Sep 2013).
enum Hover {
    static func answer(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params) else {
            return .failure(ResponseError(.invalidParams, "hover needs a position"))
        }
        let index = context.analysis.index
        let text: String
        let span: Span
        if let occurrence = index.occurrence(in: context.file, at: offset) {
            text = describe(occurrence, context)
            span = occurrence.location.span
        } else if let date = index.date(in: context.file, at: offset) {
            text = describe(date, context)
            span = date.location.span
        } else if let path = index.path(in: context.file, at: offset) {
            // A workbook's sheets are read as `book.xlsx[Sheet]`.
            let book = Path.normalize(WorkbookPath.split(path.path).path)
            let found = context.analysis.files[Path.normalize(path.path)] != nil
                || context.analysis.files.keys.contains { $0.hasPrefix(book + "[") }
            text = "`\(path.path)`" + (found ? "" : " (not read)")
            span = path.location.span
        } else {
            return .success(.null)
        }
        return .success(.object([
            ("contents", .object([("kind", .string("markdown")), ("value", .string(text))])),
            ("range", context.mapper.range(span)),
        ]))
    }

    static func describe(_ occurrence: SymbolIndex.Occurrence, _ context: DocumentContext) -> String {
        let model = context.analysis.checked.model
        let name = occurrence.name
        /// Where the declaration is, and its line as written.
        func place(_ location: Location) -> String {
            let file = context.analysis.source(location.file)
            let position = file.position(of: location.span.start)
            let line = file.text(file.lineSpan(position.line - 1))
            return "declared at \(lastComponent(file.name)):\(position.line)\n\n```plancheck\n\(line)\n```"
        }
        func titled(_ title: String?) -> String { title.map { " \"\($0)\"" } ?? "" }
        switch occurrence.kind {
        case .measure, .action:
            // The one of this kind: a measure and an action may share an id.
            let kind: Item.Kind = occurrence.kind == .measure ? .measure : .action
            guard let i = model.items.firstIndex(where: { $0.id == name && $0.kind == kind }) else {
                return "no \(kind.rawValue) named \"\(name)\""
            }
            return describeItem(model.items[i], index: i, context)
        case .workstream:
            guard let w = model.workstreams.first(where: { $0.id == name }) else { return "no workstream named \"\(name)\"" }
            return "**workstream \(w.id)**\(titled(w.title))\n\n\(place(w.location))"
        case .comparator:
            guard let c = model.comparators.first(where: { $0.id == name }) else { return "no comparator named \"\(name)\"" }
            let tolerance = c.tolerance.map { "tolerance \(Display.tolerance($0))" } ?? "no tolerance"
            return "**comparator \(c.id)**\(titled(c.title)), \(tolerance)\n\n\(place(c.location))"
        case .lead:
            guard let l = model.leads.first(where: { $0.id == name }) else {
                return model.leads.isEmpty ? "lead \"\(name)\"" : "no lead named \"\(name)\" is declared"
            }
            return "**lead** \"\(l.id)\"" + (l.title.map { ", \($0)" } ?? "") + "\n\n\(place(l.location))"
        case .section:
            guard let s = model.sections.first(where: { $0.id == name }) else { return "no section named \"\(name)\"" }
            var text = "**\(s.keyword.rawValue) \(s.id)**\(titled(s.title))"
            if let parent = s.parent { text += ", part of \(parent)" }
            return text + "\n\n\(place(s.location))"
        case .board:
            return "sign-off board **\(name)**"
        }
    }

    static func describeItem(_ item: Item, index: Int, _ context: DocumentContext) -> String {
        var lines = ["**\(item.kind.rawValue) \(item.id)**" + (item.title.map { " \"\($0)\"" } ?? "")]
        var targets: [String] = []
        for target in item.targets {
            for milestone in target.milestones {
                var words = "\(milestone.required) "
                if let recurrence = milestone.recurrence {
                    words += "each \(recurrence.period.rawValue)" + (recurrence.from.map { " from \($0.display)" } ?? "")
                } else {
                    words += deadlineWords(milestone.deadline)
                }
                targets.append(words)
            }
        }
        if let due = item.due { targets.append("done " + deadlineWords(due)) }
        if !targets.isEmpty { lines.append(targets.map { "- target: " + $0 }.joined(separator: "\n")) }
        let analysis = context.analysis
        if analysis.namesData, let evaluation = analysis.evaluation {
            if let error = analysis.errorAffecting(item.location) {
                lines.append("not judged until this is fixed: \(error.message)")
            } else {
                let judgements = evaluation.judgements.filter { $0.item == index }
                if judgements.isEmpty {
                    lines.append("nothing to judge as of \(evaluation.asOf.display)")
                } else {
                    lines.append(judgements.map { j in
                        "**\(j.status.rawValue)** as of \(evaluation.asOf.display): \(j.explanation)"
                    }.joined(separator: "\n\n"))
                }
                if analysis.checked.diagnostics.hasErrors {
                    lines.append("_The plan has errors elsewhere: `plancheck eval` will judge it once they are fixed._")
                }
            }
        }
        return lines.joined(separator: "\n\n")
    }

    static func deadlineWords(_ deadline: ResolvedDeadline) -> String {
        guard let date = deadline.date else { return "ongoing" }
        return "by \(date.display)"
    }

    static func describe(_ occurrence: SymbolIndex.DateOccurrence, _ context: DocumentContext) -> String {
        let model = context.analysis.checked.model
        let written = context.source.text(occurrence.location.span)
        switch occurrence.form {
        case .date(let expr, let asStart):
            switch DateResolution.resolve(expr.form, written: written, period: model.period, asStart: asStart) {
            case .success(let date): return "`\(written)`: \(weekday(date)) \(date.display)"
            case .failure(let problem): return "`\(written)`: \(problem.message)"
            }
        case .deadline(let deadline):
            switch deadline {
            case .ongoing: return "`\(written)`: no deadline; judged on the latest value"
            case .recurring(let period, _, _):
                return "`\(written)`: every \(period.rawValue) must meet the level; judged on the latest \(period.rawValue) ended"
            default: break
            }
            // `immediately` and `within 3 months` count from the period's start, as the resolver placed them.
            let resolved = model.items.lazy.flatMap { item in
                item.targets.flatMap { $0.milestones.map(\.deadline) } + (item.due.map { [$0] } ?? [])
            }.first { $0.location == occurrence.location }
            if let date = resolved?.date { return "`\(written)`: \(weekday(date)) \(date.display)" }
            return "`\(written)`: counts from the start of the plan's period, which it has not got"
        }
    }

    static func weekday(_ date: CalendarDate) -> String {
        // 1970-01-01 (day 0) was a Thursday.
        let names = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
        return names[((date.dayNumber % 7) + 7) % 7]
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
