/// Where the server's bytes come from and go to. The CLI wires standard
/// input and output (with `poll` for the waits); the tests and `make bench`
/// hand in bytes from memory. The library itself does no I/O.
public protocol LanguageServerConnection: AnyObject {
    /// Bytes from the client, waiting at most `timeoutMilliseconds` (nil: as
    /// long as it takes). An empty array when the time ran out first; nil at
    /// the end of input.
    func receive(timeoutMilliseconds: Int?) -> [UInt8]?
    func send(_ bytes: [UInt8])
    /// A line for the server's own log (standard error), never the client.
    func log(_ line: String)
}

/// `plancheck lsp`: a Language Server Protocol 3.17 server over any
/// connection, answering from the same `Pipeline` as the CLI.
///
/// The loop reads every whole message that has arrived before acting on any:
/// edits go straight into the buffers, but the plan is re-checked only when
/// the edits pause for `debounce` (or `maxDelay` after the first, so steady
/// typing still sees diagnostics), or when a request needs the latest check.
/// A burst of keystrokes on a large plan therefore costs one check, not one each.
///
///     let server = LanguageServer(connection: stdio, options: .init(disk: DiskFiles(), today: today))
///     exit(server.run())
public final class LanguageServer {
    /// What the server reads plans from and when it re-checks; the CLI passes
    /// the disk and today, the bench an in-memory plan.
    public struct Options: Sendable {
        public var disk: any FileProvider
        /// The date hovers judge at, unless the client's `initializationOptions.asOf` says otherwise.
        public var today: CalendarDate
        public var debounceMilliseconds: Int
        public var maxDelayMilliseconds: Int

        public init(disk: any FileProvider, today: CalendarDate, debounceMilliseconds: Int = 150,
                    maxDelayMilliseconds: Int = 1000) {
            self.disk = disk
            self.today = today
            self.debounceMilliseconds = debounceMilliseconds
            self.maxDelayMilliseconds = maxDelayMilliseconds
        }
    }

    let connection: any LanguageServerConnection
    let options: Options
    var workspace: Workspace
    var feedback = Feedback()
    var encoding = PositionEncoding.utf16
    var initialized = false
    var shutdownRequested = false
    /// The client can register file watchers for us (`workspace/didChangeWatchedFiles`).
    var watchFiles = false
    var exitCode: Int32?
    /// When the first unchecked edit arrived, and the latest.
    var firstPendingChange: ContinuousClock.Instant?
    var lastPendingChange: ContinuousClock.Instant?
    /// How many checks have run, for the tests and the bench.
    public private(set) var checksRun = 0

    public init(connection: any LanguageServerConnection, options: Options) {
        self.connection = connection
        self.options = options
        self.workspace = Workspace(disk: options.disk, asOf: options.today)
    }

    /// Serves until `exit` or the end of input; the process's exit code (0
    /// after `shutdown`, 1 otherwise, as LSP asks).
    public func run() -> Int32 {
        var buffer: [UInt8] = []
        var offset = 0
        // After a malformed frame, until a good message: more of the same
        // garbage, answered once.
        var inGarbage = false
        while exitCode == nil {
            let wait = millisecondsUntilCheck()
            if wait == 0 {
                checkAndPublish()
                continue
            }
            guard let chunk = connection.receive(timeoutMilliseconds: wait) else { break }
            if chunk.isEmpty { continue }
            buffer.append(contentsOf: chunk)
            drain: while exitCode == nil, offset < buffer.count {
                switch MessageFraming.next(in: buffer[offset...]) {
                case .message(let body, let consumed):
                    offset += consumed
                    inGarbage = false
                    handle(body)
                case .malformed(let reason, let consumed):
                    let startsMessage = MessageFraming.startsMessage(buffer[offset...])
                    offset += max(1, consumed)
                    connection.log("plancheck lsp: skipped a malformed message: \(reason)")
                    if startsMessage || !inGarbage {
                        send(Outgoing.error(nil, ResponseError(.parseError, "malformed message header: \(reason)")))
                    }
                    inGarbage = true
                case .incomplete:
                    break drain
                }
            }
            if offset > 0 {
                buffer.removeFirst(offset)
                offset = 0
            }
        }
        return exitCode ?? (shutdownRequested ? 0 : 1)
    }

    /// Handles one message body (for tests and the bench, which feed bodies directly).
    public func handle(_ body: [UInt8]) {
        switch Incoming.read(body) {
        case .request(let id, let method, let params):
            switch respond(method, params) {
            case .success(let result): send(Outgoing.result(id, result))
            case .failure(let error): send(Outgoing.error(id, error))
            }
        case .notification(let method, let params):
            notify(method, params)
        case .response:
            break
        case .invalid(let id, let error):
            connection.log("plancheck lsp: \(error.message)")
            send(Outgoing.error(id, error))
        }
    }

    func send(_ message: JSON) { connection.send(MessageFraming.frame(message)) }

