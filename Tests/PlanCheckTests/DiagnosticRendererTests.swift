import Testing
@testable import PlanCheck

@Suite struct DiagnosticRendererTests {
    /// One file named `plan.plan` holding `text`.
    func sources(_ text: String) -> (SourceSet, FileID) {
        var sources = SourceSet()
        let id = sources.add(SourceFile(name: "plan.plan", text: text))
        return (sources, id)
    }

    /// The byte offset of the `nth` occurrence of `needle` in `text`.
    func offset(of needle: String, in text: String, nth: Int = 1) -> Int {
        let bytes = Array(text.utf8)
        let pattern = Array(needle.utf8)
        var seen = 0
        for i in 0...(bytes.count - pattern.count) where Array(bytes[i..<i + pattern.count]) == pattern {
            seen += 1
            if seen == nth { return i }
        }
        Issue.record("\(needle) not found")
        return 0
    }

    func span(_ needle: String, in text: String, nth: Int = 1) -> Span {
        let start = offset(of: needle, in: text, nth: nth)
        return Span(start: start, end: start + needle.utf8.count)
    }

    @Test func rendersSimpleError() {
        let text = "plan \"X\"\n  workstream EFD\n  workstream EDF\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .unknownReference, "no workstream named \"EDF\"",
            at: Location(file: file, span: span("EDF", in: text)),
            notes: ["some note"], help: "did you mean \"EFD\"?")
        let expected = """
            plan.plan:3:14: error[unknown-reference]: no workstream named "EDF"
                3 |   workstream EDF
                  |              ^^^
                  = help: did you mean "EFD"?
                  = note: some note
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func rendersLabelsOnTheirOwnLines() {
        let text = "workstream EFD\n\nworkstream EFD\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .duplicateID, "workstream \"EFD\" declared twice",
            at: Location(file: file, span: span("EFD", in: text, nth: 2)),
            labels: [Label(Location(file: file, span: span("EFD", in: text)), "first declared here")])
        let expected = """
            plan.plan:3:12: error[duplicate-id]: workstream "EFD" declared twice
                1 | workstream EFD
                  |            --- first declared here
              ...
                3 | workstream EFD
                  |            ^^^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func putsEmptySpanAtEndOfLineOnePastTheLastCharacter() {
        let text = "plan \"X\nnext\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .unterminatedString, "missing closing quote",
            at: Location(file: file, span: .at(offset(of: "\n", in: text))))
        let expected = """
            plan.plan:1:8: error[unterminated-string]: missing closing quote
                1 | plan "X
                  |        ^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func underlinesToLineEndWhenSpanRunsOn() {
        let text = "target up\n  by 5\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .syntax, "bad target",
            at: Location(file: file, span: Span(start: offset(of: "up", in: text), end: text.utf8.count)))
        let expected = """
            plan.plan:1:8: error[syntax]: bad target
                1 | target up
                  |        ^^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func expandsTabsAlikeInLineAndUnderline() {
        let text = "\tx\tEDF end\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .unknownReference, "tab", at: Location(file: file, span: span("x\tEDF", in: text)),
            severity: .warning)
        // Tab stops every four columns: the first tab fills 4, the second 3.
        let expected = """
            plan.plan:1:2: warning[unknown-reference]: tab
                1 |     x   EDF end
                  |     ^^^^^^^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func placesCaretAfterMultiByteCharacters() {
        let text = "café 😀 EDF\n"
        let (set, file) = sources(text)
        let d = Diagnostic(.unknownReference, "emoji", at: Location(file: file, span: span("EDF", in: text)))
        // Column 8 counts scalars; the emoji takes two terminal columns, so the
        // caret row has eight spaces before it.
        let expected = """
            plan.plan:1:8: error[unknown-reference]: emoji
                1 | café 😀 EDF
                  |         ^^^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func showsInvalidUTF8AsReplacementCharacter() {
        var set = SourceSet()
        let bytes = Array("ab".utf8) + [0xFF] + Array(" EDF".utf8)
        let file = set.add(SourceFile(name: "bad.plan", bytes: bytes))
        let d = Diagnostic(.invalidUTF8, "bad byte", at: Location(file: file, span: Span(start: 4, end: 7)))
        let expected = """
            bad.plan:1:5: error[invalid-utf8]: bad byte
                1 | ab\u{FFFD} EDF
                  |     ^^^
            """
        #expect(DiagnosticRenderer(sources: set, color: false).render(d) == expected)
    }

