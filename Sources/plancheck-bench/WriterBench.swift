import PlanCheck

// The `writers` case: every output writer at two sizes ten times apart, and
// the ratio of the two times, for ten times the output. Near 10 is linear; a writer that copies its
// whole output on every append (as the JSON string writer once did) shows
// near 100. The goal row fails when any writer grows by more than 15x.

extension Generate {
    /// A plan of `count` measures, each naming a workstream that is not
    /// declared and a lead that is not either: one or more errors a measure,
    /// with a label each, for the diagnostic writers.
    static func brokenPlan(count: Int) -> String {
        var plan = "plan \"Diagnostics (benchmark)\"\n  period April 2013 to March 2014\n\n"
        plan += "workstream EFD \"Early help and front door\"\n\n"
        for n in 1...count {
            plan += "measure m\(n) \"% of children seen within 10 working days (\(n))\"\n"
            plan += "  workstream EFX\n  polarity higher\n  target >= 70% by December 2013\n\n"
        }
        return plan
    }
}

extension Bench {
    /// Times one writer at the two sizes and prints the growth.
    func growth(_ name: String, _ unit: String, small: Int, large: Int,
                _ render: (_ large: Bool) -> Int) -> Double {
        let (smallTime, smallBytes) = best(runs) { render(false) }
        let (largeTime, largeBytes) = best(runs) { render(true) }
        // The time's growth for ten times the output: a writer is linear in
        // what it writes, and ten times the items need not write exactly ten
        // times the bytes (past 1,000 diagnostics the help is worded
        // without a "did you mean", which is searched for the first 1,000 only).
        let bytesRatio = Double(largeBytes) / Double(max(smallBytes, 1))
        let ratio = largeTime / max(smallTime, 1e-9) * 10 / max(bytesRatio, 1e-9)
        let verdict = ratio <= 15 ? "linear" : "SUPERLINEAR"
        print("\(pad(name, 16)) \(pad(grouped(small), 6)) \(unit): \(pad(ms(smallTime), 10)) \(pad(grouped(large), 6)) \(unit): \(pad(ms(largeTime), 10)) growth \(pad(times(ratio), 6)) \(verdict) (\(fixed(megabytes(smallBytes), 2)) -> \(fixed(megabytes(largeBytes), 2)) MB)")
        return ratio
    }

    func writers() {
        let small = max(10, 500 / divisor)
        let large = small * 10
        print("each writer renders the same kind of input at two sizes, \(grouped(small)) and \(grouped(large)); growth is the ratio of the times, scaled to ten times the output bytes")
        var worst = 0.0
        var worstName = ""
        func note(_ name: String, _ ratio: Double) {
            if ratio > worst { worst = ratio; worstName = name }
        }

        // eval: table, JSON, CSV, JUnit over the judgements of n measures.
        let asOf = CalendarDate(year: 2013, month: 10, day: 31)!
        func evaluated(_ n: Int) -> Pipeline.EvaluatedPlan {
            let made = Generate.evaluationInputs(count: n, perMeasure: 20)
            let files = MemoryFiles(bytes: ["bench.plan": Array(made.plan.utf8), "bench.csv": Array(made.csv.utf8)])
            return Pipeline.evaluate(path: "bench.plan", files: files, dataPaths: ["bench.csv"], asOf: asOf)
        }
        let runs = [evaluated(small), evaluated(large)]
        let pick = { (big: Bool) in runs[big ? 1 : 0] }
        note("eval table", growth("eval table", "measures", small: small, large: large) { big in
            EvaluationTable(color: false).render(pick(big).evaluation, model: pick(big).model).utf8.count
        })
        note("eval json", growth("eval json", "measures", small: small, large: large) { big in
            // As `plancheck eval --format json` writes it: a result at a time, into a buffer sized up front.
            let e = pick(big).evaluation
            return EvaluationJSON.renderBytes(e, model: pick(big).model, terminator: 10,
                                              reserving: 2048 * e.judgements.count + 4096).count
        })
        note("eval csv", growth("eval csv", "measures", small: small, large: large) { big in
            EvaluationCSV.render(pick(big).evaluation, model: pick(big).model).utf8.count
        })
        note("eval junit", growth("eval junit", "measures", small: small, large: large) { big in
            JUnitWriter.render(pick(big).evaluation, model: pick(big).model).utf8.count
        })

        // report: HTML and Markdown over n measures with two years of monthly data.
        let reportSmall = max(4, small / 5)
        let reportLarge = reportSmall * 10
        func reported(_ n: Int) -> Report {
            let made = Generate.reportInputs(count: n, months: 24)
            let files = MemoryFiles(bytes: ["bench.plan": Array(made.plan.utf8), "bench.csv": Array(made.csv.utf8)])
            let run = Pipeline.evaluate(path: "bench.plan", files: files, dataPaths: ["bench.csv"],
                                        asOf: CalendarDate(year: 2017, month: 3, day: 31)!)
            return Report.build(ReportInput(run))
        }
        let reports = [reported(reportSmall), reported(reportLarge)]
        note("report html", growth("report html", "measures", small: reportSmall, large: reportLarge) { big in
            HTMLReport.render(reports[big ? 1 : 0]).utf8.count
        })
        note("report markdown", growth("report markdown", "measures", small: reportSmall, large: reportLarge) { big in
            MarkdownReport.render(reports[big ? 1 : 0]).utf8.count
        })

        // check: text, JSON and SARIF over n diagnostics (uncapped: the
        // command line caps at 1,000, the writers must not care).
        func diagnosed(_ n: Int) -> (SourceSet, [Diagnostic]) {
            let files = MemoryFiles(["bench.plan": Generate.brokenPlan(count: n)])
            let loaded = Loader.load(path: "bench.plan", files: files)
            let resolved = Resolver.resolve(loaded)
            let all = (loaded.diagnostics + resolved.diagnostics + Checker.check(loaded, resolved.model))
                .sortedAndDeduplicated()
            return (loaded.sources, all)
        }
        let broken = [diagnosed(small), diagnosed(large)]
        let diagSmall = broken[0].1.count
        let diagLarge = broken[1].1.count
        let renderer = { (big: Bool) in DiagnosticRenderer(sources: broken[big ? 1 : 0].0, color: false) }
        note("check text", growth("check text", "diags", small: diagSmall, large: diagLarge) { big in
            renderer(big).render(broken[big ? 1 : 0].1).utf8.count
        })
        note("check json", growth("check json", "diags", small: diagSmall, large: diagLarge) { big in
            renderer(big).json(broken[big ? 1 : 0].1).render().utf8.count
        })
        note("check sarif", growth("check sarif", "diags", small: diagSmall, large: diagLarge) { big in
            renderer(big).sarif(broken[big ? 1 : 0].1, toolVersion: "bench").render().utf8.count
        })
        goals.append(Goal(name: "every writer linear", figure: "worst \(times(worst)) (\(worstName))",
                          baseline: "10× input", target: "growth <= 15×", met: worst <= 15))
    }
}
