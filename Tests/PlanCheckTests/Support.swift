import Foundation
import Testing
@testable import PlanCheck

// Helpers shared by the rule, date, recovery, CLI and robustness tests.
//
// Everything is found from `#filePath` (no resource bundles): this file is
// `Tests/PlanCheckTests/Support.swift`, so the package root is three levels up
// and the golden fixtures sit in `Tests/Fixtures`.

/// The package root (`/work/main`), from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // PlanCheckTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root

/// `Tests/Fixtures`: golden inputs and expected outputs.
let fixturesDirectory: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures")

/// The users' spec, `../shared/design/plan-language.md` beside the package.
let languageSpecURL: URL = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/design/plan-language.md")

/// The spec's `# must parse` blocks, kept in `Tests/Fixtures/spec/` so a clean
/// clone tests them without `../shared`; `specFixturesMatchTheSpec` keeps the
/// copies true to the spec wherever it sits beside the package.
func mustParseFixtures() -> [(name: String, text: String)] {
    let directory = fixturesDirectory.appendingPathComponent("spec")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".plan") }.sorted().compactMap { name in
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)).map { ("spec/" + name, $0) }
    }
}

/// The bundled example plans, sorted by name.
func examplePlanURLs() -> [URL] {
    let directory = repositoryRoot.appendingPathComponent("examples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".plan") }.sorted().map { directory.appendingPathComponent($0) }
}

/// The fenced blocks of a Markdown text whose first line is `# must parse`,
/// each with the 1-based line of its opening fence.
func mustParseSpecBlocks(_ markdown: String) -> [(line: Int, text: String)] {
    var blocks: [(line: Int, text: String)] = []
    var body: [Substring]?
    var opened = 0
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.hasPrefix("```") {
            if let lines = body {
                if lines.first?.trimmingCharacters(in: .whitespaces) == "# must parse" {
                    blocks.append((opened, lines.joined(separator: "\n") + "\n"))
                }
                body = nil
            } else {
                body = []
                opened = index + 1
            }
        } else if body != nil {
            body!.append(line)
        }
    }
    return blocks
}

// MARK: - Checking in process

/// The name the in-memory plan is checked under.
let testPlanName = "plan.plan"

/// Parses and checks `text` as `plan.plan`, with `files` (path -> text) for its includes.
func checkRun(_ text: String, files: [String: String] = [:]) -> Pipeline.CheckedPlan {
    checkRun(bytes: Array(text.utf8), files: files.mapValues { Array($0.utf8) })
}

/// Parses and checks raw bytes as `plan.plan`, with `files` for its includes.
func checkRun(bytes: [UInt8], files: [String: [UInt8]] = [:]) -> Pipeline.CheckedPlan {
    var all = files
    all[testPlanName] = bytes
    return Pipeline.check(path: testPlanName, files: MemoryFiles(bytes: all))
}

/// The diagnostics of `text` checked as `plan.plan` with its includes `files`.
func check(_ text: String, files: [String: String] = [:]) -> [Diagnostic] {
    checkRun(text, files: files).diagnostics
}

/// A test-friendly view of a diagnostic: where it is, in words.
struct Found: Sendable, Hashable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var severity: Severity
    var code: DiagnosticCode
    var message: String
    var help: String?

    var description: String {
        "\(file):\(line):\(column): \(severity.rawValue)[\(code.rawValue)]: \(message)"
            + (help.map { " (help: \($0))" } ?? "")
    }
}

extension Pipeline.CheckedPlan {
    /// Every diagnostic with its file name, line and column resolved.
    var found: [Found] {
        diagnostics.map { d in
            let file = sources[d.location.file]
            let position = file.position(of: d.location.span.start)
            return Found(file: file.name, line: position.line, column: position.column, severity: d.severity,
                         code: d.code, message: d.message, help: d.help)
        }
    }

    /// One line per diagnostic, for failure messages.
    var listing: String {
        found.isEmpty ? "(no diagnostics)" : found.map(\.description).joined(separator: "\n")
    }

    /// The diagnostics rendered as the CLI shows them, without colour.
    var rendered: String { DiagnosticRenderer(sources: sources, color: false).render(diagnostics) }
}

