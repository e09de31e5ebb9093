import Foundation
import Testing
@testable import PlanCheck
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The outputs of `plancheck eval`: table, JSON, CSV, JUnit, and the filters.
/// The writers are fed a hand-built model and evaluation, so these tests pin
/// the writers alone; the last few run the whole pipeline and the CLI.
@Suite struct EvaluationWriterTests {
    // MARK: - A small hand-built plan

    static let here = Location(file: FileID(0), span: Span(start: 0, end: 0))

    /// Sections: A1 (workstream EFD, lead "Director"), B2 (part of A1, no
    /// workstream). Items: "0.1" above every section, then 2.3 and 3.7 in A1
    /// (3.7 a trajectory), then action 1.7 and measure 4.1 in B2.
    static let model: PlanModel = {
        var m = PlanModel()
        m.title = "Test plan"
        m.sections = [
            Section(keyword: .recommendation, id: "A1",
                    title: "Ensure that all contacts and referrals which indicate potential child protection concerns are appropriately progressed in a timely way",
                    parent: nil, workstream: "EFD", leads: ["Director"], location: here),
            Section(keyword: .outcome, id: "B2", title: "Plans are \"SMART\", <measurable> & reviewed",
                    parent: "A1", workstream: nil, leads: [], location: here),
        ]
        m.items = [
            Item(kind: .measure, id: "0.1", title: "Unsectioned measure", location: here, section: nil),
            Item(kind: .measure, id: "2.3", title: "% children seen within 10 days, by team", location: here,
                 section: 0, workstream: nil, leads: [], key: true),
            Item(kind: .measure, id: "3.7", title: "% repeat CP plans", location: here, section: 0, workstream: "QOP"),
            Item(kind: .action, id: "1.7", title: "Develop a \"MASH\"", location: here, section: 1,
                 leads: ["Fiona Van Den Hout", "Rebecca Wilshire"]),
            Item(kind: .measure, id: "4.1", title: "Rate of CAFs per 10,000 — a title well over twenty-eight characters",
                 location: here, section: 1, leads: ["Paul Evans"]),
        ]
        return m
    }()

    static func judgement(
        item: Int, id: String, kind: Judgement.Kind = .measure, title: String?, deadline: String?, status: Status,
        value: Double? = nil, valueText: String? = nil, valueDate: String? = nil, required: String,
        explanation: String, projected: Double? = nil, target: Int = 0, milestone: Int = 0, headline: Bool = true
    ) -> Judgement {
        Judgement(item: item, id: id, kind: kind, title: title, deadline: deadline.flatMap(CalendarDate.parseISO),
                  status: status, value: value, valueText: valueText, valueDate: valueDate.flatMap(CalendarDate.parseISO),
                  required: required, explanation: explanation, projected: projected, target: target,
                  milestone: milestone, isHeadline: headline, location: here)
    }

