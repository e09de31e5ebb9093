/// The compliance summary as Markdown, for a GitHub page or a wiki: the same
/// parts as the HTML report, in GitHub-flavoured tables, with no raw HTML.
///
///     let markdown = MarkdownReport.render(Report.build(input))
///
/// Every row of a table has as many cells as its header; text from the plan
/// is escaped (`|`, `\`, `*`, `_`, backticks, brackets and angle brackets) and
/// kept on one line. Statuses are a symbol and a word (✓ met, ▲ at risk,
/// ✗ missed, ? no data, ○ pending), never an emoji. Charts are HTML-only; in
/// their place each measure has a text sparkline of its last twelve values.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var page = MarkdownPage(report: report)
        return page.render()
    }

    /// `text` safe inside a table cell: one line, Markdown punctuation escaped.
    public static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for c in EvaluationTable.clean(text).unicodeScalars {
            switch c {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">": out += "\\"; out.unicodeScalars.append(c)
            default: out.unicodeScalars.append(c)
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

    /// Eight heights of block, ▁ to █, scaled between the values' least and greatest.
    public static func sparkline(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return String(values.map { v -> Character in
            guard high > low else { return blocks[3] }
            let k = Int(((v - low) / (high - low) * 7).rounded())
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
        out += "# " + MarkdownReport.paragraph(r.title) + "\n\n"
        var meta: [String] = []
        if let authority = r.authority { meta.append(Self.c(authority)) }
        meta.append("Compliance summary as of **" + r.asOf.display + "**")
        if let period = r.period { meta.append("plan period " + period.start.display + " to " + period.end.display) }
        out += meta.joined(separator: " · ") + "\n\n"
        if !r.compareDates.isEmpty { out += "Compared with " + HTMLPage.list(r.compareDates.map(\.display)) + ".\n\n" }
        out += "Status key: " + Status.allCases.map(\.label).joined(separator: " · ") + ". ★ marks a key target.\n\n"
        headline()
        attention()
        changes()
        sections()
        rollUps()
        gaps()
        out += "---\n\n"
        if let legend = r.travelLegend { out += legend + "\n\n" }
        out += "Judged by plancheck from the plan and its data as of " + r.asOf.display
            + "; observations dated later are not used. Sign-offs dated on or before that day are shown as signed off.\n"
        if let generated = r.generatedAt { out += "\nGenerated " + Self.c(generated) + ".\n" }
        return out
    }

    mutating func headline() {
        let r = report
        out += "## Headline\n\n"
        out += "\(r.total) " + (r.total == 1 ? "target" : "targets") + " judged: "
            + r.counts.map { "\($0.count) \($0.status.rawValue)" }.joined(separator: ", ") + ".\n\n"
        var header = ["Status"]
        header += r.compareDates.map { "RAG " + Report.monthYear($0) }
        header += [r.compareDates.isEmpty ? "Count" : "Now", "Share", "Bar"]
        var rows: [[String]] = []
        for (column, item) in r.counts.enumerated() {
            var row = [item.status.label]
            row += r.compareCounts.map { String($0[column]) }
            // Twenty blocks for the whole; at least one for any count above zero.
            let blocks = r.total > 0 ? (item.count * 20 + r.total / 2) / r.total : 0
            let bar = String(repeating: "█", count: item.count > 0 ? max(1, blocks) : 0)
            row += [String(item.count), HTMLPage.share(item.count, r.total), bar]
            rows.append(row)
        }
        var total = ["**Total**"]
        total += r.compareCounts.map { String($0.reduce(0, +)) }
        total += ["**\(r.total)**", r.total > 0 ? "100%" : "–", ""]
        rows.append(total)
        table(header, rows, align: ["l"] + r.compareDates.map { _ in "r" } + ["r", "r", "l"])
        out += "### In brief\n\n"
        for line in r.brief { out += "- " + Self.c(line) + "\n" }
        out += "\n"

        out += "### Key targets\n\n"
        if r.keyTargets.isEmpty {
            out += "The plan marks no target as key.\n\n"
            return
        }
        var keyHeader = ["ID", "Measure or action", "Required", "Value"]
        keyHeader += r.compareDates.map { "RAG " + Report.monthYear($0) }
        keyHeader.append("Status")
        table(keyHeader, r.keyTargets.map { row in
            [Self.c(row.judgement.id), Self.c(row.itemTitle ?? ""),
             Self.c(row.requirement + (row.judgement.deadline == nil ? ", ongoing" : " by " + row.deadline)),
             Self.c(row.judged ?? "–")]
                + row.earlier.map(Self.status) + [Self.status(row.judgement.status)]
        })
    }

    mutating func attention() {
        let r = report
        out += "## Needs attention\n\n"
        guard !r.attention.isEmpty else {
            out += "Nothing is missed or at risk.\n\n"
            return
        }
        let missed = r.attention.count { $0.judgement.status == .missed }
        out += "\(missed) missed and \(r.attention.count - missed) at risk, key targets first.\n\n"
        let lead = r.hasLeads
        table(["ID", "Status", "Measure or action", "Deadline"] + (lead ? ["Lead"] : []) + ["Why"], r.attention.map { row in
            [Self.c(row.judgement.id), Self.status(row.judgement.status) + (row.statusNote.map { " (" + Self.c($0) + ")" } ?? ""),
             (row.key ? "★ key " : "") + Self.c(row.itemTitle ?? "") + (row.part.map { " (" + Self.c($0) + ")" } ?? ""),
             row.deadline]
                + (lead ? [Self.c(HTMLPage.list(row.leads, empty: "–"))] : []) + [Self.c(row.judgement.explanation)]
        })
    }

    mutating func changes() {
        guard let c = report.changes else { return }
        out += "## What changed since " + c.since.display + "\n\n"
        out += c.summary + "\n\n"
        for (title, rows) in [("Worsened", c.worsened), ("No longer measured", c.noLongerMeasured), ("Improved", c.improved),
                              ("Newly measured", c.newlyMeasured)] where !rows.isEmpty {
            out += "### " + title + " (\(rows.count))\n\n"
            table(["ID", "Measure or action", "RAG " + Report.monthYear(c.since), "Now", "Why"], rows.map { row in
                [Self.c(row.judgement.id),
                 (row.key ? "★ key " : "") + Self.c(row.itemTitle ?? "") + (row.part.map { " (" + Self.c($0) + ")" } ?? ""),
                 Self.status(row.earlier.last ?? nil), Self.status(row.judgement.status), Self.c(row.judgement.explanation)]
            })
        }
    }

    mutating func sections() {
        let r = report
        out += "## Progress by " + r.sectionNoun + "\n\n"
        var header = ["ID", "Measure or action", "Required", "Deadline", "Value"]
        header += r.compareDates.map { "RAG " + Report.monthYear($0) }
        header.append(r.compareDates.isEmpty ? "Status" : "Now")
        if !r.compareDates.isEmpty { header.append("Travel") }
        if let since = r.earliestCompared { header.append("Since " + Report.monthYear(since)) }
        header.append("Why")
        if r.hasLeads { header.append("Lead") }
        header += ["Evidence and sign-off", "Trend"]
        if r.sections.isEmpty { out += "The plan has no measures or actions.\n\n" }
        for block in r.sections {
            out += "### " + MarkdownReport.paragraph(block.label) + "\n\n"
            if let title = block.title { out += MarkdownReport.paragraph(title) + "\n\n" }
            if let parent = block.parent { out += "Part of " + Self.c(parent) + ".\n\n" }
            guard !block.items.isEmpty else {
                out += "No measures or actions of its own.\n\n"
                continue
            }
            var rows: [[String]] = []
            for item in block.items {
                let evidence = (item.evidence + item.signoffLines).map(Self.c).joined(separator: "; ")
                let trend = MarkdownReport.sparkline(item.trend)
                if item.rows.isEmpty {
                    var row = [Self.c(item.id), (item.key ? "★ key " : "") + Self.c(item.title ?? ""), "no target", "–", "–"]
                    row += r.compareDates.map { _ in "–" }
                    row.append("–")
                    if !r.compareDates.isEmpty { row.append("–") }
                    if r.earliestCompared != nil { row.append("–") }
                    row.append("No target to judge.")
                    if r.hasLeads { row.append(Self.c(HTMLPage.list(item.leads, empty: "–"))) }
                    row += [evidence.isEmpty ? "–" : evidence, trend]
                    rows.append(row)
                    continue
                }
                for line in item.rows {
                    let first = line.part == nil
                    var row = [Self.c(line.judgement.id),
                               first ? (item.key ? "★ key " : "") + Self.c(item.title ?? "") : "(" + Self.c(line.part ?? "") + ")",
                               Self.c(line.requirement), line.deadline,
                               Self.c((line.judged ?? "–") + (line.latest.map { "; latest " + $0 } ?? ""))]
                    row += line.earlier.map(Self.status)
                    row.append(Self.status(line.judgement.status))
                    if !r.compareDates.isEmpty { row.append(line.travel?.label ?? "–") }
                    if r.earliestCompared != nil { row.append(line.travelSinceEarliest?.label ?? "–") }
                    row.append(Self.c(line.judgement.explanation))
                    if r.hasLeads { row.append(first ? Self.c(HTMLPage.list(line.leads, empty: "–")) : "") }
                    row += [first ? (evidence.isEmpty ? "–" : evidence) : "", first ? trend : ""]
                    rows.append(row)
                }
            }
            table(header, rows)
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
        guard !r.gaps.isEmpty else {
            out += "Every target has data to be judged on.\n\n"
            return
        }
        out += "\(r.gaps.count) " + (r.gaps.count == 1 ? "target has" : "targets have")
            + " no data to be judged on. A gap is a finding: it is never counted as met.\n\n"
        let lead = r.hasLeads
        table(["ID", "Measure or action", "Required", "Deadline", "What is missing", "Data held"] + (lead ? ["Lead"] : []),
              r.gaps.map { gap in
            let row = gap.row
            return [Self.c(row.judgement.id), (row.key ? "★ key " : "") + Self.c(row.itemTitle ?? ""), Self.c(row.requirement),
                    row.deadline, Self.c(row.judgement.explanation), Self.c(gap.held)]
                + (lead ? [Self.c(HTMLPage.list(row.leads, empty: "–"))] : [])
        })
    }
}
