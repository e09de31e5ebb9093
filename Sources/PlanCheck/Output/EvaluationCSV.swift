/// `plancheck eval --format csv`: one row per judgement, for a spreadsheet.
///
///     asOf,id,kind,title,section,workstream,leads,key,deadline,status,value,valueText,valueDate,required,explanation,projected,milestone,headline,flags,commentary,commentaryDate,rag,ragDate,ragReason,ragComputed
///     2013-10-01,2.3,measure,"% seen, in time",A1,EFD,,false,2013-09-30,met,91,91.0%,2013-09-30,at least 90% by 30 Sep 2013,...,,1,true,,,,,,,
///
/// The columns are the JSON result's fields (same names, same order), with
/// `asOf` first so monthly files can be appended into one sheet; `flags` are
/// joined with "; ", the latest commentary takes two columns (text and
/// date) and the latest rating four (rating, date, reason, and the status
/// the data gave then). When several plans are judged as one, a last column,
/// `plan`, says which plan the row is from. Several
/// leads are joined with "; ". Dates are ISO, numbers in the shortest form
/// that reads back exactly, absent values empty. RFC 4180: a field holding a
/// comma, a double quote, CR or LF is quoted, quotes doubled; lines end in LF.
///
/// The file is for spreadsheets (scripts have `--format json`, with the same
/// fields), so it is made to open safely in Excel, always:
/// - it starts with a UTF-8 byte-order mark, without which Excel on Windows
///   reads the bytes as the local code page and garbles "–" and "£"
///   (LibreOffice, Google Sheets and Python's `utf-8-sig` skip it);
/// - a text cell that starts with `=`, `+`, `-`, `@`, a tab or a CR would be
///   run as a formula, so it gets a leading `'` (OWASP's advice for CSV
///   injection); a number such as `-3.5` or `-12%` is left as it is.
public enum EvaluationCSV {
    public static let columns = [
        "asOf", "id", "kind", "title", "section", "workstream", "leads", "key", "deadline", "status",
        "value", "valueText", "valueDate", "required", "explanation", "projected", "milestone", "headline",
        "flags", "commentary", "commentaryDate", "rag", "ragDate", "ragReason", "ragComputed",
    ]

    public static func render(_ e: Evaluation, model: PlanModel) -> String {
        // Several plans judged as one: a last column says which plan a row is from.
        let several = !model.origins.isEmpty
        var out = byteOrderMark + (several ? columns + ["plan"] : columns).joined(separator: ",") + "\n"
        for j in e.judgements {
            let value: String
            if let number = j.value {
                value = JSON.format(number)
            } else {
                value = j.valueText ?? ""
            }
            var fields: [String] = [
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
                j.ratings.last?.reason ?? "",
                j.ratings.last?.computed.rawValue ?? "",
            ]
            if several { fields.append(ItemContext.plan(j, model) ?? "") }
            for (i, text) in fields.enumerated() {
                if i > 0 { out += "," }
                append(text, to: &out)
            }
            out += "\n"
        }
        return out
    }

    public static let byteOrderMark = "\u{FEFF}"

    /// Appends `field(text)` to `out` without building it apart when it
    /// needs no quotes and no defusing (every byte that calls for either is ASCII).
    static func append(_ text: String, to out: inout String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        let mayBeFormula = text.utf8.first.map { "=+-@\t\r".utf8.contains($0) } ?? false
        if needsQuotes || mayBeFormula { out += field(text) } else { out += text }
    }

    /// One field, defused if a spreadsheet would read it as a formula, and
    /// quoted only when it must be.
    public static func field(_ text: String) -> String {
        let text = defused(text)
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return text }
        var quoted = "\""
        quoted.appendEscaping(text) { $0 == UInt8(ascii: "\"") ? "\"\"" : nil }
        return quoted + "\""
    }
}

extension EvaluationCSV {
    /// `'=HYPERLINK(...)` for `=HYPERLINK(...)`: a leading `'` makes a
    /// spreadsheet show the cell as text instead of running it. Numbers
    /// (`-3.5`, `+2`, `-12%`, `1e-05`) are left alone.
    public static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return isNumber(text) ? text : "'" + text
    }

    /// An optional sign, digits with an optional fraction and exponent, and an optional `%`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.last == UInt8(ascii: "%") { bytes = bytes.dropLast() }
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let n = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
