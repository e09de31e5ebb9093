import Foundation
import Testing
@testable import PlanCheck

// The language server as a reviewer's own client drove it (sweep 20):
// every request at every position, references and rename through every
// data layout the loader reads, ids a measure and an action share, quick
// fixes that replace only the misspelt word, workbooks, files not open,
// data files open alone, framing recovery, lone CRs and untitled documents.
// All through the server's message interface, with exact ranges.

@Suite(.serialized) struct LanguageServerSweepTests {}

/// A folder of files and a client started in it.
fileprivate struct Folder {
    let directory: URL

    init(_ files: [String: String] = [:], bytes: [String: [UInt8]] = [:]) throws {
        directory = try makeTemporaryDirectory()
        for (name, text) in files { try write(name, text) }
        for (name, data) in bytes { try Data(data).write(to: directory.appendingPathComponent(name)) }
    }

    func uri(_ name: String) -> String { "file://" + path(name) }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

    func client() throws -> LSPClient {
        let client = try LSPClient(directory: directory)
        try client.initialize()
        return client
    }

    /// Opens `name` (its text on disk) and waits for its diagnostics.
    @discardableResult
    func open(_ name: String, in client: LSPClient) throws -> [JSON] {
        client.open(uri(name), try read(name))
        return try client.diagnostics(uri(name))
    }

    /// `plancheck check --format json` on `name`: each finding's code.
    func cliCodes(_ name: String) -> [String] {
        let run = runCLI(["check", "--format", "json", name], in: directory)
        return ((try? JSON.parse(run.stdout).get())?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    /// Applies a rename's `changes` to the files on disk.
    func apply(_ changes: JSON) throws {
        for (uri, edits) in changes.members ?? [] {
            let name = String(uri.dropFirst(("file://" + directory.path + "/").count))
            try write(name, LSP.apply(edits.arrayValue ?? [], to: try read(name)))
        }
    }
}

private func range(_ json: JSON?) -> [Int] {
    guard let json else { return [] }
    return [json["start"]?["line"], json["start"]?["character"], json["end"]?["line"], json["end"]?["character"]]
        .map { $0?.intValue ?? -1 }
}

/// (uri's last part, range) of each location.
private func places(_ result: JSON) -> [String] {
    (result.arrayValue ?? []).map { location in
        let uri = location["uri"]?.stringValue ?? ""
        return (uri.split(separator: "/").last.map(String.init) ?? uri) + " " + range(location["range"]).map(String.init).joined(separator: ",")
    }
}

/// (file's last part, range, newText) of each edit of a rename, by file then position.
private func edits(_ result: JSON) -> [String] {
    var out: [String] = []
    for (uri, list) in (result["changes"]?.members ?? []).sorted(by: { $0.0 < $1.0 }) {
        let file = uri.split(separator: "/").last.map(String.init) ?? uri
        for edit in list.arrayValue ?? [] {
            out.append("\(file) \(range(edit["range"]).map(String.init).joined(separator: ",")) \(edit["newText"]?.stringValue ?? "")")
        }
    }
    return out
}

// MARK: - 1. No request at any position traps

extension LanguageServerSweepTests {
    static let smallDocuments: [(name: String, text: String)] = [
        ("empty.plan", ""),
        ("newline.plan", "\n"),
        ("lf.plan", "plan \"P\"\n  period April 2013 to March 2014\nmeasure m1 \"x\"\n  lead \"Zoë\"\n"),
        ("crlf.plan", "plan \"P\"\r\n  period April 2013 to March 2014\r\nmeasure m1 \"x\" links m1\r\n"),
        ("bom.plan", "\u{FEFF}plan \"P\"\n  period April 2013 to March 2014\n"),
        ("wide.plan", "measure 1 \"Café 📈\" workstream É\n  target >= 5 by Novembr\n"),
        ("cr.plan", "plan \"P\"\r  period April 2013 to March 2014\rmeasure m1 \"x\"\r"),
    ]

    @Test(arguments: ["empty.plan", "newline.plan", "lf.plan", "crlf.plan", "bom.plan", "wide.plan", "cr.plan"])
    func everyRequestAtEveryPositionIsAnswered(name: String) throws {
        let text = Self.smallDocuments.first { $0.name == name }!.text
        let folder = try Folder()
        let client = try folder.client()
        let uri = folder.uri(name)
        client.open(uri, text)
        _ = try client.diagnostics(uri)
        // Lines as the client counts them (CRLF, CR and LF all end one), in UTF-16 units.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.utf16.count }
        let positional = ["textDocument/hover", "textDocument/definition", "textDocument/references",
                          "textDocument/documentHighlight", "textDocument/prepareRename", "textDocument/completion"]
        for line in 0...(lines.count + 1) {
            let width = line < lines.count ? lines[line] : 0
            for character in 0...(width + 2) {
                for method in positional {
                    let response = try client.request(method, LSP.at(uri, line, character))
                    #expect(response["error"] == nil, "\(method) at \(line):\(character) of \(name): \(response.render(pretty: false))")
                }
                let rename = try client.request("textDocument/rename", LSP.at(uri, line, character, [("newName", .string("z9"))]))
                #expect(rename["error"] == nil || rename["error"]?["code"] == .int(-32803), "\(rename.render(pretty: false))")
                let action = try client.request("textDocument/codeAction", .object([
                    ("textDocument", .object([("uri", .string(uri))])),
                    ("range", LSP.range(line, character, line, character)),
                    ("context", .object([("diagnostics", .array([]))])),
                ]))
                #expect(action["error"] == nil)
            }
        }
        for method in ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full"] {
            #expect(try client.request(method, LSP.document(uri))["error"] == nil, "\(method) of \(name)")
        }
        let format = try client.request("textDocument/formatting", LSP.document(uri, [("options", .object([]))]))
        #expect(format["error"] == nil || format["error"]?["code"] == .int(-32803))
        #expect(try client.shutdown() == 0)
    }

    @Test func completionOnTheEmptyLastLineOffersEntryKeywords() throws {
        let folder = try Folder()
        let client = try folder.client()
        let uri = folder.uri("c.plan")
        client.open(uri, "plan \"P\"\n  period April 2013 to March 2014\n")
        _ = try client.diagnostics(uri)
        let result = try client.result("textDocument/completion", LSP.at(uri, 2, 0))
        let items = result["items"]?.arrayValue ?? []
        #expect(items.contains { $0["label"] == .string("measure") })
        #expect(items.allSatisfy { range($0["textEdit"]?["range"]) == [2, 0, 2, 0] })
        // The document "\n": line 1 is empty and last.
        let other = folder.uri("n.plan")
        client.open(other, "\n")
        _ = try client.diagnostics(other)
        #expect(try client.result("textDocument/completion", LSP.at(other, 1, 0))["items"]?.arrayValue?.isEmpty == false)
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 2, 3, 5. References and rename read the data as the loader does

extension LanguageServerSweepTests {
    static let layoutsPlan = """
        plan "P"
          period April 2013 to March 2014
        comparator sn "SN" tolerance 5%
        data "wide.csv"
        data "long.csv"
        data "tidy.csv"
          area "Borough"
          series sn
          measure 3.2 column "rate"
        measure 2.3 "% seen"
          polarity higher
          target >= 90% by September
        measure 3.2 "% re-referrals"
          polarity lower
          target in line with sn by March 2014

        """

    fileprivate static func layoutsFolder() throws -> Folder {
        try Folder([
            "plan.plan": layoutsPlan,
            // A wide book: a row per measure.
            "wide.csv": "Ref,Apr-13,May-13\n2.3,80%,85%\n",
            // A long book under title rows, with `SN` for the plan's `sn`.
            "long.csv": "Performance book,,,\n,,,\nmeasure,date,value,series\n2.3,2013-07,86,\n3.2,2013-07,20,SN\n3.2,2013-08,21,\n",
            // A tidy file read by the plan's clauses.
            "tidy.csv": "time_period,time_identifier,geographic_level,la_name,rate\n201314,Financial year,Local authority,Borough,24.1\n",
        ])
    }

    @Test func referencesFindIdsInWideLongUnderTitlesAndTidyData() throws {
        let folder = try Self.layoutsFolder()
        #expect(folder.cliCodes("plan.plan") == [])
        let client = try folder.client()
        try folder.open("plan.plan", in: client)
        let uri = folder.uri("plan.plan")
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 9, 8))) == [
            "plan.plan 9,8,9,11", "wide.csv 1,0,1,3", "long.csv 3,0,3,3",
        ])
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 12, 9))) == [
            "plan.plan 8,10,8,13", "plan.plan 12,8,12,11", "long.csv 4,0,4,3", "long.csv 5,0,5,3",
        ])
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 2, 12))) == [
            "plan.plan 2,11,2,13", "plan.plan 7,9,7,11", "plan.plan 14,22,14,24", "long.csv 4,15,4,17",
        ])
        #expect(try client.shutdown() == 0)
    }

    @Test func renameThroughEveryLayoutLeavesThePlanClean() throws {
        let folder = try Self.layoutsFolder()
        let client = try folder.client()
        try folder.open("plan.plan", in: client)
        let uri = folder.uri("plan.plan")
        let measure = try client.result("textDocument/rename", LSP.at(uri, 12, 9, [("newName", .string("3.2x"))]))
        #expect(edits(measure) == [
            "long.csv 4,0,4,3 3.2x", "long.csv 5,0,5,3 3.2x", "plan.plan 8,10,8,13 3.2x", "plan.plan 12,8,12,11 3.2x",
        ])
        let comparator = try client.result("textDocument/rename", LSP.at(uri, 7, 10, [("newName", .string("nb"))]))
        #expect(edits(comparator) == [
            "long.csv 4,15,4,17 nb", "plan.plan 2,11,2,13 nb", "plan.plan 7,9,7,11 nb", "plan.plan 14,22,14,24 nb",
        ])
        let wide = try client.result("textDocument/rename", LSP.at(uri, 9, 8, [("newName", .string("2.4"))]))
        #expect(edits(wide) == ["long.csv 3,0,3,3 2.4", "plan.plan 9,8,9,11 2.4", "wide.csv 1,0,1,3 2.4"])
        #expect(try client.shutdown() == 0)
        // Each rename applied on its own leaves `check` as clean as before.
        for changes in [measure, comparator, wide] {
            let copy = try Self.layoutsFolder()
            try copy.apply(changes["changes"]!)
            #expect(copy.cliCodes("plan.plan") == [], "\(edits(changes))")
        }
    }

    static let sharedPlan = """
        plan "P"
          period April 2013 to March 2014
        data "book.csv"
        measure 1.7 "% staff trained"
          polarity higher
          target >= 95% by March 2014
        action 1.7 "Deliver CP training"
          due March 2014
        measure 2.1 "y"
          links 1.7

        """

    /// A measure and an action share `1.7`: a figure goes to the measure, a status to the action.
    fileprivate static func sharedFolder() throws -> Folder {
        try Folder(["plan.plan": sharedPlan, "book.csv": "measure,date,value\n1.7,2013-07,80%\n1.7,2013-08,in progress\n"])
    }

    @Test func aMeasureAndAnActionThatShareAnIdAreTwoThings() throws {
        let folder = try Self.sharedFolder()
        #expect(folder.cliCodes("plan.plan") == [])
        let client = try folder.client()
        try folder.open("plan.plan", in: client)
        let uri = folder.uri("plan.plan")
        let action = try client.result("textDocument/hover", LSP.at(uri, 6, 8))
        #expect(action["contents"]?["value"]?.stringValue?.hasPrefix("**action 1.7** \"Deliver CP training\"") == true)
        let measure = try client.result("textDocument/hover", LSP.at(uri, 3, 9))
        #expect(measure["contents"]?["value"]?.stringValue?.hasPrefix("**measure 1.7** \"% staff trained\"") == true)
        #expect(places(try client.result("textDocument/definition", LSP.at(uri, 6, 8))) == ["plan.plan 6,7,6,10"])
        // The status row is the action's; the figure and the link (read as the
        // first item declared with the id, as the loader's index has it) the measure's.
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 6, 8))) == [
            "plan.plan 6,7,6,10", "book.csv 2,0,2,3",
        ])
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 3, 9))) == [
            "plan.plan 3,8,3,11", "plan.plan 9,8,9,11", "book.csv 1,0,1,3",
        ])
        let rename = try client.result("textDocument/rename", LSP.at(uri, 3, 9, [("newName", .string("1.8"))]))
        #expect(edits(rename) == ["book.csv 1,0,1,3 1.8", "plan.plan 3,8,3,11 1.8", "plan.plan 9,8,9,11 1.8"])
        // Renaming the measure to the action's id (or the action to another
        // measure's) is refused: data and links would no longer say which.
        let clash = try client.request("textDocument/rename", LSP.at(uri, 8, 9, [("newName", .string("1.7"))]))
        #expect(clash["error"]?["code"] == .int(-32803))
        #expect(try client.shutdown() == 0)
        try folder.apply(rename["changes"]!)
        #expect(folder.cliCodes("plan.plan") == [])
    }

    @Test func renameRefusesAnIdALinkWouldThenReadAsSomethingElse() throws {
        let folder = try Folder(["plan.plan": """
            plan "P"
              period April 2013 to March 2014
            recommendation A1 "Rec"
            measure m1 "x"
              polarity higher
              target >= 90% by September
            measure m2 "y"
              links A1
              polarity higher
              target >= 90% by September

            """])
        let client = try folder.client()
        try folder.open("plan.plan", in: client)
        let refused = try client.request("textDocument/rename", LSP.at(folder.uri("plan.plan"), 2, 16, [("newName", .string("m1"))]))
        #expect(refused["error"]?["code"] == .int(-32803))
        #expect(refused["error"]?["message"]?.stringValue?.contains("a measure named \"m1\" already exists") == true)
        let fine = try client.result("textDocument/rename", LSP.at(folder.uri("plan.plan"), 2, 16, [("newName", .string("R1"))]))
        #expect(edits(fine) == ["plan.plan 2,15,2,17 R1", "plan.plan 7,8,7,10 R1"])
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 4. Quick fixes and SARIF fixes replace the misspelt word

extension LanguageServerSweepTests {
    static let typoPlan = """
        plan "P"
          period April 2013 to March 2014
        comparator eng "England" tolerance 2 points
        measure m1 "A"
          polarity hgiher
          target no less then 85% by September
          target atleast 80% by March 2014
        data "cin.csv"
          area "Borough"
          series egn
          measure m1 column "re_referal_rate"

        """

    @Test func quickFixesReplaceExactlyTheMisspeltWord() throws {
        let folder = try Folder([
            "plan.plan": Self.typoPlan,
            "cin.csv": "time_period,time_identifier,geographic_level,la_name,re_referral_rate\n201314,Financial year,Local authority,Borough,24.1\n",
        ])
        let client = try folder.client()
        try folder.open("plan.plan", in: client)
        let uri = folder.uri("plan.plan")
        let actions = try client.result("textDocument/codeAction", .object([
            ("textDocument", .object([("uri", .string(uri))])), ("range", LSP.range(0, 0, 11, 0)),
            ("context", .object([("diagnostics", .array([]))])),
        ])).arrayValue ?? []
        var found: [String] = []
        for action in actions {
            for edit in action["edit"]?["changes"]?[uri]?.arrayValue ?? [] {
                found.append("\(action["title"]?.stringValue ?? "") \(range(edit["range"]).map(String.init).joined(separator: ",")) \(edit["newText"]?.stringValue ?? "")")
            }
        }
        #expect(found == [
            "Change to \"polarity higher\" 4,11,4,17 higher",
            "Change to \"no less than\" 5,17,5,21 than",
            "Change to \"at least\" 6,9,6,16 at least",
            "Change to \"eng\" 9,9,9,12 eng",
            "Change to \"re_referral_rate\" 10,20,10,37 \"re_referral_rate\"",
        ])
        // Every fix applied: the plan reads as meant.
        var text = Self.typoPlan
        text = LSP.apply(actions.flatMap { $0["edit"]?["changes"]?[uri]?.arrayValue ?? [] }, to: text)
        #expect(text.contains("  polarity higher\n  target no less than 85% by September\n  target at least 80% by March 2014\n"))
        #expect(text.contains("  series eng\n  measure m1 column \"re_referral_rate\"\n"))
        #expect(try client.shutdown() == 0)

        // SARIF's fixes are the same edits.
        let run = runCLI(["check", "--format", "sarif", "plan.plan"], in: folder.directory)
        let results = (try? JSON.parse(run.stdout).get())?["runs"]?[0]?["results"]?.arrayValue ?? []
        let sarif: [String] = results.flatMap { result -> [String] in
            (result["fixes"]?.arrayValue ?? []).flatMap { ($0["artifactChanges"]?[0]?["replacements"]?.arrayValue ?? []) }.map { r in
                let region = r["deletedRegion"]!
                return ["startLine", "startColumn", "endLine", "endColumn"].map { String(region[$0]?.intValue ?? -1) }
                    .joined(separator: ",") + " " + (r["insertedContent"]?["text"]?.stringValue ?? "")
            }
        }
        #expect(sarif == ["5,12,5,18 higher", "6,18,6,22 than", "7,10,7,17 at least", "10,10,10,13 eng",
                          "11,21,11,38 \"re_referral_rate\""])
    }
}

