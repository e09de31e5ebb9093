/// `textDocument/codeAction`: a quick fix for every diagnostic in the range
/// whose hint says "did you mean ...", replacing the misspelt word.
enum CodeActions {
    static func answer(_ context: DocumentContext, _ params: JSON) -> Result<JSON, ResponseError> {
        guard let start = LSPPosition(params["range"]?["start"]), let end = LSPPosition(params["range"]?["end"]) else {
            return .failure(ResponseError(.invalidParams, "codeAction needs a range"))
        }
        let mapper = context.mapper
        let from = mapper.offset(start)
        let to = mapper.offset(end)
        var actions: [JSON] = []
        for d in context.analysis.checked.diagnostics where d.location.file == context.file {
            let span = d.location.span
            guard span.start <= to, from <= span.end,
                  let replacement = Fix.replacement(for: d, in: context.source),
                  let word = Fix.suggestion(in: d.help) else { continue }
            let edit: JSON = .object([("range", mapper.range(span)), ("newText", .string(replacement))])
            let diagnostic = Feedback.diagnostic(d, analysis: context.analysis, encoding: context.encoding,
                                                 uris: context.uris)
            actions.append(.object([
                ("title", .string("Change to \"\(word)\"")),
                ("kind", .string("quickfix")),
                ("diagnostics", .array([diagnostic])),
                ("isPreferred", .bool(true)),
                ("edit", .object([("changes", .object([(context.document.uri, .array([edit]))]))])),
            ]))
        }
        return .success(.array(actions))
    }
}
