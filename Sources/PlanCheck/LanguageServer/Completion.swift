/// `textDocument/completion`: what may be written at the cursor.
///
/// The line up to the cursor is split into words; the clause keyword nearest
/// before the cursor (or the entry keyword, at column 1) decides what comes
/// next: entry keywords at the start of a line, clause keywords on an
/// indented one, declared ids where a reference goes (`workstream`, `part of`,
/// `links`, `in line with`, `data`), month names after `by`, `at`, `from`,
/// `to` and a day, comparator words after `target`.
enum Completion {
    enum Kind: Int {
        case text = 1, module = 9, value = 12, keyword = 14, reference = 18, folder = 19, enumMember = 20,
             constant = 21, `operator` = 24
    }

    struct Candidate {
        var label: String
        var kind: Kind
        var detail: String?
    }

    static func answer(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let position = LSPPosition(params["position"]) else {
            return .failure(ResponseError(.invalidParams, "completion needs a position"))
        }
        let source = context.document.source
        let mapper = PositionMapper(source: source, encoding: context.encoding)
        let cursor = mapper.offset(position)
        // From the start of the clause: a line that ends with a comma goes
        // on to the next (a wrapped trajectory or list), so back over those.
        var lineStart = source.lineStarts[source.lineIndex(of: cursor)]
        var line = source.lineIndex(of: cursor)
        // (An empty last line starts at the end of the text: no byte to look at.)
        while line > 0, lineStart < source.bytes.count, source.bytes[lineStart] == 0x20 || source.bytes[lineStart] == 0x09,
              endsWithComma(source.bytes[source.lineStarts[line - 1]..<lineStart]) {
            line -= 1
            lineStart = source.lineStarts[line]
        }
        let before = Array(source.bytes[lineStart..<cursor])
        // The word being typed: inside a string (a lead's name), the whole
        // string from its opening quote, and to its closing quote when the
        // line has one (an editor closes the quote it opens: `lead "|"`);
        // else back over id characters.
        var partialStart = before.count
        var end = cursor
        if let open = openString(before) {
            partialStart = open
            let line = source.lineSpan(source.lineIndex(of: cursor))
            if let close = closingQuote(source.bytes[cursor..<line.end]) { end = close + 1 }
        } else {
            while partialStart > 0, isWordByte(before[partialStart - 1]) { partialStart -= 1 }
        }
        let words = self.words(Array(before[..<partialStart]))
        let indented = before.first == 0x20 || before.first == 0x09
        let entry = entryKind(above: source.lineIndex(of: cursor), in: source, indented: indented, words: words)
        let candidates = self.candidates(words: words, indented: indented, entry: entry,
                                         model: context.analysis.checked.model)
        let range: JSON = .object([
            ("start", mapper.position(lineStart + partialStart).json), ("end", mapper.position(end).json),
        ])
        let items: [JSON] = candidates.map { c in
            var fields: [(String, JSON)] = [("label", .string(c.label)), ("kind", .int(c.kind.rawValue))]
            if let detail = c.detail { fields.append(("detail", .string(detail))) }
            fields.append(("textEdit", .object([("range", range), ("newText", .string(c.label))])))
            return .object(fields)
        }
        return .success(.object([("isIncomplete", .bool(false)), ("items", .array(items))]))
    }