// MARK: - 6. Workbooks

extension LanguageServerSweepTests {
    @Test func aWorkbookSheetIsPlacedOnTheWorkbookFile() throws {
        let book = ZipWriter.workbook([("Book 1", [["measure", "date", "value"], ["2.3", "2013-07", "86"], ["9.9", "2013-08", "1"]])])
        let folder = try Folder(["x.plan": """
            plan "P"
              period April 2013 to March 2014
            data "book.xlsx#Book 1"
            measure 2.3 "x"
              polarity higher
              target >= 90% by September

            """], bytes: ["book.xlsx": book])
        let client = try folder.client()
        try folder.open("x.plan", in: client)
        let diagnostics = try client.diagnostics(folder.uri("book.xlsx"))
        #expect(diagnostics.count == 1)
        #expect(range(diagnostics.first?["range"]) == [0, 0, 0, 0])
        #expect(diagnostics.first?["message"]?.stringValue?.hasPrefix("book.xlsx[Book 1]!A3: the plan has no measure or action \"9.9\"") == true)
        let uri = folder.uri("x.plan")
        // A rename would leave the workbook's cells behind: refused, saying where.
        let rename = try client.request("textDocument/rename", LSP.at(uri, 3, 9, [("newName", .string("2.4"))]))
        #expect(rename["error"]?["message"]?.stringValue?.hasPrefix("book.xlsx[Book 1]!A2 names \"2.3\"") == true)
        #expect(places(try client.result("textDocument/references", LSP.at(uri, 3, 9))) == ["x.plan 3,8,3,11", "book.xlsx 0,0,0,0"])
        #expect(places(try client.result("textDocument/definition", LSP.at(uri, 2, 8))) == ["book.xlsx 0,0,0,0"])
        let hover = try client.result("textDocument/hover", LSP.at(uri, 2, 8))
        #expect(hover["contents"]?["value"]?.stringValue == "`\(folder.path("book.xlsx#Book 1"))`")
        // Nothing is ever sent for a file that does not exist.
        #expect(!client.pending.contains { $0["params"]?["uri"]?.stringValue?.contains("%5B") == true })
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 7. Positions in files not open agree with the CLI

extension LanguageServerSweepTests {
    @Test func aBOMAndLatin1InAnIncludeArePlacedAsTheCLIPlacesThem() throws {
        let sub: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("measure 4.1 \"x\" workstream EDF\n".utf8)
            + Array("measure 4.2 \"Caf".utf8) + [0xE9] + Array("\" workstream EDF\nworkstream EFD \"E\"\n".utf8)
        let folder = try Folder(["main.plan": "plan \"P\"\n  period April 2013 to March 2014\ninclude \"sub.plan\"\n"],
                                bytes: ["sub.plan": sub])
        let client = try folder.client()
        client.open(folder.uri("main.plan"), try folder.read("main.plan"))
        let diagnostics = try client.diagnostics(folder.uri("sub.plan"))
        let unknown = diagnostics.filter { $0["code"] == .string("unknown-reference") }
        #expect(unknown.map { range($0["range"]) } == [[0, 27, 0, 30], [1, 30, 1, 33]])
        // The CLI's columns, less one.
        let cli = runCLI(["check", "--format", "json", "main.plan"], in: folder.directory)
        let expected = ((try? JSON.parse(cli.stdout).get())?.arrayValue ?? []).filter { $0["code"] == .string("unknown-reference") }
        #expect(expected.map { [$0["line"]!.intValue! - 1, $0["column"]!.intValue! - 1] } == [[0, 27], [1, 30]])
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 8. A data file open alone is no plan

extension LanguageServerSweepTests {
    @Test func aDataFileOpenAloneHasNoDiagnosticsAndItsPlansOnceThePlanIsOpen() throws {
        let folder = try Folder([
            "plan.plan": "plan \"P\"\n  period April 2013 to March 2014\ndata \"book.csv\"\nmeasure 2.3 \"x\"\n  polarity higher\n  target >= 90% by September\n",
            "book.csv": "measure,date,value\n2.3,2013-07,86\n2.4,2013-08,88\n",
        ])
        let client = try folder.client()
        #expect(try folder.open("book.csv", in: client) == [])
        #expect(try client.result("textDocument/documentSymbol", LSP.document(folder.uri("book.csv"))) == .null)
        try folder.open("plan.plan", in: client)
        let data = try client.diagnostics(folder.uri("book.csv")) { !$0.isEmpty }
        #expect(data.map { $0["code"]?.stringValue ?? "" } == ["data-unknown-id"])
        #expect(range(data.first?["range"]) == [2, 0, 2, 3])
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 9, 10. Completion inside a string; a section's outline range

extension LanguageServerSweepTests {
    @Test func leadCompletionInsideQuotesReplacesTheWholeString() throws {
        let folder = try Folder()
        let client = try folder.client()
        let uri = folder.uri("p.plan")
        client.open(uri, "plan \"P\"\n  period April 2013 to March 2014\nlead \"Zoë Smith\"\nmeasure m1 \"x\"\n  lead \"\"\n  lead \"Zo\", \"Zo\"\n")
        _ = try client.diagnostics(uri)
        for (line, character, expected) in [(4, 8, [4, 7, 4, 9]), (5, 10, [5, 7, 5, 11]), (5, 16, [5, 13, 5, 17])] {
            let items = try client.result("textDocument/completion", LSP.at(uri, line, character))["items"]?.arrayValue ?? []
            let lead = try #require(items.first { $0["label"] == .string("\"Zoë Smith\"") })
            #expect(range(lead["textEdit"]?["range"]) == expected, "at \(line):\(character)")
            #expect(lead["textEdit"]?["newText"] == .string("\"Zoë Smith\""))
        }
        #expect(try client.shutdown() == 0)
    }

    @Test func aSectionsOutlineRangeEnclosesItsMeasuresAndActions() throws {
        let folder = try Folder()
        let client = try folder.client()
        let uri = folder.uri("p.plan")
        client.open(uri, "plan \"P\"\n  period April 2013 to March 2014\nrecommendation A1 \"Rec\"\nmeasure m1 \"x\"\n  target >= 5 by September\naction a1 \"y\"\n  due March 2014\nrecommendation A2 \"Next\"\n")
        _ = try client.diagnostics(uri)
        let symbols = try client.result("textDocument/documentSymbol", LSP.document(uri)).arrayValue ?? []
        let section = try #require(symbols.first { $0["name"] == .string("recommendation A1") })
        let children = section["children"]?.arrayValue ?? []
        #expect(children.count == 2)
        #expect(range(section["range"]) == [2, 0, 6, 16])
        #expect(range(children.last?["range"]) == [5, 0, 6, 16])
        #expect(range(section["selectionRange"]) == [2, 15, 2, 17])
        #expect(try client.shutdown() == 0)
    }
}

// MARK: - 11, 12, 13. Framing, lone CRs, untitled documents

extension LanguageServerSweepTests {
    @Test func framingRecoversAtTheNextHeaderWithOneErrorPerBadMessage() throws {
        let folder = try Folder()
        let client = try folder.client()
        func parseErrors() -> Int { client.pending.filter { $0["error"]?["code"] == .int(-32700) }.count }
        client.sendRaw(Array("Content-Length: 2\r\nX-Junk\r\n\r\n{}".utf8))
        #expect(try client.request("workspace/unknownThing")["error"]?["code"] == .int(-32601))
        #expect(parseErrors() == 1)
        _ = try client.waitFor("the parse error") { $0["error"]?["code"] == .int(-32700) }
        client.sendRaw(Array("Garbage here\r\n\r\n".utf8))
        #expect(try client.request("workspace/unknownThing")["error"]?["code"] == .int(-32601))
        #expect(parseErrors() == 1)
        #expect(try client.shutdown() == 0)
    }

    @Test func anEditAfterALoneCRAppliesToTheClientsText() throws {
        let folder = try Folder(["p.plan": ""])
        let client = try folder.client()
        let uri = folder.uri("p.plan")
        client.open(uri, "plan \"P\"\r  period April 2013 to March 2014\rmeasure m1 \"x\" workstream EDF\r")
        #expect(try client.diagnostics(uri).map { range($0["range"]) } == [[2, 26, 2, 29]])
        // An LF right after the first CR: the client now has a CRLF, still
        // three lines; then `EDF` on line 2 becomes `EDG`.
        client.change(uri, version: 2, [LSP.edit(LSP.range(1, 0, 1, 0), "\n"), LSP.edit(LSP.range(2, 26, 2, 29), "EDG")])
        let after = try client.diagnostics(uri)
        #expect(after.map { range($0["range"]) } == [[2, 26, 2, 29]])
        #expect(after.first?["message"]?.stringValue?.hasPrefix("no workstream named \"EDG\"") == true)
        let hover = try client.result("textDocument/hover", LSP.at(uri, 2, 27))
        #expect(range(hover["range"]) == [2, 26, 2, 29])
        #expect(try client.shutdown() == 0)
    }

    @Test func anUntitledDocumentsRelativeIncludeIsReportedNotReadFromTheServersFolder() throws {
        let folder = try Folder(["sub.plan": "measure 9 \"x\" workstream NOPE\n"])
        let client = try folder.client()
        let uri = "untitled:Untitled-1"
        client.open(uri, "plan \"P\"\n  period April 2013 to March 2014\ninclude \"sub.plan\"\n")
        let diagnostics = try client.diagnostics(uri)
        #expect(diagnostics.map { $0["code"]?.stringValue ?? "" } == ["unreadable-file"])
        #expect(range(diagnostics.first?["range"]) == [2, 8, 2, 18])
        #expect(diagnostics.first?["message"]?.stringValue?.contains("not saved to a file") == true)
        _ = try client.result("textDocument/hover", LSP.at(uri, 2, 10))
        #expect(!client.pending.contains { m in
            m["method"] == .string("textDocument/publishDiagnostics") && m["params"]?["uri"]?.stringValue?.contains(":") != true
        })
        #expect(try client.shutdown() == 0)
    }
}

private extension JSON {
    /// An object's members, in order.
    var members: [(String, JSON)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
