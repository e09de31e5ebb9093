/// `plancheck eval --format csv`: one row per judgement, for a spreadsheet.
///
///     asOf,id,kind,title,section,workstream,leads,key,deadline,status,value,valueText,valueDate,required,explanation,projected,milestone,headline,flags,commentary,commentaryDate,rag,ragDate
///     2013-10-01,2.3,measure,"% seen, in time",A1,EFD,,false,2013-09-30,met,91,91.0%,2013-09-30,at least 90% by 30 Sep 2013,...,,1,true,,,,,
///
/// The columns are the JSON result's fields (same names, same order), with
/// `asOf` first so monthly files can be appended into one sheet; `flags` are
/// joined with "; ", and the latest commentary and rating take two columns
/// each (text or rating, and date). Several
/// leads are joined with "; ". Dates are ISO, numbers in the shortest form
/// that reads back exactly, absent values empty. RFC 4180: a field holding a
/// comma, a double quote, CR or LF is quoted, quotes doubled; lines end in LF.
public enum EvaluationCSV {
    public static let columns = [
        "asOf", "id", "kind", "title", "section", "workstream", "leads", "key", "deadline", "status",
        "value", "valueText", "valueDate", "required", "explanation", "projected", "milestone", "headline",
        "flags", "commentary", "commentaryDate", "rag", "ragDate",
    ]

    public static func render(_ e: Evaluation, model: PlanModel) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for j in e.judgements {
            let value: String
            if let number = j.value {
                value = JSON.format(number)
            } else {
                value = j.valueText ?? ""
            }
            let fields: [String] = [
                e.asOf.iso,
                j.id,
                j.kind.rawValue,
                j.title ?? "",
                ItemContext.section(j, model)?.id ?? "",
                ItemContext.workstream(j, model) ?? "",
                ItemContext.leads(j, model).joined(separator: "; "),
                ItemContext.isKey(j, model) ? "true" : "false",
                j.deadline?.iso ?? "",
                j.status.rawValue,
                value,
                j.valueText ?? "",
                j.valueDate?.iso ?? "",
                j.required,
                j.explanation,
                j.projected.map(JSON.format) ?? "",
                String(j.milestone + 1),
                j.isHeadline ? "true" : "false",
                j.flags.map(\.rawValue).joined(separator: "; "),
                j.commentary?.text ?? "",
                j.commentary?.date.iso ?? "",
                j.ratings.last?.rating.rawValue ?? "",
                j.ratings.last?.date.iso ?? "",
            ]
            for (i, text) in fields.enumerated() {
                if i > 0 { out += "," }
                append(text, to: &out)
            }
            out += "\n"
        }
        return out
    }

    /// Appends `field(text)` to `out` without building it apart when it
    /// needs no quotes (every byte that calls for them is ASCII).
    static func append(_ text: String, to out: inout String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if needsQuotes { out += field(text) } else { out += text }
    }

    /// One field, quoted only when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