    static let evaluation = Evaluation(asOf: CalendarDate.parseISO("2013-10-01")!, judgements: [
        judgement(item: 0, id: "0.1", title: "Unsectioned measure", deadline: nil, status: .noData,
                  required: "at least 5, ongoing", explanation: "Ongoing, and no observation of 0.1 by 1 Oct 2013."),
        judgement(item: 1, id: "2.3", title: "% children seen within 10 days, by team", deadline: "2013-09-30",
                  status: .met, value: 91, valueText: "91.0%", valueDate: "2013-09-30",
                  required: "at least 90% by 30 Sep 2013",
                  explanation: "91.0% on 30 Sep 2013, needed at least 90% by 30 Sep 2013: met."),
        judgement(item: 2, id: "3.7", title: "% repeat CP plans", deadline: "2013-09-30", status: .missed,
                  value: 17.25, valueText: "17.3%", valueDate: "2013-08-31", required: "at most 15% by 30 Sep 2013",
                  explanation: "17.3% on 31 Aug 2013, needed at most 15% by 30 Sep 2013: 2.3 points short.",
                  milestone: 0, headline: false),
        judgement(item: 2, id: "3.7", title: "% repeat CP plans", deadline: "2014-03-31", status: .atRisk,
                  value: 17.25, valueText: "17.3%", valueDate: "2013-08-31", required: "at most 12% by 31 Mar 2014",
                  explanation: "17.3% on 31 Aug 2013, needs at most 12% by 31 Mar 2014: 5.3 points short, 6 months left; projected 13.5% at the deadline.",
                  projected: 13.5, milestone: 1, headline: true),
        judgement(item: 3, id: "1.7", kind: .action, title: "Develop a \"MASH\"", deadline: "2014-03-31",
                  status: .pending, valueText: "in progress", valueDate: "2013-09-30",
                  required: "done by 31 Mar 2014",
                  explanation: "Not yet done, due 31 Mar 2014 (6 months left); in progress as of 30 Sep 2013.",
                  target: -1),
        judgement(item: 4, id: "4.1", title: "Rate of CAFs per 10,000 — a title well over twenty-eight characters",
                  deadline: "2013-09-30", status: .missed, value: 70.2, valueText: "70.2 per 10,000",
                  valueDate: "2013-09-30", required: "at least 75 per 10,000 by 30 Sep 2013",
                  explanation: "70.2 per 10,000 on 30 Sep 2013, needed at least 75 per 10,000 by 30 Sep 2013: 4.8 per 10,000 short; \"cap\" <b> & 'q'\u{1}."),
    ])

    // MARK: - JSON

    @Test func jsonWrittenAResultAtATimeIsTheSameDocument() {
        let whole = EvaluationJSON.render(Self.evaluation, model: Self.model).renderBytes(terminator: 10)
        #expect(EvaluationJSON.renderBytes(Self.evaluation, model: Self.model, terminator: 10, reserving: 1 << 16) == whole)
        let empty = Evaluation(asOf: Self.evaluation.asOf, judgements: [])
        #expect(EvaluationJSON.renderBytes(empty, model: PlanModel()) == EvaluationJSON.render(empty, model: PlanModel()).renderBytes())
    }

