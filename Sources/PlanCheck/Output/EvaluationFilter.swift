/// Narrows an evaluation to what one reader cares about: a lead's items, a
/// workstream, some statuses, key targets. A pure function, so the CLI's
/// `--lead`, `--workstream`, `--status` and `--key` and any other front door
/// filter alike.
///
///     var filter = EvaluationFilter()
///     filter.leads = ["paul evans"]
///     filter.statuses = [.missed, .atRisk]
///     let mine = filter.apply(evaluation, model: model)
///
/// An empty list (or set) does not filter; the conditions that are set must
/// all hold. Leads and workstreams match case-insensitively. A lead matches
/// the item's own and those of every section above it (`part of` included),
/// so a recommendation's lead sees the actions under it; a workstream matches
/// the one the item is in, its own or else its nearest section's.
public struct EvaluationFilter: Sendable, Hashable {
    public var leads: [String]
    public var workstreams: [String]
    public var statuses: Set<Status>
    public var keyOnly: Bool

    public init(leads: [String] = [], workstreams: [String] = [], statuses: Set<Status> = [], keyOnly: Bool = false) {
        self.leads = leads
        self.workstreams = workstreams
        self.statuses = statuses
        self.keyOnly = keyOnly
    }

    /// True when nothing is asked for, so `apply` keeps every judgement.
    public var isEmpty: Bool { leads.isEmpty && workstreams.isEmpty && statuses.isEmpty && !keyOnly }

    /// The judgements that pass, in their original order; `asOf` unchanged.
    public func apply(_ e: Evaluation, model: PlanModel) -> Evaluation {
        guard !isEmpty else { return e }
        let wantedLeads = Set(leads.map(EvaluationFilter.fold))
        let wantedWorkstreams = Set(workstreams.map(EvaluationFilter.fold))
        var result = e
        result.judgements = e.judgements.filter { j in
            if !statuses.isEmpty && !statuses.contains(j.status) { return false }
            guard model.items.indices.contains(j.item) else {
                // A judgement the model does not know: only a status filter can keep it.
                return !keyOnly && wantedLeads.isEmpty && wantedWorkstreams.isEmpty
            }
            let item = model.items[j.item]
            if keyOnly && !item.key { return false }
            let chain = ItemContext.sectionChain(of: item, in: model)
            if !wantedLeads.isEmpty {
                let all = item.leads + chain.flatMap(\.leads)
                if !all.contains(where: { wantedLeads.contains(EvaluationFilter.fold($0)) }) { return false }
            }
            if !wantedWorkstreams.isEmpty {
                // An item is in one workstream: its own, else its nearest
                // section's (as every output shows it and the report counts it).
                guard let workstream = item.workstream ?? chain.lazy.compactMap(\.workstream).first,
                      wantedWorkstreams.contains(EvaluationFilter.fold(workstream)) else { return false }
            }
            return true
        }
        return result
    }

    /// A lead or workstream asked for that the plan never names, with the
    /// nearest it does: a typo must not filter everything away and pass a
    /// CI job green on "0 missed".
    public func unknownNames(in model: PlanModel) -> [(option: String, name: String, suggestion: String?)] {
        let leadNames = model.leads.map(\.id) + model.items.flatMap(\.leads) + model.sections.flatMap(\.leads)
        let workstreamNames = model.workstreams.map(\.id) + model.items.compactMap(\.workstream)
            + model.sections.compactMap(\.workstream)
        var problems: [(option: String, name: String, suggestion: String?)] = []
        for (option, wanted, known) in [("--lead", leads, leadNames), ("--workstream", workstreams, workstreamNames)] {
            let folded = Set(known.map(EvaluationFilter.fold))
            for name in wanted where !folded.contains(EvaluationFilter.fold(name)) {
                problems.append((option, name, Suggest.closest(to: name, among: Array(Set(known)).sorted())))
            }
        }
        return problems
    }

    /// Case and surrounding spaces do not matter when a person types a name.
    static func fold(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        let isBlank = { (c: Unicode.Scalar) in c == " " || c == "\t" }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed).lowercased()
    }
}

/// What every evaluation writer needs to know about a judgement's item
/// beyond the judgement itself: its section and what it inherits from it.
enum ItemContext {
    /// The item's section, then the sections it is `part of`, nearest first.
    /// Stops at an unknown parent or a cycle (the checker reports those).
    static func sectionChain(of item: Item, in model: PlanModel) -> [Section] {
        sectionChain(from: item.section, in: model)
    }

