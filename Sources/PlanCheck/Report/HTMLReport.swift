/// Text made safe for HTML (and XML): the five special characters as
/// entities, control characters as spaces (XML forbids them) and bidirectional
/// overrides as U+FFFD, so a title in the plan can neither break the markup
/// nor reorder what the reader sees.
///
///     HTMLText.escape("B&B <placements>")   // "B&amp;B &lt;placements&gt;"
enum HTMLText {
    static func escape(_ s: String) -> String {
        let clean = EvaluationTable.clean(s)
        guard clean.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return clean
        }
        var out = ""
        out.reserveCapacity(clean.utf8.count + 16)
        for c in clean.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// The compliance summary as one self-contained HTML page: inline CSS, inline
/// SVG charts, no script and no external reference, so it can be mailed to
/// the board as one file.
///
///     let html = HTMLReport.render(Report.build(input))
///
/// It prints on A4 landscape (each section on a new page, tables wrapping,
/// never clipped), reads on a phone (tables scroll sideways inside their
/// wrapper) and keeps to WCAG AA: every status is a word and a symbol on a
/// tint (dark text on a light background, at least 4.5:1), headings go
/// h1 > h2 > h3, and tables have header cells with scopes. The markup is
/// also well-formed XML (every element closed, attributes quoted, only the
/// five XML entities), so an XML parser can check it.
public enum HTMLReport {
    /// Text and background of each status's badge, for the tests' contrast check.
    public static let statusColors: [(status: Status, text: String, background: String)] = [
        (.met, "#0b5a1f", "#dcf1e2"),
        (.atRisk, "#664700", "#fff0c2"),
        (.missed, "#8b1a12", "#fadbd8"),
        (.noData, "#432c7a", "#ebe5f7"),
        (.pending, "#1d4a7c", "#dde9f6"),
    ]

    /// Body text on the page and on table headers.
    public static let textColors: [(text: String, background: String)] = [
        ("#1a1a1a", "#ffffff"), ("#1a1a1a", "#e8edf3"), ("#1f3a5f", "#ffffff"), ("#444444", "#ffffff"),
    ]

    /// Chart strokes against the white plot (graphics need 3:1).
    public static let chartColors: [String] = ["#1f4e79", "#0b6e2e", "#6a3d9a", "#8b1a12", "#555555"]

    public static func render(_ report: Report) -> String {
        var page = HTMLPage(report: report)
        return page.render()
    }
}

struct HTMLPage {
    let report: Report
    var out = ""
    /// Chart frames already defined, by content: each is drawn once in a
    /// hidden `<defs>` and `<use>`d by every chart that shares its axes.
    var frames: [String: Int] = [:]
    var frameOrder: [String] = []

    init(report: Report) {
        self.report = report
    }

    static func e(_ s: String) -> String { HTMLText.escape(s) }

    static func cls(_ s: Status) -> String {
        switch s {
        case .met: "s-met"
        case .atRisk: "s-risk"
        case .missed: "s-missed"
        case .noData: "s-nodata"
        case .pending: "s-pending"
        }
    }

    static func badge(_ s: Status) -> String {
        "<span class=\"st " + cls(s) + "\">" + e(s.label) + "</span>"
    }

    static func badge(_ s: Status?) -> String {
        s.map(badge) ?? "<span class=\"muted\">–</span>"
    }

