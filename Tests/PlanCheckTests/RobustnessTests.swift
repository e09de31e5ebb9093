import Foundation
import Testing
@testable import PlanCheck

// Arbitrary bytes never crash or hang `check`, and input that is not a valid
// plan always yields a diagnostic. Everything runs in process through
// `Pipeline.check` (the CLI's one pipeline) and the renderer, with a seeded
// generator so a failure names its seed and reproduces exactly.
//
// Sizes are chosen for a debug build on a slow machine: the whole suite runs
// in a few seconds. Speed itself is measured in release (`make bench`), never here.

@Suite struct RobustnessTests {}

/// The bundled examples' bytes.
private let exampleBytes: [[UInt8]] = examplePlanURLs().compactMap { url in
    (try? Data(contentsOf: url)).map { Array($0) }
}

/// Bytes a mutation inserts: mostly the ones the lexer treats specially.
private let interestingBytes: [UInt8] = Array("\"\n \t#%,.-/0123456789>=<abQSepby".utf8) + [0x00, 0x01, 0x7F, 0x80, 0xC3, 0xE2, 0xFF, 0x0D]

/// Checks `bytes` and everything a user would see of the result; returns the run.
@discardableResult
private func checkAndRender(_ bytes: [UInt8], files: [String: [UInt8]] = [:],
                            sourceLocation: SourceLocation = #_sourceLocation) -> Pipeline.CheckedPlan {
    let run = checkRun(bytes: bytes, files: files)
    let renderer = DiagnosticRenderer(sources: run.sources, color: false)
    let text = renderer.render(run.diagnostics)
    #expect(run.diagnostics.isEmpty || !text.isEmpty, sourceLocation: sourceLocation)
    _ = renderer.json(run.diagnostics).render()
    _ = renderer.sarif(run.diagnostics, toolVersion: "test").render()
    for d in run.diagnostics {
        let file = run.sources[d.location.file]
        #expect(d.location.span.start >= 0 && d.location.span.start <= d.location.span.end
                && d.location.span.end <= file.bytes.count,
                "span \(d.location.span) outside \(file.name) (\(file.bytes.count) bytes): \(d.message)",
                sourceLocation: sourceLocation)
    }
    return run
}

/// Whether `bytes` cannot be a valid plan on its face: invalid UTF-8, or a
/// control byte other than tab, CR and LF (or a NUL), anywhere.
private func obviouslyInvalid(_ bytes: [UInt8]) -> Bool {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if String(validating: body, as: UTF8.self) == nil { return true }
    return body.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
}

private func mutate(_ original: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
    var bytes = original
    let edits = Int.random(in: 1...6, using: &rng)
    for _ in 0..<edits {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0 where !bytes.isEmpty:  // flip to any byte
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 1:  // insert an interesting byte
            bytes.insert(interestingBytes.randomElement(using: &rng)!, at: Int.random(in: 0...bytes.count, using: &rng))
        case 2 where !bytes.isEmpty:  // delete a short run
            let start = Int.random(in: 0..<bytes.count, using: &rng)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...8, using: &rng)))
        case 3 where !bytes.isEmpty:  // duplicate a line-sized run somewhere else
            let start = Int.random(in: 0..<bytes.count, using: &rng)
            let run = Array(bytes[start..<min(bytes.count, start + Int.random(in: 1...80, using: &rng))])
            bytes.insert(contentsOf: run, at: Int.random(in: 0...bytes.count, using: &rng))
        default:  // truncate
            bytes.removeSubrange(Int.random(in: 0...bytes.count, using: &rng)...)
        }
    }
    return bytes
}

