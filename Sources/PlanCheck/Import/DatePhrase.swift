/// Dates and timescales as plan tables write them, turned into the plan
/// language's forms.
///
///     DatePhrase.timescale("With immediate effect")   // .deadline("immediately")
///     DatePhrase.timescale("Apr-18")                  // .deadline("Apr-18")
///     DatePhrase.timescale("within next 3 months")    // .deadline("within 3 months")
///     DatePhrase.timescale("12.12.13 – 31.03.14")     // .range("12.12.13", "31.03.14")
///     DatePhrase.timescale("Summer term")             // nil: never guessed
enum DatePhrase {
    /// A date in the plan language's spelling, as read at a token.
    struct Found: Hashable {
        /// How the plan writes it: `September`, `March 2015`, `31.03.12`, `Apr-18`.
        var text: String
        var form: DateForm
        /// Tokens used.
        var end: Int
    }

    /// What a timescale cell says.
    enum Timescale: Hashable {
        /// `by`-able: a date, or `ongoing`, `immediately`, `within 3 months`.
        case deadline(String)
        /// A start and an end date.
        case range(String, String)

        /// The deadline it sets: the end of a range.
        var deadline: String {
            switch self {
            case .deadline(let text): text
            case .range(_, let end): end
            }
        }

        var isDate: Bool {
            if case .deadline(let text) = self { return !["ongoing", "immediately"].contains(text) && !text.hasPrefix("within ") }
            return true
        }
    }

    /// A date starting at token `i`, or nil.
    static func date(_ w: Words, at i: Int) -> Found? {
        guard let t = w[i] else { return nil }
        // Most words are not the start of a date: a cheap look first.
        if t.kind != .number, let first = t.lower.unicodeScalars.first, !("0"..."9").contains(first),
           Month.number(t.lower.utf8.prefix(3)) == nil, t.lower != "end", t.lower.count > 2 || first != "q",
           !["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(t.lower) {
            return nil
        }
        var i = i
        // "end of March 2014", "end March 2014": the month's last day is what a month means.
        // "end of March 2014", "end of Q2 2013/14": a month or a quarter already means its last day.
        func periodEnd(_ found: Found?) -> Found? {
            guard let found else { return nil }
            switch found.form {
            case .month, .quarter, .financialYear, .bareQuarter, .bareMonth: return found
            default: return nil
            }
        }
        if t.lower == "end", w.lower(i + 1) == "of", let found = periodEnd(date(w, at: i + 2)) { return found }
        if t.lower == "end", let found = periodEnd(date(w, at: i + 1)) { return found }
        // Weekday names are dropped: "Monday 10 November 2014".
        if ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(t.lower) {
            i += 1
            guard w[i] != nil else { return nil }
        }
        let token = w[i]!
        // 10 November 2014, 10th Nov 2014
        if let day = dayNumber(token), let next = w[i + 1], let month = Month.number(next.text),
           let yearToken = w[i + 2], yearToken.kind == .number, yearToken.text.count == 4, let year = Int(yearToken.text) {
            return checked("\(day) \(Month.fullNames[month - 1]) \(year)", form: .day(year: year, month: month, day: day), end: i + 3)
        }
        if token.kind == .word {
            // March 2015, Sept 2013
            if let month = Month.number(token.text) {
                if let yearToken = w[i + 1], yearToken.kind == .number, yearToken.text.count == 4, let year = Int(yearToken.text) {
                    return checked("\(Month.fullNames[month - 1]) \(year)", form: .month(year: year, month: month), end: i + 2)
                }
                // A bare month, unless a number follows that could be a day or a short year ("March 14").
                if let next = w[i + 1], next.kind == .number { return nil }
                return Found(text: Month.fullNames[month - 1], form: .bareMonth(month), end: i + 1)
            }
            // Feb14, Feb2014: a month and year run together.
            if let (month, year) = runTogether(token.text) {
                return checked("\(Month.fullNames[month - 1]) \(year)", form: .month(year: year, month: month), end: i + 1)
            }
            // Q4 2013/14, Q4 2013-14, Q4 13/14: as the plan language reads a quarter.
            if token.text.count == 2, token.lower.first == "q", let q = Int(token.text.dropFirst()), (1...4).contains(q) {
                if let next = w[i + 1], let form = Self.form("Q\(q) \(next.text)"), case .quarter = form {
                    return Found(text: "Q\(q) \(next.text)", form: form, end: i + 2)
                }
                // A bare quarter, placed in the period as the plan language
                // places `Q3` (unless a number follows that may be its year).
                if w[i + 1]?.kind != .number { return Found(text: "Q\(q)", form: .bareQuarter(q), end: i + 1) }
            }
            // 31.03.12, 31/03/2012, 2013-09-30, Apr-18, 2013/14
            if token.text.contains(where: { $0 == "." || $0 == "/" || $0 == "-" }),
               let form = Self.form(token.text) {
                return Found(text: token.text, form: form, end: i + 1)
            }
        }
        return nil
    }

