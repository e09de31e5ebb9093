/// `textDocument/formatting`: exactly what `plancheck fmt` prints, as one
/// edit over the whole document (none when it is already formatted). A
/// document with syntax errors is not formatted: the answer is an error that
/// says so, as `fmt` refuses too.
enum Formatting {
    static func format(_ context: DocumentContext) -> Result<JSON, ResponseError> {
        // A data file open in the editor is CSV: fmt has no layout for it.
        guard context.analysis.checked.loaded.trees[context.file] != nil else { return .success(.array([])) }
        let source = context.document.source
        guard let formatted = Formatter.format(source) else {
            return .failure(ResponseError(.requestFailed, "the plan has syntax errors; fix them to format it"))
        }
        if Array(formatted.utf8) == context.document.text { return .success(.array([])) }
        let mapper = PositionMapper(source: source, encoding: context.encoding)
        return .success(.array([.object([
            ("range", mapper.range(Span(start: 0, end: source.bytes.count))),
            ("newText", .string(formatted)),
        ])]))
    }
}
