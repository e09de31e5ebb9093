import Foundation
import Testing
@testable import PlanCheck

// `plancheck lsp` driven as a subprocess over its real standard input and
// output: every method it offers, edits both ways, an included file changed
// under its includer, and malformed input. Plus the pieces a fuzzer will
// drive (framing, JSON) on their own.

@Suite(.serialized) struct LanguageServerTests {}

/// A folder with a plan that includes another and names a CSV.
private struct Workspace {
    let directory: URL
    var planURI: String { uri("plan.plan") }
    var includedURI: String { uri("shared.plan") }
    func uri(_ name: String) -> String { "file://" + directory.appendingPathComponent(name).path }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static let plan = """
        plan "Test plan"
          period April 2013 to March 2014
        comparator sn "Statistical neighbours" tolerance 5%
        include "shared.plan"
        data "book.csv"

        recommendation A1 "Front door"
        measure 2.3 "% children seen within 10 days"
          workstream EDF
          target >= 90% by September
        measure 3.1 "Référrals ✓ 👶 repeat"
          workstream EFD
          target in line with sn by Septmber
        action 1.7 "Build the hub"
          due March 2014
          links 2.3

        """

    static let included = """
        workstream EFD "Early help and front door"
        lead "Cathy Smith"

        """

    static let book = """
        measure,date,value,series
        2.3,2013-07,82.5%,
        2.3,2013-08,86%,
        2.3,2013-09,91%,
        3.1,2013-09,40,
        3.1,2013-09,41,sn

        """

    init() throws {
        directory = try makeTemporaryDirectory()
        try Self.plan.write(to: directory.appendingPathComponent("plan.plan"), atomically: true, encoding: .utf8)
        try Self.included.write(to: directory.appendingPathComponent("shared.plan"), atomically: true, encoding: .utf8)
        try Self.book.write(to: directory.appendingPathComponent("book.csv"), atomically: true, encoding: .utf8)
    }

    func client(utf8: Bool = false) throws -> LSPClient {
        let client = try LSPClient(directory: directory)
        try client.initialize(utf8: utf8)
        return client
    }
}

private func codes(_ diagnostics: [JSON]) -> [String] { diagnostics.compactMap { $0["code"]?.stringValue } }

private func hoverText(_ result: JSON) -> String { result["contents"]?["value"]?.stringValue ?? "" }

// MARK: - Life cycle and diagnostics

extension LanguageServerTests {
    @Test func initializeAdvertisesEveryFeatureAndShutdownExitsCleanly() throws {
        let ws = try Workspace()
        let client = try LSPClient(directory: ws.directory)
        let result = try client.initialize()
        let capabilities = result["capabilities"]!
        for key in ["hoverProvider", "definitionProvider", "referencesProvider", "renameProvider", "completionProvider",
                    "documentSymbolProvider", "foldingRangeProvider", "documentFormattingProvider", "codeActionProvider",
                    "semanticTokensProvider", "textDocumentSync"] {
            #expect(capabilities[key] != nil, "missing \(key)")
        }
        #expect(capabilities["positionEncoding"] == .string("utf-16"))
        #expect(try client.shutdown() == 0)
    }

