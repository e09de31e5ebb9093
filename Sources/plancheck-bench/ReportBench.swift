import PlanCheck

// The `report` case: `plancheck report` on a large plan, to show that the
// board's compliance summary renders in well under a second and stays a size
// a mail system accepts.

extension Generate {
    /// A plan of `count` measures over five years (April 2015 to March 2020)
    /// and `months` monthly observations each: percentage targets, some
    /// trajectories, comparator targets with their `sn` series, leads,
    /// workstreams, sign-offs, a key target in every twenty.
    static func reportInputs(count: Int, months: Int) -> (plan: String, csv: String, rows: Int) {
        var random = Random(state: 4_2015)
        var plan = """
            plan "Children's services improvement plan (benchmark)"
              authority "Benchmark Borough Council"
              period April 2015 to March 2020

            workstream EFD "Early help and front door"
            workstream QOP "Quality of practice"
            workstream PCS "Partnerships, commissioning and safeguarding"
            comparator sn "Statistical neighbour average"
              tolerance 5%


            """
        var csv = "measure,date,value,series\n"
        csv.reserveCapacity(count * months * 24)
        let first = CalendarDate(year: 2015, month: 4, day: 30)!
        let dates = (0..<months).map { k -> String in
            let (y, m, _) = first.addingMonths(k).components
            return "\(y)-" + (m < 10 ? "0" : "") + "\(m)"
        }
        var rows = 0
        for n in 1...count {
            if n % 20 == 1 {
                plan += "recommendation R\(n / 20 + 1) \"Ensure that contacts and referrals are progressed in a timely way (\(n / 20 + 1))\"\n\n"
            }
            let id = "m\(n)"
            let form = random.below(4)
            let year = 2016 + random.below(4)
            plan += "measure \(id) \"% of children seen within 10 working days of referral (\(n))\"\n"
            plan += "  workstream \(["EFD", "QOP", "PCS"][random.below(3)])\n"
            plan += "  lead \"\(leads[random.below(leads.count)])\"\n"
            plan += "  evidence measure \"Performance book\"\n"
            switch form {
            case 0: plan += "  polarity higher\n  target >= \(70 + random.below(20))% by March \(year)\n"
            case 1: plan += "  polarity higher\n  target >= 60% by March 2017, >= 70% by March 2018, >= 80% by March 2020\n"
            case 2: plan += "  target in line with sn by March \(year)\n"
            default: plan += "  polarity lower\n  target <= \(10 + random.below(20))% by September \(year)\n"
            }
            plan += "  signoff EG by March \(year), IB by March \(year)\n"
            if n % 20 == 0 { plan += "  key\n" }
            plan += "\n"
            let start = 40 + random.unit() * 40
            let slope = (random.unit() - 0.3) * 0.8
            for (k, date) in dates.enumerated() {
                let value = min(100, max(0, start + slope * Double(k) + random.unit() * 6 - 3))
                csv += "\(id),\(date),\(fixed(value, 1))%,\n"
                rows += 1
                if form == 2 {
                    csv += "\(id),\(date),\(fixed(min(100, value + random.unit() * 8 - 4), 1))%,sn\n"
                    rows += 1
                }
            }
        }
        return (plan, csv, rows)
    }
}

extension Bench {
    func report() {
        let measures = max(20, 2_000 / divisor)
        let made = Generate.reportInputs(count: measures, months: 60)
        let files = MemoryFiles(bytes: ["bench.plan": Array(made.plan.utf8), "bench.csv": Array(made.csv.utf8)])
        let asOf = CalendarDate(year: 2020, month: 3, day: 31)!
        let compare = [CalendarDate(year: 2019, month: 3, day: 31)!]
        print("input: plan of \(grouped(measures)) measures over five years, \(grouped(made.rows)) monthly observations; as of \(asOf.iso), compared with \(compare[0].iso)")
        let run = Pipeline.evaluate(path: "bench.plan", files: files, dataPaths: ["bench.csv"], asOf: asOf)
        let errors = run.diagnostics.count { $0.severity == .error }
        if errors > 0 {
            print(DiagnosticRenderer(sources: run.sources, color: false)
                .render(Array(run.diagnostics.filter { $0.severity == .error }.prefix(3))))
        }
        let (inputTime, input) = best(runs) { ReportInput(run, compareDates: compare) }
        let (buildTime, report) = best(runs) { Report.build(input) }
        let (htmlTime, html) = best(runs) { HTMLReport.render(report) }
        let (markdownTime, markdown) = best(runs) { MarkdownReport.render(report) }
        let charts = report.sections.reduce(0) { $0 + $1.items.count { $0.chart != nil } }
        print("report: \(ms(inputTime)) to re-judge at the compared date, \(ms(buildTime)) to gather \(grouped(report.total)) judgements and \(grouped(charts)) charts")
        print("report html: \(ms(htmlTime)), \(fixed(megabytes(html.utf8.count), 2)) MB (\(grouped(html.utf8.count / max(1, measures))) bytes a measure)")
        print("report markdown: \(ms(markdownTime)), \(fixed(megabytes(markdown.utf8.count), 2)) MB")
        print("report total: \(ms(inputTime + buildTime + htmlTime)) from judgements to HTML")
        let focused = HTMLReport.render(Report.build(input, charts: .attention))
        print("report html --charts attention: \(fixed(megabytes(focused.utf8.count), 2)) MB")
    }
}
