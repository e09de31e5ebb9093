/// Turns loaded syntax trees into a `PlanModel`: collects declarations, places
/// every date on the calendar, infers each measure's unit, and reports what
/// cannot be resolved (impossible dates, bare months with no period, unknown
/// names). The rules of the spec that judge a resolved plan live in `Checker`.
public struct Resolver {
    public struct Output: Sendable {
        public var model: PlanModel
        public var diagnostics: [Diagnostic]
    }

    public static func resolve(_ loaded: LoadedPlan) -> Output {
        var resolver = Resolver()
        resolver.expectItems(of: loaded.entries)
        for located in loaded.entries { resolver.take(located, from: loaded.sources[located.file]) }
        return resolver.finish()
    }

    /// Entries are taken one at a time, in plan order (`take`), then the
    /// model is made (`finish`): the loader can hand each entry on as it is
    /// read (`Loader.load(path:bytes:files:into:each:)`), so a plan's syntax
    /// and its model are never whole together. `resolve` is `take` for every
    /// entry, then `finish`.
    init() {}

    var model = PlanModel()
    var diagnostics: [Diagnostic] = []
    /// The period's findings come first, as the period is settled first.
    private var periodDiagnostics: [Diagnostic] = []
    var file = FileID(0)
    /// A `period` clause was written, sound or not. When it is not, its own
    /// finding says why, and a bare month that cannot be placed is not also
    /// told the plan "has no period" (a reversed period gave 140 of those).
    private var periodWritten = false
    /// The file of the entry being read, for its text.
    private var source = SourceFile(name: "", bytes: [])
    /// Entries waiting for the period: bare months anywhere need it, and
    /// the first plan entry with a sound one gives it. Usually there are
    /// none (the `plan` entry comes first); a plan with no period keeps
    /// every entry here to the end.
    private var waiting: [(LoadedPlan.Located, SourceFile)] = []
    private var periodSettled = false
    private var currentSection: Int?

