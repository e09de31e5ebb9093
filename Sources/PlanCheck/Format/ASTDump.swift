/// A plain-text rendering of a syntax tree: every entry, clause, row and field,
/// and nothing else (no spans, no comments, no spelling).
///
/// Two files mean the same exactly when their dumps are equal, which is how the
/// tests show that `plancheck fmt` never changes a plan's meaning; it is also
/// what `plancheck parse --dump` prints for debugging. One line per entry, then
/// one indented line per clause or data row, in an s-expression style:
///
///     (measure "2.3" title="% children seen"
///       (target (milestone (compare >= (quantity 90.0 percent)) (by (bareMonth 9))))
///       (key))
///
/// Numbers are printed with Swift's `Double.description`; strings are quoted
/// with `\"`, `\\` and control characters escaped, so the text is unambiguous.
public enum ASTDump {
    public static func dump(_ tree: SyntaxTree) -> String {
        var out = ""
        for entry in tree.entries {
            out += entryHead(entry)
            for clause in entry.clauses {
                out += "\n  " + self.clause(clause)
            }
            for row in entry.rows {
                out += "\n  " + self.row(row)
            }
            out += ")\n"
        }
        return out
    }

    // MARK: Entries

    private static func entryHead(_ entry: Entry) -> String {
        var parts = [entryKind(entry.kind)]
        if let id = entry.id { parts.append(quote(id.name)) }
        if let title = entry.title { parts.append("title=" + quote(title.value)) }
        return "(" + parts.joined(separator: " ")
    }

    private static func entryKind(_ kind: EntryKind) -> String {
        switch kind {
        case .plan: "plan"
        case .workstream: "workstream"
        case .comparator: "comparator"
        case .lead: "lead"
        case .section(let keyword): "section " + keyword.rawValue
        case .measure: "measure"
        case .action: "action"
        case .data: "data"
        case .include: "include"
        }
    }

    private static func row(_ row: DataRow) -> String {
        var parts = ["row", date(row.date), value(row.value)]
        if let series = row.series { parts.append("series=" + quote(series.name)) }
        return list(parts)
    }

    private static func value(_ value: DataValue) -> String {
        switch value {
        case .number(let number, let percent): list(["number", number.description] + (percent ? ["percent"] : []))
        case .fraction(let numerator, let denominator): list(["fraction", numerator.description, denominator.description])
        case .state(let state): list(["state", quote(state.rawValue)])
        case .date(let date): list(["date", self.date(date)])
        case .yes: "(yes)"
        case .no: "(no)"
        }
    }

    // MARK: Clauses

    private static func clause(_ clause: Clause) -> String {
        switch clause.kind {
        case .authority(let text): list(["authority", quote(text.value)])
        case .period(let start, let end): list(["period", date(start), date(end)])
        case .workstream(let id): list(["workstream", quote(id.name)])
        case .lead(let names): list(["lead"] + names.map { quote($0.value) })
        case .officer(let names): list(["officer"] + names.map { quote($0.value) })
        case .role(let text): list(["role", quote(text.value)])
        case .evidence(let kind, let source):
            list(["evidence"] + (kind.map { [$0.rawValue] } ?? []) + (source.map { [quote($0.value)] } ?? []))
        case .polarity(let polarity): list(["polarity", polarity.rawValue])
        case .signoff(let signoffs):
            list(["signoff"] + signoffs.map { list(["by", quote($0.board.name), date($0.date)]) })
        case .key: "(key)"
        case .links(let ids): list(["links"] + ids.map { quote($0.name) })
        case .note(let text): list(["note", quote(text.value)])
        case .tolerance(let tolerance): list(["tolerance", self.tolerance(tolerance)])
        case .unit(let unit): list(["unit", self.unit(unit)])
        case .partOf(let id): list(["partOf", quote(id.name)])
        case .target(let milestones): list(["target"] + milestones.map(milestone))
        case .baseline(let value, let at): list(["baseline", quantity(value), date(at)])
        case .due(let deadline): list(["due", self.deadline(deadline)])
        case .done(let at): list(["done"] + (at.map { [date($0)] } ?? []))
        case .progress(let at, let text): list(["progress", date(at)] + (text.map { [quote($0.value)] } ?? []))
        case .timescale(let start, let end): list(["timescale", date(start), date(end)])
        case .frequency(let frequency): list(["frequency", frequency.rawValue])
        case .minimumCohort(let size, _): list(["minimumCohort", size.description])
        case .rag(let at, let rating, let reason): list(["rag", date(at), rating.rawValue] + (reason.map { [quote($0.value)] } ?? []))
        case .data(let clause): clause.dump
        }
    }

