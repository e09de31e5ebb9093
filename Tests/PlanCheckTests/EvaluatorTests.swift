import Testing
@testable import PlanCheck

/// The evaluation rules pinned at their edges, through the same pipeline the
/// CLI uses (plan text + CSV text in memory).
@Suite struct EvaluatorTests {
    static let header = """
        plan "T"
          period April 2013 to March 2014
        comparator sn "Statistical neighbours" tolerance 5%

        """

    /// Judgements of the plan body against CSV rows (`measure,date,value,series` lines).
    func judge(_ body: String, _ rows: [String], asOf: String) -> [Judgement] {
        let csv = "measure,date,value,series\n" + rows.joined(separator: "\n") + "\n"
        let files = MemoryFiles(["p.plan": Self.header + body, "d.csv": csv])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate.parseISO(asOf)!)
        let errors = run.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "unexpected diagnostics: \(errors.map(\.message))")
        return run.evaluation.judgements
    }

    func status(_ body: String, _ rows: [String], asOf: String) -> Status? {
        judge(body, rows, asOf: asOf).first?.status
    }

    let percent = "measure m \"M\"\n  target >= 90% by September\n"

    @Test func exactlyOnTheTargetIsMet() {
        #expect(status(percent, ["m,2013-09-30,90%,"], asOf: "2013-10-01") == .met)
        #expect(status(percent, ["m,2013-09-30,89.9%,"], asOf: "2013-10-01") == .missed)
    }

    @Test func onTheDeadlineDayTheDeadlineHasPassed() {
        let j = judge(percent, ["m,2013-09-30,85%,"], asOf: "2013-09-30")[0]
        #expect(j.status == .missed)
        #expect(j.explanation == "85.0% on 30 Sep 2013, needed at least 90% by 30 Sep 2013: 5.0 points short.")
        // The day before, it is still ahead: not met now, so at risk.
        #expect(status(percent, ["m,2013-09-29,85%,"], asOf: "2013-09-29") == .atRisk)
    }

    @Test func observationsAfterAsOfAreIgnored() {
        let j = judge(percent, ["m,2013-09-15,80%,", "m,2013-10-02,95%,"], asOf: "2013-10-01")[0]
        #expect(j.status == .missed)
        #expect(j.value == 80)
        #expect(j.valueDate?.iso == "2013-09-15")
    }

    @Test func aMonthEndDeadlineTakesAMidMonthObservation() {
        let j = judge(percent, ["m,2013-09-15,91%,", "m,2013-10-15,50%,"], asOf: "2013-11-01")[0]
        #expect(j.status == .met)
        #expect(j.valueDate?.iso == "2013-09-15")
    }

    @Test func toleranceBoundary() {
        let body = percent + "  tolerance 2 points\n"
        #expect(status(body, ["m,2013-09,88%,"], asOf: "2013-10-01") == .atRisk)
        #expect(status(body, ["m,2013-09,87.9%,"], asOf: "2013-10-01") == .missed)
        let relative = percent + "  tolerance 5%\n"  // 5% of 90 = 4.5 points
        #expect(status(relative, ["m,2013-09,85.5%,"], asOf: "2013-10-01") == .atRisk)
        #expect(status(relative, ["m,2013-09,85.4%,"], asOf: "2013-10-01") == .missed)
    }

    @Test func projectionNeedsThreeObservations() {
        let two = ["m,2013-05,99%,", "m,2013-06,95%,"]
        let twoJ = judge(percent, two, asOf: "2013-06-30")[0]
        #expect(twoJ.status == .met)
        #expect(twoJ.projected == nil)
        #expect(twoJ.explanation.contains("too few observations to project"))
        let three = two + ["m,2013-07,91%,"]
        let threeJ = judge(percent, three, asOf: "2013-07-31")[0]
        #expect(threeJ.status == .atRisk)
        let projected = try! #require(threeJ.projected)
        #expect(projected < 90 && projected > 80)
        #expect(threeJ.explanation.hasPrefix("91.0% now (31 Jul 2013), but falling 4.0 points a month: projected"))
    }

    @Test func notMetBeforeTheDeadlineIsAtRiskWithTimeLeft() {
        let j = judge(percent, ["m,2013-07-31,83%,"], asOf: "2013-07-31")[0]
        #expect(j.status == .atRisk)
        #expect(j.explanation == "83.0% on 31 Jul 2013, needs at least 90% by 30 Sep 2013: 7.0 points short, 2 months left.")
    }

    @Test func relativeTargetWithPlanBaseline() {
        let body = "measure s \"Agency staff\"\n  baseline 60 at April 2013\n  target decrease by 30% by September\n"
        #expect(status(body, ["s,2013-09,42,"], asOf: "2013-10-01") == .met)
        #expect(status(body, ["s,2013-09,43,"], asOf: "2013-10-01") == .missed)
    }

    @Test func relativeTargetWithDataBaseline() {
        let body = "measure c \"CAFs\"\n  target increase by 25% by September\n"
        #expect(status(body, ["c,2013-04,100,baseline", "c,2013-09,125,"], asOf: "2013-10-01") == .met)
        #expect(status(body, ["c,2013-04,100,baseline", "c,2013-09,124,"], asOf: "2013-10-01") == .missed)
    }

    @Test func relativeTargetWithoutBaselineIsNoData() {
        let body = "measure c \"CAFs\"\n  target increase by 10 points by September\n"
        let files = MemoryFiles(["p.plan": Self.header + body, "d.csv": "measure,date,value\nc,2013-09,125\n"])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate.parseISO("2013-10-01")!)
        #expect(run.diagnostics.contains { $0.code == .missingBaseline && $0.severity == .error })
        let j = run.evaluation.judgements[0]
        #expect(j.status == .noData)
        #expect(j.explanation.contains("no baseline"))
    }

    @Test func comparatorTakenOnOrBeforeTheValue() {
        let body = "measure r \"Referrals\"\n  target in line with sn by September\n"
        // 402 against 385: 5% of 385 is 19.25, the gap is 17.
        #expect(status(body, ["r,2013-09,402,", "r,2013-09,385,sn"], asOf: "2013-10-01") == .met)
        #expect(status(body, ["r,2013-09,410,", "r,2013-09,385,sn"], asOf: "2013-10-01") == .missed)
        // A yearly average dated before the value is the one used, and named with its date.
        let yearly = judge(body, ["r,2013-09,402,", "r,2013-03-31,385,sn", "r,2014-03-31,300,sn"], asOf: "2014-04-01")[0]
        #expect(yearly.status == .met)
        #expect(yearly.explanation.contains("(Statistical neighbours 385 on 31 Mar 2013, allowed ±19.3)"))
        let missing = judge(body, ["r,2013-09,402,", "r,2013-10,385,sn"], asOf: "2013-11-01")[0]
        #expect(missing.status == .noData)
        #expect(missing.explanation.contains("no Statistical neighbours value on or before 30 Sep 2013"))
    }

    @Test func comparatorWithPolarityCountsOnlyTheBadSide() {
        let higher = "measure p \"Plans\"\n  polarity higher\n  target in line with sn by September\n"
        // 85 against 70: far above, met; 5% of 70 is 3.5, so at least 66.5.
        #expect(status(higher, ["p,2013-09,85%,", "p,2013-09,70%,sn"], asOf: "2013-10-01") == .met)
        #expect(status(higher, ["p,2013-09,66.5%,", "p,2013-09,70%,sn"], asOf: "2013-10-01") == .met)
        let low = judge(higher, ["p,2013-09,66%,", "p,2013-09,70%,sn"], asOf: "2013-10-01")[0]
        #expect(low.status == .missed)
        #expect(low.explanation.hasSuffix("(Statistical neighbours 70.0% on 30 Sep 2013, so at least 66.5%): 0.5 points short."))
        let lower = "measure q \"Re-referrals\"\n  polarity lower\n  target within 2 points of sn by September\n"
        #expect(status(lower, ["q,2013-09,10%,", "q,2013-09,24%,sn"], asOf: "2013-10-01") == .met)
        #expect(status(lower, ["q,2013-09,26%,", "q,2013-09,24%,sn"], asOf: "2013-10-01") == .met)
        let over = judge(lower, ["q,2013-09,27%,", "q,2013-09,24%,sn"], asOf: "2013-10-01")[0]
        #expect(over.status == .missed)
        #expect(over.explanation.hasSuffix("so at most 26.0%): 1.0 point over."))
        // No polarity: two-sided.
        let plain = "measure r \"Plans\"\n  target in line with sn by September\n"
        #expect(status(plain, ["r,2013-09,85%,", "r,2013-09,70%,sn"], asOf: "2013-10-01") == .missed)
    }

    @Test func withinInlineTolerance() {
        let body = "measure l \"Lead professionals\"\n  target within 2 points of sn by September\n"
        #expect(status(body, ["l,2013-09,50%,", "l,2013-09,52%,sn"], asOf: "2013-10-01") == .met)
        #expect(status(body, ["l,2013-09,49.9%,", "l,2013-09,52%,sn"], asOf: "2013-10-01") == .missed)
    }

    let action = "action a \"Do it\"\n  due March 2014\n"

    @Test func actionDoneTheDayAfterDueIsLate() {
        let j = judge(action, ["a,2014-04-01,complete,"], asOf: "2014-05-01")[0]
        #expect(j.status == .missed)
        #expect(j.explanation == "Done late: 1 Apr 2014, due 31 Mar 2014.")
        #expect(status(action, ["a,2014-03-31,complete,"], asOf: "2014-05-01") == .met)
        #expect(status(action, ["a,2014-05-01,2014-03-30,"], asOf: "2014-05-01") == .met)
    }

    @Test func actionStates() {
        #expect(status(action, ["a,2014-01,in progress,"], asOf: "2014-02-01") == .pending)
        #expect(status(action, ["a,2014-03,in progress,"], asOf: "2014-04-01") == .missed)
        #expect(status(action, ["a,2014-03,not started,"], asOf: "2014-04-01") == .missed)
        // Past due with nothing recorded is missed, never "no data": the plan owns the record.
        #expect(status(action, [], asOf: "2014-04-01") == .missed)
        #expect(status(action, [], asOf: "2014-02-01") == .pending)
        // Completion after the as-of date is not known yet.
        #expect(status(action, ["a,2014-03-15,complete,"], asOf: "2014-03-01") == .pending)
        // Late only after the due day.
        #expect(status(action, ["a,2014-03,in progress,"], asOf: "2014-03-31") == .pending)
    }

    @Test func pastDueExplanationNamesTheLatestStatusOrProgressNote() {
        let noted = action + "  progress 2014-03-20 \"Draft circulated\"\n"
        let j = judge(noted, ["a,2014-02-28,in progress,"], asOf: "2014-04-30")[0]
        #expect(j.status == .missed)
        #expect(j.explanation == "Not done by its due date 31 Mar 2014: the latest progress note (20 Mar 2014) says \"Draft circulated\".")
        let status = judge(noted, ["a,2014-03-25,in progress,"], asOf: "2014-04-30")[0]
        #expect(status.explanation == "Not done by its due date 31 Mar 2014: the latest status is in progress (25 Mar 2014).")
        let nothing = judge(action, [], asOf: "2014-04-30")[0]
        #expect(nothing.explanation == "Not done by its due date 31 Mar 2014: no completion, status or progress recorded.")
    }

    @Test func completionOnceRecordedStandsAndALaterStatusIsShown() {
        let j = judge(action, ["a,2014-02-10,complete,", "a,2014-03-31,in progress,"], asOf: "2014-04-30")[0]
        #expect(j.status == .met)
        #expect(j.explanation == "Done on 10 Feb 2014, due 31 Mar 2014 (though the latest status, 31 Mar 2014, is in progress).")
        // The plan's own record counts as much as the data's.
        let clause = judge(action + "  done 2014-03-20\n", ["a,2014-04-15,in progress,"], asOf: "2014-04-30")[0]
        #expect(clause.status == .met)
        #expect(clause.valueText == "done 20 Mar 2014")
    }

    @Test func ongoingActions() {
        let ongoing = "action o \"Keep doing it\"\n  due ongoing\n"
        #expect(status(ongoing, ["o,2014-01,complete,"], asOf: "2014-05-01") == .met)
        #expect(status(ongoing, ["o,2014-01,not started,"], asOf: "2014-05-01") == .atRisk)
        #expect(status(ongoing, ["o,2014-01,in progress,"], asOf: "2014-05-01") == .pending)
        #expect(status(ongoing, [], asOf: "2014-05-01") == .pending)
    }

    @Test func aBareDoneIsAnErrorAndNeverADoneDate() {
        let body = action + "  done\n"
        let files = MemoryFiles(["p.plan": Self.header + body, "d.csv": "measure,date,value\n"])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate.parseISO("2014-05-01")!)
        #expect(run.diagnostics.contains { $0.code == .doneWithoutDate && $0.severity == .error })
        let j = run.evaluation.judgements[0]
        #expect(j.status == .missed)
        #expect(j.valueText == nil)
    }

    @Test func doneClauseIsAnObservationOfItsDate() {
        let body = action + "  done 2014-02-10\n"
        #expect(status(body, [], asOf: "2014-02-01") == .pending)
        #expect(status(body, [], asOf: "2014-02-10") == .met)
    }

    @Test func ongoingIsNeverMissed() {
        let body = "measure t \"Telephone\"\n  target >= 80% ongoing\n"
        #expect(status(body, ["t,2013-06,70%,"], asOf: "2014-12-01") == .atRisk)
        #expect(status(body, ["t,2013-06,81%,"], asOf: "2014-12-01") == .met)
        #expect(judge(body, ["t,2013-06,81%,"], asOf: "2014-12-01")[0].deadline == nil)
    }

    @Test func sustainedMonths() {
        let body = "measure v \"Views\"\n  target >= 60% by October sustained 3 months\n"
        #expect(status(body, ["v,2013-08,61%,", "v,2013-09,62%,", "v,2013-10,65%,"], asOf: "2013-11-01") == .met)
        let broken = judge(body, ["v,2013-08,44%,", "v,2013-09,62%,", "v,2013-10,65%,"], asOf: "2013-11-01")[0]
        #expect(broken.status == .missed)
        #expect(broken.explanation == "44.0% on 31 Aug 2013 breaks the level (needed at least 60% sustained for 3 months by 31 Oct 2013): 16.0 points short.")
        #expect(broken.required == "at least 60% sustained for 3 months by 31 Oct 2013")
        // A calendar month with no observation: no data, said so.
        let gap = judge(body, ["v,2013-08,61%,", "v,2013-10,65%,"], asOf: "2013-11-01")[0]
        #expect(gap.status == .noData)
        #expect(gap.explanation == "No observation of v in Sep 2013: a level sustained for 3 months needs one in each month to 31 Oct 2013.")
        // Before the deadline, a month that has ended with no value is no data too, never "met now".
        let early = judge(body, ["v,2013-08,61%,"], asOf: "2013-10-15")[0]
        #expect(early.status == .noData)
        #expect(early.explanation.hasPrefix("No observation of v in Sep 2013"))
        #expect(status(body, ["v,2013-08,61%,", "v,2013-09,62%,"], asOf: "2013-10-15") == .met)
        // July is outside the three months to October.
        #expect(status(body, ["v,2013-07,10%,", "v,2013-08,61%,", "v,2013-09,62%,", "v,2013-10,65%,"], asOf: "2013-11-01") == .met)
    }

    @Test func slippedAfterAMetDeadline() {
        let js = judge(percent, ["m,2013-09,91%,", "m,2013-10,85%,", "m,2013-11,84%,"], asOf: "2013-12-01")
        #expect(js[0].status == .met)
        #expect(js[0].flags == [.slipped])
        #expect(js[0].explanation.hasSuffix("met, but slipped since 31 Oct 2013: 84.0% on 30 Nov 2013."))
        // Recovered since: not slipped.
        #expect(judge(percent, ["m,2013-09,91%,", "m,2013-10,85%,", "m,2013-11,92%,"], asOf: "2013-12-01")[0].flags == [])
        // Within tolerance: not slipped.
        let tolerant = percent + "  tolerance 2 points\n"
        #expect(judge(tolerant, ["m,2013-09,91%,", "m,2013-10,88%,"], asOf: "2013-12-01")[0].flags == [])
    }

    @Test func missedWithinToleranceIsSaidAsMissed() {
        let body = percent + "  tolerance 2 points\n"
        let j = judge(body, ["m,2013-09,88.5%,"], asOf: "2013-10-01")[0]
        #expect(j.status == .atRisk)
        #expect(j.shortfall == 1.5)
        #expect(j.explanation == "88.5% on 30 Sep 2013, needed at least 90% by 30 Sep 2013: missed by 1.5 points, within the tolerance of 2.0 points.")
    }

    @Test func aBareIncreaseThatTiesTheBaseline() {
        let body = "measure c \"CSE plans\"\n  baseline 12 at April 2013\n  target increase by September\n"
        let j = judge(body, ["c,2013-09,12,"], asOf: "2013-10-01")[0]
        #expect(j.status == .missed)
        #expect(j.explanation.hasSuffix("(baseline 12): equal to the baseline."))
    }

    @Test func trajectoryJudgesEachMilestoneAndMarksTheOneInForce() {
        let body = "measure t \"Seen\"\n  target >= 80% by December 2013, >= 85% by March 2014\n"
        let js = judge(body, ["t,2013-12,81%,", "t,2014-01,83%,"], asOf: "2014-01-31")
        #expect(js.count == 2)
        #expect(js[0].status == .met)
        #expect(js[0].isHeadline == false)
        #expect(js[1].status == .atRisk)
        #expect(js[1].isHeadline == true)
    }

    @Test func leapDays() {
        let plan = """
            plan "L"
              period April 2011 to March 2012
            measure m "M"
              target >= 50% by 29.02.12

            """
        let files = MemoryFiles(["p.plan": plan, "d.csv": "measure,date,value\nm,29/02/2012,50%\nm,2012-03-01,10%\n"])
        let run = Pipeline.evaluate(path: "p.plan", files: files, dataPaths: ["d.csv"], asOf: CalendarDate.parseISO("2012-03-31")!)
        #expect(run.diagnostics.isEmpty)
        #expect(run.evaluation.judgements[0].status == .met)
        #expect(run.evaluation.judgements[0].deadline?.iso == "2012-02-29")
    }

    @Test func noObservationIsNoDataNeverMet() {
        let j = judge(percent, [], asOf: "2013-10-01")[0]
        #expect(j.status == .noData)
        #expect(j.explanation == "No observation of m on or before the deadline 30 Sep 2013.")
    }

    @Test func sameInputsGiveTheSameJudgements() {
        let rows = ["m,2013-05,99%,", "m,2013-06,95%,", "m,2013-07,91%,"]
        #expect(judge(percent, rows, asOf: "2013-07-31") == judge(percent, rows, asOf: "2013-07-31"))
    }
}