    /// `10`, `10th`, `1st`, `22nd`, `3rd`: a day of the month.
    static func dayNumber(_ t: Words.Token) -> Int? {
        var digits = t.lower
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits.removeLast(2) }
        guard digits.count <= 2, let day = Int(digits), (1...31).contains(day) else { return nil }
        return day
    }

    /// `Feb14` or `Feb2014`: February 2014.
    static func runTogether(_ text: String) -> (Int, Int)? {
        let letters = text.prefix { $0.isLetter }
        let digits = text.dropFirst(letters.count)
        guard letters.count >= 3, digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isNumber),
              let month = Month.number(String(letters)), let value = Int(digits) else { return nil }
        return (month, digits.count == 2 ? 2000 + value : value)
    }

    /// Keeps `text` only when the plan language reads it as a date that exists.
    private static func checked(_ text: String, form: DateForm, end: Int) -> Found? {
        guard let parsed = Self.form(text) else { return nil }
        return Found(text: text, form: parsed, end: end)
    }

    /// The plan language's reading of `text` as one date; nil for anything
    /// else, and for a day that does not exist (`31.02.13`).
    static func form(_ text: String) -> DateForm? {
        guard let form = Parser.dateForm(ArraySlice(Array(text.utf8))) else { return nil }
        switch form {
        case .day(let y, let m, let d): return CalendarDate(year: y, month: m, day: d) == nil ? nil : form
        case .month(_, let m), .bareMonth(let m): return (1...12).contains(m) ? form : nil
        case .quarter(let q, _), .bareQuarter(let q): return (1...4).contains(q) ? form : nil
        case .financialYear: return form
        case .bareDay(let m, let d): return CalendarDate(year: 2000, month: m, day: d) == nil ? nil : form  // a leap year: 29 February
        }
    }

    /// Number words plans use for durations.
    static func count(_ t: Words.Token?) -> Int? {
        guard let t else { return nil }
        if t.kind == .number, let v = t.value, v == v.rounded(), v >= 1, v < 1000 { return Int(v) }
        let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return words.firstIndex(of: t.lower).map { $0 + 1 }
    }

    /// A whole timescale cell, or nil when it is not read with confidence.
    static func timescale(_ text: String) -> Timescale? {
        var w = Words(text)
        // Trailing full stops and a leading "By"/"Timescale:" are not part of it.
        var tokens = w.tokens
        while let last = tokens.last, last.kind == .symbol, [".", ",", ";"].contains(last.text) { tokens.removeLast() }
        if tokens.count != w.count { w = Words(w.text(0..<tokens.count)) }
        var i = 0
        if let (_, n) = w.firstMatch(["timescale :", "timescale", "deadline :", "deadline", "due by", "due :", "due", "by", "completed by", "complete by", "to be completed by", "target date :", "target date"], at: 0) {
            i = n
        }
        guard i < w.count else { return nil }
        let rest = w.count - i
        // ongoing
        if rest == 1, ["ongoing", "on-going", "continuous", "continuing"].contains(w.lower(i)) { return .deadline("ongoing") }
        if rest == 2, w.matches("on going", at: i) { return .deadline("ongoing") }
        // immediately
        if w.firstMatch(["with immediate effect", "immediately", "immediate", "with effect from now"], at: i).map({ $0.1 == rest }) == true {
            return .deadline("immediately")
        }
        // within (the) (next) N months/weeks/days/years
        if w.lower(i) == "within" {
            var j = i + 1
            if w.lower(j) == "the" { j += 1 }
            if w.lower(j) == "next" { j += 1 }
            if let n = count(w[j]), let unit = w[j + 1], j + 2 == w.count {
                let units = ["month": "months", "months": "months", "week": "weeks", "weeks": "weeks",
                             "year": "years", "years": "years"]
                if let u = units[unit.lower] { return .deadline("within \(n) \(n == 1 ? String(u.dropLast()) : u)") }
            }
            return nil
        }
        // A range: DATE to DATE, DATE - DATE, DATE – DATE; or one token 12.12.13-31.03.14.
        if rest == 1, let t = w[i], t.kind == .word, t.text.contains("-") {
            let parts = t.text.split(separator: "-").map(String.init)
            if parts.count == 2, let a = form(parts[0]), let b = form(parts[1]), isDay(a), isDay(b) {
                return .range(parts[0], parts[1])
            }
        }
        guard let first = date(w, at: i) else { return nil }
        if first.end == w.count { return .deadline(first.text) }
        if ["to", "-", "\u{2013}", "\u{2014}", "until"].contains(w.lower(first.end)), let second = date(w, at: first.end + 1),
           second.end == w.count {
            return .range(first.text, second.text)
        }
        return nil
    }

    private static func isDay(_ form: DateForm) -> Bool {
        if case .day = form { return true }
        return false
    }
}
