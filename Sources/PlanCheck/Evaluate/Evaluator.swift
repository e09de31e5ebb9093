/// Judges every target of a checked plan against observations at an as-of
/// date: a pure function of (plan, data, as-of), so any past report can be
/// reproduced exactly. The rules are the spec's "Evaluation" section.
///
///     let evaluation = Evaluator.evaluate(model, data: data, asOf: CalendarDate(year: 2013, month: 10, day: 1)!)
///     evaluation.judgements.first?.status   // .met
public enum Evaluator {
    public static func evaluate(_ model: PlanModel, data: DataSet, asOf: CalendarDate) -> Evaluation {
        var judgements: [Judgement] = []
        for (index, item) in model.items.enumerated() {
            let unit = data.unit(of: item, at: index)
            let context = ItemJudge(model: model, index: index, item: item, series: data.series(index), asOf: asOf,
                                    unit: unit)
            var itemJudgements = context.judgeAll()
            DataGap.explain(&itemJudgements, series: context.series, asOf: asOf)
            judgements += itemJudgements
        }
        return Evaluation(asOf: asOf, judgements: judgements)
    }

    /// Each recorded rating whose status, computed at the rating's own date on
    /// the milestone in force then, disagrees with it: what `check` warns of.
    public static func ratingDisagreements(_ model: PlanModel, data: DataSet)
        -> [(rating: RatingRecord, item: Item, computed: [Status])] {
        var out: [(RatingRecord, Item, [Status])] = []
        for (index, item) in model.items.enumerated() where !item.ratings.isEmpty {
            let unit = data.unit(of: item, at: index)
            for rating in item.ratings {
                let judge = ItemJudge(model: model, index: index, item: item, series: data.series(index),
                                      asOf: rating.date, unit: unit)
                let headlines = judge.judgeAll(annotated: false).filter(\.isHeadline).map(\.status)
                if !headlines.isEmpty, headlines.contains(where: { !rating.rating.agrees(with: $0) }) {
                    out.append((rating, item, headlines))
                }
            }
        }
        return out
    }
}

/// Everything needed to judge one measure or action.
struct ItemJudge {
    let model: PlanModel
    let index: Int
    let item: Item
    let series: ItemSeries
    let asOf: CalendarDate
    /// Numeric actual observations on or before the as-of date.
    let numbers: [Observation]
    let unit: Unit

    init(model: PlanModel, index: Int, item: Item, series: ItemSeries, asOf: CalendarDate, unit: Unit) {
        self.model = model
        self.index = index
        self.item = item
        self.series = series
        self.asOf = asOf
        self.numbers = series.actual.filter { $0.date <= asOf && $0.reading.number != nil }
        self.unit = unit
    }

    /// Every judgement of the item; `annotated` adds flags, commentary and
    /// recorded ratings (off when judging at a rating's own date).
    func judgeAll(annotated: Bool = true) -> [Judgement] {
        var out: [Judgement] = []
        for (t, target) in item.targets.enumerated() {
            let first = out.count
            for (m, milestone) in target.milestones.enumerated() {
                var judgement = judge(milestone)
                if let latest = latestReading(milestone, judged: judgement) {
                    (judgement.latestValue, judgement.latestShortfall) = (latest.value, latest.shortfall)
                }
                judgement.target = t
                judgement.milestone = m
                out.append(judgement)
            }
            // The milestone in force: the earliest not yet due, else the
            // last. A recurring one is due once its first period has ended:
            // its judgement's deadline is the period judged (a step up to 25
            // each month from April is in force over 20 each month from then).
            let due = target.milestones.indices.map { m -> CalendarDate? in
                target.milestones[m].recurrence != nil ? out[first + m].deadline : target.milestones[m].deadline.date
            }
            let inForce = due.firstIndex { ($0 ?? .distantFuture) > asOf } ?? target.milestones.count - 1
            for m in target.milestones.indices { out[first + m].isHeadline = m == inForce }
        }
        if item.kind == .action {
            out.append(judgeAction())
        }
        return annotated ? annotate(out) : out
    }

    func base(_ deadline: CalendarDate?, required: String, location: Location) -> Judgement {
        Judgement(item: index, id: item.id, kind: item.kind == .action ? .action : .measure, title: item.title,
                  deadline: deadline, status: .noData, value: nil, valueText: nil, valueDate: nil, required: required,
                  explanation: "", projected: nil, target: -1, milestone: 0, isHeadline: true, location: location)
    }

    // MARK: Numeric targets

    /// What a requirement says of one value on one date.
    enum Test {
        var threshold: Double? {
            if case .judged(_, _, let threshold, _) = self { return threshold }
            return nil
        }

        /// `shortfall` > 0 means not met by that much; `threshold` is what was compared with.
        case judged(met: Bool, shortfall: Double, threshold: Double?, detail: String?)
        case missing(String)
    }

