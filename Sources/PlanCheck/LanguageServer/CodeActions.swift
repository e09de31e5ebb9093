/// `textDocument/codeAction`: a quick fix for every diagnostic in the range
/// whose hint says "did you mean ...", replacing the misspelt word
/// (`SuggestedFix`, as SARIF's `fixes`).
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
                  let fix = SuggestedFix.make(for: d, in: context.source) else { continue }
            let word = fix.suggestion
            let edits: [JSON] = fix.edits.map { edit in
                .object([("range", mapper.range(edit.span)), ("newText", .string(edit.text))])
            }
            let diagnostic = Feedback.diagnostic(d, analysis: context.analysis, encoding: context.encoding,
                                                 uris: context.uris)
            actions.append(.object([
                ("title", .string("Change to \"\(word)\"")),
                ("kind", .string("quickfix")),
                ("diagnostics", .array([diagnostic])),
                ("isPreferred", .bool(true)),
                ("edit", .object([("changes", .object([(context.document.uri, .array(edits))]))])),
            ]))
        }
        return .success(.array(actions))
    }
}
