/// Every word the grammar gives a meaning to. Atoms are looked up once, by the
/// lexer, so the parser compares small integers instead of bytes.
///
/// Keywords are lower case and matched exactly; any atom, keyword or not, may
/// still stand where an id is expected (`workstream key` names a workstream "key").
public enum Keyword: UInt8, Sendable, CaseIterable {
    case none = 0
    case plan
    case workstream
    case comparator
    case lead
    case recommendation
    case outcome
    case priority
    case pillar
    case area
    case section
    case measure
    case action
    case data
    case include
    case authority
    case period
    case to
    case officer
    case role
    case evidence
    case audit
    case report
    case document
    case engagement
    case polarity
    case higher
    case lower
    case signoff
    case by
    case key
    case links
    case note
    case tolerance
    case unit
    case part
    case of
    case target
    case baseline
    case at
    case due
    case done
    case progress
    case timescale
    case sustained
    case from
    case increase
    case decrease
    case points
    case point
    case in_
    case line
    case with_
    case within
    case least
    case no
    case less
    case than
    case most
    case below
    case above
    case more
    case exactly
    case ongoing
    case immediately
    case per
    case day
    case days
    case week
    case weeks
    case month
    case months
    case year
    case years
    case percent
    case count
    case one
    case two
    case three
    case four
    case five
    case six
    case seven
    case eight
    case nine
    case ten
    case eleven
    case twelve
    case complete
    case not
    case started
    case yes
    case or
    case fewer
    case exceed
    case exceeding
    case maximum
    case minimum
    case maintain
    case hour
    case hours
    case working
    case each
    case quarter
    case average
    case over
    case frequency
    case monthly
    case quarterly
    case annually
    case cohort
    case rag
    case red
    case amber
    case green
    case next
    case the
    case do_
    case greater
    case under
    case up
    case equal
    case reduce
    case calendar
    case for_
    case theme
    case objective
    // The clauses of a `data "file"` entry (a tidy file's mapping).
    case column
    case value
    case series
    case where_

    /// The keyword's spelling.
    public var text: String {
        switch self {
        case .none: ""
        case .plan: "plan"
        case .workstream: "workstream"
        case .comparator: "comparator"
        case .lead: "lead"
        case .recommendation: "recommendation"
        case .outcome: "outcome"
        case .priority: "priority"
        case .pillar: "pillar"
        case .area: "area"
        case .section: "section"
        case .measure: "measure"
        case .action: "action"
        case .data: "data"
        case .include: "include"
        case .authority: "authority"
        case .period: "period"
        case .to: "to"
        case .officer: "officer"
        case .role: "role"
        case .evidence: "evidence"
        case .audit: "audit"
        case .report: "report"
        case .document: "document"
        case .engagement: "engagement"
        case .polarity: "polarity"
        case .higher: "higher"
        case .lower: "lower"
        case .signoff: "signoff"
        case .by: "by"
        case .key: "key"
        case .links: "links"
        case .note: "note"
        case .tolerance: "tolerance"
        case .unit: "unit"
        case .part: "part"
        case .of: "of"
        case .target: "target"
        case .baseline: "baseline"
        case .at: "at"
        case .due: "due"
        case .done: "done"
        case .progress: "progress"
        case .timescale: "timescale"
        case .sustained: "sustained"
        case .from: "from"
        case .increase: "increase"
        case .decrease: "decrease"
        case .points: "points"
        case .point: "point"
        case .in_: "in"
        case .line: "line"
        case .with_: "with"
        case .within: "within"
        case .least: "least"
        case .no: "no"
        case .less: "less"
        case .than: "than"
        case .most: "most"
        case .below: "below"
        case .above: "above"
        case .more: "more"
        case .exactly: "exactly"
        case .ongoing: "ongoing"
        case .immediately: "immediately"
        case .per: "per"
        case .day: "day"
        case .days: "days"
        case .week: "week"
        case .weeks: "weeks"
        case .month: "month"
        case .months: "months"
        case .year: "year"
        case .years: "years"
        case .percent: "percent"
        case .count: "count"
        case .one: "one"
        case .two: "two"
        case .three: "three"
        case .four: "four"
        case .five: "five"
        case .six: "six"
        case .seven: "seven"
        case .eight: "eight"
        case .nine: "nine"
        case .ten: "ten"
        case .eleven: "eleven"
        case .twelve: "twelve"
        case .complete: "complete"
        case .not: "not"
        case .started: "started"
        case .yes: "yes"
        case .or: "or"
        case .fewer: "fewer"
        case .exceed: "exceed"
        case .exceeding: "exceeding"
        case .maximum: "maximum"
        case .minimum: "minimum"
        case .maintain: "maintain"
        case .hour: "hour"
        case .hours: "hours"
        case .working: "working"
        case .each: "each"
        case .quarter: "quarter"
        case .average: "average"
        case .over: "over"
        case .frequency: "frequency"
        case .monthly: "monthly"
        case .quarterly: "quarterly"
        case .annually: "annually"
        case .cohort: "cohort"
        case .rag: "rag"
        case .red: "red"
        case .amber: "amber"
        case .green: "green"
        case .next: "next"
        case .the: "the"
        case .do_: "do"
        case .greater: "greater"
        case .under: "under"
        case .up: "up"
        case .equal: "equal"
        case .reduce: "reduce"
        case .calendar: "calendar"
        case .for_: "for"
        case .theme: "theme"
        case .objective: "objective"
        case .column: "column"
        case .value: "value"
        case .series: "series"
        case .where_: "where"
        }
    }

