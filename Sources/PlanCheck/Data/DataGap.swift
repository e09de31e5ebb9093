/// Why a performance book has no value in a cell that could hold one: the
/// codes the DfE and ONS publish in place of numbers, and Excel's `#N/A`.
/// A gap is no observation, never an error; its reason is carried into "no
/// data" explanations and the report's data gaps.
///
///     GapReason(code: "c")   // .suppressed
public enum GapReason: String, Sendable, Hashable {
    /// `c`: confidential, suppressed to protect individuals.
    case suppressed = "c"
    /// `:`: not available.
    case notAvailable = ":"
    /// `z`: not applicable.
    case notApplicable = "z"
    /// `u`: low reliability.
    case lowReliability = "u"
    /// `x`: not available, the older DfE and ONS symbol (often suppression).
    case withheld = "x"
    /// `#N/A`: Excel's "not available" (`=NA()`).
    case spreadsheetNA = "#N/A"
    /// `n/a`, `N/A`, `NA`: a council scorecard's "not available".
    case writtenNA = "n/a"
    /// `..`: ONS's "not available".
    case dots = ".."
    /// `*`: suppressed, as many published tables mark it.
    case star = "*"
    /// `-`, `–` or `—` alone: a scorecard's "no figure".
    case dash = "-"
    /// `TBC`: to be confirmed, a figure not yet in.
    case toBeConfirmed = "TBC"
    /// `<5`, `<10`: a small number withheld, as published tables write it.
    case small = "<"
    /// `low` or `~`: Explore Education Statistics' figure that rounds to zero
    /// but is not zero.
    case low = "low"

    /// The reason a cell's text gives, or nil when it is not a gap code.
    /// The same from a cell's bytes, without building a String for a cell
    /// that is not a code (nearly all of them).
    public init?(code bytes: UnsafeBufferPointer<UInt8>) {
        guard (1...4).contains(bytes.count), let first = bytes.first, !Lexer.isDigit(first) else { return nil }
        self.init(code: String(decoding: bytes, as: UTF8.self))
    }

    public init?(code: String) {
        switch code {
        case "c", "C": self = .suppressed
        case ":": self = .notAvailable
        case "z", "Z": self = .notApplicable
        case "u", "U": self = .lowReliability
        case "x", "X": self = .withheld
        case "#N/A", "#n/a": self = .spreadsheetNA
        case "n/a", "N/A", "N/a", "NA", "na": self = .writtenNA
        case "..": self = .dots
        case "*": self = .star
        case "-", "\u{2013}", "\u{2014}": self = .dash
        case "TBC", "tbc", "Tbc": self = .toBeConfirmed
        case "low", "Low", "LOW", "~": self = .low
        default:
            let digits = code.utf8.dropFirst()
            guard code.utf8.first == UInt8(ascii: "<"), (1...3).contains(digits.count), digits.allSatisfy(Lexer.isDigit) else { return nil }
            self = .small
        }
    }

    /// For explanations: `suppressed (c)`.
    public var describe: String {
        switch self {
        case .suppressed: "suppressed (c)"
        case .notAvailable: "not available (:)"
        case .notApplicable: "not applicable (z)"
        case .lowReliability: "of low reliability (u)"
        case .withheld: "not available (x)"
        case .spreadsheetNA: "not available (#N/A)"
        case .writtenNA: "not available (n/a)"
        case .dots: "not available (..)"
        case .star: "suppressed (*)"
        case .dash: "without a figure (-)"
        case .toBeConfirmed: "to be confirmed (TBC)"
        case .small: "suppressed as a small number (<N)"
        case .low: "a low figure that rounds to zero (low)"
        }
    }
}

/// A cell of the book that says why it holds no value.
public struct DataGap: Sendable, Hashable {
    public var date: CalendarDate
    /// nil for the actual value, else a comparator id or `baseline`.
    public var series: String?
    public var reason: GapReason
    public var location: Location

    public init(date: CalendarDate, series: String?, reason: GapReason, location: Location) {
        self.date = date
        self.series = series
        self.reason = reason
        self.location = location
    }

    /// Adds the book's reason to each judgement of an item whose book has a
    /// gap after the value judged (or after the last value, for "no data"),
    /// on or before the point the judgement is made at (its deadline once
    /// passed, else `asOf`): in the actual values ("The book marks 30 Sep
    /// 2013 as suppressed (c).") or, failing that, in a comparator's ("The
    /// book marks sn for 31 Mar 2014 as suppressed (c)."), as when a DfE file
    /// withholds a neighbour's figure. So a judgement on an older value says
    /// why no later one was used.
    static func explain(_ judgements: inout [Judgement], series: ItemSeries, asOf: CalendarDate) {
        guard !series.gaps.isEmpty else { return }
        for i in judgements.indices where judgements[i].status == .noData || judgements[i].value != nil {
            let j = judgements[i]
            let point = min(j.deadline ?? asOf, asOf)
            func unexplained(_ name: String?, after observations: [Observation]) -> DataGap? {
                let lastSeen = j.status == .noData ? observations.last { $0.date <= point }?.date : j.valueDate
                return series.gaps.last { gap in
                    gap.series == name && gap.date <= point && (lastSeen.map { $0 < gap.date } ?? true)
                }
            }
            var sentence: String?
            if j.status == .noData, let window = j.missingWindow {
                // The periods named as missing, and only those: a gap in
                // October says nothing of March.
                if let gap = series.gaps.last(where: { $0.series == nil && window.contains($0.date) }) {
                    sentence = "The book marks \(gap.date.display) as \(gap.reason.describe)."
                }
            } else if let gap = unexplained(nil, after: series.actual) {
                sentence = "The book marks \(gap.date.display) as \(gap.reason.describe)."
            } else if j.status == .noData {
                for name in Set(series.gaps.compactMap(\.series)).sorted() where name != "baseline" {
                    if let gap = unexplained(name, after: series.comparators[name] ?? []) {
                        sentence = "The book marks \(name) for \(gap.date.display) as \(gap.reason.describe)."
                        break
                    }
                }
            }
            guard let sentence else { continue }
            judgements[i].explanation = j.explanation.isEmpty ? sentence : j.explanation + " " + sentence
        }
    }
}
