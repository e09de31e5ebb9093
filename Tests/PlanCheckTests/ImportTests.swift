import Foundation
import Testing
@testable import PlanCheck

// `plancheck import`: plan tables in, plans out. Golden files for the two seeds
// and for tables in other councils' shapes; every imported plan checked and
// formatted again; the English criteria and timescales table-driven; bad input
// and `-o`/`--force` through the built CLI.

@Suite struct ImportTests {}

private let importFixtures = fixturesDirectory.appendingPathComponent("import")

/// The tables of `Tests/Fixtures/import`, by name.
private func importCases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: importFixtures.path)) ?? []
    return names.filter { $0.hasSuffix(".tsv") || $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }.sorted()
}

private func base(_ name: String) -> String {
    String(name[..<name.lastIndex(of: ".")!])
}

/// Extra arguments for a case, one a line, from `NAME.args` when there is one.
private func extraArguments(_ name: String) -> [String] {
    let url = importFixtures.appendingPathComponent(base(name) + ".args")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init)
}

// MARK: - Golden imports

extension ImportTests {
    /// `plancheck import NAME` from inside the fixtures folder: standard output
    /// is `BASE.plan`; `exit: N` and standard error are `BASE.stderr`.
    @Test(arguments: importCases())
    func goldenImport(_ name: String) {
        let result = runCLI(["import", name] + extraArguments(name), in: importFixtures)
        assertGolden(result.stdout, matches: importFixtures.appendingPathComponent(base(name) + ".plan"))
        assertGolden("exit: \(result.status)\n" + result.stderr,
                     matches: importFixtures.appendingPathComponent(base(name) + ".stderr"))
    }

    @Test func everyShapeHasACase() {
        let names = importCases()
        for name in ["cheshire-east-2013.tsv", "cambridgeshire-2014.tsv", "rag-tracker.csv", "action-plan.tsv",
                     "merged-cells.csv", "excel-bom-crlf.csv", "heading-rows.csv", "plan-table.xlsx",
                     "blank-cells.xlsx", "group-headings.csv", "two-row-header.xlsx",
                     "completion-dates.csv", "word-split-rows.tsv", "word-headings.tsv", "criteria-and-leads.csv"] {
            #expect(names.contains(name))
        }
        // The Excel case really has a byte order mark and CRLF line ends.
        let bytes = (try? Data(contentsOf: importFixtures.appendingPathComponent("excel-bom-crlf.csv"))) ?? Data()
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(bytes.range(of: Data("\r\n".utf8)) != nil)
    }

    /// Every golden plan checks without errors (warnings allowed): what the
    /// import writes is a plan the tools accept.
    @Test(arguments: importCases())
    func importedPlanChecks(_ name: String) throws {
        let plan = try String(contentsOf: importFixtures.appendingPathComponent(base(name) + ".plan"), encoding: .utf8)
        #expect(!plan.isEmpty)
        let run = checkRun(plan)
        #expect(!run.diagnostics.hasErrors, "\(name):\n\(run.listing)")
    }

    /// The output is in `fmt` form: formatting it changes nothing.
    @Test(arguments: importCases())
    func importedPlanIsInFmtForm(_ name: String) throws {
        let plan = try String(contentsOf: importFixtures.appendingPathComponent(base(name) + ".plan"), encoding: .utf8)
        #expect(Formatter.format(SourceFile(name: "p.plan", text: plan)) == plan)
    }

