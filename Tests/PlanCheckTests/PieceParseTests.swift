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
                    #expect(lean.checked.loaded.entries.allSatisfy { $0.entry.clauses.isEmpty && $0.entry.rows.isEmpty })
                    #expect(lean.checked.loaded.entries.map(\.entry.kind) == kept.checked.loaded.entries.map(\.entry.kind))
                    compared += 1
                }
            }
        }
        #expect(compared > 30)
    }
}