    func test(_ requirement: Requirement, value: Double, on date: CalendarDate) -> Test {
        switch requirement {
        case .compare(let comparison, let q):
            return Self.compare(value, comparison, q.value)
        case .level:
            return .missing("a level with no comparator needs the measure's polarity to say which way it goes")
        case .maintain where item.polarity == nil:
            return .missing("`maintain` needs the measure's polarity to say which way is worse")
        case .range:
            let (comparison, threshold) = requirement.comparison(baseline: nil, polarity: item.polarity)!
            return Self.compare(value, comparison, threshold)
        case .maintain, .change:
            guard let baseline = baselineValue(for: date),
                  let (comparison, threshold) = requirement.comparison(baseline: baseline, polarity: item.polarity) else {
                // A baseline dated after the as-of date is not yet seen: said so.
                if let planned = item.baseline, let at = planned.date, at > asOf {
                    return .missing("the baseline of \(item.id) is dated \(at.display), after \(asOf.display)")
                }
                if let first = series.baseline.first(where: { $0.reading.number != nil }), first.date > asOf {
                    return .missing("the baseline of \(item.id) is dated \(first.date.display), after \(asOf.display)")
                }
                return .missing("no baseline for \(item.id): add `baseline VALUE at DATE` or a `baseline` series in the data")
            }
            var detail = "baseline \(format(baseline))"
            // A change by an amount comes to a level of its own: say it, in
            // as many decimals as it has (up to two), so 96 + 5% reads 100.8.
            if case .change(_, _?) = requirement {
                let decimals = Display.exactDecimals(threshold, upTo: 2) ?? 2
                detail += ", so \(comparison.words) \(format(threshold, decimals: max(decimals, usualDecimals(threshold))))"
            }
            return Self.compare(value, comparison, threshold).with(detail: detail)
        case .inLineWith(let comparator):
            guard let declared = model.comparators.first(where: { $0.id == comparator.name }),
                  let tolerance = declared.tolerance else {
                return .missing("comparator \(comparator.name) has no tolerance to judge `in line with` by")
            }
            return within(tolerance, of: comparator.name, value: value, on: date)
        case .within(let tolerance, let comparator):
            return within(tolerance, of: comparator.name, value: value, on: date)
        case .done:
            return .missing("a `done` target is judged on completion, not a number")
        }
    }

    /// A comparator target (spec, "Settled rules: Comparators"): the
    /// comparator's latest value dated on or before `date`; with a declared
    /// polarity only the bad side of the band counts, else it is two-sided.
    func within(_ tolerance: Tolerance, of comparator: String, value: Double, on date: CalendarDate) -> Test {
        let name = comparatorName(comparator)
        guard let observation = series.comparators[comparator]?.last(where: { $0.date <= date && $0.reading.number != nil }),
              let other = observation.reading.number else {
            return .missing("no \(name) value on or before \(date.display) to compare with")
        }
        let allowed = tolerance.kind == .absolute ? tolerance.amount : abs(other) * tolerance.amount / 100
        let of = "\(name) \(format(other)) on \(observation.date.display)"
        // The band's edge in decimals enough to tell it from the value and
        // to show the gap: 20.8% is over at most 20.79% (19.8% and 5%), not
        // over "at most 20.8%".
        func edge(_ edge: Double, from value: Double, shortfall: Double) -> String {
            format(edge, decimals: shownDecimals(edge, telling: [value], shortfall: shortfall))
        }
        switch item.polarity {
        case .higher?:
            let floor = other - allowed
            let met = value >= floor - Self.epsilon(floor)
            let shortfall = met ? 0 : floor - value
            return .judged(met: met, shortfall: shortfall, threshold: other,
                           detail: "\(of), so at least \(edge(floor, from: value, shortfall: shortfall))")
        case .lower?:
            let ceiling = other + allowed
            let met = value <= ceiling + Self.epsilon(ceiling)
            let shortfall = met ? 0 : value - ceiling
            return .judged(met: met, shortfall: shortfall, threshold: other,
                           detail: "\(of), so at most \(edge(ceiling, from: value, shortfall: shortfall))")
        case nil:
            let distance = abs(value - other)
            let met = distance <= allowed + Self.epsilon(allowed)
            let shortfall = max(0, distance - allowed)
            let decimals = shownDecimals(allowed, telling: [distance], shortfall: shortfall)
            return .judged(met: met, shortfall: shortfall, threshold: other,
                           detail: "\(of), allowed ±\(decimals.map { Display.difference(allowed, unit: unit, decimals: $0) } ?? format(allowed, difference: true))")
        }
    }

    /// A comparator in the plan's words: its title when it declares one
    /// ("Statistical neighbour average"), else its id.
    func comparatorName(_ id: String) -> String {
        model.comparators.first { $0.id == id }?.title ?? id
    }

    static func epsilon(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }

