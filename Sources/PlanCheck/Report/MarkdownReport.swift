/// The compliance summary as Markdown, for a GitHub page or a wiki: the same
/// parts as the HTML report, in GitHub-flavoured tables, with no raw HTML.
///
///     let markdown = MarkdownReport.render(Report.build(input))
///
/// Every row of a table has as many cells as its header; text from the plan
/// is escaped (`|`, `\`, `*`, `_`, backticks, brackets, angle brackets and
/// `&`, so `&copy;` stays as written) and kept on one line; a heading's
/// trailing `#` is escaped so CommonMark keeps it. Statuses are a symbol and a word (✓ met, ▲ at risk,
/// ✗ missed, ? no data, ○ pending), never an emoji. Charts are HTML-only; in
/// their place each measure has a text sparkline of its last twelve values,
/// drawn against the chart's value axis (which takes in the target).
///
/// No table is wider than GitHub's content column: each has at most seven
/// columns, and a section's targets are two tables (status and travel; then
/// requirement, value, owner and why) followed by a list of notes,
/// commentary, ratings and evidence, and each target's status at each board
/// and its values, as its card in the HTML says them.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var page = MarkdownPage(report: report)
        return page.render()
    }

    /// `text` safe inside a table cell: one line, Markdown punctuation escaped.
    public static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        out.appendEscaping(EvaluationTable.clean(text)) { byte in
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                "\\" + String(UnicodeScalar(byte))
            // "&copy;" or "&#169;" would render as ©: every & as an entity
            // reads as itself ("\&" is not honoured by every renderer).
            case UInt8(ascii: "&"): "&amp;"
            default: nil
            }
        }
        return out
    }

    /// `text` safe as a paragraph: a cell, and nothing at its start that
    /// would make it a heading, list, quote or rule.
    public static func paragraph(_ text: String) -> String {
        var s = cell(text)
        while s.hasPrefix(" ") { s.removeFirst() }
        if let first = s.unicodeScalars.first, "#-+=~".unicodeScalars.contains(first) { return "\\" + s }
        // "1. text" or "1) text" would start an ordered list.
        let digits = s.unicodeScalars.prefix { $0.properties.numericType != nil && $0.isASCII }
        if !digits.isEmpty {
            let rest = s.unicodeScalars.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")" {
                var escaped = String.UnicodeScalarView()
                escaped.append(contentsOf: digits)
                escaped.append("\\")
                escaped.append(contentsOf: rest)
                return String(escaped)
            }
        }
        return s
    }

    /// `text` safe as an ATX heading's text: a paragraph, with a trailing `#`
    /// escaped, which CommonMark would otherwise drop as the heading's
    /// closing sequence ("Priority #1 #" kept whole).
    public static func heading(_ text: String) -> String {
        var s = paragraph(text)
        while s.hasSuffix(" ") { s.removeLast() }
        if s.hasSuffix("#") && !s.hasSuffix("\\#") {
            s.removeLast()
            s += "\\#"
        }
        return s
    }

    /// Eight heights of block, ▁ to █, scaled between `low` and `high` (the
    /// chart's value axis, which takes in the target), so 84, 85, 85 against
    /// a target of 90 reads as nearly flat, not as a leap. Without a range,
    /// between the values' own least and greatest.
    public static func sparkline(_ values: [Double], low: Double? = nil, high: Double? = nil) -> String {
        guard let least = values.min(), let greatest = values.max() else { return "" }
        let (lo, hi) = (low ?? least, high ?? greatest)
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return String(values.map { v -> Character in
            guard hi > lo else { return blocks[3] }
            let k = Int(((v - lo) / (hi - lo) * 7).rounded())
            return blocks[max(0, min(7, k))]
        })
    }
}

struct MarkdownPage {
    let report: Report
    var out = ""

    init(report: Report) {
        self.report = report
    }

    static func c(_ s: String) -> String { MarkdownReport.cell(s) }

    static func status(_ s: Status?) -> String { s?.label ?? "–" }

    /// A row's status now, with its flags and "(missed by 1.5 points, within
    /// tolerance)" wherever it shows: "✓ met (small cohort)", so a flagged
    /// judgement, or an at risk past its deadline, never reads as plain.
    static func now(_ row: Report.Row) -> String { c(row.nowText) }

    /// A row's status at the last board, with its flags then and, for a
    /// headline, the milestone then in force.
    static func then(_ row: Report.Row) -> String { c(row.lastBoardText) }