    /// The Cheshire East seed states 23 numeric criteria. Each with a word for
    /// its direction becomes a target, and so does each share stated as an
    /// aim met ("Target is that 90% of children will be seen within 10
    /// days"); the one share that names what may be fewer ("80% of agency
    /// consultation ... by telephone") is a TODO that asks for a polarity, and
    /// every other measure carries a TODO too.
    @Test func cheshireEastEveryNumericCriterionIsATarget() throws {
        let tsv = try Data(contentsOf: importFixtures.appendingPathComponent("cheshire-east-2013.tsv"))
        let imported = try PlanImport.run(bytes: Array(tsv), options: .init(name: "seed.tsv")).get()
        let blocks = entryBlocks(imported.text)
        let withTargets = blocks.filter { $0.body.contains("\n  target ") }.map(\.id)
        #expect(withTargets == ["A1-1", "A1-2", "3.7", "2.11", "A3-2", "A3-4", "2.3", "2.4", "2.5", "B1-1", "B1-2",
                                "3.2", "B1-7", "2.9", "2.10", "2.11-B3", "2.12", "4.5", "4.1", "C3-1", "C3-3", "C3-6"])
        #expect(imported.targets == 22)
        #expect(imported.text.contains("target >= 90% by September"))
        let shares = blocks.filter { $0.body.contains("gives a share but not which way is better") }.map(\.id)
        #expect(shares == ["3.3"])
        for block in blocks where !block.body.contains("\n  target ") && !shares.contains(block.id) {
            #expect(block.body.contains("# TODO: no numeric target in"), "\(block.id)")
        }
        #expect(imported.measures == 49 && imported.sections == 16)
        #expect(imported.text.contains("target no less than 75 per 10,000 by November"))
        #expect(imported.text.contains("measure 2.12 \"Max single SW caseload (ChECS, CAT, CIN, CP)\"\n  workstream QOP\n  evidence measure \"Performance book\"\n  target <= 30 by October"))
        // The footer notes are kept as comments, not read as recommendations.
        #expect(imported.text.hasSuffix("# Note 2 There are no measures included on initial assessments or core assessments as these are phased out from July 2013\n"))
    }

    /// The Cambridgeshire seed: 42 actions under 10 outcomes, the table split by
    /// eight repeated headers put back together. Its one numeric criterion,
    /// "All ICPCs will be held within 15 working days", is a standard whose
    /// target (the percentage that meets it) the table does not give: a TODO.
    @Test func cambridgeshireSplitCellsAreJoined() throws {
        let tsv = try Data(contentsOf: importFixtures.appendingPathComponent("cambridgeshire-2014.tsv"))
        let imported = try PlanImport.run(bytes: Array(tsv), options: .init(name: "seed.tsv")).get()
        #expect(imported.actions == 42 && imported.sections == 10 && imported.targets == 0)
        let text = imported.text
        #expect(text.contains("outcome 3 \"Ensure that assessments analyse and focus on the child's individual experience and needs, in particular evidencing meaningful consideration of the child's religious, ethnic or cultural needs and how these are going to be\""))
        #expect(text.contains("action 7.1 \"Improve the Pathway Planning (PWP) template, ensuring that plans are individualised, action-focussed and have smarter targets\"\n  lead \"Claire Betteridge\", \"Teresa McMillan\", \"Michelle Dean\""))
        #expect(text.contains("action 1.4 \"Alert Safeguarding and Standards Unit (SASU) to any potential Initial Child Protection Conferences (ICPCs) immediately after strategy discussion\"\n  lead \"Fiona Van Den Hout\", \"Rebecca Wilshire\", \"Sarah Jane Smedmor\"\n  due ongoing\n  note \"All ICPCs will be held within 15 working days as evidenced by performance data. Ongoing\""))
        #expect(text.contains("# TODO: \"All ICPCs will be held within 15 working days as evidenced by performance data\" sets a standard (\"within 15 working days\"), not a target"))
        #expect(text.contains("action 3.2 \"Add Anti-Discriminatory Practice (ADP) to Unit meeting agendas as a standalone item to ensure it is considered as part of the discussion\"\n  lead \"Fiona Van Den Hout\"\n  due 10 November 2014"))
        #expect(text.contains("action 1.8 \"Ensure all relevant staff have completed CP training\"\n  lead \"Fiona Van Den Hout\", \"Rebecca Wilshire\", \"Cathy Smith\", \"Paul Evans\"\n  due March 2015"))
        #expect(!text.contains("<p>"))
        #expect(text.contains("lead \"Fiona Van Den Hout\"\n  role \"Head of Children in Need (CIN)\""))
    }

    private func entryBlocks(_ text: String) -> [(id: String, body: String)] {
        var blocks: [(id: String, body: String)] = []
        for chunk in text.components(separatedBy: "\n\n") {
            let lines = chunk.split(separator: "\n")
            guard let header = lines.first(where: { $0.hasPrefix("measure ") || $0.hasPrefix("action ") }) else { continue }
            blocks.append((String(header.split(separator: " ")[1]), "\n" + chunk))
        }
        return blocks
    }
}

// MARK: - Criteria and timescales in words

extension ImportTests {
    static let criteria: [(String, String?)] = [
        ("No less than 85% of consultations to be referred within 1 working day", "no less than 85%"),
        ("No more than 15% of children are subject to a plan for a 2nd time", "no more than 15%"),
        ("100% of children seen within 24 hours", "= 100%"),
        ("below 14.4%", "below 14.4%"),
        ("Agency staff reduced by 30%", "decrease by 30%"),
        ("from 80% to 90%", "from 80% to 90%"),
        ("increase by 25%", "increase by 25%"),
        ("Re-referrals do not exceed 5%", "<= 5%"),
        ("10% or less", "<= 10%"),
        ("within 15 working days", "<= 15 working days"),
        ("Target is that 75% of cases will take 35 days or less", ">= 75%"),
        ("No less than 75 CAFs per 10,000 population", "no less than 75 per 10,000"),
        ("Less than 10% of CIN reviews will result in a change of plan", "less than 10%"),
        ("Aim to have 80% of agency consultation to ChECS by telephone", ">= 80%"),
        ("70% permanent, experienced Social Workers and Managers", ">= 70%"),
        ("There are no more than 2% unfilled vacancies", "no more than 2%"),
        ("No Social Worker with a caseload of more than 30", "<= 30"),
        ("20 or fewer", "<= 20"),
        ("Re-referrals reduced from 20% to 15%", "from 20% to 15%"),
        ("at least 90%", "at least 90%"),
        ("<10% of contacts", "< 10%"),
        ("≥ 85%", ">= 85%"),
        ("Reduce to 12%", "<= 12%"),
        ("Reduce agency staff to 10%", "<= 10%"),
        ("Reduce re-referrals from 25% to 20%", "from 25% to 20%"),
        ("Increase plans reviewed on time by 10 points", "increase by 10 points"),
        ("a reduction of 10%", "decrease by 10%"),
        ("increase by 10 percentage points", "increase by 10 points"),
        ("85 per cent of plans reviewed", ">= 85%"),
        ("Maintain performance at or above 90%", ">= 90%"),
        ("Caseloads no higher than 18 per worker", "<= 18"),
        ("An increase of 10% on last year", "increase by 10%"),
        ("90%+ of plans reviewed on time", ">= 90%"),
        ("to not exceed 25 cases per social worker", "<= 25"),
        ("No child to wait more than 20 working days for an assessment", "<= 20 working days"),
        // The language's own comparison words read as it reads them.
        ("Over 90% of ICPCs within 15 days", "> 90%"),
        ("not below 85%", ">= 85%"),
        ("up to 5%", "<= 5%"),
        ("Maximum 15%", "<= 15%"),
        ("Minimum 80%", ">= 80%"),
        // Not read: no figure, a figure that is not a target, or words that could mean either.
        ("No more than 1 in 10 referrals are re-referrals", nil),
        ("2 out of 3 audits rated good", nil),
        ("Between 80% and 90%", nil),
        ("85% - 90%", nil),
        ("All cases that meet the criteria will be reviewed", nil),
        ("Case files show a significant and sustained improvement", nil),
        ("In line with national/statistical neighbour average", nil),
        ("% of MARAC meetings have a member of ChECS staff in attendance", nil),
        ("increased from the baseline as at April 2013", nil),
        ("numbers to rise from 2013 to 2014", nil),
        ("aged 16+ and 14+ years, year 12 and 13", nil),
        ("Under 20%", "< 20%"),
        ("Proportion of care leavers at 19 years of age", nil),
        ("from the baseline of 45% of case files", nil),
        ("Increased number of open and active CAFs", nil),
    ]