    @Test func jsonHasTheSpecFieldNames() throws {
        let json = EvaluationJSON.render(Self.evaluation, model: Self.model)
        #expect(json["asOf"] == .string("2013-10-01"))
        guard case .object(let top) = json else { Issue.record("not an object"); return }
        #expect(top.map(\.0) == ["asOf", "summary", "results"])
        guard case .object(let summary)? = json["summary"] else { Issue.record("no summary"); return }
        #expect(summary.map(\.0) == ["met", "at risk", "missed", "no data", "pending"])
        #expect(summary.map(\.1) == [.int(1), .int(1), .int(2), .int(1), .int(1)])
        let total = summary.reduce(0) { sum, member in
            if case .int(let n) = member.1 { return sum + n }
            return sum
        }
        guard case .array(let results)? = json["results"] else { Issue.record("no results"); return }
        #expect(total == results.count)
        #expect(results.count == Self.evaluation.judgements.count)

        guard case .object(let first) = results[1] else { Issue.record("result not an object"); return }
        #expect(first.map(\.0) == [
            "id", "kind", "title", "section", "workstream", "leads", "key", "deadline", "status", "value",
            "valueText", "valueDate", "required", "explanation", "projected", "milestone", "headline",
            "flags", "commentary", "rag",
        ])
        #expect(results[1]["flags"] == .array([]))
        let met = results[1]
        #expect(met["id"] == .string("2.3"))
        #expect(met["kind"] == .string("measure"))
        #expect(met["section"] == .string("A1"))
        #expect(met["workstream"] == .string("EFD"))  // inherited from A1
        #expect(met["leads"] == .array([.string("Director")]))  // inherited from A1
        #expect(met["key"] == .bool(true))
        #expect(met["deadline"] == .string("2013-09-30"))
        #expect(met["status"] == .string("met"))
        #expect(met["value"] == .number(91))
        #expect(met["valueText"] == .string("91.0%"))
        #expect(met["valueDate"] == .string("2013-09-30"))
        #expect(met["required"] == .string("at least 90% by 30 Sep 2013"))
        #expect(met["projected"] == .null)
        #expect(met["milestone"] == .int(1))
        #expect(met["headline"] == .bool(true))
        #expect(met["flags"] == .array([]))
        #expect(met["commentary"] == .null)
        #expect(met["rag"] == .null)

        let unsectioned = results[0]
        #expect(unsectioned["section"] == .null)
        #expect(unsectioned["workstream"] == .null)
        #expect(unsectioned["deadline"] == .null)
        #expect(unsectioned["value"] == .null)
        #expect(unsectioned["valueDate"] == .null)
        #expect(unsectioned["status"] == .string("no data"))

        let trajectory = results[3]
        #expect(trajectory["workstream"] == .string("QOP"))  // its own beats the section's
        #expect(trajectory["milestone"] == .int(2))
        #expect(trajectory["projected"] == .number(13.5))
        #expect(trajectory["status"] == .string("at risk"))
        #expect(results[2]["headline"] == .bool(false))

        let action = results[4]
        #expect(action["kind"] == .string("action"))
        #expect(action["value"] == .string("in progress"))
        #expect(action["section"] == .string("B2"))
        #expect(action["workstream"] == .string("EFD"))  // B2 is part of A1
        #expect(action["leads"] == .array([.string("Fiona Van Den Hout"), .string("Rebecca Wilshire")]))

        // It prints, and Foundation reads it back with the same names.
        let text = json.render()
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let parsedResults = parsed?["results"] as? [[String: Any]]
        #expect(parsedResults?.count == 6)
        #expect(parsedResults?[5]["explanation"] as? String == Self.evaluation.judgements[5].explanation)
    }

    @Test func emptyEvaluationStillHasEveryCount() {
        let empty = Evaluation(asOf: CalendarDate.parseISO("2014-01-01")!, judgements: [])
        let json = EvaluationJSON.render(empty, model: PlanModel())
        #expect(json.render(pretty: false)
            == #"{"asOf":"2014-01-01","summary":{"met":0,"at risk":0,"missed":0,"no data":0,"pending":0},"results":[]}"#)
        #expect(EvaluationCSV.render(empty, model: PlanModel()) == "\u{FEFF}" + EvaluationCSV.columns.joined(separator: ",") + "\n")
        let table = EvaluationTable(color: false).render(empty, model: PlanModel())
        #expect(table == "As of 1 Jan 2014\n\n0 met, 0 at risk, 0 missed, 0 no data, 0 pending\n")
        #expect(JUnitWriter.render(empty, model: PlanModel()).contains(#"tests="0" failures="0""#))
    }

    // MARK: - CSV

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
        ("café — 10,000", "\"café — 10,000\""),
    ])
    func csvQuotesOnlyWhenItMust(input: String, expected: String) {
        #expect(EvaluationCSV.field(input) == expected)
    }

    @Test func csvHasHeaderAndOneRowPerJudgement() {
        let csv = EvaluationCSV.render(Self.evaluation, model: Self.model)
        #expect(!csv.contains("\r"))
        #expect(csv.hasSuffix("\n"))
        #expect(csv.hasPrefix("\u{FEFF}asOf,"))
        let records = Self.parseCSV(String(csv.dropFirst()))
        #expect(records.count == 1 + Self.evaluation.judgements.count)
        #expect(records[0] == EvaluationCSV.columns)
        for record in records { #expect(record.count == EvaluationCSV.columns.count) }
        let column = { (name: String) in EvaluationCSV.columns.firstIndex(of: name)! }
        #expect(records[2][column("title")] == "% children seen within 10 days, by team")
        #expect(records[2][column("value")] == "91")
        #expect(records[2][column("asOf")] == "2013-10-01")
        #expect(records[1][column("deadline")] == "")
        #expect(records[4][column("milestone")] == "2")
        #expect(records[4][column("projected")] == "13.5")
        #expect(records[5][column("title")] == "Develop a \"MASH\"")
        #expect(records[5][column("value")] == "in progress")
        #expect(records[5][column("leads")] == "Fiona Van Den Hout; Rebecca Wilshire")
        #expect(records[6][column("explanation")] == Self.evaluation.judgements[5].explanation)
        #expect(csv.contains("\"Develop a \"\"MASH\"\"\""))
    }

    /// A strict RFC 4180 reader, independent of the writer.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    // MARK: - JUnit

    @Test func junitCountsAndShapes() {
        let xml = JUnitWriter.render(Self.evaluation, model: Self.model)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"plancheck as of 2013-10-01\" tests=\"6\" failures=\"2\" errors=\"0\">"))
        #expect(xml.contains(#"<testsuite name="(no section)" tests="1" failures="0" errors="0" skipped="1">"#))
        #expect(xml.contains(#"<testsuite name="Recommendation A1 Ensure that all contacts"#))
        #expect(xml.contains(#"tests="3" failures="1" errors="0" skipped="0">"#))
        #expect(xml.contains(#"<testsuite name="Outcome B2 Plans are &quot;SMART&quot;, &lt;measurable&gt; &amp; reviewed" tests="2" failures="1" errors="0" skipped="1">"#))
        #expect(xml.contains(#"<testcase classname="plancheck.A1" name="2.3 at least 90% by 30 Sep 2013"/>"#))
        #expect(xml.contains(#"<testcase classname="plancheck" name="0.1 at least 5, ongoing">"#))
        #expect(xml.contains("<system-out>at risk: 17.3% on 31 Aug 2013"))
        #expect(xml.contains(#"<skipped message="pending: Not yet done"#))
        // Escaped, and the control character U+0001 (not allowed in XML 1.0) dropped.
        #expect(xml.contains("&quot;cap&quot; &lt;b&gt; &amp; &apos;q&apos;.</failure>"))
        #expect(!xml.contains("\u{1}"))
        #expect(Self.tagsBalance(xml))
        // `--fail-on at-risk`: the report fails what fails the run.
        let strict = JUnitWriter.render(Self.evaluation, model: Self.model, failing: [.missed, .atRisk])
        #expect(strict.contains(#"<testsuites name="plancheck as of 2013-10-01" tests="6" failures="3" errors="0">"#), "\(strict)")
        #expect(strict.contains(#"type="at risk">17.3% on 31 Aug 2013"#), "\(strict)")
        #expect(!strict.contains("<system-out>at risk:"))
        #expect(Self.tagsBalance(strict))
    }

    @Test func xmlEscaping() {
        #expect(JUnitWriter.escape("a&b<c>d\"e'f", attribute: false) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(JUnitWriter.escape("x\u{0}\u{8}\u{B}\u{1F}\u{FFFE}y", attribute: true) == "xy")
        #expect(JUnitWriter.escape("tab\tnl\ncr\r", attribute: true) == "tab&#9;nl&#10;cr&#13;")
        #expect(JUnitWriter.escape("tab\tnl\ncr\r", attribute: false) == "tab\tnl\ncr&#13;")
        #expect(JUnitWriter.escape("café 😀", attribute: true) == "café 😀")
    }

    #if canImport(FoundationXML)
    @Test func junitIsWellFormedXML() throws {
        let xml = JUnitWriter.render(Self.evaluation, model: Self.model)
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 3)
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(cases.count == 6)
        let failures = cases.flatMap { $0.elements(forName: "failure") }
        #expect(failures.count == 2)
        #expect(failures.last?.stringValue == "70.2 per 10,000 on 30 Sep 2013, needed at least 75 per 10,000 by 30 Sep 2013: 4.8 per 10,000 short; \"cap\" <b> & 'q'.")
        #expect(cases.flatMap { $0.elements(forName: "skipped") }.count == 2)
        #expect(suites[2].attribute(forName: "name")?.stringValue == "Outcome B2 Plans are \"SMART\", <measurable> & reviewed")
    }
    #endif

    /// Every start tag has its end tag, properly nested (a check that needs no XML parser).
    static func tagsBalance(_ xml: String) -> Bool {
        var stack: [String] = []
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("?") || tag.hasSuffix("/") { continue }
            let name = tag.split(separator: " ").first.map(String.init) ?? ""
            if name.hasPrefix("/") {
                guard stack.popLast() == String(name.dropFirst()) else { return false }
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty
    }

    // MARK: - Table

    @Test func tableWithoutColourHasNoEscapesAndEndsWithTheSummary() {
        let table = EvaluationTable(color: false).render(Self.evaluation, model: Self.model)
        #expect(!table.contains("\u{1B}"))
        #expect(table.hasSuffix("\n1 met, 1 at risk, 2 missed, 1 no data, 1 pending\n"))
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(lines.contains { $0 == "(no section)" })
        #expect(lines.contains { $0.hasPrefix("Recommendation A1  Ensure that all contacts") && $0.hasSuffix("…") })
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 120 || $0.hasPrefix("  ") })
        // "(no section)" comes first, then the sections in plan order.
        let headings = lines.filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        #expect(headings.count == 5)
        #expect(headings[1] == "(no section)")
        #expect(headings[2].hasPrefix("Recommendation A1"))
        #expect(headings[3].hasPrefix("Outcome B2"))
        // The title cut to 28 scalars, the deadline left out of the requirement.
        #expect(table.contains("Rate of CAFs per 10,000 — a…"))
        #expect(table.contains("at most 12%  "))
        #expect(table.contains("ongoing"))
        #expect(table.contains("17.3% (31 Aug 2013)"))
    }

    @Test func tableGolden() {
        let table = EvaluationTable(color: false).render(Self.evaluation, model: Self.model)
        assertGolden(table, matches: fixturesDirectory.appendingPathComponent("eval/table.txt"))
        let narrow = EvaluationTable(color: false, width: 200).render(Self.evaluation, model: Self.model)
        assertGolden(narrow, matches: fixturesDirectory.appendingPathComponent("eval/table-wide.txt"))
    }

    @Test func colourOnlyPaintsAndChangesNothingElse() {
        let plain = EvaluationTable(color: false).render(Self.evaluation, model: Self.model)
        let coloured = EvaluationTable(color: true).render(Self.evaluation, model: Self.model)
        #expect(coloured.contains("\u{1B}[32mmet\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mat risk\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mmissed\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[35mno data\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[34mpending\u{1B}[0m"))
        #expect(Self.stripEscapes(coloured) == plain)
    }

    @Test func tableSanitisesControlCharactersAndCountsScalars() {
        var model = Self.model
        model.items[1].title = "tab\there\u{1B}[31m"
        var evaluation = Self.evaluation
        evaluation.judgements[1].title = "tab\there\u{1B}[31m"
        evaluation.judgements[1].id = "é́2.3"  // combining accent: two scalars, one character
        let table = EvaluationTable(color: false, width: 300).render(evaluation, model: model)
        #expect(!table.contains("\u{1B}"))
        #expect(!table.contains("\t"))
        #expect(table.contains("tab here [31m"))
        // Columns line up by scalars: every row's status starts in one column.
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        #expect(rows.count == 7)
        let columns = Set(rows.compactMap { row in
            ["Status", "met", "at risk", "missed", "no data", "pending"].lazy
                .compactMap { Self.scalarColumn(of: "  " + $0 + "  ", in: String(row)) }.first
        })
        #expect(columns.count == 1)
    }

    @Test func explanationWrapsWhenThereIsRoom() {
        let wide = EvaluationTable(color: false, width: 200).render(Self.evaluation, model: Self.model)
        let lines = wide.split(separator: "\n")
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 200 })
        let continuation = lines.filter { $0.hasPrefix(String(repeating: " ", count: 40)) }
        #expect(!continuation.isEmpty)
        #expect(EvaluationTable.wrap("aa bb cc dd", width: 5) == ["aa bb", "cc dd"])
        #expect(EvaluationTable.wrap("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
        #expect(EvaluationTable.truncate("abcdef", to: 4) == "abc…")
        #expect(EvaluationTable.truncate("abcd", to: 4) == "abcd")
    }

    /// The scalar offset of `needle` in `text`, or nil.
    static func scalarColumn(of needle: String, in text: String) -> Int? {
        let haystack = Array(text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        guard haystack.count >= pattern.count else { return nil }
        return (0...(haystack.count - pattern.count)).first { Array(haystack[$0..<$0 + pattern.count]) == pattern }
    }

    static func stripEscapes(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = s.unicodeScalars[...]
        while let c = scalars.popFirst() {
            if c == "\u{1B}" {
                while let next = scalars.popFirst(), next != "m" {}
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    // MARK: - Filters

    func ids(_ filter: EvaluationFilter) -> [String] {
        filter.apply(Self.evaluation, model: Self.model).judgements.map { "\($0.id)/\($0.milestone)" }
    }

    @Test func emptyFilterKeepsEverything() {
        #expect(ids(EvaluationFilter()).count == 6)
        #expect(EvaluationFilter().apply(Self.evaluation, model: Self.model).asOf == Self.evaluation.asOf)
    }

    @Test func filterByLeadIsCaseInsensitiveAndInheritsFromSections() {
        #expect(ids(EvaluationFilter(leads: ["paul evans"])) == ["4.1/0"])
        #expect(ids(EvaluationFilter(leads: ["  REBECCA WILSHIRE "])) == ["1.7/0"])
        // The recommendation's lead sees everything under it, B2 included (part of A1).
        #expect(ids(EvaluationFilter(leads: ["director"])) == ["2.3/0", "3.7/0", "3.7/1", "1.7/0", "4.1/0"])
        #expect(ids(EvaluationFilter(leads: ["nobody"])) == [])
    }

    @Test func filterByWorkstream() {
        #expect(ids(EvaluationFilter(workstreams: ["QOP"])) == ["3.7/0", "3.7/1"])
        // 3.7 is in QOP, its own, not its section's EFD: an item is in one workstream.
        #expect(ids(EvaluationFilter(workstreams: ["efd"])) == ["2.3/0", "1.7/0", "4.1/0"])
        #expect(ids(EvaluationFilter(workstreams: ["QOP", "XYZ"])) == ["3.7/0", "3.7/1"])
    }

    @Test func filterByStatusKeyAndCombined() {
        #expect(ids(EvaluationFilter(statuses: [.missed])) == ["3.7/0", "4.1/0"])
        #expect(ids(EvaluationFilter(statuses: [.atRisk, .missed])) == ["3.7/0", "3.7/1", "4.1/0"])
        #expect(ids(EvaluationFilter(keyOnly: true)) == ["2.3/0"])
        #expect(ids(EvaluationFilter(leads: ["Paul Evans"], statuses: [.met])) == [])
        #expect(ids(EvaluationFilter(workstreams: ["EFD"], statuses: [.missed])) == ["4.1/0"])
    }

    @Test(arguments: [
        ("at-risk", Status.atRisk), ("at risk", .atRisk), ("no-data", .noData), ("no data", .noData),
        ("missed", .missed), ("met", .met), ("pending", .pending),
    ])
    func statusSlugs(slug: String, status: Status) {
        #expect(Status(slug: slug) == status)
    }

    // MARK: - Through the pipeline and the CLI

    static let planText = """
        plan "Writers"
          period April 2013 to March 2014
        workstream EFD "Early help"

        recommendation A1 "First, with a comma"
          workstream EFD
        measure 2.3 "% seen, \\"quickly\\""
          target >= 90% by September
          key
        measure 3.7 "% repeats"
          polarity lower
          target <= 15% by September
        action 1.7 "Build the MASH"
          lead "Paul Evans"
          due March 2014

        """

    static let dataText = """
        measure,date,value,series
        2.3,2013-08,88%,
        2.3,2013-09,91%,
        3.7,2013-09,17%,

        """

    @Test func pipelineOutputsAgreeAndRepeat() {
        let files = MemoryFiles(["p.plan": Self.planText, "d.csv": Self.dataText])
        let asOf = CalendarDate.parseISO("2013-10-01")!
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: asOf)
        #expect(!run.diagnostics.hasErrors, "\(run.diagnostics.map(\.message))")
        let e = run.evaluation
        #expect(e.judgements.map(\.id) == ["2.3", "3.7", "1.7"])
        let json = EvaluationJSON.render(e, model: run.model)
        #expect(json["results"]?[0]?["title"] == .string("% seen, \"quickly\""))
        #expect(json["results"]?[0]?["workstream"] == .string("EFD"))
        #expect(json["results"]?[2]?["kind"] == .string("action"))
        #expect(json["results"]?[2]?["status"] == .string("pending"))
        let table = EvaluationTable(color: false).render(e, model: run.model)
        #expect(table.contains("Recommendation A1  First, with a comma"))
        #expect(table.hasSuffix("1 met, 0 at risk, 1 missed, 0 no data, 1 pending\n"))
        let again = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: asOf)
        #expect(EvaluationTable(color: false).render(again.evaluation, model: again.model) == table)
        #expect(EvaluationCSV.render(again.evaluation, model: again.model) == EvaluationCSV.render(e, model: run.model))
        #expect(JUnitWriter.render(again.evaluation, model: again.model) == JUnitWriter.render(e, model: run.model))
    }

    @Test func cliFormatsFiltersAndExitCodes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.planText.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try Self.dataText.write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let base = ["eval", "p.plan", "--data", "d.csv", "--as-of", "2013-10-01"]

        let table = runCLI(base, in: directory)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasSuffix("1 met, 0 at risk, 1 missed, 0 no data, 1 pending\n"))
        #expect(!table.stdout.contains("\u{1B}"))
        #expect(runCLI(base, in: directory).stdout == table.stdout)

        let json = runCLI(base + ["--format", "json"], in: directory)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["asOf"] as? String == "2013-10-01")
        #expect((object?["results"] as? [Any])?.count == 3)

        let csv = runCLI(base + ["--format=csv", "--status", "missed"], in: directory)
        #expect(Self.parseCSV(csv.stdout).count == 2)
        let junit = runCLI(base + ["--format", "junit"], in: directory)
        #expect(junit.stdout.contains(#"failures="1""#))
        #expect(Self.tagsBalance(junit.stdout))

        #expect(runCLI(base + ["--lead", "paul evans", "--format", "csv"], in: directory).stdout
            .split(separator: "\n").count == 2)
        #expect(runCLI(base + ["--key", "--format", "csv"], in: directory).stdout.split(separator: "\n").count == 2)
        #expect(runCLI(base + ["--fail-on", "missed"], in: directory).status == 1)
        #expect(runCLI(base + ["--fail-on", "at-risk"], in: directory).status == 1)
        // Filtered down to what is not missed, --fail-on has nothing to fail on.
        #expect(runCLI(base + ["--fail-on", "missed", "--status", "met,pending"], in: directory).status == 0)

        let badDate = runCLI(["eval", "p.plan", "--as-of", "2013-02-29"], in: directory)
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--as-of"))
        #expect(runCLI(base + ["--format", "xml"], in: directory).status == 2)
        #expect(runCLI(base + ["--status", "late"], in: directory).status == 2)
        #expect(runCLI(base + ["--fail-on", "met"], in: directory).status == 2)
        #expect(runCLI(["eval", "p.plan", "--data", "missing.csv"], in: directory).status == 2)
        #expect(runCLI(["eval"], in: directory).status == 2)
    }

    @Test func cliPrintsNoJudgementsWhenTheDataHasErrors() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.planText.write(to: directory.appendingPathComponent("p.plan"), atomically: true, encoding: .utf8)
        try (Self.dataText + "2.3,2013-13,90%,\n").write(to: directory.appendingPathComponent("bad.csv"),
                                                       atomically: true, encoding: .utf8)
        let result = runCLI(["eval", "p.plan", "--data", "bad.csv", "--as-of", "2013-10-01"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.csv:5:"))
    }
}