    mutating func table(_ header: [String], _ rows: [[String]], align: [Character]? = nil) {
        out += "| " + header.joined(separator: " | ") + " |\n|"
        for index in header.indices {
            switch align?[index] {
            case "r": out += " ---: |"
            default: out += " --- |"
            }
        }
        out += "\n"
        for row in rows {
            precondition(row.count == header.count, "a Markdown row must have as many cells as its header")
            out += "| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
    }

    mutating func render() -> String {
        let r = report
        out.reserveCapacity(16 * 1024 + r.total * 500)
        out += "# " + MarkdownReport.heading(r.title) + "\n\n"
        var meta: [String] = []
        if let authority = r.authority { meta.append(Self.c(authority)) }
        meta.append("Compliance summary as of **" + r.asOf.display + "**")
        if let last = r.lastBoard { meta.append("last board **" + last.display + "**") }
        if let period = r.periodText { meta.append(period) }
        out += meta.joined(separator: " · ") + "\n\n"
        if r.compareDates.count > 1 { out += "Also compared with " + HTMLPage.list(r.compareDates.dropLast().map(\.display)) + ".\n\n" }
        out += "Status key: " + Status.allCases.map(\.label).joined(separator: " · ") + ". ★ marks a key target.\n\n"
        glance()
        attention()
        keyTargets()
        changes()
        sections()
        rollUps()
        gaps()
        out += "---\n\n"
        if let last = r.lastBoard {
            out += "Travel compares each target now with the last board, " + last.display + ": "
                + Travel.allCases.map { $0.label + " (" + $0.meaning + ")" }.joined(separator: "; ") + ".\n\n"
        }
        if !r.comparators.isEmpty {
            out += "Comparators: " + r.comparators.map { Self.c($0.title) + " (" + Self.c($0.id) + ")" }.joined(separator: ", ") + ".\n\n"
        }
        out += "Judged by plancheck from the plan and its data as of " + r.asOf.display
            + "; observations dated later are not used. Sign-off dates are those the plan sets; the plan does not record whether a board has signed off.\n"
        if let generated = r.generatedAt { out += "\nGenerated " + Self.c(generated) + ".\n" }
        return out
    }

    mutating func glance() {
        let r = report
        func count(_ s: Status) -> Int { r.counts.first { $0.status == s }?.count ?? 0 }
        out += "## At a glance\n\n"
        let flagged = r.attention.count { $0.judgement.status != .missed && $0.judgement.status != .atRisk }
        let cohort = r.smallCohortElsewhere
        out += "- **\(r.attention.count) off track or flagged** of \(r.total): \(count(.missed)) missed, \(count(.atRisk)) at risk"
            + (flagged > 0 ? ", \(flagged) flagged" : "")
            + (cohort > 0 ? "; " + (cohort == 1 ? "1 other target" : "\(cohort) other targets") + " flagged small cohort" : "") + ".\n"
        if let c = r.changes {
            // A row per target: an item with two new ones is named with each part.
            let new = r.attention.filter(\.isNew).map { Self.c($0.judgement.id + ($0.part.map { " (" + $0 + ")" } ?? "")) }
            out += "- **\(new.count) new since the last board** (" + c.since.display + ")"
                + (new.isEmpty ? "" : ": " + HTMLPage.list(new)) + ".\n"
            let word = c.verdictWord
            out += "- **\(word) overall since " + c.since.display + "**: " + HTMLPage.overall(c) + ".\n"
        }
        out += "\n"
        var header = ["Status"]
        header += r.compareDates.map { r.boardName($0) }
        header += ["Now", "Share", "Bar"]
        var rows: [[String]] = []
        let shares = HTMLPage.shares(r.counts.map(\.count))
        for (column, item) in r.counts.enumerated() {
            var row = [item.status.label]
            row += r.compareCounts.map { String($0[column]) }
            // Twenty blocks for the whole; at least one for any count above zero.
            let blocks = r.total > 0 ? (item.count * 20 + r.total / 2) / r.total : 0
            let bar = String(repeating: "█", count: item.count > 0 ? max(1, blocks) : 0)
            row += [String(item.count), shares[column], bar]
            rows.append(row)
        }
        var total = ["**Total**"]
        total += r.compareCounts.map { String($0.reduce(0, +)) }
        total += ["**\(r.total)**", r.total > 0 ? "100%" : "–", ""]
        rows.append(total)
        table(header, rows, align: ["l"] + r.compareDates.map { _ in "r" } + ["r", "r", "l"])
        // The brief's first line (what needs attention) is the first bullet above.
        for line in r.brief.dropFirst() { out += "- " + Self.c(line) + "\n" }
        out += "\n"
    }

    static func link(_ row: Report.Row) -> String { c(row.judgement.id) }

    static func title(_ row: Report.Row) -> String {
        (row.key ? "★ key " : "") + c(row.itemTitle ?? "") + (row.part.map { " (" + c($0) + ")" } ?? "")
    }

    mutating func attention() {
        let r = report
        out += "## Needs attention\n\n"
        guard !r.attention.isEmpty else {
            out += r.nothingNeedsAttention + "\n\n"
            return
        }
        let missed = r.attention.count { $0.judgement.status == .missed }
        let atRisk = r.attention.count { $0.judgement.status == .atRisk }
        out += "\(missed) missed, \(atRisk) at risk"
        if r.attention.count > missed + atRisk {
            out += ", \(r.attention.count - missed - atRisk) flagged (slipped, stale or a board rating that differs)"
        }
        out += "; key targets first."
        if let last = r.lastBoard { out += " **new**: not missed, at risk or flagged on " + last.display + "." }
        out += "\n\n"
        var header = ["ID", "Now"]
        if let last = r.lastBoard { header.append(r.boardName(last)) }
        header += ["Measure or action", "Owner", "Why, and the latest commentary"]
        table(header, r.attention.map { row in
            var cells = [Self.link(row), Self.now(row)]
            if r.lastBoard != nil { cells.append(Self.then(row) + (row.isNew ? " **new**" : "")) }
            var why = row.explanation
            if let note = row.ratingNote { why += " " + note }
            if let c = row.commentary, !row.judgement.explanationQuotesCommentary { why += " Commentary " + c.date.display + ": " + c.text }
            cells += [Self.title(row) + row.dueText, Self.c(row.owner ?? "none named"), Self.c(why)]
            return cells
        })
    }

    mutating func keyTargets() {
        let r = report
        out += "## Key targets\n\n"
        if r.keyTargets.isEmpty {
            out += "The plan marks no target as key.\n\n"
            return
        }
        func title(_ row: Report.Row) -> String { Self.c(row.itemTitle ?? "") + (row.part.map { " (" + Self.c($0) + ")" } ?? "") }
        guard let last = r.lastBoard else {
            table(["ID", "Now", "Measure or action", "Required", "Value", "Owner"], r.keyTargets.map { row in
                [Self.link(row), Self.now(row), title(row), Self.c(row.requiredText), Self.value(row), Self.c(row.owner ?? "none named")]
            })
            return
        }
        // As the sections: status and travel, then what is required, so no
        // table is wider than seven columns (the other boards' statuses are
        // in each target's status history under its section).
        let since = r.earliestCompared
        var header = ["ID", "Now", r.boardName(last), "Travel"]
        if let since { header.append("Since " + r.boardName(since)) }
        header.append("Measure or action")
        table(header, r.keyTargets.map { row in
            var cells = [Self.link(row), Self.now(row), Self.then(row), row.travel?.label ?? "–"]
            if since != nil { cells.append(row.travelSinceEarliest?.label ?? "–") }
            return cells + [title(row)]
        })
        table(["ID", "Required", "Value", "Owner"], r.keyTargets.map { row in
            [Self.link(row), Self.c(row.requiredText), Self.value(row), Self.c(row.owner ?? "none named")]
        })
    }

    /// The value judged with its date, and the latest value when it is
    /// another: "19.5 (31 Jan 2014); latest 23 (31 Mar 2014)".
    static func value(_ row: Report.Row) -> String {
        c((row.judged ?? "–") + (row.latest.map { "; latest " + $0 } ?? ""))
    }

    mutating func changes() {
        guard let c = report.changes else { return }
        out += "## What changed since " + c.since.display + "\n\n"
        out += "Against the last board: " + c.summary + "\n\n"
        if let moved = c.milestoneMovedText { out += Self.c(moved) + "\n\n" }
        for (title, travel, rows) in [("Worsened", Travel.worsened, c.worsened), ("No longer measured", .noLongerMeasured, c.noLongerMeasured),
                                      ("Improved", .improved, c.improved), ("Newly measured", .newlyMeasured, c.newlyMeasured)] {
            let elsewhere = c.listedAbove(travel)
            if rows.isEmpty && elsewhere == 0 && (travel == .noLongerMeasured || travel == .newlyMeasured) { continue }
            out += "### " + title + " (\(rows.count + elsewhere))\n\n"
            if let words = HTMLPage.elsewhere(elsewhere, rest: rows.count) { out += words + "\n\n" }
            if rows.isEmpty {
                if elsewhere == 0 { out += "None.\n\n" }
                continue
            }
            table(["ID", "Now", report.boardName(c.since), "Travel", "Measure or action", "Why"], rows.map { row in
                [Self.link(row), Self.now(row), Self.then(row), row.travel?.label ?? "–",
                 Self.title(row), Self.c(row.explanation)]
            })
        }
    }

    /// Each section in two narrow tables (status and travel; target, value,
    /// owner and why) and a list of notes, commentary and evidence, so no
    /// table is wider than a GitHub page.
    mutating func sections() {
        let r = report
        out += "## Progress by " + r.sectionNoun + "\n\n"
        let since = r.changes?.earliest
        var statusHeader = ["ID", "Now"]
        if let last = r.lastBoard { statusHeader += [r.boardName(last), "Travel"] }
        if let since { statusHeader.append("Since " + r.boardName(since)) }
        statusHeader += ["Measure or action", "Trend"]
        if r.sections.isEmpty { out += "The plan has no measures or actions.\n\n" }
        for block in r.sections {
            out += "### " + MarkdownReport.heading(block.label + (block.title.map { ": " + $0 } ?? "")) + "\n\n"
            if let parent = block.parent { out += "Part of " + Self.c(parent) + ".\n\n" }
            for line in block.details { out += Self.c(line) + "\n\n" }
            guard !block.items.isEmpty else {
                out += "No measures or actions of its own.\n\n"
                continue
            }
            var statusRows: [[String]] = []
            var detailRows: [[String]] = []
            var notes: [String] = []
            for item in block.items {
                let trend = item.trendRange.map { MarkdownReport.sparkline(item.trend, low: $0.low, high: $0.high) }
                    ?? MarkdownReport.sparkline(item.trend)
                if item.rows.isEmpty {
                    var row = [Self.c(item.id), "–"]
                    if r.lastBoard != nil { row += ["–", "–"] }
                    if since != nil { row.append("–") }
                    row += [(item.key ? "★ key " : "") + Self.c(item.title ?? ""), trend]
                    statusRows.append(row)
                    detailRows.append([Self.c(item.id), "no target", "–", Self.c(item.owner ?? "none named"), "No target to judge."])
                }
                for line in item.rows {
                    let first = line.first
                    var row = [Self.c(line.judgement.id), Self.now(line)]
                    if r.lastBoard != nil { row += [Self.then(line), line.travel?.label ?? "–"] }
                    if since != nil { row.append(line.travelSinceEarliest?.label ?? "–") }
                    let part = line.part.map { "(" + Self.c($0) + ")" }
                    row += [first ? (item.key ? "★ key " : "") + Self.c(item.title ?? "") + (part.map { " " + $0 } ?? "") : part ?? "",
                            first ? trend : ""]
                    statusRows.append(row)
                    detailRows.append([Self.c(line.judgement.id),
                                       Self.c(line.requiredText),
                                       Self.value(line),
                                       Self.c(line.owner ?? "none named"),
                                       Self.c(line.explanation)])
                }
                var facts: [String] = []
                if let c = item.rows.compactMap(\.commentary).first { facts.append("commentary " + c.date.display + ": " + c.text) }
                facts += item.ratingLines.map { "board rating " + $0 }
                if let words = item.polarityWords { facts.append(words) }
                facts += item.notes.map { "note: " + $0 }
                if !item.evidence.isEmpty { facts.append("evidence: " + item.evidence.joined(separator: "; ")) }
                // A sign-off the plan asks for is not evidence ("EG sign-off due by 30 Sep 2013").
                facts += item.signoffLines
                // What each card says of the item's history, a line each (the
                // values are themselves a list).
                let history = [r.statusHistory(item).map { "status: " + $0 }, r.valuesText(item).map { "values: " + $0 }]
                    .compactMap { $0 }
                if !facts.isEmpty || !history.isEmpty {
                    notes.append("- **" + Self.c(item.id) + "**" + (facts.isEmpty ? "" : " " + facts.map(Self.c).joined(separator: " · "))
                        + history.map { "\n  - " + Self.c($0) }.joined())
                }
            }
            table(statusHeader, statusRows)
            table(["ID", "Required", "Value", "Owner", "Why"], detailRows)
            if !notes.isEmpty { out += notes.joined(separator: "\n") + "\n\n" }
        }
    }

    mutating func rollUps() {
        let r = report
        out += "## By workstream and lead\n\n"
        for group in r.rollUpGroups {
            let (title, column, rolls) = (group.title, group.column, group.rows)
            out += "### " + title + "\n\n"
            if let reason = group.emptyReason {
                out += reason + "\n\n"
                continue
            }
            let header = [column] + Status.allCases.map(\.label) + ["Total"]
            table(header, rolls.map { roll in
                [Self.c(roll.name + (roll.title.map { " (" + $0 + ")" } ?? ""))] + roll.counts.map(String.init) + [String(roll.total)]
            }, align: ["l"] + Status.allCases.map { _ in "r" } + ["r"])
        }
    }

    mutating func gaps() {
        let r = report
        out += "## Data gaps\n\n"
        out += r.gapsIntro + "\n\n"
        guard !r.gaps.isEmpty else { return }
        table(["ID", "Measure or action", "Required", "What is missing", "Data held", "Owner"], r.gaps.map { gap in
            let row = gap.row
            return [Self.c(row.judgement.id), Self.title(row),
                    Self.c(row.requiredText),
                    Self.c(row.explanation), Self.c(gap.held), Self.c(row.owner ?? "none named")]
        })
    }
}
