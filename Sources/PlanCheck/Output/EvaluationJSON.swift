/// `plancheck eval --format json`: the judgements for dashboards, scripts and
/// tests, with the field names of the spec ("Machine-readable results").
/// Other tools rely on these names: add fields, never rename one.
///
///     {
///       "asOf": "2013-10-01",
///       "summary": {"met": 12, "at risk": 5, "missed": 2, "no data": 3, "pending": 4},
///       "results": [
///         {"id": "2.3", "kind": "measure", "title": "...", "section": "A1", "workstream": "EFD",
///          "leads": [], "key": false, "deadline": "2013-09-30", "status": "met",
///          "value": 91, "valueText": "91.0%", "valueDate": "2013-09-30",
///          "required": "at least 90% by 30 Sep 2013", "explanation": "...",
///          "projected": null, "milestone": 1, "headline": true, "flags": ["slipped"],
///          "commentary": {"date": "2013-09-30", "text": "..."},
///          "rag": {"date": "2013-09-30", "rating": "amber", "reason": null, "computed": "at risk"}}
///       ]
///     }
///
/// `value` is a number, or for an action's state the state's text
/// ("complete"), or null. `milestone` counts from 1 within its trajectory.
/// `workstream` is the item's or, when it names none, its section's; `leads`
/// likewise. `flags` lists any of `slipped`, `stale`, `small cohort`, `rag
/// differs`, in that order; `commentary` is the latest progress note and
/// `rag` the latest recorded rating, each on or before `asOf`, or null.
/// When several plans are judged as one, each result ends with `plan`, the
/// path of the plan it is from, as named.
public enum EvaluationJSON {
    public static func render(_ e: Evaluation, model: PlanModel) -> JSON {
        .object(head(e) + [("results", .array(e.judgements.map { result($0, model) }))])
    }

    /// The members before `results`.
    static func head(_ e: Evaluation) -> [(String, JSON)] {
        [("asOf", .string(e.asOf.iso)), ("summary", .object(e.summary.map { ($0.0.rawValue, .int($0.1)) }))]
    }

    /// The same document as `render(_:model:).renderBytes(...)`, byte for
    /// byte, with each result made, written and let go in turn: the whole
    /// tree of ten thousand results is never held.
    public static func renderBytes(_ e: Evaluation, model: PlanModel, terminator: UInt8? = nil,
                                   reserving: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(reserving)
        let head = head(e)
        JSON.writeObject(keys: head.count + 1, { $0 < head.count ? head[$0].0 : "results" },
                         to: &out, pretty: true, depth: 0) { i, out, depth in
            guard i == head.count else { return head[i].1.write(to: &out, pretty: true, depth: depth) }
            JSON.writeArray(count: e.judgements.count, to: &out, pretty: true, depth: depth) { k, out, depth in
                result(e.judgements[k], model).write(to: &out, pretty: true, depth: depth)
            }
        }
        if let terminator { out.append(terminator) }
        return out
    }

    /// One judgement as an object; the fields in a fixed order.
    static func result(_ j: Judgement, _ model: PlanModel) -> JSON {
        var fields = fields(j, model)
        // Several plans judged as one: which plan the result is from.
        if let plan = ItemContext.plan(j, model) { fields.append(("plan", .string(plan))) }
        return .object(fields)
    }

    static func fields(_ j: Judgement, _ model: PlanModel) -> [(String, JSON)] {
        let value: JSON
        if let number = j.value {
            value = .number(number)
        } else if let text = j.valueText {
            value = .string(text)
        } else {
            value = .null
        }
        return [
            ("id", .string(j.id)),
            ("kind", .string(j.kind.rawValue)),
            ("title", .string(j.title)),
            ("section", .string(ItemContext.section(j, model)?.id)),
            ("workstream", .string(ItemContext.workstream(j, model))),
            ("leads", .array(ItemContext.leads(j, model).map { .string($0) })),
            ("key", .bool(ItemContext.isKey(j, model))),
            ("deadline", .string(j.deadline?.iso)),
            ("status", .string(j.status.rawValue)),
            ("value", value),
            ("valueText", .string(j.valueText)),
            ("valueDate", .string(j.valueDate?.iso)),
            ("required", .string(j.required)),
            ("explanation", .string(j.explanation)),
            ("projected", j.projected.map { .number($0) } ?? .null),
            ("milestone", .int(j.milestone + 1)),
            ("headline", .bool(j.isHeadline)),
            ("flags", .array(j.flags.map { .string($0.rawValue) })),
            ("commentary", j.commentary.map { .object([("date", .string($0.date.iso)), ("text", .string($0.text))]) } ?? .null),
            ("rag", j.ratings.last.map { rating in
                .object([("date", .string(rating.date.iso)), ("rating", .string(rating.rating.rawValue)),
                         ("reason", .string(rating.reason)), ("computed", .string(rating.computed.rawValue))])
            } ?? .null),
        ]
    }
}