// MARK: - Recurring standards at their edges

extension EvaluatorTests {
    /// Financial years: the latest ended year with no value is no data, and
    /// the tally still counts the years met.
    @Test func aRecurringYearWithNoValueIsNoData() {
        let body = "measure y \"Y\"\n  target >= 80% each year from April 2012\n"
        let j = judge(body, ["y,2013-03,85%,", "y,2012-06,70%,"], asOf: "2014-04-30")[0]
        #expect(j.status == .noData)
        #expect(j.deadline == CalendarDate(year: 2014, month: 3, day: 31))
        #expect(j.explanation == "No value of y for 2013/14; met in 1 of the 2 years since 2012/13, 1 with no value.")
        #expect(j.required == "at least 80% each year from 2012/13")
    }

    /// Before the first period ends there is nothing to judge; the deadline
    /// is that period's last day.
    @Test func beforeTheFirstQuarterEndsIsNoData() {
        let body = "measure q \"Q\"\n  target >= 80% each quarter from January 2014\n"
        let j = judge(body, ["q,2014-01,85%,"], asOf: "2014-02-15")[0]
        #expect(j.status == .noData)
        #expect(j.deadline == CalendarDate(year: 2014, month: 3, day: 31))
        #expect(j.explanation == "The first quarter (Q4 2013/14) ends 31 Mar 2014; nothing to judge before then.")
    }

    /// A comparator standard each month: the latest month judged against the
    /// comparator's value then, and no data when the comparator has none.
    @Test func aRecurringComparatorStandardNeedsTheComparator() {
        let body = "measure c \"C\"\n  polarity higher\n  target in line with sn each month from September 2013\n"
        let met = judge(body, ["c,2013-09,80%,", "c,2013-10,78%,", "c,2013-09,80%,sn"], asOf: "2013-10-31")[0]
        #expect(met.status == .met)
        #expect(met.explanation.hasSuffix("met; met in 2 of the 2 months since Sep 2013."), "\(met.explanation)")
        let none = judge(body, ["c,2013-10,78%,"], asOf: "2013-10-31")[0]
        #expect(none.status == .noData)
        #expect(none.explanation.contains("78.0% on 31 Oct 2013, but"), "\(none.explanation)")
    }
}