    // MARK: Targets

    private static func milestone(_ milestone: Milestone) -> String {
        var parts = ["milestone", requirement(milestone.requirement), deadline(milestone.deadline)]
        if let months = milestone.averageMonths { parts.append(list(["average", String(months), "months"])) }
        if let months = milestone.sustainedMonths { parts.append(list(["sustained", String(months), "months"])) }
        return list(parts)
    }

    private static func requirement(_ requirement: Requirement) -> String {
        switch requirement {
        case .compare(let comparison, let value): list(["compare", comparison.rawValue, quantity(value)])
        case .level(let value): list(["level", quantity(value)])
        case .maintain: "(maintain)"
        case .range(let from, let to): list(["range", quantity(from), quantity(to)])
        case .change(let direction, let amount): list(["change", direction.rawValue] + (amount.map { [change($0)] } ?? []))
        case .inLineWith(let id): list(["inLineWith", quote(id.name)])
        case .within(let tolerance, let id): list(["within", self.tolerance(tolerance), quote(id.name)])
        case .done: "(done)"
        }
    }

    private static func deadline(_ deadline: Deadline) -> String {
        switch deadline {
        case .by(let date): list(["by", self.date(date)])
        case .ongoing: "(ongoing)"
        case .immediately: "(immediately)"
        case .within(let count, let unit, _): list(["within", String(count), unit.rawValue])
        case .recurring(let period, let from, _): list(["each", period.rawValue] + (from.map { [self.date($0)] } ?? []))
        }
    }

    private static func change(_ amount: ChangeAmount) -> String {
        let kind = switch amount.kind {
        case .relative: "relative"
        case .points: "points"
        case .absolute: "absolute"
        }
        return list([kind, amount.amount.description])
    }

    private static func tolerance(_ tolerance: Tolerance) -> String {
        let kind = switch tolerance.kind {
        case .absolute: "absolute"
        case .relative: "relative"
        }
        return list([kind, tolerance.amount.description])
    }

    private static func quantity(_ quantity: Quantity) -> String {
        list(["quantity", quantity.value.description] + (quantity.unit.map { [unit($0)] } ?? []))
    }

    private static func unit(_ unit: Unit) -> String {
        switch unit {
        case .percent: "percent"
        case .count: "count"
        case .rate(let per): list(["per", per.description])
        case .days: "days"
        case .weeks: "weeks"
        case .months: "months"
        case .hours: "hours"
        case .workingDays: "workingDays"
        case .done: "done"
        }
    }

    // MARK: Dates

    private static func date(_ date: DateExpr) -> String {
        switch date.form {
        case .day(let year, let month, let day): list(["day", String(year), String(month), String(day)])
        case .month(let year, let month): list(["month", String(year), String(month)])
        case .bareMonth(let month): list(["bareMonth", String(month)])
        case .bareDay(let month, let day): list(["bareDay", String(month), String(day)])
        case .bareQuarter(let quarter): list(["bareQuarter", String(quarter)])
        case .quarter(let quarter, let startYear): list(["quarter", String(quarter), "fy=" + String(startYear)])
        case .financialYear(let startYear): list(["fy", String(startYear)])
        }
    }

    // MARK: Text

    private static func list(_ parts: [String]) -> String {
        "(" + parts.joined(separator: " ") + ")"
    }

    /// `"..."` with `\"`, `\\`, `\n`, `\t` and other control characters escaped.
    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
