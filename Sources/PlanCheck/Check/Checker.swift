/// The rules of the spec's "Checks", run over a resolved plan.
///
/// Each rule appends diagnostics with a stable code and carries on, so one run
/// reports every problem. Rules that need the written form (which clause, where)
/// walk the loaded entries; rules about meaning read the `PlanModel`.
public struct Checker {
    /// `baselineIDs`: ids that have a `baseline` series in the data, when data is
    /// given (nil when it is not: then only the plan can supply baselines).
    public static func check(_ loaded: LoadedPlan, _ model: PlanModel, baselineIDs: Set<String>? = nil) -> [Diagnostic] {
        run(loaded, model, baselineIDs: baselineIDs).diagnostics
    }

    /// Every rule run; the checker is returned so tests can read `work`.
    static func run(_ loaded: LoadedPlan, _ model: PlanModel, baselineIDs: Set<String>? = nil) -> Checker {
        var checker = Checker()
        for located in loaded.entries { checker.checkEntry(located) }
        checker.checkModel(model, baselineIDs: baselineIDs)
        return checker
    }

    /// Checking in two steps, for a caller that reads each entry once
    /// (`Pipeline.check` without `keepingSyntax`): `checkEntry` for every
    /// entry in plan order, as it is read, then `checkModel`. A name not yet
    /// declared when an entry refers to it is looked up again once every
    /// entry is in; the findings are the same, in the same order, as if every
    /// name were known from the start.
    init() {}

    /// Steps taken by the passes that could grow faster than the plan: a
    /// test builds the worst case at two sizes and expects linear growth.
    struct Work {
        /// Sections visited walking up `part of` links.
        var sectionSteps = 0
        /// "Did you mean" searches, each a scan of every name.
        var suggestions = 0
    }
    var work = Work()

    private(set) var model = PlanModel()
    /// Items with no unit of their own whose data gives percentages.
    var percentInData: Set<Int> = []
    /// The index of the item `checkItem` is checking.
    var currentItem = -1
    var baselineIDs: Set<String>?
    var diagnostics: [Diagnostic] = []
    private(set) var itemIndex: [String: Int] = [:]
    /// Ids with a `baseline` row in the plan's inline data.
    private(set) var inlineBaselineIDs: Set<String> = []
    /// The names declared so far, which the entry rules look up.
    private var names = EntryNames()
    /// References to names not declared when they were read, each with the
    /// count of findings before it: looked up again in `checkModel`.
    private var pending: [(position: Int, reference: PendingReference)] = []

    /// The rules about meaning, on the resolved model; the entry rules have
    /// seen every entry.
    mutating func checkModel(_ model: PlanModel, baselineIDs: Set<String>?, percentInData: Set<Int> = []) {
        self.model = model
        self.baselineIDs = baselineIDs
        self.percentInData = percentInData
        self.itemIndex = model.makeItemIndex()
        self.inlineBaselineIDs = Set(model.inlineRows.lazy.filter { $0.row.series?.name == "baseline" }.map(\.id))
        // The entry rules' findings go after the declarations'.
        let entryFindings = settlePending()
        names.itemIDs = []  // looked up for the last time
        diagnostics = []
        checkDeclarations()
        diagnostics += entryFindings
        // Each item borrowed where it lies: a `for item in` loop copied every
        // Item (a dozen arrays, each retained and released).
        let items = model.items
        items.withUnsafeBufferPointer { items in
            for i in items.indices {
                currentItem = i
                checkItem(items[i])
            }
        }
        checkInlineData()
    }

    /// No entry at all was read (an empty file, or one of comments).
    public var readNoEntries: Bool { names.firstEntry == nil }

