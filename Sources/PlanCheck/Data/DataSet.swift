/// One reading in the performance book: a number, an action's state, a
/// completion date, or yes/no.
public enum Reading: Sendable, Hashable {
    case number(Double)
    case state(ActionState)
    case completed(CalendarDate)
    case yes
    case no

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Whether this reading says the thing is done, and since when.
    func doneDate(observedOn date: CalendarDate) -> CalendarDate? {
        switch self {
        case .state(.complete), .yes: date
        case .completed(let day): day
        default: nil
        }
    }
}

/// One observation: an id's reading on a date, from a CSV row, an inline
/// `data` row or a `done DATE` clause, with where it was read.
public struct Observation: Sendable, Hashable {
    public var date: CalendarDate
    public var reading: Reading
    /// For a value written `34/45`: the cohort it is a percentage of.
    public var cohort: Cohort?
    /// Where it was read, in three 32-bit numbers (no file read is near
    /// 4 GiB; see `Limits.largestFile`): an observation takes 56 bytes, not
    /// 72, and a million-row book 16 MB less.
    private let file: UInt32
    private let start: UInt32
    private let end: UInt32

    public var location: Location { Location(file: FileID(Int(file)), span: Span(start: Int(start), end: Int(end))) }

    public init(date: CalendarDate, reading: Reading, location: Location, cohort: Cohort? = nil) {
        self.date = date
        self.reading = reading
        self.cohort = cohort
        self.file = UInt32(truncatingIfNeeded: location.file.index)
        self.start = UInt32(truncatingIfNeeded: location.span.start)
        self.end = UInt32(truncatingIfNeeded: location.span.end)
    }
}

/// `34/45`: 34 of a cohort of 45 (75.6%). Pooled by summing both parts.
public struct Cohort: Sendable, Hashable {
    public var numerator: Double
    public var denominator: Double
    public init(numerator: Double, denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// The observations of one measure or action, by series, each sorted by date.
public struct ItemSeries: Sendable {
    public var actual: [Observation] = []
    public var baseline: [Observation] = []
    public var comparators: [String: [Observation]] = [:]
    /// Cells that say why they hold no value (`c`, `:`, `z`, `u`, `x`, `#N/A`), by date.
    public var gaps: [DataGap] = []

    public init() {}
}

/// All the data for one plan, indexed like `PlanModel.items`.
public struct DataSet: Sendable {
    /// By item; with no data at all, empty (`series` reads past the end as empty).
    public var items: [ItemSeries]
    /// Ids with at least one `baseline` observation.
    public var baselineIDs: Set<String> = []
    /// Items the plan gives no unit but whose data is written in percent.
    public var percentInData: Set<Int> = []
    /// True when a CSV was given (`--data` or the plan's `data "x.csv"`).
    public var given = false

    /// Where the data files name the plan's measures, actions and
    /// comparators, as the loader read them: filled only when the caller asks
    /// (`DataLoader.load(recordingReferences:)`, the language server's rename
    /// and references), so they follow the loader's own reading of every layout.
    public var references: [DataReference] = []

    public init(itemCount: Int) { items = Array(repeating: ItemSeries(), count: itemCount) }

    public func series(_ item: Int) -> ItemSeries { item < items.count ? items[item] : ItemSeries() }

    /// The unit the item's values are judged in: the plan's, else percent when
    /// the data writes it so, else the item's default.
    public func unit(of item: Item, at index: Int) -> Unit {
        item.unit ?? (percentInData.contains(index) ? .percent : item.effectiveUnit)
    }
}

/// A place in a data file (or a plan's `data` clause) that names an item or
/// a comparator as the loader read it: an id cell, a `series` cell (`SN`
/// for the plan's `sn`), a tidy file's `measure ID column` or `series ID`.
public struct DataReference: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// By index in `PlanModel.items`: for an id a measure and an action
        /// share, the one the row's values went to (`PlanModel.route`).
        case item(Int)
        case comparator(String)
    }
    public var target: Target
    public var location: Location
}
