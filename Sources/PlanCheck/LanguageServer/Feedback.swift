/// Decides which diagnostics to publish and which to clear: after each
/// check, every file any root read gets its list (merged across roots that
/// share it), and a file that had diagnostics and now has none is cleared.
/// A list is sent only when it differs from the last one sent for that file.
struct Feedback {
    /// The last list sent per URI.
    private(set) var published: [String: JSON] = [:]

    /// `textDocument/publishDiagnostics` notifications for what changed.
    mutating func update(workspace: Workspace, encoding: PositionEncoding) -> [JSON] {
        var lists: [String: [JSON]] = [:]
        var seen: [String: Set<JSON>] = [:]
        for document in workspace.documents.values { lists[document.uri] = [] }
        let uris = workspace.openURIs
        for root in workspace.analyses.keys.sorted() {
            guard let analysis = workspace.analyses[root] else { continue }
            for d in analysis.checked.diagnostics {
                let uri = Feedback.place(d.location, analysis: analysis, encoding: encoding, uris: uris).uri
                let item = Feedback.diagnostic(d, analysis: analysis, encoding: encoding, uris: uris)
                if seen[uri, default: []].insert(item).inserted { lists[uri, default: []].append(item) }
            }
        }
        var out: [JSON] = []
        for uri in Set(lists.keys).union(published.keys).sorted() {
            let list = JSON.array(lists[uri] ?? [])
            if published[uri] == list { continue }
            // A file nobody has open and that never had diagnostics needs no empty list.
            if (lists[uri] ?? []).isEmpty, published[uri] == nil, workspace.documents[uri] == nil { continue }
            published[uri] = list
            var params: [(String, JSON)] = [("uri", .string(uri)), ("diagnostics", list)]
            if let version = workspace.documents[uri]?.version { params.insert(("version", .int(version)), at: 1) }
            out.append(Outgoing.notification("textDocument/publishDiagnostics", .object(params)))
        }
        return out
    }

    /// The URI for a file name in a source set: names are the paths we checked.
    /// The client's own URI when the file is open (it may encode it
    /// differently); nil for a name that is neither open nor a path.
    static func uri(_ name: String, open: [String: String]) -> String? {
        if let uri = open[Path.normalize(name)] { return uri }
        return name.hasPrefix("/") ? FileURI.uri(name) : nil
    }

    /// Where a location is for the client: its file's URI and range.
    ///
    /// A workbook sheet is read as text of its own (`book.xlsx[Book 1]`),
    /// which is no file: its places are the workbook file's start, with the
    /// cell's name (`book.xlsx[Book 1]!A3`) in `cell` for the message. A file
    /// with no path (a relative name) is placed at the start of the root plan.
    static func place(_ location: Location, analysis: Analysis, encoding: PositionEncoding,
                      uris: [String: String]) -> (uri: String, range: JSON, cell: String?) {
        let source = analysis.source(location.file)
        let start = LSPPosition(line: 0, character: 0).json
        let fileStart: JSON = .object([("start", start), ("end", start)])
        if source.namesCells {
            let book = workbookPath(ofSheet: source.name)
            return (uri(book, open: uris) ?? rootURI(analysis, uris), fileStart, cellName(source, location.span.start))
        }
        guard let uri = uri(source.name, open: uris) else {
            return (rootURI(analysis, uris), fileStart, source.place(of: location.span.start))
        }
        let mapper = PositionMapper(source: source, encoding: encoding, skipsBOM: uris[Path.normalize(source.name)] == nil)
        return (uri, mapper.range(location.span), nil)
    }

    /// `book.xlsx[Book 1]!A3`: a sheet's cell, named as the CLI names it, without the folder.
    static func cellName(_ source: SourceFile, _ offset: Int) -> String {
        let place = source.place(of: offset)
        return String(place.dropFirst(Path.directory(of: workbookPath(ofSheet: source.name)).count).drop { $0 == "/" })
    }

    static func rootURI(_ analysis: Analysis, _ uris: [String: String]) -> String {
        uris[Path.normalize(analysis.root)] ?? FileURI.uri(analysis.root)
    }

    /// `/a/book.xlsx` for the sheet source `/a/book.xlsx[Book 1]` (a sheet's
    /// name cannot hold `[`).
    static func workbookPath(ofSheet name: String) -> String {
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else { return name }
        return String(name[..<open])
    }

    /// One diagnostic as LSP sends it: code, severity, related locations, the
    /// help and notes after the message, and the did-you-mean fix in `data`.
    static func diagnostic(_ d: Diagnostic, analysis: Analysis, encoding: PositionEncoding,
                           uris: [String: String]) -> JSON {
        let source = analysis.source(d.location.file)
        let place = Feedback.place(d.location, analysis: analysis, encoding: encoding, uris: uris)
        var message = place.cell.map { "\($0): " } ?? ""
        message += d.message
        if let help = d.help { message += "\nhelp: " + help }
        for note in d.notes { message += "\nnote: " + note }
        let severity: Int = switch d.severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
        var fields: [(String, JSON)] = [
            ("range", place.range),
            ("severity", .int(severity)),
            ("code", .string(d.code.rawValue)),
            ("source", .string("plancheck")),
            ("message", .string(message)),
        ]
        if !d.labels.isEmpty {
            fields.append(("relatedInformation", .array(d.labels.map { label in
                let at = Feedback.place(label.location, analysis: analysis, encoding: encoding, uris: uris)
                return .object([
                    ("location", .object([("uri", .string(at.uri)), ("range", at.range)])),
                    ("message", .string((at.cell.map { "\($0): " } ?? "") + label.message)),
                ])
            })))
        }
        if let fix = SuggestedFix.make(for: d, in: source) {
            fields.append(("data", .object([("replacement", .string(fix.suggestion))])))
        }
        return .object(fields)
    }
}