    mutating func report(_ code: DiagnosticCode, _ message: String, at location: Location, severity: Severity? = nil,
                         labels: [Label] = [], notes: [String] = [], help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location, severity: severity, labels: labels, notes: notes,
                                      help: help))
    }

    // MARK: Declarations

    mutating func checkDeclarations() {
        if names.plans.isEmpty, let first = names.firstEntry {
            report(.missingPlan, "no `plan` entry: the plan has no title or period",
                   at: first, help: "start the file with `plan \"Title\"` and a `period`")
        }
        for extra in names.plans.dropFirst() {
            report(.duplicatePlan, "a second `plan` entry; there is one per plan, includes counted",
                   at: extra, labels: [Label(names.plans[0], "the first is here")])
        }
        reportDuplicates(model.workstreams.map { ($0.id, $0.location) }, kind: "workstream")
        reportDuplicates(model.comparators.map { ($0.id, $0.location) }, kind: "comparator")
        for comparator in model.comparators {
            if let tolerance = comparator.tolerance {
                checkTolerance(tolerance, at: location(of: tolerance.span, near: comparator.location))
            }
        }
        reportDuplicates(model.leads.map { ($0.id, $0.location) }, kind: "lead")
        reportDuplicates(model.sections.map { ($0.id, $0.location) }, kind: "section")
        for section in model.sections {
            for signoff in section.signoffs {
                if let date = signoff.date { checkInPeriod(date, at: signoff.location, what: "\(signoff.board) sign-off date") }
            }
        }
        checkSectionNesting()
        // Ids are unique within their kind: a measure and an action may share
        // one (data for it goes to the one its value fits), two measures not.
        // The item index keeps each id's first item; a later one of the
        // same kind is a second declaration.
        var firstOfKind: [String: Int] = [:]
        for i in model.items.indices {
            let id = model.items[i].id
            guard let first = itemIndex[id], first != i else { continue }
            let earlier: Int
            if model.items[first].kind == model.items[i].kind {
                earlier = first
            } else {
                // The first of the id was of the other kind: is there one of this kind before?
                let key = model.items[i].kind.rawValue + "\u{0}" + id
                guard let seen = firstOfKind[key] else {
                    firstOfKind[key] = i
                    continue
                }
                earlier = seen
            }
            let kind = model.items[i].kind.rawValue
            reportDuplicate(id, at: model.items[i].location, earlier: model.items[earlier].location, kind: kind, note: nil)
        }
    }

    /// `part of` must not lead back to where it started; each cycle is
    /// reported once, at the section that closes it in plan order.
    ///
    /// Each section has at most one parent, so every walk up the `part of`
    /// links either ends or enters a cycle; a section is walked over once in
    /// all (linear in the number of sections, however deep they nest).
    mutating func checkSectionNesting() {
        var parent: [String: String] = [:]
        var order: [String: Int] = [:]
        var location: [String: Location] = [:]
        for section in model.sections where order[section.id] == nil {
            if let p = section.parent { parent[section.id] = p }
            order[section.id] = order.count
            location[section.id] = section.location
        }
        // 1: on the walk in progress (at that position in `walk`); 2: finished.
        var state: [String: Int] = [:]
        var position: [String: Int] = [:]
        // How many sections deep each one is (1 for a top-level section); 0 on a cycle.
        var depth: [String: Int] = [:]
        var cycles: [(first: Int, path: [String])] = []
        for section in model.sections where state[section.id] == nil {
            var walk: [String] = []
            var current: String? = section.id
            while let id = current, order[id] != nil, state[id] == nil {
                work.sectionSteps += 1
                state[id] = 1
                position[id] = walk.count
                walk.append(id)
                current = parent[id]
            }
            var tail = walk.count
            var below = 0
            if let id = current, state[id] == 1, let start = position[id] {
                // The walk came back to itself: walk[start...] is a cycle. It
                // is reported at its member first in plan order.
                let members = Array(walk[start...])
                let first = members.indices.min { order[members[$0]]! < order[members[$1]]! }!
                cycles.append((order[members[first]]!, Array(members[first...] + members[..<first])))
                for id in members { depth[id] = 0 }
                tail = start
            } else if let id = current {
                below = depth[id] ?? 0
            }
            for id in walk[..<tail].reversed() {
                below += 1
                depth[id] = below
            }
            for id in walk { state[id] = 2 }
        }
        // A section `part of` itself is reported at its clause, by `checkEntry`.
        for (_, path) in cycles.sorted(by: { $0.first < $1.first }) where path.count > 1 {
            report(.sectionCycle,
                   "section \(path[0]) is part of itself: \((path + [path[0]]).joined(separator: " -> "))",
                   at: location[path[0]]!, help: "remove one `part of` in the chain")
        }
        // Past the limit, once per chain: at the first section too deep.
        for section in model.sections where depth[section.id] == Limits.sectionDepth + 1 && location[section.id] == section.location {
            report(.sectionDepth,
                   "section \(section.id) is nested \(Limits.sectionDepth + 1) deep through `part of`; the most is \(Limits.sectionDepth)",
                   at: section.location, help: "attach it to a section nearer the top")
        }
    }

    mutating func reportDuplicates(_ ids: [(String, Location)], kind: String, note: String? = nil) {
        var first: [String: Location] = [:]
        first.reserveCapacity(ids.count)
        for (id, location) in ids {
            if let earlier = first[id] {
                reportDuplicate(id, at: location, earlier: earlier, kind: kind, note: note)
            } else {
                first[id] = location
            }
        }
    }

    mutating func reportDuplicate(_ id: String, at location: Location, earlier: Location, kind: String, note: String?) {
        report(.duplicateID, "\(kind) \"\(id)\" is declared twice", at: location,
               labels: [Label(earlier, "first declared here")], notes: note.map { [$0] } ?? [],
               help: "give each \(kind) its own id")
    }

    // MARK: Clauses and references

    static func allowedClauses(_ kind: EntryKind) -> KeywordSet {
        // The sets are built once: a set literal here was built again for every entry.
        switch kind {
        case .plan: Allowed.plan
        case .workstream: Allowed.workstream
        case .comparator: Allowed.comparator
        case .lead: Allowed.lead
        case .section: Allowed.section
        case .measure: Allowed.measure
        case .action: Allowed.action
        case .data: Parser.dataClauseKeywords
        case .include: []
        }
    }

    enum Allowed {
        static let plan: KeywordSet = [.authority, .period, .note]
        static let workstream: KeywordSet = [.lead, .officer, .note]
        static let comparator: KeywordSet = [.tolerance, .note, .unit]
        static let lead: KeywordSet = [.role, .note]
        static let section: KeywordSet = [.part, .workstream, .lead, .officer, .note, .key, .links, .evidence, .signoff]
        static let measure: KeywordSet = [.workstream, .lead, .officer, .evidence, .polarity, .signoff, .key, .links,
                                            .note, .tolerance, .unit, .target, .baseline, .progress, .frequency,
                                            .minimum, .rag]
        static let action: KeywordSet = [.workstream, .lead, .officer, .evidence, .polarity, .signoff, .key, .links,
                                           .note, .tolerance, .unit, .target, .baseline, .due, .done, .progress,
                                           .timescale, .frequency, .minimum, .rag]
    }

    static let onceOnly: KeywordSet = [.authority, .period, .workstream, .polarity, .unit, .tolerance, .baseline,
                                         .due, .timescale, .done, .role, .part, .frequency, .minimum, .area, .series]

    /// "an action", "a measure".
    static func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    static func name(_ kind: EntryKind) -> String { kind.word }

    /// The names entries declare, as the resolver declares them (an entry
    /// without its id or name declares nothing), gathered as entries are read.
    struct EntryNames {
        var workstreams = Names([])
        var comparators = Names([])
        /// The first comparator of each id: whether it has a tolerance, and where it is.
        var comparatorInfo: [String: (hasTolerance: Bool, location: Location)] = [:]
        var sections = Names([])
        var leads = Names([])
        /// Every item's id, hashed only if a plan links or names an unknown one.
        var itemIDs: [String] = []
        /// Where the first entry and each `plan` entry start (their keyword).
        var firstEntry: Location?
        var plans: [Location] = []

        mutating func declare(_ located: LoadedPlan.Located) {
            let entry = located.entry
            if firstEntry == nil { firstEntry = Location(file: located.file, span: entry.keywordSpan) }
            switch entry.kind {
            case .plan: plans.append(Location(file: located.file, span: entry.keywordSpan))
            case .workstream: if let id = entry.id { workstreams.add(id.name) }
            case .comparator:
                if let id = entry.id {
                    comparators.add(id.name)
                    if comparatorInfo[id.name] == nil {
                        let tolerance = entry.clauses.contains { if case .tolerance = $0.kind { true } else { false } }
                        comparatorInfo[id.name] = (tolerance, Location(file: located.file, span: id.span))
                    }
                }
            case .section: if let id = entry.id { sections.add(id.name) }
            case .lead: if let name = entry.title { leads.add(name.value) }
            case .measure, .action: if let id = entry.id { itemIDs.append(id.name) }
            default: break
            }
        }
    }

    /// Which names a reference is looked up among.
    enum NameKind { case workstream, comparator, section, lead, linkable, item }

    /// A reference whose name was not declared when it was read.
    struct PendingReference {
        var id: Identifier
        var among: NameKind
        var kind: String
        var file: FileID
        var code: DiagnosticCode = .unknownReference
        /// How to declare the name, when none near it is (built only for a
        /// reference that is unknown: every workstream, lead and comparator
        /// reference of a plan passes through here).
        var declare: Declare = .none
        /// `in line with`: once found, the comparator must have a tolerance.
        var needsTolerance = false

        enum Declare { case none, entry(String), lead }

        var help: String? {
            switch declare {
            case .none: nil
            case .entry(let kind): Checker.declareHelp(kind, id.name)
            case .lead: "declare it with a `lead \"\(id.name)\"` entry, or correct the name"
            }
        }
    }

    /// True when `id` is among the names declared so far; otherwise it is
    /// looked up again once every entry is in (nil).
    @discardableResult
    private mutating func refer(_ reference: PendingReference) -> Bool? {
        let known: Bool
        switch reference.among {
        case .workstream: known = names.workstreams.set.contains(reference.id.name)
        case .comparator: known = names.comparators.set.contains(reference.id.name)
        case .section: known = names.sections.set.contains(reference.id.name)
        case .lead: known = names.leads.set.contains(reference.id.name)
        // Items are not hashed as they come: most plans never refer to one.
        case .linkable: known = names.sections.set.contains(reference.id.name)
            || names.workstreams.set.contains(reference.id.name)
        case .item: known = false
        }
        if known { return true }
        pending.append((diagnostics.count, reference))
        return nil
    }

    /// The entry rules' findings with every pending reference looked up
    /// among all the names, in the order they were read.
    private mutating func settlePending() -> [Diagnostic] {
        guard !pending.isEmpty else { return diagnostics }
        let found = diagnostics
        diagnostics = []
        var next = 0
        let linkable = Names(names.itemIDs + names.sections.list + names.workstreams.list)
        let items = Names(names.itemIDs)
        for (position, reference) in pending {
            diagnostics += found[next..<position]
            next = position
            let among: Names
            switch reference.among {
            case .workstream: among = names.workstreams
            case .comparator: among = names.comparators
            case .section: among = names.sections
            case .lead:
                // Lead names are checked only in a plan that declares leads.
                if names.leads.list.isEmpty { continue }
                among = names.leads
            case .linkable: among = linkable
            case .item: among = items
            }
            let known = checkReference(reference.id, among: among, kind: reference.kind, file: reference.file,
                                       code: reference.code, help: reference.help)
            if known && reference.needsTolerance { checkTolerance(of: reference.id, file: reference.file) }
        }
        diagnostics += found[next...]
        pending = []
        return diagnostics
    }

    /// `in line with sn` needs comparator sn to declare a tolerance.
    private mutating func checkTolerance(of id: Identifier, file: FileID) {
        guard let comparator = names.comparatorInfo[id.name], !comparator.hasTolerance else { return }
        report(.comparatorTolerance,
               "`in line with \(id.name)` needs a tolerance, but comparator \"\(id.name)\" declares none",
               at: Location(file: file, span: id.span),
               labels: [Label(comparator.location, "declared here")],
               help: "add `tolerance 5%` to the comparator, or write `within 2 points of \(id.name)`")
    }

    /// The rules on an entry's written form: which clauses it may have, and
    /// the names it refers to.
    mutating func checkEntry(_ located: LoadedPlan.Located) {
        names.declare(located)
        let file = located.file
        let entry = located.entry
        let allowed = Self.allowedClauses(entry.kind)
        // An entry has a handful of clauses: a list searched in place
        // costs less than a dictionary built and hashed for each entry.
        var seen: [(keyword: Keyword, span: Span)] = []
        seen.reserveCapacity(entry.clauses.count)
        func earliest(_ keyword: Keyword) -> Span? { seen.first { $0.keyword == keyword }?.span }
        for clause in entry.clauses {
            let at = Location(file: file, span: clause.span)
            if !allowed.contains(clause.keyword) {
                report(.misplacedClause, "\(Self.article(Self.name(entry.kind))) \(Self.name(entry.kind)) cannot have a `\(clause.keyword.text)` clause",
                       at: at, labels: [Label(Location(file: file, span: entry.keywordSpan), "in this \(Self.name(entry.kind))")])
            } else if Self.onceOnly.contains(clause.keyword), let earlier = earliest(clause.keyword) {
                report(.duplicateClause, "`\(clause.keyword.text)` is given twice", at: at,
                       labels: [Label(Location(file: file, span: earlier), "first given here")])
            }
            if case .minimumCohort(let size, let span) = clause.kind,
               !(size >= 1 && size == size.rounded(.down) && size < 1e9) {
                report(.invalidCohort, "`minimum cohort` is \(Display.number(size)), but a cohort is a positive whole number",
                       at: Location(file: file, span: span), help: "as in `minimum cohort 10`")
            }
            let other: Keyword? = clause.keyword == .due ? .timescale : (clause.keyword == .timescale ? .due : nil)
            if let other, let earlier = earliest(other) {
                report(.duplicateClause, "an action has one due date: `timescale` and `due` both set it", at: at,
                       labels: [Label(Location(file: file, span: earlier), "due date set here")])
            }
            if earliest(clause.keyword) == nil { seen.append((clause.keyword, clause.span)) }
            switch clause.kind {
            case .workstream(let id):
                refer(PendingReference(id: id, among: .workstream, kind: "workstream", file: file,
                                       declare: .entry("workstream")))
            case .baseline(let quantity, _):
                checkMagnitude(quantity.value, at: Location(file: file, span: quantity.span))
            case .partOf(let id):
                // `part of S1` in section S1: one finding, here (not also a cycle).
                if id.name == entry.id?.name {
                    report(.sectionCycle, "a section cannot be part of itself", at: Location(file: file, span: id.span),
                           help: "remove `part of \(id.name)`, or name the section this one belongs to")
                } else {
                    refer(PendingReference(id: id, among: .section, kind: "section", file: file,
                                           declare: .entry("section")))
                }
            case .links(let ids):
                for id in ids { refer(PendingReference(id: id, among: .linkable, kind: "measure, action, section or workstream", file: file)) }
            case .lead(let leads):
                for name in leads {
                    refer(PendingReference(id: Identifier(name.value, span: name.span), among: .lead, kind: "lead",
                                           file: file, declare: .lead))
                }
            case .done(nil):
                report(.doneWithoutDate, "`done` needs the date it was done; without one the action is judged not done",
                       at: at, help: "write the day it was done, e.g. `done 2014-11-10`")
            case .target(let milestones):
                for milestone in milestones {
                    switch milestone.requirement {
                    case .inLineWith(let id):
                        if refer(PendingReference(id: id, among: .comparator, kind: "comparator", file: file,
                                                  declare: .entry("comparator"),
                                                  needsTolerance: true)) == true {
                            checkTolerance(of: id, file: file)
                        }
                    case .within(_, let id):
                        refer(PendingReference(id: id, among: .comparator, kind: "comparator", file: file,
                                               declare: .entry("comparator")))
                    default: break
                    }
                }
            default: break
            }
        }
        if entry.kind == .data, let id = entry.id {
            refer(PendingReference(id: id, among: .item, kind: "measure or action", file: file, code: .dataUnknownID))
        }
    }

    /// How to declare a name that is not (when no declared one is near it).
    static func declareHelp(_ kind: String, _ id: String) -> String {
        let example = kind == "comparator" ? "comparator \(id) \"Statistical neighbours\" tolerance 5%"
            : "\(kind) \(id) \"Title\""
        return "declare it with a `\(example)` entry at column 1, or correct the id"
    }

    /// Declared names: in order for suggestions, and hashed for look-ups.
    struct Names {
        private(set) var list: [String]
        private(set) var set: Set<String>
        init(_ list: [String]) {
            self.list = list
            self.set = Set(list)
        }
        mutating func add(_ name: String) {
            list.append(name)
            set.insert(name)
        }
    }

    /// Reports `id` when it is not among `names`, with a "did you mean" when one is close.
    /// A suggestion scans every name, so only the first `Limits.diagnostics`
    /// unknown references get one: a plan of a million bad references stays linear.
    @discardableResult
    mutating func checkReference(_ id: Identifier, among names: Names, kind: String, file: FileID,
                                 code: DiagnosticCode = .unknownReference, help: String? = nil) -> Bool {
        if names.set.contains(id.name) { return true }
        var suggestion: String?
        if work.suggestions < Limits.diagnostics {
            work.suggestions += 1
            suggestion = Suggest.closest(to: id.name, among: names.list)
        }
        report(code, "no \(kind) named \"\(id.name)\"", at: Location(file: file, span: id.span),
               help: suggestion.map { "did you mean \"\($0)\"?" } ?? help)
        return false
    }

    // MARK: Measures and actions

    mutating func checkItem(_ item: Item) {
        // A baseline too large is reported at its number, by `checkEntries`.
        if let baseline = item.baseline, Limits.isExact(baseline.value) {
            checkValue(baseline.value, unit: item.unit, at: baseline.location)
        }
        if let tolerance = item.tolerance { checkTolerance(tolerance, at: location(of: tolerance.span, near: item.location)) }
        // Targets on the same date must agree; most items have one dated
        // milestone, and need no table.
        let milestoneCount = item.targets.reduce(0) { $0 + $1.milestones.count }
        // Per date, of the milestones before: the one reaching least far
        // down and the one reaching least far up. A new one that misses
        // neither meets every one (intervals on a line), so each milestone
        // is looked at once, and a contradiction is one finding however
        // many targets it contradicts: 4,000 targets on one date cost
        // minutes and gigabytes, a finding for each pair.
        var byDate: [CalendarDate: (highestLow: (MilestoneModel, ClosedInterval), lowestHigh: (MilestoneModel, ClosedInterval))] = [:]
        for target in item.targets {
            checkUndatedMilestones(target)
            var previous: MilestoneModel?  // the last dated one
            for milestone in target.milestones {
                checkMilestone(milestone, in: item)
                if milestone.deadline.date != nil {
                    if let previous { checkOrder(previous, milestone) }
                    previous = milestone
                }
                if milestoneCount > 1, let date = milestone.deadline.date,
                   let interval = Self.interval(milestone.requirement, in: item) {
                    guard var extremes = byDate[date] else {
                        byDate[date] = ((milestone, interval), (milestone, interval))
                        continue
                    }
                    if let (other, _) = [extremes.highestLow, extremes.lowestHigh].first(where: { !interval.overlaps($0.1) }) {
                        report(.contradictoryTargets,
                               "\(item.kind.rawValue) \(item.id) asks for \(milestone.required) and \(other.required) on the same date (\(date.display)); no value meets both",
                               at: milestone.location, labels: [Label(other.location, "the other target")])
                    }
                    // On a tie the open end is the tighter one.
                    let low = extremes.highestLow.1
                    if interval.low > low.low || (interval.low == low.low && interval.lowOpen && !low.lowOpen) {
                        extremes.highestLow = (milestone, interval)
                    }
                    let high = extremes.lowestHigh.1
                    if interval.high < high.high || (interval.high == high.high && interval.highOpen && !high.highOpen) {
                        extremes.lowestHigh = (milestone, interval)
                    }
                    byDate[date] = extremes
                }
            }
            // Relaxation reads the trajectory as time runs, whatever order it
            // was written in (an out-of-order one is reported above, once).
            guard target.milestones.count > 1 else { continue }
            let dated = target.milestones.filter { $0.deadline.date != nil }
                .enumerated().sorted { ($0.element.deadline.date!, $0.offset) < ($1.element.deadline.date!, $1.offset) }
                .map(\.element)
            for (earlier, later) in zip(dated, dated.dropFirst()) where earlier.deadline.date! < later.deadline.date! {
                checkRelaxes(earlier, later, in: item)
            }
        }
        checkStandingContradictions(item)
        for undated in item.undated {
            checkValues(undated.requirement, in: item, near: undated.location)
            checkDirection(undated.requirement, in: item, near: undated.location)
        }
        for target in item.targets { for milestone in target.milestones { checkDirection(milestone.requirement, in: item, near: milestone.location) } }

        if let due = item.due, let date = due.date { checkInPeriod(date, at: due.location, what: "due date", counted: due.counted) }
        for signoff in item.signoffs {
            if let date = signoff.date { checkInPeriod(date, at: signoff.location, what: "\(signoff.board) sign-off date") }
        }
    }

    /// A bare level or `maintain` takes its direction from the polarity.
    mutating func checkDirection(_ requirement: Requirement, in item: Item, near: Location) {
        guard item.polarity == nil else { return }
        switch requirement {
        case .level(let q):
            let written = Display.quantity(q)
            report(.bareLevel,
                   "\"\(written)\" has no comparator, and \(item.id) has no polarity to say whether it is a floor or a ceiling",
                   at: location(of: q.span, near: near),
                   help: "write `>= \(written)` or `<= \(written)`, or give the measure `polarity higher` (at least) or `polarity lower` (at most)")
        case .maintain:
            report(.missingPolarity, "`maintain` needs \(item.id)'s polarity to say which way is worse",
                   at: near, help: "add `polarity higher` (not below the baseline) or `polarity lower` (not above it)")
        default:
            break
        }
    }


    /// Percent ranges and signs of the numbers a requirement names.
    mutating func checkValues(_ requirement: Requirement, in item: Item, near: Location) {
        switch requirement {
        case .compare(let comparison, let q):
            let unit = q.unit ?? item.unit
            let at = location(of: q.span, near: near)
            checkValue(q.value, unit: unit, at: at)
            // `above 100%`: a level in range that no value is beyond.
            let (low, high): (Double, Double?) = unit == .percent ? (0, 100) : (0, nil)
            if unit != .done, comparison == .above && q.value == high || comparison == .below && q.value == low {
                let written = "\(comparison.words) \(Display.quantity(q))"
                let noun = unit == .percent ? "percentage" : unit.map(Resolver.describe).map { String($0.drop { $0 != " " }.dropFirst()) } ?? "count"
                report(unit == .percent ? .percentRange : .negativeValue,
                       "`\(written)` can never be met: no \(noun) is \(comparison.words) \(Display.number(q.value))",
                       at: at, help: "write `\(comparison == .above ? "at least" : "at most") \(Display.quantity(q))` if reaching it is the target")
            }
        case .level(let q):
            checkValue(q.value, unit: q.unit ?? item.unit, at: location(of: q.span, near: near))
        case .range(let from, let to):
            checkValue(from.value, unit: from.unit ?? item.unit, at: location(of: from.span, near: near))
            checkValue(to.value, unit: to.unit ?? item.unit, at: location(of: to.span, near: near))
        case .change(_, let amount?):
            checkMagnitude(amount.amount, at: location(of: amount.span, near: near))
        case .within(let tolerance, _):
            checkTolerance(tolerance, at: location(of: tolerance.span, near: near))
        default:
            break
        }
    }

    mutating func checkMilestone(_ milestone: MilestoneModel, in item: Item) {
        checkValues(milestone.requirement, in: item, near: milestone.location)
        switch milestone.requirement {
        case .maintain:
            let hasBaseline = item.baselineWritten || baselineIDs?.contains(item.id) == true
                || model.inlineRows.contains { $0.id == item.id && $0.row.series?.name == "baseline" }
            if !hasBaseline {
                let withData = baselineIDs != nil
                report(.missingBaseline,
                       "`maintain` keeps \(item.id) at its baseline, but it has no baseline "
                           + (withData ? "in the plan or its data" : "in the plan; it must come from the data's `baseline` series"),
                       at: milestone.location, severity: withData ? .error : .warning,
                       help: "add `baseline VALUE at DATE`, or give a `baseline` series in the data")
            }
        case .change(let direction, let amount):
            let hasBaseline = item.baselineWritten || baselineIDs?.contains(item.id) == true
                || inlineBaselineIDs.contains(item.id)
            if !hasBaseline {
                // Without data the baseline may still come from the data's
                // `baseline` series, so it is a warning until data is given.
                let withData = baselineIDs != nil
                report(.missingBaseline,
                       "\"\(milestone.required)\" is relative, but \(item.kind.rawValue) \(item.id) has no baseline "
                           + (withData ? "in the plan or its data" : "in the plan; it must come from the data's `baseline` series"),
                       at: milestone.location, severity: withData ? .error : .warning,
                       help: "add `baseline VALUE at DATE`, write `from X to Y`, or give a `baseline` series in the data")
            }
            // A percentage measure by its plan, or, naming no unit, by its data.
            let isPercent = item.unit == .percent
                || item.unit == nil && percentInData.contains(currentItem)
            if let amount { checkChange(direction, amount, isPercent: isPercent, in: item, near: milestone.location) }
        default: break
        }
        if let polarity = item.polarity, let direction = Self.direction(milestone.requirement), direction != polarity {
            report(.polarityConflict,
                   "\"\(milestone.required)\" asks for a \(direction == .higher ? "higher" : "lower") value, but \(item.id) declares `polarity \(polarity.rawValue)`",
                   at: milestone.location, help: "check the target's direction, or the measure's polarity")
        }
        if let date = milestone.deadline.date {
            checkInPeriod(date, at: milestone.deadline.location, what: "deadline", counted: milestone.deadline.counted)
        }
        if let from = milestone.recurrence?.from {
            checkInPeriod(from, at: milestone.deadline.location, what: "start",
                          subject: "`\(milestone.deadline.written)` starts on \(from.display), which")
        }
        if let months = milestone.sustainedMonths, months < 1 {
            report(.syntax, "`sustained` needs at least 1 month", at: milestone.location)
        }
        checkCombination(milestone)
    }

    /// `average`, `sustained` and a recurring deadline each say how a level
    /// is held over time, and no rule says how two of them would combine:
    /// said, where the evaluator used to judge one and drop the other, and
    /// say "met". A `done` target is one event, so it does not recur.
    mutating func checkCombination(_ milestone: MilestoneModel) {
        let recurring = milestone.recurrence.map { "each \($0.period.rawValue)" }
        var problem: (message: String, help: String)?
        if case .done = milestone.requirement, let recurring {
            problem = ("a `done` target is done once, so it cannot be `\(recurring)`",
                       "give it a deadline, as in `done by March 2014`")
        } else if milestone.averageMonths != nil, let recurring {
            problem = ("an `average ... over N months` target cannot also be `\(recurring)`",
                       "write `by` a date for the average, or drop `average` to hold each period's value to the level")
        } else if milestone.sustainedMonths != nil, let recurring {
            problem = ("a recurring target (`\(recurring)`) cannot also be `sustained`: every period must meet the level already",
                       "drop `sustained`, or write `by` a date to hold the level for the months before it")
        } else if milestone.averageMonths != nil, milestone.sustainedMonths != nil {
            problem = ("an `average ... over N months` target cannot also be `sustained`",
                       "drop one: `average` judges the mean of the months, `sustained` every month's value")
        }
        if let problem { report(.syntax, problem.message, at: milestone.location, help: problem.help) }
    }

    /// The level a change comes to must be one a value can have: `decrease by
    /// 120%` is below zero whatever the baseline, and `increase by 50 points`
    /// from 60% is 110%. `by N%` on a percentage is read as relative, which a
    /// warning says when points were as likely meant: not when points would
    /// give no percentage either.
    mutating func checkChange(_ direction: Direction, _ amount: ChangeAmount, isPercent: Bool, in item: Item,
                              near: Location) {
        let at = location(of: amount.span, near: near)
        // A number too large is reported by `checkValues`; `done` has no levels.
        guard Limits.isExact(amount.amount), item.unit != .done else { return }
        let sign: Double = direction == .increase ? 1 : -1
        let relative = amount.kind == .relative
        func possible(_ level: Double) -> Bool { isPercent ? (0...100).contains(level) : level >= 0 }
        let baseline = item.baseline?.value
        // The level by each reading, where the plan gives the baseline.
        let level = baseline.map { relative ? $0 * (1 + sign * amount.amount / 100) : $0 + sign * amount.amount }
        let asPoints = relative && isPercent && amount.amount <= 100
            && baseline.map { possible($0 + sign * amount.amount) } ?? true
        // Worded only when there is something to say (most changes are sound).
        var pointsHelp: String? { asPoints ? "write `by \(Display.number(amount.amount)) points` if percentage points were meant" : nil }
        var written: String { "\(direction.rawValue) by \(Display.number(amount.amount))\(relative ? "%" : amount.kind == .points ? " points" : "")" }
        let code: DiagnosticCode = isPercent ? .percentRange : .negativeValue
        if relative, direction == .decrease, amount.amount > 100, baseline.map({ $0 > 0 }) ?? true {
            report(code, "`\(written)` takes away more than the whole baseline, leaving a level below zero",
                   at: at, help: pointsHelp ?? "a decrease is at most 100% (to zero)")
            return
        }
        if let baseline, let level, !possible(level), Limits.isExact(level) {
            let what = isPercent ? "\(Display.number(level))%, which is not a percentage between 0 and 100"
                : "\(Display.number(level)), below zero"
            report(code, "`\(written)` from the baseline \(Display.number(baseline))\(isPercent ? "%" : "") asks for \(what)",
                   at: at, labels: item.baseline.map { [Label($0.location, "the baseline")] } ?? [],
                   help: pointsHelp ?? "check the change and the baseline")
            return
        }
        if relative, isPercent, asPoints {
            report(.ambiguousRelative,
                   "`by \(Display.number(amount.amount))%` on a percentage measure is read as relative (\(Display.number(amount.amount))% of the baseline)",
                   at: at, help: pointsHelp)
        }
    }

    /// A trajectory's milestones are dated: an `ongoing` or recurring one in
    /// it has no place in the order, and is reported once, where it is.
    mutating func checkUndatedMilestones(_ target: TargetModel) {
        guard target.milestones.count > 1, target.milestones.contains(where: { $0.deadline.date != nil }) else { return }
        for milestone in target.milestones where milestone.deadline.date == nil {
            let what = milestone.recurrence != nil ? "a recurring target (`\(milestone.deadline.written)`)" : "an `ongoing` target"
            report(.milestoneOrder, "\(what) cannot be part of a trajectory with dated milestones",
                   at: milestone.location,
                   help: "write them as two `target` clauses: one `\(milestone.deadline.written)`, one with the dated milestones")
        }
    }

    /// Two consecutive milestones of one trajectory, as written: their dates
    /// must increase.
    mutating func checkOrder(_ earlier: MilestoneModel, _ later: MilestoneModel) {
        if let a = earlier.deadline.date, let b = later.deadline.date, b <= a {
            let message = b == a
                ? "two milestones of one trajectory fall on the same date (\(b.display)); each needs its own deadline"
                : "milestones must be in date order: this one, due \(b.display), is written after one due \(a.display)"
            report(.milestoneOrder, message, at: later.deadline.location,
                   labels: [Label(earlier.deadline.location, b == a ? "the other milestone on \(b.display)" : "due later, but written first")],
                   help: b == a ? "give one of them a different deadline, or write them as two `target` clauses"
                       : "write a trajectory's milestones earliest first")
        }
    }

    /// Two milestones of one trajectory, consecutive in date order: the later
    /// should not ask for less.
    mutating func checkRelaxes(_ earlier: MilestoneModel, _ later: MilestoneModel, in item: Item) {
        // A level and the way it pushes: a comparison's own, a bare level's
        // from the polarity.
        func level(_ requirement: Requirement) -> (value: Double, direction: Polarity)? {
            guard let (comparison, value) = Self.threshold(requirement, in: item) else { return nil }
            switch comparison {
            case .atLeast, .above: return (value, .higher)
            case .atMost, .below: return (value, .lower)
            case .exactly: return item.polarity.map { (value, $0) }
            }
        }
        guard let (v1, d1) = level(earlier.requirement), let (v2, d2) = level(later.requirement), d1 == d2 else { return }
        // A level no value can have (`>= 180%`) is reported as such, not also as a relaxation.
        let impossible: (Double) -> Bool = item.unit == .percent ? { !(0...100).contains($0) } : { $0 < 0 }
        if impossible(v1) || impossible(v2) { return }
        let polarity = item.polarity ?? d1
        let relaxes = polarity == .higher ? v2 < v1 : v2 > v1
        if relaxes {
            report(.trajectoryRelaxes,
                   "the trajectory relaxes: \(later.required) by \(later.deadline.written) asks for less than \(earlier.required) by \(earlier.deadline.written)",
                   at: later.location, labels: [Label(earlier.location, "the earlier milestone")],
                   help: "a trajectory usually tightens towards the final target")
        }
    }

    /// `counted`: the date is counted from the period's start (`within 18
    /// months`), so no year was written to check.
    mutating func checkInPeriod(_ date: CalendarDate, at location: Location, what: @autoclosure () -> String, counted: Bool = false,
                                subject: @autoclosure () -> String? = nil) {
        guard let period = model.period, !period.contains(date) else { return }
        let help = counted
            ? "no year is written: it is counted from the start of the period (\(period.start.display)) and falls after the period ends; shorten it, or check the period"
            : "check the year"
        let what = what()
        report(.outsidePeriod,
               "\(subject() ?? "the \(what) \(date.display)") is outside the plan's period (\(period.start.display) to \(period.end.display))",
               at: location, help: help)
    }

    /// Percentages in 0...100, counts and rates not below zero, and no number
    /// past what a `Double` holds exactly.
    mutating func checkValue(_ value: Double, unit: Unit?, at location: Location) {
        guard checkMagnitude(value, at: location) else { return }
        if case .rate(let per)? = unit, !checkMagnitude(per, at: location) { return }
        switch unit {
        case .percent where value < 0 || value > 100:
            report(.percentRange, "\(Display.number(value))% is not a percentage between 0 and 100", at: location)
        case .percent, .done:
            break
        default:
            if value < 0 {
                report(.negativeValue, "\(Display.nonzero(value)) is negative, but \(unit.map(Resolver.describe) ?? "a count") cannot be",
                       at: location)
            }
        }
    }

    /// A tolerance is a width, how far from the line a value may be: zero or
    /// more. (`tolerance -5%` passed, and was judged as a tighter line.)
    mutating func checkTolerance(_ tolerance: Tolerance, at location: Location) {
        guard checkMagnitude(tolerance.amount, at: location), tolerance.amount < 0 else { return }
        var positive = tolerance
        positive.amount = -tolerance.amount
        report(.negativeValue, "a tolerance of \(Display.tolerance(tolerance)) is below zero, but a tolerance is a width: zero or more",
               at: location, help: "drop the minus sign (`\(Display.tolerance(positive))`): a tolerance says how far on the wrong side of the line a value may be")
    }

    /// Reports a number larger than `Limits.largestExactInteger` (every value
    /// is a `Double`, which past 2^53 - 1 no longer holds every whole number);
    /// false when it did.
    @discardableResult
    mutating func checkMagnitude(_ value: Double, at location: Location) -> Bool {
        guard !Limits.isExact(value) else { return true }
        report(.numberTooLarge, Limits.tooLargeMessage(value),
               at: location, help: "check the number of digits")
        return false
    }

    func location(of span: Span, near: Location) -> Location { Location(file: near.file, span: span) }

    /// Which way a requirement pushes the value.
    static func direction(_ requirement: Requirement) -> Polarity? {
        switch requirement {
        case .compare(.atLeast, _), .compare(.above, _), .change(.increase, _): .higher
        case .compare(.atMost, _), .compare(.below, _), .change(.decrease, _): .lower
        case .range(let from, let to): to.value > from.value ? .higher : (to.value < from.value ? .lower : nil)
        default: nil
        }
    }

    /// The values a comparison admits, for spotting contradictions.
    struct ClosedInterval {
        var low: Double
        var lowOpen: Bool
        var high: Double
        var highOpen: Bool
        func overlaps(_ other: ClosedInterval) -> Bool {
            let low = max(self.low, other.low)
            let high = min(self.high, other.high)
            if low < high { return true }
            if low > high { return false }
            let lowOpen = (self.low == low && self.lowOpen) || (other.low == low && other.lowOpen)
            let highOpen = (self.high == high && self.highOpen) || (other.high == high && other.highOpen)
            return !lowOpen && !highOpen
        }
    }

    /// Targets that stand over time (`ongoing`, `each quarter`) contradict
    /// one another, or a dated target, when no value meets both on a date
    /// where both apply: an ongoing one applies every day, a recurring one at
    /// each of its periods' ends from its first.
    mutating func checkStandingContradictions(_ item: Item) {
        // Most items have one dated milestone: looked at without a copy.
        var count = 0
        var anyStanding = false
        for target in item.targets {
            for milestone in target.milestones {
                count += 1
                if milestone.recurrence != nil || milestone.deadline.isOngoing { anyStanding = true }
            }
        }
        guard count > 1, anyStanding else { return }
        let levels = item.targets.flatMap(\.milestones).compactMap { m in Self.interval(m.requirement, in: item).map { (milestone: m, interval: $0) } }
        let standing = { (m: MilestoneModel) in m.recurrence != nil || m.deadline.isOngoing }
        // The standing ones are few; each milestone is compared with those
        // before it that stand (or, standing itself, with all before it) and
        // gives at most one finding. A measure of thousands of targets (no
        // plan has one) is compared only with its first 256 standing ones,
        // and a standing target only with the first 256 before it, so the
        // work stays linear.
        let standingBefore = levels.indices.filter { standing(levels[$0].milestone) }.prefix(256)
        for j in levels.indices {
            let candidates: [Int] = standing(levels[j].milestone) ? Array(levels.indices.prefix(min(j, 256))) : standingBefore.filter { $0 < j }
            for i in candidates where !levels[i].interval.overlaps(levels[j].interval) {
                let (a, b) = (levels[i].milestone, levels[j].milestone)
                guard standing(a) || standing(b), let when = commonDate(a, b) else { continue }
                report(.contradictoryTargets,
                       "\(item.kind.rawValue) \(item.id) asks for \(a.required) and \(b.required), both in force \(when); no value meets both",
                       at: b.location, labels: [Label(a.location, "the other target")])
                break
            }
        }
    }

    /// When two milestones, one of them standing, both apply: "on 30 Sep
    /// 2014", "every day"; nil when they never meet.
    func commonDate(_ a: MilestoneModel, _ b: MilestoneModel) -> String? {
        // A recurring target's first period, from `from` or the plan's start.
        func first(_ m: MilestoneModel) -> CalendarPeriod? {
            guard let recurrence = m.recurrence, let from = recurrence.from ?? model.period?.start else { return nil }
            return CalendarPeriod(recurrence.period, containing: from)
        }
        func rank(_ kind: RecurringPeriod) -> Int { kind == .month ? 0 : kind == .quarter ? 1 : 2 }
        switch (a.recurrence, b.recurrence) {
        case (nil, nil):
            if a.deadline.isOngoing && b.deadline.isOngoing { return "every day" }
            return (a.deadline.date ?? b.deadline.date).map { "on " + $0.display }
        case (let r?, nil), (nil, let r?):
            let other = a.recurrence == nil ? a : b
            let standing = a.recurrence == nil ? b : a
            guard let start = first(standing) else { return nil }
            if let date = other.deadline.date {
                // A dated target meets a recurring one on one of its period ends.
                guard date >= start.start, CalendarPeriod(r.period, containing: date).end == date else { return nil }
                return "on " + date.display
            }
            return "on " + start.end.display
        case (let r1?, let r2?):
            guard let p1 = first(a), let p2 = first(b) else { return nil }
            let coarser = rank(r1.period) >= rank(r2.period) ? r1.period : r2.period
            return "on " + CalendarPeriod(coarser, containing: max(p1.start, p2.start)).end.display
        }
    }

    static func interval(_ requirement: Requirement, in item: Item) -> ClosedInterval? {
        guard let (comparison, value) = threshold(requirement, in: item) else { return nil }
        let infinity = Double.infinity
        switch comparison {
        case .atLeast: return ClosedInterval(low: value, lowOpen: false, high: infinity, highOpen: true)
        case .above: return ClosedInterval(low: value, lowOpen: true, high: infinity, highOpen: true)
        case .atMost: return ClosedInterval(low: -infinity, lowOpen: true, high: value, highOpen: false)
        case .below: return ClosedInterval(low: -infinity, lowOpen: true, high: value, highOpen: true)
        case .exactly: return ClosedInterval(low: value, lowOpen: false, high: value, highOpen: false)
        }
    }

    /// The comparison a requirement comes to, as the evaluator reads it,
    /// when the plan alone settles it: a bare level or `maintain` with the
    /// polarity, `from X to Y` as at least (or at most) Y, and a change or
    /// `maintain` from a baseline the plan gives (one from the data is not
    /// known until it is read). Nil for comparators and `done`.
    /// A level written in a unit other than the measure's (already a
    /// `unit-mismatch`) is compared with nothing: units are never converted.
    static func threshold(_ requirement: Requirement, in item: Item) -> (Comparison, Double)? {
        let written: Unit?
        switch requirement {
        case .compare(_, let q), .level(let q): written = q.unit
        case .range(_, let to): written = to.unit
        default: written = nil
        }
        if let written, let unit = item.unit, !Resolver.compatible(written, unit) { return nil }
        return requirement.comparison(baseline: item.baseline?.value, polarity: item.polarity)
    }

    // MARK: Inline data

    mutating func checkInlineData() {
        var seen: [String: Location] = [:]
        // Built only when there are rows to route (it hashes every id).
        let twins = model.inlineRows.isEmpty ? [:] : model.makeTwins(index: itemIndex)
        for row in model.inlineRows {
            guard let first = itemIndex[row.id] else { continue }
            let index = model.route(first, row.row.value, twins: twins)
            let item = model.items[index]
            let at = Location(file: row.file, span: row.row.valueSpan)
            if let problem = DataRules.cohortProblem(row.row.value) {
                report(.invalidCohort, problem, at: at)
            } else if let problem = DataRules.unitProblem(row.row.value, for: item) {
                report(.dataUnitMismatch, problem, at: at)
            }
            // A value written with % is a percentage whatever the plan says
            // of its measure, as in a CSV (whose loader says the same).
            if case .number(let value, let percent) = row.row.value {
                checkValue(value, unit: percent ? .percent : item.effectiveUnit, at: at)
            }
            if let date = row.date {
                // A figure and a status on one date are two observations (an action's).
                let key = "\(row.id)\u{0}\(date.dayNumber)\u{0}\(row.row.series?.name ?? "")\u{0}\(row.row.value.isFigure)"
                let here = Location(file: row.file, span: row.row.span)
                if let earlier = seen[key] {
                    report(.dataDuplicate, "a second observation of \(row.id) for \(date.display)\(row.row.series.map { " (series \($0.name))" } ?? "")",
                           at: here, labels: [Label(earlier, "the first")])
                } else {
                    seen[key] = here
                }
            }
            if let series = row.row.series, series.name != "baseline",
               !model.comparators.contains(where: { $0.id == series.name }) {
                checkReference(series, among: Names(model.comparators.map(\.id) + ["baseline"]), kind: "series",
                               file: row.file, code: .dataUnknownSeries)
            }
        }
    }
}

