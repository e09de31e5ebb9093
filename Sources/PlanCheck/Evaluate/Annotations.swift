/// What is said beside a judgement rather than decided by it: the `stale` and
/// `small cohort` flags, the latest commentary, and the board's recorded
/// ratings compared with the status computed at their dates (`rag differs`).
extension ItemJudge {
    /// Adds flags, commentary and ratings to the item's judgements.
    func annotate(_ judgements: [Judgement]) -> [Judgement] {
        let commentary = latestCommentary()
        let ratings = item.ratings.filter { $0.date <= asOf }.sorted { $0.date < $1.date }
        // Each rating is compared with the status computed at its own date.
        var computedAt: [CalendarDate: [Judgement]] = [:]
        for rating in ratings where computedAt[rating.date] == nil {
            let then = ItemJudge(model: model, index: index, item: item, series: series, asOf: rating.date, unit: unit)
            computedAt[rating.date] = then.judgeAll(annotated: false)
        }
        var out = judgements
        for i in out.indices {
            var j = out[i]
            j.commentary = commentary
            if j.target >= 0, j.status != .noData, item.targets.indices.contains(j.target) {
                let milestone = item.targets[j.target].milestones[j.milestone]
                // A recurring target is never stale (spec); an average is, on
                // the latest value its window holds (its cohorts are flagged
                // by `judgeAverage`, every value of the window).
                if milestone.recurrence == nil {
                    annotateValue(&j, milestone)
                }
            }
            if j.isHeadline {
                j.ratings = ratings.map { rating in
                    let then = computedAt[rating.date]?.first { $0.target == j.target && $0.isHeadline }
                    return RecordedRating(date: rating.date, rating: rating.rating, reason: rating.reason,
                                          computed: then?.status ?? .noData)
                }
                if let latest = j.ratings.last, !latest.agrees { j.flags.append(.ragDiffers) }
            }
            j.flags = Array(Set(j.flags)).sorted()
            out[i] = j
        }
        return out
    }

    /// `stale` and `small cohort` for a target judged on one value (and, when
    /// sustained, on every value of its window).
    func annotateValue(_ j: inout Judgement, _ milestone: MilestoneModel) {
        guard let valueDate = j.valueDate, j.value != nil else { return }
        var used = numbers.filter { $0.date == valueDate }
        // An ongoing target's window ends at its latest value, as judged.
        if let months = milestone.sustainedMonths,
           let deadline = milestone.deadline.date ?? numbers.last(where: { $0.date <= asOf })?.date {
            // The window is the N months ending at the deadline, as the
            // judgement reads it; before the deadline, what of it has been seen.
            // (It was the N months ending at the as-of date, whose values the
            // judgement never used.)
            let start = CalendarDate.startOfMonth(year: deadline.year, month: deadline.month).addingMonths(-(months - 1))
            used += numbers.filter { $0.date >= start && $0.date <= min(deadline, asOf) }
        }
        if used.contains(where: isSmallCohort), !j.flags.contains(.smallCohort) { j.flags.append(.smallCohort) }
        if let frequency = item.frequency {
            let point = min(milestone.deadline.date ?? asOf, asOf)
            let limit = point.addingMonths(-2 * frequency.months)
            if valueDate < limit {
                j.flags.append(.stale)
                let age = valueDate.wholeMonths(until: point)
                // Whole months round down: a value 2 months and a day old is
                // "more than 2 months old", never "2 months" beside "more
                // than two periods" of a monthly measure.
                let window = 2 * frequency.months
                let ageText = age <= window ? "more than \(window) months"
                    : age >= 1 ? (age == 1 ? "1 month" : "\(age) months") : "\(valueDate.days(until: point)) days"
                let what = milestone.averageMonths == nil ? "The value" : "The latest value averaged"
                // One sentence (spec): the age joins the judgement's words.
                if j.explanation.hasSuffix(".") { j.explanation.removeLast() }
                j.explanation += "; \(what.lowercased()) is \(ageText) old at \(point.display), more than two periods of a measure reported \(frequency.rawValue): stale."
            }
        }
    }

    /// The latest `progress` note with text, on or before the as-of date.
    func latestCommentary() -> Commentary? {
        var best: Commentary?
        for note in item.progress {
            guard let date = note.date, date <= asOf, let text = note.text, !text.isEmpty else { continue }
            if best == nil || date >= best!.date { best = Commentary(date: date, text: text) }
        }
        return best
    }
}
