import Foundation
import Testing
@testable import PlanCheck

// Comparisons as councils' documents word them, beyond the spec's list: each
// must mean one of the six comparators, and be judged as that comparator is.

@Suite struct CouncilWordingTests {
    /// `plan` with `csv` as its book, evaluated in memory as the CLI does.
    func evaluate(_ plan: String, _ csv: String, asOf: CalendarDate) -> Pipeline.EvaluatedPlan {
        let files = MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "d.csv": Array(csv.utf8)])
        return Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: asOf)
    }

    /// The built CLI run with `arguments` in a fresh directory holding `files`.
    func cli(_ arguments: [String], _ files: [String: String]) throws -> (stdout: String, stderr: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return runCLI(arguments, in: directory)
    }

    /// What follows `target` (before `by March 2014`), and the requirement it
    /// must resolve to, in the words reports use.
    @Test(arguments: [
        ("≥ 90%", "at least 90%"),
        ("≤ 10%", "at most 10%"),
        ("at or above 90%", "at least 90%"),
        ("at or below 10%", "at most 10%"),
        ("no fewer than 20", "at least 20"),
        ("not fewer than 20", "at least 20"),
        ("fewer than 20", "below 20"),
        ("not below 90%", "at least 90%"),
        ("not under 90%", "at least 90%"),
        ("not above 10%", "at most 10%"),
        ("not over 10%", "at most 10%"),
        ("no greater than 20", "at most 20"),
        ("not greater than 20", "at most 20"),
        ("greater than 20", "above 20"),
        ("greater than or equal to 20", "at least 20"),
        ("less than or equal to 20", "at most 20"),
        ("under 20", "below 20"),
        ("over 20", "above 20"),
        ("minimum 20", "at least 20"),
        ("minimum of 20", "at least 20"),
        ("maximum 20", "at most 20"),
        ("maximum of 20", "at most 20"),
        ("up to 20", "at most 20"),
        ("20 or under", "at most 20"),
        ("20 or over", "at least 20"),
        ("20 or greater", "at least 20"),
        ("increase to 90%", "at least 90%"),
        ("decrease to 10%", "at most 10%"),
        ("reduce to 10%", "at most 10%"),
        ("reduce by 10%", "decrease by 10%"),
        ("reduce by 5 points", "decrease by 5 points"),
        ("reduce", "below the baseline"),
        ("<= 10 calendar days", "at most 10 days"),
        (">= 90 percent", "at least 90%"),
        ("maintain at or above 90%", "at least 90%"),
        ("maintain >= 90%", "at least 90%"),
        ("maintain 20 or fewer", "at most 20"),
        (">= 90 per cent", "at least 90%"),
    ])
    func wordingMeansAComparator(_ written: String, _ required: String) throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  baseline 30 at March 2013\n"
            + "  target \(written) by March 2014\n"
        let result = checkRun(plan)
        // A percentage or a duration against the count baseline is a unit
        // error, which is beside the point here: only syntax matters.
        #expect(!result.diagnostics.contains { $0.code == .syntax }, "\(result.listing)")
        let milestone = try #require(result.model.item("1")?.targets.first?.milestones.first, "\(result.listing)")
        #expect(milestone.required == required)
    }

    /// A tolerance is shown as written: `points` only where the plan says
    /// points, since a bare number is in the measure's unit (a count here).
    @Test(arguments: [("within 5 of sn", "within 5 of sn"), ("within 2 points of sn", "within 2 points of sn"),
                      ("within 1 point of sn", "within 1 point of sn"), ("within 10% of sn", "within 10% of sn")])
    func toleranceIsShownAsWritten(_ written: String, _ required: String) throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\ncomparator sn \"SN\"\nmeasure 1 \"Children per 10,000\"\n"
            + "  target \(written) by March 2014\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        #expect(result.model.item("1")?.targets.first?.milestones.first?.required == required)
    }

    /// The no-value markers of council scorecards are gaps, not errors, and a
    /// "no data" judgement says which one the book used.
    @Test(arguments: [("n/a", "not available (n/a)"), ("N/A", "not available (n/a)"), ("NA", "not available (n/a)"),
                      ("-", "without a figure (-)"), ("\u{2013}", "without a figure (-)"), ("TBC", "to be confirmed (TBC)"),
                      ("..", "not available (..)"), ("*", "suppressed (*)"), ("<5", "suppressed as a small number (<N)"),
                      ("<10", "suppressed as a small number (<N)")])
    func scorecardMarkersAreGaps(_ written: String, _ described: String) throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5 by September 2013\n"
        let csv = "measure,date,value\n1,2013-09,\(written)\n"
        let run = evaluate(plan, csv, asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        #expect(run.checked.diagnostics.isEmpty, "\(DiagnosticRenderer(sources: run.checked.sources, color: false).render(run.checked.diagnostics))")
        let judgement = try #require(run.evaluation.judgements.first)
        #expect(judgement.status == .noData)
        #expect(judgement.explanation.hasSuffix("The book marks 30 Sep 2013 as \(described)."), "\(judgement.explanation)")
    }

    /// A long book laid out a year ahead has months with no value yet: they
    /// are no observation, as a wide row's blank months are, not errors.
    @Test func blankMonthsOfALongBookAreNoObservation() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\ncomparator sn \"SN\"\nmeasure 1 \"M\"\n  target >= 5 by September 2013\n"
        let csv = "measure,date,value,series\n1,2013-08,6,\n1,2013-09,,\n1,2013-10,,\n1,2013-09, ,sn\n"
        let run = evaluate(plan, csv, asOf: CalendarDate(year: 2013, month: 10, day: 31)!)
        #expect(run.checked.diagnostics.isEmpty, "\(DiagnosticRenderer(sources: run.checked.sources, color: false).render(run.checked.diagnostics))")
        let judgement = try #require(run.evaluation.judgements.first)
        #expect(judgement.status == .met)
        #expect(judgement.valueDate == CalendarDate(year: 2013, month: 8, day: 31))
    }

    /// A book saved the wrong way from Excel gets one error that says how to
    /// save it: UTF-16 ("Unicode Text"), tabs, semicolons.
    @Test(arguments: [
        ([UInt8]([0xFF, 0xFE]) + Array("measure,date,value\n1,2013-09,5\n".utf8).flatMap { byte -> [UInt8] in [byte, 0] },
         "the file is UTF-16 text"),
        (Array("m\0e\0a\0s\0,\0d\0a\0t\0e\0\n\0".utf8), "the header holds NUL bytes, so the file is not CSV text"),
        (Array("measure\tdate\tvalue\n1\t2013-09\t5\n".utf8), "separated by tabs"),
        (Array("measure;date;value\n1;2013-09;5\n".utf8), "separated by semicolons"),
    ])
    func aBookSavedTheWrongWaySaysHowToSaveIt(_ book: [UInt8], _ help: String) throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 5 by March 2014\n"
        let files = MemoryFiles(bytes: ["p.plan": Array(plan.utf8), "d.csv": book])
        let run = Pipeline.check(path: "p.plan", files: files, dataPaths: ["d.csv"])
        #expect(run.diagnostics.count == 1)
        let error = try #require(run.diagnostics.first)
        #expect(error.code == .dataMissingColumn)
        #expect(error.help?.contains(help) == true, "\(String(describing: error.help))")
    }

    /// A plan saved as Windows-1252 ("ANSI") is told so, byte by byte.
    @Test func aPlanSavedAsANSIIsToldSo() throws {
        let plan: [UInt8] = Array("plan \"Plan ".utf8) + [0x96] + Array(" 2013\"\nmeasure 1 \"Children".utf8) + [0x92]
            + Array("s visits\"\n  target >= 5 by 2014-03\n".utf8)
        let helps = checkRun(bytes: plan).diagnostics.filter { $0.code == .invalidUTF8 }.map(\.help)
        #expect(helps == ["0x96 is an en dash in Windows-1252 (\"ANSI\"): save the file as UTF-8",
                          "0x92 is a curly apostrophe in Windows-1252 (\"ANSI\"): save the file as UTF-8"])
    }

    /// A trend line runs past 100% and below zero; a projection does not.
    @Test func projectionsStayInsideTheUnit() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"% seen\"\n  target >= 85% by March 2014\n"
            + "measure 2 \"Children waiting\"\n  target <= 20 by March 2014\n"
        let csv = "measure,date,value\n1,2013-07,80%\n1,2013-08,88%\n1,2013-09,96%\n2,2013-07,30\n2,2013-08,15\n2,2013-09,5\n"
        let run = evaluate(plan, csv, asOf: CalendarDate(year: 2013, month: 9, day: 30)!)
        let judgements = run.evaluation.judgements
        #expect(judgements.map(\.status) == [.met, .met])
        #expect(judgements.map(\.projected) == [100, 0])
        #expect(judgements[0].explanation.hasSuffix("met now; projected 100.0% at the deadline."), "\(judgements[0].explanation)")
        #expect(judgements[1].explanation.hasSuffix("met now; projected 0 at the deadline."), "\(judgements[1].explanation)")
    }

    /// A projected breach never reads as the level itself, and says what the
    /// baseline was: "projected 12.01% ..., against no higher than the baseline
    /// (baseline 12.0%)", not "projected 12.0%".
    @Test func aProjectedBreachIsNotRoundedOntoTheLevel() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  polarity lower\n"
            + "  baseline 12% at March 2013\n  target maintain by December\n"
        let csv = "measure,date,value\n1,2013-09,11%\n1,2013-10,12%\n1,2013-11,11.5%\n"
        let run = evaluate(plan, csv, asOf: CalendarDate(year: 2013, month: 11, day: 30)!)
        let judgement = try #require(run.evaluation.judgements.first)
        #expect(judgement.status == .atRisk)
        #expect(judgement.explanation == "11.5% now (30 Nov 2013), but rising 0.3 points a month: projected 12.01% at 31 Dec 2013, "
                + "against no higher than the baseline (baseline 12.0%).")
    }

    /// `evidence "Performance book"` names the source without a kind; the
    /// report shows it as written.
    @Test func evidenceMayNameOnlyItsSource() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  evidence \"Performance book\"\n"
            + "  evidence audit \"Case file audit\"\n  evidence report\n  target >= 5 by March 2014\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        let item = try #require(result.model.item("1"))
        #expect(item.evidence.map { "\($0.kind.map(\.rawValue) ?? "-") \($0.source ?? "-")" }
                == ["- Performance book", "audit Case file audit", "report -"])
        let report = try cli(["report", "p.plan", "--as-of", "2013-10-31", "--format", "markdown"], ["p.plan": plan])
        #expect(report.stdout.contains("evidence: Performance book; audit: Case file audit; report"), "\(report.stdout)")
    }

    /// `theme` and `objective` head sections as the spec's six do, and are
    /// shown by their own word.
    @Test func themesAndObjectivesAreSections() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\ntheme T1 \"Early help\"\nobjective O1 \"Right help\"\n  part of T1\n"
            + "measure 1 \"M\"\n  target >= 5 by March 2014\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        #expect(result.model.sections.map(\.id) == ["T1", "O1"])
        let run = try cli(["eval", "p.plan", "--as-of", "2013-10-31"], ["p.plan": plan])
        #expect(run.stdout.contains("Objective O1  Right help"), "\(run.stdout)")
    }

    /// A board's rating in any case; `unit calendar days` is `unit days`.
    @Test func ratingsInAnyCaseAndCalendarDays() throws {
        let plan = "plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  unit calendar days\n"
            + "  target <= 10 days by March 2014\n  rag 2013-10-31 Amber\n  rag 2013-11-30 RED \"Worse\"\n"
        let result = checkRun(plan)
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        let item = try #require(result.model.item("1"))
        #expect(item.ratings.map(\.rating) == [.amber, .red])
        #expect(item.unit == .days)
    }

    /// `sustained for 3 months` and `sustained over three months` are `sustained 3 months`.
    /// It may also stand before the deadline.
    @Test(arguments: ["by March 2014 sustained for 3 months", "by March 2014 sustained over three months",
                      "by March 2014 sustained 3 months", "sustained 3 months by March 2014",
                      "sustained for 3 months by March 2014"])
    func sustainedTakesForAndOver(_ written: String) throws {
        let result = checkRun("plan \"P\"\n  period April 2013 to March 2014\nmeasure 1 \"M\"\n  target >= 90% \(written)\n")
        #expect(result.diagnostics.isEmpty, "\(result.listing)")
        #expect(result.model.item("1")?.targets.first?.milestones.first?.sustainedMonths == 3)
    }

    /// Judged through the CLI as the comparator it means: `under 20` is not met by
    /// 20, `at or above 90%` is met by 90%, `reduce to 10%` is missed by 10.5%.
    @Test func judgedAsTheComparatorMeant() throws {
        let plan = """
            plan "P"
              period April 2013 to March 2014
            measure 1 "Caseload"
              target under 20 by September 2013
            measure 2 "% seen"
              target at or above 90% by September 2013
            measure 3 "% re-referrals"
              target reduce to 10% by September 2013
            measure 4 "% visits"
              target ≥ 80% by September 2013

            """
        let csv = "measure,date,value\n1,2013-09,20\n2,2013-09,90%\n3,2013-09,10.5%\n4,2013-09,80%\n"
        let run = try cli(["eval", "p.plan", "--data", "d.csv", "--as-of", "2013-10-31", "--format", "csv"],
                          ["p.plan": plan, "d.csv": csv])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let id = try #require(header.firstIndex(of: "id"))
        let status = try #require(header.firstIndex(of: "status"))
        #expect(rows.dropFirst().map { "\($0[id]) \($0[status])" } == ["1 missed", "2 met", "3 missed", "4 met"])
    }

    /// An action may carry a numeric target and still take its completion
    /// from the data (spec, "Actions"): the book keys both by the action's id,
    /// long or wide, and each judgement reads the values of its kind. The
    /// status once made `eval` stop with data-unit-mismatch.
    @Test(arguments: [
        "measure,date,value\n1.8,2015-02,90%\n1.8,2015-03,96%\n1.8,2015-03-20,complete\n2.1,2015-02-20,in progress\n",
        "measure,Feb-15,Mar-15\n1.8,90%,96%\n2.1,in progress,\n",
    ])
    func anActionWithANumericTargetTakesItsStatusFromTheData(_ book: String) throws {
        let plan = """
            plan "P"
              period April 2014 to March 2015
            action 1.8 "Ensure all relevant staff have completed CP training"
              due March 2015
              target >= 95% by March 2015
            action 2.1 "Audit supervision"
              due February 2015
              target >= 80% by February 2015
            data 2.1
              2015-01 85%

            """
        let asOf = CalendarDate(year: 2015, month: 3, day: 31)!
        let run = evaluate(plan, book, asOf: asOf)
        #expect(run.checked.diagnostics.isEmpty, "\(DiagnosticRenderer(sources: run.checked.sources, color: false).render(run.checked.diagnostics))")
        let lines = run.evaluation.judgements.map { "\($0.id) \($0.required) \($0.status) \($0.valueText ?? "-")" }
        let wide = book.hasPrefix("measure,Feb")
        #expect(lines == [
            "1.8 at least 95% by 31 Mar 2015 met 96.0%",
            // The wide book has no completion date for 1.8: due today, pending.
            wide ? "1.8 done by 31 Mar 2015 pending -" : "1.8 done by 31 Mar 2015 met done 20 Mar 2015",
            "2.1 at least 80% by 28 Feb 2015 met 85.0%",
            "2.1 done by 28 Feb 2015 missed in progress",
        ])
    }

    /// A comparator target met now is projected like any other, against the
    /// comparator's latest value by the as-of date (spec: met needs no
    /// projected breach; the comparator value used is the latest on or
    /// before). It was once never projected, and a coming breach read as met.
    @Test func aComparatorTargetIsProjectedAgainstTheComparatorsLatestValue() throws {
        let plan = """
            plan "P"
              period April 2014 to March 2015
            comparator eng "England"
            measure p1 "Level"
              polarity higher
              target 85% by December
            measure p2 "Against England"
              polarity higher
              target within 2 points of eng by December
            measure p3 "Two values"
              polarity higher
              target 85% by December

            """
        var csv = "measure,date,value,series\np2,2014-03,85%,eng\np3,2014-07,92%,\np3,2014-08,90%,\n"
        for id in ["p1", "p2"] {
            for (month, value) in [(5, 96), (6, 94), (7, 92), (8, 90)] { csv += "\(id),2014-0\(month),\(value)%,\n" }
        }
        let run = evaluate(plan, csv, asOf: CalendarDate(year: 2014, month: 8, day: 31)!)
        #expect(run.checked.diagnostics.isEmpty)
        let byID = Dictionary(uniqueKeysWithValues: run.evaluation.judgements.map { ($0.id, $0) })
        let level = try #require(byID["p1"]), comparator = try #require(byID["p2"]), few = try #require(byID["p3"])
        #expect(level.status == .atRisk && level.explanation.contains("projected 82.0%"))
        #expect(comparator.status == .atRisk)
        #expect(comparator.explanation == "90.0% now (31 Aug 2014), but falling 2.0 points a month: projected 82.0% at 31 Dec 2014, against within 2 points of eng (England 85.0% on 31 Mar 2014, so at least 83.0%).")
        #expect(abs((comparator.projected ?? 0) - 82.04) < 0.01)
        #expect(few.explanation.hasSuffix("met now; too few observations to project (2 of 3)."))
    }

    /// Reporting frequencies plans use beyond the three read get the nearest
    /// that is not more often, not the closest spelling (`bi-monthly` once
    /// drew "did you mean `monthly`?", which would call values stale early).
    @Test(arguments: [("bi-monthly", "quarterly"), ("weekly", "monthly"), ("fortnightly", "monthly"),
                      ("half-yearly", "annually"), ("termly", "annually")])
    func anUnreadFrequencyGetsTheNearestNotMoreOften(_ written: String, _ nearest: String) throws {
        let plan = "plan \"P\"\n  period April 2014 to March 2015\nmeasure 1 \"M\"\n  frequency \(written)\n  target >= 5 by March 2015\n"
        let run = try cli(["check", "p.plan"], ["p.plan": plan])
        #expect(run.status == 1)
        #expect(run.stderr.contains("help: plancheck reads monthly, quarterly and annually; for values reported \(written) write `frequency \(nearest)`"))
    }
}
