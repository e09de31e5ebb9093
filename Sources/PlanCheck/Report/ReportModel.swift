/// What `plancheck report` needs: a checked plan, its data, the judgements at
/// the as-of date and, for each `--compare DATE`, the judgements at that date.
///
/// Several plans are reported as one with `merging`, the same way `plancheck
/// eval` shows them: items and sections appended, indices shifted.
///
///     let run = Pipeline.evaluate(path: "plan.plan", files: disk, dataPaths: ["data.csv"], asOf: asOf)
///     let input = ReportInput(run, compareDates: [aug])
///     let html = HTMLReport.render(Report.build(input))
public struct ReportInput: Sendable {
    public var model: PlanModel
    public var data: DataSet
    public var evaluation: Evaluation
    /// Earlier evaluations of the same plan and data, oldest first.
    public var comparisons: [Evaluation]
    /// Each plan's period, in order, each once (several when plans were merged).
    public var periods: [DateRange]

    public init(model: PlanModel, data: DataSet, evaluation: Evaluation, comparisons: [Evaluation] = []) {
        self.periods = model.period.map { [$0] } ?? []
        self.model = model
        self.data = data
        self.evaluation = evaluation
        self.comparisons = comparisons.sorted { $0.asOf < $1.asOf }
    }

    /// The plan's judgements, re-judged at each of `compareDates` (sorted,
    /// duplicates and the as-of date itself dropped).
    public init(_ plan: Pipeline.EvaluatedPlan, compareDates: [CalendarDate] = []) {
        let dates = Set(compareDates).subtracting([plan.evaluation.asOf]).sorted()
        self.init(model: plan.model, data: plan.checked.data, evaluation: plan.evaluation,
                  comparisons: dates.map { Evaluator.evaluate(plan.model, data: plan.checked.data, asOf: $0) })
    }

    /// Several plans as one: every plan's title, authority and period named
    /// (the model's period spans them all, for the charts); declarations,
    /// sections, items, data and judgements appended in order. A comparator
    /// id two plans give different titles keeps no title, so neither plan's
    /// sentences name the other's comparator.
    /// Every input must have been compared at the same dates.
    public static func merging(_ inputs: [ReportInput]) -> ReportInput {
        guard var merged = inputs.first else {
            return ReportInput(model: PlanModel(), data: DataSet(itemCount: 0),
                               evaluation: Evaluation(asOf: CalendarDate(dayNumber: 0), judgements: []))
        }
        func distinct(_ values: [String?]) -> [String] {
            var seen = Set<String>()
            return values.compactMap { $0 }.filter { seen.insert($0).inserted }
        }
        let titles = distinct(inputs.map(\.model.title))
        let authorities = distinct(inputs.map(\.model.authority))
        for input in inputs.dropFirst() {
            for period in input.periods where !merged.periods.contains(period) { merged.periods.append(period) }
            if let period = input.model.period {
                merged.model.period = merged.model.period.map {
                    DateRange(start: min($0.start, period.start), end: max($0.end, period.end))
                } ?? period
            }
            for comparator in input.model.comparators {
                if let k = merged.model.comparators.firstIndex(where: { $0.id == comparator.id }),
                   merged.model.comparators[k].title != comparator.title {
                    merged.model.comparators[k].title = nil
                }
            }
            let itemOffset = merged.model.items.count
            let sectionOffset = merged.model.sections.count
            var model = merged.model
            model.workstreams += input.model.workstreams.filter { w in !model.workstreams.contains { $0.id == w.id } }
            model.comparators += input.model.comparators.filter { c in !model.comparators.contains { $0.id == c.id } }
            model.leads += input.model.leads.filter { l in !model.leads.contains { $0.id == l.id } }
            model.sections += input.model.sections
            model.items += input.model.items.map { item in
                var item = item
                item.section = item.section.map { $0 + sectionOffset }
                return item
            }
            merged.model = model
            // Data is indexed like the items; pad in case a data set is short.
            while merged.data.items.count < itemOffset { merged.data.items.append(ItemSeries()) }
            merged.data.items += (0..<input.model.items.count).map { input.data.series($0) }
            merged.data.percentInData.formUnion(input.data.percentInData.map { $0 + itemOffset })
            merged.data.baselineIDs.formUnion(input.data.baselineIDs)
            merged.data.given = merged.data.given || input.data.given
            let shift = { (e: Evaluation) in
                e.judgements.map { j -> Judgement in
                    var j = j
                    j.item += itemOffset
                    return j
                }
            }
            merged.evaluation.judgements += shift(input.evaluation)
            for (index, comparison) in input.comparisons.enumerated() where index < merged.comparisons.count {
                merged.comparisons[index].judgements += shift(comparison)
            }
        }
        if titles.count > 1 { merged.model.title = HTMLPage.list(titles) }
        // One plan's authority is not put over another's targets.
        if Set(inputs.map(\.model.authority)).count > 1 {
            merged.model.authority = authorities.count > 1 ? HTMLPage.list(authorities) : nil
        }
        return merged
    }
}

/// Direction of travel of one target between a board's date and the as-of
/// date (spec, "The board report"): a change of status is `improved` or
/// `worsened`, read on `Report.travelRank`; a status that comes from or goes
/// to no data is `newlyMeasured` or `noLongerMeasured`, never either; an
/// unchanged status follows the latest value on or before each date against
/// the measure's polarity (`better`, `worse`), or for an action how far along
/// it is (not started, in progress, done), and is `same` when neither moved
/// or cannot be read that way (no polarity, no value).
public enum Travel: String, Sendable, Hashable, CaseIterable {
    case improved, worsened, better, worse, same
    case newlyMeasured = "newly measured"
    case noLongerMeasured = "no longer measured"

    /// Arrows and marks, never colour alone.
    public var symbol: String {
        switch self {
        case .improved: "↑"
        case .worsened: "↓"
        case .better: "↗"
        case .worse: "↘"
        case .same: "→"
        case .newlyMeasured: "+"
        case .noLongerMeasured: "−"
        }
    }

    /// "↑ improved", "↗ better value" (the same status, a better latest value or an action further along).
    public var label: String {
        switch self {
        case .better, .worse: symbol + " " + rawValue + " value"
        default: symbol + " " + rawValue
        }
    }

    /// What the word means, for the key under the tables.
    public var meaning: String {
        switch self {
        case .improved: "a better status"
        case .worsened: "a worse status"
        case .better: "the same status; the latest value moved the right way, or an action is further along"
        case .worse: "the same status; the latest value moved the wrong way, or an action is further back"
        case .same: "the same status and latest value or progress, or no way to tell better from worse"
        case .newlyMeasured: "no data then, judged now"
        case .noLongerMeasured: "judged then, no data now"
        }
    }
}

extension Status {
    /// The report's symbol for each status, shown beside the word (never
    /// colour alone), the same in HTML and Markdown: ✓ met, ▲ at risk,
    /// ✗ missed, ? no data, ○ pending. None is an emoji.
    public var symbol: String {
        switch self {
        case .met: "✓"
        case .atRisk: "▲"
        case .missed: "✗"
        case .noData: "?"
        case .pending: "○"
        }
    }

    /// "✓ met", "▲ at risk".
    public var label: String { symbol + " " + rawValue }
}

