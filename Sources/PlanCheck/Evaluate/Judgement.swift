/// The verdict on one target, milestone or action due date.
public enum Status: String, Sendable, Hashable, CaseIterable {
    case met
    case atRisk = "at risk"
    case missed
    case noData = "no data"
    case pending

    /// For `--status at-risk,missed` and `--fail-on`: the words with hyphens.
    public var slug: String { rawValue.replacingSpaces() }

    public init?(slug: String) {
        guard let status = Status.allCases.first(where: { $0.slug == slug || $0.rawValue == slug }) else { return nil }
        self = status
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "-" : $0 }) }
}

/// Something about a judgement that its status alone does not say. The order
/// of the cases is the order in which they are listed (JSON `flags`).
public enum Flag: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Met at a past deadline, broken since by a later value.
    case slipped
    /// With a `frequency`: the value judged is more than two periods old.
    case stale
    /// A value used has a denominator below the measure's `minimum cohort`.
    case smallCohort = "small cohort"
    /// The board's latest recorded `rag` disagrees with the computed status.
    case ragDiffers = "rag differs"

    public static func < (a: Flag, b: Flag) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A dated remark: a `progress` note, shown beside the judgement.
public struct Commentary: Sendable, Hashable {
    public var date: CalendarDate
    public var text: String
    public init(date: CalendarDate, text: String) {
        self.date = date
        self.text = text
    }
}

/// A recorded rating as shown beside a judgement: the rating, its date and
/// reason, and the status computed at that date.
public struct RecordedRating: Sendable, Hashable {
    public var date: CalendarDate
    public var rating: Rating
    public var reason: String?
    /// The status the evaluator gives at `date`.
    public var computed: Status
    public var agrees: Bool { rating.agrees(with: computed) }
}

/// One judgement: what was required, the value used and its date, the status
/// and one sentence saying why.
///
///     Judgement(id: "2.3", status: .atRisk,
///               explanation: "83.0% on 31 Jul 2017, needs at least 90% by 30 Apr 2018: 7.0 points short, 9 months left.")
public struct Judgement: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case measure, action }

    /// Index of the measure or action in `PlanModel.items`.
    public var item: Int
    public var id: String
    public var kind: Kind
    public var title: String?
    /// `nil` when the target is ongoing.
    public var deadline: CalendarDate?
    public var status: Status
    /// The observation judged, as a number (nil for action states or none).
    public var value: Double?
    /// The observation judged, as text in the measure's unit ("83.0%", "complete").
    public var valueText: String?
    public var valueDate: CalendarDate?
    /// Decimals the value needs so as not to read as the level it was judged
    /// against (89.96% against at least 90%); nil when the usual ones do.
    public var valueDecimals: Int?
    /// The target as text: "at least 90% by 30 Sep 2013", "done by 31 Mar 2015".
    public var required: String
    public var explanation: String
    /// The least-squares projection at the deadline, when one was made.
    public var projected: Double?
    /// How far the value judged falls short of the target, in the measure's
    /// unit, when it is at risk or missed on a number (the report words a
    /// deadline missed within tolerance with it).
    public var shortfall: Double?
    /// Which milestone of which target clause (0-based); an action's due date is target -1.
    public var target: Int
    public var milestone: Int
    /// True for the milestone in force of a trajectory (and for every single target).
    public var isHeadline: Bool
    /// An action the plan gives no `due` clause: judged as an ongoing one
    /// (never missed), but said as having no due date, which is what the
    /// plan says, not "ongoing", which it does not.
    public var undated = false
    public var location: Location
    /// Sorted, each at most once.
    public var flags: [Flag] = []
    /// For "no data" on a recurring, sustained or average target: the days
    /// whose value is missing. The book's reason for a gap is looked for
    /// there, and nowhere else (`DataGap.explain`).
    public var missingWindow: DateRange?
    /// The latest `progress` note on or before the as-of date.
    public var commentary: Commentary?
    /// Every recorded rating of the item, oldest first, on or before the as-of
    /// date; the last one decides the `rag differs` flag.
    public var ratings: [RecordedRating] = []
    /// The value the target reads at the as-of date when the judgement rests
    /// on another: after a deadline, the latest observation on or before the
    /// as-of date (for an average, the trailing window then), the value
    /// `slipped` reads; for a sustained level, the latest value after the one
    /// that broke it. Nil when the value judged is the latest, and for a
    /// recurring standard or a completion. Direction of travel reads it: a
    /// caseload met at its deadline (19.5) and 23 now is not "better" than 20
    /// at the last board.
    public var latestValue: Double?
    /// How far `latestValue` falls short of the target: 0 when it meets it.
    public var latestShortfall: Double?
    /// How far along a completion (an action's due date, a `done` target) is
    /// by its record at the as-of date; nil for a numeric target.
    public var stage: CompletionStage?
}