    static func compare(_ value: Double, _ comparison: Comparison, _ threshold: Double) -> Test {
        let e = epsilon(threshold)
        let met: Bool
        switch comparison {
        case .atLeast: met = value >= threshold - e
        case .atMost: met = value <= threshold + e
        case .above: met = value > threshold + e
        case .below: met = value < threshold - e
        case .exactly: met = abs(value - threshold) <= e
        }
        return .judged(met: met, shortfall: met ? 0 : abs(value - threshold), threshold: threshold, detail: nil)
    }

    /// The plan's baseline, else the latest `baseline` observation on or before as-of.
    /// The baseline a value dated `date` is judged against: the plan's (once
    /// its date has come), else the latest `baseline` observation on or
    /// before the value, as a comparator's is chosen; failing that, the
    /// earliest seen by the as-of date. So a baseline recorded after a
    /// deadline does not re-judge it, and a past report reproduces exactly.
    func baselineValue(for date: CalendarDate) -> Double? {
        if let baseline = item.baseline {
            return baseline.date.map { $0 <= asOf } ?? true ? baseline.value : nil
        }
        let seen = series.baseline.filter { $0.date <= asOf && $0.reading.number != nil }
        return (seen.last { $0.date <= date } ?? seen.first)?.reading.number
    }

    func judge(_ milestone: MilestoneModel) -> Judgement {
        let deadline = milestone.deadline.date
        let requiredText = milestone.required + (deadline.map { " by \($0.display)" } ?? ", ongoing")
        if let recurrence = milestone.recurrence { return judgeRecurring(milestone, recurrence) }
        if let months = milestone.averageMonths { return judgeAverage(milestone, months: months) }
        var j = base(deadline, required: requiredText, location: milestone.location)
        if case .done = milestone.requirement {
            return judgeDone(j, deadline: deadline, isAction: item.kind == .action)
        }
        let passed = deadline.map { $0 <= asOf } ?? false
        // The evaluation point: the deadline once it has passed, else today.
        let point = passed ? deadline! : asOf
        guard let latest = numbers.last(where: { $0.date <= point }), let value = latest.reading.number else {
            j.explanation = passed
                ? "No observation of \(item.id) on or before the deadline \(point.display)."
                : "No observation of \(item.id) on or before \(asOf.display)."
            return j
        }
        let result = test(milestone.requirement, value: value, on: latest.date)
        let decimals = honestDecimals(value, result)
        j.value = value
        j.valueText = format(value, decimals: decimals)
        j.valueDecimals = decimals
        j.valueDate = latest.date
        let observed = "\(valueWords(latest, decimals: decimals)) on \(latest.date.display)"
        let verb = passed ? "needed" : "needs"
        let ask = "\(verb) \(milestone.required)" + (deadline.map { " by \($0.display)" } ?? " (ongoing)")

        switch result {
        case .missing(let why):
            j.explanation = Self.sentence("\(observed), but \(why)")
            return j
        case .judged(let met, let shortfall, let threshold, let detail):
            let context = detail.map { " (\($0))" } ?? ""
            if let months = milestone.sustainedMonths,
               let sustained = judgeSustained(j, milestone, months: months, passed: passed, ask: ask) {
                return sustained
            }
            if passed {
                if met {
                    j.status = .met
                    j.explanation = "\(observed), \(ask)\(context): met."
                    if let slip = slippedCheck(milestone, judgedOn: latest.date) {
                        j.flags.append(.slipped)
                        j.explanation = "\(observed), \(ask)\(context): met, but slipped since \(slip.since.display): \(format(slip.value, decimals: honestDecimals(slip.value, slip.threshold))) on \(slip.date.display)."
                    }
                } else {
                    let verdict = missAtDeadline(shortfall, milestone.requirement, value, threshold)
                    j.status = verdict.status
                    j.shortfall = shortfall
                    j.explanation = "\(observed), \(ask)\(context): \(verdict.words)."
                }
                return j
            }
            guard let deadline else {
                j.status = met ? .met : .atRisk
                if !met { j.shortfall = shortfall }
                j.explanation = met ? "\(observed), \(ask)\(context): met." : "\(observed), \(ask)\(context): \(miss(shortfall, milestone.requirement, value, threshold))."
                return j
            }
            let left = timeLeft(until: deadline)
            let projection = projectable(milestone.requirement) ? Projection.fit(numbers) : nil
            var projected: (value: Double, met: Bool, words: String)?
            if let projection {
                let at = projection.value(at: deadline, unit: unit)
                // A comparator's value at the deadline is not known yet: the
                // latest one by the as-of date stands for it (spec, "Settled
                // rules: Comparators": the latest dated on or before the value).
                let tested = test(milestone.requirement, value: at, on: min(deadline, asOf))
                if case .judged(let ok, _, _, _) = tested {
                    // Told from the level and from a band's edge: 63.998%
                    // against at least 64.0% (a comparator's 69% less 5).
                    projected = (at, ok, format(at, decimals: honestDecimals(at, tested)))
                    j.projected = at
                }
            }
            if met {
                if let projected, !projected.met, let projection {
                    j.status = .atRisk
                    let trend = projection.slopePerMonth < 0 ? "falling" : "rising"
                    j.explanation = "\(format(value, decimals: decimals)) now (\(latest.date.display)), but \(trend) \(format(abs(projection.slopePerMonth), difference: true)) a month: projected \(projected.words) at \(deadline.display), against \(milestone.required)\(context)."
                } else {
                    j.status = .met
                    // Why there is no projection, truly: too few values, or all on one day.
                    let outlook = if let projected {
                        "; projected \(projected.words) at the deadline"
                    } else if numbers.count < Projection.minimum {
                        "; too few observations to project (\(numbers.count) of \(Projection.minimum))"
                    } else {
                        "; no trend to project"
                    }
                    j.explanation = "\(observed), \(ask)\(context): met now\(outlook)."
                }
            } else {
                j.status = .atRisk
                j.shortfall = shortfall
                let outlook = projected.map { "; projected \($0.words) at the deadline" } ?? ""
                j.explanation = "\(observed), \(ask)\(context): \(miss(shortfall, milestone.requirement, value, threshold)), \(left) left\(outlook)."
            }
            return j
        }
    }