/// The compliance summary the Improvement Board reads, as data: everything
/// the HTML and Markdown renderers show, gathered once from the plan, its data
/// and its judgements, so both say the same thing. A pure function of its
/// input: the same input gives an equal report.
///
///     let report = Report.build(input, generatedAt: nil)
///     report.counts            // [(met, 24), (at risk, 6), (missed, 12), (no data, 2), (pending, 0)]
///     report.attention.first   // the first key target missed, with its owner and explanation
///
/// Every judgement appears exactly once in `sections`; the headline and the
/// attention list show some of them again, and the changes and the data gaps
/// show only what the attention list does not.
///
/// The last board is the most recent `--compare` date; travel is measured
/// against it, and, with several dates, a second travel since the earliest.
public struct Report: Sendable {
    /// One judgement as a table row.
    public struct Row: Sendable {
        public var judgement: Judgement
        /// The requirement without its deadline ("at least 85%"), in the plan's words.
        public var requirement: String
        /// "30 Sep 2013", or "ongoing".
        public var deadline: String
        /// A recurring standard (`each month`): judged for the period ending
        /// on `deadline`, which is no deadline of the standard itself.
        public var recurring: Bool = false
        /// The requirement and when: "at least 85% by 30 Sep 2013", "…,
        /// ongoing", "at least 20 each month from Jun 2015, for the period
        /// ending 31 Jan 2016".
        public var requiredText: String {
            requirement + (recurring ? ", for the period ending " + deadline
                : judgement.deadline == nil ? ", " + deadline : " by " + deadline)
        }
        /// For a deadline column: "30 Sep 2013", "ongoing", "period ending 31 Jan 2016".
        public var deadlineText: String { recurring ? "period ending " + deadline : deadline }
        /// After a title: " — due 30 Sep 2013", " — ongoing", " — period ending 31 Jan 2016".
        public var dueText: String {
            recurring ? " — period ending " + deadline : judgement.deadline == nil ? " — " + deadline : " — due " + deadline
        }
        /// The explanation in the plan's words (comparator titles, no backticks).
        public var explanation: String
        /// The observation the status rests on: "86.5% (30 Sep 2013)".
        public var judged: String?
        /// The same in two parts: "86.5%" and its date.
        public var value: String?
        public var valueDate: CalendarDate?
        /// The item's latest observation when it is not the one judged.
        public var latest: String?
        /// The status at each compared date, oldest first (nil: not judged then).
        public var earlier: [Status?]
        /// The flags the judgement carried at each compared date, as `earlier`.
        public var earlierFlags: [[Flag]] = []
        /// For a headline row, at each compared date: the milestone in force
        /// then when it was another ("milestone 1 of 2"), else nil.
        public var earlierPart: [String?] = []
        /// The status at the last board (the most recent compared date).
        public var lastBoard: Status? { earlier.last ?? nil }
        /// The status at compared date `index` in words, with its flags and,
        /// for a headline, the milestone then in force when it was another:
        /// "✓ met (slipped; milestone 1 of 2 in force)", or "–".
        public func earlierText(_ index: Int) -> String {
            guard earlier.indices.contains(index), let status = earlier[index] else { return "–" }
            let flags = earlierFlags.indices.contains(index) ? earlierFlags[index] : []
            let part = earlierPart.indices.contains(index) ? earlierPart[index] : nil
            return Report.statusText(status, flags: flags, note: part.map { $0 + " in force" })
        }
        /// The status at the last board in words (see `earlierText`).
        public var lastBoardText: String { earlierText(earlier.count - 1) }
        /// The status now in words, with its flags and any status note:
        /// "✓ met (small cohort)", "▲ at risk (missed by 1.5 points, within tolerance; stale)".
        public var nowText: String { Report.statusText(judgement.status, flags: flags, note: statusNote) }
        /// Since the last board; nil without `--compare` or when not judged then.
        public var travel: Travel?
        /// Since the earliest compared date, when there are several; else nil.
        public var travelSinceEarliest: Travel?
        /// Needs attention now and did not at the last board (or was not judged then).
        public var isNew: Bool
        /// Leads of the item (or of its section).
        public var leads: [String]
        public var officers: [String]
        /// "Lead · officer", or nil when the plan names neither.
        public var owner: String? { Report.owner(leads: leads, officers: officers) }
        public var key: Bool
        /// Which of its item's targets the row is, when the item has several
        /// rows: "milestone 1 of 3" (every milestone of a trajectory, the
        /// first too), "target 2", "completion"; nil for an item's only
        /// target, and for the first row when it is a single target's one
        /// milestone followed only by a completion.
        public var part: String?
        /// The item's first row (its title and trend are shown on it).
        public var first: Bool = true
        public var itemTitle: String? { judgement.title }
        /// The HTML anchor of the item's detail: chart, commentary and history.
        public var anchor: String
        /// From the judgement: `slipped`, `stale`, `small cohort`, `rag differs`.
        public var flags: [Flag] { judgement.flags }
        /// The latest `progress` note on or before the as-of date.
        public var commentary: Commentary? { judgement.commentary }
        /// For a target at risk because its deadline passed and it missed
        /// within tolerance: "missed by 1.5 points, within tolerance", so no
        /// one reads it as having time left. Nil otherwise.
        public var statusNote: String?
        /// Why it is on the attention list: "missed", "slipped", "rag differs".
        public var attentionReasons: [String]
        /// With `rag differs`: the board's latest rating against the data,
        /// "Rated amber on 31 Oct 2013 (Below target); the data says met then."
        public var ratingNote: String? {
            guard flags.contains(.ragDiffers), let r = judgement.ratings.last else { return nil }
            return "Rated " + r.rating.rawValue + " on " + r.date.display + (r.reason.map { " (" + $0 + ")" } ?? "")
                + "; the data says " + r.computed.rawValue + " then."
        }
    }

    /// A board's sign-off as the plan sets it: `signoff EG by September` is
    /// the date the sign-off is due, never a record that the board signed.
    public struct Signoff: Sendable, Hashable {
        public var board: String
        public var date: CalendarDate?
        /// The due date is before the as-of date.
        public var passed: Bool
        /// "EG sign-off due by 30 Sep 2013", "IB sign-off was due by 31 Jul 2013", "IB sign-off (no date)".
        public var text: String
    }

    /// A measure or action with its judgements.
    public struct ItemBlock: Sendable {
        public var item: Int
        public var id: String
        public var title: String?
        public var kind: Item.Kind
        public var key: Bool
        public var leads: [String]
        public var officers: [String]
        public var owner: String? { Report.owner(leads: leads, officers: officers) }
        /// The measure's `note`s, as written.
        public var notes: [String]
        /// "audit: ChECS Report".
        public var evidence: [String]
        public var signoffs: [Signoff]
        /// The sign-offs in words, boards due on the same day together:
        /// "EG and IB sign-off due by 30 Sep 2013".
        public var signoffLines: [String]
        public var rows: [Row]
        /// The last (up to) twelve numeric observations, for a text sparkline.
        public var trend: [Double]
        /// The range the sparkline is drawn against: the chart's value axis
        /// (which takes in the targets), not the values' own least and greatest.
        public var trendRange: (low: Double, high: Double)?
        /// The last (up to) twelve numeric observations on or before the
        /// as-of date, as text, oldest first; `historyCount` counts them all.
        public var history: [(date: CalendarDate, value: String)]
        public var historyCount: Int
        /// Present when the item has numeric observations on or before the as-of date.
        public var chart: ChartSpec?
        /// The anchor of this item's detail.
        public var anchor: String
        /// The board's recorded ratings, oldest first (from the headline judgement).
        public var ratings: [RecordedRating]
        /// Which way is better, when the plan says.
        public var polarity: Polarity?
        /// "higher is better", "lower is better", or nil.
        public var polarityWords: String? { polarity.map { $0.rawValue + " is better" } }
        /// The headline judgement (the milestone in force) as a row compared
        /// with each board's headline; nil when the item has no judgement.
        public var headline: Row?
        /// Each board rating in words, oldest first, with what the data said
        /// then: "green on 31 Dec 2013: On track (agrees with the data: met)".
        public var ratingLines: [String] {
            ratings.map { rating in
                rating.rating.rawValue + " on " + rating.date.display + (rating.reason.map { ": " + $0 } ?? "")
                    + (rating.agrees ? " (agrees with the data: " : " (the data says ") + rating.computed.rawValue + ")"
            }
        }
    }

    /// A recommendation (outcome, priority, ...) and its items, or the items
    /// above the first section header (`index` nil).
    public struct SectionBlock: Sendable {
        public var index: Int?
        /// "Recommendation A1", or "Not in a section".
        public var label: String
        public var title: String?
        /// "Recommendation A" when it is `part of` another.
        public var parent: String?
        public var items: [ItemBlock]
        /// The section's own clauses in words, one a line: "Key", "Lead: ...",
        /// "Officer: ...", "IB sign-off due by 30 Nov 2013", "Evidence: ...",
        /// "Links: ...", then its notes.
        public var details: [String] = []
    }

    /// Counts per status for one workstream or lead.
    public struct RollUp: Sendable, Hashable {
        public var name: String
        public var title: String?
        /// In `Status.allCases` order.
        public var counts: [Int]
        public var total: Int { counts.reduce(0, +) }
    }

    /// A `no data` judgement and what the data does hold for its item.
    public struct Gap: Sendable {
        public var row: Report.Row
        /// "none", or "3 observations, the latest 78.0% (31 Oct 2013)".
        public var held: String
    }

