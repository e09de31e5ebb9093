/// The words completion offers and the editors' grammars highlight, taken
/// from the parser's own keyword lists where it has them, so a clause or entry
/// the parser learns is offered without a change here.
///
/// `planned` holds the words of the spec's "More of what real plans say" that
/// the parser does not read yet; they are offered now so an analyst writing
/// them meets no surprise, and fall away into the parser's lists as it learns
/// them (duplicates are dropped).
enum LanguageWords {
    static var entryKeywords: [String] { Parser.entryKeywords.map(\.text) }

    /// A parser keyword that starts a planned phrase (`minimum` of `minimum cohort`) is offered as the phrase.
    static var clauseKeywords: [String] {
        unique(Parser.clauseKeywords.map(\.text).map { word in
            planned.clauses.first { $0.hasPrefix(word + " ") } ?? word
        } + planned.clauses)
    }

    /// Comparators in words and symbols, as a target's level is introduced.
    static var comparators: [String] {
        unique(Comparison.allCases.map(\.rawValue)
            + ["at least", "no less than", "at most", "no more than", "below", "less than", "above", "more than",
               "exactly"]
            + planned.comparators)
    }

    /// What may start a target's requirement, besides a comparator.
    static var requirementStarts: [String] {
        unique(["increase", "decrease", "in line with", "within", "from", "done"] + planned.requirementStarts)
    }

    /// What may follow a target's level.
    static var afterLevel: [String] {
        unique(["by", "ongoing", "immediately", "within", "sustained", "points", "per", "days", "weeks", "months"]
            + planned.afterLevel)
    }

    static let deadlineWords = ["ongoing", "immediately", "within"]
    static let polarities = ["higher", "lower"]
    static var evidenceKinds: [String] { EvidenceKind.allCases.map(\.rawValue) }
    static let units = ["%", "percent", "count", "per", "days", "weeks", "months"]
    static var frequencies: [String] { Frequency.allCases.map(\.rawValue) }
    static var ratings: [String] { Rating.allCases.map(\.rawValue) }

    /// Issue 8's forms, from the spec's "More of what real plans say".
    enum planned {
        static let clauses = ["frequency", "minimum cohort", "rag", "progress"]
        static let comparators = ["do not exceed", "not exceeding", "not more than", "a maximum of", "not less than",
                                  "a minimum of", "at or above", "at or below", "no fewer than", "fewer than",
                                  "under", "over", "up to", "greater than", "no greater than", "increase to",
                                  "reduce to"]
        static let requirementStarts = ["maintain", "average"]
        static let afterLevel = ["or more", "or above", "or higher", "or less", "or below", "or lower", "or fewer",
                                 "each month", "each quarter", "each year", "over", "hours", "working days",
                                 "calendar days"]
    }

    static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
