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
                let file = analysis.source(d.location.file)
                let uri = Feedback.uri(file.name, open: uris)
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
    /// The client's own URI when the file is open (it may encode it differently).
    static func uri(_ name: String, open: [String: String]) -> String {
        if let uri = open[Path.normalize(name)] { return uri }
        return name.hasPrefix("/") ? FileURI.uri(name) : name
    }

    /// One diagnostic as LSP sends it: code, severity, related locations, the
    /// help and notes after the message, and the did-you-mean fix in `data`.
    static func diagnostic(_ d: Diagnostic, analysis: Analysis, encoding: PositionEncoding,
                           uris: [String: String]) -> JSON {
        let source = analysis.source(d.location.file)
        let mapper = PositionMapper(source: source, encoding: encoding)
        var message = d.message
        if let help = d.help { message += "\nhelp: " + help }
        for note in d.notes { message += "\nnote: " + note }
        let severity: Int = switch d.severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
        var fields: [(String, JSON)] = [
            ("range", mapper.range(d.location.span)),
            ("severity", .int(severity)),
            ("code", .string(d.code.rawValue)),
            ("source", .string("plancheck")),
            ("message", .string(message)),
        ]
        if !d.labels.isEmpty {
            fields.append(("relatedInformation", .array(d.labels.map { label in
                let file = analysis.source(label.location.file)
                let range = PositionMapper(source: file, encoding: encoding).range(label.location.span)
                return .object([
                    ("location", .object([("uri", .string(uri(file.name, open: uris))), ("range", range)])),
                    ("message", .string(label.message)),
                ])
            })))
        }
        if let fix = Fix.replacement(for: d, in: source) {
            fields.append(("data", .object([("replacement", .string(fix))])))
        }
        return .object(fields)
    }
}

/// The fix a "did you mean" hint offers: the text to put in place of the
/// diagnostic's span.
enum Fix {
    /// `EFD` from `did you mean "EFD"?` or `` did you mean `September`? ``.
    static func suggestion(in help: String?) -> String? {
        guard let help else { return nil }
        let prefix = "did you mean "
        guard help.hasPrefix(prefix) else { return nil }
        var rest = Substring(help.dropFirst(prefix.count))
        guard let open = rest.first, open == "\"" || open == "`" else { return nil }
        rest = rest.dropFirst()
        guard rest.hasSuffix(String(open) + "?") else { return nil }
        let word = rest.dropLast(2)
        return word.isEmpty ? nil : String(word)
    }

    /// The replacement text, quoted as the span was (a plan string, or a CSV cell).
    static func replacement(for d: Diagnostic, in source: SourceFile) -> String? {
        guard let word = suggestion(in: d.help), !d.location.span.isEmpty else { return nil }
        let written = source.text(d.location.span)
        guard written.hasPrefix("\"") else { return word }
        if source.name.lowercased().hasSuffix(".csv") {
            return "\"" + word.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        var quoted = "\""
        for c in word.unicodeScalars {
            if c == "\"" || c == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(c)
        }
        return quoted + "\""
    }
}