    /// What changed since the last board.
    public struct Changes: Sendable {
        /// The last board: the most recent compared date.
        public var since: CalendarDate
        /// The earliest compared date, when there are several.
        public var earliest: CalendarDate?
        /// Counts per status then and now, in `Status.allCases` order.
        public var then: [Int]
        public var now: [Int]
        /// Count of rows per travel since the last board, in `Travel.allCases` order.
        public var travelCounts: [Int]
        /// The rows that improved, worsened, are newly or no longer
        /// measured, leaving out those already under Needs attention (each is
        /// listed once in the report; `listedAbove` counts the others).
        public var improved: [Row]
        public var worsened: [Row]
        public var newlyMeasured: [Row]
        public var noLongerMeasured: [Row]
        /// Per travel, in `Travel.allCases` order: how many rows with it are
        /// under Needs attention instead of listed here.
        public var attentionCounts: [Int]
        public func listedAbove(_ t: Travel) -> Int { attentionCounts[Travel.allCases.firstIndex(of: t)!] }
        /// "better", "worse" (more statuses improved, or worsened), "better in
        /// value", "worse in value" (statuses even, values not), "no net
        /// change"; but "mixed" for better when more targets are missed, or
        /// missed or at risk, than then (newly measured and missed, say), and
        /// "more off track" for no net change then.
        public var verdict: String
        /// Measures whose milestone in force is another than at the last
        /// board: "k1 (now milestone 2 of 2, then milestone 1 of 2)".
        public var milestoneMoved: [String] = []
        /// Said under the summary when a headline moved on to its next
        /// milestone, so its key-target travel (headline against headline)
        /// and the counts here (each milestone against itself) both read right.
        public var milestoneMovedText: String? {
            guard !milestoneMoved.isEmpty else { return nil }
            return "Since " + since.display + " the milestone in force has moved on for " + HTMLPage.list(milestoneMoved)
                + ": key targets and the cards compare the status each board was told; the counts here compare each milestone with itself."
        }
        /// The verdict as a heading word: "Worse in value".
        public var verdictWord: String { verdict.prefix(1).uppercased() + verdict.dropFirst() }
        public func count(_ t: Travel) -> Int { travelCounts[Travel.allCases.firstIndex(of: t)!] }
        /// With the same status: the value better, worse, or the same.
        public var better: Int { count(.better) }
        public var worse: Int { count(.worse) }
        public var same: Int { count(.same) }
        /// Same status, whatever the value did.
        public var unchanged: Int { better + worse + same }

        /// "3 improved, 2 worsened, 1 newly measured, 0 no longer measured; of
        /// the 20 with the same status, 5 better, 3 worse, 12 the same."
        public var summary: String {
            "\(count(.improved)) improved, \(count(.worsened)) worsened, \(count(.newlyMeasured)) newly measured, "
                + "\(count(.noLongerMeasured)) no longer measured; of the \(unchanged) with the same status, "
                + "\(better) better, \(worse) worse, \(same) the same."
        }
    }

    public var title: String
    public var authority: String?
    public var asOf: CalendarDate
    public var period: DateRange?
    /// Every plan's period, when several plans were reported as one.
    public var periods: [DateRange] = []
    /// "plan period 1 Apr 2013 to 31 Mar 2014", or each plan's when they differ.
    public var periodText: String? {
        let all = periods.isEmpty ? (period.map { [$0] } ?? []) : periods
        guard !all.isEmpty else { return nil }
        return (all.count == 1 ? "plan period " : "plan periods ")
            + HTMLPage.list(all.map { $0.start.display + " to " + $0.end.display })
    }
    /// Only when `--generated-at` asked for it: the report carries no clock.
    public var generatedAt: String?
    /// Oldest first.
    public var compareDates: [CalendarDate]
    /// The last board: the most recent compared date, which travel reads from.
    public var lastBoard: CalendarDate? { compareDates.last }
    /// The earliest compared date when several are given: the second travel
    /// column ("since DATE") reads from it. Nil with one or none.
    public var earliestCompared: CalendarDate? { compareDates.count > 1 ? compareDates.first : nil }
    /// Counts per status at each compared date, in `Status.allCases` order.
    public var compareCounts: [[Int]]
    /// Every status, in `Status.allCases` order, zero included.
    public var counts: [(status: Status, count: Int)]
    public var total: Int
    /// The headline in a few sentences: what needs attention, the data
    /// gaps, key targets, what changed.
    public var brief: [String]
    /// Key measures' and actions' headline judgements.
    public var keyTargets: [Row]
    /// Missed, at risk, slipped, stale or rating differs: key first, then
    /// missed, at risk, flagged, then plan order.
    public var attention: [Row]
    /// Of `attention`, how many are new since the last board.
    public var attentionNew: Int { attention.count { $0.isNew } }
    /// "recommendation" when every section is one, else "section".
    public var sectionNoun: String
    public var sections: [SectionBlock]
    /// False when no item or section names a lead or an officer.
    public var hasOwners: Bool
    public var byWorkstream: [RollUp]
    public var byLead: [RollUp]
    /// The plan's comparators: id and title, for the key.
    public var comparators: [(id: String, title: String)]

    /// One roll-up table as every format shows it: its title, the heading of
    /// its name column, its rows, or why it has none.
    public struct RollUpGroup: Sendable {
        public var title: String
        public var column: String
        public var rows: [RollUp]
        /// Said instead of an empty table.
        public var emptyReason: String?
    }

    /// The workstream and lead roll-ups, with the words for when one is empty.
    public var rollUpGroups: [RollUpGroup] {
        let hasLeads = !byLead.isEmpty && !(byLead.count == 1 && byLead[0].name == "(no lead)")
        return [("By workstream", "Workstream", byWorkstream, nil),
                ("By lead", "Lead", byLead, hasLeads ? nil : "The plan names no leads: no target has anyone accountable for it.")]
            .map { title, column, rows, noLeads in
                RollUpGroup(title: title, column: column, rows: rows,
                            emptyReason: noLeads ?? (rows.isEmpty ? "No judgements." : nil))
            }
    }
    public var gaps: [Gap]
    /// The data gaps' opening, counting every target with no data as the
    /// summary does: those listed under Needs attention are said to be there.
    public var gapsIntro: String {
        let total = counts.first { $0.status == .noData }?.count ?? 0
        guard total > 0 else {
            if self.total == 0 { return "Nothing to judge." }
            // Actions are judged on their due dates and completion, not on
            // data; a target an action carries is, and is called an action's.
            switch (measureTargets, actionTargets) {
            case (0, 0):
                return "No measure has a target, so nothing is judged on data" + (dataGiven ? "." : "; no data was given.")
            case (1, 0): return "The measure's target has data to be judged on."
            case (_, 0): return "Every measure's target has data to be judged on."
            case (0, 1): return "The action's target has data to be judged on."
            case (0, _): return "Every action's target has data to be judged on."
            default: return "Every target of a measure or an action has data to be judged on."
            }
        }
        let elsewhere = total - gaps.count
        var text = "\(total) " + (total == 1 ? "target has" : "targets have") + " no data to be judged on"
        if elsewhere > 0 {
            text += gaps.isEmpty ? (total == 1 ? "; it is" : total == 2 ? "; both are" : "; all are")
                : "; \(elsewhere) of them " + (elsewhere == 1 ? "is" : "are")
            text += " under Needs attention above"
        }
        return text + ". A gap is a finding: it is never counted as met."
    }
    public var changes: Changes?
    /// How many judgements are of a measure's target (not an action's
    /// target or due date): judged on data.
    public var measureTargets = 0
    /// How many are of a target an action carries (`target >= 95% by March
    /// 2015`), judged on data as a measure's are; not its due date.
    public var actionTargets = 0
    /// A data file was given.
    public var dataGiven = false
    /// Every judgement flagged `small cohort`, in plan order: its value rests
    /// on fewer than the measure's minimum cohort.
    public var smallCohort: [Row] = []
    /// Of `smallCohort`, those not under Needs attention (each one met).
    public var smallCohortElsewhere: Int { smallCohort.count { !ReportBuilder.needsAttention($0.judgement) } }
    /// What Needs attention says when it lists nothing: never "nothing is
    /// flagged" when a target is flagged small cohort.
    public var nothingNeedsAttention: String {
        smallCohort.isEmpty ? "Nothing is missed, at risk or flagged."
            : "Nothing is missed, at risk, slipped, stale or rated differently by the board."
    }

    /// Direction of travel reads a change of status on this scale, best
    /// first: met (3) > pending (2) > at risk (1) > missed (0). No data is
    /// not on it: a move from or to no data is newly or no longer measured.
    /// Pending ranks above at risk: an action not yet due has raised no
    /// concern, and one that becomes at risk has.
    public static func travelRank(_ status: Status) -> Int? {
        switch status {
        case .met: 3
        case .pending: 2
        case .atRisk: 1
        case .missed: 0
        case .noData: nil
        }
    }

    /// The travel from `then` to `now`. With the same status the value
    /// decides, read against `polarity` (the measure's, or the way its target
    /// asks); with no direction to read it by, a smaller shortfall is better;
    /// with neither, it is the same.
    public static func travel(from then: Status, to now: Status, valueThen: Double? = nil, valueNow: Double? = nil,
                              polarity: Polarity? = nil, shortfallThen: Double? = nil,
                              shortfallNow: Double? = nil) -> Travel {
        switch (travelRank(then), travelRank(now)) {
        case (nil, nil): return .same
        case (nil, _): return .newlyMeasured
        case (_, nil): return .noLongerMeasured
        case let (a?, b?) where a != b: return b > a ? .improved : .worsened
        default:
            func differ(_ a: Double, _ b: Double) -> Bool { abs(b - a) > 1e-9 * max(1, abs(a)) }
            if let polarity, let a = valueThen, let b = valueNow {
                guard differ(a, b) else { return .same }
                return (b > a) == (polarity == .higher) ? .better : .worse
            }
            if let a = shortfallThen, let b = shortfallNow, differ(a, b) { return b < a ? .better : .worse }
            return .same
        }
    }

