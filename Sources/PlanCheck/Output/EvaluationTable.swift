/// `plancheck eval`'s terminal table: the judgements grouped by section, one
/// line each, then the count per status. A pure function of the evaluation
/// and the model; escape codes only when `color` is true.
///
///     Cheshire East improvement plan, as of 1 Oct 2013
///
///       ID   Title                       Required      Deadline     Value                Status  Explanation
///
///     Recommendation A1  Ensure that all contacts and referrals which indicate potential child protection con…
///       2.3  % children seen within 1…   at least 90%  30 Sep 2013  91.0% (30 Sep 2013)  met     91.0% on 30 Sep 2013,
///                                                                                                 needs at least 90%.
///
///     12 met, 5 at risk, 2 missed, 3 no data, 4 pending
///
/// Sections come in plan order; items above the first section header (which
/// belong to none) come first, under "(no section)", as they do in the plan.
/// Column widths are measured in Unicode scalars. Titles are cut to
/// `titleWidth` with "…"; headings to `width`. The explanation, last, wraps at
/// word boundaries to `width` when at least `minimumExplanationWidth`
/// columns are left for it; otherwise titles are cut shorter (down to
/// `minimumTitleWidth`), and if that is not enough each explanation goes on
/// the lines under its row, wrapped to `width`. The CLI passes the
/// terminal's width (COLUMNS, else the terminal's, else 120). Control characters in the
/// plan's text print as spaces, so a title cannot move the cursor.
public struct EvaluationTable: Sendable {
    public var color: Bool
    public var width: Int
    public static let titleWidth = 28
    public static let minimumExplanationWidth = 30
    /// Titles are cut no shorter than this to make room for the explanation.
    public static let minimumTitleWidth = 12
    /// How far an explanation under its row is indented past the ID column.
    static let underIndent = 4

    public init(color: Bool, width: Int = 120) {
        self.color = color
        self.width = width
    }

    private static let headers = ["ID", "Title", "Required", "Deadline", "Value", "Status", "Explanation"]
    private static let indent = 2
    private static let gap = 2

