/// Numeric targets read from criteria written in English, only where the words
/// are unambiguous.
///
///     Criterion.read("No less than 85% of consultations to be referred within 1 working day")
///     // [target "no less than 85%"]
///     Criterion.read("Target is that 75% of cases will take 35 days or less")
///     // [share ">= 75%"]: the percentage is the target, "35 days or less" its
///     // standard; which way is better only a polarity says
///     Criterion.read("Target 90%", polarity: nil)
///     // [level 90% with no direction]: the caller asks for a polarity
///     Criterion.read("Case files show a significant and sustained improvement")
///     // []: nothing numeric, left to the analyst
///
/// The requirement is written as the plan language reads it. Where the table's
/// words are themselves plan language (`no less than`, `no more than`, `less
/// than`, `below`, `at least`, `at most`, `from 80% to 90%`) they are kept;
/// other wordings take the symbol that means the same (`do not exceed 5%` is
/// `<= 5%`; the cell's words stay in the entry's `note`).
enum Criterion {
    struct Found: Hashable {
        enum Kind: Hashable {
            /// A level with a comparison, a range or a change: ready to write.
            case target
            /// A duration limit (`within 15 working days`): used only when the
            /// cell states no other figure, since it is usually the standard a
            /// percentage is measured against.
            case duration
            /// A level with no direction (`Target 90%`): needs a polarity.
            case bareLevel
            /// "90% of members are trained", "10% agency staff": a share with no
            /// word for its direction. Its requirement reads `>= N%`, but only a
            /// polarity says which way is better; without one it is not written.
            case share
        }
        var kind: Kind
        /// The requirement in plan language: `no less than 85%`, `>= 90%`, `decrease by 30%`.
        /// For a bare level, the level alone: `90%`.
        var requirement: String
        /// The words it was read from, as written.
        var words: String
        var range: Range<Int>
        /// Which paragraph and sentence of the cell it was read from.
        var sentence: [Int] = []
        /// `each month`, `each quarter`, `each year`: the level is a standard
        /// for every period ("at least 50 audited each quarter"), not one deadline.
        var recurrence: String?
        /// The sentence's own deadline ("from 45% to 60% by March 2014"), in plan spelling.
        var deadline: String?
        /// Words in the sentence that change what the figure means and that the
        /// import does not read ("for three consecutive months", "by 2015").
        var unread: String?
        /// Other figures in the same sentence (a duration is then a standard, not a target).
        var otherFigures = false
        /// The whole sentence it was read from.
        var sentenceText = ""
    }

