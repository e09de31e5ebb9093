import Foundation
import Testing
@testable import PlanCheck

// What a sweep of the checks found (sweep 17): one mistake gave a run of
// false follow-on errors, typos got no "did you mean", negative tolerances
// and targets no value can meet passed, and some findings were doubled or
// said something untrue. Through the CLI, on files.

@Suite struct CheckSweepTests {
    func check(_ plan: String, file: String = "p.plan") throws -> (out: String, status: Int32) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let result = runCLI(["check", file], in: directory)
        return (result.stdout + result.stderr, result.status)
    }

    /// The findings as `line:column code`, from `check --format json`-free
    /// text output: the lines that start with the file's name.
    func findings(_ out: String) -> [String] {
        out.split(separator: "\n").filter { $0.hasPrefix("p.plan:") }.map { line in
            let parts = line.split(separator: ":", maxSplits: 3)
            let code = parts[3].split(separator: "[").dropFirst().first?.split(separator: "]").first ?? ""
            return "\(parts[1]):\(parts[2]) \(code)"
        }
    }

    static let plan = """
        plan "Probe"
          period April 2013 to March 2014
        comparator sn "Statistical neighbours"
          tolerance 3 points
        workstream EFD "Early help"

        """

    static let measures = """
        measure 2.3 "% seen"
          workstream EFD
          polarity higher
          target >= 80% by September, >= 85% by March
          signoff EG by September
        measure 2.4 "% seen in time"
          workstream EFD
          polarity higher
          target in line with sn by December
        action 2.5 "Open the hub"
          workstream EFD
          due within 3 months

        """

    // MARK: 1. One finding per mistake

    /// A `period` that was written but does not parse is still the plan's
    /// period: its bare months are not each told there is none (143 errors
    /// on the Cheshire East plan), as `period 31 April 2013 ...` already was.
    @Test(arguments: ["period April 2013 too March 2014", "perod April 2013 to March 2014",
                      "period April 2013 to 2014", "period 31 April 2013 to March 2014"])
    func aBrokenPeriodIsOneFinding(_ period: String) throws {
        let text = (Self.plan + Self.measures).replacingOccurrences(of: "period April 2013 to March 2014", with: period)
        let result = try check(text)
        #expect(result.status == 1)
        #expect(findings(result.out).count == 1, "\(result.out)")
        #expect(!result.out.contains("month-without-period"), "\(result.out)")
    }

    /// So too on the bundled plan the reviewer broke.
    @Test func theCheshireEastPlanWithABrokenPeriodHasOneError() throws {
        let url = repositoryRoot.appendingPathComponent("examples/cheshire-east-2013.plan")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "period April 2013 to March 2014", with: "period April 2013 too March 2014")
        let result = try check(text)
        #expect(result.out.contains("help: did you mean `to`?"), "\(result.out)")
        // The data file is not beside the copy: its finding is the only other.
        #expect(findings(result.out).filter { !$0.hasSuffix("unreadable-file") } == ["19:21 syntax"], "\(result.out)")
    }

    /// A misspelt declaration keyword is read as the declaration meant: its
    /// references are not each an error, and its clauses are still checked.
    @Test func aMisspeltDeclarationIsOneFinding() throws {
        let workstream = try check((Self.plan + Self.measures).replacingOccurrences(of: "workstream EFD \"", with: "workstrem EFD \""))
        #expect(findings(workstream.out) == ["5:1 syntax"], "\(workstream.out)")
        #expect(workstream.out.contains("help: did you mean `workstream`?"))
        let comparator = try check((Self.plan + Self.measures).replacingOccurrences(of: "comparator sn", with: "comparater sn"))
        #expect(findings(comparator.out) == ["3:1 syntax"], "\(comparator.out)")
        // Read as a comparator, its tolerance is still its own.
        #expect(!comparator.out.contains("comparator-tolerance"))
    }

    /// `baseline 60%` with no date is a syntax error, and the relative
    /// target on it is not also told the measure has no baseline.
    @Test func aBrokenBaselineIsNotAlsoAMissingOne() throws {
        let result = try check(Self.plan + """
            measure 2.3 "% seen"
              polarity higher
              baseline 60%
              target increase by 10 points by March 2014

            """)
        #expect(findings(result.out) == ["8:15 syntax"], "\(result.out)")
    }

    // MARK: 2. Negative tolerances

    @Test(arguments: [("comparator sm \"SM\" tolerance -5%", "-5%"),
                      ("measure 3 \"x\"\n  tolerance -2 points\n  target >= 5 by March 2014", "-2 points"),
                      ("measure 3 \"x\"\n  polarity higher\n  target within -3 points of sn by March 2014", "-3 points")])
    func aNegativeToleranceIsAnError(_ entry: String, _ written: String) throws {
        let result = try check(Self.plan + entry + "\n")
        #expect(result.status == 1)
        #expect(result.out.contains("error[negative-value]: a tolerance of \(written) is below zero, but a tolerance is a width: zero or more"),
                "\(result.out)")
        #expect(findings(result.out).count == 1, "\(result.out)")
        // Zero is a width too.
        let zero = try check(Self.plan + entry.replacingOccurrences(of: "-", with: "0") + "\n")
        #expect(!zero.out.contains("negative-value"), "\(zero.out)")
    }

    // MARK: 3. Did you mean

    @Test(arguments: [
        ("target >= 80% buy March 2014", "by"),
        ("target >= 80% ongoin", "ongoing"),
        ("target increse by 10 points by March 2014", "increase"),
        ("target at lest 80% by March 2014", "at least"),
        ("target no mor than 80% by March 2014", "no more than"),
        ("target in line wiht sn by March 2014", "with"),
        ("target >= 80% within 6 monts", "months"),
        ("target >= 80% by March 2014 sustained 3 monhts", "months"),
        ("target average >= 80% over 3 monts by March 2014", "months"),
        ("target >= 80% by March 2014 sustaned 3 months", "sustained"),
    ])
    func aTypoGetsDidYouMean(_ clause: String, _ meant: String) throws {
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity higher\n  \(clause)\n")
        #expect(result.out.contains("help: did you mean `\(meant)`?"), "\(result.out)")
        // Not the list advice, which made `sustaned` a milestone.
        #expect(!result.out.contains("separate the items"), "\(result.out)")
    }

    @Test(arguments: [("due imediately", "immediately"), ("dew within 6 months", "due"), ("due buy March 2014", "by")])
    func aTypoInAnActionGetsDidYouMean(_ clause: String, _ meant: String) throws {
        let result = try check(Self.plan + "action 3 \"x\"\n  \(clause)\n")
        #expect(result.out.contains("help: did you mean `\(meant)`?"), "\(result.out)")
        #expect(!result.out.contains("dates look like"), "\(result.out)")
    }

    // MARK: 4. Recovery at a trajectory's comma

    @Test func theMilestonesAfterABrokenOneAreChecked() throws {
        let result = try check(Self.plan + """
            measure 3 "x"
              polarity higher
              target >= 80% buy December 2013, >= 185% by Marhc 2014

            """)
        #expect(findings(result.out) == ["8:17 syntax", "8:39 percent-range", "8:47 unknown-month"], "\(result.out)")
    }

    // MARK: 5. Outside the period

    @Test func recurringStartsAndSignoffsOutsideThePeriodAreWarned() throws {
        let result = try check(Self.plan + """
            measure 3 "x"
              polarity higher
              target >= 80% each month from January 2015
              signoff IB by September 2015, EG by September 2013

            """)
        #expect(findings(result.out) == ["8:17 outside-period", "9:17 outside-period"], "\(result.out)")
        #expect(result.out.contains("`each month from January 2015` starts on 1 Jan 2015, which is outside the plan's period"))
        #expect(result.out.contains("the IB sign-off date 30 Sep 2015 is outside the plan's period"))
    }

    /// `within 18 months` has no year to check: the help says where it falls.
    @Test func aCountedDeadlineOutsideThePeriodSaysWhy() throws {
        let result = try check(Self.plan + "action 3 \"x\"\n  due within 18 months\n")
        #expect(result.out.contains("warning[outside-period]: the due date 1 Oct 2014 is outside the plan's period (1 Apr 2013 to 31 Mar 2014)"),
                "\(result.out)")
        #expect(result.out.contains("no year is written: it is counted from the start of the period (1 Apr 2013)"))
        #expect(!result.out.contains("check the year"))
    }

    // MARK: 6. An undated milestone in a trajectory

    @Test(arguments: [("target >= 80% each month, >= 85% by March 2014", "a recurring target (`each month`)", "8:10"),
                      ("target >= 80% by December 2013, >= 85% ongoing, >= 90% by March 2014", "an `ongoing` target", "8:35")])
    func anUndatedMilestoneInATrajectoryIsNamed(_ clause: String, _ what: String, _ at: String) throws {
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity higher\n  \(clause)\n")
        #expect(findings(result.out) == ["\(at) milestone-order"], "\(result.out)")
        #expect(result.out.contains("\(what) cannot be part of a trajectory with dated milestones"), "\(result.out)")
        #expect(result.out.contains("help: write them as two `target` clauses"))
    }

    // MARK: 7. Targets no value can meet

    @Test(arguments: [
        ("baseline 60% at April 2013\n  target increase by 50 points by March 2014", "9:22 percent-range",
         "`increase by 50 points` from the baseline 60% asks for 110%"),
        ("baseline 60% at April 2013\n  target reduce by 120% by March 2014", "9:20 percent-range",
         "`decrease by 120%` takes away more than the whole baseline"),

        ("target above 100% by March 2014", "8:16 percent-range", "`above 100%` can never be met"),
        ("baseline 50 at April 2013\n  target reduce by 70 by March 2014", "9:20 negative-value",
         "`decrease by 70` from the baseline 50 asks for -20, below zero"),
        ("unit done\n  target >= 5 by March 2014", "9:13 unit-mismatch", "but the measure is done or not done"),
    ])
    func aTargetNoValueCanMeetIsAnError(_ clauses: String, _ finding: String, _ message: String) throws {
        let polarity = clauses.contains("reduce") ? "lower" : "higher"
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity \(polarity)\n  \(clauses)\n")
        #expect(findings(result.out) == [finding], "\(result.out)")
        #expect(result.out.contains(message), "\(result.out)")
        // Not "write `by 120 points`": points make no percentage either.
        #expect(!result.out.contains("points` if percentage points were meant"), "\(result.out)")
    }

    /// `by 20%` from 60% may mean points (80%): still warned, with the hint.
    @Test func anAmbiguousRelativeChangeIsStillWarned() throws {
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity higher\n  baseline 60% at April 2013\n  target increase by 20% by March 2014\n")
        #expect(findings(result.out) == ["9:22 ambiguous-relative"], "\(result.out)")
        #expect(result.out.contains("write `by 20 points` if percentage points were meant"))
    }

    // MARK: 8. Smaller

    @Test(arguments: [("  workstream QQQ", "declare it with a `workstream QQQ \"Title\"` entry at column 1"),
                      ("  target in line with zz by March 2014", "declare it with a `comparator zz \"Statistical neighbours\" tolerance 5%` entry")])
    func anUnknownNameWithNoNearOneSaysHowToDeclareIt(_ clause: String, _ help: String) throws {
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity higher\n\(clause)\n")
        #expect(result.out.contains("help: \(help)"), "\(result.out)")
    }

    @Test func aSectionPartOfItselfIsOneFinding() throws {
        let result = try check(Self.plan + "section S1 \"One\"\n  part of S1\n")
        #expect(findings(result.out) == ["7:11 section-cycle"], "\(result.out)")
    }

    /// A clause left at column 1 inside a measure: one error with the hint
    /// to indent, and the lines below it stay the measure's.
    @Test(arguments: ["workstream EFD", "lead \"Jo Bloggs\""])
    func aClauseLineAtColumnOneIsOneFinding(_ line: String) throws {
        let result = try check(Self.plan + """
            lead "Jo Bloggs"
            measure 3 "x"
              polarity higher
            \(line)
              target >= 80% by March 2014
              officer "A N Other"

            """)
        #expect(findings(result.out) == ["9:1 syntax"], "\(result.out)")
        #expect(result.out.contains("help: indent it to make it a clause of the measure"), "\(result.out)")
    }

    @Test func anImpossibleMilestoneIsNotAlsoARelaxation() throws {
        let result = try check(Self.plan + "measure 3 \"x\"\n  polarity higher\n  target >= 180% by December 2013, >= 85% by March 2014\n")
        #expect(findings(result.out) == ["8:13 percent-range"], "\(result.out)")
    }

    /// None of this makes a sound plan fail.
    @Test func theBundledPlansAreStillClean() throws {
        for url in examplePlanURLs() {
            let result = runCLI(["check", url.path])
            #expect(result.status == 0, "\(url.lastPathComponent): \(result.stdout)\(result.stderr)")
        }
        let sound = try check(Self.plan + Self.measures)
        #expect(sound.status == 0, "\(sound.out)")
    }
}