    @Test func windowsVeryLongLines() {
        let text = String(repeating: "a", count: 20_000) + "EDF" + String(repeating: "b", count: 20_000) + "\n"
        let (set, file) = sources(text)
        let d = Diagnostic(.unknownReference, "far", at: Location(file: file, span: span("EDF", in: text)))
        let rows = DiagnosticRenderer(sources: set, color: false).render(d).split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[0] == "plan.plan:1:20001: error[unknown-reference]: far")
        #expect(rows.allSatisfy { $0.count <= DiagnosticRenderer.maxLineWidth + 20 })
        #expect(rows[1].contains("|") && rows[1].contains("...aaa") && rows[1].hasSuffix("bbb..."))
        // The carets sit under EDF.
        let line = Array(rows[1])
        let carets = Array(rows[2])
        let column = line.firstIndex(of: "E")!
        #expect(carets.firstIndex(of: "^") == column)
        #expect(carets.filter { $0 == "^" }.count == 3)
    }

    /// A line is laid out once per rendering and shared by the diagnostics on
    /// it: each must still read exactly as it does rendered alone, whether the
    /// line fits, is windowed around each focus, or is too long to decode whole.
    @Test func diagnosticsSharingALineRenderAsTheyDoAlone() {
        let medium = String(repeating: "x", count: 300) + " A " + String(repeating: "y", count: 300) + " B\u{301} end"
        let long = String(repeating: "z", count: 5_000) + " C " + String(repeating: "w", count: 5_000) + " D"
        let text = "short A B\t\u{1F600} C\n" + medium + "\n" + long + "\n"
        let (set, file) = sources(text)
        var ds: [Diagnostic] = []
        for (needle, nth) in [("A", 1), ("B", 1), ("C", 1), ("A", 2), ("B", 2), ("C", 2), ("D", 1), ("end", 1)] {
            ds.append(Diagnostic(.syntax, "at \(needle)", at: Location(file: file, span: span(needle, in: text, nth: nth))))
        }
        // One diagnostic with a label on a shared line, and one at an empty span.
        ds.append(Diagnostic(.duplicateID, "twice", at: Location(file: file, span: span("B", in: text, nth: 2)),
                             labels: [Label(Location(file: file, span: span("A", in: text, nth: 2)), "first here")]))
        ds.append(Diagnostic(.syntax, "empty", at: Location(file: file, span: Span(start: 5, end: 5))))
        for color in [false, true] {
            let renderer = DiagnosticRenderer(sources: set, color: color)
            let alone = ds.map { renderer.render($0) }
            let together = renderer.render(ds)
            let summary = together.components(separatedBy: "\n\n").last!
            #expect(summary.contains("\(ds.count) errors"))
            #expect(together == (alone + [summary]).joined(separator: "\n\n"))
        }
    }

    @Test func colourOnlyWhenAsked() {
        let text = "x EDF\n"
        let (set, file) = sources(text)
        let d = Diagnostic(.unknownReference, "m", at: Location(file: file, span: span("EDF", in: text)), help: "h")
        #expect(!DiagnosticRenderer(sources: set, color: false).render([d]).contains("\u{1B}"))
        let coloured = DiagnosticRenderer(sources: set, color: true).render([d])
        #expect(coloured.contains("\u{1B}[1;31merror"))
    }

    @Test func controlCharactersOnTheLineDoNotReachTheTerminal() {
        let text = "x \u{1B}[31m EDF\n"
        let (set, file) = sources(text)
        let d = Diagnostic(.unknownReference, "m", at: Location(file: file, span: span("EDF", in: text)))
        #expect(!DiagnosticRenderer(sources: set, color: false).render(d).contains("\u{1B}"))
    }

    @Test func summarisesCounts() {
        let text = "a b c\n"
        let (set, file) = sources(text)
        let at = Location(file: file, span: Span(start: 0, end: 1))
        let renderer = DiagnosticRenderer(sources: set, color: false)
        let error = Diagnostic(.syntax, "e", at: at)
        let warning = Diagnostic(.syntax, "w", at: at, severity: .warning)
        #expect(renderer.render([]) == "")
        #expect(renderer.render([error]).hasSuffix("\n\n1 error"))
        #expect(renderer.render([error, warning, error]).hasSuffix("\n\n2 errors, 1 warning"))
        #expect(renderer.summary([warning, warning]) == "2 warnings")
    }

    @Test func json() {
        let text = "workstream EFD\nuse EDF\n"
        let (set, file) = sources(text)
        let d = Diagnostic(
            .unknownReference, "no workstream named \"EDF\"",
            at: Location(file: file, span: span("EDF", in: text)),
            labels: [Label(Location(file: file, span: span("EFD", in: text)), "declared here")],
            notes: ["n"], help: "did you mean \"EFD\"?")
        let value = DiagnosticRenderer(sources: set, color: false).json([d])
        let object = value[0]!
        #expect(object["file"] == .string("plan.plan"))
        #expect(object["line"] == .int(2))
        #expect(object["column"] == .int(5))
        #expect(object["endLine"] == .int(2))
        #expect(object["endColumn"] == .int(8))
        #expect(object["severity"] == .string("error"))
        #expect(object["code"] == .string("unknown-reference"))
        #expect(object["help"] == .string("did you mean \"EFD\"?"))
        #expect(object["notes"] == .array([
            .string("plan.plan:1:12: declared here"), .string("help: did you mean \"EFD\"?"), .string("n"),
        ]))
        let plain = DiagnosticRenderer(sources: set, color: false)
            .json([Diagnostic(.syntax, "s", at: Location(file: file, span: .at(0)))])
        #expect(plain[0]?["help"] == .null)
        #expect(plain[0]?["notes"] == .array([]))
    }

    @Test func sarif() {
        let text = "a EDF\nb EDF\nc\n"
        let (set, file) = sources(text)
        let ds = [
            Diagnostic(.unknownReference, "one", at: Location(file: file, span: span("EDF", in: text))),
            Diagnostic(.syntax, "two", at: Location(file: file, span: .at(offset(of: "c", in: text))), severity: .note),
            Diagnostic(
                .unknownReference, "three", at: Location(file: file, span: span("EDF", in: text, nth: 2)),
                severity: .warning),
        ]
        let log = DiagnosticRenderer(sources: set, color: false).sarif(ds, toolVersion: "1.2.3")
        #expect(log["version"] == .string("2.1.0"))
        #expect(log["$schema"] != nil)
        let run = log["runs"]![0]!
        let driver = run["tool"]!["driver"]!
        #expect(driver["name"] == .string("plancheck"))
        #expect(driver["version"] == .string("1.2.3"))
        guard case .array(let rules)? = driver["rules"] else {
            Issue.record("no rules")
            return
        }
        #expect(rules.map { $0["id"] } == [.string("unknown-reference"), .string("syntax")])
        #expect(rules[0]["shortDescription"]?["text"] == .string(DiagnosticCode.unknownReference.summary))
        guard case .array(let results)? = run["results"] else {
            Issue.record("no results")
            return
        }
        #expect(results.map { $0["level"] } == [.string("error"), .string("note"), .string("warning")])
        #expect(results.map { $0["ruleId"] } == [.string("unknown-reference"), .string("syntax"), .string("unknown-reference")])
        #expect(results[2]["message"]?["text"] == .string("three"))
        let physical = results[2]["locations"]?[0]?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"] == .string("plan.plan"))
        #expect(physical?["region"] == .object([
            ("startLine", .int(2)), ("startColumn", .int(3)), ("endLine", .int(2)), ("endColumn", .int(6)),
        ]))
    }
}