    /// What the rest of the sentence holding `f` says about it.
    static func context(_ w: Words, _ f: inout Found) {
        let start = w.sentenceStart(f.range.lowerBound)
        var end = f.range.upperBound
        while let t = w[end], !(t.kind == .symbol && [".", ";", "!", "?"].contains(t.text)) { end += 1 }
        var i = start
        // Another level after this one ("85%, rising to 90% by March 2016"):
        // a date after it is that level's, not this one's. (A length of time
        // is not one: "85% referred within 1 working day, by September".)
        var levelAfter = false
        while i < end {
            defer { i += 1 }
            if f.range.contains(i) { continue }
            let t = w[i]!
            if t.kind == .number, !(t.text.count == 4 && (1900...2100).contains(Int(t.value ?? 0))) {
                let isDay = DatePhrase.date(w, at: i) != nil
                if !isDay { f.otherFigures = true }
                if !isDay, i >= f.range.upperBound, !Self.timeWords.contains(w.lower(i + 1)) { levelAfter = true }
            }
            if t.lower == "by", levelAfter, i >= f.range.upperBound {
                // Skipped: the date goes with the level before it.
                var j = i + 1
                if w.lower(j) == "the" { j += 1 }
                if let date = DatePhrase.date(w, at: j) { i = date.end - 1 }
                continue
            }
            // A date after the level that no `by` gives ("(March 2015)", "from
            // April 2015"): the criterion's own timing, not read; the Timescale
            // column's date must not stand in for it. (A recurring target's
            // `from` is read.)
            if i >= f.range.upperBound, t.lower != "by", t.kind == .word, let date = DatePhrase.date(w, at: i) {
                let before = w.lower(i - 1)
                let readFrom = (before == "from" || before == "starting") && (f.recurrence?.contains(" from ") ?? false)
                if !readFrom {
                    let from = ["from", "(", "in", "at", "on", "until", "after", "before", "starting"].contains(before) ? i - 1 : i
                    let through = before == "(" && w.lower(date.end) == ")" ? date.end + 1 : date.end
                    f.unread = f.unread ?? w.text(from..<through)
                }
                i = date.end - 1
                continue
            }
            if t.lower == "by" {
                var j = i + 1
                if w.lower(j) == "the" { j += 1 }
                if let date = DatePhrase.date(w, at: j) {
                    if f.deadline == nil { f.deadline = date.text } else if f.deadline != date.text { f.unread = w.text(i..<date.end) }
                    i = date.end - 1
                } else if let y = w[j], y.kind == .number, y.text.count == 4 {
                    f.unread = w.text(i..<(j + 1))
                } else if Self.soundsLikeADate(w, at: j) {
                    // "by end of Q2", "by Sept 14", "by the end of the year": the
                    // criterion's own deadline, not read; the Timescale column's
                    // date must not stand in for it.
                    f.unread = f.unread ?? w.text(i..<min(end, j + 4))
                }
            }
            // "At least 80% within 6 months": a deadline of its own, not read.
            // (Later in the sentence it says which cases count: "re-referred
            // within 12 months".)
            if t.lower == "within", i == f.range.upperBound, DatePhrase.count(w[i + 1]) != nil,
               ["month", "months", "year", "years", "quarter", "quarters"].contains(w.lower(i + 2)) {
                f.unread = f.unread ?? w.text(i..<(i + 3))
            }
            if i >= f.range.upperBound {
                for phrase in ["consecutive", "sustained", "rolling", "on average", "average of", "median", "quartile",
                               "each of the"] where w.matches(phrase, at: i) {
                    f.unread = f.unread ?? w.text(i..<min(end, i + 4))
                }
                if t.lower == "for", DatePhrase.count(w[i + 1]) != nil, ["months", "month", "quarters", "years", "weeks"].contains(w.lower(i + 2)) {
                    f.unread = f.unread ?? w.text(i..<(i + 3))
                }
            }
        }
    }

    /// "per 10,000" earlier in the sentence holding `i`: the base of a rate.
    static func rateBase(_ w: Words, before i: Int) -> String? {
        var j = w.sentenceStart(i)
        while j < i - 1 {
            if w.lower(j) == "per", let base = w[j + 1], base.kind == .number, let value = base.value, value >= 10 {
                return base.text
            }
            j += 1
        }
        return nil
    }

    /// Whether the words at `j` start a date `DatePhrase` did not read: a
    /// quarter, "end of", a month's name, a day's number.
    static func soundsLikeADate(_ w: Words, at j: Int) -> Bool {
        guard let t = w[j] else { return false }
        let word = t.lower
        if ["end", "close", "start", "beginning", "q1", "q2", "q3", "q4", "quarter", "year", "next", "autumn",
            "spring", "summer", "winter", "month", "financial"].contains(word) { return true }
        if t.kind == .number { return true }
        return Month.number(word) != nil || ["sept", "sep"].contains(word)
    }

