/// Recurring standards (`at least 20 each month from December 2013`) and
/// averages (`average >= 85% over 3 months by March 2014`): the targets judged
/// on calendar periods rather than on one value. The rules are the spec's
/// "Settled rules" and "Details of the new forms, settled".

/// A month, a UK financial quarter or a UK financial year: first and last day.
struct CalendarPeriod: Sendable, Hashable {
    var kind: RecurringPeriod
    var start: CalendarDate
    var end: CalendarDate

    /// The period of `kind` that holds `date`.
    init(_ kind: RecurringPeriod, containing date: CalendarDate) {
        self.kind = kind
        let (y, m, _) = date.components
        switch kind {
        case .month:
            start = .startOfMonth(year: y, month: m)
            end = .endOfMonth(year: y, month: m)
        case .quarter:
            // Financial quarters share the calendar quarters' boundaries.
            let first = (m - 1) / 3 * 3 + 1
            start = .startOfMonth(year: y, month: first)
            end = .endOfMonth(year: y, month: first + 2)
        case .year:
            let startYear = m >= 4 ? y : y - 1
            start = .startOfMonth(year: startYear, month: 4)
            end = .endOfFinancialYear(startYear: startYear)
        }
    }

    var next: CalendarPeriod { CalendarPeriod(kind, containing: end.addingDays(1)) }

    /// "Dec 2013", "Q3 2013/14", "2013/14".
    var name: String {
        let (y, m, _) = start.components
        switch kind {
        case .month: return "\(Month.shortNames[m - 1]) \(y)"
        case .quarter:
            let startYear = m >= 4 ? y : y - 1
            let quarter = m >= 4 ? (m - 4) / 3 + 1 : 4
            return "Q\(quarter) \(Self.financialYear(startYear))"
        case .year: return Self.financialYear(y)
        }
    }

    /// "months", "quarters", "years", or the singular for one.
    static func noun(_ kind: RecurringPeriod, _ count: Int) -> String {
        let word = switch kind {
        case .month: "month"
        case .quarter: "quarter"
        case .year: "year"
        }
        return count == 1 ? word : word + "s"
    }

    static func financialYear(_ startYear: Int) -> String {
        let next = (startYear + 1) % 100
        return "\(startYear)/\(next < 10 ? "0" : "")\(next)"
    }
}

extension ItemJudge {
    // MARK: Recurring standards

    /// Judged on the latest period ended by the as-of date; the explanation
    /// counts the periods met since the first.
    func judgeRecurring(_ milestone: MilestoneModel, _ recurrence: Recurrence) -> Judgement {
        let kind = recurrence.period
        var j = base(nil, required: "\(milestone.required) each \(kind.rawValue)", location: milestone.location)
        guard let from = recurrence.from ?? model.period?.start ?? numbers.first?.date else {
            j.explanation = "No observation of \(item.id), and no date the standard starts from; add `from DATE`."
            return j
        }
        let first = CalendarPeriod(kind, containing: from)
        j.required = "\(milestone.required) each \(kind.rawValue) from \(first.name)"
        guard first.end <= asOf else {
            j.deadline = first.end
            j.explanation = "The first \(kind.rawValue) (\(first.name)) ends \(first.end.display); nothing to judge before then."
            return j
        }
        // Every ended period, each with its latest value (nil when it has none).
        var periods: [(period: CalendarPeriod, value: Observation?)] = []
        var period = first
        var cursor = numbers.firstIndex { $0.date >= first.start } ?? numbers.count
        while period.end <= asOf {
            var latest: Observation?
            while cursor < numbers.count, numbers[cursor].date <= period.end {
                latest = numbers[cursor]
                cursor += 1
            }
            periods.append((period, latest))
            period = period.next
        }
        var metCount = 0
        var missing = 0
        var small = false
        for entry in periods {
            guard let observation = entry.value, let value = observation.reading.number else {
                missing += 1
                continue
            }
            if isSmallCohort(observation) { small = true }
            if case .judged(true, _, _, _) = test(milestone.requirement, value: value, on: observation.date) {
                metCount += 1
            }
        }
        let last = periods[periods.count - 1]
        j.deadline = last.period.end
        let noun = CalendarPeriod.noun(kind, periods.count)
        // Periods with no value are neither met nor missed: said apart.
        let unknown = missing == 0 ? "" : ", \(missing) with no value"
        let tally = periods.count == 1 ? "met in \(metCount) of 1 \(noun) (\(first.name))\(unknown)"
            : "met in \(metCount) of the \(periods.count) \(noun) since \(first.name)\(unknown)"
        if small { j.flags.append(.smallCohort) }
        guard let observation = last.value, let value = observation.reading.number else {
            j.explanation = "No value of \(item.id) for \(last.period.name); \(tally)."
            j.missingWindow = DateRange(start: last.period.start, end: last.period.end)
            return j
        }
        let result = test(milestone.requirement, value: value, on: observation.date)
        let decimals = honestDecimals(value, result)
        j.value = value
        j.valueText = format(value, decimals: decimals)
        j.valueDecimals = decimals
        j.valueDate = observation.date
        let observed = "\(valueWords(observation, decimals: decimals)) on \(observation.date.display)"
        let ask = "needed \(milestone.required) in \(last.period.name)"
        switch result {
        case .missing(let why):
            j.explanation = Self.sentence("\(observed), but \(why)")
        case .judged(let met, let shortfall, let threshold, let detail):
            let context = detail.map { " (\($0))" } ?? ""
            if met {
                j.status = .met
                j.explanation = "\(observed), \(ask)\(context): met; \(tally)."
            } else {
                let verdict = missAtDeadline(shortfall, milestone.requirement, value, threshold)
                j.status = verdict.status
                j.shortfall = shortfall
                j.explanation = "\(observed), \(ask)\(context): \(verdict.words); \(tally)."
            }
        }
        return j
    }