    static func css() -> String {
        var css = """
            @page { size: A4 landscape; margin: 12mm; }
            * { box-sizing: border-box; }
            html { font-size: 15px; -webkit-text-size-adjust: 100%; }
            body { font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 1rem; line-height: 1.45; color: #1a1a1a; background: #ffffff; margin: 0 auto; max-width: 1320px; padding: 16px 20px 32px; }
            h1 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 .35rem; color: #1f3a5f; }
            h2 { font-size: 1.3rem; color: #1f3a5f; border-bottom: 2px solid #1f3a5f; padding-bottom: .15rem; margin: 2rem 0 .75rem; }
            h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
            p { margin: .35rem 0 .7rem; }
            .meta { font-size: 1.05rem; margin: 0 0 .3rem; }
            .muted, small { color: #444444; }
            small { display: block; font-size: .82rem; margin-top: .15rem; }
            nav ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1.2rem; }
            a { color: #1f3a5f; }
            .scroll { overflow-x: auto; margin: .4rem 0 1rem; }
            table { border-collapse: collapse; width: 100%; font-size: .88rem; }
            table.wide { min-width: 60rem; table-layout: fixed; }
            caption { text-align: left; font-weight: bold; padding: .2rem 0 .35rem; }
            th, td { border: 1px solid #b3bac3; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
            thead th { background: #e8edf3; }
            tbody th { font-weight: 600; }
            table.counts { width: auto; min-width: 22rem; }
            table.rollup th, table.rollup td { overflow-wrap: normal; }
            tr.total th, tr.total td { font-weight: bold; background: #f3f5f8; }
            .n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .st { display: inline-block; padding: 0 .35em; font-size: .95em; border: 1px solid; border-radius: .25em; font-weight: 600; overflow-wrap: normal; }
            .key { font-weight: bold; white-space: nowrap; }
            .bar { display: flex; height: 2.1rem; border: 1px solid #555555; margin: .6rem 0 .5rem; border-radius: .2rem; overflow: hidden; }
            .bar span { display: block; flex: 0 1 auto; min-width: 2.8em; overflow: hidden; white-space: nowrap; padding: 0 .35em; line-height: 2.05rem; font-weight: 600; border-right: 1px solid #555555; }
            .bar span:last-child { border-right: 0; }
            .cols { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
            .cols > div { flex: 1 1 22rem; min-width: 0; }
            .cols > div:first-child { flex: 0 1 auto; }
            ul.brief { margin: .2rem 0 0; padding-left: 1.2rem; }
            ul.brief li { margin: .15rem 0; }
            .legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .85rem; margin: .3rem 0 .8rem; padding: 0; list-style: none; }
            .legend svg { width: 34px; height: 10px; vertical-align: middle; margin-right: .3rem; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: .7rem; margin: .5rem 0 1rem; }
            figure { margin: 0; border: 1px solid #d2d7dd; border-radius: .2rem; padding: .35rem .45rem .2rem; break-inside: avoid; page-break-inside: avoid; }
            figcaption { font-size: .8rem; line-height: 1.3; }
            svg.chart { display: block; width: 100%; height: auto; }
            svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
            .chart .dl, .legend .dl { stroke: #8b1a12; stroke-width: 1; fill: none; }
            .chart .t, .legend .t { stroke: #0b6e2e; stroke-width: 1.6; stroke-dasharray: 7 3; fill: none; }
            .chart .c, .legend .c { stroke: #6a3d9a; stroke-width: 1.6; stroke-dasharray: 1.5 2.5; fill: none; }
            .chart .p, .legend .p { stroke: #1f4e79; stroke-width: 1.6; stroke-dasharray: 3 3; fill: none; }
            .chart .a, .legend .a { stroke: #1f4e79; stroke-width: 2; fill: none; }
            .chart circle.a { fill: #1f4e79; stroke: none; }
            .vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
            footer { margin-top: 2rem; border-top: 1px solid #b3bac3; padding-top: .5rem; font-size: .85rem; color: #444444; }
            @media (max-width: 640px) {
              html { font-size: 14px; }
              body { padding: 10px; }
              h1 { font-size: 1.35rem; }
              .charts { grid-template-columns: 1fr; }
            }
            @media print {
              html { font-size: 12px; }
              body { max-width: none; padding: 0; }
              nav { display: none; }
              .scroll { overflow: visible; }
              table.wide { min-width: 0; }
              thead { display: table-header-group; }
              tr, figure { break-inside: avoid; page-break-inside: avoid; }
              h2, h3 { break-after: avoid; page-break-after: avoid; }
              .part, .plan-section { break-before: page; page-break-before: always; }
              .part > .plan-section:first-of-type { break-before: auto; page-break-before: auto; }
              .charts { grid-template-columns: repeat(4, 1fr); }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }

            """
        for (status, text, background) in HTMLReport.statusColors {
            css += "." + cls(status) + " { color: " + text + "; background: " + background + "; border-color: " + text + "; }\n"
        }
        return css
    }