    /// "each quarter", "every month", "per year", "monthly" later in the same
    /// sentence as the figure ending at `end`.
    static func recurrence(_ w: Words, after end: Int) -> String? {
        var i = end
        // "each month from October 2014": the first period, when its date
        // stands alone (a bare month would need the plan's period).
        func from(_ j: Int) -> String {
            guard w.lower(j) == "from" || w.lower(j) == "starting", let date = DatePhrase.date(w, at: j + 1),
                  let t = DatePhrase.timescale(date.text), t.isDate,
                  !TableImporter.Due(timescale: t).needsPeriod else { return "" }
            return " from " + date.text
        }
        while let t = w[i], !(t.kind == .symbol && [".", ";", "!", "?"].contains(t.text)) {
            if ["each", "every", "per", "a"].contains(t.lower), let unit = ["month": "month", "quarter": "quarter", "year": "year"][w.lower(i + 1)] {
                return "each " + unit + from(i + 2)
            }
            if let unit = ["monthly": "month", "quarterly": "quarter", "annually": "year", "yearly": "year"][t.lower] {
                return "each " + unit + from(i + 1)
            }
            i += 1
        }
        return nil
    }

    static let atLeastWords: [(String, String)] = [
        ("no less than", "no less than"), ("not less than", ">="), ("no fewer than", ">="), ("not fewer than", ">="),
        ("at least", "at least"), ("a minimum of", ">="), ("minimum of", ">="), ("greater than or equal to", ">="),
        ("at or above", ">="), ("at or higher than", ">="), ("equal to or above", ">="), ("equal to or greater than", ">="),
        ("equal to or more than", ">="), ("no lower than", ">="), ("not lower than", ">="), ("no fewer than", ">="),
        ("not below", ">="), ("not under", ">="), ("minimum", ">="), ("≥", ">="), (">=", ">="),
    ]
    static let atMostWords: [(String, String)] = [
        ("no more than", "no more than"), ("not more than", "<="), ("at most", "at most"), ("a maximum of", "<="),
        ("maximum of", "<="), ("do not exceed", "<="), ("does not exceed", "<="), ("not to exceed", "<="),
        ("should not exceed", "<="), ("must not exceed", "<="), ("will not exceed", "<="), ("not exceeding", "<="),
        ("less than or equal to", "<="), ("at or below", "<="), ("at or under", "<="), ("equal to or below", "<="),
        ("equal to or less than", "<="), ("no higher than", "<="), ("not higher than", "<="), ("no greater than", "<="),
        ("not greater than", "<="), ("not exceed", "<="), ("not above", "<="), ("not over", "<="), ("up to", "<="),
        ("maximum", "<="), ("≤", "<="), ("<=", "<="),
    ]
    static let belowWords: [(String, String)] = [
        ("less than", "less than"), ("fewer than", "<"), ("lower than", "<"), ("below", "below"), ("under", "<"), ("<", "<"),
    ]
    static let aboveWords: [(String, String)] = [
        ("more than", "more than"), ("greater than", ">"), ("higher than", ">"), ("above", "above"), ("over", ">"), (">", ">"),
    ]
    /// The first word of every comparison phrase: most tokens start none.
    static let comparisonFirstWords: Set<String> = Set((atLeastWords + atMostWords + belowWords + aboveWords).map {
        String($0.0.split(separator: " ")[0])
    })
    static let increaseWords: Set<String> = ["increase", "increased", "increases", "increasing", "rise", "rises",
                                             "risen", "raise", "raised", "grow", "grown", "improve", "improved"]
    static let decreaseWords: Set<String> = ["reduce", "reduced", "reduces", "reducing", "decrease", "decreased",
                                             "decreases", "decreasing", "fall", "falls", "fallen", "cut", "lower", "lowered"]
    /// After `N%`, these do not make "N% of something" (`90% by March`, `90% or more`).
    static let notANoun: Set<String> = ["by", "to", "or", "and", "in", "at", "for", "within", "on", "per", "from",
                                        "until", "before", "after", "ongoing", "target", "each", "every", "than",
                                        "increase", "decrease", "reduction", "points", "point", "pp", "baseline",
                                        "is", "was", "were", "are", "plus", "over", "under"]
    /// Before `N%`, these make the figure something other than the target
    /// (a baseline, a current value, a comparison).
    static let notBeforeLevel: Set<String> = ["of", "at", "from", "was", "were", "currently", "baseline", "average",
                                              "by", "to", "than", "around", "approximately", "about", "circa", "c",
                                              "nearly", "almost", "over", "under", "up", "only", "just", "exceed",
                                              "exceeds", "exceeding", "within", "between", "and", "or", "(", "=",
                                              "increase", "decrease", "reduction", "rise", "fall", "s", "is", "not",
                                              "no", "with", "has", "had", "having", "a", "the", "in", "on", "per"]