    // MARK: Averages

    /// The mean of the values in the `months` calendar months up to and
    /// including the month of `point`, dated on or before it; pooled when every
    /// value is written `N/D`. Nil when the window holds no value.
    func average(months: Int, at point: CalendarDate)
        -> (value: Double, used: [Observation], monthsWithValue: Int, window: (CalendarDate, CalendarDate),
            pooled: Cohort?)? {
        let (y, m, _) = point.components
        let windowStart = CalendarDate.startOfMonth(year: y, month: m).addingMonths(-(months - 1))
        let used = numbers.filter { $0.date >= windowStart && $0.date <= point }
        guard !used.isEmpty else { return nil }
        var distinctMonths = Set<Int>()
        for observation in used { distinctMonths.insert(observation.date.year * 12 + observation.date.month) }
        var pooled: Cohort?
        let value: Double
        if used.allSatisfy({ $0.cohort != nil }) {
            let numerator = used.reduce(0) { $0 + $1.cohort!.numerator }
            let denominator = used.reduce(0) { $0 + $1.cohort!.denominator }
            guard denominator > 0 else { return nil }
            pooled = Cohort(numerator: numerator, denominator: denominator)
            value = numerator / denominator * 100
        } else {
            value = used.reduce(0) { $0 + ($1.reading.number ?? 0) } / Double(used.count)
        }
        return (value, used, distinctMonths.count, (windowStart, point), pooled)
    }