    /// Targets with a level can be projected: a fixed one, one from the
    /// baseline, or a comparator's (its latest value by the as-of date).
    func projectable(_ requirement: Requirement) -> Bool {
        switch requirement {
        case .compare, .range, .change, .maintain, .inLineWith, .within: true
        default: false
        }
    }

    /// `sustained N months` (spec, "Settled rules: Sustained"): an
    /// observation in each of the N calendar months ending at the deadline,
    /// every one meeting the level. Once the deadline has passed, a month
    /// with none is no data; before it, a value already in the window that
    /// breaks the level makes the target at risk. Nil when the window holds
    /// nothing against the target, so it is judged as any other.
    func judgeSustained(_ start: Judgement, _ milestone: MilestoneModel, months: Int, passed: Bool,
                        ask: String) -> Judgement? {
        guard months >= 1 else { return nil }
        var j = start
        // The window ends at the deadline; an ongoing target's at its latest value.
        guard let end = milestone.deadline.date ?? numbers.last?.date else { return nil }
        let first = CalendarDate.startOfMonth(year: end.year, month: end.month).addingMonths(-(months - 1))
        let inWindow = numbers.filter { $0.date >= first && $0.date <= end && $0.date <= asOf }
        let span = "\(months) month\(months == 1 ? "" : "s")"
        // Every month of the window needs a value: at the deadline all of
        // them; before it, those that have ended (a month with none can no
        // longer be shown to hold the level, so it is never "met now").
        let whole = passed || milestone.deadline.isOngoing
        var missing: [String] = []
        var month = first
        while month <= end {
            let ended = CalendarDate.endOfMonth(year: month.year, month: month.month) <= asOf
            if (whole || ended) && !inWindow.contains(where: { $0.date.year == month.year && $0.date.month == month.month }) {
                missing.append(Month.shortNames[month.month - 1] + " " + String(month.year))
            }
            month = month.addingMonths(1)
        }
        if !missing.isEmpty {
            // Nothing was judged: no value beside "no data".
            j.status = .noData
            j.value = nil
            j.valueText = nil
            j.valueDate = nil
            j.explanation = "No observation of \(item.id) in \(Self.list(missing)): a level sustained for \(span) needs one in each month to \(end.display)."
            j.missingWindow = DateRange(start: first, end: min(end, asOf))
            return j
        }
        // The worst value in the window that breaks the level.
        var worst: (observation: Observation, shortfall: Double, threshold: Double?, detail: String?)?
        for observation in inWindow {
            guard let value = observation.reading.number,
                  case .judged(false, let shortfall, let threshold, let detail) = test(milestone.requirement, value: value, on: observation.date)
            else { continue }
            if worst == nil || shortfall > worst!.shortfall { worst = (observation, shortfall, threshold, detail) }
        }
        guard let worst, let value = worst.observation.reading.number else { return nil }
        let decimals = honestDecimals(value, .judged(met: false, shortfall: worst.shortfall, threshold: worst.threshold, detail: nil))
        // A comparator's value then, and the level it made, so the gap can be traced.
        let broken = "\(format(value, decimals: decimals)) on \(worst.observation.date.display) breaks the level (\(ask)"
            + (worst.detail.map { "; \($0)" } ?? "") + ")"
        j.shortfall = worst.shortfall
        // The value judged is the one that broke the level, not the latest:
        // "85% (30 Sep), missed" against a level of 80% would contradict itself.
        j.value = value
        j.valueText = format(value, decimals: decimals)
        j.valueDecimals = decimals
        j.valueDate = worst.observation.date
        if !passed && !milestone.deadline.isOngoing {
            j.status = .atRisk
            // Not "time left": a month already in the window has broken it.
            j.explanation = "\(broken): \(miss(worst.shortfall, milestone.requirement, value, worst.threshold))."
        } else {
            let verdict = missAtDeadline(worst.shortfall, milestone.requirement, value, worst.threshold)
            j.status = milestone.deadline.isOngoing ? .atRisk : verdict.status
            j.explanation = "\(broken): \(verdict.words)."
        }
        return j
    }