    /// After a number, a length of time: the figure says which cases count
    /// ("seen within 24 hours"), not a level of its own.
    static let timeWords: Set<String> = ["day", "days", "week", "weeks", "month", "months", "year", "years",
                                         "hour", "hours", "working", "minutes"]
    /// Before a number, a word that makes it a name: "section 47", "key stage 2".
    static let labelWords: Set<String> = ["section", "s", "article", "regulation", "schedule", "paragraph", "appendix",
                                          "part", "stage", "tier", "phase", "page", "version", "chapter", "rule"]

    /// Every figure in `text` read as a target, in order.
    static func read(_ text: String) -> [Found] {
        read(paragraphs: [text])
    }

    /// Every figure in the paragraphs read as a target, in order, each marked
    /// with its paragraph and sentence.
    static func read(paragraphs: [String]) -> [Found] {
        let joined = joinedSentences(paragraphs)
        var found: [Found] = []
        for (p, text) in joined.enumerated() {
            let w = Words(text)
            var i = 0
            while i < w.count {
                if var f = match(w, at: i) {
                    f.sentence = [p, w.sentenceStart(f.range.lowerBound)]
                    if f.kind != .duration { f.recurrence = recurrence(w, after: f.range.upperBound) }
                    context(w, &f)
                    var end = f.range.upperBound
                    while let t = w[end], !(t.kind == .symbol && [".", ";", "!", "?"].contains(t.text)) { end += 1 }
                    f.sentenceText = w.text(w.sentenceStart(f.range.lowerBound)..<end)
                    found.append(f)
                    i = f.range.upperBound
                } else {
                    i += 1
                }
            }
        }
        return found
    }

    /// A line broken mid-sentence (`shared<br>at least 2 days before`) is
    /// one sentence: such lines are joined, as `read` and `unreadFigures` see them.
    static func joinedSentences(_ paragraphs: [String]) -> [String] {
        var joined: [String] = []
        for paragraph in paragraphs {
            if let last = joined.last, let first = paragraph.unicodeScalars.first, first.properties.isLowercase,
               let end = last.unicodeScalars.last, ![".", ";", "!", "?"].contains(end) {
                joined[joined.count - 1] += " " + paragraph
            } else {
                joined.append(paragraph)
            }
        }
        return joined
    }