/// Turns `{0xFF}`-style markers into raw bytes, so a table of cases can hold
/// invalid UTF-8 and control bytes in readable Swift strings.
func bytesWithMarkers(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "{"), i + 5 < bytes.count, bytes[i + 1] == UInt8(ascii: "0"),
           bytes[i + 2] == UInt8(ascii: "x"), bytes[i + 5] == UInt8(ascii: "}"),
           let value = UInt8(String(decoding: bytes[i + 3...i + 4], as: UTF8.self), radix: 16) {
            out.append(value)
            i += 6
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return out
}

// MARK: - Running the built `plancheck`

/// The built `plancheck` executable.
///
/// `swift test` builds it beside the test bundle (the test target depends on
/// it): on Linux the runner is `<build>/debug/plancheckPackageTests.xctest`,
/// so `plancheck` is in the directory of `CommandLine.arguments[0]`. Failing
/// that (another runner, a macOS bundle), search upward from this file for
/// `.build/debug/plancheck`. `PLANCHECK_BINARY` overrides both.
let plancheckBinary: URL? = {
    let manager = FileManager.default
    if let override = ProcessInfo.processInfo.environment["PLANCHECK_BINARY"], manager.isExecutableFile(atPath: override) {
        return URL(fileURLWithPath: override)
    }
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
        let runner = URL(fileURLWithPath: first).standardizedFileURL
        var directory = runner.deletingLastPathComponent()
        candidates.append(directory.appendingPathComponent("plancheck"))
        // macOS: <build>/debug/plancheckPackageTests.xctest/Contents/MacOS/plancheckPackageTests
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent("plancheck"))
        }
    }
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
        candidates.append(directory.appendingPathComponent(".build/debug/plancheck"))
        directory = directory.deletingLastPathComponent()
    }
    return candidates.first { url in
        var isDirectory: ObjCBool = false
        return manager.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && manager.isExecutableFile(atPath: url.path)
    }
}()

/// A fresh, empty temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("plancheck-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `files` (name to text) and copies of the fixture `books` (files of
/// Tests/Fixtures/data) to a scratch directory, and runs the CLI there:
/// standard output and error together (`out`), standard output alone, the
/// exit status.
func runCLI(_ arguments: [String], files: [String: String], books: [String] = []) throws
    -> (out: String, stdout: String, status: Int32) {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
    for book in books {
        try Data(contentsOf: BookTests.dataDirectory.appendingPathComponent(book)).write(to: directory.appendingPathComponent(book))
    }
    let result = runCLI(arguments, in: directory)
    return (result.stdout + result.stderr, result.stdout, result.status)
}

/// Runs the built `plancheck` with `args`, `stdin` as its standard input and
/// `env` added to the environment (`NO_COLOR=1` and no `COLUMNS` unless `env` sets them), in
/// `directory` (default: the current directory).
///
/// Standard output and error go to files in a temporary directory, so a child
/// that writes a lot can never block on a full pipe while we wait for it.
func runCLI(_ args: [String], stdin: String? = nil, env: [String: String] = [:],
            in directory: URL? = nil) -> (stdout: String, stderr: String, status: Int32) {
    guard let binary = plancheckBinary else {
        Issue.record("the plancheck binary was not found next to \(CommandLine.arguments.first ?? "?") nor under .build/debug")
        return ("", "", -1)
    }
    do {
        let scratch = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        let inURL = scratch.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

        let process = Process()
        process.executableURL = binary
        process.arguments = args
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // Not a terminal, so the eval table is 120 columns wide unless a test says otherwise.
        environment["COLUMNS"] = nil
        for (key, value) in env { environment[key] = value }
        process.environment = environment
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        try? inHandle.close()
        let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return (out, err, process.terminationStatus)
    } catch {
        Issue.record("could not run plancheck: \(error)")
        return ("", "", -1)
    }
}

// MARK: - Golden files

/// Whether golden files should be rewritten rather than compared (`UPDATE_GOLDEN=1`).
var updatingGoldenFiles: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

/// Compares `actual` with the golden file at `url`; with `UPDATE_GOLDEN=1`
/// rewrites the file instead (and records nothing). A missing golden file is a
/// failure that says how to create it.
func assertGolden(_ actual: String, matches url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    if updatingGoldenFiles {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); run with UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record("""
            output differs from \(url.lastPathComponent) (UPDATE_GOLDEN=1 rewrites it)
            --- expected
            \(expected)
            --- actual
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

// MARK: - Deterministic randomness

/// SplitMix64: a small, fast, seedable generator, so every random test input
/// is the same on every run and a failure can be reproduced from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