extension RobustnessTests {
    @Test func examplesAreThere() {
        #expect(exampleBytes.count >= 2)
        // The examples name their performance books; hand those in too.
        let books = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("examples").path)) ?? []
        var files: [String: [UInt8]] = [:]
        for name in books where name.hasSuffix(".csv") {
            files[name] = Array((try? Data(contentsOf: repositoryRoot.appendingPathComponent("examples/" + name))) ?? Data())
        }
        #expect(files.count >= 2)
        for bytes in exampleBytes { #expect(!checkRun(bytes: bytes, files: files).diagnostics.hasErrors) }
    }

    /// 300 mutated examples, 1 to 6 edits each: flips, inserted bytes,
    /// deleted and duplicated runs, truncations.
    @Test(arguments: 0..<6)
    func mutatedExamples(_ batch: Int) {
        var rng = SeededGenerator(seed: 0x5EED_0000 + UInt64(batch))
        for i in 0..<50 {
            let original = exampleBytes[(batch + i) % exampleBytes.count]
            let bytes = mutate(original, &rng)
            let run = checkAndRender(bytes)
            if obviouslyInvalid(bytes) {
                #expect(run.diagnostics.hasErrors, "batch \(batch) case \(i): invalid bytes gave no error")
            }
            // Whatever still parses, fmt keeps its meaning and is idempotent.
            let source = SourceFile(name: "m.plan", bytes: bytes)
            if let formatted = Formatter.format(source) {
                let again = SourceFile(name: "m.plan", text: formatted)
                #expect(Formatter.format(again) == formatted, "batch \(batch) case \(i): fmt is not idempotent")
                #expect(ASTDump.dump(Parser.parse(again, file: FileID(0)).tree)
                        == ASTDump.dump(Parser.parse(source, file: FileID(0)).tree),
                        "batch \(batch) case \(i): fmt changed the meaning")
            }
        }
    }

    /// Every prefix length class of each example: cut anywhere, even inside a
    /// UTF-8 sequence, a string or a date.
    @Test func truncatedExamples() {
        var rng = SeededGenerator(seed: 0x7255_4E43)
        for bytes in exampleBytes {
            for _ in 0..<25 {
                let cut = Array(bytes[..<Int.random(in: 0...bytes.count, using: &rng)])
                checkAndRender(cut)
            }
        }
    }

    /// A multi-byte character cut in half, a string cut before its quote: errors.
    @Test func truncationInsideATokenIsAnError() throws {
        let text = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"Caf\u{E9} \u{201C}quoted\u{201D}\"\n"
        let bytes = Array(text.utf8)
        let quote = try #require(bytes.firstIndex(of: 0xE2))
        #expect(checkAndRender(Array(bytes[..<(quote + 1)])).diagnostics.hasErrors)
        #expect(checkAndRender(Array(bytes[..<(quote + 2)])).diagnostics.hasErrors)
        #expect(checkAndRender(Array(bytes[..<(bytes.count - 2)])).diagnostics.hasErrors)
    }

    /// 200 random byte strings: half uniform bytes, half shuffled plan pieces.
    @Test func randomBytes() {
        var rng = SeededGenerator(seed: 0xB17E5)
        let pieces = ["plan", "measure", "action", "target", "due", "by", "within", "ongoing", "September", "Q4",
                      "2011/12", "31.11.12", ">=", "<=", "%", ",", "\"", "\"x\"", "\n", "\n  ", " ", "#", "10,000",
                      "-5", "2.3", "include", "\"plan.plan\"", "period", "to", "from", "increase", "sustained",
                      "\u{201C}", "\u{00A0}", "\\", "data", "per", "part", "of", "in", "line", "with"]
        for i in 0..<200 {
            var bytes: [UInt8] = []
            if i % 2 == 0 {
                let length = Int.random(in: 0...400, using: &rng)
                for _ in 0..<length { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
            } else {
                for _ in 0..<Int.random(in: 0...120, using: &rng) {
                    bytes += Array(pieces.randomElement(using: &rng)!.utf8)
                    if Bool.random(using: &rng) { bytes.append(UInt8(ascii: " ")) }
                }
            }
            let run = checkAndRender(bytes)
            if obviouslyInvalid(bytes) {
                #expect(run.diagnostics.hasErrors, "case \(i): invalid bytes gave no error")
            }
        }
    }

    /// Control bytes in a plan never reach the terminal raw: the renderer shows
    /// the source line with them made visible, and messages name them in hex.
    /// An ESC echoed raw would let a plan drive the user's terminal.
    @Test func controlBytesAreNotEchoedRaw() {
        let text = "plan \"P\"\nmeasure 1 \"M\"\u{1B}[31m\nmeasure 2 \"N\u{1B}]0;title\u{07}\"\n"
        let run = checkAndRender(Array(text.utf8))
        #expect(run.diagnostics.hasErrors)
        let rendered = Array(run.rendered.utf8)
        let snippetLines = run.rendered.split(separator: "\n").filter { $0.contains(" | ") }
        #expect(snippetLines.allSatisfy { !$0.utf8.contains(0x1B) && !$0.utf8.contains(0x07) })
        #expect(!rendered.contains(0x1B) && !rendered.contains(0x07))
    }

    /// Edge values that stretch dates and numbers to their limits.
    @Test(arguments: [
        "target >= 5% within 9999 years",
        "target >= 5% by 31.12.9999",
        "target >= 5% by 01.01.0000",
        "target >= 5% by 00.00.00",
        "target >= 5% by Q4 9999/00",
        "target >= 5% by 9999/00",
        "target >= 5% by 2013-02-29",
        "target >= 5% by Dec-99",
        "target >= 5% by 99 December 9999",
        "target >= 99999999999999999999999999999999999999% by September",
        "target >= 1 per 99999999999999999999999999999999999 by September",
        "target increase by 99999999999999999999% by September sustained 9999 months",
        "target >= -99999999999999999999 by September",
        "target from 99999999999999999999 to -99999999999999999999 by September",
        "baseline 0 at 31.12.9999",
        "target within 99999999999 points of sn by September",
    ])
    func extremeValues(_ clause: String) {
        let text = "plan \"P\"\n  period April 2013 to March 2014\ncomparator sn \"SN\" tolerance 1%\nmeasure 1 \"M\"\n  \(clause)\n"
        checkAndRender(Array(text.utf8))
    }

    @Test(arguments: [
        "period January 0001 to December 9999",
        "period Q4 9999/00 to Q1 0001/02",
        "period 31.12.9999 to 01.01.0001",
        "period 2013-04-01 to 2013-04-01",
    ])
    func extremePeriods(_ clause: String) {
        let text = "plan \"P\"\n  \(clause)\nmeasure 1 \"M\"\n  target >= 5% by May\n  target >= 5% within 9999 months\n"
        checkAndRender(Array(text.utf8))
    }

    /// About 10 MB of valid plan: many measures with long titles and notes.
    /// The last one has an error, which must be found at its own line.
    @Test func tenMegabytePlan() throws {
        let filler = String(repeating: "Children seen and supported within timescales. ", count: 40)  // ~1.9 KB
        var text = "plan \"Big\"\n  period April 2013 to March 2014\n"
        text.reserveCapacity(10_600_000)
        var count = 0
        while text.utf8.count < 10_000_000 {
            count += 1
            text += "measure m\(count) \"\(filler)\"\n  note \"\(filler)\"\n  target >= \(count % 100)% by September\n"
        }
        count += 1
        text += "measure m\(count) \"Last\"\n  target >= 120% by September\n"
        let lines = 2 + 3 * (count - 1) + 2  // the header, three lines a measure, the last measure
        let run = checkRun(text)
        #expect(run.model.items.count == count)
        let found = run.found
        #expect(found.count == 1, "\(found.prefix(5))")
        #expect(found.first?.code == .percentRange)
        #expect(found.first?.line == lines)
        #expect(found.first?.column == 13)
        #expect(run.rendered.contains("\(lines) |   target >= 120% by September"))
    }

    /// `plan.plan` includes `a1.plan`, which includes `a2.plan`, ... 10,000 deep:
    /// stopped with `include-depth`, not a stack overflow.
    @Test func tenThousandNestedIncludes() {
        var files: [String: [UInt8]] = [:]
        for i in 1...10_000 {
            files["a\(i).plan"] = Array((i < 10_000 ? "measure m\(i) \"M\"\ninclude \"a\(i + 1).plan\"\n" : "measure last \"M\"\n").utf8)
        }
        let run = checkAndRender(Array("plan \"P\"\ninclude \"a1.plan\"\n".utf8), files: files)
        let depth = run.diagnostics.filter { $0.code == .includeDepth }
        #expect(depth.count == 1)
        #expect(run.diagnostics.hasErrors)
        #expect(run.model.items.count == Loader.maxDepth - 1)
    }

    /// 10,000 includes side by side, most of them missing: each reported, none lost.
    @Test func tenThousandSiblingIncludes() {
        var text = "plan \"P\"\n"
        var files: [String: [UInt8]] = [:]
        for i in 1...10_000 {
            text += "include \"s\(i).plan\"\n"
            if i % 100 == 0 { files["s\(i).plan"] = Array("measure m\(i) \"M\"\n".utf8) }
        }
        let run = checkAndRender(Array(text.utf8), files: files)
        #expect(run.model.items.count == 100)
        // Every missing include is reported, or the list is capped and says how many it left out.
        let unreadable = run.diagnostics.filter { $0.code == .unreadableFile }.count
        if unreadable < 9_900 {
            #expect(run.diagnostics.last?.code == .tooManyErrors)
            #expect(run.diagnostics.last?.message.contains("\(Display.number(Double(9_900 - unreadable), grouping: true)) more") == true,
                    "\(run.diagnostics.last?.message ?? "")")
        }
    }

    /// A 1 MB line, in every place a long line can be: a string, a comment,
    /// an id, a number, a run of clause words, garbage bytes.
    @Test(arguments: ["string", "comment", "id", "number", "words", "quotes", "bytes"])
    func oneMegabyteLine(_ kind: String) {
        let size = 1 << 20
        let head = "plan \"P\"\n  period April 2013 to March 2014\n"
        var bytes = Array(head.utf8)
        switch kind {
        case "string": bytes += Array("measure 1 \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size) + Array("\"\n".utf8)
        case "comment": bytes += Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: size) + [0x0A]
        case "id": bytes += Array("measure ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size) + [0x0A]
        case "number": bytes += Array("measure 1 \"M\"\n  target >= ".utf8) + [UInt8](repeating: UInt8(ascii: "9"), count: size)
            + Array("% by September\n".utf8)
        case "words": bytes += Array("measure 1 \"M\"\n ".utf8) + Array(String(repeating: " key", count: size / 4).utf8) + [0x0A]
        case "quotes": bytes += Array("measure 1 ".utf8) + [UInt8](repeating: UInt8(ascii: "\""), count: size) + [0x0A]
        default:
            var rng = SeededGenerator(seed: 0x1E6)
            for _ in 0..<size { bytes.append(UInt8.random(in: 0x21...0xFF, using: &rng)) }
        }
        let run = checkAndRender(bytes)
        switch kind {
        case "string", "comment", "id", "words":
            // Valid: a long title, a long comment, a long id, `key` 262,144 times (it may repeat).
            #expect(!run.diagnostics.hasErrors, "\(run.listing.prefix(500))")
        case "number":
            // A million nines is past 2^53 (issue 9), so that is the error, at the number.
            #expect(run.found.map(\.code) == [.numberTooLarge])
        default:
            #expect(run.diagnostics.hasErrors)
        }
    }
}