    mutating func render() -> String {
        out.reserveCapacity(64 * 1024 + report.total * 900)
        let r = report
        let heading = r.title
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>" + Self.e(heading + ": compliance summary as of " + r.asOf.display) + "</title>\n"
        out += "<style>\n" + Self.css() + "</style>\n</head>\n<body>\n"
        header()
        out += "<main>\n"
        headline()
        attention()
        changes()
        sections()
        rollUps()
        gaps()
        out += "</main>\n"
        footer()
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Parts

    mutating func header() {
        let r = report
        out += "<header>\n<h1>" + Self.e(r.title) + "</h1>\n"
        var meta: [String] = []
        if let authority = r.authority { meta.append(Self.e(authority)) }
        meta.append("Compliance summary as of <strong>" + Self.e(r.asOf.display) + "</strong>")
        if let period = r.period { meta.append("plan period " + Self.e(period.start.display + " to " + period.end.display)) }
        out += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>\n"
        if !r.compareDates.isEmpty {
            out += "<p class=\"muted\">Compared with " + Self.e(Self.list(r.compareDates.map(\.display))) + ".</p>\n"
        }
        out += "<nav aria-label=\"Contents\"><ul>"
        var links = [("headline", "Headline"), ("attention", "Needs attention")]
        if r.changes != nil { links.append(("changes", "What changed")) }
        links += [("progress", "Progress by " + r.sectionNoun), ("rollups", "By workstream and lead"), ("gaps", "Data gaps")]
        for (id, text) in links { out += "<li><a href=\"#" + id + "\">" + Self.e(text) + "</a></li>" }
        out += "</ul></nav>\n</header>\n"
    }

    mutating func headline() {
        let r = report
        out += "<section id=\"headline\">\n<h2>Headline</h2>\n"
        let words = r.counts.map { "\($0.count) \($0.status.rawValue)" }.joined(separator: ", ")
        out += "<p>" + Self.e("\(r.total) " + (r.total == 1 ? "target" : "targets") + " judged: " + words + ".") + "</p>\n"
        if r.total > 0 {
            out += "<div class=\"bar\" aria-hidden=\"true\">"
            for (status, count) in r.counts where count > 0 {
                let width = Double(count) / Double(r.total) * 100
                out += "<span class=\"" + Self.cls(status) + "\" style=\"width:" + SVGChart.n(width) + "%\">"
                    + Self.e(status.symbol + " \(count)") + "</span>"
            }
            out += "</div>\n"
        }
        out += "<div class=\"cols\">\n<div>\n<div class=\"scroll\"><table class=\"counts\">\n<caption>Targets by status</caption>\n"
        out += "<thead><tr><th scope=\"col\">Status</th>"
        for date in r.compareDates { out += "<th scope=\"col\" class=\"n\">RAG " + Report.monthYear(date) + "</th>" }
        out += "<th scope=\"col\" class=\"n\">" + (r.compareDates.isEmpty ? "Count" : "Now") + "</th><th scope=\"col\" class=\"n\">Share</th></tr></thead>\n<tbody>\n"
        for (column, item) in r.counts.enumerated() {
            out += "<tr><th scope=\"row\">" + Self.badge(item.status) + "</th>"
            for counts in r.compareCounts { out += "<td class=\"n\">\(counts[column])</td>" }
            out += "<td class=\"n\">\(item.count)</td><td class=\"n\">" + Self.share(item.count, r.total) + "</td></tr>\n"
        }
        out += "<tr class=\"total\"><th scope=\"row\">Total</th>"
        for counts in r.compareCounts { out += "<td class=\"n\">\(counts.reduce(0, +))</td>" }
        out += "<td class=\"n\">\(r.total)</td><td class=\"n\">" + (r.total > 0 ? "100%" : "–") + "</td></tr>\n"
        out += "</tbody></table></div>\n</div>\n<div>\n<h3>In brief</h3>\n<ul class=\"brief\">\n"
        for line in r.brief { out += "<li>" + Self.e(line) + "</li>\n" }
        out += "</ul>\n</div>\n</div>\n"
        out += "<h3>Key targets</h3>\n"
        if r.keyTargets.isEmpty {
            out += "<p>The plan marks no target as key.</p>\n"
        } else {
            var columns = [Column("ID", 9), Column("Measure or action", 30), Column("Required", 14), Column("Deadline", 9),
                           Column("Value", 10)]
            columns += r.compareDates.map { Column("RAG " + Report.monthYear($0), 8) }
            columns.append(Column(r.compareDates.isEmpty ? "Status" : "Now", 8))
            if !r.compareDates.isEmpty { columns.append(Column("Travel", 9)) }
            if let since = r.earliestCompared { columns.append(Column("Since " + Report.monthYear(since), 9)) }
            open(columns, caption: "Key targets and their status")
            for row in r.keyTargets {
                out += "<tr><th scope=\"row\">" + Self.e(row.judgement.id) + "</th><td>" + Self.e(row.itemTitle ?? "") + "</td>"
                out += "<td>" + Self.e(row.requirement) + "</td><td>" + Self.e(row.deadline) + "</td>"
                out += "<td>" + value(row) + "</td>"
                for status in row.earlier { out += "<td>" + Self.badge(status) + "</td>" }
                out += "<td>" + Self.badge(row.judgement.status) + "</td>"
                if !r.compareDates.isEmpty { out += "<td>" + Self.e(row.travel?.label ?? "–") + "</td>" }
                if r.earliestCompared != nil { out += "<td>" + Self.e(row.travelSinceEarliest?.label ?? "–") + "</td>" }
                out += "</tr>\n"
            }
            close()
        }
        out += "</section>\n"
    }

    mutating func attention() {
        let r = report
        out += "<section id=\"attention\">\n<h2>Needs attention</h2>\n"
        guard !r.attention.isEmpty else {
            out += "<p>Nothing is missed or at risk.</p>\n</section>\n"
            return
        }
        let missed = r.attention.count { $0.judgement.status == .missed }
        out += "<p>" + Self.e("\(missed) missed and \(r.attention.count - missed) at risk, key targets first.") + "</p>\n"
        var columns = [Column("ID", 9), Column("Status", 9.5), Column("Measure or action", 30), Column("Deadline", 9)]
        if r.hasLeads { columns.append(Column("Lead", 12)) }
        columns.append(Column("Why", 40))
        open(columns, caption: "Targets missed or at risk")
        for row in r.attention {
            out += "<tr><th scope=\"row\">" + Self.e(row.judgement.id) + "</th><td>" + Self.badge(row.judgement.status)
                + (row.statusNote.map { "<small>" + Self.e($0) + "</small>" } ?? "") + "</td>"
            out += "<td>" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "")
            if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
            out += "</td><td>" + Self.e(row.deadline) + "</td>"
            if r.hasLeads { out += "<td>" + Self.e(Self.list(row.leads, empty: "–")) + "</td>" }
            out += "<td>" + Self.e(row.judgement.explanation) + "</td></tr>\n"
        }
        close()
        out += "</section>\n"
    }