/// What values a measure or action accepts from data. Shared by inline data
/// rows and the CSV loader, so both say the same thing.
public enum DataRules {
    /// nil unless `value` is a cohort that is no share of a whole: `0/0`, `9/8`.
    public static func cohortProblem(_ value: DataValue) -> String? {
        guard case .fraction(let numerator, let denominator) = value else { return nil }
        if denominator == 0 { return "\(Display.number(numerator))/0 is a cohort of none: it has no percentage" }
        if numerator > denominator {
            return "\(Display.number(numerator)) of a cohort of \(Display.number(denominator)) is more than the whole cohort"
        }
        return nil
    }

    /// nil when `value` suits `item`; otherwise the message.
    public static func unitProblem(_ value: DataValue, for item: Item) -> String? {
        unitProblem(value, id: item.id, unit: item.unit, effectiveUnit: item.effectiveUnit, isAction: item.kind == .action)
    }

    /// The same from the three things it reads, for a reader of many rows:
    /// passing a whole `Item` copies it.
    ///
    /// An action's status (`complete`, `in progress`, `not started`, a
    /// completion date, yes or no) is always welcome: it says whether the
    /// action is done, beside the numbers of any numeric target it carries
    /// (spec, "Actions": "It may carry numeric targets too; their data is
    /// keyed by the action's id"). Each judgement reads the values of its kind.
    public static func unitProblem(_ value: DataValue, id: String, unit declared: Unit?, effectiveUnit unit: Unit,
                                   isAction: Bool = false) -> String? {
        switch value {
        case .number(_, let percent):
            if unit == .done {
                return "\(id) is done or not done, but this value is a number; use complete, in progress, not started, yes, no or a completion date"
            }
            // A measure whose plan says nothing of its unit takes the data's.
            if percent && unit != .percent && declared != nil {
                return "\(id) is \(Resolver.describe(unit)), but this value is a percentage"
            }
            return nil
        case .fraction:
            if unit == .done {
                return "\(id) is done or not done, but this value is a cohort (numerator/denominator)"
            }
            if unit != .percent && declared != nil {
                return "\(id) is \(Resolver.describe(unit)), but `N/D` is always a percentage"
            }
            return nil
        case .state, .date, .yes, .no:
            return unit == .done || isAction ? nil : "\(id) is \(Resolver.describe(unit)), but this value is a status; give a number"
        }
    }
}
