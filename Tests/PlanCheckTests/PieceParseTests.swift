import Foundation
import Testing
@testable import PlanCheck

/// The loader parses a plan a piece of tokens at a time (cut before an entry),
/// so a 12 MB plan never holds its million tokens at once. Cut anywhere it can
/// be, a file must read exactly as it does lexed whole: the same tree, the
/// same comments, the same findings in the same order.
@Suite struct PieceParseTests {
    /// Every plan the tests and examples hold, and texts made to be awkward at a cut.
    static func plans() -> [(name: String, text: [UInt8])] {
        var found: [(String, [UInt8])] = []
        let roots = [fixturesDirectory, repositoryRoot.appendingPathComponent("examples")]
        for root in roots {
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let relative = walker?.nextObject() as? String {
                guard relative.hasSuffix(".plan"),
                      let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path)
                else { continue }
                found.append((relative, [UInt8](data)))
            }
        }
        let awkward: [String] = [
            "\u{FEFF}plan \"BOM\"\n  period April 2013 to March 2014\nmeasure 1 \"x\"\n  target >= 5 by May\n",
            "  indented first\nmeasure 1 \"x\"\r\n  target >= 5 by May,\r\n    6 by June\r\nmeasure 2\n",
            "measure 1 \"unterminated\nmeasure 2 \"x\" target 5\n# comment at column one\nmeasure 3\n",
            "measure 1 \"a\"\n\u{1}bad\n\u{201C}curly\u{201D}\n-5 at column one\n,comma\n%\n\"string at one\"\n",
            "data 1\n  2013-04-30 50%\n  2013-05-31 done,\nmeasure 1 \"x\" target >= 5 by May\nlinks a,\nb\n",
            "measure 1\n  target minimum 60% by June,\n  minimum 70% by September\n  links 2,\n   3\nmeasure 2 \"y\" key\n",
        ]
        for (i, text) in awkward.enumerated() { found.append(("awkward \(i)", Array(text.utf8))) }
        return found.sorted { $0.0 < $1.0 }
    }

    static func reading(_ output: Parser.Output) -> String {
        ASTDump.dump(output.tree) + "\ncomments \(output.tree.comments)\n"
            + output.diagnostics.map { "\($0.code) \($0.location.span) \($0.message) \($0.help ?? "")" }.joined(separator: "\n")
    }

    @Test func aFileCutIntoPiecesReadsAsItDoesWhole() {
        let plans = Self.plans()
        #expect(plans.count > 40)
        for (name, bytes) in plans {
            let source = SourceFile(name: name, bytes: bytes)
            let whole = Parser.parse(source, file: FileID(0), keepingTokens: true)
            #expect(!whole.tokens.isEmpty)
            let expected = Self.reading(whole)
            for piece in [1, 2, 3, 17, Parser.piece] {
                let cut = Parser.parse(source, file: FileID(0), keepingTokens: false, piece: piece)
                #expect(cut.tokens.isEmpty)
                #expect(Self.reading(cut) == expected, "\(name) read in pieces of \(piece) tokens")
            }
        }
    }

    /// The lexer cuts only where the next line starts a token at column 1:
    /// every piece but the last ends with an end-of-file token there.
    @Test func piecesEndBeforeAnEntry() {
        let text = Array("plan \"p\"\n# note\n  period April 2013 to March 2014\nmeasure 1\n\n  target 5\nmeasure 2\n".utf8)
        text.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer: buffer, file: FileID(0))
            var piece: [Token] = []
            var ends: [Int] = []
            while !lexer.finished {
                lexer.lex(into: &piece, atLeast: 1)
                #expect(piece.last?.kind == .endOfFile)
                ends.append(piece.last!.span.start)
            }
            // After `plan "p"` (the comment and `period` are not entry starts), after `target 5`, at the end.
            #expect(ends == [text.firstRange(of: Array("measure 1".utf8))!.lowerBound,
                             text.firstRange(of: Array("measure 2".utf8))!.lowerBound, text.count])
        }
    }

    /// The command line checks without keeping the syntax: each entry's
    /// clauses go once resolved, and the checker sees each entry as the
    /// resolver reads it. Every plan here must give the same findings and
    /// the same judgements either way.
    @Test func checkingWithoutTheSyntaxFindsWhatCheckingWithItFinds() throws {
        var compared = 0
        for root in [fixturesDirectory, repositoryRoot.appendingPathComponent("examples")] {
            let walker = FileManager.default.enumerator(atPath: root.path)
            var byDirectory: [String: [String: [UInt8]]] = [:]
            while let relative = walker?.nextObject() as? String {
                let url = root.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                let directory = (relative as NSString).deletingLastPathComponent
                byDirectory[directory, default: [:]][(relative as NSString).lastPathComponent] = [UInt8](data)
            }
            for (_, files) in byDirectory.sorted(by: { $0.key < $1.key }) {
                let disk = MemoryFiles(bytes: files)
                for name in files.keys.sorted() where name.hasSuffix(".plan") {
                    let stem = String(name.dropLast(5))
                    let data = files[stem + ".csv"] != nil ? [stem + ".csv"] : []
                    let asOf = CalendarDate(year: 2014, month: 3, day: 31)!
                    let kept = Pipeline.evaluate(path: name, files: disk, dataPaths: data, asOf: asOf)
                    let lean = Pipeline.evaluate(path: name, files: disk, dataPaths: data, asOf: asOf, keepingSyntax: false)
                    #expect(lean.diagnostics == kept.diagnostics, "\(name)")
                    #expect(EvaluationJSON.renderBytes(lean.evaluation, model: lean.model)
                            == EvaluationJSON.renderBytes(kept.evaluation, model: kept.model), "\(name)")
                    #expect(lean.checked.loaded.entries.isEmpty)
                    #expect(lean.checked.loaded.planPaths == kept.checked.loaded.planPaths)
                    #expect(lean.sources.files.map(\.name) == kept.sources.files.map(\.name))
                    compared += 1
                }
            }
        }
        #expect(compared > 30)
    }

    /// Both ways of checking, which must agree.
    static func bothWays(_ text: String, files: [String: String] = [:]) -> [String] {
        var all = files.mapValues { Array($0.utf8) }
        all["plan.plan"] = Array(text.utf8)
        let disk = MemoryFiles(bytes: all)
        let kept = Pipeline.check(path: "plan.plan", files: disk)
        let lean = Pipeline.check(path: "plan.plan", files: disk, keepingSyntax: false)
        #expect(kept.diagnostics == lean.diagnostics)
        #expect(kept.model.items.map(\.id) == lean.model.items.map(\.id))
        #expect(kept.model.items.map { $0.targets.map { $0.milestones.map(\.deadline.date) } }
                == lean.model.items.map { $0.targets.map { $0.milestones.map(\.deadline.date) } })
        return lean.diagnostics.map { "\($0.code.rawValue): \($0.message)" + ($0.help.map { " (\($0))" } ?? "") }
    }

    /// The checker sees each entry as it is read: a name declared further
    /// down is still known, and one never declared is still an error, with
    /// its suggestion, in the order the references were written.
    @Test func namesDeclaredLaterAreKnown() {
        let plan = """
            measure 1.1 "Repeat referrals"
              workstream QOP
              lead "Cathy Smith"
              links R1, A9, QOP
              polarity lower
              target in line with sn by September
            data 1.1
              2013-09-30 17
            data 1.9
              2013-09-30 17
            measure 1.2 "Typo"
              workstream QPO
              lead "Cathy Smiht"
              target within 2 points of eng by September
            plan "Later plan entry"
              period April 2013 to March 2014
            workstream QOP "Quality of practice"
            lead "Cathy Smith"
            comparator sn "Statistical neighbours"
            comparator eng "England"
              tolerance 2 points
            recommendation R1 "Referrals"
            action A9 "Audit"
              due October

            """
        let found = Self.bothWays(plan)
        #expect(found.contains { $0.hasPrefix("comparator-tolerance: `in line with sn` needs a tolerance") })
        #expect(found.contains("unknown-reference: no workstream named \"QPO\" (did you mean \"QOP\"?)"))
        #expect(found.contains("unknown-reference: no lead named \"Cathy Smiht\" (did you mean \"Cathy Smith\"?)"))
        #expect(found.contains { $0.hasPrefix("data-unknown-id: no measure or action named \"1.9\"") })
        #expect(!found.contains { $0.contains("named \"QOP\"") })
        #expect(!found.contains { $0.contains("\"A9\"") || $0.contains("\"R1\"") || $0.contains("named \"1.1\"") })
        #expect(!found.contains { $0.contains("no comparator") })
        // September is placed in the period the later plan entry gives.
        let lean = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan]), keepingSyntax: false)
        #expect(lean.model.items.first?.targets.first?.milestones.first?.deadline.date
                == CalendarDate(year: 2013, month: 9, day: 30))
    }

    /// Entries wait for the period only until the first plan entry with a
    /// sound one; an include's entries go in its place, before the rest of
    /// the including file, whose entries then wait for its end.
    @Test func periodAndIncludesInPlanOrder() {
        let plan = """
            plan "First"
              period March to April 2014
            plan "Second"
              period April 2013 to March 2014
            section S1 "One"
            include "part.plan"
            measure 2.1 "After the include"
              target >= 5 by June

            """
        let part = """
            section S2 "Two"
            measure 1.1 "In the include"
              target >= 5 by May

            """
        let found = Self.bothWays(plan, files: ["part.plan": part])
        #expect(found.contains { $0.hasPrefix("duplicate-plan") })
        let lean = Pipeline.check(path: "plan.plan", files: MemoryFiles(["plan.plan": plan, "part.plan": part]),
                                  keepingSyntax: false)
        #expect(lean.model.period?.start == CalendarDate(year: 2013, month: 4, day: 1))
        #expect(lean.model.items.map(\.id) == ["1.1", "2.1"])
        #expect(lean.model.items.map { lean.model.sections[$0.section!].id } == ["S2", "S2"])
        #expect(lean.model.items.map { $0.targets[0].milestones[0].deadline.date }
                == [CalendarDate(year: 2013, month: 5, day: 31), CalendarDate(year: 2013, month: 6, day: 30)])
        #expect(found.contains { $0.hasPrefix("month-without-period: the period needs a year") })
        // A plan without a period: every entry waits, and bare months are reported.
        let none = Self.bothWays("measure 1 \"x\"\n  target >= 5 by May\nplan \"No period\"\n")
        #expect(none.contains { $0.hasPrefix("month-without-period") })
    }

    /// An include whose path string never closes is found twice at one
    /// place (the lexer's unterminated string, the loader's unreadable
    /// include): both ways of reading give them in the same order.
    @Test func twoFindingsAtOnePlaceComeInOneOrder() {
        let found = Self.bothWays("plan \"P\"\n  period April 2013 to March 2014\ninclude  \"\nmeasure m \"M\"\n")
        #expect(found.contains { $0.hasPrefix("unterminated-string") } && found.contains { $0.hasPrefix("unreadable-file") }, "\(found)")
    }
}