    /// Sentences of `paragraphs` that hold a figure (not a date or a year)
    /// but no requirement `read` found: "none later than 20 days" after
    /// "Not less than 75% of reviews on time;". Each is a TODO beside the
    /// targets written, so no figure goes unmentioned.
    static func unreadFigures(paragraphs: [String], found: [Found]) -> [String] {
        let joined = joinedSentences(paragraphs)
        var sentences: [String] = []
        for (p, text) in joined.enumerated() {
            let w = Words(text)
            var reported = Set<Int>()
            var i = 0
            while i < w.count {
                defer { i += 1 }
                guard let t = w[i], t.kind == .number else { continue }
                if let date = DatePhrase.date(w, at: i) {
                    i = date.end - 1
                    continue
                }
                if t.text.count == 4, (1900...2100).contains(Int(t.value ?? 0)) { continue }
                let start = w.sentenceStart(i)
                // A figure inside a requirement read is read. In a sentence
                // with one, another level is not ("85%, rising to 90% by
                // 2016"), but a length of time says which cases count ("seen
                // within 24 hours", "open more than 12 months"); in a sentence
                // with none, any figure is unread ("none later than 20 days").
                guard !reported.contains(start),
                      !found.contains(where: { $0.sentence.first == p && $0.range.contains(i) }) else { continue }
                if found.contains(where: { $0.sentence == [p, start] }), Self.timeWords.contains(w.lower(i + 1)) { continue }
                // A number that names a thing is no figure: "section 47", "key stage 2".
                if Self.labelWords.contains(w.lower(i - 1)) { continue }
                // "per 10,000": a rate's base, read with its level.
                if w.lower(i - 1) == "per", found.contains(where: { $0.sentence == [p, start] }) { continue }
                // "Sept 14": a date not read, which its target's TODO names.
                if Month.number(w.lower(i - 1)) != nil || ["sept", "sep"].contains(w.lower(i - 1)) { continue }
                reported.insert(start)
                var end = i
                while let u = w[end], !(u.kind == .symbol && [".", ";", "!", "?"].contains(u.text)) { end += 1 }
                sentences.append(w.text(start..<end))
            }
        }
        return sentences
    }

    /// The targets worth writing: in each sentence, a duration limit only when
    /// the sentence states no other figure ("No less than 85% referred within
    /// 1 working day" is an 85% target; "within 1 working day" is its standard).
    static func targets(_ found: [Found]) -> [Found] {
        found.filter { f in
            f.kind != .duration || (!f.otherFigures && !found.contains { $0.sentence == f.sentence && $0.kind != .duration })
        }
    }

    /// A quantity at `i`: its plan text, whether it is a percentage, and the index after it.
    struct Quantity {
        var text: String
        var percent: Bool
        var end: Int
        var value: Double
        /// A duration (`15 working days`, `24 hours`).
        var duration: Bool = false
    }

    static func quantity(_ w: Words, at i: Int, allowYear: Bool = false) -> Quantity? {
        guard let t = w[i], t.kind == .number, let value = t.value else { return nil }
        let number = t.text
        // "1 in 10", "2 out of 3", "2 of the 3", "3/4": a ratio, not a level.
        if ["in", "of", "/"].contains(w.lower(i + 1)) && (w[i + 2]?.kind == .number || (w.lower(i + 2) == "the" && w[i + 3]?.kind == .number)) { return nil }
        if w.matches("out of", at: i + 1) { return nil }
        // "85,5%": a decimal comma, not read (nor taken for 85).
        if let comma = w[i + 1], comma.text == ",", comma.start == t.end, let next = w[i + 2], next.kind == .number,
           next.start == comma.end { return nil }
        // A year is not a level ("from 2013 to 2014").
        if !allowYear, number.count == 4, !number.contains("."), !number.contains(","), (1900...2100).contains(Int(value)),
           w.lower(i + 1) != "%" { return nil }
        if w.lower(i + 1) == "%" { return Quantity(text: number + "%", percent: true, end: i + 2, value: value) }
        if w.matches("per cent", at: i + 1) { return Quantity(text: number + "%", percent: true, end: i + 3, value: value) }
        if w.lower(i + 1) == "percent" { return Quantity(text: number + "%", percent: true, end: i + 2, value: value) }
        if w.matches("working days", at: i + 1) || w.matches("working day", at: i + 1) {
            return Quantity(text: number + " working days", percent: false, end: i + 3, value: value, duration: true)
        }
        // "open more than 12 months", "aged over 16 years": a length of time
        // that says which cases are counted, not a level to reach.
        if ["month", "months", "year", "years"].contains(w.lower(i + 1)) { return nil }
        let units = ["days": "days", "day": "days", "hours": "hours", "hour": "hours", "weeks": "weeks", "week": "weeks"]
        if let unit = units[w.lower(i + 1)] {
            return Quantity(text: number + " " + unit, percent: false, end: i + 2, value: value, duration: true)
        }
        // A rate: 75 CAFs per 10,000 population (up to three words between).
        for gap in 0...3 {
            let per = i + 1 + gap
            guard per < w.count else { break }
            if gap > 0, w[per - 1]?.kind != .word { break }
            if w.lower(per) == "per", let base = w[per + 1], base.kind == .number, let b = base.value, b >= 10 {
                var end = per + 2
                if w.lower(end) == "population" || w.lower(end) == "children" { end += 1 }
                return Quantity(text: "\(number) per \(base.text)", percent: false, end: end, value: value)
            }
        }
        return Quantity(text: number, percent: false, end: i + 1, value: value)
    }

