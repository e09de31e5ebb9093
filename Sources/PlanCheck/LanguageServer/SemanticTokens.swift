/// `textDocument/semanticTokens/full`: a colour for every token by what it
/// means where it stands, since the grammar decides that by position (`2.3`
/// is a measure's id after `measure`, a number after `>=`, and `31.03.12` a
/// date after `by`). Tokens come from the lexer; meanings from the symbol
/// index (names) and the syntax tree (dates).
enum SemanticTokens {
    static let types = ["keyword", "string", "number", "operator", "comment", "variable", "namespace", "type", "enum",
                        "property", "enumMember", "function"]
    static let modifiers = ["declaration"]

    enum TokenType: Int {
        case keyword, string, number, `operator`, comment, variable, namespace, type, `enum`, property, enumMember, function
    }

    static func full(_ context: DocumentContext) -> Result<JSON, ResponseError> {
        // A data file open in the editor is CSV, not plan: nothing to colour.
        guard context.analysis.checked.loaded.trees[context.file] != nil else {
            return .success(.object([("data", .array([]))]))
        }
        let source = context.source
        let mapper = context.mapper
        let lexed = Lexer.lex(source, file: context.file)
        let index = context.analysis.index
        var names: [Int: SymbolIndex.Occurrence] = [:]
        for o in index.occurrences where o.location.file == context.file { names[o.location.span.start] = o }
        let dates = index.dates.filter { $0.location.file == context.file }.map(\.location.span).sorted()

        var spans: [(Span, TokenType, Int)] = lexed.comments.map { ($0, .comment, 0) }
        var dateCursor = 0
        for token in lexed.tokens where token.kind != .endOfFile {
            while dateCursor < dates.count, dates[dateCursor].end <= token.span.start { dateCursor += 1 }
            let inDate = dateCursor < dates.count && dates[dateCursor].start <= token.span.start
                && token.span.end <= dates[dateCursor].end
            let type: TokenType?
            var modifiers = 0
            if let name = names[token.span.start] {
                modifiers = name.isDeclaration ? 1 : 0
                type = switch name.kind {
                case .measure, .action: .variable
                case .section: .namespace
                case .workstream: .type
                case .comparator: .enum
                case .lead: .property
                case .board: .function
                }
            } else if inDate {
                type = .enumMember
            } else {
                switch token.kind {
                case .string: type = .string
                case .number: type = .number
                case .atom: type = token.keyword == .none ? nil : .keyword
                case .greaterEqual, .lessEqual, .less, .greater, .equal, .percent: type = .operator
                default: type = nil
                }
            }
            if let type { spans.append((token.span, type, modifiers)) }
        }
        spans.sort { $0.0.start < $1.0.start }
        var data: [JSON] = []
        data.reserveCapacity(spans.count * 5)
        var previous = LSPPosition(line: 0, character: 0)
        for (span, type, modifiers) in spans where !span.isEmpty {
            // A token never spans lines (strings and comments end at the line's end).
            let start = mapper.position(span.start)
            let line = source.lineSpan(start.line)
            let length = mapper.length(Span(start: span.start, end: min(span.end, line.end)))
            let deltaLine = start.line - previous.line
            let deltaStart = deltaLine == 0 ? start.character - previous.character : start.character
            data += [.int(deltaLine), .int(deltaStart), .int(length), .int(type.rawValue), .int(modifiers)]
            previous = start
        }
        return .success(.object([("data", .array(data))]))
    }
}
