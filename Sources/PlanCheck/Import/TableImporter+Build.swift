/// Step 3: each section and entry written as plan text, with a `# TODO:` for
/// every cell not read with confidence.
extension TableImporter {
    struct Counts {
        var measures = 0
        var actions = 0
        var sections = 0
        var targets = 0
        var deadlines = 0
        var todos = 0
    }

    /// One entry's text, built before the plan's period is known.
    struct Written {
        var comments: [String] = []
        var header: String
        var clauses: [String] = []
        var data: [String] = []
        var todos = 0
        var targets = 0
        var deadlines = 0
        /// Uses a bare month, `within` or `immediately`, which need the plan's period.
        var needsPeriod = false
        /// Where the targets' deadline came from when no timescale column gave it
        /// ("its EG sign-off date"), for the comment at the top.
        var deadlineFrom: String?
    }

    /// A deadline as the plan writes it after `by` (or alone: `ongoing`).
    struct Due {
        var timescale: DatePhrase.Timescale
        /// `by September`, `ongoing`, `within 3 months`.
        var targetText: String {
            let end = timescale.deadline
            return timescale.isDate ? "by " + end : end
        }
        var dueClause: String {
            switch timescale {
            case .deadline(let text): "due " + text
            case .range(let start, let end): "timescale \(start) to \(end)"
            }
        }
        /// Needs the plan's period: a bare month, `within`, `immediately`.
        var needsPeriod: Bool {
            let end = timescale.deadline
            if end == "immediately" || end.hasPrefix("within ") { return true }
            if case .range(let start, _) = timescale, Month.number(start) != nil { return true }
            return Month.number(end) != nil
        }
    }

    // MARK: Text helpers

    static func quoted(_ text: String) -> String { TextLiteral.quoted(text) }

    /// The words of a cell for a comment: shortened at a word boundary.
    static func excerpt(_ text: String, limit: Int = 90) -> String {
        guard text.count > limit else { return "\"\(text)\"" }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return "\"\(cut) ...\""
    }