    @Test(arguments: criteria)
    func criterionInWords(_ text: String, _ expected: String?) {
        let found = Criterion.targets(Criterion.read(text)).filter { $0.kind != .bareLevel }
        #expect(found.first?.requirement == expected, "\(text)")
    }

    /// "each quarter" makes the level a standard for every period, not one deadline.
    @Test func recurringStandards() {
        #expect(Criterion.read("At least 50 referrals audited each quarter").map(\.recurrence) == ["each quarter"])
        #expect(Criterion.read("90% of visits on time every month").map(\.recurrence) == ["each month"])
        #expect(Criterion.read("No less than 85% by March. Quarterly reports to the Board").map(\.recurrence) == [nil])
    }

    /// A figure whose sentence says more than the import reads is not written
    /// as if it said less; a sentence's own date is the target's.
    @Test func theRestOfTheSentence() {
        #expect(Criterion.read("Timeliness above 80% for three consecutive months").first?.unread != nil)
        #expect(Criterion.read("80% of cases graded good by 2015").first?.unread == "by 2015")
        #expect(Criterion.read("Above 80% for 3 months").first?.unread == "for 3 months")
        let own = Criterion.read("Increase EET from 45% to 60% by March 2014")
        #expect(own.first?.requirement == "from 45% to 60%")
        #expect(own.first?.deadline == "March 2014")
        #expect(own.first?.unread == nil)
    }

