import PlanCheck
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The `process` case: plancheck as users run it, a whole process at a time,
// against a baseline run the same way in the same minute: ledger on a journal
// of the same size, and plancheck-hello (a Swift program linked like plancheck
// that only reads the same files) for start-up, I/O and memory.

extension Generate {
    /// A ledger journal of `entries` transactions and about `targetBytes`:
    /// one transaction a plan entry, moving the measure's figure between a
    /// workstream account and the plan, with a balance assertion every tenth
    /// (`= $TOTAL`, which ledger must verify). A comment line in each pads the
    /// journal to the plan's size.
    static func journal(entries: Int, targetBytes: Int) -> String {
        var random = Random(state: 1_2013)
        let workstreams = ["EFD", "QOP", "PCS"]
        func transactions(padding: Int) -> String {
            var balances = [0, 0, 0]
            var out = "; Generated for plancheck-bench: one transaction per plan entry, a balance assertion every tenth.\n\n"
            out.reserveCapacity(targetBytes + 4096)
            let filler = String(repeating: "evidence from the performance book, signed off by the board ", count: 1 + padding / 60)
            let pad = String(filler.prefix(padding))
            for n in 0..<entries {
                let w = random.below(3)
                let cents = 100 + random.below(9_900)
                balances[w] += cents
                let day = 1 + n % 28
                let month = 1 + (n / 28) % 12
                let year = 2013 + n / (28 * 12)
                let date = "\(year)/\(month < 10 ? "0" : "")\(month)/\(day < 10 ? "0" : "")\(day)"
                out += "\(date) * \(n / 10 + 1).\(n % 10 + 1) % of children seen within 10 working days of referral\n"
                out += "    ; \(pad)\n"
                let amount = "$\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
                out += "    Assets:Workstream:\(workstreams[w])    \(amount)"
                if n % 10 == 9 {
                    let b = balances[w]
                    out += " = $\(b / 100).\(b % 100 < 10 ? "0" : "")\(b % 100)"
                }
                out += "\n    Income:Plan\n\n"
            }
            return out
        }
        // One pass to measure, one to pad to the size.
        let plain = transactions(padding: 0).utf8.count
        random = Random(state: 1_2013)
        let padding = max(0, (targetBytes - plain) / max(1, entries))
        return transactions(padding: padding)
    }
}