    /// The sentence holding `i` starts "No ..." (not "No more/less than"): "No
    /// Social Worker with a caseload of more than 30" says at most 30.
    static func negatedSubject(_ w: Words, _ i: Int) -> Bool {
        let s = w.sentenceStart(i)
        return w.lower(s) == "no" && !["more", "less", "fewer"].contains(w.lower(s + 1)) && s < i
    }

    /// A negation just before a comparison we do not read ("not below 85%").
    static func negatedBefore(_ w: Words, _ i: Int) -> Bool {
        ["not", "never", "no", "n't", "cannot"].contains(w.lower(i - 1))
    }

    static func match(_ w: Words, at i: Int) -> Found? {
        func found(_ kind: Found.Kind, _ requirement: String, _ range: Range<Int>) -> Found {
            Found(kind: kind, requirement: requirement, words: w.text(range), range: range)
        }
        let token = w.lower(i)

        // Comparison words, then the level.
        let tables: [([(String, String)], String)] = [(atLeastWords, ">="), (atMostWords, "<="), (belowWords, "<"), (aboveWords, ">")]
        for (table, symbol) in tables where comparisonFirstWords.contains(token) {
            guard let (phrase, n) = w.firstMatch(table.map(\.0), at: i) else { continue }
            guard var q = quantity(w, at: i + n) else { return nil }
            // "Rate of CIN per 10,000 children below 350": the level is a rate
            // as the sentence said before it.
            if !q.percent, !q.duration, !q.text.contains(" per "), let base = rateBase(w, before: i) {
                q.text += " per " + base
            }
            let written = table.first { $0.0 == phrase }!.1
            if symbol == "<" || symbol == ">" {
                if negatedBefore(w, i) { return nil }
                if negatedSubject(w, i) {
                    // "No social worker with more than 30": at most 30; "no child below 5": at least 5.
                    return found(q.duration ? .duration : .target, (symbol == ">" ? "<= " : ">= ") + q.text, i..<q.end)
                }
            }
            if q.duration { return found(.duration, written + " " + q.text, i..<q.end) }
            return found(.target, written + " " + q.text, i..<q.end)
        }

        // "a reduction of 30%", "an increase of 25%"
        if (token == "reduction" || token == "increase" || token == "decrease") && w.lower(i + 1) == "of",
           let q = quantity(w, at: i + 2), q.percent {
            let verb = token == "increase" ? "increase" : "decrease"
            return found(.target, "\(verb) by \(q.text)", i..<q.end)
        }
        // Changes: increase/reduce by N, from N to M, to N.
        if increaseWords.contains(token) || decreaseWords.contains(token) || token == "from" {
            let up = increaseWords.contains(token)
            let verb = token == "from" ? nil : (up ? "increase" : "decrease")
            var j = token == "from" ? i : i + 1
            // "Reduce agency staff to 10%", "Reduce re-referrals from 25% to
            // 20%": up to four words may name what changes.
            if verb != nil {
                var k = j
                while k < j + 4, let t = w[k], t.kind == .word, !["from", "by", "to"].contains(t.lower) { k += 1 }
                if k > j, ["from", "by", "to"].contains(w.lower(k)) { j = k }
            }
            // "reduced from 20% to 15%", "from 80% to 90%"
            if w.lower(j) == "from", let a = quantity(w, at: j + 1), w.lower(a.end) == "to", let b = quantity(w, at: a.end + 1),
               !a.duration, !b.duration, a.value != b.value {
                let from = a.percent || !b.percent ? a.text : a.text + "%"
                let to = b.percent || !a.percent ? b.text : b.text + "%"
                if let verb, (verb == "increase") != (b.value > a.value) { return nil }
                return found(.target, "from \(from) to \(to)", i..<b.end)
            }
            guard let verb else { return nil }
            if w.lower(j) == "by", let q = quantity(w, at: j + 1), !q.duration {
                var end = q.end
                var amount = q.text
                if !q.percent, w.lower(end) == "points" || w.lower(end) == "point" || w.lower(end) == "pp" {
                    amount += " points"
                    end += 1
                } else if !q.percent, w.matches("percentage points", at: end) {
                    amount += " points"
                    end += 2
                } else if !q.percent, q.text.contains(" per ") {
                    return nil
                }
                if negatedBefore(w, i) { return nil }
                return found(.target, "\(verb) by \(amount)", i..<end)
            }
            // "reduce to 10%": at most 10%; "increase to 90%": at least.
            if w.lower(j) == "to", let q = quantity(w, at: j + 1), !q.duration {
                if negatedBefore(w, i) { return nil }
                return found(.target, (up ? ">= " : "<= ") + q.text, i..<q.end)
            }
            return nil
        }
        // "a reduction of 30%", "an increase of 25%"
        if (token == "reduction" || token == "increase" || token == "decrease") && w.lower(i + 1) == "of",
           let q = quantity(w, at: i + 2), q.percent {
            let verb = token == "increase" ? "increase" : "decrease"
            return found(.target, "\(verb) by \(q.text)", i..<q.end)
        }

        guard let q = quantity(w, at: i) else { return nil }
        let before = w.lower(i - 1)
        // "85%–90%", "85 - 90%": the end of a range, not a level of its own
        // (the sentence is then a TODO, with its words).
        if ["-", "\u{2013}", "\u{2014}"].contains(before), let previous = w[i - 2],
           previous.kind == .number || previous.text == "%" { return nil }

        // "90%+": at least.
        if q.percent, w.lower(q.end) == "+" { return found(.target, ">= " + q.text, i..<(q.end + 1)) }
        // Level then words: "10% or less", "80% or more".
        if let (phrase, n) = w.firstMatch(["or more", "or above", "or higher", "or greater", "or over", "and above", "or less",
                                           "or below", "or lower", "or fewer", "or under", "and below"], at: q.end) {
            let symbol = ["or more", "or above", "or higher", "or greater", "or over", "and above"].contains(phrase) ? ">=" : "<="
            return found(q.duration ? .duration : .target, "\(symbol) \(q.text)", i..<(q.end + n))
        }
        // "within 15 working days": a duration limit.
        if q.duration, before == "within" {
            return found(.duration, "<= " + q.text, (i - 1)..<q.end)
        }
        guard q.percent else {
            // "Target: 30", "Target of 20", a Target cell that is just "30": a
            // level with no direction (the polarity gives it).
            if isTargetWord(w, before: i) || i == 0, endsLevel(w, q.end) { return found(.bareLevel, q.text, i..<q.end) }
            return nil
        }
        // "Target 90%", "Target: 90%", a cell that is just "90%"; and "Target: 22%
        // re-referrals", a label and a level whose direction only the polarity gives
        // ("Target 90% of members trained" says what share is to be so: below).
        if (isTargetWord(w, before: i) && w.lower(q.end) != "of") || (i == 0 && endsLevel(w, q.end)) {
            if q.value == 100 { return found(.target, "= 100%", i..<q.end) }
            return found(.bareLevel, q.text, i..<q.end)
        }
        // "90% of elected members are trained", "70% permanent, experienced staff":
        // a share, whose direction only a polarity gives ("10% agency staff" is at most).
        if !notBeforeLevel.contains(before), !negatedBefore(w, i), let next = w[q.end], next.kind == .word,
           !notANoun.contains(next.lower) || next.lower == "of" {
            if next.lower == "of" && w[q.end + 1] == nil { return nil }
            if q.value == 100 { return found(.target, "= 100%", i..<(q.end + (next.lower == "of" ? 1 : 0))) }
            return found(.share, ">= " + q.text, i..<(q.end + (next.lower == "of" ? 1 : 0)))
        }
        return nil
    }