    @Test func exitWithoutShutdownIsStatusOne() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.notify("exit")
        #expect(client.waitForExit() == 1)
    }

    @Test func endOfInputEndsTheServer() throws {
        let ws = try Workspace()
        let client = try ws.client()
        // Half a message, then the client goes away: no hang, no crash.
        client.sendRaw(Array("Content-Length: 500\r\n\r\n{\"jsonrpc\":".utf8))
        #expect(client.waitForExit() == 1)
    }

    @Test func diagnosticsOnOpenHaveCodesHintsAndFixes() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        let diagnostics = try client.diagnostics(ws.planURI)
        // Exactly what `plancheck check` says, line for line.
        let cli = runCLI(["check", "--format", "json", ws.path("plan.plan")])
        let expected = (try? JSON.parse(cli.stdout).get())?.arrayValue ?? []
        #expect(codes(diagnostics) == expected.compactMap { $0["code"]?.stringValue })
        #expect(diagnostics.map { $0["range"]!["start"]!["line"]!.intValue! + 1 } == expected.map { $0["line"]!.intValue! })
        let unknown = try #require(diagnostics.first { $0["code"] == .string("unknown-reference") })
        #expect(unknown["severity"] == .int(1))
        #expect(unknown["source"] == .string("plancheck"))
        #expect(unknown["range"] == LSP.range(8, 13, 8, 16))
        #expect(unknown["message"]?.stringValue?.contains("did you mean \"EFD\"?") == true)
        #expect(unknown["data"]?["replacement"] == .string("EFD"))
        let month = try #require(diagnostics.first { $0["code"] == .string("unknown-month") })
        #expect(month["data"]?["replacement"] == .string("September"))
        // A character count in UTF-16: "Référrals ✓ 👶" sits on line 10, the month on line 12.
        #expect(month["range"]?["start"]?["line"] == .int(12))
        #expect(try client.shutdown() == 0)
    }

    @Test func relatedLocationsPointIntoIncludedFiles() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan + "workstream EFD \"Again\"\n")
        let diagnostics = try client.diagnostics(ws.planURI) { codes($0).contains("duplicate-id") }
        let duplicate = try #require(diagnostics.first { $0["code"] == .string("duplicate-id") })
        let related = try #require(duplicate["relatedInformation"]?.arrayValue?.first)
        #expect(related["location"]?["uri"] == .string(ws.includedURI))
        #expect(related["location"]?["range"] == LSP.range(0, 11, 0, 14))
        #expect(related["message"] == .string("first declared here"))
        _ = try client.shutdown()
    }

    @Test func dataFilesNamedByThePlanAreCheckedAndPublished() throws {
        let ws = try Workspace()
        try (Workspace.book + "2.33,2013-09,91%,\n").write(toFile: ws.path("book.csv"), atomically: true, encoding: .utf8)
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        let csv = try client.diagnostics(ws.uri("book.csv"))
        let unknown = try #require(csv.first)
        #expect(unknown["code"] == .string("data-unknown-id"))
        #expect(unknown["range"] == LSP.range(6, 0, 6, 4))
        #expect(unknown["data"]?["replacement"] == .string("2.3"))
        // `data "book.csv"`: definition opens the file.
        let definition = try client.result("textDocument/definition", LSP.at(ws.planURI, 4, 8))
        #expect(definition[0]?["uri"] == .string(ws.uri("book.csv")))
        _ = try client.shutdown()
    }

    @Test func editsBothWaysUpdateDiagnostics() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        // Fix `EDF` (line 8) and `Septmber` (line 12, after a title with accents and an emoji).
        client.change(ws.planURI, version: 2, [LSP.edit(LSP.range(8, 13, 8, 16), "EFD")])
        client.change(ws.planURI, version: 3, [LSP.edit(LSP.range(12, 28, 12, 36), "September")])
        let fixed = try client.diagnostics(ws.planURI) { codes($0).isEmpty }
        #expect(fixed.isEmpty)
        // And break it again, with a whole-text change.
        client.change(ws.planURI, version: 4, [.object([("text", .string("measure 9.9\n  workstream NOPE\n"))])])
        let broken = try client.diagnostics(ws.planURI) { codes($0).contains("unknown-reference") }
        #expect(codes(broken).contains("missing-plan"))
        _ = try client.shutdown()
    }

    @Test func utf8PositionsWhenTheClientOffersThem() throws {
        let ws = try Workspace()
        let client = try LSPClient(directory: ws.directory)
        let result = try client.initialize(utf8: true)
        #expect(result["capabilities"]?["positionEncoding"] == .string("utf-8"))
        client.open(ws.planURI, Workspace.plan)
        let diagnostics = try client.diagnostics(ws.planURI)
        let month = try #require(diagnostics.first { $0["code"] == .string("unknown-month") })
        #expect(month["range"] == LSP.range(12, 28, 12, 36))
        // A title line with multi-byte characters: a byte-counted edit after them lands right.
        let line10 = Workspace.plan.components(separatedBy: "\n")[10]
        let end = line10.utf8.count
        client.change(ws.planURI, version: 2, [LSP.edit(LSP.range(10, end, 10, end), " key")])
        client.change(ws.planURI, version: 3, [LSP.edit(LSP.range(12, 28, 12, 36), "September")])
        let after = try client.diagnostics(ws.planURI) { !codes($0).contains("unknown-month") }
        #expect(!codes(after).contains("syntax"))
        _ = try client.shutdown()
    }

    @Test func aChangeInAnIncludedFileRechecksThePlanIncludingIt() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        client.open(ws.includedURI, Workspace.included)
        // Rename the workstream in the included buffer (unsaved): line 11's `EFD` is now unknown too.
        client.change(ws.includedURI, version: 2, [LSP.edit(LSP.range(0, 11, 0, 14), "EHF")])
        let after = try client.diagnostics(ws.planURI) { list in
            list.filter { $0["code"] == .string("unknown-reference") }.count == 2
        }
        #expect(after.contains { $0["range"] == LSP.range(11, 13, 11, 16) })
        _ = try client.shutdown()
    }

    @Test func filesOnDiskAreWatchedWhereTheClientCan() throws {
        let ws = try Workspace()
        let client = try LSPClient(directory: ws.directory)
        _ = try client.result("initialize", .object([("capabilities", .object([("workspace", .object([
            ("didChangeWatchedFiles", .object([("dynamicRegistration", .bool(true))])),
        ]))]))]))
        client.notify("initialized")
        let request = try client.waitFor("a watcher registration") { $0["method"] == .string("client/registerCapability") }
        let registration = request["params"]?["registrations"]?[0]
        #expect(registration?["method"] == .string("workspace/didChangeWatchedFiles"))
        #expect(registration?["registerOptions"]?["watchers"]?.arrayValue?.count == 2)
        // Our answer to its request is taken quietly.
        client.send(.object([("jsonrpc", .string("2.0")), ("id", request["id"]!), ("result", .null)]))
        #expect(try client.shutdown() == 0)
    }

    @Test func aDeletedIncludedFileIsReportedNotACrash() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        try FileManager.default.removeItem(atPath: ws.path("shared.plan"))
        client.notify("workspace/didChangeWatchedFiles", .object([("changes", .array([.object([
            ("uri", .string(ws.includedURI)), ("type", .int(3)),
        ])]))]))
        let after = try client.diagnostics(ws.planURI) { codes($0).contains("unreadable-file") }
        #expect(codes(after).contains("unreadable-file"))
        // Still serving.
        #expect(try client.result("textDocument/documentSymbol", LSP.document(ws.planURI)).arrayValue?.isEmpty == false)
        _ = try client.shutdown()
    }
}