extension Bench {
    func process() {
        let plancheck = Child.ownDirectory + "/plancheck"
        let hello = Child.ownDirectory + "/plancheck-hello"
        guard access(plancheck, X_OK) == 0, access(hello, X_OK) == 0 else {
            print("skipped: \(plancheck) or \(hello) is missing; `make bench` builds them (swift build -c release -Xswiftc -static-executable)")
            goals.append(Goal(name: "whole-process goals", figure: "-", baseline: "-", target: "-", met: nil))
            return
        }

        // check: a 12 MB plan, against ledger on a journal of the same size and entry count.
        let made = Generate.largePlan(targetBytes: 12_000_000 / divisor)
        let planBytes = Array(made.text.utf8)
        let entries = made.measures + made.actions
        let planPath = Scratch.write("bench12.plan", planBytes)
        print("input: generated plan, \(fixed(megabytes(planBytes.count), 1)) MB, \(grouped(entries)) entries")
        let floor = Child.best(runs, hello, [planPath])
        let check = Child.best(runs, plancheck, ["check", planPath])
        print("plancheck check: \(ms(check.seconds)), \(rate(planBytes.count, check.seconds)), peak \(mib(check.peakBytes)) (exit \(check.status)); plancheck-hello reading it: \(ms(floor.seconds)), peak \(mib(floor.peakBytes))")
        if let ledger = Child.find("ledger") {
            let journal = Generate.journal(entries: entries, targetBytes: planBytes.count)
            let journalPath = Scratch.write("bench12.journal", journal.utf8)
            let l = Child.best(runs, ledger, ["-f", journalPath, "balance"])
            print("ledger -f J balance: \(ms(l.seconds)) on \(fixed(megabytes(journal.utf8.count), 1)) MB, \(grouped(entries)) transactions (exit \(l.status))")
            let speedup = (l.seconds / megabytes(journal.utf8.count)) / (check.seconds / megabytes(planBytes.count))
            goals.append(Goal(name: "check 12 MB plan vs ledger", figure: "\(ms(check.seconds)), \(times(speedup)) ledger",
                              baseline: "ledger \(ms(l.seconds))", target: ">= 10× ledger", met: speedup >= 10 && l.status == 0))
        } else {
            print("skipped: ledger is not installed (Debian: apt-get install -y ledger)")
            goals.append(Goal(name: "check 12 MB plan vs ledger", figure: ms(check.seconds), baseline: "ledger not installed",
                              target: ">= 10× ledger", met: nil))
        }
        let checkLimit = 5 * planBytes.count + 10 << 20
        goals.append(Goal(name: "check peak memory", figure: mib(check.peakBytes),
                          baseline: "hello \(mib(floor.peakBytes)), input \(mib(planBytes.count))",
                          target: "<= \(mib(checkLimit))", met: check.peakBytes <= checkLimit))

        // eval: 1,000,000 observations against 10,000 measures, and JSON against CSV at two sizes.
        let evalInputs = evaluationFiles(measures: 10_000 / divisor)
        let evalInput = evalInputs.bytes
        let evalFloor = Child.best(runs, hello, [evalInputs.plan, evalInputs.csv])
        let evalArguments = ["eval", evalInputs.plan, "--data", evalInputs.csv, "--as-of", "2013-10-31"]
        let csv = Child.best(runs, plancheck, evalArguments + ["--format", "csv"])
        let json = Child.best(runs, plancheck, evalArguments + ["--format", "json"])
        print("plancheck eval --format csv: \(ms(csv.seconds)), peak \(mib(csv.peakBytes)) (exit \(csv.status)); --format json: \(ms(json.seconds)), peak \(mib(json.peakBytes)); plancheck-hello reading both files: \(ms(evalFloor.seconds))")
        goals.append(Goal(name: "eval 1M observations, whole process", figure: ms(csv.seconds) + " (--format csv)",
                          baseline: "hello \(ms(evalFloor.seconds))", target: "< 300 ms", met: csv.seconds < 0.3))
        let evalLimit = 5 * evalInput + 10 << 20
        goals.append(Goal(name: "eval peak memory", figure: mib(max(csv.peakBytes, json.peakBytes)),
                          baseline: "hello \(mib(evalFloor.peakBytes)), input \(mib(evalInput))",
                          target: "<= \(mib(evalLimit))", met: max(csv.peakBytes, json.peakBytes) <= evalLimit))
        let smallInputs = evaluationFiles(measures: 1_000 / divisor)
        let smallArguments = ["eval", smallInputs.plan, "--data", smallInputs.csv, "--as-of", "2013-10-31"]
        let smallCSV = Child.best(runs, plancheck, smallArguments + ["--format", "csv"])
        let smallJSON = Child.best(runs, plancheck, smallArguments + ["--format", "json"])
        let ratios = [smallJSON.seconds / smallCSV.seconds, json.seconds / csv.seconds]
        print("eval json / csv: \(times(ratios[0])) at \(grouped(1_000 / divisor)) measures (\(ms(smallJSON.seconds)) / \(ms(smallCSV.seconds))), \(times(ratios[1])) at \(grouped(10_000 / divisor))")
        goals.append(Goal(name: "eval --format json vs csv", figure: "\(times(ratios[0])), \(times(ratios[1]))",
                          baseline: "csv \(ms(smallCSV.seconds)), \(ms(csv.seconds))", target: "<= 1.5× at both sizes",
                          met: ratios.allSatisfy { $0 <= 1.5 }))

        // check --format json|sarif on a plan with thousands of diagnostics (the CLI prints the first 1,000).
        let brokenPath = Scratch.write("broken.plan", Generate.brokenPlan(count: 5_000 / divisor).utf8)
        let text = Child.best(runs, plancheck, ["check", brokenPath])
        let checkJSON = Child.best(runs, plancheck, ["check", "--format", "json", brokenPath])
        let sarif = Child.best(runs, plancheck, ["check", "--format", "sarif", brokenPath])
        print("check of \(grouped(5_000 / divisor)) broken measures: text \(ms(text.seconds)), json \(ms(checkJSON.seconds)), sarif \(ms(sarif.seconds)) (exit \(checkJSON.status))")

        // Start-up: a small plan, plancheck against the hello baseline, interleaved.
        let small = Generate.largePlan(targetBytes: 2_000)
        let smallPath = Scratch.write("small.plan", small.text.utf8)
        let startRuns = max(20, 10 * runs)
        let medians = Child.interleavedMedians(startRuns, [(plancheck, ["check", smallPath]), (hello, [smallPath])])
        let startRatio = medians[0] / medians[1]
        print("start-up on a \(grouped(small.text.utf8.count))-byte plan, medians of \(startRuns) interleaved runs: plancheck check \(ms(medians[0])), plancheck-hello \(ms(medians[1]))")
        goals.append(Goal(name: "start-up, small plan", figure: "\(ms(medians[0])), \(times(startRatio)) hello",
                          baseline: "hello \(ms(medians[1]))", target: "<= 1.2× hello", met: startRatio <= 1.2))
    }

    /// The eval inputs for `measures` measures (100 observations each), written to scratch files.
    func evaluationFiles(measures: Int) -> (plan: String, csv: String, bytes: Int) {
        let made = Generate.evaluationInputs(count: measures, perMeasure: 100)
        let plan = Scratch.write("eval\(measures).plan", made.plan.utf8)
        let csv = Scratch.write("eval\(measures).csv", made.csv.utf8)
        return (plan, csv, made.plan.utf8.count + made.csv.utf8.count)
    }
}

func mib(_ bytes: Int) -> String {
    let m = Double(bytes) / 1_048_576
    return (m < 10 ? fixed(m, 1) : fixed(m, 0)) + " MiB"
}