// MARK: - Performance books

extension RobustnessTests {
    /// Mutated, truncated and random performance books, read with the example
    /// plan: never a crash; every finding points inside the CSV or the plan;
    /// and a CSV that reads clean gives judgements for every target.
    @Test func malformedCSVsGiveLocatedDiagnostics() throws {
        let examples = repositoryRoot.appendingPathComponent("examples")
        let plan = Array(try Data(contentsOf: examples.appendingPathComponent("cheshire-east-2013.plan")))
        let book = Array(try Data(contentsOf: examples.appendingPathComponent("cheshire-east-2013.csv")))
        var rng = SeededGenerator(seed: 0xC5_0000)
        let interesting: [UInt8] = Array("\",\r\n%-./ 0123456789abc".utf8) + [0x00, 0xFF, 0xEF, 0xBB, 0xBF]
        for round in 0..<120 {
            var csv = book
            if round % 10 == 9 {
                csv = (0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                for _ in 0..<Int.random(in: 1...5, using: &rng) {
                    guard !csv.isEmpty else { break }
                    let at = Int.random(in: 0..<csv.count, using: &rng)
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0: csv[at] = interesting.randomElement(using: &rng)!
                    case 1: csv.insert(interesting.randomElement(using: &rng)!, at: at)
                    case 2: csv.remove(at: at)
                    default: csv.removeSubrange(at...)
                    }
                }
            }
            let files = MemoryFiles(bytes: ["p.plan": plan, "cheshire-east-2013.csv": csv])
            let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: [],
                                        asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
            for d in run.diagnostics {
                let file = run.sources[d.location.file]
                #expect(d.location.span.start <= file.bytes.count && d.location.span.end <= file.bytes.count)
            }
            _ = DiagnosticRenderer(sources: run.sources, color: false).render(run.diagnostics)
            #expect(run.evaluation.judgements.count == 44)
        }
    }
}