    /// Whether `text` is one plan-language id as it stands.
    static func isID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_" else { return false }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }) else { return false }
        return !text.hasSuffix(".") && !text.hasSuffix("-")
    }

    /// An id made from words: `Early Help` becomes `early-help`.
    static func slug(_ text: String) -> String {
        let words = ColumnRole.words(text).map { String($0.unicodeScalars.filter(\.isASCII)) }.filter { !$0.isEmpty }
        return words.prefix(4).joined(separator: "-")
    }

    /// `a`, `b`, ... `z`, `aa`: suffixes for ids made unique.
    static func letters(_ n: Int) -> String {
        n < 26 ? String(UnicodeScalar(UInt8(97 + n))) : letters(n / 26 - 1) + letters(n % 26)
    }

    // MARK: Reading cells

    /// A deadline stated in criteria text: a sentence that is just "Ongoing",
    /// "Timescale: DATE", "by DATE". Several different ones are not read.
    static func deadline(inCriteria text: String) -> (found: Due?, words: [String]) {
        let w = Words(text)
        var found: [(String, DatePhrase.Timescale)] = []
        var i = 0
        while i < w.count {
            if w.lower(i) == "ongoing", i == 0 || w.isBoundary(i - 1), w.isBoundary(i + 1) {
                found.append(("Ongoing", .deadline("ongoing")))
            } else if w.lower(i) == "immediately" && w.isBoundary(i + 1)
                        || w.lower(i) == "immediate" && w.lower(i + 1) == "effect" {
                // "To be implemented immediately", "with immediate effect".
                found.append((w.text(i..<(i + 1)), .deadline("immediately")))
            } else if w.lower(i) == "within",
                      let (end, t) = (3...5).lazy.compactMap({ n -> (Int, DatePhrase.Timescale)? in
                          guard i + n <= w.count, w.isBoundary(i + n), let t = DatePhrase.timescale(w.text(i..<(i + n))) else { return nil }
                          return (i + n, t)
                      }).first {
                // "Within the next three months": a relative deadline.
                found.append((w.text(i..<end), t))
                i = end
                continue
            } else if let (_, n) = w.firstMatch(["timescale :", "timescale -", "deadline :", "by"], at: i),
                      let date = DatePhrase.date(w, at: i + n) {
                found.append((w.text(i..<date.end), .deadline(date.text)))
                i = date.end
                continue
            }
            i += 1
        }
        var distinct: [DatePhrase.Timescale] = []
        for f in found where !distinct.contains(f.1) { distinct.append(f.1) }
        if distinct.count == 1 { return (Due(timescale: distinct[0]), []) }
        return (nil, found.map(\.0))
    }

    /// `Higher is better`, `High`, `Lower`, `↓`: the polarity, or nil.
    static func polarity(_ text: String) -> String? {
        let w = ColumnRole.words(text)
        let lower = text.lowercased()
        if ["higher", "high", "up", "increase", "bigger", "more"].contains(w.first ?? "") || lower.hasPrefix("↑") || lower == "+" { return "higher" }
        if ["lower", "low", "down", "decrease", "smaller", "less", "fewer"].contains(w.first ?? "") || lower.hasPrefix("↓") || lower == "-" { return "lower" }
        return nil
    }

    /// The evidence kind a cell names first: `Measure/ Report` is a measure.
    static func evidenceKind(_ text: String) -> String? {
        let kinds: [String: String] = ["audit": "audit", "audits": "audit", "measure": "measure", "measures": "measure",
                                       "report": "report", "reports": "report", "document": "document",
                                       "documents": "document", "documentation": "document", "engagement": "engagement",
                                       "stakeholder": "engagement", "consultation": "engagement"]
        for word in ColumnRole.words(text) { if let kind = kinds[word] { return kind } }
        return nil
    }

    /// The first date in a header ("RAG (Nov 2013)", "Progress at 31.12.13").
    static func headerDate(_ header: String) -> String? {
        let w = Words(header)
        for i in 0..<w.count { if let d = DatePhrase.date(w, at: i) { return d.text } }
        return nil
    }

    /// A value and its date from a baseline or comparator cell: `23%`,
    /// `23% (March 2013)`, `412 at 31.03.13`; the date from the header when the
    /// cell has none.
    static func valueAndDate(_ text: String, header: String) -> (value: String, date: String)? {
        let w = Words(text)
        guard let q = Criterion.quantity(w, at: 0), !q.duration, !q.text.contains(" per ") else { return nil }
        var date: String?
        var i = q.end
        while i < w.count {
            if let d = DatePhrase.date(w, at: i) {
                date = d.text
                i = d.end
                continue
            }
            if !["(", ")", "at", "as", "in", ",", ":", "-"].contains(w.lower(i)) { return nil }
            i += 1
        }
        guard let date = date ?? headerDate(header) else { return nil }
        return (q.text, date)
    }

    static func wordCount(_ text: String) -> Int { ColumnRole.words(text).count }

    /// One word of two to five letters, two of them capitals: a person's
    /// initials or a role's (`JD`, `HoS`, `DCS`), not a surname (`Smith`).
    static func isInitials(_ text: String) -> Bool {
        let word = CellCleaner.collapse(text.unicodeScalars)
        guard (2...5).contains(word.unicodeScalars.count), word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
        return word.unicodeScalars.filter { $0.properties.isUppercase }.count >= 2
    }

    /// The text from `start` to the next `;`, `/` or `,`.
    static func pieceAfter(_ scalars: [Unicode.Scalar], _ start: Int) -> String {
        var out = String.UnicodeScalarView()
        var i = start
        while i < scalars.count, scalars[i] != ";", scalars[i] != "/", scalars[i] != "," {
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// `Jane Smith (Head of CIN) and Peter Jones (Head of CP)`: a comma,
    /// `and` or `&` after a role's closing bracket parts two leads, as a `;`
    /// does (the second lead was once read into the first one's role).
    static func partedAfterRoles(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var depth = 0
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            out.append(c)
            i += 1
            if c == "(" { depth += 1 }
            guard c == ")" else { continue }
            depth = max(0, depth - 1)
            guard depth == 0 else { continue }
            var j = i
            while j < scalars.count, scalars[j] == " " { j += 1 }
            var separator = 0
            if j < scalars.count, scalars[j] == "," || scalars[j] == "&" {
                separator = 1
            } else if j + 3 < scalars.count, String(String.UnicodeScalarView(scalars[j..<(j + 3)])).lowercased() == "and",
                      scalars[j + 3] == " " {
                separator = 3
            }
            guard separator > 0, scalars[(j + separator)...].contains(where: { $0 != " " }) else { continue }
            out.append(";")
            i = j + separator
        }
        return out
    }

    /// Names from a lead cell, with the role each is given in brackets:
    /// `Fiona Van Den Hout (Head of CIN) / Rebecca Wilshire (Head of Access)`.
    static func leads(_ text: String) -> [(name: String, role: String?)] {
        var pieces: [String] = []
        var current = ""
        let scalars = Self.partedAfterRoles(Array(text.unicodeScalars))
        var depth = 0
        for (i, c) in scalars.enumerated() {
            if c == "(" { depth += 1 }
            if c == ")" { depth = max(0, depth - 1) }
            let prev = i > 0 ? scalars[i - 1] : " "
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            // A slash between spaces, or after a bracket, parts two leads; one
            // with none, or a comma, parts them only if both sides are names
            // of two words or more ("Jane Smith/John Brown", "Jane Doe, John
            // Smith"; not "Head of CIN/CP") or both initials ("JD, JS", "AD/HoS";
            // not "Smith, John").
            func twoLeads() -> Bool {
                guard depth == 0 else { return false }
                let after = Self.pieceAfter(scalars, i + 1)
                return Self.wordCount(current) >= 2 && Self.wordCount(after) >= 2
                    || Self.isInitials(current) && Self.isInitials(after)
            }
            let split = c == ";" || (c == "/" && (prev == " " || next == " " || prev == ")" || twoLeads()))
                || (c == "," && twoLeads())
            if split {
                pieces.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(c)
            }
        }
        pieces.append(current)
        var result: [(String, String?)] = []
        for piece in pieces {
            let trimmed = CellCleaner.collapse(piece.unicodeScalars)
            guard !trimmed.isEmpty else { continue }
            guard let open = trimmed.firstIndex(of: "(") else {
                result.append((trimmed, nil))
                continue
            }
            let name = CellCleaner.collapse(String(trimmed[..<open]).unicodeScalars)
            // "Head of Service (Safeguarding)": a role qualified in brackets, not a person and a role.
            let roleWords: Set<String> = ["head", "manager", "director", "officer", "lead", "coordinator", "co",
                                          "ordinator", "worker", "chair", "service", "team", "board", "all", "group",
                                          "assistant", "deputy", "principal", "executive", "partnership", "unit"]
            if ColumnRole.words(name).contains(where: roleWords.contains) {
                result.append((trimmed, nil))
                continue
            }
            var role = String(trimmed[trimmed.index(after: open)...])
            if role.hasSuffix(")") {
                let shorter = String(role.dropLast())
                if shorter.filter({ $0 == "(" }).count == shorter.filter({ $0 == ")" }).count { role = shorter }
            }
            role = CellCleaner.collapse(role.unicodeScalars)
            if name.isEmpty { result.append((role, nil)) } else { result.append((name, role.isEmpty ? nil : role)) }
        }
        return result.filter { !$0.0.isEmpty }
    }
}