    public func render(_ e: Evaluation, model: PlanModel) -> String {
        var lines: [String] = []
        let asOf = "as of " + e.asOf.display
        if let title = model.title.map(EvaluationTable.clean), !title.isEmpty {
            lines.append(paint(EvaluationTable.truncate(title + ", " + asOf, to: width), "1"))
        } else {
            lines.append(paint("As of " + e.asOf.display, "1"))
        }
        lines.append("")

        let groups = ItemContext.groups(e, model)
        if !groups.isEmpty {
            var rows = groups.map { group in group.judgements.map { cells($0) } }
            var widths = EvaluationTable.headers.dropLast().map(EvaluationTable.length)
            for row in rows.joined() {
                for column in widths.indices { widths[column] = max(widths[column], EvaluationTable.length(row[column])) }
            }
            // Too narrow for the explanation beside the row: cut titles down
            // (to `minimumTitleWidth`); if that is not enough, the explanation
            // goes under the row, and the title, value and requirement
            // columns are cut until the row fits.
            let natural = widths
            let rowWidth = { (widths: [Int]) in EvaluationTable.indent + widths.reduce(0) { $0 + $1 + EvaluationTable.gap } }
            var room = width - rowWidth(widths)
            if room < EvaluationTable.minimumExplanationWidth {
                let cut = min(max(0, widths[1] - EvaluationTable.minimumTitleWidth),
                              EvaluationTable.minimumExplanationWidth - room)
                widths[1] -= cut
                room += cut
                if room < EvaluationTable.minimumExplanationWidth {
                    widths = natural
                    let minimums = [1: 6, 4: 12, 2: 12]
                    while rowWidth(widths) - EvaluationTable.gap > width {
                        guard let column = minimums.keys.sorted().max(by: {
                            widths[$0] - minimums[$0]! < widths[$1] - minimums[$1]!
                        }), widths[column] > minimums[column]! else { break }
                        widths[column] -= 1
                    }
                }
            }
            if widths != natural {
                rows = rows.map { $0.map { row in
                    var row = row
                    for column in [1, 2, 4] { row[column] = EvaluationTable.truncate(row[column], to: widths[column]) }
                    return row
                } }
            }
            let beside = room >= EvaluationTable.minimumExplanationWidth
            let headers = beside ? EvaluationTable.headers : Array(EvaluationTable.headers.dropLast()) + [""]
            lines.append(line(headers, widths: widths, status: nil, wrapAt: nil, bold: true)[0])
            for (group, groupRows) in zip(groups, rows) {
                lines.append("")
                lines.append(paint(EvaluationTable.truncate(heading(group.section, model), to: width), "1"))
                for (j, row) in zip(group.judgements, groupRows) {
                    if beside {
                        lines += line(row, widths: widths, status: j.status, wrapAt: room, bold: false)
                    } else {
                        var cells = row
                        let explanation = cells.removeLast()
                        lines += line(cells + [""], widths: widths, status: j.status, wrapAt: nil, bold: false)
                        let under = String(repeating: " ", count: EvaluationTable.indent + EvaluationTable.underIndent)
                        let wrapWidth = max(EvaluationTable.minimumExplanationWidth,
                                            width - EvaluationTable.indent - EvaluationTable.underIndent)
                        for part in EvaluationTable.wrap(explanation, width: wrapWidth) { lines.append(under + part) }
                    }
                }
            }
            lines.append("")
        }
        lines.append(ItemContext.summaryLine(e))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Cells

    private func cells(_ j: Judgement) -> [String] {
        let value: String
        switch (j.valueText, j.valueDate) {
        case let (text?, date?):
            // "done 30 Sep 2013" already says when.
            value = EvaluationTable.clean(text) + (text.contains(date.display) ? "" : " (" + date.display + ")")
        case let (text?, nil): value = EvaluationTable.clean(text)
        case let (nil, date?): value = "(" + date.display + ")"
        case (nil, nil): value = "-"
        }
        return [
            EvaluationTable.clean(j.id),
            EvaluationTable.truncate(EvaluationTable.clean(j.title ?? ""), to: EvaluationTable.titleWidth),
            EvaluationTable.clean(j.requirementWords),
            j.deadlineWords,
            value,
            j.status.rawValue + (j.flags.isEmpty ? "" : "*"),
            EvaluationTable.clean(j.annotations.isEmpty ? j.explanation : j.explanation + " " + j.annotations),
        ]
    }

    /// "Recommendation A1  Ensure that all contacts ...", or "(no section)".
    private func heading(_ section: Int?, _ model: PlanModel) -> String {
        guard let section else { return "(no section)" }
        let s = model.sections[section]
        let title = s.title.map(EvaluationTable.clean) ?? ""
        return ItemContext.sectionLabel(s) + (title.isEmpty ? "" : "  " + title)
    }

    // MARK: - Layout

    /// One row, as one line or (with a wrapped explanation) several; no
    /// trailing spaces.
    private func line(_ row: [String], widths: [Int], status: Status?, wrapAt: Int?, bold: Bool) -> [String] {
        var text = String(repeating: " ", count: EvaluationTable.indent)
        for (column, width) in widths.enumerated() {
            let cell = row[column]
            let pad = String(repeating: " ", count: max(0, width - EvaluationTable.length(cell)) + EvaluationTable.gap)
            if bold {
                text += paint(cell, "1") + pad
            } else if column == 5, let status {
                text += paint(cell, EvaluationTable.style(status)) + pad
            } else {
                text += cell + pad
            }
        }
        let explanation = row[widths.count]
        let parts = wrapAt.map { EvaluationTable.wrap(explanation, width: $0) } ?? [explanation]
        let hanging = String(repeating: " ", count: EvaluationTable.indent + widths.reduce(0) { $0 + $1 + EvaluationTable.gap })
        var lines = [EvaluationTable.trimTrailingSpaces(text + (bold ? paint(parts[0], "1") : parts[0]))]
        for part in parts.dropFirst() { lines.append(EvaluationTable.trimTrailingSpaces(hanging + part)) }
        return lines
    }

    private static func style(_ status: Status) -> String {
        switch status {
        case .met: "32"
        case .atRisk: "33"
        case .missed: "31"
        case .noData: "35"
        case .pending: "34"
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }

    // MARK: - Text helpers

    /// Columns a cell takes: its Unicode scalars.
    static func length(_ s: String) -> Int { s.unicodeScalars.count }

    /// `s` cut to `limit` scalars, the last of them "…" when anything was cut.
    static func truncate(_ s: String, to limit: Int) -> String {
        guard length(s) > limit else { return s }
        guard limit > 0 else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.prefix(limit - 1))
        var result = trimTrailingSpaces(String(out))
        result += "…"
        return result
    }

    /// Greedy word wrap at spaces; a word longer than `width` stands alone.
    static func wrap(_ s: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentLength = 0
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let wordLength = word.unicodeScalars.count
            if currentLength > 0 && currentLength + 1 + wordLength > width {
                lines.append(current)
                current = ""
                currentLength = 0
            }
            if currentLength > 0 {
                current += " "
                currentLength += 1
            }
            current += word
            currentLength += wordLength
        }
        lines.append(current)
        return lines
    }

    /// Text from the plan made safe for one table cell: control characters
    /// (newlines and tabs included) become spaces and bidirectional overrides
    /// a replacement character.
    static func clean(_ s: String) -> String {
        // Printable ASCII throughout, as nearly every text is: nothing to look at scalar by scalar.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        guard s.unicodeScalars.contains(where: { isUnsafe($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func trimTrailingSpaces(_ s: String) -> String {
        var s = s
        while s.unicodeScalars.last == " " { s.unicodeScalars.removeLast() }
        return s
    }
}
