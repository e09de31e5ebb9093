// The typed syntax tree. Every node carries the byte span it was read from;
// nothing here is resolved yet (dates are as written, names are unlooked-up).

/// A name as written: an entry's id or a reference to one.
public struct Identifier: Sendable, Hashable {
    public var name: String
    public var span: Span
    public init(_ name: String, span: Span) {
        self.name = name
        self.span = span
    }
}

/// A string literal with its escapes decoded.
public struct TextLiteral: Sendable, Hashable {
    public var value: String
    public var span: Span
    public init(_ value: String, span: Span) {
        self.value = value
        self.span = span
    }

    /// `text` as a plan writes it: in quotes, `"` and `\` escaped (the only
    /// escapes the language has). For everything that writes plan text:
    /// import, rename, completion and quick fixes.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }
}

/// A date as the user wrote it, before it is placed on the calendar.
///
/// `31.11.12` is kept as `.day(2012, 11, 31)` so the resolver can report it as
/// impossible; two-digit years are already widened (`12` is 2012).
public enum DateForm: Sendable, Hashable {
    /// `2013-09-30`, `30 September 2013`, `31.03.12`, `31/03/2012`.
    case day(year: Int, month: Int, day: Int)
    /// `September 2013`, `Sep 2013`, `2013-09`, `Apr-18`: the month's last day.
    case month(year: Int, month: Int)
    /// `September`: that month inside the plan's period.
    case bareMonth(Int)
    /// `30 September`: that day of the month inside the plan's period.
    case bareDay(month: Int, day: Int)
    /// `Q3`: that financial quarter inside the plan's period.
    case bareQuarter(Int)
    /// `Q4 2011/12`: a quarter of the UK financial year starting April `startYear`.
    case quarter(Int, startYear: Int)
    /// `2011/12`: the UK financial year starting April `startYear`; its last day.
    case financialYear(startYear: Int)
}

extension DateForm {
    /// A bare month or quarter: placed by the plan's period.
    public var needsPeriod: Bool {
        switch self {
        case .bareMonth, .bareDay, .bareQuarter: true
        default: false
        }
    }
}

public struct DateExpr: Sendable, Hashable {
    // The form is kept as a tag and three 32-bit numbers, 24 bytes with the
    // span rather than 40: every deadline, baseline and period holds one. No
    // number the parser reads needs more (years have four digits, other
    // fields at most nine); a larger one from elsewhere is clamped.
    private var tag: UInt8
    private var first: Int32
    private var second: Int32
    private var third: Int32
    public var span: Span

    public init(form: DateForm, span: Span) {
        (tag, first, second, third) = (0, 0, 0, 0)
        self.span = span
        self.form = form
    }

    public var form: DateForm {
        get {
            let (a, b, c) = (Int(first), Int(second), Int(third))
            switch tag {
            case 0: return .day(year: a, month: b, day: c)
            case 1: return .month(year: a, month: b)
            case 2: return .bareMonth(a)
            case 3: return .bareQuarter(a)
            case 4: return .quarter(a, startYear: b)
            case 6: return .bareDay(month: a, day: b)
            default: return .financialYear(startYear: a)
            }
        }
        set {
            func pack(_ tag: UInt8, _ a: Int, _ b: Int = 0, _ c: Int = 0) {
                (self.tag, first, second, third) = (tag, Int32(clamping: a), Int32(clamping: b), Int32(clamping: c))
            }
            switch newValue {
            case .day(let year, let month, let day): pack(0, year, month, day)
            case .month(let year, let month): pack(1, year, month)
            case .bareMonth(let month): pack(2, month)
            case .bareQuarter(let quarter): pack(3, quarter)
            case .quarter(let quarter, let startYear): pack(4, quarter, startYear)
            case .financialYear(let startYear): pack(5, startYear)
            case .bareDay(let month, let day): pack(6, month, day)
            }
        }
    }
}

/// What a number measures. A bare number has no unit of its own and takes the
/// measure's.
public enum Unit: Sendable, Hashable {
    case percent
    case count
    /// A rate `per 10,000`.
    case rate(per: Double)
    case days, weeks, months
    /// `24 hours`, `10 working days`: quantities only, never deadlines.
    case hours, workingDays
    /// Yes/no: an action or a `target done`.
    case done
}

/// A number and, when written, its unit: `85%`, `30`, `75 per 10,000`, `20 days`.
public struct Quantity: Sendable, Hashable {
    public var value: Double
    /// `nil` for a bare number.
    public var unit: Unit?
    public var span: Span
}

/// `2 points`, `2` (absolute, in the measure's unit) or `5%` (relative).
public struct Tolerance: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case absolute, relative }
    public var kind: Kind
    public var amount: Double
    public var span: Span
    /// An absolute tolerance written with `points`: shown so. A bare number is
    /// in the measure's unit, which need not be a percentage (`within 5 of sn`).
    public var points = false
}