    /// A share with no comparison word takes its direction from a polarity
    /// column; else a share stated as an aim met ("90% of members are
    /// trained") is at least that share, and one of what a plan wants fewer
    /// of ("22% re-referrals") is a guess, left as a TODO.
    @Test func sharesAndTheirDirection() throws {
        let table = "Ref,Measure,Polarity,Target,Timescale\n"
            + "1,% of members trained,,90% of members are trained,31.03.14\n"
            + "2,% re-referrals,,22% re-referrals,31.03.14\n"
            + "3,% re-referrals,Lower is better,22% re-referrals,31.03.14\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("measure 1 \"% of members trained\"\n  target >= 90% by 31.03.14"), "\(text)")
        #expect(text.contains("# TODO: \"22% re-referrals\" gives a share but not which way is better: add a polarity, or write >= or <=\nmeasure 2 "))
        #expect(text.contains("measure 3 \"% re-referrals\"\n  polarity lower\n  target <= 22% by 31.03.14"))
    }

    /// A criterion's own deadline is the target's ("by end of Q2", a bare
    /// quarter in the period); one that is not read ("by Sept 14", "within
    /// 6 months" just after the level) is a TODO: the Timescale column's date
    /// must not stand in for it. A length of time that says which cases
    /// count ("open more than 12 months", "re-referred within 12 months") is
    /// no level and no deadline.
    @Test func theCriterionsOwnWordsWin() throws {
        let table = "Ref,Action,Lead Officer,Timescale,Success Criteria\n"
            + "1.1,A,Head of CIN,31.03.15,No more than 10% by end of Q2\n"
            + "1.2,B,Head of CIN,31.03.15,At least 80% by the end of September\n"
            + "1.8,H,Head of CIN,Q3,At least 80% by Sept 14\n"
            + "1.3,C,Head of CIN,31.03.15,At least 80% within 6 months\n"
            + "1.4,D,Head of CIN,31.03.15,At least 80% by September 2014\n"
            + "1.5,E,Head of CIN,31.03.15,No more than 15% of contacts re-referred within 12 months\n"
            + "1.6,F,Head of CIN,31.03.15,The number of CIN cases open more than 12 months reduced by 25%\n"
            + "1.7,G,Head of CIN,31.03.15,At least 80% of plans signed off by managers\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv", period: "April 2014 to March 2015")).get().text
        // "by end of Q2" and "by the end of September" are read, in the period.
        #expect(text.contains("action 1.1 \"A\"\n  lead \"Head of CIN\"\n  due 31.03.15\n  target no more than 10% by Q2"), "\(text)")
        #expect(text.contains("action 1.2 \"B\"\n  lead \"Head of CIN\"\n  due 31.03.15\n  target at least 80% by September"))
        #expect(text.contains("# TODO: \"At least 80%\" comes with words not read: \"within 6 months\"\naction 1.3"))
        #expect(text.contains("target at least 80% by September 2014"))
        // A bare quarter in the Timescale column is placed in the period; "Sept 14" is not read.
        #expect(text.contains("# TODO: \"At least 80%\" comes with words not read: \"by Sept 14\"\naction 1.8 \"H\"\n  lead \"Head of CIN\"\n  due Q3"))
        #expect(text.contains("target no more than 15% by 31.03.15"))
        #expect(text.contains("target decrease by 25% by 31.03.15"))
        #expect(!text.contains("target more than 12"))
        #expect(text.contains("target at least 80% by 31.03.15"))
    }

    /// A Target cell that is just a count takes its direction from the
    /// polarity, as a percentage does; with none it is a TODO.
    @Test func aCountTargetCellTakesThePolarity() throws {
        let table = "Ref,Measure,Polarity,Target,Target date\n"
            + "M3,Number of agency social workers,Lower is better,30,31.03.15\n"
            + "M4,Number of foster carers,Higher is better,\"15,000\",31.03.15\n"
            + "M5,Children seen,,30,31.03.15\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("measure M3 \"Number of agency social workers\"\n  polarity lower\n  target <= 30 by 31.03.15"), "\(text)")
        #expect(text.contains("target >= 15,000 by 31.03.15"))
        #expect(text.contains("# TODO: \"30\" gives a level but no direction: add a polarity, or write >= or <=\nmeasure M5"))
    }

    /// "1." in the No. column beside "1.1 Introduce ..." is the
    /// recommendation's number: the action keeps its own.
    @Test func anActionNumberedInItsCellKeepsItsNumber() throws {
        let table = "No.\tOfsted Recommendation\tAction\tLead Officer\tTimescale\n"
            + "1.\tEnsure CIN plans are reviewed\t1.1 Introduce CIN review tracker\tHead of CIN\t30/09/2014\n"
            + "\t\t1.2 Audit a sample of plans\tHead of CIN\t31/12/2014\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.tsv")).get().text
        #expect(text.contains("action 1.1 \"Introduce CIN review tracker\""), "\(text)")
        #expect(text.contains("action 1.2 \"Audit a sample of plans\""))
        #expect(!text.contains("action 1 "))
    }

    /// Each line of a lead cell is a lead (a bracketed line qualifies the one
    /// above); an unspaced slash parts two names of two words or more, not
    /// a role's abbreviations.
    @Test func leadsByLineAndSlash() throws {
        let table = "Ref,Action,Lead Officer,Timescale\n"
            + "1.1,A,\"Jane Smith\nJohn Brown\",31.03.15\n"
            + "1.2,B,Head of CIN/CP,31.03.15\n"
            + "1.3,C,Jane Smith/John Brown,31.03.15\n"
            + "1.4,D,\"Head of Service\n(Safeguarding)\",31.03.15\n"
            + "1.5,E,AD / HoS,31.03.15\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("action 1.1 \"A\"\n  lead \"Jane Smith\", \"John Brown\""), "\(text)")
        #expect(text.contains("action 1.2 \"B\"\n  lead \"Head of CIN/CP\""))
        #expect(text.contains("action 1.3 \"C\"\n  lead \"Jane Smith\", \"John Brown\""))
        #expect(text.contains("action 1.4 \"D\"\n  lead \"Head of Service (Safeguarding)\""))
        #expect(text.contains("action 1.5 \"E\"\n  lead \"AD\", \"HoS\""))
    }

    /// A sentence with a figure that no requirement was read from is a
    /// TODO beside the targets written, so no figure goes unmentioned.
    @Test func everyFigureIsWrittenOrNamed() throws {
        let table = "Ref,Action,Lead Officer,Timescale,Success Criteria\n"
            + "1.1,A,Head of CIN,31.03.15,Not less than 75% of reviews on time; none later than 20 days\n"
            + "1.2,B,Head of CIN,31.03.15,No less than 85% of contacts screened within 1 working day\n"
            + "1.3,C,Head of CIN,31.03.15,At least 90% of plans reviewed by 31 March 2015.\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("# TODO: a further figure, not read: \"none later than 20 days\"\naction 1.1 \"A\""), "\(text)")
        #expect(text.contains("target >= 75% by 31.03.15"))
        // A duration that is the target's own standard, and a date, are no further figures.
        #expect(!text.contains("# TODO: a further figure, not read: \"No less than 85%"))
        #expect(!text.contains("# TODO: a further figure, not read: \"At least 90%"))
    }

    /// A workbook's second plan table is named, not passed over in silence.
    @Test func anotherSheetWithATableIsNamed() throws {
        let header = ["Ref", "Action", "Lead Officer", "Timescale", "Success Criteria"]
        let book = ZipWriter.workbook([
            ("Open actions", [header, ["1.1", "Audit", "Head of CIN", "31.03.15", "At least 80%"]]),
            ("Closed actions", [header, ["0.1", "Review", "Head of CIN", "31.03.14", "Done"]]),
            ("Notes", [["RAG key"], ["Red: off track"]]),
        ])
        let imported = try PlanImport.run(bytes: book, options: .init(name: "t.xlsx")).get()
        #expect(imported.text.contains("action 1.1 \"Audit\""))
        #expect(imported.otherSheets == ["Closed actions"])
        let named = try PlanImport.run(bytes: book, options: .init(name: "t.xlsx", sheet: "Closed actions")).get()
        #expect(named.text.contains("action 0.1 \"Review\"") && named.otherSheets.isEmpty)
    }

    @Test func aBareLevelNeedsADirection() {
        let found = Criterion.read("Target 90%")
        #expect(found.map(\.kind) == [.bareLevel])
        #expect(found.first?.requirement == "90%")
        #expect(Criterion.read("Target: 100%").first?.requirement == "= 100%")
        // A label and a level: "at least 22% re-referrals" would be the wrong way round.
        #expect(Criterion.read("Target: 22% re-referrals").map(\.kind) == [.bareLevel])
        #expect(Criterion.read("Target is that 90% of children are seen").map(\.requirement) == [">= 90%"])
        #expect(Criterion.read("Target 90% of members trained").map(\.requirement) == [">= 90%"])
    }

    static let timescales: [(String, String?)] = [
        ("September", "September"),
        ("Apr-18", "Apr-18"),
        ("31.03.12", "31.03.12"),
        ("31/03/2012", "31/03/2012"),
        ("With immediate effect", "immediately"),
        ("Immediately", "immediately"),
        ("within next 3 months", "within 3 months"),
        ("Within the next six weeks", "within 6 weeks"),
        ("ongoing", "ongoing"),
        ("On-going.", "ongoing"),
        ("Feb14", "February 2014"),
        ("31st March 2014", "31 March 2014"),
        ("End of March 2012", "March 2012"),
        ("Sept 2013", "September 2013"),
        ("End of Q2 2013/14", "Q2 2013/14"),
        ("March-14", "March-14"),
        ("31/3/14", "31/3/14"),
        ("Q3 2011/12", "Q3 2011/12"),
        ("Q4 2013-14", "Q4 2013-14"),
        ("q2 13/14", "Q2 13/14"),
        ("2013/14", "2013/14"),
        ("By 30 September 2013", "30 September 2013"),
        ("12.12.13 – 31.03.14", "12.12.13 to 31.03.14"),
        ("12.12.13-31.03.14", "12.12.13 to 31.03.14"),
        ("September 2013 to March 2014", "September 2013 to March 2014"),
        // Not read.
        ("Summer 2014", nil),
        ("March 14", nil),
        ("TBC", nil),
        ("End of 10 March 2014", nil),
        ("September 2013 and ongoing", nil),
        ("within 20 working days", nil),
        ("31.02.13", nil),
    ]

    @Test(arguments: timescales)
    func timescaleInWords(_ text: String, _ expected: String?) {
        let read: String? = switch DatePhrase.timescale(text) {
        case .deadline(let d): d
        case .range(let a, let b): "\(a) to \(b)"
        case nil: nil
        }
        #expect(read == expected, "\(text)")
    }

    @Test func ragAndProgressCells() {
        #expect(CommentaryCell.rag("A")?.rating == "amber")
        #expect(CommentaryCell.rag("Green")?.rating == "green")
        #expect(CommentaryCell.rag("R - two vacancies")?.reason == "two vacancies")
        #expect(CommentaryCell.rag("Amber/Green") == nil)
        #expect(CommentaryCell.rag("Blue") == nil)
        #expect(CommentaryCell.dated("Nov 2013: 23.5% in month")?.date == "November 2013")
        #expect(CommentaryCell.dated("30.11.13 - all on time")?.text == "all on time")
        #expect(CommentaryCell.dated("Dec 13: ambiguous") == nil)
        #expect(CommentaryCell.dated("Tracking through audit") == nil)
    }

    @Test func cellsLoseTheirMarkup() {
        #expect(CellCleaner.paragraphs("<p>1.5 Incorporate</p> <p>Make changes</p>") == ["1.5 Incorporate", "Make changes"])
        #expect(CellCleaner.clean("Head of CIN &amp; LAC<br/>now\u{A0} here") == "Head of CIN & LAC now here")
        #expect(CellCleaner.clean("<10% of contacts") == "<10% of contacts")
        #expect(CellCleaner.clean("a < b and c > d") == "a < b and c > d")
    }

    @Test func leadCells() {
        let leads = TableImporter.leads("Fiona Van Den Hout (Head of Children in Need (CIN)/ Rebecca Wilshire (Head of Access)/")
        #expect(leads.map(\.name) == ["Fiona Van Den Hout", "Rebecca Wilshire"])
        #expect(leads.map(\.role) == ["Head of Children in Need (CIN)", "Head of Access"])
        #expect(TableImporter.leads("Head of Service (Safeguarding)").map(\.name) == ["Head of Service (Safeguarding)"])
        #expect(TableImporter.leads("All HOS").map(\.name) == ["All HOS"])
    }

    @Test func headerWords() {
        #expect(ColumnRole.recognise("Success measure(s)") == .criteria)
        #expect(ColumnRole.recognise("Rec ref") == .sectionRef)
        #expect(ColumnRole.recognise("Perf Book ref") == .entryRef)
        #expect(ColumnRole.recognise("EG sign-off") == .signoff(board: "EG"))
        #expect(ColumnRole.recognise("We will:") == .entry(isAction: true))
        #expect(ColumnRole.recognise("Evidence") == .entry(isAction: false))
        #expect(ColumnRole.recognise("Evidence type") == .evidenceKind)
        #expect(ColumnRole.recognise("Person Responsible") == .lead)
        #expect(ColumnRole.recognise("Target date") == .timescale)
        #expect(ColumnRole.recognise("RAG (Nov 2013)") == .rag)
        #expect(ColumnRole.recognise("Resources") == nil)
        #expect(ColumnRole.recognise("What") == .entry(isAction: true))
        #expect(ColumnRole.recognise("Who") == .lead)
        #expect(ColumnRole.recognise("When") == .timescale)
        #expect(ColumnRole.recognise("How will we know?") == .criteria)
        // When work starts is no deadline.
        #expect(ColumnRole.recognise("Start date") == nil)
        #expect(ColumnRole.recognise("Timescale Start") == nil)
        #expect(ColumnRole.recognise("Start and end date") == .timescale)
    }
}