// MARK: - Features

extension LanguageServerTests {
    @Test func hoverShowsTargetsAndTheJudgementEvalGives() throws {
        let ws = try Workspace()
        var plan = Workspace.plan.replacingOccurrences(of: "EDF", with: "EFD")
        plan = plan.replacingOccurrences(of: "Septmber", with: "September")
        try plan.write(toFile: ws.path("plan.plan"), atomically: true, encoding: .utf8)
        let client = try ws.client()
        client.open(ws.planURI, plan)
        _ = try client.diagnostics(ws.planURI)
        let hover = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 7, 9)))
        #expect(hover.contains("**measure 2.3**"))
        #expect(hover.contains("at least 90% by 30 Sep 2013"))
        let eval = runCLI(["eval", "--as-of", "2013-10-31", "--format", "json", ws.path("plan.plan")])
        let results = (try? JSON.parse(eval.stdout).get())?["results"]?.arrayValue ?? []
        let judgement = try #require(results.first { $0["id"] == .string("2.3") })
        let sentence = try #require(judgement["explanation"]?.stringValue)
        #expect(hover.contains(sentence), "hover: \(hover)\neval: \(sentence)")
        #expect(hover.contains("**\(judgement["status"]!.stringValue!)** as of 31 Oct 2013"))
        // A reference: its declaration, in the included file.
        let workstream = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 8, 14)))
        #expect(workstream.contains("**workstream EFD** \"Early help and front door\""))
        #expect(workstream.contains("declared at shared.plan:1"))
        #expect(workstream.contains("```plancheck\nworkstream EFD \"Early help and front door\"\n```"))
        // A date: the day it resolves to.
        let date = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 9, 22)))
        #expect(date.contains("30 Sep 2013"))
        let period = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 1, 10)))
        #expect(period.contains("1 Apr 2013"))
        let comparator = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 12, 23)))
        #expect(comparator.contains("tolerance 5%"))
        // Nothing there: null.
        #expect(try client.result("textDocument/hover", LSP.at(ws.planURI, 5, 0)) == .null)
        _ = try client.shutdown()
    }

    @Test func hoverWithholdsAJudgementAnErrorInItsEntryCouldChange() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        // 2.3 names an unknown workstream: no status shown, and the reason why.
        let broken = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 7, 9)))
        #expect(broken.contains("not judged until this is fixed: no workstream named \"EDF\""))
        #expect(!broken.contains("as of 31 Oct 2013"))
        // 1.7's entry is sound: judged, with a word that the plan has errors elsewhere.
        let action = hoverText(try client.result("textDocument/hover", LSP.at(ws.planURI, 13, 8)))
        #expect(action.contains("as of 31 Oct 2013"))
        #expect(action.contains("errors elsewhere"))
        _ = try client.shutdown()
    }

    @Test func closingAndSavingDocuments() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        #expect(try !client.diagnostics(ws.planURI).isEmpty)
        // Highlights: the declaration (write) and the `links 2.3` reference (read).
        let highlights = try client.result("textDocument/documentHighlight", LSP.at(ws.planURI, 7, 9))
        #expect(highlights == .array([
            .object([("range", LSP.range(7, 8, 7, 11)), ("kind", .int(3))]),
            .object([("range", LSP.range(15, 8, 15, 11)), ("kind", .int(2))]),
        ]))
        // The included file is fixed on disk and saved: the plan is re-checked.
        try Workspace.included.replacingOccurrences(of: "EFD", with: "EDF")
            .write(toFile: ws.path("shared.plan"), atomically: true, encoding: .utf8)
        client.notify("textDocument/didSave", LSP.document(ws.includedURI))
        let saved = try client.diagnostics(ws.planURI) { list in
            list.contains { $0["range"] == LSP.range(11, 13, 11, 16) }
        }
        #expect(!saved.contains { $0["range"] == LSP.range(8, 13, 8, 16) })
        // Closing the plan clears what was published for it.
        client.notify("textDocument/didClose", LSP.document(ws.planURI))
        #expect(try client.diagnostics(ws.planURI).isEmpty)
        #expect(try client.request("textDocument/hover", LSP.at(ws.planURI, 7, 9))["error"]?["code"] == .int(-32803))
        _ = try client.shutdown()
    }

    @Test func theNewFormsHoverAndComplete() throws {
        let ws = try Workspace()
        let client = try ws.client()
        let text = """
            plan "New forms"
              period April 2013 to March 2014
            measure 6.7 "Average working days from referral to assessment start"
              target at most 10 working days by Feb14
            measure 6.8 "Case file audits completed"
              frequency monthly
              target at least 20 each month from December 2013
              rag 2013-11-30 amber "Improving"
              frequency \n
            """
        client.open(ws.uri("new.plan"), text)
        _ = try client.diagnostics(ws.uri("new.plan"))
        let feb = hoverText(try client.result("textDocument/hover", LSP.at(ws.uri("new.plan"), 3, 37)))
        #expect(feb.contains("28 Feb 2014"), "\(feb)")
        let each = hoverText(try client.result("textDocument/hover", LSP.at(ws.uri("new.plan"), 6, 24)))
        #expect(each.contains("every month"), "\(each)")
        let from = hoverText(try client.result("textDocument/hover", LSP.at(ws.uri("new.plan"), 6, 42)))
        #expect(from.contains("1 Dec 2013"), "\(from)")
        let rag = hoverText(try client.result("textDocument/hover", LSP.at(ws.uri("new.plan"), 7, 8)))
        #expect(rag.contains("30 Nov 2013"), "\(rag)")
        let item = hoverText(try client.result("textDocument/hover", LSP.at(ws.uri("new.plan"), 4, 9)))
        #expect(item.contains("at least 20 each month from 1 Dec 2013"), "\(item)")
        let frequency = try client.result("textDocument/completion", LSP.at(ws.uri("new.plan"), 8, 12))
        #expect((frequency["items"]?.arrayValue ?? []).compactMap { $0["label"]?.stringValue } == ["monthly", "quarterly", "annually"])
        _ = try client.shutdown()
    }

    /// Every kind of thing under the cursor says what it is: a lead, a
    /// section and its parent, a board, a date that does not exist, `end of`,
    /// `ongoing`, `within`, and an item's sustained target and due date.
    @Test func hoverNamesEveryKindOfThing() throws {
        let ws = try Workspace()
        let client = try ws.client()
        let text = """
            plan "Hover"
              period April 2013 to March 2014
            lead "Jo Bloggs"
            theme T1 "Help"
            objective O1 "Right help"
              part of T1
            measure 1 "M"
              lead "Jo Bloggs"
              target >= 90% by end of March 2014 sustained 3 months
              signoff IB by 31.02.14
            measure 2 "N"
              target >= 5 ongoing
            action 3 "A"
              due within 3 months

            """
        let uri = ws.uri("hover.plan")
        client.open(uri, text)
        _ = try client.diagnostics(uri)
        func hover(_ line: Int, _ character: Int) throws -> String {
            hoverText(try client.result("textDocument/hover", LSP.at(uri, line, character)))
        }
        #expect(try hover(7, 9).contains("**lead** \"Jo Bloggs\"\n\ndeclared at hover.plan:3"))
        #expect(try hover(5, 11).contains("**theme T1** \"Help\""))
        #expect(try hover(4, 11).contains("**objective O1** \"Right help\", part of T1"))
        #expect(try hover(9, 11) == "sign-off board **IB**")
        #expect(try hover(9, 18).contains("`31.02.14`: 31.02.14 is not a date: February 2014 has 28 days"))
        #expect(try hover(8, 23) == "`end of March 2014`: Monday 31 Mar 2014")
        #expect(try hover(11, 16).contains("no deadline; judged on the latest value"))
        #expect(try hover(13, 9).contains("1 Jul 2013"))
        #expect(try hover(6, 8).contains("- target: at least 90% sustained for 3 months by 31 Mar 2014"))
        #expect(try hover(12, 7).contains("- target: done by 1 Jul 2013"))
        _ = try client.shutdown()
    }

    @Test func definitionReferencesAndRenameCrossIncludes() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        let definition = try client.result("textDocument/definition", LSP.at(ws.planURI, 11, 14))
        #expect(definition == .array([.object([("uri", .string(ws.includedURI)), ("range", LSP.range(0, 11, 0, 14))])]))
        let link = try client.result("textDocument/definition", LSP.at(ws.planURI, 15, 9))
        #expect(link[0]?["range"] == LSP.range(7, 8, 7, 11))
        let include = try client.result("textDocument/definition", LSP.at(ws.planURI, 3, 12))
        #expect(include[0]?["uri"] == .string(ws.includedURI))
        let references = try client.result("textDocument/references",
                                           LSP.at(ws.planURI, 7, 9, [("context", .object([("includeDeclaration", .bool(true))]))]))
        // The declaration, `links 2.3`, and the three rows of book.csv.
        #expect(references.arrayValue?.count == 5)
        let withoutDeclaration = try client.result("textDocument/references",
                                                   LSP.at(ws.planURI, 7, 9, [("context", .object([("includeDeclaration", .bool(false))]))]))
        #expect(withoutDeclaration.arrayValue?.first == .object([("uri", .string(ws.planURI)), ("range", LSP.range(15, 8, 15, 11))]))
        #expect(withoutDeclaration.arrayValue?.dropFirst().map { $0["uri"] } == Array(repeating: .string(ws.uri("book.csv")), count: 3))
        #expect(withoutDeclaration[1]?["range"] == LSP.range(1, 0, 1, 3))
        // Renaming a measure renames its data rows too, so the data stays linked.
        let measure = try client.result("textDocument/rename", LSP.at(ws.planURI, 7, 9, [("newName", .string("2.30"))]))
        let csvEdits = try #require(measure["changes"]?[ws.uri("book.csv")]?.arrayValue)
        #expect(LSP.apply(csvEdits, to: Workspace.book).hasPrefix("measure,date,value,series\n2.30,2013-07,82.5%,\n2.30,2013-08"))
        let prepare = try client.result("textDocument/prepareRename", LSP.at(ws.planURI, 11, 14))
        #expect(prepare["placeholder"] == .string("EFD"))
        let rename = try client.result("textDocument/rename", LSP.at(ws.planURI, 11, 14, [("newName", .string("EH"))]))
        let changes = try #require(rename["changes"])
        #expect(changes[ws.planURI]?.arrayValue?.count == 1)
        #expect(changes[ws.includedURI]?.arrayValue == [.object([("range", LSP.range(0, 11, 0, 14)), ("newText", .string("EH"))])])
        let edited = LSP.apply(changes[ws.planURI]!.arrayValue!, to: Workspace.plan)
        #expect(edited.contains("  workstream EH\n  target in line with"))
        // Not an id, or a name taken: refused.
        #expect(try client.request("textDocument/rename", LSP.at(ws.planURI, 11, 14, [("newName", .string("two words"))]))["error"] != nil)
        #expect(try client.request("textDocument/rename", LSP.at(ws.planURI, 7, 9, [("newName", .string("3.1"))]))["error"] != nil)
        // A clause word would end a wrapped `links m,` line early.
        #expect(try client.request("textDocument/rename", LSP.at(ws.planURI, 7, 9, [("newName", .string("key"))]))["error"] != nil)
        // A lead's name is a string: renamed with its quotes (asked from the included file, open too).
        client.open(ws.includedURI, Workspace.included)
        let lead = try client.result("textDocument/rename", .object([
            ("textDocument", .object([("uri", .string(ws.includedURI))])), ("position", LSP.position(1, 8)),
            ("newName", .string("Cathy \"CS\" Smith")),
        ]))
        #expect(lead["changes"]?[ws.includedURI]?[0]?["newText"] == .string(#""Cathy \"CS\" Smith""#))
        _ = try client.shutdown()
    }

    /// `links` may name a workstream, as the checker reads it: definition,
    /// references and rename find it there.
    @Test func linksToAWorkstreamAreReferences() throws {
        let ws = try Workspace()
        let client = try ws.client()
        let text = Workspace.plan + "measure 9.9 \"x\"\n  links 2.3,\n    EFD\n"
        let line = Workspace.plan.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        client.open(ws.planURI, text)
        let problems = try client.diagnostics(ws.planURI).filter { $0["severity"] == .number(1) }
        #expect(problems.isEmpty, "\(problems)")
        let definition = try client.result("textDocument/definition", LSP.at(ws.planURI, line, 5))
        #expect(definition == .array([.object([("uri", .string(ws.includedURI)), ("range", LSP.range(0, 11, 0, 14))])]))
        // Completion on the wrapped line reads the clause it continues.
        let completion = try client.result("textDocument/completion", LSP.at(ws.planURI, line, 4))
        let labels = (completion["items"]?.arrayValue ?? []).compactMap { $0["label"]?.stringValue }
        #expect(labels.contains("EFD") && labels.contains("2.3") && !labels.contains("target"), "\(labels)")
        let rename = try client.result("textDocument/rename", LSP.at(ws.planURI, line, 5, [("newName", .string("EH"))]))
        let edits = try #require(rename["changes"]?[ws.planURI]?.arrayValue)
        #expect(LSP.apply(edits, to: text).hasSuffix("  links 2.3,\n    EH\n"))
        _ = try client.shutdown()
    }

    @Test func completionOffersWhatFitsTheCursor() throws {
        let ws = try Workspace()
        let client = try ws.client()
        let text = Workspace.plan + "m\n  w\nmeasure 5.5\n  workstream \n  target \n  target >= 80% by \n  part of \n"
            + "data 2.3\n  2013-10 84% \n"
        client.open(ws.planURI, text)
        _ = try client.diagnostics(ws.planURI)
        func labels(_ line: Int, _ character: Int) throws -> [String] {
            let result = try client.result("textDocument/completion", LSP.at(ws.planURI, line, character))
            return (result["items"]?.arrayValue ?? []).compactMap { $0["label"]?.stringValue }
        }
        let entry = try labels(16, 1)
        #expect(entry.contains("measure") && entry.contains("recommendation") && !entry.contains("target"))
        // Under `m`, which is no entry, every clause; under `measure 5.5`, a measure's.
        let clause = try labels(17, 3)
        #expect(clause.contains("workstream") && clause.contains("due") && clause.contains("minimum cohort"))
        let measureClauses = try labels(20, 2)
        #expect(measureClauses.contains("target") && !measureClauses.contains("due") && !measureClauses.contains("period"))
        #expect(try labels(19, 13) == ["EFD"])
        let target = try labels(20, 9)
        for word in [">=", "at least", "no more than", "in line with", "increase", "do not exceed", "maintain"] {
            #expect(target.contains(word), "\(word) missing from \(target)")
        }
        let months = try labels(21, 19)
        #expect(months.first == "January" && months.contains("September"))
        #expect(try labels(22, 10) == ["A1"])
        #expect(try labels(24, 14) == ["sn", "baseline"])
        let item = try client.result("textDocument/completion", LSP.at(ws.planURI, 19, 13))
        #expect(item["items"]?[0]?["detail"] == .string("Early help and front door"))
        _ = try client.shutdown()
    }

    @Test func symbolsFoldingFormattingAndQuickFixes() throws {
        let ws = try Workspace()
        let client = try ws.client()
        let messy = Workspace.plan.replacingOccurrences(of: "  target >= 90% by September", with: "      target >=90 %   by September")
        client.open(ws.planURI, messy)
        _ = try client.diagnostics(ws.planURI)
        let symbols = try client.result("textDocument/documentSymbol", LSP.document(ws.planURI)).arrayValue ?? []
        let names = symbols.compactMap { $0["name"]?.stringValue }
        #expect(names == ["plan \"Test plan\"", "comparator sn", "include \"shared.plan\"", "data \"book.csv\"", "recommendation A1"])
        let children = symbols.last?["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(children == ["measure 2.3", "measure 3.1", "action 1.7"])
        let folds = try client.result("textDocument/foldingRange", LSP.document(ws.planURI)).arrayValue ?? []
        #expect(folds.contains(.object([("startLine", .int(7)), ("endLine", .int(9)), ("kind", .string("region"))])))
        #expect(folds.contains(.object([("startLine", .int(6)), ("endLine", .int(15)), ("kind", .string("region"))])))
        // Formatting is exactly `plancheck fmt`.
        let edits = try client.result("textDocument/formatting", LSP.document(ws.planURI, [
            ("options", .object([("tabSize", .int(2)), ("insertSpaces", .bool(true))])),
        ])).arrayValue ?? []
        let fmt = runCLI(["fmt", "-"], stdin: messy)
        #expect(fmt.status == 0)
        #expect(LSP.apply(edits, to: messy) == fmt.stdout)
        // Quick fixes: each did-you-mean, applied, clears its diagnostic.
        let actions = try client.result("textDocument/codeAction", LSP.document(ws.planURI, [
            ("range", LSP.range(0, 0, 16, 0)), ("context", .object([("diagnostics", .array([]))])),
        ])).arrayValue ?? []
        #expect(actions.compactMap { $0["title"]?.stringValue } == ["Change to \"EFD\"", "Change to \"September\""])
        var fixed = messy
        for action in actions { fixed = LSP.apply(action["edit"]!["changes"]![ws.planURI]!.arrayValue!, to: fixed) }
        client.change(ws.planURI, version: 2, [.object([("text", .string(fixed))])])
        #expect(try client.diagnostics(ws.planURI) { $0.isEmpty }.isEmpty)
        _ = try client.shutdown()
    }

    @Test func semanticTokensTellIdsNumbersAndDatesApart() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, "measure 2.3 target >= 2.3 by 31.03.12 # note\n")
        _ = try client.diagnostics(ws.planURI)
        let data = try client.result("textDocument/semanticTokens/full", LSP.document(ws.planURI))["data"]?.arrayValue ?? []
        let numbers = data.compactMap(\.intValue)
        #expect(numbers.count % 5 == 0)
        // Decode: (character, length, type name, modifiers) on line 0.
        let types = SemanticTokens.types
        var tokens: [(Int, Int, String, Int)] = []
        var character = 0
        for i in stride(from: 0, to: numbers.count, by: 5) {
            character = numbers[i] == 0 ? character + numbers[i + 1] : numbers[i + 1]
            tokens.append((character, numbers[i + 2], types[numbers[i + 3]], numbers[i + 4]))
        }
        #expect(tokens.map(\.2) == ["keyword", "variable", "keyword", "operator", "number", "keyword", "enumMember", "comment"])
        #expect(tokens[1].0 == 8 && tokens[1].3 == 1)  // `2.3` declared
        #expect(tokens[4].0 == 22)                      // `2.3` a number
        _ = try client.shutdown()
    }

    /// The words of today's forms are coloured as what they are: every word of
    /// `end of March 2014` and `30th April 2014` is a date, `≥` an operator.
    @Test func semanticTokensColourCouncilWording() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, "measure 1 target ≥ 90% by end of March 2014, at or above 95% by 30th April 2014\n")
        // Only the warning that the plan has no `plan` entry: no error.
        #expect(try client.diagnostics(ws.planURI).allSatisfy { $0["severity"]?.intValue == 2 })
        let data = try client.result("textDocument/semanticTokens/full", LSP.document(ws.planURI))["data"]?.arrayValue ?? []
        let numbers = data.compactMap(\.intValue)
        let types = SemanticTokens.types
        var words: [String] = []
        let line = Array("measure 1 target ≥ 90% by end of March 2014, at or above 95% by 30th April 2014".utf16)
        var character = 0
        for i in stride(from: 0, to: numbers.count, by: 5) {
            character = numbers[i] == 0 ? character + numbers[i + 1] : numbers[i + 1]
            words.append(String(decoding: line[character..<(character + numbers[i + 2])], as: UTF16.self) + ":" + types[numbers[i + 3]])
        }
        #expect(words == ["measure:keyword", "1:variable", "target:keyword", "≥:operator", "90:number", "%:operator",
                          "by:keyword", "end:enumMember", "of:enumMember", "March:enumMember", "2014:enumMember",
                          "at:keyword", "or:keyword", "above:keyword", "95:number", "%:operator", "by:keyword",
                          "30th:enumMember", "April:enumMember", "2014:enumMember"], "\(words)")
        _ = try client.shutdown()
    }
}