    /// Travel between two judgements of one target (see above), each read
    /// at its own date: a numeric target on its latest value then (the one
    /// `slipped` reads, not the one judged at a passed deadline), a
    /// completion on how far along it was (done, in progress, not started;
    /// see `CompletionStage`), so an overdue action done since the last board
    /// is better, though missed at both.
    public static func travel(from then: Judgement, to now: Judgement, polarity: Polarity?) -> Travel {
        if then.status == now.status, travelRank(now.status) != nil, let a = then.stage, let b = now.stage {
            guard a != b, let further = b.isFurther(than: a) else { return .same }
            return further ? .better : .worse
        }
        return travel(from: then.status, to: now.status, valueThen: then.latestValue ?? then.value,
                      valueNow: now.latestValue ?? now.value, polarity: polarity,
                      shortfallThen: readShortfall(then), shortfallNow: readShortfall(now))
    }

    /// How far a judgement's latest value falls short of its target, 0 when
    /// it meets it (a met value has no `shortfall` of its own), so a value
    /// that slipped since reads as worse, and one met again as better.
    static func readShortfall(_ j: Judgement) -> Double? {
        if j.latestValue != nil { return j.latestShortfall }
        return j.shortfall ?? (j.value != nil ? 0 : nil)
    }

    /// A status in words with what qualifies it: the note first, then the
    /// flags: "✓ met (small cohort)", "✓ met (slipped, stale)",
    /// "▲ at risk (missed by 1.5 points, within tolerance; stale)".
    public static func statusText(_ status: Status, flags: [Flag], note: String? = nil) -> String {
        let parts = (note.map { [$0] } ?? []) + (flags.isEmpty ? [] : [flags.map(\.rawValue).joined(separator: ", ")])
        return status.label + (parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")")
    }