    mutating func changes() {
        guard let c = report.changes else { return }
        out += "<section id=\"changes\">\n<h2>" + Self.e("What changed since " + c.since.display) + "</h2>\n"
        out += "<p>" + Self.e(c.summary) + "</p>\n"
        for (title, rows) in [("Worsened", c.worsened), ("No longer measured", c.noLongerMeasured), ("Improved", c.improved),
                              ("Newly measured", c.newlyMeasured)] where !rows.isEmpty {
            out += "<h3>" + Self.e(title + " (\(rows.count))") + "</h3>\n"
            open([Column("ID", 9), Column("Measure or action", 35), Column("RAG " + Report.monthYear(c.since), 9.5),
                  Column("Now", 9.5), Column("Why", 40)], caption: title + " since " + c.since.display)
            for row in rows {
                out += "<tr><th scope=\"row\">" + Self.e(row.judgement.id) + "</th><td>" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "")
                if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
                out += "</td><td>" + Self.badge(row.earlier.last ?? nil) + "</td><td>" + Self.badge(row.judgement.status) + "</td>"
                out += "<td>" + Self.e(row.judgement.explanation) + "</td></tr>\n"
            }
            close()
        }
        out += "</section>\n"
    }

    mutating func sections() {
        let r = report
        out += "<section id=\"progress\" class=\"part\">\n<h2>" + Self.e("Progress by " + r.sectionNoun) + "</h2>\n"
        out += "<ul class=\"legend\" aria-label=\"How to read the charts\">"
        let swatches = [("a", "observed"), ("t", "target"), ("p", "projection"), ("c", "comparator"), ("dl", "deadline")]
        for (cls, word) in swatches {
            let line = cls == "dl" ? "<path class=\"dl\" d=\"M17 0V10\"/>" : "<path class=\"" + cls + "\" d=\"M0 5H34\"/>"
            out += "<li><svg viewBox=\"0 0 34 10\" aria-hidden=\"true\">" + line + "</svg>" + word + "</li>"
        }
        out += "</ul>\n"
        // The sections are written first so their charts' shared frames are
        // known, then the frames go before them.
        let before = out
        out = ""
        for block in r.sections { section(block) }
        if r.sections.isEmpty { out += "<p>The plan has no measures or actions.</p>\n" }
        let body = out
        out = before
        if !frameOrder.isEmpty {
            out += "<svg class=\"defs\" aria-hidden=\"true\" focusable=\"false\"><defs>"
            for (index, frame) in frameOrder.enumerated() { out += "<g id=\"cf\(index)\">" + frame + "</g>" }
            out += "</defs></svg>\n"
        }
        out += body
        out += "</section>\n"
    }