    func judgeAverage(_ milestone: MilestoneModel, months: Int) -> Judgement {
        let deadline = milestone.deadline.date
        let requiredText = milestone.required + (deadline.map { " by \($0.display)" } ?? ", ongoing")
        var j = base(deadline, required: requiredText, location: milestone.location)
        let passed = deadline.map { $0 <= asOf } ?? false
        let point = passed ? deadline! : asOf
        let windowName = Self.monthSpan(CalendarDate.startOfMonth(year: point.year, month: point.month)
            .addingMonths(-(months - 1)), point)
        guard let mean = average(months: months, at: point) else {
            j.explanation = "No value of \(item.id) in the \(months == 1 ? "month" : "\(months) months") \(windowName)."
            j.missingWindow = DateRange(start: CalendarDate.startOfMonth(year: point.year, month: point.month).addingMonths(-(months - 1)),
                                        end: point)
            return j
        }
        if mean.used.contains(where: isSmallCohort) { j.flags.append(.smallCohort) }
        let result = test(milestone.requirement, value: mean.value, on: point)
        let decimals = honestDecimals(mean.value, result)
        j.value = mean.value
        j.valueText = format(mean.value, decimals: decimals)
        j.valueDecimals = decimals
        j.valueDate = mean.used.last?.date
        let coverage = mean.monthsWithValue < months
            ? ", values in \(mean.monthsWithValue) of \(months) months" : ""
        let pooled = mean.pooled.map { "; pooled \(Display.number($0.numerator)) of \(Display.number($0.denominator))" } ?? ""
        let observed = "average \(format(mean.value, decimals: decimals)) over \(windowName)\(coverage.isEmpty && pooled.isEmpty ? "" : " (" + String((coverage + pooled).dropFirst(2)) + ")")"
        let verb = passed ? "needed" : "needs"
        let ask = "\(verb) \(milestone.required)" + (deadline.map { " by \($0.display)" } ?? " (ongoing)")
        switch result {
        case .missing(let why):
            j.explanation = Self.sentence("\(observed), but \(why)")
        case .judged(let met, let shortfall, let threshold, let detail):
            let context = detail.map { " (\($0))" } ?? ""
            let missText = miss(shortfall, milestone.requirement, mean.value, threshold)
            if met {
                j.status = .met
                j.explanation = "\(observed), \(ask)\(context): met\(passed ? "" : " now")."
                if passed, let slipped = averageSlip(milestone, months: months) {
                    j.flags.append(.slipped)
                    // One sentence (spec), as a judgement on one value says it.
                    j.explanation.removeLast()
                    j.explanation += ", but it has slipped since: average \(format(slipped.value)) over \(slipped.window)."
                }
            } else if passed {
                j.shortfall = shortfall
                let verdict = missAtDeadline(shortfall, milestone.requirement, mean.value, threshold)
                j.status = verdict.status
                j.explanation = "\(observed), \(ask)\(context): \(verdict.words)."
            } else {
                j.status = .atRisk
                j.shortfall = shortfall
                let left = deadline.map { ", \(timeLeft(until: $0)) left" } ?? ""
                j.explanation = "\(observed), \(ask)\(context): \(missText)\(left)."
            }
        }
        return j
    }

    /// The trailing window at the as-of date, when it breaks a level met at
    /// the deadline beyond any tolerance.
    func averageSlip(_ milestone: MilestoneModel, months: Int) -> (value: Double, window: String)? {
        guard let now = average(months: months, at: asOf),
              case .judged(false, let shortfall, let threshold, _) = test(milestone.requirement, value: now.value, on: asOf)
        else { return nil }
        if allowedWithin(shortfall, threshold) != nil { return nil }
        // Months with no value are said, as in the average's own sentence.
        let coverage = now.monthsWithValue < months ? " (values in \(now.monthsWithValue) of \(months) months)" : ""
        return (now.value, Self.monthSpan(now.window.0, now.window.1) + coverage)
    }

    /// "Jan–Mar 2014", "Nov 2013–Jan 2014", "Mar 2014".
    static func monthSpan(_ start: CalendarDate, _ end: CalendarDate) -> String {
        let first = Month.shortNames[start.month - 1], last = Month.shortNames[end.month - 1]
        if start.year == end.year && start.month == end.month { return "\(last) \(end.year)" }
        if start.year == end.year { return "\(first)–\(last) \(end.year)" }
        return "\(first) \(start.year)–\(last) \(end.year)"
    }

    // MARK: Cohorts

    /// Whether the observation's cohort is below the measure's minimum (strictly).
    func isSmallCohort(_ observation: Observation) -> Bool {
        guard let minimum = item.minimumCohort, let cohort = observation.cohort else { return false }
        return cohort.denominator < Double(minimum)
    }

    /// "75.6% (34 of 45)" for a cohort value, else the value in the unit.
    func valueWords(_ observation: Observation, decimals: Int? = nil) -> String {
        let value = format(observation.reading.number ?? 0, decimals: decimals)
        guard let cohort = observation.cohort else { return value }
        return "\(value) (\(Display.number(cohort.numerator)) of \(Display.number(cohort.denominator)))"
    }
}
