/// A plan after resolution: names looked up, dates on the calendar, units
/// inferred. The checker's rules and the evaluator read this, never the text.
///
///     let model = Resolver.resolve(loaded).model
///     model.items.first { $0.id == "2.3" }?.targets[0].milestones[0].deadline   // 2013-09-30
public struct PlanModel: Sendable {
    public var title: String?
    public var authority: String?
    public var period: DateRange?
    public var workstreams: [Declaration] = []
    public var comparators: [ComparatorDecl] = []
    public var leads: [Declaration] = []
    public var sections: [Section] = []
    /// Measures and actions in plan order.
    public var items: [Item] = []
    /// `data "file.csv"` entries, with the path resolved against the plan's folder.
    public var dataFiles: [DataFileRef] = []
    /// Rows of inline `data` blocks, dates resolved.
    public var inlineRows: [InlineRow] = []
    /// When several plans are judged as one (`eval a.plan b.plan`), where
    /// each plan's items start and the plan's path as named, in order; empty
    /// for one plan. The machine-readable results say which plan a result
    /// is from.
    public var origins: [PlanOrigin] = []

    public init() {}

    /// The first measure or action with this id (a scan: for one look-up).
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// Id -> index of its first measure or action, built afresh: passes that
    /// look up many ids build it once and keep it.
    public func makeItemIndex() -> [String: Int] {
        // By index, reading only the id: `for item in items` copies every Item
        // (a dozen arrays and strings retained and released each).
        var index: [String: Int] = [:]
        index.reserveCapacity(items.count)
        for i in items.indices where index[items[i].id] == nil { index[items[i].id] = i }
        return index
    }

    /// A measure and an action may share an id (ids are unique within their
    /// kind): each such pair, both ways, by item index (the first of each
    /// kind). Data for the id goes to the one its value fits (`route`).
    /// Read from the item index the caller has built (`makeItemIndex`, each
    /// id's first item), with no table of its own: the first item of the
    /// other kind after an id's first is its twin.
    public func makeTwins(index: [String: Int]) -> [Int: Int] {
        var twins: [Int: Int] = [:]
        for i in items.indices {
            guard let first = index[items[i].id], first != i, twins[first] == nil,
                  items[first].kind != items[i].kind else { continue }
            twins[first] = i
            twins[i] = first
        }
        return twins
    }

    /// The item a data value for `item`'s id belongs to, when a measure and
    /// an action share the id: a status, a completion date, yes or no is the
    /// action's; a number or a cohort the measure's.
    public func route(_ item: Int, _ value: DataValue, twins: [Int: Int]) -> Int {
        guard let twin = twins[item] else { return item }
        let wanted: Item.Kind = value.isFigure ? .measure : .action
        return items[item].kind == wanted ? item : twin
    }
}

/// First and last day, both included.
public struct DateRange: Sendable, Hashable {
    public var start: CalendarDate
    public var end: CalendarDate
    public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }
}

/// A declared workstream or lead: an id (or name) and its title.
public struct Declaration: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var location: Location
}

public struct ComparatorDecl: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var tolerance: Tolerance?
    public var location: Location
}

/// A recommendation, outcome, priority, ... (one node, keyword kept).
public struct Section: Sendable, Hashable {
    public var keyword: SectionKeyword
    public var id: String
    public var title: String?
    public var parent: String?
    public var workstream: String?
    public var leads: [String]
    public var location: Location
    /// What a recommendation's own clauses say, shown under its heading in
    /// the report: its officers, the boards that sign it off and by when,
    /// evidence, notes, links, and whether it is key.
    public var officers: [String] = []
    public var signoffs: [SectionSignoff] = []
    public var evidence: [String] = []
    public var notes: [String] = []
    public var links: [String] = []
    public var key = false
}

/// `signoff BOARD by DATE` on a section; no date when it did not resolve.
public struct SectionSignoff: Sendable, Hashable {
    public var board: String
    public var date: CalendarDate?
    /// Where its date is written.
    public var location: Location
}

public struct DataFileRef: Sendable, Hashable {
    public var path: String
    public var location: Location
    /// The entry's clauses: how to read a tidy file (empty for a book).
    public var mapping: [MappingClause] = []
}

/// A `data "file"` entry's clause, with where it was written.
public struct MappingClause: Sendable, Hashable {
    public var clause: DataClause
    public var location: Location
}

public struct InlineRow: Sendable, Hashable {
    public var id: String
    public var row: DataRow
    public var date: CalendarDate?
    public var file: FileID
}

/// A measure or an action, resolved.
public struct Item: Sendable {
    public enum Kind: String, Sendable, Hashable { case measure, action }