    /// "Ann Lead · officer Bob Officer", "officer Bob Officer", nil.
    public static func owner(leads: [String], officers: [String]) -> String? {
        var parts: [String] = []
        if !leads.isEmpty { parts.append(HTMLPage.list(leads)) }
        if !officers.isEmpty { parts.append("officer " + HTMLPage.list(officers)) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// An item's headline status at each board and now, as its card and the
    /// Markdown's notes say it: "Dec 2013 ✓ met → Mar 2014 ✓ met → now ✓ met
    /// (slipped)"; nil without `--compare` or a judgement.
    public func statusHistory(_ item: ItemBlock) -> String? {
        guard let headline = item.headline, !compareDates.isEmpty else { return nil }
        let steps = compareDates.indices.map { k in boardName(compareDates[k]) + " " + headline.earlierText(k) }
        return (steps + ["now " + headline.nowText]).joined(separator: " → ")
    }

    /// An item's last (up to) twelve values: "(3 earlier) Oct 2013 21 ·
    /// Nov 2013 20.5"; nil when it has none.
    public func valuesText(_ item: ItemBlock) -> String? {
        guard !item.history.isEmpty else { return nil }
        let text = item.history.map { boardName($0.date) + " " + $0.value }.joined(separator: " · ")
        return item.historyCount > item.history.count ? "(\(item.historyCount - item.history.count) earlier) " + text : text
    }

    /// "Apr 2015": a compared date as a column heading.
    public static func monthName(_ date: CalendarDate) -> String {
        Month.shortNames[date.month - 1] + " " + String(date.year)
    }

    /// A board's date as a heading: its month, or the whole date when
    /// another board compared met in the same month ("15 Oct 2018" beside
    /// "29 Oct 2018", not two columns headed "Oct 2018").
    public func boardName(_ date: CalendarDate) -> String {
        let sameMonth = compareDates.filter { $0.year == date.year && $0.month == date.month }
        return sameMonth.count > 1 ? date.display : Report.monthName(date)
    }

    /// The words of the plan for a text the evaluator wrote: a comparator's
    /// id becomes its title ("in line with sn" -> "in line with Statistical
    /// neighbour average"), and a phrase quoted from the plan in backticks
    /// loses them ("breaks `sustained 3 months`" -> "breaks “sustained 3 months”").
    public static func words(_ text: String, comparators: [(id: String, title: String)]) -> String {
        var s = text
        if s.contains("`") {
            var out = ""
            var open = true
            for c in s {
                if c == "`" { out.append(open ? "“" : "”"); open.toggle() } else { out.append(c) }
            }
            s = out
        }
        for (id, title) in comparators where !id.isEmpty && s.contains(id) {
            s = replaceWord(id, with: title, in: s)
        }
        return s
    }

    /// Every `word` in `s` that stands alone (no letter, digit, `_`, `-` or `.`
    /// followed by a digit on either side) replaced by `replacement`.
    static func replaceWord(_ word: String, with replacement: String, in s: String) -> String {
        let chars = Array(s.unicodeScalars)
        let target = Array(word.unicodeScalars)
        func isWordScalar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "-"
        }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if i + target.count <= chars.count, Array(chars[i..<(i + target.count)]) == target,
               i == 0 || !isWordScalar(chars[i - 1]),
               i + target.count == chars.count || !isWordScalar(chars[i + target.count]) {
                out.append(contentsOf: replacement.unicodeScalars)
                i += target.count
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return String(out)
    }

    public static func build(_ input: ReportInput, generatedAt: String? = nil, charts: ChartSelection = .all) -> Report {
        ReportBuilder(input: input, charts: charts).build(generatedAt: generatedAt)
    }
}

/// Which measures get a chart. Every one by default; for a very large plan
/// `attention` keeps the page small (about half the size at 2,000 measures)
/// by drawing only key targets and those missed or at risk.
public enum ChartSelection: String, Sendable, CaseIterable {
    case all, attention, none
}

/// Gathers one report; holds the lookups its parts share.
struct ReportBuilder {
    let input: ReportInput
    let charts: ChartSelection
    var model: PlanModel { input.model }
    var asOf: CalendarDate { input.evaluation.asOf }
    /// Per comparison: (item, target, milestone) -> the judgement then.
    let earlier: [[JudgementKey: Judgement]]
    /// Per comparison: (item, target) -> its headline judgement then, on the
    /// milestone in force at that date (what that board's report said).
    let earlierHeadline: [[JudgementKey: Judgement]]
    /// Each item's anchor: "t-" and its id, made unique and safe for a URL fragment.
    let anchors: [String]
    /// The plan's comparators with a title.
    let comparators: [(id: String, title: String)]

    struct JudgementKey: Hashable {
        var item: Int
        var target: Int
        var milestone: Int
    }

    init(input: ReportInput, charts: ChartSelection = .all) {
        self.input = input
        self.charts = charts
        earlier = input.comparisons.map { e in
            var map: [JudgementKey: Judgement] = [:]
            for j in e.judgements { map[JudgementKey(item: j.item, target: j.target, milestone: j.milestone)] = j }
            return map
        }
        earlierHeadline = input.comparisons.map { e in
            var map: [JudgementKey: Judgement] = [:]
            for j in e.judgements where j.isHeadline { map[JudgementKey(item: j.item, target: j.target, milestone: 0)] = j }
            return map
        }
        var used = Set<String>()
        anchors = input.model.items.map { item in
            let base = Self.anchor(item.id)
            var anchor = base
            var k = 2
            while !used.insert(anchor).inserted {
                anchor = base + "-" + String(k)
                k += 1
            }
            return anchor
        }
        comparators = input.model.comparators.compactMap { c in c.title.map { (c.id, $0) } }
    }

    /// "t-" and the id with anything but ASCII letters, digits, `-`, `_` and `.` as `_`.
    static func anchor(_ id: String) -> String {
        var out = "t-"
        for c in id.unicodeScalars {
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_" || c == "."
            out.unicodeScalars.append(ok ? c : "_")
        }
        return out
    }

    func words(_ s: String) -> String { Report.words(s, comparators: comparators) }

    /// Missed, at risk, or flagged slipped, stale or rag differs.
    static func needsAttention(_ j: Judgement) -> Bool {
        j.status == .missed || j.status == .atRisk || j.flags.contains { $0 == .slipped || $0 == .stale || $0 == .ragDiffers }
    }

    static func attentionReasons(_ j: Judgement) -> [String] {
        var reasons: [String] = []
        if j.status == .missed || j.status == .atRisk { reasons.append(j.status.rawValue) }
        for flag in j.flags where flag == .slipped || flag == .stale || flag == .ragDiffers { reasons.append(flag.rawValue) }
        return reasons
    }

    func build(generatedAt: String?) -> Report {
        let judgements = input.evaluation.judgements
        var rowsByItem: [Int: [Report.Row]] = [:]
        var allRows: [Report.Row] = []
        var firstOfItem = Set<Int>()
        for j in judgements {
            let first = firstOfItem.insert(j.item).inserted
            let r = row(j, first: first)
            rowsByItem[j.item, default: []].append(r)
            allRows.append(r)
        }

        var counts: [(status: Status, count: Int)] = []
        for status in Status.allCases { counts.append((status, judgements.count { $0.status == status })) }

        // Compared with what each board was told of the measure as a whole.
        let keyTargets = allRows.filter { $0.key && $0.judgement.isHeadline }
            .map { row($0.judgement, first: $0.first, headline: true) }
        func rank(_ j: Judgement) -> Int {
            switch j.status {
            case .missed: 0
            case .atRisk: 1
            default: 2
            }
        }
        let attention = allRows.enumerated()
            .filter { Self.needsAttention($0.element.judgement) }
            .sorted { a, b in
                if a.element.key != b.element.key { return a.element.key }
                let (ra, rb) = (rank(a.element.judgement), rank(b.element.judgement))
                if ra != rb { return ra < rb }
                return a.offset < b.offset
            }
            .map(\.element)

        let changes = changes(allRows)
        let smallCohort = allRows.filter { $0.flags.contains(.smallCohort) }
        let hasOwners = model.items.contains { !leads(of: $0).isEmpty || !officers(of: $0).isEmpty }
        return Report(
            title: model.title ?? "Improvement plan",
            authority: model.authority,
            asOf: asOf,
            period: model.period,
            periods: input.periods,
            generatedAt: generatedAt,
            compareDates: input.comparisons.map(\.asOf),
            compareCounts: input.comparisons.map { e in Status.allCases.map { s in e.judgements.count { $0.status == s } } },
            counts: counts,
            total: judgements.count,
            brief: brief(counts: counts, attention: attention, keyTargets: keyTargets,
                         ongoingPending: allRows.count { $0.judgement.status == .pending && $0.judgement.deadline == nil && !$0.judgement.undated },
                         undatedPending: allRows.count { $0.judgement.status == .pending && $0.judgement.undated },
                         dueTodayPending: allRows.count { $0.judgement.status == .pending && $0.judgement.deadline == asOf },
                         changes: changes, smallCohort: smallCohort),
            keyTargets: keyTargets,
            attention: attention,
            sectionNoun: sectionNoun(),
            sections: sections(rowsByItem),
            hasOwners: hasOwners,
            byWorkstream: rollUpByWorkstream(),
            byLead: rollUpByLead(),
            comparators: comparators,
            gaps: allRows.filter { $0.judgement.status == .noData && !Self.needsAttention($0.judgement) }
                .map { Report.Gap(row: $0, held: held($0.judgement)) },
            changes: changes,
            measureTargets: judgements.count { $0.target >= 0 && $0.kind == .measure },
            actionTargets: judgements.count { $0.target >= 0 && $0.kind == .action },
            dataGiven: input.data.given,
            smallCohort: smallCohort)
    }

    func brief(counts: [(status: Status, count: Int)], attention: [Report.Row], keyTargets: [Report.Row], ongoingPending: Int = 0, undatedPending: Int = 0,
               dueTodayPending: Int = 0, changes: Report.Changes?, smallCohort: [Report.Row] = []) -> [String] {
        func count(_ s: Status) -> Int { counts.first { $0.status == s }?.count ?? 0 }
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
        var lines: [String] = []
        if attention.isEmpty {
            lines.append(smallCohort.isEmpty ? "Nothing is missed, at risk or flagged."
                : "Nothing is missed, at risk, slipped, stale or rated differently by the board.")
        } else {
            let key = attention.count { $0.key }
            let flagged = attention.count { $0.judgement.status != .missed && $0.judgement.status != .atRisk }
            var line = "\(count(.missed)) missed and \(count(.atRisk)) at risk"
            if flagged > 0 { line += ", " + plural(flagged, "other target flagged", "other targets flagged") }
            if key > 0 { line += "; " + plural(key, "of them a key target", "of them key targets") }
            if let since = changes?.since {
                let new = attention.count { $0.isNew }
                line += "; " + (new == 0 ? "none" : "\(new)") + " new since " + since.display
            }
            lines.append(line + ".")
        }
        if !smallCohort.isEmpty {
            // A met status resting on a handful of children is said as such
            // wherever it is shown, and counted here.
            var ids = smallCohort.prefix(5).map { $0.judgement.id + ($0.part.map { " (" + $0 + ")" } ?? "") }
            if smallCohort.count > 5 { ids.append("\(smallCohort.count - 5) more") }
            lines.append(plural(smallCohort.count, "target is", "targets are") + " flagged small cohort, "
                + (smallCohort.count == 1 ? "its value resting" : "their values resting")
                + " on fewer than the measure's minimum cohort: " + HTMLPage.list(ids) + ".")
        }
        if count(.noData) > 0 {
            lines.append(plural(count(.noData), "target has", "targets have") + " no data to be judged on: a finding, never counted as met.")
        }
        if count(.pending) > 0 {
            // An ongoing action has no due date to be "not yet" at, and one
            // due today is due: each kind is said as what it is.
            let pending = count(.pending)
            let kinds = [(pending - ongoingPending - undatedPending - dueTodayPending, "not yet due"), (dueTodayPending, "due today"),
                         (ongoingPending, "ongoing"), (undatedPending, "with no due date")].filter { $0.0 > 0 }
            let words = kinds.count == 1 ? (kinds[0].1 == "ongoing" && pending > 1 ? "all ongoing" : kinds[0].1)
                : kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            lines.append(plural(pending, "action is", "actions are") + " pending: " + words + ".")
        }
        if !keyTargets.isEmpty {
            // A key target met at its deadline but broken since is said here
            // too, not only further down.
            let slipped = keyTargets.count { $0.judgement.status == .met && $0.judgement.flags.contains(.slipped) }
            lines.append("Key targets: \(keyTargets.count { $0.judgement.status == .met }) of \(keyTargets.count) met"
                + (slipped == 0 ? "." : ", \(slipped) of them slipped since."))
        }
        if let changes { lines.append("Since the last board (\(changes.since.display)): " + changes.summary) }
        return lines
    }

    // MARK: Rows

    /// One judgement as a row. A `headline` row (key targets, a card's
    /// headline) is compared at each board with the headline judged then, on
    /// the milestone in force at that date, as that board's report said it;
    /// any other row with the same milestone judged then.
    func row(_ j: Judgement, first: Bool, headline: Bool = false) -> Report.Row {
        let item = model.items.indices.contains(j.item) ? model.items[j.item] : nil
        let key = JudgementKey(item: j.item, target: j.target, milestone: j.milestone)
        let then = headline && j.isHeadline
            ? earlierHeadline.map { $0[JudgementKey(item: j.item, target: j.target, milestone: 0)] }
            : earlier.map { $0[key] }
        let direction = self.direction(j, item)
        func travel(_ t: Judgement?) -> Travel? { t.map { Report.travel(from: $0, to: j, polarity: direction) } }
        var latestText: String?
        // Only what came after the value judged, and of its kind: a status
        // for a completion, a number for a numeric target.
        if let latest = latestObservation(j.item, numbers: j.target >= 0), j.valueDate.map({ latest.date > $0 }) ?? true {
            latestText = describeLatest(latest.reading, j) + " (" + latest.date.display + ")"
        }
        let attention = Self.needsAttention(j)
        let last = then.last ?? nil
        return Report.Row(
            judgement: j,
            requirement: words(Self.requirement(j)),
            deadline: j.deadlineWords,
            recurring: item.map { item in
                item.targets.indices.contains(j.target) && item.targets[j.target].milestones.indices.contains(j.milestone)
                    && item.targets[j.target].milestones[j.milestone].recurrence != nil
            } ?? false,
            explanation: words(j.explanation),
            judged: judged(j),
            value: j.value.map { format($0, item: j.item, decimals: j.valueDecimals) } ?? j.valueText,
            valueDate: j.valueDate,
            latest: latestText,
            earlier: then.map { $0?.status },
            earlierFlags: then.map { $0?.flags ?? [] },
            earlierPart: then.map { t in
                guard let t, t.milestone != j.milestone else { return nil }
                return part(t, item, first: true)
            },
            travel: travel(last),
            travelSinceEarliest: then.count > 1 ? travel(then[0]) : nil,
            // "New" is the attention list's word, read per target: a headline
            // row says it when its own milestone was not on the list then.
            isNew: attention && !earlier.isEmpty
                && !((earlier.last ?? [:])[key].map(Self.needsAttention) ?? false),
            leads: ItemContext.leads(j, model),
            officers: ItemContext.officers(j, model),
            key: item?.key ?? false,
            part: part(j, item, first: first),
            first: first,
            anchor: anchors.indices.contains(j.item) ? anchors[j.item] : Self.anchor(j.id),
            statusNote: statusNote(j),
            attentionReasons: Self.attentionReasons(j))
    }

    /// Which way is better for a judgement's value: the item's polarity, else
    /// the way its requirement asks; nil for actions and two-sided targets.
    func direction(_ j: Judgement, _ item: Item?) -> Polarity? {
        guard let item, j.target >= 0, item.targets.indices.contains(j.target),
              item.targets[j.target].milestones.indices.contains(j.milestone) else { return nil }
        return item.polarity ?? Checker.direction(item.targets[j.target].milestones[j.milestone].requirement)
    }

    /// "missed by 1.5 points, within tolerance" for a target at risk only
    /// because its deadline passed within tolerance.
    func statusNote(_ j: Judgement) -> String? {
        guard j.status == .atRisk, let deadline = j.deadline, deadline <= asOf, let shortfall = j.shortfall else { return nil }
        let u = unit(j.item)
        let decimals: Int?
        switch u {
        case .percent, .rate: decimals = 1
        default: decimals = nil
        }
        let gap = shortfall > 1e-9 ? "missed by " + Display.difference(shortfall, unit: u, decimals: decimals) : "missed"
        return gap + ", within tolerance"
    }

    /// "milestone 1 of 3", "target 2", "completion": every milestone of a
    /// trajectory is named, the first too, so none reads as the whole
    /// measure; nil for an item's first row when it is its only target (an
    /// action's due date, a measure's single target).
    func part(_ j: Judgement, _ item: Item?, first: Bool) -> String? {
        if j.target < 0 { return first ? nil : "completion" }
        guard let item, item.targets.indices.contains(j.target) else { return first ? nil : "target" }
        let count = item.targets[j.target].milestones.count
        if count > 1 { return "milestone \(j.milestone + 1) of \(count)" + (item.targets.count > 1 ? ", target \(j.target + 1)" : "") }
        if item.targets.count > 1 { return "target \(j.target + 1)" }
        return first ? nil : "target \(j.target + 1)"
    }

    /// The requirement without its deadline, which has a column of its own.
    static func requirement(_ j: Judgement) -> String { j.requirementWords }

    func judged(_ j: Judgement) -> String? {
        let text: String?
        if let value = j.value { text = format(value, item: j.item, decimals: j.valueDecimals) } else { text = j.valueText }
        switch (text, j.valueDate) {
        case let (text?, date?): return text.contains(date.display) ? text : text + " (" + date.display + ")"
        case let (text?, nil): return text
        case let (nil, date?): return "(" + date.display + ")"
        case (nil, nil): return nil
        }
    }

    // MARK: Items and values

    func unit(_ index: Int) -> Unit {
        guard model.items.indices.contains(index) else { return .count }
        let item = model.items[index]
        return input.data.unit(of: item, at: index)
    }

    /// A value in its item's unit, as the evaluator words it: one decimal for
    /// percentages and rates, whole numbers without a decimal point.
    func format(_ value: Double, item: Int, decimals: Int? = nil) -> String {
        let u = unit(item)
        if let decimals { return Display.value(value, unit: u, decimals: decimals) }
        switch u {
        case .percent, .rate: return Display.value(value, unit: u, decimals: 1)
        default:
            let whole = value == value.rounded() && abs(value) < 1e15
            return Display.value(value, unit: u, decimals: whole ? nil : 1)
        }
    }

    func describe(_ reading: Reading, item: Int) -> String {
        switch reading {
        case .number(let v): format(v, item: item)
        case .state(let s): s.rawValue
        case .completed(let d): "done " + d.display
        case .yes: "yes"
        case .no: "no"
        }
    }

    /// The latest value, with the decimals that tell it from the row's own
    /// level ("latest 22.04%" beside at most 22%, not "22.0%", which reads
    /// as meeting it).
    func describeLatest(_ reading: Reading, _ j: Judgement) -> String {
        guard case .number(let v) = reading, let item = model.items.indices.contains(j.item) ? model.items[j.item] : nil,
              item.targets.indices.contains(j.target), item.targets[j.target].milestones.indices.contains(j.milestone)
        else { return describe(reading, item: j.item) }
        let levels: [Double] = switch item.targets[j.target].milestones[j.milestone].requirement {
        case .compare(_, let q), .level(let q): [q.value]
        case .range(let from, let to): [from.value, to.value]
        default: []
        }
        let u = unit(j.item)
        var usual = v == v.rounded() ? 0 : 1
        switch u {
        case .percent, .rate: usual = 1
        default: break
        }
        guard let decimals = Display.decimals(toTell: v, from: levels, unit: u, usual: usual) else {
            return describe(reading, item: j.item)
        }
        return format(v, item: j.item, decimals: decimals)
    }

    func latestObservation(_ item: Int, numbers: Bool? = nil) -> Observation? {
        input.data.series(item).actual.last { o in o.date <= asOf && (numbers.map { (o.reading.number != nil) == $0 } ?? true) }
    }

    func numbers(_ item: Int) -> [Observation] {
        input.data.series(item).actual.filter { $0.date <= asOf && $0.reading.number != nil }
    }

    /// What the data holds for a `no data` judgement's item.
    func held(_ j: Judgement) -> String {
        let known = input.data.series(j.item).actual.filter { $0.date <= asOf }
        guard let last = known.last else { return "none on or before " + asOf.display }
        let count = known.count == 1 ? "1 observation" : "\(known.count) observations"
        return count + ", the latest " + describe(last.reading, item: j.item) + " (" + last.date.display + ")"
    }

    func leads(of item: Item) -> [String] {
        if !item.leads.isEmpty { return item.leads }
        return ItemContext.sectionChain(of: item, in: model).first { !$0.leads.isEmpty }?.leads ?? []
    }

    /// The item's officers, else its nearest section's, as leads are passed down.
    func officers(of item: Item) -> [String] {
        if !item.officers.isEmpty { return item.officers }
        return ItemContext.sectionChain(of: item, in: model).first { !$0.officers.isEmpty }?.officers ?? []
    }

    func workstream(of item: Item) -> String? {
        item.workstream ?? ItemContext.sectionChain(of: item, in: model).lazy.compactMap(\.workstream).first
    }

    /// A plan gives the day a sign-off is due, not whether it happened.
    static func signoffState(_ date: CalendarDate, passed: Bool) -> String {
        (passed ? "was due by " : "due by ") + date.display
    }

    func block(_ index: Int, rows: [Report.Row]) -> Report.ItemBlock {
        let item = model.items[index]
        let evidence = item.evidence.map { e in
            switch (e.kind, e.source) {
            case (let kind?, let source?): kind.rawValue + ": " + source
            case (let kind?, nil): kind.rawValue
            case (nil, let source): source ?? ""
            }
        }
        let signoffs = item.signoffs.map { s -> Report.Signoff in
            guard let date = s.date else {
                return Report.Signoff(board: s.board, date: nil, passed: false, text: s.board + " sign-off (no date)")
            }
            let passed = date < asOf
            return Report.Signoff(board: s.board, date: date, passed: passed,
                                  text: s.board + " sign-off " + Self.signoffState(date, passed: passed))
        }
        var groups: [(state: String, boards: [String])] = []
        for s in signoffs {
            let state = s.date.map { Self.signoffState($0, passed: s.passed) } ?? "(no date)"
            if let k = groups.firstIndex(where: { $0.state == state }) {
                groups[k].boards.append(s.board)
            } else {
                groups.append((state, [s.board]))
            }
        }
        let lines = groups.map { g in
            (g.boards.count == 1 ? g.boards[0] : g.boards.dropLast().joined(separator: ", ") + " and " + g.boards.last!)
                + " sign-off"
                + " " + g.state
        }
        let values = numbers(index)
        let chartSpec = wantsChart(item, rows: rows) ? chart(index, item: item, values: values, rows: rows) : nil
        let trend = values.suffix(12).compactMap(\.reading.number)
        var range: (low: Double, high: Double)?
        if !trend.isEmpty {
            var all = trend
            let series = input.data.series(index)
            for target in item.targets {
                for milestone in target.milestones {
                    if let value = threshold(milestone.requirement, item: item, series: series) { all.append(value) }
                }
            }
            let axis = SVGChart.valueAxis(all, percent: unit(index) == .percent)
            range = (axis.low, axis.high)
        }
        let headline = (rows.first { $0.judgement.isHeadline } ?? rows.first)
            .map { row($0.judgement, first: $0.first, headline: true) }
        return Report.ItemBlock(
            item: index, id: item.id, title: item.title, kind: item.kind, key: item.key, leads: leads(of: item),
            officers: officers(of: item), notes: item.notes,
            evidence: evidence, signoffs: signoffs, signoffLines: lines, rows: rows,
            trend: trend, trendRange: range,
            history: values.suffix(12).map { ($0.date, describe($0.reading, item: index)) },
            historyCount: values.count,
            chart: chartSpec,
            anchor: anchors[index],
            ratings: headline?.judgement.ratings ?? [],
            polarity: item.polarity,
            headline: headline)
    }

    // MARK: Sections

    func sectionNoun() -> String {
        let keywords = Set(model.sections.map(\.keyword))
        if keywords.count == 1, let only = keywords.first { return only.rawValue }
        return "section"
    }

    func sections(_ rowsByItem: [Int: [Report.Row]]) -> [Report.SectionBlock] {
        var itemsBySection: [Int: [Int]] = [:]
        var unsectioned: [Int] = []
        for (index, item) in model.items.enumerated() {
            if let s = item.section, model.sections.indices.contains(s) {
                itemsBySection[s, default: []].append(index)
            } else {
                unsectioned.append(index)
            }
        }
        var blocks: [Report.SectionBlock] = []
        if !unsectioned.isEmpty {
            blocks.append(Report.SectionBlock(index: nil, label: "Not in a section", title: nil, parent: nil,
                                              items: unsectioned.map { block($0, rows: rowsByItem[$0] ?? []) }))
        }
        for (index, section) in model.sections.enumerated() {
            let parent = section.parent.flatMap { id in model.sections.first { $0.id == id } }.map(ItemContext.sectionLabel)
                ?? section.parent
            blocks.append(Report.SectionBlock(
                index: index, label: ItemContext.sectionLabel(section), title: section.title, parent: parent,
                items: (itemsBySection[index] ?? []).map { block($0, rows: rowsByItem[$0] ?? []) },
                details: sectionDetails(section)))
        }
        return blocks
    }

    /// What a section's own clauses say, for the lines under its heading.
    func sectionDetails(_ section: Section) -> [String] {
        var lines: [String] = []
        if section.key { lines.append("Key " + section.keyword.rawValue + ".") }
        if !section.leads.isEmpty { lines.append("Lead: " + section.leads.joined(separator: ", ") + ".") }
        if !section.officers.isEmpty { lines.append("Officer: " + section.officers.joined(separator: ", ") + ".") }
        for signoff in section.signoffs {
            let state = signoff.date.map { Self.signoffState($0, passed: $0 < asOf) } ?? "(no date)"
            lines.append(signoff.board + " sign-off " + state + ".")
        }
        if !section.evidence.isEmpty { lines.append("Evidence: " + section.evidence.joined(separator: "; ") + ".") }
        if !section.links.isEmpty { lines.append("Links: " + section.links.joined(separator: ", ") + ".") }
        lines += section.notes
        return lines
    }

    // MARK: Roll-ups

    /// Workstreams in declaration order, then any named but not declared (in
    /// order of first use), then "(none)".
    func rollUpByWorkstream() -> [Report.RollUp] {
        var order = model.workstreams.map(\.id)
        var counts: [String: [Int]] = [:]
        var none = [Int](repeating: 0, count: Status.allCases.count)
        for j in input.evaluation.judgements {
            let column = Status.allCases.firstIndex(of: j.status)!
            guard let id = ItemContext.workstream(j, model) else {
                none[column] += 1
                continue
            }
            if !order.contains(id) { order.append(id) }
            counts[id, default: [Int](repeating: 0, count: Status.allCases.count)][column] += 1
        }
        var rollUps = order.map { id in
            Report.RollUp(name: id, title: model.workstreams.first { $0.id == id }?.title,
                          counts: counts[id] ?? [Int](repeating: 0, count: Status.allCases.count))
        }
        if none.contains(where: { $0 > 0 }) { rollUps.append(Report.RollUp(name: "(none)", title: nil, counts: none)) }
        return rollUps
    }

    /// Leads alphabetically (case-insensitive, ties by spelling), then
    /// "(no lead)". A judgement with two leads counts under each.
    func rollUpByLead() -> [Report.RollUp] {
        var counts: [String: [Int]] = [:]
        var none = [Int](repeating: 0, count: Status.allCases.count)
        for j in input.evaluation.judgements {
            let column = Status.allCases.firstIndex(of: j.status)!
            let leads = ItemContext.leads(j, model)
            if leads.isEmpty { none[column] += 1 }
            for lead in Set(leads) {
                counts[lead, default: [Int](repeating: 0, count: Status.allCases.count)][column] += 1
            }
        }
        let names = counts.keys.sorted { a, b in
            let (la, lb) = (a.lowercased(), b.lowercased())
            return la != lb ? la < lb : a < b
        }
        var rollUps = names.map { name in
            Report.RollUp(name: name, title: model.leads.first { $0.id == name }?.title, counts: counts[name]!)
        }
        if none.contains(where: { $0 > 0 }) { rollUps.append(Report.RollUp(name: "(no lead)", title: nil, counts: none)) }
        return rollUps
    }

    // MARK: Change over time

    func changes(_ rows: [Report.Row]) -> Report.Changes? {
        guard let last = input.comparisons.last else { return nil }
        let then = Status.allCases.map { s in last.judgements.count { $0.status == s } }
        let now = Status.allCases.map { s in input.evaluation.judgements.count { $0.status == s } }
        let travelCounts = Travel.allCases.map { t in rows.count { $0.travel == t } }
        // A change of status outweighs any change of value: the values decide
        // only when as many statuses improved as worsened, and the verdict
        // then says so ("worse in value"), as a board could otherwise read
        // "worse" beside more targets met.
        let up = rows.count { $0.travel == .improved }
        let down = rows.count { $0.travel == .worsened }
        let better = rows.count { $0.travel == .better }
        let worse = rows.count { $0.travel == .worse }
        var verdict = up > down ? "better" : up < down ? "worse"
            : better > worse ? "better in value" : better < worse ? "worse in value" : "no net change"
        // Statuses that came from no data (or went to it) are not travel, but
        // targets newly measured and missed are more off track all the same:
        // the plan is never "better" while more are missed or off track.
        let (atRisk, missed) = (Status.allCases.firstIndex(of: .atRisk)!, Status.allCases.firstIndex(of: .missed)!)
        let moreOffTrack = now[missed] > then[missed] || now[missed] + now[atRisk] > then[missed] + then[atRisk]
        if moreOffTrack {
            if verdict == "better" || verdict == "better in value" { verdict = "mixed" }
            if verdict == "no net change" { verdict = "more off track" }
        }
        func listed(_ t: Travel) -> [Report.Row] { rows.filter { $0.travel == t && !Self.needsAttention($0.judgement) } }
        return Report.Changes(
            since: last.asOf, earliest: input.comparisons.count > 1 ? input.comparisons[0].asOf : nil,
            then: then, now: now, travelCounts: travelCounts,
            improved: listed(.improved), worsened: listed(.worsened),
            newlyMeasured: listed(.newlyMeasured), noLongerMeasured: listed(.noLongerMeasured),
            attentionCounts: Travel.allCases.map { t in rows.count { $0.travel == t && Self.needsAttention($0.judgement) } },
            verdict: verdict,
            milestoneMoved: input.evaluation.judgements.compactMap { j in
                guard j.isHeadline, j.target >= 0, model.items.indices.contains(j.item),
                      let then = earlierHeadline.last?[JudgementKey(item: j.item, target: j.target, milestone: 0)],
                      then.milestone != j.milestone,
                      let now = part(j, model.items[j.item], first: true),
                      let before = part(then, model.items[j.item], first: true) else { return nil }
                return j.id + " (now " + now + ", then " + before + ")"
            })
    }

    // MARK: Charts

    /// The picture of one item: its numeric observations up to the as-of
    /// date, its targets as steps, deadlines, comparators and projection.
    func wantsChart(_ item: Item, rows: [Report.Row]) -> Bool {
        switch charts {
        case .all: true
        case .none: false
        case .attention: item.key || rows.contains { Self.needsAttention($0.judgement) }
        }
    }

    func chart(_ index: Int, item: Item, values: [Observation], rows: [Report.Row]) -> ChartSpec? {
        guard !values.isEmpty else { return nil }
        let series = input.data.series(index)
        let actual = values.map { ChartSpec.Point(date: $0.date, value: $0.reading.number!) }
        var start = model.period?.start ?? actual[0].date
        var end = model.period?.end ?? asOf
        start = min(start, actual[0].date)
        end = max(end, actual[actual.count - 1].date)

        var deadlines: [CalendarDate] = []
        var steps: [[ChartSpec.Step]] = []
        for target in item.targets {
            var clause: [ChartSpec.Step] = []
            for milestone in target.milestones {
                if let d = milestone.deadline.date, !deadlines.contains(d) { deadlines.append(d) }
                if let value = threshold(milestone.requirement, item: item, series: series) {
                    // The way the level is met, as the evaluator reads it: a
                    // bare level or `maintain` by the polarity, a change by
                    // its direction ("decrease by 30%" from 60: at most 42).
                    let comparison = milestone.requirement.comparison(baseline: baseline(item, series), polarity: item.polarity)?.0
                    var text = milestone.required
                    // Its tooltip gives the level it comes to, which is what is drawn:
                    // "decrease by 30%: at most 42", "above the baseline (baseline 14)".
                    switch milestone.requirement {
                    case .change(_, nil): text += " (baseline " + format(value, item: index) + ")"
                    case .change, .maintain:
                        if let comparison { text += ": " + comparison.words + " " + format(value, item: index) }
                    default: break
                    }
                    // A recurring standard applies from its first period (as
                    // the evaluator starts it), and says so in its tooltip.
                    let first = milestone.recurrence.flatMap { r in
                        (r.from ?? model.period?.start ?? values.first?.date).map { CalendarPeriod(r.period, containing: $0) }
                    }
                    if let r = milestone.recurrence, let first { text += " each " + r.period.rawValue + " from " + first.name }
                    let from = first?.start
                    var step = ChartSpec.Step(from: from, until: milestone.deadline.date, value: value, text: text)
                    if let tolerance = item.tolerance, let comparison {
                        // The bad side of the level: below it for "at least"
                        // (or a bare level or `maintain` with polarity higher,
                        // or an increase), above it for "at most", both for
                        // "exactly". A relative tolerance is a share of the level.
                        let width = Self.width(tolerance, at: value)
                        let side: (below: Bool, above: Bool) = switch comparison {
                        case .atLeast, .above: (true, false)
                        case .atMost, .below: (false, true)
                        case .exactly: (true, true)
                        }
                        (step.bandLow, step.bandHigh) = (side.below ? value - width : value, side.above ? value + width : value)
                    }
                    clause.append(step)
                }
            }
            if !clause.isEmpty { steps.append(clause) }
        }
        if let due = item.due?.date, !deadlines.contains(due) { deadlines.append(due) }
        deadlines.sort()
        if let last = deadlines.last { end = max(end, last) }
        if let first = deadlines.first { start = min(start, first) }

        var comparators: [ChartSpec.Series] = []
        for name in series.comparators.keys.sorted() {
            let points = series.comparators[name]!.filter { $0.date <= asOf }
                .compactMap { o in o.reading.number.map { ChartSpec.Point(date: o.date, value: $0) } }
            if !points.isEmpty {
                var drawn = ChartSpec.Series(name: words(name), points: points)
                drawn.band = band(comparator: name, item: item)
                comparators.append(drawn)
                start = min(start, points[0].date)
            }
        }

        var projection: ChartSpec.Line?
        let projected = rows.map(\.judgement).filter { $0.projected != nil }
        if let to = projected.compactMap(\.deadline).max(), let fit = Projection.fit(values) {
            let from = values.suffix(Projection.window)[values.suffix(Projection.window).startIndex].date
            // The end is the value judged, held within what the unit allows
            // (the chart once said "projected 162.8%" beside a row's 100.0%).
            projection = ChartSpec.Line(from: ChartSpec.Point(date: from, value: fit.value(at: from)),
                                        to: ChartSpec.Point(date: to, value: fit.value(at: to, unit: unit(index))))
        }

        let u = unit(index)
        let last = actual[actual.count - 1]
        var average = averageSeries(index, item: item, values: values)
        // A value that is not a target's level never reads as it: 89.96%
        // beside a line at 90% is labelled "89.96%", not "90.0%".
        let levels = Array(Set(steps.joined().map(\.value)))
        func honest(_ value: Double) -> String {
            format(value, item: index, decimals: Display.decimals(toTell: value, from: levels, unit: u, usual: 1))
        }
        // Short: a page may hold thousands of these.
        var summary = "\(item.id): \(actual.count == 1 ? "1 value" : "\(actual.count) values")"
        if actual.count > 1 { summary += " from \(Report.monthName(actual[0].date))" }
        summary += ", latest \(honest(last.value)) on \(last.date.display)"
        if var drawn = average, let judged = drawn.points.last {
            // The average judged, written as its value is: in the decimals that tell it from the level.
            drawn.latestText = honest(judged.value)
            summary += "; \(drawn.name) \(honest(judged.value)) on \(judged.date.display)"
            average = drawn
        }
        let required = rows.filter { $0.judgement.target >= 0 }.map { $0.judgement.required }
        if !required.isEmpty { summary += "; target " + required.joined(separator: ", ") }
        if let projection { summary += "; projected \(format(projection.to.value, item: index)) at \(projection.to.date.display)" }
        if !comparators.isEmpty { summary += "; compared with " + comparators.map(\.name).joined(separator: ", ") }
        summary += "."
        let slipped = rows.contains { $0.flags.contains(.slipped) }
        if slipped { summary += " Slipped: met at its deadline, broken since." }
        return ChartSpec(id: item.id, title: item.title, unit: u, start: start, end: end, asOf: asOf, actual: actual,
                         comparators: comparators, targets: steps, deadlines: deadlines, projection: projection,
                         summary: words(summary),
                         // Only the dots drawn carry a label (every one up to SVGChart.dotLimit, else the latest).
                         labels: actual.enumerated().map { k, point in
                             actual.count <= SVGChart.dotLimit || k == actual.count - 1
                                 ? point.date.display + ": " + honest(point.value) : ""
                         },
                         slipped: slipped, average: average)
    }

    /// For an item with a target on an average, the trailing mean the
    /// evaluator judges (the same window and pooling): at each observation,
    /// at a deadline passed, and at the as-of date, where the window holds a
    /// value. Nil when no target is an average.
    func averageSeries(_ index: Int, item: Item, values: [Observation]) -> ChartSpec.Series? {
        let milestones = item.targets.flatMap(\.milestones)
        guard let months = milestones.lazy.compactMap(\.averageMonths).first, let first = values.first?.date else { return nil }
        let judge = ItemJudge(model: model, index: index, item: item, series: input.data.series(index), asOf: asOf, unit: unit(index))
        var dates = Set(values.map(\.date))
        for milestone in milestones where milestone.averageMonths == months {
            if let deadline = milestone.deadline.date, deadline <= asOf, deadline >= first { dates.insert(deadline) }
        }
        dates.insert(asOf)
        let points = dates.sorted().compactMap { date in
            judge.average(months: months, at: date).map { ChartSpec.Point(date: date, value: $0.value) }
        }
        return points.isEmpty ? nil : ChartSpec.Series(name: "\(months)-month average", points: points)
    }

    /// A tolerance's half-width at `value`: points or units as written, or a
    /// share of the value when relative.
    static func width(_ t: Tolerance, at value: Double) -> Double {
        t.kind == .relative ? abs(value) * t.amount / 100 : t.amount
    }

    /// How a comparator's band is drawn on this item's chart: the tolerance
    /// of the first `in line with` or `within` target against it, one-sided
    /// (the bad side only) with a polarity, as the evaluator judges it.
    func band(comparator name: String, item: Item) -> ChartSpec.Band? {
        for target in item.targets {
            for milestone in target.milestones {
                let tolerance: Tolerance?
                switch milestone.requirement {
                case .inLineWith(let id) where id.name == name:
                    tolerance = model.comparators.first { $0.id == name }?.tolerance
                case .within(let t, let id) where id.name == name:
                    tolerance = t
                default:
                    continue
                }
                guard let tolerance else { return nil }
                return ChartSpec.Band(tolerance: tolerance, below: item.polarity != .lower, above: item.polarity != .higher)
            }
        }
        return nil
    }

    /// The baseline a chart draws a relative target from: the plan's, else
    /// the latest in the data by the as-of date.
    func baseline(_ item: Item, _ series: ItemSeries) -> Double? {
        item.baseline?.value ?? series.baseline.last(where: { $0.date <= asOf })?.reading.number
    }

    /// The value a requirement asks for, when it is one fixed number; nil for
    /// comparator targets (their series is drawn instead) and `done`.
    func threshold(_ requirement: Requirement, item: Item, series: ItemSeries) -> Double? {
        switch requirement {
        case .compare(_, let q), .level(let q): return q.value
        case .range(_, let to): return to.value
        case .maintain:
            return baseline(item, series)
        case .change(let direction, let amount):
            guard let baseline = baseline(item, series) else { return nil }
            guard let amount else { return baseline }
            let sign: Double = direction == .increase ? 1 : -1
            switch amount.kind {
            case .relative: return baseline * (1 + sign * amount.amount / 100)
            case .points, .absolute: return baseline + sign * amount.amount
            }
        case .inLineWith, .within, .done: return nil
        }
    }
}
