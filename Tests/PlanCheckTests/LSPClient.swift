import Foundation
import Testing
@testable import PlanCheck

/// A test client for `plancheck lsp`: runs the built binary as a subprocess
/// and talks to it over its real standard input and output, framed as LSP
/// frames them. A reader thread collects whatever the server sends.
final class LSPClient: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    let stderrURL: URL
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var received: [JSON] = []
    private var ended = false
    private var nextID = 1
    /// How long any wait lasts before the test fails (the server answers in
    /// milliseconds; this only bounds a hang).
    static let timeout: TimeInterval = 20

    init(directory: URL) throws {
        guard let binary = plancheckBinary else { throw ClientError("the plancheck binary was not found") }
        stderrURL = directory.appendingPathComponent("lsp-stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = binary
        process.arguments = ["lsp"]
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                condition.lock()
                if data.isEmpty {
                    ended = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                buffer.append(contentsOf: data)
                let split = MessageFraming.split(buffer)
                buffer.removeFirst(split.rest)
                for body in split.messages {
                    if case .success(let message) = JSON.parse(body) { received.append(message) }
                }
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Sending

    func sendRaw(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ message: JSON) { sendRaw(MessageFraming.frame(message)) }

    func notify(_ method: String, _ params: JSON = .object([])) {
        send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    /// Sends a request and waits for its response (the whole response object).
    func request(_ method: String, _ params: JSON = .object([])) throws -> JSON {
        let id = nextID
        nextID += 1
        send(.object([("jsonrpc", .string("2.0")), ("id", .int(id)), ("method", .string(method)), ("params", params)]))
        return try waitFor("the response to \(method)") { $0["id"] == .int(id) && $0["method"] == nil }
    }

    /// The `result` of a request; fails the test on an error response.
    func result(_ method: String, _ params: JSON = .object([])) throws -> JSON {
        let response = try request(method, params)
        if let error = response["error"] { throw ClientError("\(method) failed: \(error.render(pretty: false))") }
        return response["result"] ?? .null
    }

    // MARK: Receiving

    /// Waits for (and removes) the first message that `matches`.
    func waitFor(_ what: String, _ matches: (JSON) -> Bool) throws -> JSON {
        let deadline = Date().addingTimeInterval(Self.timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let i = received.firstIndex(where: matches) { return received.remove(at: i) }
            if ended { throw ClientError("the server ended before \(what); stderr: \(stderrText)") }
            if !condition.wait(until: deadline) { throw ClientError("timed out waiting for \(what)") }
        }
    }

    /// Waits for diagnostics for `uri` that satisfy `matches`, skipping earlier lists.
    func diagnostics(_ uri: String, where matches: ([JSON]) -> Bool = { _ in true }) throws -> [JSON] {
        let message = try waitFor("diagnostics for \(uri)") { m in
            m["method"] == .string("textDocument/publishDiagnostics") && m["params"]?["uri"] == .string(uri)
                && matches(m["params"]?["diagnostics"]?.arrayValue ?? [])
        }
        return message["params"]?["diagnostics"]?.arrayValue ?? []
    }

    /// Messages received and not yet taken.
    var pending: [JSON] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    var stderrText: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    // MARK: Life cycle

    /// `initialize` and `initialized`, judging at `asOf`.
    @discardableResult
    func initialize(asOf: String = "2013-10-31", utf8: Bool = false) throws -> JSON {
        var capabilities: [(String, JSON)] = []
        if utf8 { capabilities.append(("general", .object([("positionEncodings", .array([.string("utf-8")]))]))) }
        let result = try self.result("initialize", .object([
            ("processId", .null), ("rootUri", .null), ("capabilities", .object(capabilities)),
            ("initializationOptions", .object([("asOf", .string(asOf))])),
        ]))
        notify("initialized")
        return result
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(uri)), ("languageId", .string("plancheck")), ("version", .int(version)),
            ("text", .string(text)),
        ]))]))
    }

    func change(_ uri: String, version: Int, _ changes: [JSON]) {
        notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(uri)), ("version", .int(version))])),
            ("contentChanges", .array(changes)),
        ]))
    }

    /// `shutdown`, `exit`, and the process's exit status.
    func shutdown() throws -> Int32 {
        _ = try result("shutdown", .null)
        notify("exit")
        return waitForExit()
    }

    func waitForExit() -> Int32 {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(Self.timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            return -1
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// LSP helpers for building params.
enum LSP {
    static func position(_ line: Int, _ character: Int) -> JSON {
        .object([("line", .int(line)), ("character", .int(character))])
    }

    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSON {
        .object([("start", position(l1, c1)), ("end", position(l2, c2))])
    }

    static func at(_ uri: String, _ line: Int, _ character: Int, _ extra: [(String, JSON)] = []) -> JSON {
        .object([("textDocument", .object([("uri", .string(uri))])), ("position", position(line, character))] + extra)
    }

    static func document(_ uri: String, _ extra: [(String, JSON)] = []) -> JSON {
        .object([("textDocument", .object([("uri", .string(uri))]))] + extra)
    }

    /// An incremental change replacing a range.
    static func edit(_ range: JSON, _ text: String) -> JSON {
        .object([("range", range), ("text", .string(text))])
    }

    /// Applies LSP text edits (UTF-16 positions) to `text`, last first.
    static func apply(_ edits: [JSON], to text: String) -> String {
        var lines = text.components(separatedBy: "\n").map { Array($0.utf16) }
        func offset(_ p: JSON) -> (Int, Int) { (p["line"]!.intValue!, p["character"]!.intValue!) }
        var flat = Array(text.utf16)
        func index(_ p: (Int, Int)) -> Int {
            var i = 0
            for l in 0..<min(p.0, lines.count) { i += lines[l].count + 1 }
            return min(flat.count, i + p.1)
        }
        let sorted = edits.sorted { a, b in
            let x = offset(a["range"]!["start"]!), y = offset(b["range"]!["start"]!)
            return x.0 != y.0 ? x.0 > y.0 : x.1 > y.1
        }
        for edit in sorted {
            let start = index(offset(edit["range"]!["start"]!))
            let end = index(offset(edit["range"]!["end"]!))
            flat.replaceSubrange(start..<end, with: Array(edit["newText"]!.stringValue!.utf16))
            lines = String(decoding: flat, as: UTF16.self).components(separatedBy: "\n").map { Array($0.utf16) }
        }
        return String(decoding: flat, as: UTF16.self)
    }
}