// MARK: - Bad input and -o / --force

extension ImportTests {
    static let badTables: [(name: String, bytes: [UInt8], message: String)] = [
        ("empty.csv", [], "the file is empty"),
        ("blank.csv", Array("\n  \r\n\t\n".utf8), "the file is empty"),
        ("binary.csv", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10, 0x41], "binary file"),
        ("book.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "a ZIP file but not a workbook that can be read"),
        ("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600),
         "it is an old binary Excel file (.xls), not an .xlsx workbook; save it as .xlsx or CSV"),
        ("renamed.xlsx", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10, 0x41], "named like an Excel workbook but is not one"),
        ("no-header.csv", Array("Minutes of the board\nItem,Discussed by,Outcome agreed\nBudget,Chair,Yes\n".utf8),
         "no header row found"),
        ("one-column.csv", Array("Actions\nReview thresholds\nTrain staff\n".utf8), "one column only"),
        ("header-only.csv", Array("Measure,Target,Lead\n".utf8), "no rows under it"),
        ("no-entry-column.csv", Array("Recommendation,Target,Lead\nDo better,90%,Bob\n".utf8), "no column for the measures or actions"),
        ("book.csv", Array("measure,date,value,series\n2.3,2013-07,82.5%,\n".utf8), "this looks like a performance book"),
    ]

    @Test(arguments: badTables)
    func badInputIsAClearErrorAndExit2(_ name: String, _ bytes: [UInt8], _ message: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        let result = runCLI(["import", name, "-o", "out.plan"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("plancheck: \(name)"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.plan").path))
    }

    @Test func missingFileAndBadUsage() {
        let missing = runCLI(["import", "/nonexistent/plan.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /nonexistent/plan.csv"))
        #expect(runCLI(["import"]).status == 2)
        #expect(runCLI(["import", "a.csv", "b.csv"]).status == 2)
        #expect(runCLI(["import", "a.csv", "--bogus"]).status == 2)
    }

    @Test func outputRefusesToOverwriteWithoutForce() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let table = "Ref,Measure,Target,Timescale\n1,% of plans reviewed,No less than 90%,31.03.14\n"
        try table.write(to: directory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("plan.plan")
        try "precious\n".write(to: out, atomically: true, encoding: .utf8)

        let refused = runCLI(["import", "t.csv", "-o", "plan.plan"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("plan.plan exists; not overwritten (use --force to replace it)"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "precious\n")

        let forced = runCLI(["import", "t.csv", "-o", "plan.plan", "--force"], in: directory)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.isEmpty)
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.contains("measure 1 \"% of plans reviewed\"\n  target no less than 90% by 31.03.14"))
        #expect(forced.stderr.contains("imported 1 measure: 1 target recognised, 0 TODOs left; wrote plan.plan"))
        // No temporary file is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["plan.plan", "t.csv"])
        // What was written checks clean through the CLI too.
        #expect(runCLI(["check", "plan.plan"], in: directory).status == 0)

        // A new file is written without --force.
        let fresh = runCLI(["import", "t.csv", "-o", "new.plan"], in: directory)
        #expect(fresh.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("new.plan"), encoding: .utf8) == written)
    }

    @Test func theSameTableImportsTheSameWay() throws {
        let tsv = try Data(contentsOf: importFixtures.appendingPathComponent("action-plan.tsv"))
        let first = try PlanImport.run(bytes: Array(tsv), options: .init(name: "a.tsv")).get().text
        let second = try PlanImport.run(bytes: Array(tsv), options: .init(name: "a.tsv")).get().text
        #expect(first == second)
        // CRLF and a byte order mark change nothing but the comment naming the encoding.
        let crlf = [0xEF, 0xBB, 0xBF] + Array(String(decoding: tsv, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let third = try PlanImport.run(bytes: crlf, options: .init(name: "a.tsv")).get().text
        #expect(third.replacingOccurrences(of: " (UTF-8 with a byte order mark)", with: "") == first)
    }

    @Test func aGivenPeriodReplacesTheInferredOne() throws {
        let table = "Measure,Target,Timescale\n% seen,No less than 90%,September\n% visited,At least 80%,Summer 2014\n"
        let without = try PlanImport.run(bytes: Array("Title 2015/16\n".utf8) + Array("Note from 2011/12\n".utf8) + Array(table.utf8),
                                         options: .init(name: "t.csv")).get()
        // Two financial years named: no period can be inferred, so the bare month is a TODO.
        #expect(!without.text.contains("  period "))
        #expect(without.text.contains("# TODO: the timescale \"September\" needs the plan's period"))
        let with = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv", period: "April 2013 to March 2014")).get()
        #expect(with.text.contains("  period April 2013 to March 2014\n"))
        #expect(with.text.contains("target no less than 90% by September"))
        #expect(!checkRun(with.text).diagnostics.hasErrors)
    }

    /// With both an action and a measure column, the actions are the entries
    /// and the measure column is read as their criteria; a title that starts
    /// with a number keeps it unless the column numbers its rows.
    @Test func columnsThatCompete() throws {
        let table = "Outcome,Measure,Action,Lead,Timescale\n"
            + "Safer front door,No less than 90% of contacts screened in 24 hours,24 hour screening rota,Jo Bloggs,31.03.14\n"
            + ",,48 hour review of every strategy discussion,,ongoing\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("#   Measure -> target, read from the words"))
        #expect(text.contains("outcome 1 \"Safer front door\""))
        #expect(text.contains("action 1-1 \"24 hour screening rota\"\n  lead \"Jo Bloggs\"\n  due 31.03.14\n  target no less than 90% by 31.03.14"))
        #expect(text.contains("action 1-2 \"48 hour review of every strategy discussion\"\n  lead \"Jo Bloggs\"\n  due ongoing\n"))
        #expect(!checkRun(text).diagnostics.hasErrors)
    }

    /// What the checker would reject is left as a TODO with its reason: the
    /// plan written always checks.
    @Test func clausesTheCheckerRejectsBecomeTODOs() throws {
        let table = "Ref,Indicator,Baseline (March 2013),Target,Timescale\n"
            + "P1,Re-referrals,24.5,Do not exceed 22%,Mar-14\n"
            + "P3,Visits,12%,No less than 139%,Mar-14\n"
        let imported = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get()
        #expect(imported.text.contains("# TODO: baseline 24.5 at March 2013 is a plain number but the target is a percentage: which is meant?\nmeasure P1"))
        #expect(imported.text.contains("  # TODO: not written, as the checker says 139% is not a percentage between 0 and 100: target no less than 139% by Mar-14\n"))
        #expect(imported.targets == 1 && imported.todos == 2)
        #expect(!checkRun(imported.text).diagnostics.hasErrors)
    }

    /// A workbook: the first sheet with a plan table, or the one `--sheet` names.
    @Test func workbookSheets() throws {
        let named = runCLI(["import", "plan-table.xlsx", "--sheet", "Action plan"], in: importFixtures)
        let first = runCLI(["import", "plan-table.xlsx"], in: importFixtures)
        #expect(named.status == 0 && named.stdout == first.stdout)
        #expect(first.stdout.contains("(Excel workbook, sheet \"Action plan\"); the header is on row 3."))
        // A cell the reader could not read is a TODO, never a silent blank.
        #expect(first.stdout.contains("# TODO: cell 'Action plan'!G8 could not be read: the formula in this cell has no saved result\n"))

        let cover = runCLI(["import", "plan-table.xlsx", "--sheet", "Cover"], in: importFixtures)
        #expect(cover.status == 2)
        #expect(cover.stderr == "plancheck: plan-table.xlsx: cannot import: sheet \"Cover\": the table has one column only: no row has two cells (is it a list rather than a table, or saved with a separator other than a tab or a comma?)\n")
        let missing = runCLI(["import", "plan-table.xlsx", "--sheet", "Plan"], in: importFixtures)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the workbook has no sheet \"Plan\" (its sheets: \"Cover\", \"Action plan\", \"Notes\")"))
        // A table saved as text has no sheets: --sheet is refused, not ignored.
        let text = runCLI(["import", "rag-tracker.csv", "--sheet", "Plan"], in: importFixtures)
        #expect(text.status == 2)
        #expect(text.stderr == "plancheck: rag-tracker.csv: cannot import: --sheet \"Plan\" names a sheet of a workbook, but this is a table saved as text\n")
    }

    @Test func aPeriodThatIsNotOneIsRefused() {
        for period in ["next year", "31 February 2013 to March 2014", "April 2013 to March 2014\n  key", ""] {
            let result = PlanImport.run(bytes: Array("Measure,Target\nX,90%\n".utf8), options: .init(name: "t.csv", period: period))
            guard case .failure(let failure) = result else {
                Issue.record("period \(period.debugDescription) accepted")
                continue
            }
            #expect(failure.message.contains("is not read as a period"))
            #expect(!failure.message.contains("\n"))
        }
    }

    /// Excel's "Unicode text" (UTF-16 with a mark, tab-separated) and its plain
    /// CSV on Windows (Windows-1252) read as the same table as UTF-8.
    @Test func otherEncodings() throws {
        let text = "Ref\tMeasure\tTarget\tTimescale\n1\tSpend \u{A3}5k \u{2013} training\tNo less than 90%\t31.03.14\n"
        let utf8 = try PlanImport.run(bytes: Array(text.utf8), options: .init(name: "t.txt")).get().text
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let fromUTF16 = try PlanImport.run(bytes: utf16, options: .init(name: "t.txt")).get().text
        #expect(fromUTF16.replacingOccurrences(of: " (UTF-16)", with: "") == utf8)
        let cp1252 = Array(text.unicodeScalars.map { s -> UInt8 in s == "\u{2013}" ? 0x96 : UInt8(s.value) })
        let fromCP1252 = try PlanImport.run(bytes: cp1252, options: .init(name: "t.txt")).get().text
        #expect(fromCP1252.replacingOccurrences(of: " (Windows-1252, not UTF-8)", with: "") == utf8)
        #expect(utf8.contains("measure 1 \"Spend \u{A3}5k \u{2013} training\"\n  target no less than 90% by 31.03.14"))
    }

    /// With no timescale column, a criteria heading's date ("Target 2013/14") is its targets' deadline.
    @Test func aDatedTargetHeading() throws {
        let table = "Ref,Indicator,Target 2013/14\nP1,% seen,No less than 85%\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("# No timescale column: a target's deadline is the date in the heading Target 2013/14.\n"))
        #expect(text.contains("measure P1 \"% seen\"\n  target no less than 85% by 2013/14\n"))
        #expect(!checkRun(text).diagnostics.hasErrors)
    }

    @Test func semicolonSeparatedCSV() throws {
        let table = "Measure;Target;Timescale\n% seen;No less than 85,5%;31.03.14\n"
        let text = try PlanImport.run(bytes: Array(table.utf8), options: .init(name: "t.csv")).get().text
        #expect(text.contains("(CSV with semicolons)"))
        // The decimal comma is not read (nor taken for 85): a TODO, the words in the note.
        #expect(text.contains("# TODO: no numeric target in \"No less than 85,5%\"\nmeasure m-1 \"% seen\"\n  note \"No less than 85,5%\""))
    }

    @Test func standardInput() {
        let result = runCLI(["import", "-"], stdin: "Action,Lead,Timescale\nTrain staff,Bob Smith,ongoing\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("action a-1 \"Train staff\"\n  lead \"Bob Smith\"\n  due ongoing\n"))
        #expect(result.stdout.hasPrefix("# Imported by `plancheck import` from <stdin> (CSV)"))
        #expect(result.stdout.contains("\nplan \"Imported plan\"\n"))
    }

    /// The seeds and tables, mutated (cells swapped between rows, bytes
    /// dropped, lines repeated): the import never crashes, and whatever it
    /// writes checks without errors and is in fmt form. An error here is a bug
    /// in the import, never in the table.
    @Test func mutatedTablesImportToPlansThatCheck() throws {
        var generator = SeededGenerator(seed: 1515)
        for name in importCases() {
            let original = Array(try Data(contentsOf: importFixtures.appendingPathComponent(name)))
            for round in 0..<10 {
                var bytes = original
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
                switch round % 4 {
                case 0:
                    for _ in 0..<3 where !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator)) }
                case 1:
                    if lines.count > 2 { lines.swapAt(Int.random(in: 0..<lines.count, using: &generator), Int.random(in: 0..<lines.count, using: &generator)) }
                    bytes = Array(lines.joined(separator: [10]))
                case 2:
                    if !lines.isEmpty { let k = Int.random(in: 0..<lines.count, using: &generator); lines.insert(lines[k], at: k) }
                    bytes = Array(lines.joined(separator: [10]))
                default:
                    let cells = lines.map { $0.split(separator: 9, omittingEmptySubsequences: false).map(Array.init) }
                    var mixed = cells
                    for r in mixed.indices where mixed[r].count > 2 && Bool.random(using: &generator) {
                        let other = cells[Int.random(in: 0..<cells.count, using: &generator)]
                        let c = Int.random(in: 0..<mixed[r].count, using: &generator)
                        if c < other.count { mixed[r][c] = other[c] }
                    }
                    bytes = Array(mixed.map { Array($0.joined(separator: [9])) }.joined(separator: [10]))
                }
                guard case .success(let imported) = PlanImport.run(bytes: bytes, options: .init(name: name)) else { continue }
                let run = checkRun(imported.text)
                #expect(!run.diagnostics.hasErrors, "\(name) round \(round):\n\(run.listing)")
                #expect(Formatter.format(SourceFile(name: "p.plan", text: imported.text)) == imported.text, "\(name) round \(round)")
            }
        }
    }

    /// Rows of random cells never crash the importer, and whatever it writes is
    /// laid out in fmt form whenever it parses.
    @Test func randomTablesNeverCrash() {
        var generator = SeededGenerator(seed: 15)
        let words = ["Measure", "Target", "Lead", "Timescale", "RAG", "Progress", "No less than 85%", "Ongoing",
                     "<p>", "</p>", "&amp;", "\"", ",", "\t", "\n", "1.1", "September", "Amber", "Nov 2013:", "%",
                     "within 3 months", "Outcome", "We will", "", " ", "\r\n", "Ref", "2.3", "é", "\u{FEFF}"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<60, using: &generator) {
                text += words.randomElement(using: &generator)!
                text += ["\t", ",", " ", "\n"].randomElement(using: &generator)!
            }
            if case .success(let imported) = PlanImport.run(bytes: Array(text.utf8), options: .init(name: "r.csv")) {
                #expect(!imported.text.isEmpty)
                if let formatted = Formatter.format(SourceFile(name: "r.plan", text: imported.text)) {
                    #expect(formatted == imported.text, "\(text.debugDescription)")
                }
            }
        }
    }
}