    /// The same from the item's section index.
    static func sectionChain(from section: Int?, in model: PlanModel) -> [Section] {
        guard let index = section, model.sections.indices.contains(index) else { return [] }
        var chain = [model.sections[index]]
        var seen: Set<String> = [model.sections[index].id]
        while let parent = chain.last!.parent, !seen.contains(parent),
              let next = model.sections.first(where: { $0.id == parent }) {
            chain.append(next)
            seen.insert(parent)
        }
        return chain
    }

    // The helpers below read the fields they need in place: copying a whole
    // `Item` retains every one of its fields, for each judgement written.

    /// The path of the plan the judgement's item is from, when several plans
    /// are judged as one; nil for one plan.
    static func plan(_ j: Judgement, _ model: PlanModel) -> String? {
        model.origins.last { $0.firstItem <= j.item }?.path
    }

    /// The judgement's item's index in `model.items`, if it has one.
    static func itemIndex(_ j: Judgement, _ model: PlanModel) -> Int? {
        model.items.indices.contains(j.item) ? j.item : nil
    }

    /// Index of the judgement's section in `model.sections`, if any.
    static func sectionIndex(_ j: Judgement, _ model: PlanModel) -> Int? {
        guard let i = itemIndex(j, model), let section = model.items[i].section,
              model.sections.indices.contains(section) else { return nil }
        return section
    }

    static func section(_ j: Judgement, _ model: PlanModel) -> Section? {
        sectionIndex(j, model).map { model.sections[$0] }
    }

    /// The item's workstream, or the nearest section's above it.
    static func workstream(_ j: Judgement, _ model: PlanModel) -> String? {
        guard let i = itemIndex(j, model) else { return nil }
        if let own = model.items[i].workstream { return own }
        return sectionChain(from: model.items[i].section, in: model).lazy.compactMap(\.workstream).first
    }

    /// The item's leads, or when it names none, the nearest section's.
    static func leads(_ j: Judgement, _ model: PlanModel) -> [String] {
        guard let i = itemIndex(j, model) else { return [] }
        if !model.items[i].leads.isEmpty { return model.items[i].leads }
        return sectionChain(from: model.items[i].section, in: model).first { !$0.leads.isEmpty }?.leads ?? []
    }

    /// The item's officers, else its nearest section's (through `part of`),
    /// as leads are passed down.
    static func officers(_ j: Judgement, _ model: PlanModel) -> [String] {
        guard let i = itemIndex(j, model) else { return [] }
        if !model.items[i].officers.isEmpty { return model.items[i].officers }
        return sectionChain(from: model.items[i].section, in: model).first { !$0.officers.isEmpty }?.officers ?? []
    }

    static func isKey(_ j: Judgement, _ model: PlanModel) -> Bool {
        guard let i = itemIndex(j, model) else { return false }
        return model.items[i].key
    }

    /// "Recommendation A1", the keyword capitalised as a heading reads.
    static func sectionLabel(_ s: Section) -> String {
        let keyword = s.keyword.rawValue
        return keyword.prefix(1).uppercased() + keyword.dropFirst() + " " + s.id
    }

    /// The judgements grouped by section, sections in plan order (their order
    /// in `model.sections`) and judgements in plan order within each. The
    /// group with no section (items above the first section header) comes
    /// first, as it does in the plan. Empty groups are left out.
    static func groups(_ e: Evaluation, _ model: PlanModel) -> [(section: Int?, judgements: [Judgement])] {
        var bySection: [Int: [Judgement]] = [:]
        var unsectioned: [Judgement] = []
        for j in e.judgements {
            if let index = sectionIndex(j, model) {
                bySection[index, default: []].append(j)
            } else {
                unsectioned.append(j)
            }
        }
        var groups: [(section: Int?, judgements: [Judgement])] = []
        if !unsectioned.isEmpty { groups.append((nil, unsectioned)) }
        for index in bySection.keys.sorted() { groups.append((index, bySection[index]!)) }
        return groups
    }

    /// "12 met, 5 at risk, 2 missed, 3 no data, 4 pending": every status, always in that order.
    static func summaryLine(_ e: Evaluation) -> String {
        e.summary.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    }
}
