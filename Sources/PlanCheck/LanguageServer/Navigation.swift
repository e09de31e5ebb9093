/// Go to definition, find references and document highlights, for every kind
/// of name (measures, actions, sections, workstreams, comparators, leads,
/// boards), across the plan and its includes. On an `include` or `data`
/// path, definition opens the file.
enum Navigation {
    static func definition(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params) else {
            return .failure(ResponseError(.invalidParams, "definition needs a position"))
        }
        let index = context.analysis.index
        if let occurrence = index.occurrence(in: context.file, at: offset) {
            var targets = index.declarations(of: occurrence.kind, occurrence.name)
            // A board is never declared: its first mention stands for it.
            if targets.isEmpty, occurrence.kind == .board, let first = index.all(of: .board, occurrence.name).first {
                targets = [first]
            }
            return .success(.array(targets.map { context.location($0.location) }))
        }
        if let path = index.path(in: context.file, at: offset) {
            // `book.xlsx#Book 1` is the workbook file.
            guard let uri = Feedback.uri(WorkbookPath.split(path.path).path, open: context.uris) else { return .success(.null) }
            let start = LSPPosition(line: 0, character: 0).json
            return .success(.array([.object([
                ("uri", .string(uri)), ("range", .object([("start", start), ("end", start)])),
            ])]))
        }
        return .success(.null)
    }

    static func references(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params) else {
            return .failure(ResponseError(.invalidParams, "references needs a position"))
        }
        let index = context.analysis.index
        guard let occurrence = index.occurrence(in: context.file, at: offset) else { return .success(.null) }
        let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? true
        let found = index.all(of: occurrence.kind, occurrence.name).filter { includeDeclaration || !$0.isDeclaration }
        return .success(.array(found.map { context.location($0.location) }))
    }

    static func highlights(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let offset = context.offset(params) else {
            return .failure(ResponseError(.invalidParams, "documentHighlight needs a position"))
        }
        let index = context.analysis.index
        guard let occurrence = index.occurrence(in: context.file, at: offset) else { return .success(.null) }
        let here = index.all(of: occurrence.kind, occurrence.name).filter { $0.location.file == context.file }
        return .success(.array(here.map { o in
            .object([("range", context.mapper.range(o.location.span)), ("kind", .int(o.isDeclaration ? 3 : 2))])
        }))
    }
}