public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case atLeast = ">="
    case atMost = "<="
    case below = "<"
    case above = ">"
    case exactly = "="

    /// Whether `value` satisfies `value <op> threshold`.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .atLeast: value >= threshold
        case .atMost: value <= threshold
        case .below: value < threshold
        case .above: value > threshold
        case .exactly: value == threshold
        }
    }

    /// The words an analyst would say: "at least".
    public var words: String {
        switch self {
        case .atLeast: "at least"
        case .atMost: "at most"
        case .below: "below"
        case .above: "above"
        case .exactly: "exactly"
        }
    }
}

extension Requirement {
    /// A level with no comparator, before the polarity gives it a direction.
    public var isBareLevel: Bool {
        if case .level = self { return true }
        return false
    }
}

/// `increase` or `decrease`.
public enum Direction: String, Sendable, Hashable {
    case increase, decrease
}

/// The size of a relative change: `by 25%` (relative), `by 10 points`, `by 5`.
public struct ChangeAmount: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `by 25%`: baseline times 1.25.
        case relative
        /// `by 10 points`: percentage points (or units) added.
        case points
        /// `by 5`: a bare number in the measure's unit.
        case absolute
    }
    public var kind: Kind
    public var amount: Double
    public var span: Span
}

/// What a target asks for, before its deadline.
public enum Requirement: Sendable, Hashable {
    /// `>= 90%`, `no less than 85%`, `below 6%`, `80% or more`, `do not exceed 5%`.
    case compare(Comparison, Quantity)
    /// `90%` with no comparator ("Target 90%"): at least for a measure of
    /// polarity higher, at most for lower; an error with no polarity.
    case level(Quantity)
    /// `maintain`: not worse than the baseline, in the polarity's direction.
    case maintain
    /// `from 80% to 90%`: a baseline and the value to reach.
    case range(from: Quantity, to: Quantity)
    /// `increase by 25%`, `decrease`, `increase by 10 points`.
    case change(Direction, ChangeAmount?)
    /// `in line with sn`: within the comparator's declared tolerance.
    case inLineWith(Identifier)
    /// `within 2 points of sn`.
    case within(Tolerance, Identifier)
    /// `done`: a yes/no target.
    case done
}

public enum DurationUnit: String, Sendable, Hashable {
    case days, weeks, months, years
}

/// The periods a recurring standard is judged in: UK financial quarters and years.
public enum RecurringPeriod: String, Sendable, Hashable {
    case month, quarter, year
}

/// When a target is due: `by DATE`, `ongoing`, `immediately`, `within 3 months`,
/// or every period: `each month from December 2013`.
public enum Deadline: Sendable, Hashable {
    case by(DateExpr)
    case ongoing(Span)
    case immediately(Span)
    case within(count: Int, unit: DurationUnit, span: Span)
    case recurring(RecurringPeriod, from: DateExpr?, span: Span)

    public var span: Span {
        switch self {
        case .by(let date): date.span
        case .ongoing(let span), .immediately(let span), .within(_, _, let span), .recurring(_, _, let span): span
        }
    }
}

/// How often a measure is reported (`frequency monthly`): lets the evaluator
/// tell stale data from no data.
public enum Frequency: String, Sendable, Hashable, CaseIterable {
    case monthly, quarterly, annually

    /// Months in one reporting period.
    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .annually: 12
        }
    }
}

/// One requirement with one deadline; a trajectory has several.
public struct Milestone: Sendable, Hashable {
    public var requirement: Requirement
    public var requirementSpan: Span
    public var deadline: Deadline
    /// `sustained 3 months`.
    public var sustainedMonths: Int?
    /// `average >= 85% over 3 months`: the requirement applies to the mean of
    /// the values in the window of this many calendar months.
    public var averageMonths: Int? = nil
    public var span: Span
}

/// `signoff EG by September`.
public struct Signoff: Sendable, Hashable {
    public var board: Identifier
    public var date: DateExpr
}

/// The kinds of evidence the spec names.
public enum EvidenceKind: String, Sendable, Hashable, CaseIterable {
    case audit, measure, report, document, engagement
}

/// A board's recorded rating (`rag DATE red|amber|green "reason"`).
public enum Rating: String, Sendable, Hashable, CaseIterable {
    case red, amber, green

    /// Whether this rating agrees with a computed status (spec, "Recorded
    /// ratings"): green with met and pending, amber with at risk and pending,
    /// red with missed; no data always differs.
    public func agrees(with status: Status) -> Bool {
        switch (self, status) {
        case (.green, .met), (.green, .pending), (.amber, .atRisk), (.amber, .pending), (.red, .missed): true
        default: false
        }
    }
}

