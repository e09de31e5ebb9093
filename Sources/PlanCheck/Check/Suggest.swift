/// "Did you mean" hints: the candidate nearest to a misspelt word.
///
/// Distances are Damerau-Levenshtein in its optimal-string-alignment form (insert, delete,
/// substitute, or swap two neighbours, each costing 1), compared case-insensitively on
/// Unicode scalars. A candidate is offered only when it is within a third of the word's
/// length (at least 1), so short words get only near misses.
///
///     Suggest.closest(to: "Septmber", among: ["August", "September"])   // "September"
///     Suggest.closest(to: "CP1", among: ["cp1", "CP2"])                  // "cp1" (case only)
///     Suggest.editDistance("Octber", "October")                          // 1
///     Suggest.editDistance("Febraury", "February")                       // 1 (a swap)
public enum Suggest {
    /// The candidate nearest to `word`, or nil when none is within
    /// `max(1, word.unicodeScalars.count / 3)` or when `word` is exactly one of the
    /// candidates. Ties go to the earliest candidate. A candidate that differs only in
    /// case has distance 0 and is returned.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        closest(to: word, among: candidates, limit: max(1, folded(word).count / 3))
    }

    /// As `closest`, for a place where only a few keywords can stand, so a
    /// further miss is no stretch: a word of three letters or more may also
    /// be two edits from a keyword with its first letter (`dew` for `due`,
    /// but not `the` for `due`).
    ///
    ///     Suggest.closestKeyword(to: "dew", among: ["due", "done"])   // "due"
    public static func closestKeyword(to word: String, among candidates: [String]) -> String? {
        if let near = closest(to: word, among: candidates) { return near }
        let target = folded(word)
        guard target.count >= 3, let first = target.first else { return nil }
        if candidates.contains(where: { $0 == word }) { return nil }
        return closest(to: word, among: candidates.filter { folded($0).first == first }, limit: max(2, target.count / 3))
    }

    static func closest(to word: String, among candidates: some Sequence<String>, limit: Int) -> String? {
        let target = folded(word)
        var best: String?
        var bestDistance = Int.max
        var rows = Rows()
        for candidate in candidates {
            if candidate == word { return nil }
            let other = folded(candidate)
            // The length difference alone is a lower bound on the distance.
            if abs(other.count - target.count) > min(limit, bestDistance - 1) { continue }
            let d = distance(target, other, rows: &rows)
            if d <= limit && d < bestDistance {
                best = candidate
                bestDistance = d
            }
        }
        return best
    }

    /// Optimal-string-alignment distance between `a` and `b`, ignoring case.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        var rows = Rows()
        return distance(folded(a), folded(b), rows: &rows)
    }

    // MARK: Implementation

    /// Three rolling rows of the dynamic-programming table, reused across candidates.
    struct Rows {
        var beforePrevious: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    static func distance(_ a: [UInt32], _ b: [UInt32], rows: inout Rows) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        rows.beforePrevious = Array(repeating: 0, count: width)
        rows.previous = Array(0..<width)
        rows.current = Array(repeating: 0, count: width)
        for i in 1...a.count {
            rows.current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(
                    rows.previous[j] + 1,  // delete a[i-1]
                    rows.current[j - 1] + 1,  // insert b[j-1]
                    rows.previous[j - 1] + cost  // substitute or match
                )
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, rows.beforePrevious[j - 2] + 1)  // swap neighbours
                }
                rows.current[j] = d
            }
            swap(&rows.beforePrevious, &rows.previous)
            swap(&rows.previous, &rows.current)
        }
        return rows.previous[b.count]
    }

    /// The word's Unicode scalars, lower-cased: ASCII directly, others through the scalar's
    /// own lower-case mapping when that is a single scalar.
    static func folded(_ s: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            } else if scalar.properties.changesWhenLowercased {
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                out.append(lower.count == 1 ? lower.first!.value : v)
            } else {
                out.append(v)
            }
        }
        return out
    }
}
