/// What a column of a plan table holds, recognised from its header's wording.
///
///     ColumnRole.recognise("Success measure(s)")   // .criteria
///     ColumnRole.recognise("Rec ref")              // .sectionRef
///     ColumnRole.recognise("EG sign-off")          // .signoff(board: "EG")
///     ColumnRole.recognise("RAG (Nov 2013)")       // .rag
///     ColumnRole.recognise("Resources")            // nil: kept as a comment
enum ColumnRole: Hashable {
    /// A recommendation, outcome, priority or area: the section the rows belong to.
    case section(SectionKeyword)
    /// The section's number or reference.
    case sectionRef
    /// The measure's or action's own reference.
    case entryRef
    /// The measure's or action's wording.
    case entry(isAction: Bool)
    /// Targets or success criteria in words.
    case criteria
    /// What a success measure counts ("% of contacts decided within 1 working
    /// day"), beside a column headed Target that gives its level: the
    /// measure's wording, kept in the note, never read as a target.
    case successMeasure
    case lead
    case timescale
    /// When an action was done: `done DATE`.
    case completed
    case progress
    case rag
    case polarity
    case baseline
    /// A comparator's value: statistical neighbours, England, region.
    case comparator(id: String, title: String)
    case workstream
    case evidenceKind
    case evidenceSource
    case signoff(board: String)

    /// A name for the mapping comment: what the column becomes.
    var meaning: String {
        switch self {
        case .section(let keyword): "\(keyword.rawValue) title (a blank cell continues the one above)"
        case .sectionRef: "section id"
        case .entryRef: "id"
        case .entry(let isAction): (isAction ? "action" : "measure") + " title"
        case .criteria: "target, read from the words where they are unambiguous; the words kept in the note"
        case .successMeasure: "what is measured, kept in the note (the target is read from the Target column)"
        case .lead: "lead (names; roles in brackets declared with the lead)"
        case .timescale: "deadline (an action's due date, a target's by-date)"
        case .completed: "done (the date an action was completed)"
        case .progress: "progress clauses (a date in the cell or the header)"
        case .rag: "rag clauses (the rating's date from the header or the cell)"
        case .polarity: "polarity"
        case .baseline: "baseline (its date from the header or the cell)"
        case .comparator(let id, _): "data for comparator \(id) (its date from the header)"
        case .workstream: "workstream"
        case .evidenceKind: "evidence kind"
        case .evidenceSource: "evidence source"
        case .signoff(let board): "signoff \(board)"
        }
    }

    /// The header's words: lower case, letters and digits only.
    static func words(_ header: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in header.lowercased().unicodeScalars {
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A header's words, with a set for the quick look most phrases need.
    struct HeaderWords {
        let list: [String]
        let set: Set<String>
        init(_ list: [String]) {
            self.list = list
            set = Set(list)
        }
        var count: Int { list.count }
        var isEmpty: Bool { list.isEmpty }

        func has(_ phrase: String) -> Bool { hasAny([phrase]) }

        /// Whether any of `phrases` (words separated by one space) occurs.
        func hasAny(_ phrases: [String]) -> Bool {
            for phrase in phrases {
                if set.contains(phrase) { return true }
                guard phrase.utf8.contains(32) else { continue }
                let parts = phrase.split(separator: " ", omittingEmptySubsequences: true)
                guard let first = parts.first, set.contains(String(first)) else { continue }
                guard parts.count <= list.count else { continue }
                for start in 0...(list.count - parts.count) where parts.indices.allSatisfy({ list[start + $0] == parts[$0] }) {
                    return true
                }
            }
            return false
        }
    }

    /// The role of a column headed `header`, or nil when the wording is not one we know.
    static func recognise(_ header: String) -> ColumnRole? {
        let w = HeaderWords(words(header))
        guard !w.isEmpty, w.count <= 8 else { return nil }
        if w.hasAny(["rag", "rag rating", "rag status", "red amber green"]) { return .rag }
        if w.hasAny(["polarity", "good is", "good performance is", "higher or lower"]) { return .polarity }
        if w.hasAny(["sign off", "signoff", "signed off"]) {
            let original = header.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" }).map(String.init)
            let board = original.first.map { String($0.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) } ?? ""
            if !board.isEmpty, !["sign", "signoff", "signed"].contains(board.lowercased()) { return .signoff(board: board) }
            return nil
        }
        if w.hasAny(["statistical neighbour", "statistical neighbours", "stat neighbours", "sn", "sn average", "sns"]) {
            return .comparator(id: "sn", title: "Statistical neighbours")
        }
        if w.hasAny(["england", "national average", "national"]) && !w.hasAny(["target"]) {
            return .comparator(id: "england", title: "England")
        }
        if w.hasAny(["baseline"]) { return .baseline }
        if w.hasAny(["progress", "update", "updates", "notes", "comments", "commentary", "position"]) { return .progress }
        if w.hasAny(["evidence type", "type of evidence", "evidence kind"]) { return .evidenceKind }
        if w.hasAny(["validation", "data source", "source", "source of evidence", "evidence source"]) { return .evidenceSource }
        if w.hasAny(["work stream", "workstream", "work streams", "workstreams", "strand"]) { return .workstream }
        // When it was done, not when it is due ("Completion date" is the due date).
        if w.hasAny(["date completed", "completed date", "date of completion", "actual completion date",
                     "actual completion", "completed on", "date achieved", "date done", "completed"])
            && !w.hasAny(["to be completed", "completed by"]) { return .completed }
        // When work starts is no deadline ("Start date", "Timescale" over
        // "Start"): kept as a comment, never read as the due date.
        if w.hasAny(["start", "start date", "date started", "started", "begin", "begins", "commence", "commencement"])
            && !w.hasAny(["end", "end date", "due", "deadline", "finish", "completion", "by when"]) { return nil }
        if w.hasAny(["target date", "due date", "completion date", "date due", "by when", "deadline", "timescale",
                      "timescales", "time scale", "time", "due", "when", "date", "dates", "timeframe"]) { return .timescale }
        if w.hasAny(["lead", "leads", "person responsible", "responsible", "officer", "owner", "accountable",
                      "responsibility", "lead officer", "who"]) { return .lead }
        if w.hasAny(["target", "targets", "success criteria", "success measure", "success measures",
                      "measure of success", "measures of success", "criteria", "success", "how will we know",
                      "outcome measure", "outcome measures", "expected outcome", "expected outcomes", "impact"]) { return .criteria }
        let sectionWords: [(String, SectionKeyword)] = [
            ("recommendation", .recommendation), ("recommendations", .recommendation), ("rec", .recommendation),
            ("area for improvement", .area), ("areas for improvement", .area), ("area", .area),
            ("outcome", .outcome), ("outcomes", .outcome), ("priority", .priority), ("priorities", .priority),
            ("pillar", .pillar), ("objective", .section), ("objectives", .section), ("theme", .section),
        ]
        let isRef = w.hasAny(["ref", "reference", "no", "number", "id", "num"]) || header.contains("#")
        if isRef {
            if sectionWords.contains(where: { w.has($0.0) }) { return .sectionRef }
            return .entryRef
        }
        if w.hasAny(["we will", "action", "actions", "key actions", "what we will do", "activity", "activities",
                      "task", "tasks", "what will we do", "what"]) { return .entry(isAction: true) }
        if w.hasAny(["measure", "measures", "evidence", "indicator", "indicators", "kpi", "kpis", "performance indicator",
                      "pi", "performance measure"]) { return .entry(isAction: false) }
        for (phrase, keyword) in sectionWords where w.has(phrase) { return .section(keyword) }
        return nil
    }
}