    // MARK: Checking

    func millisecondsUntilCheck() -> Int? {
        guard workspace.needsCheck, let first = firstPendingChange, let last = lastPendingChange else { return nil }
        let now = ContinuousClock.now
        let due = min(last + .milliseconds(options.debounceMilliseconds), first + .milliseconds(options.maxDelayMilliseconds))
        guard due > now else { return 0 }
        let (seconds, attoseconds) = (due - now).components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    func noteChange(_ path: String?) {
        if let path { workspace.changed.insert(path) } else { workspace.everythingChanged = true }
        let now = ContinuousClock.now
        if firstPendingChange == nil { firstPendingChange = now }
        lastPendingChange = now
    }

    /// Runs the pending check now and publishes what changed.
    public func checkAndPublish() {
        firstPendingChange = nil
        lastPendingChange = nil
        guard workspace.needsCheck else { return }
        let roots = workspace.recheck()
        checksRun += roots.count
        for message in feedback.update(workspace: workspace, encoding: encoding) { send(message) }
    }

    // MARK: Notifications

    func notify(_ method: String, _ params: JSON) {
        if method == "exit" {
            exitCode = shutdownRequested ? 0 : 1
            return
        }
        guard initialized else {
            connection.log("plancheck lsp: ignored \(method) before initialize")
            return
        }
        switch method {
        case "initialized":
            // Ask to hear of plans and data files changed on disk (an included plan
            // saved by another program, a CSV re-exported), where the client can.
            if watchFiles {
                let watchers: JSON = .array(["**/*.plan", "**/*.csv"].map { .object([("globPattern", .string($0))]) })
                send(.object([
                    ("jsonrpc", .string("2.0")), ("id", .string("plancheck-watch-files")),
                    ("method", .string("client/registerCapability")),
                    ("params", .object([("registrations", .array([.object([
                        ("id", .string("plancheck-watch-files")),
                        ("method", .string("workspace/didChangeWatchedFiles")),
                        ("registerOptions", .object([("watchers", watchers)])),
                    ])]))])),
                ]))
            }
        case "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            break
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.stringValue,
                  let text = item["text"]?.stringValue else {
                return connection.log("plancheck lsp: didOpen without a textDocument uri and text")
            }
            let path = FileURI.path(uri) ?? uri
            workspace.documents[uri] = TextDocument(uri: uri, path: path, version: item["version"]?.intValue ?? 0,
                                                    text: Array(text.utf8))
            noteChange(path)
            // Opening is not typing: check at once.
            checkAndPublish()
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.stringValue else {
                return connection.log("plancheck lsp: didChange without a uri")
            }
            guard var document = workspace.documents[uri] else {
                return connection.log("plancheck lsp: didChange for \(uri), which is not open")
            }
            for change in params["contentChanges"]?.arrayValue ?? [] where !document.apply(change, encoding: encoding) {
                connection.log("plancheck lsp: a change to \(uri) without text was ignored")
            }
            document.version = params["textDocument"]?["version"]?.intValue ?? document.version
            workspace.documents[uri] = document
            noteChange(document.path)
        case "textDocument/didSave":
            // The disk may now differ for plans that include this one unopened.
            guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
            if let text = params["text"]?.stringValue, var document = workspace.documents[uri] {
                document.replaceText(Array(text.utf8))
                workspace.documents[uri] = document
            }
            noteChange(FileURI.path(uri) ?? uri)
            checkAndPublish()
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
            guard let document = workspace.documents.removeValue(forKey: uri) else {
                return connection.log("plancheck lsp: didClose for \(uri), which is not open")
            }
            noteChange(document.path)
            checkAndPublish()
        case "workspace/didChangeWatchedFiles":
            // Files changed on disk (saved elsewhere, deleted): check every root.
            noteChange(nil)
        default:
            if !method.hasPrefix("$/") { connection.log("plancheck lsp: ignored notification \(method)") }
        }
    }

    // MARK: Requests

    func respond(_ method: String, _ params: JSON) -> Result<JSON, ResponseError> {
        if method == "initialize" {
            if initialized { return .failure(ResponseError(.invalidRequest, "initialize was already sent")) }
            initialized = true
            return .success(initialize(params))
        }
        guard initialized else {
            return .failure(ResponseError(.serverNotInitialized, "the server has not been initialized"))
        }
        if shutdownRequested {
            return .failure(ResponseError(.invalidRequest, "the server is shutting down"))
        }
        if method == "shutdown" {
            shutdownRequested = true
            return .success(.null)
        }
        // Every feature answers from the latest text: check first if edits are pending.
        if workspace.needsCheck { checkAndPublish() }
        switch method {
        case "textDocument/hover": return withDocument(params) { Hover.answer($0, params) }
        case "textDocument/definition": return withDocument(params) { Navigation.definition($0, params) }
        case "textDocument/references": return withDocument(params) { Navigation.references($0, params) }
        case "textDocument/documentHighlight": return withDocument(params) { Navigation.highlights($0, params) }
        case "textDocument/prepareRename": return withDocument(params) { Rename.prepare($0, params) }
        case "textDocument/rename": return withDocument(params) { Rename.rename($0, params) }
        case "textDocument/completion": return withDocument(params) { Completion.answer($0, params) }
        case "textDocument/documentSymbol": return withDocument(params) { DocumentSymbols.symbols($0) }
        case "textDocument/foldingRange": return withDocument(params) { DocumentSymbols.foldingRanges($0) }
        case "textDocument/formatting": return withDocument(params) { Formatting.format($0) }
        case "textDocument/codeAction": return withDocument(params) { CodeActions.answer($0, params) }
        case "textDocument/semanticTokens/full": return withDocument(params) { SemanticTokens.full($0) }
        default:
            return .failure(ResponseError(.methodNotFound, "plancheck lsp does not handle \(method)"))
        }
    }

    func initialize(_ params: JSON) -> JSON {
        watchFiles = params["capabilities"]?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.arrayValue ?? []
        encoding = offered.contains(.string("utf-8")) ? .utf8 : .utf16
        if let text = params["initializationOptions"]?["asOf"]?.stringValue {
            if let date = CalendarDate.parseISO(text) {
                workspace.asOf = date
            } else {
                connection.log("plancheck lsp: initializationOptions.asOf is not YYYY-MM-DD: \(text)")
            }
        }
        let capabilities: JSON = .object([
            ("positionEncoding", .string(encoding.rawValue)),
            ("textDocumentSync", .object([
                ("openClose", .bool(true)),
                ("change", .int(2)),  // incremental
                ("save", .object([("includeText", .bool(false))])),
            ])),
            ("hoverProvider", .bool(true)),
            ("definitionProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("documentHighlightProvider", .bool(true)),
            ("renameProvider", .object([("prepareProvider", .bool(true))])),
            ("completionProvider", .object([
                ("triggerCharacters", .array([.string(" "), .string(","), .string("\"")])),
            ])),
            ("documentSymbolProvider", .bool(true)),
            ("foldingRangeProvider", .bool(true)),
            ("documentFormattingProvider", .bool(true)),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
            ("semanticTokensProvider", .object([
                ("legend", .object([
                    ("tokenTypes", .array(SemanticTokens.types.map { .string($0) })),
                    ("tokenModifiers", .array(SemanticTokens.modifiers.map { .string($0) })),
                ])),
                ("full", .bool(true)),
            ])),
        ])
        return .object([
            ("capabilities", capabilities),
            ("serverInfo", .object([("name", .string("plancheck")), ("version", .string(LanguageServer.version))])),
        ])
    }

    public static let version = "0.1.0"

    /// The open document a request names, with the analysis that covers it.
    func withDocument(_ params: JSON, _ body: (DocumentContext) -> Result<JSON, ResponseError>) -> Result<JSON, ResponseError> {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            return .failure(ResponseError(.invalidParams, "the request names no textDocument.uri"))
        }
        guard let document = workspace.documents[uri] else {
            return .failure(ResponseError(.requestFailed, "\(uri) is not open: open it first (textDocument/didOpen)"))
        }
        if workspace.analysis(for: document.path) == nil {
            noteChange(document.path)
            checkAndPublish()
        }
        guard let analysis = workspace.analysis(for: document.path),
              let file = analysis.files[Path.normalize(document.path)] else {
            // A data file no open plan reads: nothing to say about it.
            if Workspace.isDataFile(document.path) { return .success(.null) }
            return .failure(ResponseError(.requestFailed, "\(uri) could not be checked"))
        }
        return body(DocumentContext(document: document, analysis: analysis, file: file, encoding: encoding,
                                    uris: workspace.openURIs))
    }
}

/// What a feature gets: the document, the analysis covering it and its file there.
struct DocumentContext {
    var document: TextDocument
    var analysis: Analysis
    var file: FileID
    var encoding: PositionEncoding
    /// Normalised path -> URI of every open document.
    var uris: [String: String]

    var source: SourceFile { analysis.source(file) }
    var mapper: PositionMapper { PositionMapper(source: source, encoding: encoding) }

    /// A file not open is read from disk: its BOM is no character (as the CLI counts).
    func mapper(for file: FileID) -> PositionMapper {
        let source = analysis.source(file)
        return PositionMapper(source: source, encoding: encoding, skipsBOM: uris[Path.normalize(source.name)] == nil)
    }

    /// The byte offset of `params.position`, or nil when it is missing.
    func offset(_ params: JSON) -> Int? { LSPPosition(params["position"]).map { mapper.offset($0) } }

    /// A location for the client (a workbook sheet's is its workbook's start).
    func location(_ location: Location) -> JSON {
        let place = Feedback.place(location, analysis: analysis, encoding: encoding, uris: uris)
        return .object([("uri", .string(place.uri)), ("range", place.range)])
    }
}