    mutating func section(_ block: Report.SectionBlock) {
        let r = report
        out += "<section class=\"plan-section\">\n<h3>" + Self.e(block.label) + "</h3>\n"
        if let title = block.title { out += "<p>" + Self.e(title) + "</p>\n" }
        if let parent = block.parent { out += "<p class=\"muted\">Part of " + Self.e(parent) + ".</p>\n" }
        guard !block.items.isEmpty else {
            out += "<p class=\"muted\">No measures or actions of its own.</p>\n</section>\n"
            return
        }
        let compared = !r.compareDates.isEmpty
        var columns = [Column("ID", 8), Column("Measure or action", 17), Column("Required", 8.5), Column("Deadline", 8),
                       Column("Value", 8.5)]
        columns += r.compareDates.map { Column("RAG " + Report.monthYear($0), 10.5) }
        columns.append(Column(compared ? "Now" : "Status", 10.5))
        if compared { columns.append(Column("Travel", 9.5)) }
        if let since = r.earliestCompared { columns.append(Column("Since " + Report.monthYear(since), 9.5)) }
        columns.append(Column("Why", 19))
        if r.hasLeads { columns.append(Column("Lead", 9)) }
        columns.append(Column("Evidence and sign-off", 11))
        open(columns, caption: "Measures and actions: " + block.label)
        for item in block.items {
            if item.rows.isEmpty {
                out += "<tr><th scope=\"row\">" + Self.e(item.id) + "</th><td>" + Self.keyMark(item.key) + Self.e(item.title ?? "") + "</td>"
                out += "<td colspan=\"\(5 + r.compareDates.count + (compared ? 1 : 0) + (r.earliestCompared != nil ? 1 : 0))\" class=\"muted\">No target to judge.</td>"
                if r.hasLeads { out += "<td>" + Self.e(Self.list(item.leads, empty: "–")) + "</td>" }
                out += "<td>" + evidence(item) + "</td></tr>\n"
                continue
            }
            for row in item.rows {
                let first = row.part == nil
                out += "<tr><th scope=\"row\">" + Self.e(row.judgement.id) + "</th><td>"
                if first {
                    out += Self.keyMark(item.key) + Self.e(item.title ?? "")
                } else {
                    out += "<span class=\"muted\">" + Self.e(row.part ?? "") + "</span>"
                }
                out += "</td><td>" + Self.e(row.requirement) + "</td><td>" + Self.e(row.deadline) + "</td><td>" + value(row) + "</td>"
                for status in row.earlier { out += "<td>" + Self.badge(status) + "</td>" }
                out += "<td>" + Self.badge(row.judgement.status) + "</td>"
                if compared { out += "<td>" + Self.e(row.travel?.label ?? "–") + "</td>" }
                if r.earliestCompared != nil { out += "<td>" + Self.e(row.travelSinceEarliest?.label ?? "–") + "</td>" }
                out += "<td>" + Self.e(row.judgement.explanation) + "</td>"
                if r.hasLeads { out += "<td>" + (first ? Self.e(Self.list(row.leads, empty: "–")) : "") + "</td>" }
                out += "<td>" + (first ? evidence(item) : "") + "</td></tr>\n"
            }
        }
        close()
        let charts = block.items.compactMap(\.chart)
        if !charts.isEmpty {
            out += "<div class=\"charts\">\n"
            for chart in charts {
                out += "<figure><figcaption><strong>" + Self.e(chart.id) + "</strong> " + Self.e(chart.title ?? "") + "</figcaption>"
                let drawing = SVGChart.draw(chart)
                let id: Int
                if let known = frames[drawing.frame] {
                    id = known
                } else {
                    id = frameOrder.count
                    frames[drawing.frame] = id
                    frameOrder.append(drawing.frame)
                }
                out += SVGChart.svg(drawing, frame: "<use href=\"#cf\(id)\"/>") + "</figure>\n"
            }
            out += "</div>\n"
        }
        out += "</section>\n"
    }