public enum Polarity: String, Sendable, Hashable {
    case higher, lower
}

/// A clause: one line (or part of a line) continuing an entry.
public enum ClauseKind: Sendable, Hashable {
    case authority(TextLiteral)
    case period(DateExpr, DateExpr)
    case workstream(Identifier)
    case lead([TextLiteral])
    case officer([TextLiteral])
    case role(TextLiteral)
    /// `evidence audit "Case file audit"`, `evidence "Performance book"`: a kind, a source, or both.
    case evidence(EvidenceKind?, TextLiteral?)
    case polarity(Polarity)
    case signoff([Signoff])
    case key
    case links([Identifier])
    case note(TextLiteral)
    case tolerance(Tolerance)
    case unit(Unit)
    case partOf(Identifier)
    case target([Milestone])
    case baseline(Quantity, DateExpr)
    case due(Deadline)
    case done(DateExpr?)
    case progress(DateExpr, TextLiteral?)
    case timescale(DateExpr, DateExpr)
    case frequency(Frequency)
    /// `minimum cohort 10`; the span is the number's.
    case minimumCohort(Double, Span)
    /// `rag 2013-11-30 amber "Improving, below target"`.
    case rag(DateExpr, Rating, TextLiteral?)
    /// A clause of a `data "file"` entry: how to read a tidy file.
    case data(DataClause)
}

public struct Clause: Sendable, Hashable {
    public var kind: ClauseKind
    /// The keyword that starts it.
    public var keyword: Keyword
    public var span: Span
}

/// An action's state as data gives it.
public enum ActionState: String, Sendable, Hashable {
    case complete
    case inProgress = "in progress"
    case notStarted = "not started"
}

/// A value in a data row or CSV cell: `82.5%`, `412`, `complete`, `2014-11-10`, `yes`.
public enum DataValue: Sendable, Hashable {
    case number(Double, percent: Bool)
    /// `34/45`: a percentage of a cohort (75.6% of 45).
    case fraction(numerator: Double, denominator: Double)
    case state(ActionState)
    case date(DateExpr)
    case yes
    case no
}

extension DataValue {
    /// A figure (a number or a cohort), not a status, a date or yes/no: which
    /// of a measure and an action that share an id it belongs to, and which
    /// two values on one date are of one kind.
    public var isFigure: Bool {
        switch self {
        case .number, .fraction: true
        case .state, .date, .yes, .no: false
        }
    }

    /// Written as a percentage (`86%`) or a cohort (`34/45`): a measure that
    /// names no unit takes its unit from such values.
    public var isPercentage: Bool {
        switch self {
        case .number(_, percent: true), .fraction: true
        default: false
        }
    }
}

/// `2013-07 82.5%` or `2013-09 398 sn` inside a `data` entry.
public struct DataRow: Sendable, Hashable {
    public var date: DateExpr
    public var value: DataValue
    public var valueSpan: Span
    public var series: Identifier?
    public var span: Span
}

/// The section keywords are one node; the word is kept for display. The
/// spec's six, and `theme` and `objective`, which plans use as often.
public enum SectionKeyword: String, Sendable, Hashable, CaseIterable {
    case recommendation, outcome, priority, pillar, area, section, theme, objective
}

public enum EntryKind: Sendable, Hashable {
    case plan, workstream, comparator, lead
    case section(SectionKeyword)
    case measure, action, data, include

    /// The keyword that starts such an entry: "measure", "recommendation".
    public var word: String {
        switch self {
        case .plan: "plan"
        case .workstream: "workstream"
        case .comparator: "comparator"
        case .lead: "lead"
        case .section(let keyword): keyword.rawValue
        case .measure: "measure"
        case .action: "action"
        case .data: "data"
        case .include: "include"
        }
    }
}

/// A column-1 line and the clauses that continue it.
///
/// `id` is the entry's id where it has one; `title` is its quoted text (for
/// `plan` the title, for `lead` the person's name, for `include` and a
/// file-backed `data` the path).
public struct Entry: Sendable, Hashable {
    public var kind: EntryKind
    public var keywordSpan: Span
    public var id: Identifier?
    public var title: TextLiteral?
    public var clauses: [Clause]
    /// Rows of an inline `data` block.
    public var rows: [DataRow]
    public var span: Span
    /// Clauses written but not read, reported as syntax errors: their
    /// keywords (a misspelt one's meaning: `perod` is `period`). A `period`
    /// written is a period, however broken, so a bare month is not also told
    /// the plan has none.
    public var brokenClauses: [Keyword] = []
}

/// One parsed file: its entries in order and its comments by position.
public struct SyntaxTree: Sendable {
    public var file: FileID
    public var entries: [Entry]
    public var comments: [Span]
}
