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
    case lead
    case timescale
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
        case .lead: "lead (names; roles in brackets declared with the lead)"
        case .timescale: "deadline (an action's due date, a target's by-date)"
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

    static func has(_ words: [String], _ phrase: String) -> Bool {
        let parts = phrase.split(separator: " ").map(String.init)
        guard parts.count <= words.count else { return false }
        for start in 0...(words.count - parts.count) where Array(words[start..<(start + parts.count)]) == parts { return true }
        return false
    }

    static func hasAny(_ words: [String], _ phrases: [String]) -> Bool { phrases.contains { has(words, $0) } }

    /// The role of a column headed `header`, or nil when the wording is not one we know.
    static func recognise(_ header: String) -> ColumnRole? {
        let w = words(header)
        guard !w.isEmpty, w.count <= 8 else { return nil }
        if hasAny(w, ["rag", "rag rating", "rag status", "red amber green"]) { return .rag }
        if hasAny(w, ["polarity", "good is", "good performance is", "direction of travel", "higher or lower"]) { return .polarity }
        if hasAny(w, ["sign off", "signoff", "signed off"]) {
            let original = header.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" }).map(String.init)
            let board = original.first.map { String($0.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) } ?? ""
            if !board.isEmpty, !["sign", "signoff", "signed"].contains(board.lowercased()) { return .signoff(board: board) }
            return nil
        }
        if hasAny(w, ["statistical neighbour", "statistical neighbours", "stat neighbours", "sn", "sn average", "sns"]) {
            return .comparator(id: "sn", title: "Statistical neighbours")
        }
        if hasAny(w, ["england", "national average", "national"]) && !hasAny(w, ["target"]) {
            return .comparator(id: "england", title: "England")
        }
        if hasAny(w, ["baseline"]) { return .baseline }
        if hasAny(w, ["progress", "update", "updates", "notes", "comments", "commentary", "position"]) { return .progress }
        if hasAny(w, ["evidence type", "type of evidence", "evidence kind"]) { return .evidenceKind }
        if hasAny(w, ["validation", "data source", "source", "source of evidence", "evidence source"]) { return .evidenceSource }
        if hasAny(w, ["work stream", "workstream", "work streams", "workstreams", "strand"]) { return .workstream }
        if hasAny(w, ["target date", "due date", "completion date", "date due", "by when", "deadline", "timescale",
                      "timescales", "time scale", "time", "due", "when", "date", "dates", "timeframe"]) { return .timescale }
        if hasAny(w, ["lead", "leads", "person responsible", "responsible", "officer", "owner", "accountable",
                      "responsibility", "lead officer"]) { return .lead }
        if hasAny(w, ["target", "targets", "success criteria", "success measure", "success measures",
                      "measure of success", "measures of success", "criteria", "success", "how will we know",
                      "outcome measure", "outcome measures", "expected outcome", "expected outcomes", "impact"]) { return .criteria }
        let sectionWords: [(String, SectionKeyword)] = [
            ("recommendation", .recommendation), ("recommendations", .recommendation), ("rec", .recommendation),
            ("area for improvement", .area), ("areas for improvement", .area), ("area", .area),
            ("outcome", .outcome), ("outcomes", .outcome), ("priority", .priority), ("priorities", .priority),
            ("pillar", .pillar), ("objective", .section), ("objectives", .section), ("theme", .section),
        ]
        let isRef = hasAny(w, ["ref", "reference", "no", "number", "id", "num"]) || header.contains("#")
        if isRef {
            if sectionWords.contains(where: { has(w, $0.0) }) { return .sectionRef }
            return .entryRef
        }
        if hasAny(w, ["we will", "action", "actions", "key actions", "what we will do", "activity", "activities",
                      "task", "tasks", "what will we do"]) { return .entry(isAction: true) }
        if hasAny(w, ["measure", "measures", "evidence", "indicator", "indicators", "kpi", "kpis", "performance indicator",
                      "pi", "performance measure"]) { return .entry(isAction: false) }
        for (phrase, keyword) in sectionWords where has(w, phrase) { return .section(keyword) }
        return nil
    }
}