    mutating func report(_ code: DiagnosticCode, _ message: String, _ span: Span, severity: Severity? = nil,
                         labels: [Label] = [], notes: [String] = [], help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: Location(file: file, span: span), severity: severity,
                                      labels: labels, notes: notes, help: help))
    }

    func location(_ span: Span) -> Location { Location(file: file, span: span) }

    // MARK: Passes

    /// Items are the model's largest part (hundreds of bytes each): sized
    /// exactly, when the entries are known at once, not doubled as they come.
    mutating func expectItems(of entries: [LoadedPlan.Located]) {
        model.items.reserveCapacity(entries.count { $0.entry.kind == .measure || $0.entry.kind == .action })
    }

    /// Reads the next entry in plan order (held back until the period is known).
    mutating func take(_ located: LoadedPlan.Located, from source: SourceFile) {
        if located.entry.kind == .plan {
            let found = diagnostics.count
            self.source = source
            notePeriod(located)
            periodDiagnostics += diagnostics[found...]
            diagnostics.removeSubrange(found...)
        }
        if periodSettled {
            resolveEntry(located, source: source)
            return
        }
        waiting.append((located, source))
        if model.period != nil { flushWaiting() }
    }

    private mutating func flushWaiting() {
        periodSettled = true
        let entries = waiting
        waiting = []
        for (located, source) in entries { resolveEntry(located, source: source) }
    }

    /// The model, once every entry is taken.
    mutating func finish() -> Output {
        flushWaiting()
        return Output(model: model, diagnostics: periodDiagnostics + diagnostics)
    }

    private mutating func resolveEntry(_ located: LoadedPlan.Located, source: SourceFile) {
        self.source = source
        file = located.file
        let entry = located.entry
        switch entry.kind {
        case .plan: resolvePlan(entry)
        case .workstream:
            if let id = entry.id {
                model.workstreams.append(Declaration(id: id.name, title: entry.title?.value, location: location(id.span)))
            }
        case .comparator:
            if let id = entry.id {
                var tolerance: Tolerance?
                for clause in entry.clauses { if case .tolerance(let t) = clause.kind { tolerance = t } }
                model.comparators.append(ComparatorDecl(id: id.name, title: entry.title?.value,
                                                        tolerance: tolerance, location: location(id.span)))
            }
        case .lead:
            if let name = entry.title {
                var role: String?
                for clause in entry.clauses { if case .role(let r) = clause.kind { role = r.value } }
                model.leads.append(Declaration(id: name.value, title: role, location: location(name.span)))
            }
        case .section(let keyword):
            guard let id = entry.id else { return }
            var section = Section(keyword: keyword, id: id.name, title: entry.title?.value, parent: nil,
                                  workstream: nil, leads: [], location: location(id.span))
            for clause in entry.clauses {
                switch clause.kind {
                case .partOf(let parent): section.parent = parent.name
                case .workstream(let w): section.workstream = w.name
                case .lead(let names): section.leads += names.map(\.value)
                case .officer(let names): section.officers += names.map(\.value)
                case .signoff(let list):
                    for signoff in list { section.signoffs.append(SectionSignoff(board: signoff.board.name, date: resolveDate(signoff.date),
                                                                          location: location(signoff.date.span))) }
                case .evidence(let kind, let source):
                    section.evidence.append([kind?.rawValue, source?.value].compactMap { $0 }.joined(separator: ": "))
                case .note(let text): section.notes.append(text.value)
                case .links(let ids): section.links += ids.map(\.name)
                case .key: section.key = true
                default: break
                }
            }
            model.sections.append(section)
            currentSection = model.sections.count - 1
        case .measure, .action:
            if let item = resolveItem(entry, section: currentSection) { model.items.append(item) }
        case .data:
            if let id = entry.id {
                for row in entry.rows {
                    model.inlineRows.append(InlineRow(id: id.name, row: row, date: resolveDate(row.date), file: file))
                }
            } else if let path = entry.title {
                let planPath = source.name
                let mapping = entry.clauses.compactMap { clause -> MappingClause? in
                    guard case .data(let node) = clause.kind else { return nil }
                    return MappingClause(clause: node, location: location(clause.span))
                }
                model.dataFiles.append(DataFileRef(path: Path.join(Path.directory(of: planPath), path.value),
                                                   location: location(path.span), mapping: mapping))
            }
        case .include:
            break
        }
    }

    /// The period comes first: bare months anywhere in the plan need it.
    /// Every plan entry's period is checked; the first sound one is the plan's.
    mutating func notePeriod(_ located: LoadedPlan.Located) {
        do {
            file = located.file
            // `period April 2013 too March 2014`: reported as it was read.
            if located.entry.brokenClauses.contains(.period) { periodWritten = true }
            for clause in located.entry.clauses {
                guard case .period(let startExpr, let endExpr) = clause.kind else { continue }
                periodWritten = true
                if startExpr.form.needsPeriod {
                    report(.monthWithoutPeriod, "the period needs a year: a bare month or quarter has nothing to be placed in",
                           startExpr.span, help: "write it as `April 2013`")
                    continue
                }
                if endExpr.form.needsPeriod {
                    report(.monthWithoutPeriod, "the period needs a year: a bare month or quarter has nothing to be placed in",
                           endExpr.span, help: "write it as `March 2014`")
                    continue
                }
                guard let start = resolveDate(startExpr, asStart: true), let end = resolveDate(endExpr) else { continue }
                if end < start {
                    report(.reversedRange, "the period ends (\(end.display)) before it starts (\(start.display))",
                           clause.span)
                    continue
                }
                if model.period == nil { model.period = DateRange(start: start, end: end) }
            }
        }
    }

    mutating func resolvePlan(_ entry: Entry) {
        model.title = model.title ?? entry.title?.value
        for clause in entry.clauses {
            if case .authority(let text) = clause.kind { model.authority = model.authority ?? text.value }
        }
    }

    // MARK: Items

    mutating func resolveItem(_ entry: Entry, section: Int?) -> Item? {
        guard let id = entry.id else { return nil }
        var item = Item(kind: entry.kind == .action ? .action : .measure, id: id.name, title: entry.title?.value,
                        location: location(id.span), section: section)
        var unitSource: (unit: Unit, span: Span)?
        var declared = false
        func noteUnit(_ written: Unit?, _ span: Span, into resolver: inout Resolver) {
            // A plain number is a count, unless a `unit` clause says what the
            // measure's numbers are (and `unit done` has no numbers).
            if written == nil && declared && unitSource?.unit != .done { return }
            let unit = written ?? .count
            if let known = unitSource {
                if !Self.compatible(known.unit, unit) {
                    let plain = written == nil ? " (a plain number is a count)" : ""
                    resolver.report(.unitMismatch,
                                    "this is \(Self.describe(unit))\(plain), but the measure is \(Self.describe(known.unit))",
                                    span, labels: [Label(resolver.location(known.span), "unit set here")],
                                    help: Self.unitHelp(known.unit, unit))
                }
            } else {
                unitSource = (unit, span)
            }
        }
        // The polarity first: a bare level anywhere takes its direction. A
        // declared unit wins; note it first. (By index and keyword: a clause
        // taken out of the array is copied, its payload retained.)
        for i in entry.clauses.indices where entry.clauses[i].keyword == .polarity || entry.clauses[i].keyword == .unit {
            switch entry.clauses[i].kind {
            case .polarity(let p): item.polarity = item.polarity ?? p
            case .unit(let unit):
                noteUnit(unit, entry.clauses[i].span, into: &self)
                declared = true
            default: break
            }
        }
        for clause in entry.clauses {
            switch clause.kind {
            case .workstream(let w): item.workstream = w.name
            case .lead(let names): item.leads += names.map(\.value)
            case .officer(let names): item.officers += names.map(\.value)
            case .key: item.key = true
            case .polarity: break
            case .frequency(let f): item.frequency = f
            case .minimumCohort(let size, _):
                if size >= 1, size == size.rounded(.down), size < 1e9 { item.minimumCohort = Int(size) }
            case .rag(let dateExpr, let rating, let reason):
                if let date = resolveDate(dateExpr) {
                    item.ratings.append(RatingRecord(date: date, rating: rating, reason: reason?.value,
                                                     location: location(clause.span)))
                }
            case .tolerance(let t): item.tolerance = t
            case .note(let text): item.notes.append(text.value)
            case .evidence(let kind, let source): item.evidence.append((kind, source?.value))
            case .links(let ids): item.links += ids.map(\.name)
            case .signoff(let list):
                for signoff in list {
                    item.signoffs.append((signoff.board.name, resolveDate(signoff.date), location(signoff.date.span)))
                }
            case .baseline(let quantity, let date):
                noteUnit(quantity.unit, quantity.span, into: &self)
                item.baseline = Baseline(value: quantity.value, date: resolveDate(date), location: location(clause.span))
            case .target(let milestones):
                var models: [MilestoneModel] = []
                for milestone in milestones {
                    var requirement = milestone.requirement
                    switch milestone.requirement {
                    case .compare(_, let q): noteUnit(q.unit, q.span, into: &self)
                    case .level(let q):
                        noteUnit(q.unit, q.span, into: &self)
                        switch item.polarity {
                        case .higher?: requirement = .compare(.atLeast, q)
                        case .lower?: requirement = .compare(.atMost, q)
                        case nil: break  // reported by the checker; not judged
                        }
                    case .range(let from, let to):
                        noteUnit(from.unit, from.span, into: &self)
                        noteUnit(to.unit, to.span, into: &self)
                        if item.baseline == nil {
                            item.baseline = Baseline(value: from.value, date: nil, location: location(from.span))
                        }
                    case .done: noteUnit(.done, milestone.requirementSpan, into: &self)
                    default: break
                    }
                    let deadline = resolveDeadline(milestone.deadline)
                    guard let deadline, !requirement.isBareLevel else {
                        // Its date or direction is reported; its values are still worth checking.
                        item.undated.append(UndatedRequirement(requirement: requirement,
                                                               location: location(milestone.span)))
                        continue
                    }
                    var recurrence: Recurrence?
                    if case .recurring(let period, let from, _) = milestone.deadline {
                        recurrence = Recurrence(period: period, from: from.flatMap { resolveDate($0, asStart: true) })
                    }
                    models.append(MilestoneModel(requirement: requirement, deadline: deadline,
                                                 sustainedMonths: milestone.sustainedMonths,
                                                 location: location(milestone.span),
                                                 polarity: item.polarity, averageMonths: milestone.averageMonths,
                                                 recurrence: recurrence))
                }
                if !models.isEmpty { item.targets.append(TargetModel(milestones: models, location: location(clause.span))) }
            case .due(let deadline):
                item.due = resolveDeadline(deadline)
            case .timescale(let startExpr, let endExpr):
                let start = resolveDate(startExpr, asStart: true)
                let end = resolveDate(endExpr)
                if let start, let end, end < start {
                    report(.reversedRange, "the timescale ends (\(end.display)) before it starts (\(start.display))",
                           clause.span, help: "dates are day first: 03.01.12 is 3 January 2012")
                }
                item.start = start
                if let end { item.due = ResolvedDeadline(date: end, written: text(endExpr.span), location: location(endExpr.span)) }
            case .done(let date):
                item.done = DoneMark(date: date.flatMap { resolveDate($0) }, location: location(clause.span))
            case .progress(let date, let text):
                item.progress.append((resolveDate(date), text?.value))
            default: break
            }
        }
        item.baselineWritten = item.baseline != nil || entry.brokenClauses.contains(.baseline)
        // Plain numbers are counts; with no number at all (`in line with sn`,
        // a bare `increase`) the unit is left for the data to show.
        item.unit = unitSource?.unit
        return item
    }

    static func compatible(_ a: Unit, _ b: Unit) -> Bool { a == b }

    /// What to do about two units on one measure.
    static func unitHelp(_ a: Unit, _ b: Unit) -> String {
        let durations: Set<Unit> = [.days, .workingDays, .weeks, .months, .hours]
        if durations.contains(a) && durations.contains(b) {
            return "units are never converted: write every target and baseline of the measure in \(Self.unitName(a))"
        }
        return "a measure has one unit: a count, a rate, a percentage or a duration; use the same one in every target and baseline"
    }

    /// "working days", "hours", "%", ...
    static func unitName(_ unit: Unit) -> String {
        switch unit {
        case .percent: "%"
        case .count: "plain numbers"
        case .rate(let per): "per \(Display.number(per, grouping: true))"
        case .days: "days"
        case .workingDays: "working days"
        case .weeks: "weeks"
        case .months: "months"
        case .hours: "hours"
        case .done: "done"
        }
    }

    /// "a percentage", "a count", "a rate per 10,000", ...
    public static func describe(_ unit: Unit) -> String {
        switch unit {
        case .percent: "a percentage"
        case .count: "a count"
        case .rate(let per): "a rate per \(Display.number(per, grouping: true))"
        case .days: "a number of days"
        case .weeks: "a number of weeks"
        case .months: "a number of months"
        case .hours: "a number of hours"
        case .workingDays: "a number of working days"
        case .done: "done or not done"
        }
    }

    /// The requirement in words: "at least 90%", "increase by 25%", "in line with sn".
    public static func describe(_ requirement: Requirement) -> String {
        switch requirement {
        case .compare(let comparison, let q): "\(comparison.words) \(Display.quantity(q))"
        case .level(let q): Display.quantity(q)
        case .maintain: "not worse than the baseline"
        case .range(let from, let to): "from \(Display.quantity(from)) to \(Display.quantity(to))"
        case .change(.increase, nil): "above the baseline"
        case .change(.decrease, nil): "below the baseline"
        case .change(let direction, let amount?):
            switch amount.kind {
            case .relative: "\(direction.rawValue) by \(Display.number(amount.amount))%"
            case .points: "\(direction.rawValue) by \(Display.number(amount.amount)) point\(amount.amount == 1 ? "" : "s")"
            case .absolute: "\(direction.rawValue) by \(Display.number(amount.amount))"
            }
        case .inLineWith(let c): "in line with \(c.name)"
        case .within(let t, let c): "within \(Display.tolerance(t)) of \(c.name)"
        case .done: "done"
        }
    }

    func text(_ span: Span) -> String { source.text(span) }

    // MARK: Dates

    /// Places a written date on the calendar, or reports why it cannot be.
    /// `asStart` reads a month or quarter as its first day (for a period's or
    /// timescale's start); otherwise a month means its last day.
    mutating func resolveDate(_ expr: DateExpr, asStart: Bool = false) -> CalendarDate? {
        switch DateResolution.resolve(expr.form, written: text(expr.span), period: model.period, asStart: asStart) {
        case .success(let date):
            return date
        case .failure(let problem):
            // A date that cannot be placed is an error: a bare month the period
            // does not hold is `not-in-period`, unlike a dated deadline outside
            // the period, which is placed and only warned of (`outside-period`).
            if problem.code == .monthWithoutPeriod, periodWritten, model.period == nil { return nil }
            report(problem.code, problem.message, expr.span, severity: .error, help: problem.help)
            return nil
        }
    }

    /// A target's or action's deadline on the calendar.
    mutating func resolveDeadline(_ deadline: Deadline) -> ResolvedDeadline? {
        // What the plan wrote, for display: read only where needed (a `by`
        // deadline shows its date's own text).
        var written: String { text(deadline.span) }
        switch deadline {
        case .by(let expr):
            guard let date = resolveDate(expr) else { return nil }
            return ResolvedDeadline(date: date, written: text(expr.span), location: location(expr.span))
        case .ongoing(let span):
            return ResolvedDeadline(date: nil, written: written, location: location(span))
        case .immediately(let span):
            guard let start = periodStart(for: span, what: "`immediately`") else { return nil }
            return ResolvedDeadline(date: start, written: written, location: location(span))
        case .within(let count, let unit, let span):
            guard let start = periodStart(for: span, what: "a relative deadline") else { return nil }
            let date: CalendarDate
            switch unit {
            case .days: date = start.addingDays(count)
            case .weeks: date = start.addingDays(7 * count)
            case .months: date = start.addingMonths(count)
            case .years: date = start.addingYears(count)
            }
            return ResolvedDeadline(date: date, written: written, location: location(span), counted: true)
        case .recurring(_, _, let span):
            return ResolvedDeadline(date: nil, written: written, location: location(span))
        }
    }

    mutating func periodStart(for span: Span, what: String) -> CalendarDate? {
        if let period = model.period { return period.start }
        if periodWritten { return nil }  // the unsound period is reported at its clause
        report(.monthWithoutPeriod, "\(what) counts from the start of the plan's period, but the plan has none", span,
               help: "give the plan a period, as in `period 20 July 2010 to July 2011`")
        return nil
    }
}
