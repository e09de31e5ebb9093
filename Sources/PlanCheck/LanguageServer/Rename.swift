/// `textDocument/prepareRename` and `textDocument/rename`: one name changed
/// at its declaration and every reference, in the plan and its includes.
///
/// The new name must be something the plan can hold in that place: one id
/// token for an id, any text without a line break for a lead's name (quoted
/// and escaped as a string).
enum Rename {
    static func prepare(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params) else {
            return .failure(ResponseError(.invalidParams, "prepareRename needs a position"))
        }
        guard let occurrence = context.analysis.index.occurrence(in: context.file, at: offset) else {
            return .success(.null)
        }
        return .success(.object([
            ("range", context.mapper.range(occurrence.location.span)),
            ("placeholder", .string(occurrence.name)),
        ]))
    }

    static func rename(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params), let newName = params["newName"]?.stringValue else {
            return .failure(ResponseError(.invalidParams, "rename needs a position and a newName"))
        }
        let index = context.analysis.index
        guard let occurrence = index.occurrence(in: context.file, at: offset) else {
            return .failure(ResponseError(.requestFailed, "there is no name to rename here"))
        }
        if occurrence.quoted {
            guard !newName.isEmpty, !newName.contains(where: { $0 == "\n" || $0 == "\r" }) else {
                return .failure(ResponseError(.invalidParams, "a lead's name is one line of text"))
            }
        } else {
            guard isIdentifier(newName) else {
                return .failure(ResponseError(.invalidParams,
                                              "\"\(newName)\" is not an id: use letters, digits, `_`, `-` and `.`, as in A1 or 2.3, and not a clause word such as `key`"))
            }
        }
        let clash = index.declarations(of: occurrence.kind, newName)
        if !clash.isEmpty, newName != occurrence.name {
            return .failure(ResponseError(.requestFailed, "a \(occurrence.kind.noun) named \"\(newName)\" already exists"))
        }
        var changes: [String: [JSON]] = [:]
        for o in index.all(of: occurrence.kind, occurrence.name) {
            let edit: JSON = .object([
                ("range", context.mapper(for: o.location.file).range(o.location.span)),
                ("newText", .string(written(newName, o.style))),
            ])
            changes[context.uri(o.location.file), default: []].append(edit)
        }
        return .success(.object([
            ("changes", .object(changes.keys.sorted().map { ($0, .array(changes[$0]!)) })),
        ]))
    }

    /// The new name as it is written at a place: quoted as a plan string, a
    /// quoted CSV cell, or as is.
    static func written(_ name: String, _ style: SymbolIndex.Occurrence.Style) -> String {
        switch style {
        case .bare: name
        case .planString: quoted(name)
        case .csvQuoted: "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
    }

    /// Whether `name` lexes as one id token.
    static func isIdentifier(_ name: String) -> Bool {
        let source = SourceFile(name: "", text: name)
        let lexed = Lexer.lex(source, file: FileID(0))
        guard lexed.diagnostics.isEmpty, lexed.comments.isEmpty else { return false }
        let tokens = lexed.tokens.filter { $0.kind != .endOfFile }
        guard tokens.count == 1, tokens[0].kind == .atom || tokens[0].kind == .number else { return false }
        // Not a clause keyword: `key` would start a clause where a wrapped
        // `links m,` line expects the next id.
        return tokens[0].span == Span(start: 0, end: source.bytes.count) && !Parser.clauseKeywords.contains(tokens[0].keyword)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            if c == "\"" || c == "\\" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }
}