    func evidence(_ item: Report.ItemBlock) -> String {
        let parts = item.evidence.map(Self.e) + item.signoffLines.map { "<small>" + Self.e($0) + "</small>" }
        return parts.isEmpty ? "–" : parts.joined()
    }

    /// The value judged, its date beneath, and the latest value when it is another.
    func value(_ row: Report.Row) -> String {
        guard let value = row.value else { return row.valueDate.map { Self.e($0.display) } ?? "–" }
        var cell = Self.e(value)
        if let date = row.valueDate, !value.contains(date.display) { cell += "<small>" + Self.e(date.display) + "</small>" }
        if let latest = row.latest { cell += "<small>" + Self.e("latest " + latest) + "</small>" }
        return cell
    }

    /// A table column: its header and its share of the width.
    struct Column {
        var header: String
        var weight: Double
        init(_ header: String, _ weight: Double) {
            self.header = header
            self.weight = weight
        }
    }

    /// Opens a wide table with fixed column widths (the same in every
    /// section, and never wider than the page when printed).
    mutating func open(_ columns: [Column], caption: String) {
        let total = columns.reduce(0) { $0 + $1.weight }
        out += "<div class=\"scroll\"><table class=\"wide\">\n<caption class=\"vh\">" + Self.e(caption) + "</caption>\n<colgroup>"
        for column in columns { out += "<col style=\"width:" + SVGChart.n(column.weight / total * 100) + "%\"/>" }
        out += "</colgroup>\n<thead><tr>"
        for column in columns { out += "<th scope=\"col\">" + Self.e(column.header) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
    }

    mutating func close() {
        out += "</tbody></table></div>\n"
    }

    mutating func rollUps() {
        let r = report
        out += "<section id=\"rollups\" class=\"part\">\n<h2>By workstream and lead</h2>\n<div class=\"cols\">\n"
        for group in r.rollUpGroups {
            let (title, column, rows) = (group.title, group.column, group.rows)
            out += "<div>\n<h3>" + title + "</h3>\n"
            if let reason = group.emptyReason {
                out += "<p>" + Self.e(reason) + "</p>\n</div>\n"
                continue
            }
            out += "<div class=\"scroll\"><table class=\"rollup\">\n<caption class=\"vh\">" + Self.e("Targets by status, " + title.lowercased()) + "</caption>\n<thead><tr><th scope=\"col\">" + column + "</th>"
            for status in Status.allCases { out += "<th scope=\"col\" class=\"n\">" + Self.badge(status) + "</th>" }
            out += "<th scope=\"col\" class=\"n\">Total</th></tr></thead>\n<tbody>\n"
            for roll in rows {
                out += "<tr><th scope=\"row\">" + Self.e(roll.name)
                if let t = roll.title { out += "<small>" + Self.e(t) + "</small>" }
                out += "</th>"
                for count in roll.counts { out += "<td class=\"n\">\(count)</td>" }
                out += "<td class=\"n\">\(roll.total)</td></tr>\n"
            }
            out += "</tbody></table></div>\n</div>\n"
        }
        out += "</div>\n</section>\n"
    }

    mutating func gaps() {
        let r = report
        out += "<section id=\"gaps\" class=\"part\">\n<h2>Data gaps</h2>\n"
        guard !r.gaps.isEmpty else {
            out += "<p>Every target has data to be judged on.</p>\n</section>\n"
            return
        }
        out += "<p>" + Self.e("\(r.gaps.count) " + (r.gaps.count == 1 ? "target has" : "targets have")
            + " no data to be judged on. A gap is a finding: it is never counted as met.") + "</p>\n"
        var columns = [Column("ID", 9), Column("Measure or action", 24), Column("Required", 10), Column("Deadline", 9),
                       Column("What is missing", 24), Column("Data held", 14)]
        if r.hasLeads { columns.append(Column("Lead", 10)) }
        open(columns, caption: "Targets with no data")
        for gap in r.gaps {
            let row = gap.row
            out += "<tr><th scope=\"row\">" + Self.e(row.judgement.id) + "</th><td>" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "") + "</td>"
            out += "<td>" + Self.e(row.requirement) + "</td><td>" + Self.e(row.deadline) + "</td>"
            out += "<td>" + Self.e(row.judgement.explanation) + "</td><td>" + Self.e(gap.held) + "</td>"
            if r.hasLeads { out += "<td>" + Self.e(Self.list(row.leads, empty: "–")) + "</td>" }
            out += "</tr>\n"
        }
        close()
        out += "</section>\n"
    }

    mutating func footer() {
        let r = report
        out += "<footer>\n<p>Status key: " + Status.allCases.map(Self.badge).joined(separator: " ") + ". "
        out += "★ marks a key target.</p>\n"
        if let legend = r.travelLegend { out += "<p>" + Self.e(legend) + "</p>\n" }
        out += "<p>" + Self.e("Judged by plancheck from the plan and its data as of " + r.asOf.display
            + "; observations dated later are not used. Sign-offs dated on or before that day are shown as signed off.") + "</p>\n"
        if let generated = r.generatedAt { out += "<p>Generated " + Self.e(generated) + ".</p>\n" }
        out += "</footer>\n"
    }

    // MARK: Helpers

    static func keyMark(_ key: Bool) -> String { key ? "<span class=\"key\">★ key</span> " : "" }

    static func share(_ count: Int, _ total: Int) -> String {
        guard total > 0 else { return "–" }
        return String((count * 100 + total / 2) / total) + "%"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], empty: String = "") -> String {
        switch items.count {
        case 0: return empty
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