    /// Where the string the end of `bytes` is inside starts (its opening
    /// quote), or nil when the end is outside any string. Strings end at a line's end.
    static func openString(_ bytes: [UInt8]) -> Int? {
        var open: Int?
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if open != nil {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") || b == 0x0A { open = nil }
            } else if b == UInt8(ascii: "\"") {
                open = i
            } else if b == UInt8(ascii: "#") {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                continue
            }
            i += 1
        }
        return open
    }

    /// The offset of the quote that closes a string whose rest is `bytes`, if any.
    static func closingQuote(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "\"") { return i }
            i += 1
        }
        return nil
    }

    /// A line's text, comment and trailing spaces left out, ends with a comma
    /// (a comma inside a string or comment does not count).
    static func endsWithComma(_ line: ArraySlice<UInt8>) -> Bool {
        var last: UInt8?
        var inString = false
        var i = line.startIndex
        while i < line.endIndex {
            let b = line[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false; last = b }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "#") {
                break
            } else if b != 0x20, b != 0x09, b != 0x0D, b != 0x0A {
                last = b
            }
            i += 1
        }
        return last == UInt8(ascii: ",")
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), 0x80...0xFF:
            true
        default:
            false
        }
    }

    /// Words and punctuation before the partial word; strings become `"…"`,
    /// a comment runs to the end of its line.
    static func words(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                i += 1
            } else if b == UInt8(ascii: "#") {
                // To the end of its line: a wrapped clause goes on after it.
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            } else if b == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i += 1
                out.append("\"…\"")
            } else if isWordByte(b) {
                let start = i
                while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
                out.append(String(decoding: bytes[start..<i], as: UTF8.self))
            } else {
                let start = i
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") { i += 1 }
                out.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }
        return out
    }

    /// The kind of the entry the cursor's line belongs to: its own header at
    /// column 1, else the nearest one above.
    static func entryKind(above line: Int, in source: SourceFile, indented: Bool, words: [String]) -> EntryKind? {
        if !indented { return words.first.flatMap(entryKind(word:)) }
        var index = line - 1
        while index >= 0 {
            let span = source.lineSpan(index)
            if let first = source.bytes[span.start..<span.end].first, first != 0x20, first != 0x09 {
                if first == UInt8(ascii: "#") {
                    index -= 1
                    continue
                }
                let word = source.bytes[span.start..<span.end].prefix { isWordByte($0) }
                return entryKind(word: String(decoding: word, as: UTF8.self))
            }
            index -= 1
        }
        return nil
    }

    static func entryKind(word: String) -> EntryKind? {
        if let section = SectionKeyword(rawValue: word) { return .section(section) }
        switch word {
        case "plan": return .plan
        case "workstream": return .workstream
        case "comparator": return .comparator
        case "lead": return .lead
        case "measure": return .measure
        case "action": return .action
        case "data": return .data
        case "include": return .include
        default: return nil
        }
    }

    /// Clause keywords the entry may have (the checker's rule), every one when the entry is unknown.
    static func clauseKeywords(for entry: EntryKind?) -> [String] {
        guard let entry else { return LanguageWords.clauseKeywords }
        let allowed = Set(Checker.allowedClauses(entry).map(\.text))
        return LanguageWords.clauseKeywords.filter { allowed.contains(String($0.prefix { $0 != " " })) }
    }

    static func candidates(words: [String], indented: Bool, entry: EntryKind?, model: PlanModel) -> [Candidate] {
        let clauseWords = Set(LanguageWords.clauseKeywords)
        func keywords(_ list: [String], _ kind: Kind = .keyword) -> [Candidate] { list.map { Candidate(label: $0, kind: kind) } }
        var months: [Candidate] { Month.fullNames.map { Candidate(label: $0, kind: .enumMember) } }
        let workstreams = model.workstreams.map { Candidate(label: $0.id, kind: .module, detail: $0.title) }
        let comparators = model.comparators.map { Candidate(label: $0.id, kind: .constant, detail: $0.title) }
        let sections = model.sections.map { Candidate(label: $0.id, kind: .folder, detail: $0.title) }
        let items = model.items.map { Candidate(label: $0.id, kind: .reference, detail: $0.title) }
        let leads = model.leads.map { Candidate(label: Rename.quoted($0.id), kind: .value, detail: $0.title) }
        let clauses = keywords(Self.clauseKeywords(for: entry))

        if !indented && words.isEmpty { return keywords(LanguageWords.entryKeywords) }
        // A row of an inline `data` block: date, value, then the series (a comparator or `baseline`).
        if indented, case .data? = entry {
            let value = words.dropFirst().first
            if words.count >= 2, value != "in", value != "not" {
                return comparators + keywords(["baseline"], .enumMember)
            }
            return words.isEmpty ? months : []
        }
        // The clause the cursor is in: the last clause keyword, else the entry's.
        var head: String?
        var rest: [String] = []
        for (i, word) in words.enumerated().reversed() {
            if clauseWords.contains(word) && (i > 0 || indented) {
                head = word
                rest = Array(words[(i + 1)...])
                break
            }
        }
        if head == nil {
            if !indented, let entry = words.first {
                // An entry header: `data ID` refers to a measure; after the id, clauses.
                if entry == "data" && words.count == 1 { return items }
                return words.count >= 2 ? clauses : []
            }
            return clauses
        }
        let last = rest.last
        switch head! {
        case "workstream" where rest.isEmpty: return workstreams
        case "polarity" where rest.isEmpty: return keywords(LanguageWords.polarities, .enumMember)
        case "evidence" where rest.isEmpty: return keywords(LanguageWords.evidenceKinds, .enumMember)
        case "frequency" where rest.isEmpty: return keywords(LanguageWords.frequencies, .enumMember)
        case "unit" where rest.isEmpty: return keywords(LanguageWords.units)
        case "lead", "officer":
            if rest.isEmpty || last == "," { return leads }
        case "links":
            if rest.isEmpty || last == "," { return items + sections + workstreams }
        case "part":
            if rest.isEmpty { return keywords(["of"]) }
            if last == "of" { return sections }
        case "rag":
            if let last, last.first?.isNumber == true || Month.number(last) != nil {
                return keywords(LanguageWords.ratings, .enumMember) + months
            }
            return months
        case "due":
            if rest.isEmpty { return keywords(LanguageWords.deadlineWords) + months }
        case "target":
            if rest.isEmpty || last == "," {
                return keywords(LanguageWords.comparators, .operator) + keywords(LanguageWords.requirementStarts)
            }
            if last == "with" || (last == "of" && rest.contains("within")) { return comparators }
        default:
            break
        }
        if let last {
            if ["by", "at", "to", "from", "-", "–", "—"].contains(last) { return months }
            if last.allSatisfy(\.isNumber), let day = Int(last), (1...31).contains(day) {
                return months + (head == "target" ? keywords(LanguageWords.afterLevel) : [])
            }
            if head == "target", last.hasSuffix("%") || last.last?.isNumber == true {
                return keywords(LanguageWords.afterLevel)
            }
        } else if ["period", "timescale", "done", "progress"].contains(head!) {
            return months
        }
        return clauses
    }
}
