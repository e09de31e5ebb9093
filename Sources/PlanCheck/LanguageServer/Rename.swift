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
        if newName != occurrence.name, let clash = clash(occurrence.kind, newName, index) {
            return .failure(ResponseError(.requestFailed, clash))
        }
        let all = index.all(of: occurrence.kind, occurrence.name)
        // A workbook is no text to edit: renaming the plan's side alone would
        // leave its cells naming an id the plan no longer has.
        if let cell = all.first(where: { $0.style == .sheetCell }) {
            let place = Feedback.cellName(context.analysis.source(cell.location.file), cell.location.span.start)
            return .failure(ResponseError(.requestFailed,
                                          "\(place) names \"\(occurrence.name)\", and a workbook cannot be edited as text: change it in the workbook first, then rename"))
        }
        var changes: [String: [JSON]] = [:]
        for o in all {
            let source = context.analysis.source(o.location.file)
            guard let uri = Feedback.uri(source.name, open: context.uris) else {
                return .failure(ResponseError(.requestFailed,
                                              "\"\(occurrence.name)\" is also named in \(source.name), which is no file the editor can change"))
            }
            let edit: JSON = .object([
                ("range", context.mapper(for: o.location.file).range(o.location.span)),
                ("newText", .string(written(newName, o.style))),
            ])
            changes[uri, default: []].append(edit)
        }
        return .success(.object([
            ("changes", .object(changes.keys.sorted().map { ($0, .array(changes[$0]!)) })),
        ]))
    }

    /// Why `name` cannot be given to an entity of `kind`, or nil when it can:
    /// another of the kind has it, or (for the kinds a `links` id may name)
    /// a measure, action, section or workstream has it, so `links` would
    /// then name something else (or both). A measure and an action may share
    /// an id as written, but a rename does not make them share one: data
    /// rows for the id would then be split between them by their values.
    static func clash(_ kind: SymbolIndex.Kind, _ name: String, _ index: SymbolIndex) -> String? {
        if !index.declarations(of: kind, name).isEmpty { return "a \(kind.noun) named \"\(name)\" already exists" }
        guard kind.isLinkable else { return nil }
        for other in [SymbolIndex.Kind.measure, .action, .section, .workstream] where other != kind
            && !index.declarations(of: other, name).isEmpty {
            return "a \(other.noun) named \"\(name)\" already exists: `links \(name)` would then not name this \(kind.noun); choose another id"
        }
        return nil
    }

    /// The new name as it is written at a place: quoted as a plan string, a
    /// quoted CSV cell, or as is.
    static func written(_ name: String, _ style: SymbolIndex.Occurrence.Style) -> String {
        switch style {
        case .bare, .sheetCell: name
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

    static func quoted(_ text: String) -> String { TextLiteral.quoted(text) }
}