    /// For a target met at a past deadline: whether the latest value on or
    /// before the as-of date (after the one judged) breaks it beyond any
    /// tolerance, and since when (the first of the run of breaking values
    /// that ends with it). Averages and recurring targets answer this
    /// differently (the trailing window; never), so they extend it here.
    func slippedCheck(_ milestone: MilestoneModel, judgedOn judged: CalendarDate)
        -> (since: CalendarDate, value: Double, date: CalendarDate, threshold: Double?)? {
        guard let last = numbers.last, last.date > judged, let value = last.reading.number,
              breaks(milestone, value, on: last.date) else { return nil }
        // The level it breaks, so the value is shown with the decimals that
        // tell them apart ("22.04%" against at most 22%, not "22.0%").
        var threshold: Double?
        if case .judged(_, _, let level, _) = test(milestone.requirement, value: value, on: last.date) { threshold = level }
        var since = last.date
        for observation in numbers.reversed() where observation.date > judged {
            guard let v = observation.reading.number, breaks(milestone, v, on: observation.date) else { break }
            since = observation.date
        }
        return (since, value, last.date, threshold)
    }

    /// The value a numeric target reads at the as-of date when it was judged
    /// on another (see `Judgement.latestValue`): the latest observation, or
    /// for an average past its deadline the trailing window at the as-of date
    /// (as `slipped` reads them), with its shortfall (0 when it meets the
    /// target). Nil when that is the value judged, when the window is empty,
    /// for a recurring standard (judged on its latest ended period) and a
    /// `done` target.
    func latestReading(_ milestone: MilestoneModel, judged j: Judgement) -> (value: Double, shortfall: Double?)? {
        guard let judged = j.value, milestone.recurrence == nil else { return nil }
        if case .done = milestone.requirement { return nil }
        let value: Double
        let date: CalendarDate
        if let months = milestone.averageMonths {
            // Before its deadline an average is judged on the window at the as-of date already.
            guard let deadline = milestone.deadline.date, deadline < asOf,
                  let now = average(months: months, at: asOf) else { return nil }
            (value, date) = (now.value, asOf)
            if abs(value - judged) <= Self.epsilon(judged) { return nil }
        } else {
            guard let last = numbers.last, let number = last.reading.number else { return nil }
            if last.date == j.valueDate && number == judged { return nil }
            (value, date) = (number, last.date)
        }
        guard case .judged(let met, let shortfall, _, _) = test(milestone.requirement, value: value, on: date) else {
            return (value, nil)
        }
        return (value, met ? 0 : shortfall)
    }

    /// Whether `value` fails the requirement beyond the measure's tolerance.
    func breaks(_ milestone: MilestoneModel, _ value: Double, on date: CalendarDate) -> Bool {
        guard case .judged(false, let shortfall, let threshold, _) = test(milestone.requirement, value: value, on: date)
        else { return false }
        return allowedWithin(shortfall, threshold) == nil
    }