/// How far along an action (or a `done` target) is by its latest record, so
/// direction of travel can tell an overdue action done since the last board
/// (done late, still missed) from one left as it was.
///
///     CompletionStage.inProgress.isFurther(than: .notStarted)   // true
///     CompletionStage.notDone.isFurther(than: .inProgress)      // nil: cannot tell
public enum CompletionStage: String, Sendable, Hashable {
    /// Not done, with nothing to say how far along: no status, or `no`.
    case notDone = "not done"
    case notStarted = "not started"
    case inProgress = "in progress"
    case done

    /// Done is further than anything not done; in progress is further than
    /// not started; a bare "not done" cannot be told from either (nil).
    public func isFurther(than other: CompletionStage) -> Bool? {
        if self == other { return false }
        if self == .done || other == .done { return self == .done }
        if self == .notDone || other == .notDone { return nil }
        return self == .inProgress
    }
}

extension Judgement {
    /// For a deadline column: "30 Sep 2013", "ongoing", or "no due date".
    public var deadlineWords: String { deadline?.display ?? (undated ? "no due date" : "ongoing") }

    /// The requirement without its deadline, which has a column of its own:
    /// "at least 90% by 30 Sep 2013" -> "at least 90%".
    public var requirementWords: String {
        let suffixes = deadline.map { [" by " + $0.display] } ?? [", ongoing", " (ongoing)", " ongoing", ", no due date"]
        for suffix in suffixes where required.hasSuffix(suffix) && required.count > suffix.count {
            return String(required.dropLast(suffix.count))
        }
        return required
    }

    /// The flags in words: "slipped, small cohort"; empty when none.
    public var flagWords: String { flags.map(\.rawValue).joined(separator: ", ") }

    /// The latest recorded rating in words: "rated amber on 30 Nov 2013
    /// (Improving), computed met then"; nil when none.
    public var ratingWords: String? {
        guard let rating = ratings.last else { return nil }
        let reason = rating.reason.map { " (\($0))" } ?? ""
        return "rated \(rating.rating.rawValue) on \(rating.date.display)\(reason), computed \(rating.computed.rawValue) then"
    }

    /// What is said beside the explanation, as sentences: the flags, the
    /// recorded rating and the latest commentary. Empty when there is none.
    public var annotations: String {
        var parts: [String] = []
        if !flags.isEmpty { parts.append("Flags: \(flagWords).") }
        if let rating = ratingWords { parts.append("Board " + rating + ".") }
        if let commentary, !explanationQuotesCommentary { parts.append("Progress \(commentary.date.display): \(commentary.text)") }
        return parts.joined(separator: " ")
    }

    /// The explanation already quotes the latest commentary ("the latest
    /// progress note (20 Sep 2024) says \"…\"" of an overdue action): what
    /// shows the explanation does not show the note again beside it.
    public var explanationQuotesCommentary: Bool {
        guard let commentary else { return false }
        return explanation.contains("(\(commentary.date.display)) says \"\(commentary.text)\"")
    }
}

/// What the evaluator returns: judgements in plan order and the as-of date.
public struct Evaluation: Sendable {
    public var asOf: CalendarDate
    public var judgements: [Judgement]

    /// A count per status, every status present (zero when none).
    public var summary: [(Status, Int)] {
        Status.allCases.map { status in (status, judgements.count { $0.status == status }) }
    }
}
