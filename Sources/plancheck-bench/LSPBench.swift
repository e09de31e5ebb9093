import PlanCheck

// `plancheck-bench lsp`: how long `plancheck lsp` takes to re-check a
// 100,000-line plan after a keystroke, and what a burst of keystrokes costs.
// The server is driven through its public message handler with an in-memory
// connection, so the figures are the server's own work (JSON, buffers,
// pipeline, diagnostics) without the pipe or the debounce wait.

/// A connection that keeps what the server sends and never receives.
final class MemoryConnection: LanguageServerConnection {
    var sent = 0
    var sentBytes = 0
    func receive(timeoutMilliseconds: Int?) -> [UInt8]? { nil }
    func send(_ bytes: [UInt8]) {
        sent += 1
        sentBytes += bytes.count
    }
    func log(_ line: String) {}
}

extension Bench {
    func languageServer() {
        let lines = 100_000 / divisor
        let text = Generate.planOfLines(lines)
        let bytes = Array(text.utf8)
        let uri = "file:///bench/plan.plan"
        let disk = MemoryFiles(bytes: ["/bench/plan.plan": bytes])
        let options = LanguageServer.Options(disk: disk, today: CalendarDate(year: 2013, month: 10, day: 31)!)
        let connection = MemoryConnection()
        let server = LanguageServer(connection: connection, options: options)
        func message(_ method: String, id: Int? = nil, _ params: JSON) -> [UInt8] {
            var fields: [(String, JSON)] = [("jsonrpc", .string("2.0"))]
            if let id { fields.append(("id", .int(id))) }
            fields += [("method", .string(method)), ("params", params)]
            return Array(JSON.object(fields).render(pretty: false).utf8)
        }
        server.handle(message("initialize", id: 1, .object([("capabilities", .object([]))])))
        let clock = ContinuousClock()
        let open = clock.measure {
            server.handle(message("textDocument/didOpen", .object([("textDocument", .object([
                ("uri", .string(uri)), ("languageId", .string("plancheck")), ("version", .int(1)),
                ("text", .string(text)),
            ]))])))
        }
        print("input: generated plan, \(grouped(lines)) lines, \(fixed(megabytes(bytes.count), 1)) MB; didOpen (read, check, publish): \(ms(seconds(open)))")

        // A keystroke: a space typed at the end of a line in the middle, or taken away again.
        let line = lines / 2
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line]
        let end = lineText.utf16.count
        var version = 1
        var typed = false
        func keystroke() -> [UInt8] {
            version += 1
            let range: JSON = .object([
                ("start", .object([("line", .int(line)), ("character", .int(end))])),
                ("end", .object([("line", .int(line)), ("character", .int(typed ? end + 1 : end))])),
            ])
            let change: JSON = .object([("range", range), ("text", .string(typed ? "" : " "))])
            typed.toggle()
            return message("textDocument/didChange", .object([
                ("textDocument", .object([("uri", .string(uri)), ("version", .int(version))])),
                ("contentChanges", .array([change])),
            ]))
        }
        let (edit, _) = best(runs) { () -> Int in
            server.handle(keystroke())
            return version
        }
        server.checkAndPublish()
        let (recheck, _) = best(runs) { () -> Int in
            server.handle(keystroke())
            server.checkAndPublish()
            return server.checksRun
        }
        let (pipeline, checked) = best(runs) { Pipeline.check(path: "/bench/plan.plan", files: disk) }
        print("Pipeline.check of that plan alone: \(ms(pipeline)) (\(checked.diagnostics.count) diagnostics)")
        print("lsp keystroke: \(ms(edit)) to apply one edit to the buffer; \(ms(recheck)) to apply it, re-check and publish (the latency after the \(options.debounceMilliseconds) ms debounce)")

        let burst = 50
        let before = server.checksRun
        let (burstTime, _) = best(runs) { () -> Int in
            for _ in 0..<burst { server.handle(keystroke()) }
            server.checkAndPublish()
            return server.checksRun
        }
        let checksPerBurst = (server.checksRun - before) / max(1, runs)
        print("lsp burst: \(burst) keystrokes then one check: \(ms(burstTime)) (\(checksPerBurst) check per burst; \(fixed(Double(burst) / burstTime, 0)) keystrokes/s absorbed)")
        // Hover on the id of the first measure past the middle (the first hover builds the symbol index).
        let allLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let measureLine = (line..<allLines.count).first { allLines[$0].hasPrefix("measure ") } ?? 0
        let hoverBody = message("textDocument/hover", id: 99, .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("position", .object([("line", .int(measureLine)), ("character", .int(9))])),
        ]))
        let sentBefore = connection.sentBytes
        let firstHover = clock.measure { server.handle(hoverBody) }
        print("lsp first hover: \(ms(seconds(firstHover))) (\(connection.sentBytes - sentBefore) bytes answered)")
        let (hover, _) = best(runs) { () -> Int in
            server.handle(hoverBody)
            return connection.sent
        }
        print("lsp hover after that: \(ms(hover))")
        let formatBody = message("textDocument/formatting", id: 100, .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("options", .object([("tabSize", .int(2)), ("insertSpaces", .bool(true))])),
        ]))
        let (format, _) = best(runs) { () -> Int in
            server.handle(formatBody)
            return connection.sent
        }
        print("lsp formatting that plan: \(ms(format))")
    }
}

extension Generate {
    /// A generated plan cut to `lines` lines at an entry boundary.
    static func planOfLines(_ lines: Int) -> String {
        var size = lines * 40
        while true {
            let text = largePlan(targetBytes: size).text
            var count = 0
            var cut: String.Index?
            var index = text.startIndex
            for (i, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
                count += 1
                index = text.utf8.index(text.utf8.startIndex, offsetBy: i + 1)
                if count >= lines {
                    cut = index
                    break
                }
            }
            if let cut {
                // Back to the start of the last entry, so no entry is cut in half.
                var prefix = text[..<cut]
                while let last = prefix.dropLast().lastIndex(of: "\n"),
                      prefix[prefix.index(after: last)] == " " {
                    prefix = prefix[...last]
                }
                return String(prefix)
            }
            size *= 2
        }
    }
}