    /// "Aug 2013", "Aug 2013 and Sep 2013", "Jul 2013, Aug 2013 and Sep 2013".
    static func list(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    /// The measure's tolerance around `threshold`, when it has one.
    func toleranceAllowed(_ threshold: Double?) -> Double? {
        guard let tolerance = item.tolerance, let threshold else { return nil }
        return tolerance.kind == .absolute ? tolerance.amount : abs(threshold) * tolerance.amount / 100
    }

    // MARK: Done targets and actions

    /// When the item was done, as known on the as-of date (spec, "Settled
    /// rules: Actions"): the earliest completion that a dated `done` clause or
    /// the data (`complete` on a date, `yes`, or a completion date) records on
    /// or before the as-of date. A done date after the as-of date is not yet
    /// seen; a bare `done` (an error the checker reports) records nothing.
    /// `latest` is the latest status on or before the as-of date, done or not.
    func doneState() -> (done: CalendarDate?, latest: Observation?, recordedOn: CalendarDate?) {
        var observations = series.actual.filter { $0.date <= asOf && $0.reading.number == nil }
        if let mark = item.done, let date = mark.date, date <= asOf {
            observations.append(Observation(date: date, reading: .state(.complete), location: mark.location))
        }
        observations.sort { $0.date < $1.date }
        let record = observations.compactMap { o in o.reading.doneDate(observedOn: o.date).map { (done: $0, on: o.date) } }
            .filter { $0.done <= asOf }.min { $0.done < $1.done }
        return (record?.done, observations.last, record?.on)
    }

    func describe(_ reading: Reading) -> String {
        switch reading {
        case .state(let s): s.rawValue
        case .completed(let d): "completed \(d.display)"
        case .yes: "yes"
        case .no: "no"
        case .number(let v): format(v)
        }
    }

    /// A status as a sentence says it: "no" in the data is "reported not
    /// done", so "Not yet done …: reported not done as of 30 Sep 2025".
    func said(_ reading: Reading) -> String {
        switch reading {
        case .no: "reported not done"
        case .yes: "reported done"
        default: describe(reading)
        }
    }

    /// The latest status or `progress` note on or before the as-of date, in
    /// words: "the latest status is in progress (28 Feb 2015)", "the latest
    /// progress note (1 Dec 2014) says \"Training delivered\"". The later of
    /// the two; a status on the note's date wins.
    func latestRecord(_ status: Observation?) -> String? {
        let note = item.progress.compactMap { p -> (date: CalendarDate, text: String?)? in
            guard let date = p.date, date <= asOf else { return nil }
            return (date, p.text)
        }.max { $0.date < $1.date }
        if let status, note.map({ status.date >= $0.date }) ?? true {
            // A completion date later than the as-of date is not yet a
            // completion: said as what the row gives, not as done.
            if case .completed(let day) = status.reading, day > asOf {
                return "the latest status (\(status.date.display)) gives a completion date, \(day.display), after \(asOf.display)"
            }
            return "the latest status is \(describe(status.reading)) (\(status.date.display))"
        }
        guard let note else { return nil }
        return "the latest progress note (\(note.date.display))" + (note.text.map { " says \"\($0)\"" } ?? "")
    }

    func judgeAction() -> Judgement {
        let due = item.due?.date
        var j = base(due, required: due.map { "done by \($0.display)" } ?? (item.due == nil ? "done, no due date" : "done, ongoing"),
                     location: item.due?.location ?? item.location)
        j.undated = item.due == nil
        j.target = -1
        return judgeDone(j, deadline: due, isAction: true)
    }

    /// An action's due date, or a `done` target (spec, "Settled rules:
    /// Actions"). For an action the plan owns the record of completion: past
    /// its due date and not done is missed whatever the data says or does not
    /// say; not yet due is pending; ongoing is never missed (done: met, `not
    /// started`: at risk, anything else: pending). An action may still be done
    /// on its due day, so it is late only after it.
    ///
    /// A measure's `done` target has no `done` clause to record it: only its
    /// data can, so it follows the rules for any target (no status at all is
    /// no data; not done before the deadline is at risk, at or after it missed;
    /// ongoing is met when done, else at risk).
    func judgeDone(_ start: Judgement, deadline: CalendarDate?, isAction: Bool) -> Judgement {
        var j = start
        let (done, latest, recordedOn) = doneState()
        if let latest {
            j.valueText = describe(latest.reading)
            j.valueDate = latest.date
        }
        j.stage = switch (done, latest?.reading) {
        case (_?, _): .done
        case (nil, .state(.inProgress)?): .inProgress
        case (nil, .state(.notStarted)?): .notStarted
        default: .notDone
        }
        if let done {
            j.valueText = "done \(done.display)"
            j.valueDate = recordedOn
            // A status reported after the completion that says otherwise is
            // shown, never silently dropped: completion once recorded stands.
            var since = ""
            if let latest, latest.date > done, latest.reading.doneDate(observedOn: latest.date) == nil {
                since = " (though the latest status, \(latest.date.display), is \(describe(latest.reading)))"
            }
            if let deadline, done > deadline {
                j.status = .missed
                j.explanation = "Done late: \(done.display), due \(deadline.display)\(since)."
            } else {
                j.status = .met
                j.explanation = "Done on \(done.display)" + (deadline.map { ", due \($0.display)" } ?? (j.undated ? " (no due date)" : " (ongoing)")) + "\(since)."
            }
            return j
        }
        let record = latestRecord(latest)
        guard let deadline else {
            // Ongoing, or an action with no due date: never missed.
            let ongoing = j.undated ? "No due date" : "Ongoing"
            if case .state(.notStarted)? = latest?.reading {
                j.status = .atRisk
                j.explanation = "\(ongoing), but not started as of \(latest!.date.display)."
            } else if isAction {
                j.status = .pending
                j.explanation = "\(ongoing), not done: " + (record ?? "no status or progress reported by \(asOf.display)") + "."
            } else if let latest {
                j.status = .atRisk
                j.explanation = "\(ongoing), not done: \(said(latest.reading)) as of \(latest.date.display)."
            } else {
                j.explanation = "\(ongoing), and no status reported for \(item.id) by \(asOf.display)."
            }
            return j
        }
        if isAction ? asOf > deadline : asOf >= deadline {
            if isAction || latest != nil {
                j.status = .missed
                j.explanation = "Not done by its due date \(deadline.display): "
                    + (record ?? "no completion, status or progress recorded") + "."
            } else {
                j.explanation = "No status reported for \(item.id) by its deadline \(deadline.display)."
            }
            return j
        }
        let left = deadline == asOf ? "due today" : "\(timeLeft(until: deadline)) left"
        if isAction {
            j.status = .pending
            j.explanation = "Not yet done, due \(deadline.display) (\(left)); " + (record ?? "no status reported yet") + "."
        } else if let latest {
            j.status = .atRisk
            j.explanation = "Not yet done, due \(deadline.display) (\(left)): \(said(latest.reading)) as of \(latest.date.display)."
        } else {
            j.explanation = "No status reported for \(item.id) by \(asOf.display); due \(deadline.display)."
        }
        return j
    }

    // MARK: Words

    /// A value in the measure's unit at a sensible precision: "83.0%", "412", "75.3 per 10,000".
    func format(_ value: Double, difference: Bool = false) -> String {
        let decimals = usualDecimals(value)
        return difference ? Display.difference(value, unit: unit, decimals: decimals)
                          : Display.value(value, unit: unit, decimals: decimals)
    }

    /// One decimal for percentages and rates; none for whole numbers, else one.
    func usualDecimals(_ value: Double) -> Int {
        switch unit {
        case .percent, .rate: 1
        // Past 2^53 every Double is whole; converting one of 2^63 or more (or
        // NaN, or infinity) to Int64 would trap.
        default: !Limits.isExact(value) || value == Double(Int64(value)) ? 0 : 1
        }
    }

    /// A shortfall never reads as none: "0.04 points short", not "0.0 points".
    func gap(_ shortfall: Double) -> String {
        guard shortfall > 0,
              let decimals = Display.decimals(toTell: shortfall, from: [0], unit: nil, usual: usualDecimals(shortfall), most: 4)
        else { return format(shortfall, difference: true) }
        return Display.difference(shortfall, unit: unit, decimals: decimals)
    }

    /// Decimals enough that a value that is not the level it was judged
    /// against does not read as it ("89.96%" missing at least 90%, not
    /// "90.0%"); nil when the usual ones tell them apart.
    func honestDecimals(_ value: Double, _ threshold: Double?) -> Int? {
        threshold.flatMap { Display.decimals(toTell: value, from: [$0], unit: unit, usual: usualDecimals(value)) }
    }

    /// The same for a value as tested: told from the level and, when it
    /// misses, from the edge it misses (a comparator's band: "21.04%" over
    /// at most 21%, where the comparator's own value is 20%).
    func honestDecimals(_ value: Double, _ result: Test) -> Int? {
        guard case .judged(_, let shortfall, let threshold?, _) = result else { return nil }
        var levels = [threshold]
        if shortfall > 0 { levels.append(value < threshold ? value + shortfall : value - shortfall) }
        return shownDecimals(value, telling: levels, shortfall: shortfall)
    }

    /// Decimals for a figure beside a miss, or nil for the usual ones: enough
    /// to tell it from `levels`, and as many as the gap is shown with when the
    /// figure has them (5.95 over at most 5.94 by 0.01, not "6.0" over
    /// "5.9"), so the figures and the gap agree.
    func shownDecimals(_ value: Double, telling levels: [Double], shortfall: Double) -> Int? {
        var told = Display.decimals(toTell: value, from: levels, unit: unit, usual: usualDecimals(value))
        // A level written with more decimals than usual (at most 35.25): the
        // value is shown with as many as it has up to the level's, so it is
        // never rounded onto or across it (35.25 read "35.3", met).
        let usual = usualDecimals(value)
        if let level = levels.first, let written = Display.exactDecimals(level, upTo: 4), written > usual {
            let own = Display.exactDecimals(value, upTo: written) ?? written
            if own > usual { told = max(own, told ?? 0) }
        }
        guard shortfall > 0,
              let gap = Display.decimals(toTell: shortfall, from: [0], unit: nil, usual: usualDecimals(shortfall), most: 4),
              gap > max(told ?? 0, usualDecimals(value)) else { return told }
        // No more than the figure has: 90 stays "90", not "90.000".
        let own = Display.exactDecimals(value, upTo: gap) ?? gap
        return own > usualDecimals(value) ? max(own, told ?? 0) : told
    }

    /// `format`, or with `decimals` when `honestDecimals` asked for more.
    func format(_ value: Double, decimals: Int?) -> String {
        decimals.map { Display.value(value, unit: unit, decimals: $0) } ?? format(value)
    }

    /// How a value misses: "7.0 points short" (of a minimum), "2.0 points
    /// over" (a maximum, or above an `exactly`), "3.4 points outside the range"
    /// (a two-sided comparator band), "equal to the baseline" (a bare
    /// `increase` that ties it).
    func miss(_ shortfall: Double, _ requirement: Requirement, _ value: Double, _ threshold: Double?) -> String {
        if shortfall <= Self.epsilon(threshold ?? 0) {
            switch requirement {
            case .change: return "equal to the baseline"
            case .compare(.above, let q): return "equal to \(format(q.value)), not above it"
            case .compare(.below, let q): return "equal to \(format(q.value)), not below it"
            default: break
            }
        }
        switch requirement {
        case .inLineWith, .within:
            switch item.polarity {
            case .higher?: return "\(gap(shortfall)) short"
            case .lower?: return "\(gap(shortfall)) over"
            case nil: return "\(gap(shortfall)) outside the range"
            }
        default:
            // Failing a floor falls short of it; failing a ceiling (or an
            // exact value, from above) goes over it.
            return threshold.map({ value > $0 }) ?? false ? "\(gap(shortfall)) over" : "\(gap(shortfall)) short"
        }
    }

    /// A deadline passed and missed by no more than the tolerance: said as
    /// missed, never as if time were left ("missed by 1.5 points, within the
    /// tolerance of 2.0 points").
    /// The measure's tolerance, when `shortfall` (from `threshold`) is within it.
    func allowedWithin(_ shortfall: Double, _ threshold: Double?) -> Double? {
        guard let allowed = toleranceAllowed(threshold), shortfall <= allowed + Self.epsilon(allowed) else { return nil }
        return allowed
    }

    /// A value that failed at a reached deadline: at risk when within the
    /// tolerance ("missed by 1.5 points, within the tolerance of 2.0 points"),
    /// else missed.
    func missAtDeadline(_ shortfall: Double, _ requirement: Requirement, _ value: Double, _ threshold: Double?)
        -> (status: Status, words: String) {
        if let allowed = allowedWithin(shortfall, threshold) {
            return (.atRisk, missedWithin(shortfall, allowed, requirement, value, threshold))
        }
        return (.missed, miss(shortfall, requirement, value, threshold))
    }

    func missedWithin(_ shortfall: Double, _ allowed: Double, _ requirement: Requirement, _ value: Double,
                      _ threshold: Double?) -> String {
        let how = shortfall <= Self.epsilon(threshold ?? 0)
            ? "missed: \(miss(shortfall, requirement, value, threshold))"
            : "missed by \(gap(shortfall))"
        return "\(how), within the tolerance of \(format(allowed, difference: true))"
    }

    /// "9 months", "1 month", "12 days".
    func timeLeft(until deadline: CalendarDate) -> String {
        let months = asOf.wholeMonths(until: deadline)
        if months >= 1 { return months == 1 ? "1 month" : "\(months) months" }
        let days = asOf.days(until: deadline)
        return days == 1 ? "1 day" : "\(days) days"
    }

    static func sentence(_ text: String) -> String { text.hasSuffix(".") ? text : text + "." }
}

extension ItemJudge.Test {
    func with(detail: String) -> Self {
        if case .judged(let met, let shortfall, let threshold, _) = self {
            return .judged(met: met, shortfall: shortfall, threshold: threshold, detail: detail)
        }
        return self
    }
}

extension CalendarDate {
    static let distantFuture = CalendarDate(dayNumber: Int.max / 2)
}

extension Requirement {
    /// The comparison a requirement comes to, given the measure's baseline and
    /// polarity when it needs them: a level or `maintain` takes the polarity's
    /// side, `from X to Y` is at least (or at most) Y, and a change is from the
    /// baseline (`increase by 25%` of 60 is at least 75; a bare `increase` is
    /// above it). Nil for comparators and `done`, or when what it needs is
    /// missing. The evaluator judges by it, and the checker compares targets
    /// with it.
    func comparison(baseline: Double?, polarity: Polarity?) -> (Comparison, Double)? {
        switch self {
        case .compare(let comparison, let q):
            return (comparison, q.value)
        case .level(let q):
            return polarity.map { ($0 == .higher ? .atLeast : .atMost, q.value) }
        case .range(let from, let to):
            return (to.value > from.value ? .atLeast : (to.value < from.value ? .atMost : .exactly), to.value)
        case .maintain:
            guard let polarity, let baseline else { return nil }
            return (polarity == .higher ? .atLeast : .atMost, baseline)
        case .change(let direction, let amount):
            guard let baseline else { return nil }
            guard let amount else { return (direction == .increase ? .above : .below, baseline) }
            let sign: Double = direction == .increase ? 1 : -1
            var value = amount.kind == .relative ? baseline * (1 + sign * amount.amount / 100) : baseline + sign * amount.amount
            // 50 + 10% is 55, not 55.000000000000007: the binary noise of the
            // sum is no part of the level (it made a count's level "55.0").
            if value.magnitude < 1e9 { value = (value * 1e9).rounded() / 1e9 }
            return (direction == .increase ? .atLeast : .atMost, value)
        case .inLineWith, .within, .done:
            return nil
        }
    }
}