    /// `Target`, `Target:`, `Target of`, `Target is`, `Aim` just before `i`.
    static func isTargetWord(_ w: Words, before i: Int) -> Bool {
        var j = i - 1
        if [":", "-", "of", "is", "="].contains(w.lower(j)) { j -= 1 }
        return ["target", "aim", "goal"].contains(w.lower(j))
    }

    /// Nothing after the level but the end, punctuation, or a deadline.
    static func endsLevel(_ w: Words, _ end: Int) -> Bool {
        guard let t = w[end] else { return true }
        if t.kind == .symbol { return [".", ",", ";", ")", "("].contains(t.text) }
        return ["by", "ongoing", "within", "in", "for", "each", "every", "from"].contains(t.lower)
    }
}

/// What a progress or RAG cell says about its date, and the words.
enum CommentaryCell {
    /// A date at the start of a paragraph ("Nov 2013: text", "30.11.13 - text",
    /// "Update 12/12/13: text", "(Oct 13) text" is not read: two-digit years
    /// with a month name are ambiguous), and the text after it.
    static func dated(_ paragraph: String) -> (date: String, text: String)? {
        let w = Words(paragraph)
        var i = 0
        if let (_, n) = w.firstMatch(["update", "updated", "as at", "at", "progress", "position at", "position as at"], at: 0) { i = n }
        if w.lower(i) == "(" { i += 1 }
        guard let date = DatePhrase.date(w, at: i) else { return nil }
        if case .bareMonth = date.form { return nil }
        var j = date.end
        if w.lower(j) == ")" { j += 1 }
        while let t = w[j], t.kind == .symbol, [":", "-", "\u{2013}", "\u{2014}", ".", ",", ";"].contains(t.text) { j += 1 }
        let text = j < w.count ? String(String.UnicodeScalarView(w.scalars[w.tokens[j].start...])) : ""
        return (date.text, text)
    }

    /// `red`, `amber` or `green` from a RAG cell ("R", "Amber", "G - on track"),
    /// with any words after it as the reason; nil when unclear ("Amber/Green").
    static func rag(_ text: String) -> (rating: String, reason: String)? {
        let w = Words(text)
        guard let first = w[0] else { return nil }
        let names = ["r": "red", "red": "red", "a": "amber", "amber": "amber", "g": "green", "green": "green"]
        guard let rating = names[first.lower] else { return nil }
        var j = 1
        // "Amber/Green", "A/G", "Red-Amber" are between two ratings: not read.
        if let t = w[j], t.kind == .symbol, t.text == "/" { return nil }
        if first.text.contains("/") || first.text.contains("-") { return nil }
        while let t = w[j], t.kind == .symbol, [":", "-", "\u{2013}", "\u{2014}", ".", ",", ";", "("].contains(t.text) { j += 1 }
        if let t = w[j], names[t.lower] != nil, t.text.count > 1 { return nil }
        var reason = j < w.count ? String(String.UnicodeScalarView(w.scalars[w.tokens[j].start...])) : ""
        if reason.hasSuffix(")") && !reason.contains("(") { reason.removeLast() }
        return (rating, reason)
    }
}