    /// Looks up the keyword spelt by `bytes[span]`, without allocating or
    /// hashing a String: the word's bytes, packed into two integers, probe an
    /// open-addressed table built once. The lexer asks this of every word
    /// (through a `KeywordTable` it holds, so the table's lazy global is not
    /// asked for again each time).
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        KeywordTable().lookup(bytes, start, end)
    }

    /// Up to 16 bytes, little-endian, as two integers: a keyword's spelling
    /// and a word of the plan are compared as these.
    fileprivate static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for i in 0..<min(bytes.count, 16) {
            let byte = UInt64(bytes[i])
            if i < 8 { low |= byte << (8 * UInt64(i)) } else { high |= byte << (8 * UInt64(i - 8)) }
        }
        return (low, high)
    }

    /// `bytes[start..<end]` (2 to 16 bytes) packed as `packed` packs them:
    /// two unaligned loads and masks when 16 bytes from `start` are inside
    /// the buffer, as they are for all but a file's last word.
    fileprivate static func packed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (low: UInt64, high: UInt64) {
        guard start + 16 <= bytes.count, let base = bytes.baseAddress else {
            return packed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        let length = end - start
        let raw = UnsafeRawPointer(base + start)
        // Loads are little-endian on every platform Swift runs plancheck on;
        // `littleEndian` makes that explicit (and free).
        let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        if length <= 8 {
            let mask: UInt64 = length == 8 ? ~0 : (1 << (8 * UInt64(length))) - 1
            return (first & mask, 0)
        }
        let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let mask: UInt64 = length == 16 ? ~0 : (1 << (8 * UInt64(length - 8))) - 1
        return (first, second & mask)
    }

    /// A keyword's bytes, packed.
    fileprivate struct Slot {
        var low: UInt64
        var high: UInt64
        var keyword: Keyword
    }

    /// 1,024 slots for the 130-odd keywords: most lookups touch one slot.
    fileprivate static let slotBits = 10

    fileprivate static func slotIndex(_ low: UInt64, _ high: UInt64) -> Int {
        let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - slotBits))
    }

    fileprivate static let slots: [Slot] = {
        var slots = [Slot](repeating: Slot(low: 0, high: 0, keyword: .none), count: 1 << slotBits)
        for keyword in Keyword.allCases where keyword != .none {
            var text = keyword.text
            let (low, high) = text.withUTF8 { packed($0) }
            var i = slotIndex(low, high)
            while slots[i].keyword != .none { i = (i + 1) & (slots.count - 1) }
            slots[i] = Slot(low: low, high: high, keyword: keyword)
        }
        return slots
    }()
}

/// The keyword table, fetched once by its holder (the lexer): `lookup`
/// then reads it directly.
struct KeywordTable {
    fileprivate let slots = Keyword.slots

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        let length = end - start
        guard length >= 2, length <= 16 else { return .none }
        let (low, high) = Keyword.packed(bytes, start, end)
        return slots.withUnsafeBufferPointer { slots in
            var i = Keyword.slotIndex(low, high)
            while true {
                let slot = slots[i]
                if slot.keyword == .none { return .none }
                if slot.low == low && slot.high == high { return slot.keyword }
                i = (i + 1) & (slots.count - 1)
            }
        }
    }
}

/// A set of keywords as 256 bits, one per raw value: membership is a shift
/// and a mask, with no hashing. The checker asks it of every clause.
public struct KeywordSet: Sendable, ExpressibleByArrayLiteral, Sequence {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init(arrayLiteral keywords: Keyword...) {
        for keyword in keywords { insert(keyword) }
    }

    public mutating func insert(_ keyword: Keyword) {
        let bit = UInt64(1) << UInt64(keyword.rawValue & 63)
        switch keyword.rawValue >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public func contains(_ keyword: Keyword) -> Bool {
        let word: UInt64
        switch keyword.rawValue >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word >> UInt64(keyword.rawValue & 63) & 1 != 0
    }

    /// The keywords in the set, in declaration order.
    public func makeIterator() -> IndexingIterator<[Keyword]> {
        Keyword.allCases.filter(contains).makeIterator()
    }
}
