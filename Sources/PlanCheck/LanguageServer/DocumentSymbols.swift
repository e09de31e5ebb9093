/// `textDocument/documentSymbol` (the outline: the plan, its declarations,
/// its sections with their measures and actions) and
/// `textDocument/foldingRange` (one range per entry of more than one line).
/// Both read the document's own syntax tree.
enum DocumentSymbols {
    static func symbols(_ context: DocumentContext) -> Result<JSON, ResponseError> {
        guard let tree = context.analysis.checked.loaded.trees[context.file] else { return .success(.array([])) }
        let source = context.source
        let mapper = context.mapper
        var top: [JSON] = []
        // A section holds the measures and actions after it, up to the next
        // section or declaration: its range runs to the end of its last child.
        var section: (symbol: [(String, JSON)], span: Span, children: [JSON])?
        func flush() {
            guard let open = section else { return }
            var symbol = open.symbol
            if let i = symbol.firstIndex(where: { $0.0 == "range" }) { symbol[i].1 = mapper.range(open.span) }
            top.append(.object(symbol + [("children", .array(open.children))]))
            section = nil
        }
        for entry in tree.entries {
            let name: String
            let kind: Int
            var selection = entry.keywordSpan
            switch entry.kind {
            case .plan: name = "plan"; kind = 2
            case .workstream: name = "workstream"; kind = 4
            case .comparator: name = "comparator"; kind = 14
            case .lead: name = "lead"; kind = 7
            case .section(let keyword): name = keyword.rawValue; kind = 3
            case .measure: name = "measure"; kind = 16
            case .action: name = "action"; kind = 24
            case .data: name = "data"; kind = 18
            case .include: name = "include"; kind = 1
            }
            var label = name
            if let id = entry.id {
                label += " " + id.name
                selection = id.span
            } else if let title = entry.title {
                label += " " + source.text(title.span)
                selection = title.span
            }
            let symbol: [(String, JSON)] = [
                ("name", .string(label)),
                ("detail", .string(entry.id != nil ? entry.title?.value ?? "" : "")),
                ("kind", .int(kind)),
                ("range", mapper.range(entry.span)),
                ("selectionRange", mapper.range(selection)),
            ]
            switch entry.kind {
            case .section:
                flush()
                section = (symbol, entry.span, [])
            case .measure, .action, .data:
                if section != nil {
                    section!.children.append(.object(symbol))
                    section!.span.end = max(section!.span.end, entry.span.end)
                } else {
                    top.append(.object(symbol))
                }
            default:
                flush()
                top.append(.object(symbol))
            }
        }
        flush()
        return .success(.array(top))
    }

    static func foldingRanges(_ context: DocumentContext) -> Result<JSON, ResponseError> {
        guard let tree = context.analysis.checked.loaded.trees[context.file] else { return .success(.array([])) }
        let source = context.source
        var ranges: [JSON] = []
        var entries = tree.entries
        // A section folds over the measures and actions under it, up to the next section.
        var i = 0
        while i < entries.count {
            let entry = entries[i]
            let first = source.lineIndex(of: entry.span.start)
            let last = source.lineIndex(of: max(entry.span.start, entry.span.end - 1))
            if last > first {
                ranges.append(.object([("startLine", .int(first)), ("endLine", .int(last)), ("kind", .string("region"))]))
            }
            if case .section = entry.kind {
                var j = i + 1
                while j < entries.count, !isSectionOrDeclaration(entries[j].kind) { j += 1 }
                let end = source.lineIndex(of: max(entry.span.start, entries[j - 1].span.end - 1))
                if j > i + 1, end > last {
                    ranges.append(.object([("startLine", .int(first)), ("endLine", .int(end)), ("kind", .string("region"))]))
                }
            }
            i += 1
        }
        entries.removeAll()
        return .success(.array(ranges))
    }

    static func isSectionOrDeclaration(_ kind: EntryKind) -> Bool {
        switch kind {
        case .measure, .action, .data: false
        default: true
        }
    }
}
