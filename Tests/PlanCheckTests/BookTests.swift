import Foundation
import Testing
@testable import PlanCheck

/// Performance books as councils keep them (issue 14): wide CSV, Excel
/// workbooks from real writers, DfE tidy files; run through the CLI.
@Suite struct BookTests {
    static let dataDirectory = fixturesDirectory.appendingPathComponent("data")

    static func path(_ name: String) -> String { dataDirectory.appendingPathComponent(name).path }

    /// The Cheshire East example without its `data` line, so each book is the only data.
    static func examplePlanWithoutData() throws -> URL {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/cheshire-east-2013.plan"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("data \"cheshire-east-2013.csv\"") }
        #expect(lines.count < text.split(separator: "\n", omittingEmptySubsequences: false).count)
        let directory = try makeTemporaryDirectory()
        let url = directory.appendingPathComponent("cheshire-east.plan")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func theSameBookInEveryLayoutGivesTheSameJSON() throws {
        let plan = try Self.examplePlanWithoutData()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let books = [
            repositoryRoot.appendingPathComponent("examples/cheshire-east-2013.csv").path,  // long CSV
            Self.path("cheshire-east-wide.csv"),  // wide CSV, dates spelt five ways
            Self.path("cheshire-east-xlsxwriter.xlsx"),  // wide sheets, date headers, formula, merged title
            Self.path("cheshire-east-libreoffice.xlsx"),  // the same, saved by LibreOffice Calc
            Self.path("cheshire-east-openpyxl.xlsx"),  // long sheet, date cells, 1904 date system
        ]
        var outputs: [String] = []
        for book in books {
            let run = runCLI(["eval", plan.path, "--data", book, "--as-of", "2013-10-31", "--format", "json"])
            #expect(run.status == 0, "\(book): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(book): \(run.stderr)")
            outputs.append(run.stdout)
        }
        // The book is read: most targets are judged on it.
        #expect(outputs[0].components(separatedBy: "\"status\": \"no data\"").count < 6, "\(outputs[0].prefix(300))")
        #expect(outputs[0].components(separatedBy: "\"status\": \"met\"").count > 10, "\(outputs[0].prefix(300))")
        for (book, output) in zip(books, outputs).dropFirst() {
            #expect(output == outputs[0], "\(book) differs from the long CSV")
        }
    }

    /// A long-form book is read a row at a time once its header is found;
    /// what comes before the header (title rows, blank lines) and every row's
    /// problems read as they did when the whole file was held.
    @Test func aLongBookIsReadTheSameAfterTitleRows() throws {
        let plan = try Self.examplePlanWithoutData()
        let directory = plan.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: directory) }
        let book = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/cheshire-east-2013.csv"), encoding: .utf8)
        let titled = "Cheshire East performance book,,,\n,,,\n\n" + book
        try titled.write(to: directory.appendingPathComponent("titled.csv"), atomically: true, encoding: .utf8)
        // As Excel on Windows saves it: a byte-order mark, CRLF line ends, and
        // blank lines between one measure's rows and the next.
        var previousID = ""
        var windows = "\u{FEFF}"
        for line in book.split(separator: "\n") {
            let id = line.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if !previousID.isEmpty, id != previousID { windows += ",,,\r\n\r\n" }
            previousID = id
            windows += line + "\r\n"
        }
        try windows.write(to: directory.appendingPathComponent("windows.csv"), atomically: true, encoding: .utf8)
        let plain = runCLI(["eval", plan.path, "--data", repositoryRoot.appendingPathComponent("examples/cheshire-east-2013.csv").path,
                            "--as-of", "2013-10-31", "--format", "json"])
        #expect(plain.status == 0)
        for name in ["titled.csv", "windows.csv"] {
            let run = runCLI(["eval", plan.path, "--data", directory.appendingPathComponent(name).path,
                              "--as-of", "2013-10-31", "--format", "json"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(run.stdout == plain.stdout, "\(name)")
        }

        // Problems in rows after the header, each at its line: a value past
        // the header's columns, too few fields, a bad date, a repeated date
        // (the cached reading of a date must not hide it), a bad value.
        let broken = "Title,,,\n" + "measure,date,value,series\n" + "a1-consult,2013-04,71.2%,\n"
            + "a1-consult,2013-05,74%,,9\n" + "a1-consult,2013-06\n" + "a1-consult,2013-13,70%,\n"
            + "a1-consult,2013-04,72%,\n" + "a1-consult,2013-07,lots,\n"
        try broken.write(to: directory.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", plan.path, "--data", "broken.csv", "--format", "json"], in: directory)
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let seen = items.filter { ($0["file"] as? String ?? "").hasSuffix("broken.csv") }
            .map { "\($0["line"] ?? 0):\($0["column"] ?? 0) \($0["code"] ?? "")" }
        #expect(seen == ["4:25 data-extra-field", "5:1 data-bad-value", "6:12 data-bad-date", "7:20 data-duplicate",
                         "8:20 data-bad-value"], "\(seen)")
    }

    @Test func aSheetCanBeChosen() throws {
        let plan = try Self.examplePlanWithoutData()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let sn = runCLI(["eval", plan.path, "--data", Self.path("cheshire-east-xlsxwriter.xlsx") + "#SN",
                         "--as-of", "2013-10-31", "--format", "json"])
        #expect(sn.status == 0, "\(sn.stderr)")
        let all = runCLI(["eval", plan.path, "--data", Self.path("cheshire-east-xlsxwriter.xlsx"),
                          "--as-of", "2013-10-31", "--format", "json"])
        // Only the comparator's rows: without the Actuals sheet most targets have no data.
        func noData(_ json: String) -> Int? {
            guard let range = json.range(of: "\"no data\": ") else { return nil }
            return Int(json[range.upperBound...].prefix { $0.isNumber })
        }
        #expect((noData(all.stdout) ?? 99) < 5, "\(all.stdout.prefix(300))")
        #expect((noData(sn.stdout) ?? 0) > 20, "\(sn.stdout.prefix(300))")
        let missing = runCLI(["check", plan.path, "--data", Self.path("cheshire-east-xlsxwriter.xlsx") + "#Actual"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error[data-bad-workbook]: "), "\(missing.stderr)")
        #expect(missing.stderr.contains("has no sheet named \"Actual\""), "\(missing.stderr)")
        #expect(missing.stderr.contains("did you mean \"Actuals\"?"), "\(missing.stderr)")
    }

    @Test func badCellsAreNamedBySheetAndCell() {
        let run = runCLI(["check", Self.path("book.plan"), "--data", Self.path("bad-cells.xlsx")], in: Self.dataDirectory)
        #expect(run.status == 1)
        let book = Self.path("bad-cells.xlsx")
        for expected in [
            "\(book)[Actuals]!G2: error[data-bad-value]: the cell holds the spreadsheet error #DIV/0!",
            "\(book)[Actuals]!B3: warning[data-plan-mismatch]: the book says higher is better for 3.2, the plan says lower",
            "\(book)[Actuals]!A4: error[data-unknown-id]: the plan has no measure or action \"9.9\"",
            "    2 | 2.3,higher,80%,82%,c,85%,#DIV/0!,n/a",
            "2 errors, 1 warning",
        ] {
            #expect(run.stderr.contains(expected), "missing: \(expected)\n\(run.stderr)")
        }
        // The gap codes (c in E2, n/a in H2, #N/A in H3) are not errors.
        #expect(!run.stderr.contains("!E2"))
        #expect(!run.stderr.contains("!H2"))
        #expect(!run.stderr.contains("!H3"))
        let json = runCLI(["check", Self.path("book.plan"), "--data", Self.path("bad-cells.xlsx"), "--format", "json"])
        #expect(json.stdout.contains("\"line\": 2") || json.stdout.contains("\"line\":2"), "\(json.stdout.prefix(400))")
    }

    /// The whole rendering, as `check` prints it from inside the fixtures folder
    /// (golden: `UPDATE_GOLDEN=1` rewrites it).
    @Test func badCellsGolden() {
        let run = runCLI(["check", "book.plan", "--data", "bad-cells.xlsx"], in: Self.dataDirectory)
        #expect(run.stdout.isEmpty)
        assertGolden("exit: \(run.status)\n" + run.stderr, matches: Self.dataDirectory.appendingPathComponent("bad-cells.expected"))
    }

    /// Merged header cells as books have them: `Measure` merged down two header
    /// rows, `2013/14` merged across its months, an id merged over its actual
    /// and SN rows.
    @Test func aTwoRowHeaderWithMergedCells() throws {
        let files = MemoryFiles(bytes: ["p.plan": Array(try String(contentsOf: Self.dataDirectory.appendingPathComponent("book.plan"),
                                                                   encoding: .utf8).utf8),
                                        "b.xlsx": try fixtureBytes("two-row-header.xlsx")])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        let index = run.model.makeItemIndex()
        let referrals = run.data.items[index["3.1a"]!]
        #expect(referrals.actual.map(\.date.iso) == ["2013-07-31", "2013-08-31", "2013-09-30"])
        #expect(referrals.actual.map(\.reading) == [.number(400), .number(410), .number(420)])
        #expect(referrals.comparators["sn"]?.map(\.reading) == [.number(390), .number(395), .number(400)])
        #expect(run.data.items[index["2.3"]!].actual.map(\.reading) == [.number(80), .number(85), .number(91.2)])
        let book = try Workbook.read(fixtureBytes("two-row-header.xlsx")).get()
        #expect(book.sheets[0].merges.count == 4)
        #expect(book.sheets[0].grid()[0] == ["Measure", "Series", "2013/14"])  // the grid itself is as Excel stores it
    }

    @Test func gapCodesAreNoObservationWithAReason() {
        let run = runCLI(["eval", Self.path("book.plan"), "--data", Self.path("gaps-wide.csv"), "--as-of", "2013-10-31",
                          "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("No observation of 3.2 on or before 31 Oct 2013. The book marks 30 Jun 2013 as not available (:)."),
                "\(run.stdout)")
        // 2.3 is judged on April: May (:) and June (c) are not values.
        #expect(run.stdout.contains("80.0% on 30 Apr 2013"), "\(run.stdout)")
        // A header with a digit that is no date is read as nothing, and said so.
        #expect(run.stderr.contains("warning[data-ignored-column]: the column \"Target 2014\" is not a date"), "\(run.stderr)")
        let report = runCLI(["report", Self.path("book.plan"), "--data", Self.path("gaps-wide.csv"), "--as-of", "2013-10-31",
                             "--format", "md"])
        #expect(report.stdout.contains("not available (:)"), "\(report.stdout.prefix(2000)) \(report.stderr)")
    }

    @Test func aTidyFileWithTheMappingInThePlan() {
        let run = runCLI(["eval", Self.path("tidy.plan"), "--as-of", "2014-04-30", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        // Cheshire East's 2013/14 rate, against England's of the same year.
        #expect(run.stdout.contains("301.5 per 10,000 on 31 Mar 2014"), "\(run.stdout)")
        #expect(run.stdout.contains("346.4 per 10,000 on 31 Mar 2014"), "\(run.stdout)")
        // 2013/14's re-referral rate is z (not applicable): 2012/13's is the latest.
        #expect(run.stdout.contains("22.1% on 31 Mar 2013"), "\(run.stdout)")
    }

    @Test func tidyMappingProblemsAreLocatedInThePlan() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Self.dataDirectory.appendingPathComponent("dfe-cin-tidy.csv"),
                                         to: directory.appendingPathComponent("cin.csv"))
        let plan = """
            plan "P"
              period April 2012 to March 2014
            measure 3.2 "Repeat referrals"
              target <= 24% by March 2014
            data "cin.csv"
              area "Cheshire Eats"
              measure 3.2 column "re_referal_rate"
              measure 9.9 column "cin_rate"

            """
        try plan.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", "p.plan"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("p.plan:7:22: error[data-mapping]: the file has no column \"re_referal_rate\""), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean \"re_referral_rate\"?"), "\(run.stderr)")
        #expect(run.stderr.contains("p.plan:8:11: error[data-unknown-id]: the plan has no measure or action \"9.9\""), "\(run.stderr)")
        let fixed = plan.replacingOccurrences(of: "re_referal", with: "re_referral")
            .replacingOccurrences(of: "  measure 9.9 column \"cin_rate\"\n", with: "")
        try fixed.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let area = runCLI(["check", "p.plan"], in: directory)
        #expect(area.stderr.contains("error[data-mapping]: no row of the file is for \"Cheshire Eats\""), "\(area.stderr)")
        // fmt keeps the clauses, and a second fmt changes nothing.
        let formatted = runCLI(["fmt", "p.plan"], in: directory)
        #expect(formatted.stdout.contains("  area \"Cheshire Eats\"\n  measure 3.2 column \"re_referral_rate\""),
                "\(formatted.stdout)\(formatted.stderr)")
    }

    /// Wide headers in every form: a financial year, a quarter, bare months in
    /// the plan's period; a repeated date column, and unit and polarity cells
    /// against the plan.
    @Test func wideHeadersAndChecks() {
        let plan = """
            plan "P"
              period April 2016 to March 2017
            measure a "A"
              polarity higher
              unit %
              target >= 50% by March 2017
            measure b "B"
              unit count
              target <= 10 by March 2017

            """
        let csv = """
            Indicator,Polarity,Unit,2015/16,Q1 2016/17,Jul,Aug,Sept 2016,July 2016
            a,Higher is better,%,40%,42%,44%,46%,,
            b,,per 1000,12,11,10,9,u,
            title row with no values,,,,,,,,

            """
        let run = Pipeline.evaluate(path: "p.plan", files: MemoryFiles(["p.plan": plan, "w.csv": csv]), dataPaths: ["w.csv"],
                                    asOf: CalendarDate(year: 2016, month: 9, day: 30)!)
        let dates = run.checked.data.items[0].actual.map(\.date.iso)
        #expect(dates == ["2016-03-31", "2016-06-30", "2016-07-31", "2016-08-31"])
        #expect(run.checked.data.items[1].gaps.map(\.date.iso) == ["2016-09-30"])
        let codes = run.diagnostics.map { "\($0.code.rawValue)@\(run.sources[$0.location.file].position(of: $0.location.span.start).column)" }
        // "July 2016" repeats Jul (byte column 62); b's unit disagrees (line 3, column 4).
        #expect(codes.sorted() == ["data-duplicate@62", "data-plan-mismatch@4"].sorted(), "\(run.diagnostics)")
    }

    /// What `book` gives `plan` at `asOf` (`DataDump`).
    static func whatIsRead(plan: String, book: [UInt8], asOf: CalendarDate) -> String {
        DataDump.dump(Pipeline.evaluate(path: "p.plan", files: MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "b.csv": book]),
                                        dataPaths: ["b.csv"], asOf: asOf))
    }

    /// The same for every book the fuzzer kept and the examples' books:
    /// read as written, and with every cell quoted, each gives the same.
    @Test func everyKeptBookReadsTheSameWithEveryCellQuoted() throws {
        // The plan the `csv` fuzz target reads its books for, from its source:
        // the books it kept were grown against that plan.
        let targets = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fuzz/Targets.swift"), encoding: .utf8)
        let opening = try #require(targets.range(of: "static let fixedPlan = Array(\"\"\"\n"))
        let closing = try #require(targets.range(of: "\"\"\".utf8)", range: opening.upperBound..<targets.endIndex))
        let plan = targets[opening.upperBound..<closing.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.dropFirst(8) }.joined(separator: "\n")
        #expect(plan.hasPrefix("plan \"Fuzz\"\n") && plan.contains("action 2.1"))
        let corpus = repositoryRoot.appendingPathComponent("Tests/Fuzz/corpus/csv")
        var books = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
            .map { try [UInt8](Data(contentsOf: corpus.appendingPathComponent($0))) }
        for name in ["cheshire-east-2013.csv", "cambridgeshire-2014.csv"] {
            books.append(try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("examples/" + name))))
        }
        var compared = 0
        for book in books {
            guard let quoted = DataDump.quotingEveryCell(book) else { continue }
            let asOf = CalendarDate(year: 2013, month: 10, day: 31)!
            let asWritten = Self.whatIsRead(plan: plan, book: book, asOf: asOf)
            #expect(asWritten == Self.whatIsRead(plan: plan, book: quoted, asOf: asOf),
                    "\(String(decoding: book.prefix(300), as: UTF8.self))")
            compared += 1
        }
        #expect(compared > 100)
    }

    /// Most rows of a long-form CSV are read straight off the bytes (the
    /// previous row's id, a date seen before, a plain number); the rest, and
    /// every quoted cell, by the general reader. Quoting every cell sends
    /// every row the general way: what each row gives, and every problem
    /// reported, must be the same either way.
    @Test func plainRowsReadAsTheGeneralReaderReadsThem() {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            comparator sn "Statistical neighbours"
            measure p1 "Percent"
              unit %
              target >= 80% by March 2014
            measure c1 "Count"
              unit count
              target <= 20 by March 2014
            measure u1 "Undeclared"
              target >= 50 by March 2014
            measure w1 "No unit said: the data's, a percentage only later in its run"
              target in line with sn by March 2014
            measure a-rather-long-measure-id "Long id"
              unit %
              target >= 60% by March 2014
            action x1 "Do it"
              due March 2014

            """
        let rows = [
            "p1,2013-04,81%,", "p1, 2013-05 ,82.5% ,", "p1,2013-06,79,", "p1,2013-07,150%,", "p1,2013-08,-1%,",
            "p1,2013-04,70%,sn", "p1,2013-05,71%,sn", "p1,2013-06,72%,", "p1,2013-07,c,", "p1,2013-09,80.00%,sn",
            "c1,2013-04,25,", "c1,2013-05,24%,", "c1,2013-06,-3,", "c1,2013-07,1.5,", "c1,2013-08,22,,", "c1,2013-09,21,,5", "c1,2013-09,21,5",
            "c1,2013-10,20,baseline", "c1,2013-11,19,baseline", "c1,2013-12,18,nn", "c1,2014-01,17,", "c1,2014-02,x,",
            "", "u1,2013-04,40%,", "u1,2013-05,45%,", "u1,2013-06,46,", "u1,2013-04,41%,", "u1,2013-07,0.5,",
            "u1,2013-08,10000000000000000000,", "u1,2013-09,.5,", "u1,2013-10,5.,", "u1,2013-11,-0,", "u1,Sept 2013,47,",
            "u1,2013-13,47,", "u1,2013-12,47", "u1,2014-01,34/45,",
            "w1,2013-04,40,", "w1,2013-05,45%,", "w1,2013-06,46%,",
            "a-rather-long-measure-id,2013-04,61%,", "a-rather-long-measure-id,2013-05,62%,",
            "x1,2013-04,in progress,", "x1,2013-05,12,", "x1,2013-06,complete,", "zz,2013-04,1,", "zz,2013-05,2,",
            "p1,2014-01,1234567890123456%,", "c1,2014-03,123456789012345.123456789012345,",
            // More fields than a plain line holds (16), and a row that spans word ends.
            "p1,2013-10,83%," + String(repeating: ",", count: 14), "p1,2013-11,84%" + String(repeating: " ", count: 13) + ",",
        ]
        func quoted(_ row: String) -> String {
            row.isEmpty ? row : row.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }.joined(separator: ",")
        }
        // Each book four ways: LF, CRLF and CR line ends, and the last line with none.
        for (lineEnd, last) in [("\n", "\n"), ("\r\n", "\r\n"), ("\r", "\r"), ("\n", "")] {
            let plain = (["measure,date,value,series"] + rows).joined(separator: lineEnd) + last
            let general = ([quoted("measure,date,value,series")] + rows.map(quoted)).joined(separator: lineEnd) + last
            let seen = [plain, general].map {
                Self.whatIsRead(plan: plan, book: Array($0.utf8), asOf: CalendarDate(year: 2014, month: 3, day: 31)!)
            }
            #expect(seen[0] == seen[1])
            // The book is not quietly empty: rows were kept and problems found.
            #expect(seen[0].contains("actual 2013-05-31 number(82.5)"), "\(seen[0])")
            #expect(seen[0].contains("percent-range") && seen[0].contains("negative-value") && seen[0].contains("data-extra-field"))
        }
    }

    @Test func anIDTheSpreadsheetTookForANumber() {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 2.10 \"M\"\n  target <= 10 by March 2014\nmeasure 2.11 \"N\"\n  target <= 10 by March 2014\n"
        let book = ZipWriter.workbook([("Book", [["Measure", "2013-04"], ["2.1", "5"]])])
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "b.xlsx": book]),
                                 dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.first?.help
            == "did you mean \"2.10\"? A spreadsheet reads 2.10 as the number 2.1: format the id column as text",
            "\(run.diagnostics)")
    }

    @Test func aHugeCellIsQuotedShort() {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n  unit count\n  target <= 10 by March 2014\n"
        let huge = String(repeating: "x", count: 100_000)
        let book = ZipWriter.workbook([("Book", [["measure", "2013-04"], ["m", huge], [huge, "1"]])])
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "b.xlsx": book]),
                                 dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.count == 2, "\(run.diagnostics.map(\.message))")
        for d in run.diagnostics { #expect(d.message.count < 300) }
    }

    @Test(arguments: [("book.xlsx#Actuals", "book.xlsx", "Actuals"), ("C#/book.XLSX#Q1 #2", "C#/book.XLSX", "Q1 #2"),
                       ("book.csv#x", "book.csv#x", nil), ("book.xlsx", "book.xlsx", nil), ("b.xlsm#", "b.xlsm", "")])
    func workbookPaths(_ written: String, _ file: String, _ sheet: String?) {
        #expect(WorkbookPath.split(written).path == file)
        #expect(WorkbookPath.split(written).sheet == sheet)
    }

    @Test func anEmptySheetChosenByName() {
        let bytes = ZipWriter.workbook([("Book", [["measure", "date", "value"]]), ("Empty", [])])
        let files = MemoryFiles(bytes: ["p.plan": Array("plan \"P\"\n".utf8), "b.xlsx": bytes])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx#Empty"])
        #expect(run.diagnostics.map(\.message) == ["the sheet \"Empty\" of b.xlsx is empty"])
        let fine = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(fine.diagnostics.isEmpty, "\(fine.diagnostics)")
    }

    /// Several areas make an average, as a statistical-neighbour series is
    /// made: the mean of the areas with a value; none is a gap.
    @Test func anAverageOfAreas() throws {
        let plan = """
            plan "P"
              period April 2012 to March 2014
            comparator sn "Statistical neighbours"
              tolerance 2 points
            measure 3.2 "Repeat referrals"
              unit %
              target in line with sn by March 2014
            measure cin "CIN rate"
              unit per 10,000
              target <= 400 by March 2014
            data "t.csv" area "Cheshire East", "Cheshire West and Chester" series sn
              measure 3.2 column "re_referral_rate"
              measure cin column "cin_rate"

            """
        let csv = try String(contentsOf: Self.dataDirectory.appendingPathComponent("dfe-cin-tidy.csv"), encoding: .utf8)
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan, "t.csv": csv]))
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics)")
        let referrals = run.data.items[0].comparators["sn"] ?? []
        #expect(referrals.map(\.date.iso) == ["2013-03-31"])
        #expect(abs((referrals.first?.reading.number ?? 0) - 20.95) < 1e-9)
        #expect(run.data.items[0].gaps.map(\.reason) == [.notApplicable])  // 2013/14: Cheshire East's z, no other row
        let cin = run.data.items[1]
        #expect(cin.comparators["sn"]?.map(\.reading) == [.number(301.5)])
        #expect(cin.gaps.map(\.reason) == [.suppressed])  // 2012/13: c and :, the first area's reason
        let dump = runCLI(["parse", "--dump", "-"], stdin: "data \"t.csv\" area \"A\", \"B\"\n")
        #expect(dump.stdout.contains("(area \"A\" \"B\")"), "\(dump.stdout)\(dump.stderr)")
    }

    @Test func tidyRowsAreMatchedByTheirOwnLevel() {
        // Region and national rows name Cheshire East nowhere; a file without
        // la_name is read without trapping, its LA rows matching nothing.
        let plan = """
            plan "P"
              period April 2012 to March 2014
            measure m "M"
              unit count
              target <= 30 by March 2014
            data "t.csv"
              area "North West"
              measure m column "v"
              where "breakdown" = "Total"

            """
        let csv = """
            time_period,time_identifier,geographic_level,region_name,breakdown,v
            201213,Financial year,Regional,North West,Total,25
            201213,Financial year,Regional,North West,Boys,26
            2013,Calendar year,Regional,North West,Total,x
            201314,Financial year,Local authority,North West,Total,99
            201314,Financial year,National,,Total,12

            """
        let run = Pipeline.evaluate(path: "p.plan", files: MemoryFiles(["p.plan": plan, "t.csv": csv]), dataPaths: [],
                                    asOf: CalendarDate(year: 2014, month: 4, day: 30)!)
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics)")
        let series = run.checked.data.items[0]
        #expect(series.actual.map(\.date.iso) == ["2013-03-31"])
        #expect(series.actual.map(\.reading) == [.number(25)])
        #expect(series.gaps.map(\.reason) == [.withheld])
        #expect(series.gaps.map(\.date.iso) == ["2013-12-31"])
    }

    /// A sheet of 100,000 rows (written here, not committed: megabytes), read
    /// whole through the pipeline, its last row's cells still named exactly.
    @Test func aSheetOfOneHundredThousandRows() {
        var rows: [[String]] = [["measure", "date", "value"]]
        rows.reserveCapacity(100_002)
        let first = CalendarDate(year: 2013, month: 4, day: 1)!
        let days = (0..<100).map { first.addingDays($0).iso }
        for i in 0..<100_000 { rows.append(["m\(i % 1000)", days[i / 1000], "\(i % 100)"]) }
        rows[100_000][2] = "lots"
        // Stored, not deflated: compressing 13 MB in a debug build takes seconds
        // (DEFLATE has its own tests, and `make bench` reads a deflated one).
        let book = ZipWriter.workbook([("Book", rows)], stored: true)
        var plan = "plan \"P\"\n  period April 2013 to March 2014\n"
        for i in 0..<1000 { plan += "measure m\(i) \"M\"\n  unit count\n  target <= 50 by September\n" }
        let files = MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "b.xlsx": book])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        // Every row but the last, whose value is no number.
        #expect(run.data.items.reduce(0) { $0 + $1.actual.count } == 99_999)
        #expect(run.diagnostics.count == 1, "\(run.diagnostics.prefix(3))")
        let bad = run.diagnostics.first { $0.code == .dataBadValue }
        let renderer = DiagnosticRenderer(sources: run.sources, color: false)
        #expect(bad.map { renderer.render($0) }?.hasPrefix("b.xlsx[Book]!C100001: error[data-bad-value]: cannot read \"lots\"") == true,
                "\(bad.map { renderer.render($0) } ?? "none")")
    }

    /// Each `time_identifier` the DfE publishes, as the last day of its period.
    @Test(arguments: [
        ("201314", "Financial year", "2014-03-31"), ("201314", "Academic year", "2014-08-31"),
        ("2013", "Calendar year", "2013-12-31"), ("2013", "Reporting year", "2013-03-31"),
        ("2013", "Q2", "2013-06-30"), ("2013", "Calendar year Q4", "2013-12-31"),
        ("2013", "Financial year Q1", "2013-06-30"), ("2013", "Financial year Q4", "2014-03-31"),
        ("2013", "Academic year Q1", "2013-11-30"), ("2013", "Academic year Q4", "2014-08-31"),
        ("2013", "September", "2013-09-30"),
    ])
    func tidyPeriods(_ period: String, _ identifier: String, _ expected: String) {
        let plan = "plan \"P\"\nmeasure m \"M\"\n  unit count\n  target <= 5 by 2015-03-31\ndata \"t.csv\" measure m column \"v\"\n"
        let csv = "time_period,time_identifier,v\n\(period),\(identifier),3\n"
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan, "t.csv": csv]))
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics)")
        #expect(run.data.items[0].actual.map(\.date.iso) == [expected])
    }

    @Test func aWithheldComparatorValueIsExplained() {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            comparator sn "Statistical neighbours"
              tolerance 5%
            measure m "M"
              unit count
              target in line with sn by September

            """
        let csv = "measure,series,2013-08,2013-09\nm,,40,42\nm,sn,c,c\n"
        let run = Pipeline.evaluate(path: "p.plan", files: MemoryFiles(["p.plan": plan, "w.csv": csv]), dataPaths: ["w.csv"],
                                    asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        let judgement = run.evaluation.judgements.first
        #expect(judgement?.status == .noData)
        #expect(judgement?.explanation.hasSuffix("The book marks sn for 30 Sep 2013 as suppressed (c).") == true,
                "\(judgement?.explanation ?? "")")
    }

    @Test func aTidyFileOfSeveralAreasNeedsAnArea() {
        let plan = "plan \"P\"\nmeasure m \"M\"\n  unit count\n  target <= 5 by 2015-03-31\ndata \"t.csv\"\n  measure m column \"v\"\n"
        let csv = "time_period,time_identifier,geographic_level,la_name,v\n2013,Calendar year,Local authority,A,3\n2013,Calendar year,Local authority,B,4\n"
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan, "t.csv": csv]))
        #expect(run.diagnostics.map(\.code) == [.dataMapping], "\(run.diagnostics)")
        #expect(run.diagnostics.first?.message == "the file holds rows for several areas; say which to read")
        let bad = "time_period,time_identifier,v\n2013,Fortnight 3,3\n"
        let second = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan, "t.csv": bad]))
        #expect(second.diagnostics.map(\.message) == ["cannot read time_period \"2013\" with time_identifier \"Fortnight 3\""])
    }

    @Test func mutatedWorkbooksNeverTrap() throws {
        let original = try fixtureBytes("cheshire-east-xlsxwriter.xlsx")
        var rng = SplitMix(seed: 1414)
        var failures = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if case .failure = Workbook.read(bytes) { failures += 1 }
        }
        // Most single-byte damage is caught (CRC-32, signatures, lengths).
        #expect(failures > 100)
    }

    @Test func aMisspeltDataClause() throws {
        let plan = "plan \"P\"\ndata \"x.csv\"\n  aera \"Cheshire East\"\n"
        let run = Pipeline.check(path: "p.plan", files: MemoryFiles(["p.plan": plan, "x.csv": "measure,date,value\n"]))
        let syntax = run.diagnostics.first { $0.code == .syntax }
        #expect(syntax?.help == "did you mean `area`?", "\(run.diagnostics)")
    }

    @Test(arguments: [
        ("an old .xls", [UInt8]([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + [UInt8](repeating: 0, count: 600),
         "it is an old binary Excel file (.xls), not an .xlsx workbook"),
        ("an encrypted workbook", [UInt8]([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + [UInt8](repeating: 0, count: 600)
            + Array("EncryptedPackage".utf8).flatMap { [$0, 0] }, "the workbook is encrypted (password-protected)"),
        ("a text file", Array("measure,date,value\n".utf8), "it is not a ZIP archive, so not an .xlsx workbook"),
        ("a cut-off workbook", Array(ZipArchiveTests.book().prefix(300)), "the ZIP archive is corrupt"),
        ("a ZIP that is no workbook", { var z = ZipWriter(); z.add("a.txt", [1]); return z.finish() }(),
         "it has no xl/workbook.xml, so it is not an Excel workbook"),
    ] as [(String, [UInt8], String)])
    func unreadableWorkbooks(_ name: String, _ bytes: [UInt8], _ message: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("book.xlsx"))
        try "plan \"P\"\n  period April 2013 to March 2014\nmeasure 2.3 \"M\"\n  target >= 90% by September\n"
            .write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", "p.plan", "--data", "book.xlsx"], in: directory)
        #expect(run.status == 1, "\(name)")
        #expect(run.stderr.contains("book.xlsx:1:1: error[data-bad-workbook]: cannot read book.xlsx: \(message)"),
                "\(name): \(run.stderr)")
    }

    /// A workbook whose sheet claims to inflate to 4 GB: refused before inflating.
    @Test func aZipBombIsRefused() throws {
        var bytes = ZipWriter.workbook([("Book", [["measure", "date", "value"]])])
        let archive = try ZipArchive.read(bytes).get()
        let sheet = try #require(archive.entry("xl/worksheets/sheet1.xml"))
        // Find its central directory record by its local header offset, and lie about its size.
        var p = 0
        for i in 0..<(bytes.count - 46) where ZipArchive.u32(bytes, i) == 0x0201_4B50
            && Int(ZipArchive.u32(bytes, i + 42)) == sheet.localHeaderOffset { p = i }
        #expect(p > 0)
        for k in 0..<4 { bytes[p + 24 + k] = 0xF0 }
        let files = MemoryFiles(bytes: ["p.plan": Array("plan \"P\"\n".utf8), "b.xlsx": bytes])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(run.diagnostics.map(\.message)
            == ["cannot read b.xlsx: xl/worksheets/sheet1.xml would inflate to more than 268435456 bytes, the most plancheck reads"])
    }

    @Test func hiddenSheetsAreReadOnlyByName() {
        var context = WorkbookContext()
        let xml = Array("""
            <workbook><workbookPr date1904="true"/><sheets><sheet name="A" sheetId="1" r:id="rId1"/>            <sheet name="Old" sheetId="2" state="hidden" r:id="rId2"/><sheet name="V" state="veryHidden" r:id="rId3"/></sheets></workbook>
            """.utf8)
        let list = Workbook.sheetList(xml, context: &context)
        #expect(list?.map(\.0) == ["A", "Old", "V"])
        #expect(list?.map(\.3) == [false, true, true])
        #expect(context.date1904)
    }

    @Test func aHiddenBookSheetIsSkippedUnlessNamed() {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure m \"M\"\n  unit count\n  target <= 10 by March 2014\n"
        let bytes = ZipWriter.workbook([("Now", [["measure", "2013-04"], ["m", "5"]]),
                                        ("Last year", [["measure", "2013-04"], ["m", "7"]])], hidden: ["Last year"])
        let files = MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "b.xlsx": bytes])
        let visible = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        #expect(visible.diagnostics.isEmpty, "\(visible.diagnostics)")
        #expect(visible.data.items[0].actual.map(\.reading) == [.number(5)])
        let named = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx#Last year"])
        #expect(named.data.items[0].actual.map(\.reading) == [.number(7)])
    }

    @Test func noSheetLooksLikeABook() {
        let bytes = ZipWriter.workbook([("Notes", [["Read me"]]), ("Empty", [])])
        let files = MemoryFiles(bytes: ["p.plan": Array("plan \"P\"\n".utf8), "b.xlsx": bytes])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["b.xlsx"])
        let d = run.diagnostics.first { $0.code == .dataBadWorkbook }
        #expect(d?.message == "no sheet of b.xlsx looks like a performance book")
        #expect(d?.notes.first == "its sheets: \"Notes\", \"Empty\"")
    }

    /// The grid API (for plan-table import): cell types as a reader sees them.
    @Test func cellTypesFromXlsxWriter() throws {
        let book = try Workbook.read(fixtureBytes("cell-types.xlsx")).get()
        let grid = book.sheets[0].grid()
        var cells: [String: String] = [:]
        for row in grid.dropFirst() where row.count >= 2 { cells[row[0]] = row[1] }
        #expect(cells["number"] == "82.5")
        #expect(cells["integer"] == "412")
        #expect(cells["percent"] == "82.5%")
        #expect(cells["text"] == "in progress")  // an inline string (constant-memory mode)
        #expect(cells["comma"] == "say \"hi\", then")
        #expect(cells["true"] == "TRUE")
        #expect(cells["false"] == "FALSE")
        #expect(cells["na"] == "#N/A")
        #expect(cells["div0"] == "#DIV/0!")
        #expect(cells["date"] == "2013-09-30")
        // The 1900 system's leap-year quirk: serial 60 is a day that never was.
        #expect(cells["1900-02-28"] == "1900-02-28")
        #expect(cells["1900-03-01"] == "1900-03-01")
        #expect(cells["1900-02-29"] == "1900-02-29")
        #expect(cells["formula"] == "6")
        #expect(cells["string formula"] == "ab")
        // A gap of rows and columns keeps every cell in its place: E19.
        #expect(grid.count == 19)
        #expect(grid[18] == ["", "", "", "", "far"])
    }

    @Test func emptySheetAndMergedTitle() throws {
        let book = try Workbook.read(fixtureBytes("cheshire-east-xlsxwriter.xlsx")).get()
        #expect(book.sheets.map(\.name) == ["Notes", "Actuals", "SN", "Empty"])
        #expect(book.sheets[3].isEmpty)
        #expect(book.sheets[3].grid().isEmpty)
        // The merged title's text is in its first cell only.
        #expect(book.sheets[1].grid()[0] == ["Cheshire East: Actuals"])
        #expect(book.date1904 == false)
        #expect(try Workbook.read(fixtureBytes("cheshire-east-openpyxl.xlsx")).get().date1904)
    }

    @Test func serialDates() {
        #expect(CellText.serialDate(1, date1904: false)! == (1900, 1, 1))
        #expect(CellText.serialDate(59, date1904: false)! == (1900, 2, 28))
        #expect(CellText.serialDate(60, date1904: false)! == (1900, 2, 29))
        #expect(CellText.serialDate(61, date1904: false)! == (1900, 3, 1))
        #expect(CellText.serialDate(41547.75, date1904: false)! == (2013, 9, 30))
        #expect(CellText.serialDate(0, date1904: true)! == (1904, 1, 1))
        #expect(CellText.serialDate(40085, date1904: true)! == (2013, 9, 30))
        #expect(CellText.serialDate(-1, date1904: false) == nil)
        #expect(CellText.serialDate(1e12, date1904: false) == nil)
    }

    @Test(arguments: [
        ("mmm-yy", NumberFormatKind.date(hasDay: false)), ("dd/mm/yyyy", .date(hasDay: true)),
        ("[$-809]mmmm yyyy", .date(hasDay: false)), ("0.0%", .percent), ("General", .plain), ("#,##0", .plain),
        ("\"Day\" 0", .plain), ("h:mm", .hours), ("[h]:mm", .hours), ("[Red]0%", .percent),
        ("0.00", .fixed(decimals: 2)), ("#,##0.0", .fixed(decimals: 1)),
    ])
    func numberFormats(_ code: String, _ kind: NumberFormatKind) {
        #expect(NumberFormat.kind(of: code) == kind)
    }
}