    public var kind: Kind
    public var id: String
    public var title: String?
    public var location: Location
    /// Index into `PlanModel.sections` of the nearest section above.
    public var section: Int?
    public var workstream: String?
    public var leads: [String] = []
    public var officers: [String] = []
    public var key = false
    public var polarity: Polarity?
    /// Declared with `unit` or inferred from targets and baselines.
    public var unit: Unit?
    public var tolerance: Tolerance?
    public var baseline: Baseline?
    /// A `baseline` clause was written, even one that did not parse (its
    /// syntax error says so; no relative target is also told there is none).
    public var baselineWritten = false
    public var targets: [TargetModel] = []
    /// Requirements whose deadline could not be placed (already reported):
    /// not judged, but their values are still checked.
    public var undated: [UndatedRequirement] = []
    /// An action's due date (`nil` deadline inside means ongoing).
    public var due: ResolvedDeadline?
    public var start: CalendarDate?
    public var done: DoneMark?
    public var evidence: [(kind: EvidenceKind?, source: String?)] = []
    /// `signoff IB by September`: the board, the date, and where the date is written.
    public var signoffs: [(board: String, date: CalendarDate?, location: Location)] = []
    public var notes: [String] = []
    public var progress: [(date: CalendarDate?, text: String?)] = []
    public var links: [String] = []
    /// `frequency monthly`: how often the measure is reported.
    public var frequency: Frequency?
    /// `minimum cohort 10`: a value with a smaller denominator is flagged.
    public var minimumCohort: Int?
    /// `rag DATE red|amber|green "reason"`, in plan order.
    public var ratings: [RatingRecord] = []

    /// What the measure's values are, for display and for reading data: the
    /// declared or inferred unit, counts when nothing says otherwise.
    public var effectiveUnit: Unit {
        if let unit { return unit }
        if kind == .action && targets.isEmpty { return .done }
        return .count
    }
}

/// One of several plans judged as one: its first item's index and its path.
public struct PlanOrigin: Sendable, Hashable {
    public var firstItem: Int
    public var path: String
    public init(firstItem: Int, path: String) {
        self.firstItem = firstItem
        self.path = path
    }
}

/// A rating the board recorded (`rag 2013-11-30 amber "Improving"`).
public struct RatingRecord: Sendable, Hashable {
    public var date: CalendarDate
    public var rating: Rating
    public var reason: String?
    public var location: Location
}

/// `each month from December 2013`: every period from the first (the one
/// holding `from`) must meet the level.
public struct Recurrence: Sendable, Hashable {
    public var period: RecurringPeriod
    /// nil when no `from` is written: the plan's period start, else the first
    /// observation.
    public var from: CalendarDate?
}

public struct DoneMark: Sendable, Hashable {
    /// `nil` when `done` was written without a date.
    public var date: CalendarDate?
    public var location: Location
}

public struct Baseline: Sendable, Hashable {
    public var value: Double
    public var date: CalendarDate?
    public var location: Location
}

/// A deadline on the calendar: a day, or none for `ongoing`.
public struct ResolvedDeadline: Sendable, Hashable {
    public var date: CalendarDate?
    /// How it was written, e.g. "September" or "within 3 months".
    public var written: String
    public var location: Location
    /// Counted from the period's start (`within 3 months`), not a date written.
    public var counted = false
    public var isOngoing: Bool { date == nil }
}

/// One `target` clause: a single milestone, or a trajectory of several.
public struct TargetModel: Sendable, Hashable {
    public var milestones: [MilestoneModel]
    public var location: Location
}

public struct UndatedRequirement: Sendable, Hashable {
    public var requirement: Requirement
    public var location: Location
}

public struct MilestoneModel: Sendable, Hashable {
    public var requirement: Requirement
    public var deadline: ResolvedDeadline
    public var sustainedMonths: Int?
    public var location: Location
    /// The measure's polarity, which words a `maintain` requirement.
    public var polarity: Polarity?
    /// `average REQUIREMENT over N months`.
    public var averageMonths: Int? = nil
    /// `each month|quarter|year [from DATE]`; the deadline is then ongoing.
    public var recurrence: Recurrence? = nil

    /// The requirement in words, e.g. "at least 90%", for reports. Built when
    /// asked, not when resolved: most milestones of a large plan are never shown.
    public var required: String {
        var required = Resolver.describe(requirement)
        if case .maintain = requirement, let polarity {
            required = polarity == .higher ? "no lower than the baseline" : "no higher than the baseline"
        }
        if let months = averageMonths {
            // "an average of at least 80%", but "an average in line with sn".
            let joined: String
            switch requirement {
            case .inLineWith, .within: joined = "an average \(required)"
            default: joined = "an average of \(required)"
            }
            required = "\(joined) over \(months == 1 ? "1 month" : "\(months) months")"
        }
        if let months = sustainedMonths {
            required += " sustained for \(months == 1 ? "1 month" : "\(months) months")"
        }
        return required
    }
}