// MARK: - Robustness

extension LanguageServerTests {
    @Test func malformedInputGetsErrorsAndTheServerCarriesOn() throws {
        let ws = try Workspace()
        let client = try LSPClient(directory: ws.directory)
        // Before initialize: refused.
        let early = try client.request("textDocument/hover", LSP.at(ws.planURI, 0, 0))
        #expect(early["error"]?["code"] == .int(-32002))
        try client.initialize()
        // A body that is not JSON.
        client.sendRaw(MessageFraming.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 1, ".utf8)))
        let parse = try client.waitFor("a parse error") { $0["error"]?["code"] == .int(-32700) }
        #expect(parse["id"] == .null)
        // Garbage where a header should be, then a good message.
        client.sendRaw(Array("garbage\r\n\r\n".utf8))
        client.sendRaw(Array("Content-Length: nope\r\n\r\n".utf8))
        let unknown = try client.request("workspace/unknownThing", .object([]))
        #expect(unknown["error"]?["code"] == .int(-32601))
        // Not an object; no method; a bad id.
        client.sendRaw(MessageFraming.frame(Array("[1, 2]".utf8)))
        client.sendRaw(MessageFraming.frame(Array(#"{"jsonrpc":"2.0","id":77}"#.utf8)))
        client.sendRaw(MessageFraming.frame(Array(#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#.utf8)))
        _ = try client.waitFor("an invalid request") { $0["id"] == .int(77) && $0["error"]?["code"] == .int(-32600) }
        // A request about a document never opened.
        let unopened = try client.request("textDocument/hover", LSP.at(ws.uri("never.plan"), 0, 0))
        #expect(unopened["error"]?["code"] == .int(-32803))
        // Missing params; changes to unopened documents; an unknown notification.
        #expect(try client.request("textDocument/hover", .object([]))["error"]?["code"] == .int(-32602))
        client.change(ws.uri("never.plan"), version: 2, [.object([("text", .string("x"))])])
        client.notify("workspace/somethingNew")
        client.open(ws.planURI, Workspace.plan)
        // Positions past the end are clamped, not trusted.
        _ = try client.result("textDocument/hover", LSP.at(ws.planURI, 9999, 9999))
        _ = try client.result("textDocument/completion", LSP.at(ws.planURI, 3, 9999))
        client.change(ws.planURI, version: 2, [LSP.edit(LSP.range(500, 0, 400, 3), "x")])
        #expect(try client.result("textDocument/documentSymbol", LSP.document(ws.planURI)).arrayValue?.isEmpty == false)
        #expect(client.stderrText.contains("malformed"))
        #expect(try client.shutdown() == 0)
    }

    @Test func aPlanCannotMakeTheServerReadItsOwnInput() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, "plan \"X\"\ninclude \"/dev/stdin\"\ndata \"/dev/zero\"\n")
        let diagnostics = try client.diagnostics(ws.planURI)
        #expect(codes(diagnostics) == ["unreadable-file", "unreadable-file"])
        #expect(diagnostics.allSatisfy { $0["message"]?.stringValue?.contains("not a regular file") == true })
        #expect(try client.shutdown() == 0)
    }

    @Test func requestsAfterShutdownAreRefused() throws {
        let ws = try Workspace()
        let client = try ws.client()
        _ = try client.result("shutdown", .null)
        let late = try client.request("textDocument/hover", LSP.at(ws.planURI, 0, 0))
        #expect(late["error"]?["code"] == .int(-32600))
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func aBurstOfEditsEndsWithTheLastText() throws {
        let ws = try Workspace()
        let client = try ws.client()
        client.open(ws.planURI, Workspace.plan)
        _ = try client.diagnostics(ws.planURI)
        // Type "EFD" over "EDF" one keystroke at a time, with nothing in between.
        let line = 8
        client.change(ws.planURI, version: 2, [LSP.edit(LSP.range(line, 13, line, 16), "")])
        for (i, letter) in ["E", "F", "D"].enumerated() {
            client.change(ws.planURI, version: 3 + i, [LSP.edit(LSP.range(line, 13 + i, line, 13 + i), letter)])
        }
        // The list for the last version comes (a slow machine may publish one
        // for an earlier version too: the debounce collapses only what has arrived).
        let final = try client.waitFor("diagnostics for version 5") { m in
            m["method"] == .string("textDocument/publishDiagnostics") && m["params"]?["version"] == .int(5)
        }
        let list = final["params"]?["diagnostics"]?.arrayValue ?? []
        #expect(!codes(list).contains("unknown-reference"))
        #expect(!codes(list).contains("syntax"))
        // And nothing after it: the burst settled on the last text.
        Thread.sleep(forTimeInterval: 0.3)
        let later = client.pending.filter {
            $0["method"] == .string("textDocument/publishDiagnostics") && ($0["params"]?["version"]?.intValue ?? 0) >= 5
        }
        #expect(later.isEmpty)
        _ = try client.shutdown()
    }
}

// MARK: - Framing and JSON, in process

extension LanguageServerTests {
    @Test func framingReadsWholeMessagesFromAnySplit() {
        let messages = [#"{"a":1}"#, #"{"b":"é"}"#, "[]"].map { MessageFraming.frame(Array($0.utf8)) }
        let all = messages.flatMap { $0 }
        for cut in 0...all.count {
            let first = MessageFraming.split(Array(all[..<cut]))
            let second = MessageFraming.split(Array(all[first.rest...]))
            #expect(first.messages.count + second.messages.count == 3)
            #expect(first.malformed.isEmpty && second.malformed.isEmpty)
        }
    }

    @Test(arguments: [
        ("Content-Length: 2\r\n\r\n{}", "message"),
        ("content-length:2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "message"),
        ("Content-Length: 5\r\n\r\n{}", "incomplete"),
        ("Content-Len", "incomplete"),
        ("Content-Type: x\r\n\r\n{}", "malformed"),
        ("Content-Length: -2\r\n\r\n{}", "malformed"),
        ("Content-Length: 99999999999999999999\r\n\r\n", "malformed"),
        ("junk\r\n\r\nContent-Length: 2\r\n\r\n{}", "malformed"),
    ])
    func framingCases(_ input: String, _ expected: String) {
        let frame = MessageFraming.next(in: Array(input.utf8)[...])
        switch frame {
        case .message: #expect(expected == "message")
        case .incomplete: #expect(expected == "incomplete")
        case .malformed(_, let consumed):
            #expect(expected == "malformed")
            #expect(consumed >= 1)
        }
    }

    @Test func framingSkipsGarbageToTheNextHeader() {
        let bytes = Array("junk\r\n\r\nContent-Length: 2\r\n\r\n{}".utf8) + Array(repeating: UInt8(ascii: "x"), count: 9000)
            + MessageFraming.frame(Array("[]".utf8))
        let split = MessageFraming.split(bytes)
        #expect(split.messages.map { String(decoding: $0, as: UTF8.self) } == ["{}", "[]"])
        #expect(!split.malformed.isEmpty)
    }

    @Test(arguments: [
        (#"{"a": [1, -2.5e3, true, false, null, "x\"\\\/\b\f\n\r\tA\u00e9\ud83d\udc76"]}"#, true),
        ("  17  ", true), ("\"\"", true), ("[]", true), ("{}", true), ("-0", true),
        ("", false), ("{", false), ("[1,]", false), ("{\"a\" 1}", false), ("01", false), ("1.", false),
        ("\"\\ud800\"", false), ("\"\u{01}\"", false), ("nul", false), ("[1] 2", false), ("\"\\x\"", false),
        (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), false),
    ])
    func jsonParserCases(_ text: String, _ valid: Bool) {
        switch JSON.parse(text) {
        case .success(let value):
            #expect(valid, "accepted \(text)")
            // What we print, we read back and print the same.
            let printed = value.render(pretty: false)
            #expect((try? JSON.parse(printed).get())?.render(pretty: false) == printed)
        case .failure:
            #expect(!valid, "refused \(text)")
        }
    }

    @Test func jsonParserDecodesEscapes() throws {
        let value = try JSON.parse(#"{"s": "A\u00e9\ud83d\udc76\n", "n": 12, "d": 1.5}"#).get()
        #expect(value["s"] == .string("Aé👶\n"))
        #expect(value["n"] == .int(12))
        #expect(value["d"] == .number(1.5))
    }
}

// MARK: - Random input never traps

extension LanguageServerTests {
    /// Framing and JSON on seeded random bytes and on mutated real messages:
    /// every call returns, `split` accounts for every byte, and what it frames
    /// is exactly what was framed.
    @Test func framingAndJSONSurviveRandomBytes() {
        var random = SeededGenerator(seed: 13)
        let real = MessageFraming.frame(Array(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"position":{"line":0,"character":"é"}}}"#.utf8))
        let pieces: [[UInt8]] = [Array("Content-Length: ".utf8), Array("\r\n\r\n".utf8), Array("{\"a\":[".utf8), [0xFF, 0xC3], real]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                if Bool.random(using: &random) {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
                } else {
                    bytes += (0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                }
            }
            let split = MessageFraming.split(bytes)
            #expect(split.rest <= bytes.count)
            for body in split.messages { _ = JSON.parse(body) }
            var mutated = real
            mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            _ = MessageFraming.split(mutated)
            _ = JSON.parse(Array(mutated.dropFirst(min(mutated.count, 20))))
        }
        // Whole messages back to back come out whole.
        let stream = Array(repeating: real, count: 50).flatMap { $0 }
        let split = MessageFraming.split(stream)
        #expect(split.messages.count == 50 && split.rest == stream.count && split.malformed.isEmpty)
    }

    @Test func fileURIsRoundTrip() {
        for path in ["/tmp/a plan/Référrals #1.plan", "/x/y.plan", "/100%/é.plan"] {
            let uri = FileURI.uri(path)
            #expect(uri.hasPrefix("file:///") && !uri.contains(" ") && !uri.contains("#"))
            #expect(FileURI.path(uri) == path)
        }
        #expect(FileURI.path("file://localhost/etc/x.plan") == "/etc/x.plan")
        #expect(FileURI.path("untitled:Untitled-1") == nil)
    }
}