/// The sheet reader as a pure function of XML bytes (for fuzzing too).
@Suite struct SheetReaderTests {
    static func read(_ body: String, strings: [String] = [], styles: [NumberFormatKind] = []) -> WorkbookSheet {
        var context = WorkbookContext()
        context.sharedStrings = strings
        context.styles = styles
        let xml = "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"m\"><x:sheetData>\(body)</x:sheetData></x:worksheet>"
        return Workbook.readSheet(name: "S", xml: Array(xml.utf8), context: context)
    }

    @Test func cellsWithoutReferencesFollowInOrder() {
        let sheet = Self.read("<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c></x:row>",
                              strings: ["a & b"])
        #expect(sheet.grid() == [["a & b", "2"], ["3"]])
        #expect(sheet.problems.isEmpty)
    }

    @Test func badCellsAreReportedAndLeftEmpty() {
        let sheet = Self.read("""
            <x:row r="1"><x:c r="A1" t="s"><x:v>7</x:v></x:c><x:c r="B1"><x:v>12abc</x:v></x:c>\
            <x:c r="C1" t="b"><x:v>2</x:v></x:c><x:c r="D1" t="q"><x:v>1</x:v></x:c><x:c r="E1"><x:v>5</x:v></x:c></x:row>\
            <x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c><x:c r="A3"><x:v>2</x:v></x:c></x:row>
            """, strings: ["only"])
        #expect(sheet.problems.map(\.cell) == ["A1", "B1", "C1", "D1", "A3"])
        // Each problem's place in the sheet's text names its cell (A3, out of
        // order, is placed where reading had got to: B3).
        var source = SourceFile(name: "b.xlsx[S]", bytes: sheet.csv)
        source.namesCells = true
        #expect(sheet.problems.map { source.place(of: $0.span.start) }
            == ["b.xlsx[S]!A1", "b.xlsx[S]!B1", "b.xlsx[S]!C1", "b.xlsx[S]!D1", "b.xlsx[S]!B3"])
        #expect(sheet.problems[0].message == "the shared-string index 7 is outside the table of 1")
        #expect(sheet.problems[4].message == "cell A3 comes after B3; cells must be in order")
        #expect(sheet.grid() == [["", "", "", "", "5"], [], ["", "1"]])
    }

    @Test func malformedXMLStopsTheSheet() {
        let sheet = Self.read("<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row><x:row r=\"2\"><x:c r=\"A2\"")
        #expect(sheet.grid() == [["1"]])
        #expect(sheet.problems.count == 1)
        #expect(sheet.problems.first?.message.hasPrefix("the sheet's XML is malformed") == true)
    }

    @Test func aFormulaWithoutItsResultIsAProblem() {
        let cells = [
            #"<x:c r="A1"><x:f>B1*2</x:f></x:c>"#,  // no <v>
            #"<x:c r="B1" t="str"><x:f>""</x:f><x:v></x:v></x:c>"#,  // an empty text result: a blank
            #"<x:c r="C1"><x:f t="shared" si="0"/><x:v>4</x:v></x:c>"#,
            #"<x:c r="D1"><x:f>C1</x:f><x:v/></x:c>"#,  // openpyxl's empty <v/>
        ]
        let sheet = Self.read(#"<x:row r="1">"# + cells.joined() + "</x:row>")
        #expect(sheet.problems.map(\.cell) == ["A1", "D1"])
        #expect(sheet.problems.first?.message == "the formula in this cell has no saved result")
        #expect(sheet.grid() == [["", "", "4", ""]])  // D1 placed for its diagnostic
    }

    /// openpyxl writes formulas without results (it does not calculate).
    @Test func anUncalculatedWorkbookFromOpenpyxl() {
        let run = runCLI(["check", "book.plan", "--data", "uncalculated.xlsx"], in: BookTests.dataDirectory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("uncalculated.xlsx[Book]!D2: error[data-bad-cell]: the formula in this cell has no saved result"),
                "\(run.stderr)")
    }

    @Test func inlineRichAndEscapedText() {
        let sheet = Self.read("""
            <x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>line_x000D_</x:t></x:r><x:r><x:t xml:space="preserve">\
            one&#10;two</x:t></x:r></x:is></x:c><x:c r="C2" t="str"><x:f>A1</x:f><x:v><![CDATA[a,b]]></x:v></x:c></x:row>
            """)
        // Line breaks become spaces, so a line of the sheet's text stays a row.
        #expect(sheet.grid() == [[], ["", "line one two", "a,b"]])
    }

    @Test func stylesMakeDatesAndPercentages() {
        let sheet = Self.read("<x:row r=\"1\"><x:c r=\"A1\" s=\"1\"><x:v>41364</x:v></x:c><x:c r=\"B1\" s=\"2\"><x:v>41547</x:v></x:c><x:c r=\"C1\" s=\"3\"><x:v>0.825</x:v></x:c><x:c r=\"D1\" s=\"9\"><x:v>0.5</x:v></x:c></x:row>",
                              styles: [.plain, .date(hasDay: false), .date(hasDay: true), .percent])
        #expect(sheet.grid() == [["2013-03", "2013-09-30", "82.5%", "0.5"]])
    }

    @Test(arguments: [("0.835", "83.5%"), ("1", "100%"), ("0.005", "0.5%"), ("-0.25", "-25%"), ("12.3456", "1234.56%"),
                       ("0", "0%"), ("0.8", "80%"), ("0.82499999999999996", "82.5%"), ("1.5E-2", "1.5%")])
    func percentCells(_ written: String, _ shown: String) {
        let sheet = Self.read("<x:row r=\"1\"><x:c r=\"A1\" s=\"1\"><x:v>\(written)</x:v></x:c></x:row>", styles: [.plain, .percent])
        #expect(sheet.grid() == [[shown]])
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix(seed: 9)
        let pieces = ["<x:row r=\"1\">", "</x:row>", "<x:c r=\"A1\">", "<x:c t=\"s\">", "</x:c>", "<x:v>", "</x:v>", "1",
                      "&amp;", "<!--", "-->", "<![CDATA[", "]]>", "<x:is><x:t>", "</x:t></x:is>", "\"", "<", ">", "r=\"ZZZZ9\"",
                      "<x:c r=\"XFE1\">", "<x:row r=\"0\">", "<x:row r=\"99999999999\">"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(rng.next() % 30) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            _ = Self.read(text, strings: ["s"])
        }
    }
}
