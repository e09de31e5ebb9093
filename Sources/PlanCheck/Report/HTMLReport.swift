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
        out.appendEscaping(clean) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
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
/// The first screen answers what a board asks first: how many targets are off
/// track, how many of them are new since the last board, who owns each, and
/// whether the plan as a whole is getting better. Every target id links to
/// the target's card further down (an in-page anchor): its chart, why it has
/// its status, its commentary, note, owner and history.
///
/// It prints on A4 portrait with no forced page breaks, a running header
/// (the plan and its as-of date) and page numbers in the page margins (CSS
/// `@page` margin boxes, which Chromium prints), every text at 8 pt or more,
/// and each target's card as its chart (86 mm wide, so chart text prints at
/// 8.4 pt) beside its words; the section tables, which say the same as the
/// cards, are left out of print. On a phone the
/// tables scroll sideways inside their wrapper, the status now is the column
/// after the id, and words and ids never break inside. It keeps to WCAG AA:
/// every status is a word and a symbol on a tint (dark text, at least 4.5:1),
/// the five tints differ in lightness under simulated protanopia and
/// deuteranopia, and the bar's segments carry patterns too. Headings go
/// h1 > h2 > h3 > h4 and tables have header cells with scopes. The markup is
/// also well-formed XML, so an XML parser can check it.
public enum HTMLReport {
    /// Text and background of each status's badge and bar segment, for the
    /// tests' contrast and colour-blindness checks. Lightest to darkest:
    /// pending, met, at risk, no data, missed.
    public static let statusColors: [(status: Status, text: String, background: String)] = [
        (.met, "#0b4a1a", "#cce7d5"),
        (.atRisk, "#4d3500", "#eebf4e"),
        (.missed, "#470a05", "#d6705f"),
        (.noData, "#2e1d5c", "#aea3ca"),
        (.pending, "#1d4a7c", "#f6f9fd"),
    ]

    /// The pattern over each status's bar segment (CSS images drawn by the
    /// browser, no file): none for met, stripes for at risk, a cross-hatch
    /// for missed, dots for no data, horizontal lines for pending.
    public static let statusPatterns: [(status: Status, image: String, size: String?)] = [
        (.met, "none", nil),
        (.atRisk, "repeating-linear-gradient(45deg, rgba(0,0,0,.28) 0 2px, transparent 2px 7px)", nil),
        (.missed, "repeating-linear-gradient(45deg, rgba(0,0,0,.3) 0 2px, transparent 2px 7px), repeating-linear-gradient(-45deg, rgba(0,0,0,.3) 0 2px, transparent 2px 7px)", nil),
        (.noData, "radial-gradient(circle, rgba(0,0,0,.35) 1.2px, transparent 1.6px)", "6px 6px"),
        (.pending, "repeating-linear-gradient(0deg, rgba(0,0,0,.22) 0 1px, transparent 1px 6px)", nil),
    ]

    /// Body text on the page and on table headers.
    public static let textColors: [(text: String, background: String)] = [
        ("#1a1a1a", "#ffffff"), ("#1a1a1a", "#e8edf3"), ("#1f3a5f", "#ffffff"), ("#444444", "#ffffff"),
        ("#1a1a1a", "#f3f5f8"),
    ]

    /// Chart strokes against the white plot (graphics need 3:1).
    public static let chartColors: [String] = [SVGChart.observed, SVGChart.target, SVGChart.comparator, SVGChart.deadline,
                                               SVGChart.averaged, "#777777"]

    /// Printed on A4 portrait, the cards go one across, each a chart of this
    /// width (mm) beside its text: with `SVGChart.fontSize` it fixes the
    /// printed size of chart text (`printedChartTextPoints`).
    public static let printCardColumns = 1
    public static let printChartWidthMM = 86.0
    /// The smallest printed text, in CSS pixels: 11 px is 8.25 pt.
    public static let printTextPX = 11.0
    /// The size in points that chart text prints at.
    public static var printedChartTextPoints: Double { SVGChart.fontSize / SVGChart.width * printChartWidthMM / 25.4 * 72 }
    public static let printMarginMM = (top: 14.0, side: 10.0)

    public static func render(_ report: Report) -> String {
        var page = HTMLPage(report: report)
        return page.render()
    }
}

struct HTMLPage {
    let report: Report
    var out = ""

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

    /// A row's status now, with its flags beside it and "missed by 1.5
    /// points, within tolerance" under it wherever it shows, so a flagged
    /// judgement (met on a small cohort, say), or an at risk past its
    /// deadline, never reads as plain.
    static func now(_ row: Report.Row) -> String {
        badge(row.judgement.status) + flags(row.flags) + (row.statusNote.map { "<small>" + e($0) + "</small>" } ?? "")
    }

    /// Each flag as a dashed tag: " <span class=\"flag\">small cohort</span>".
    static func flags(_ flags: [Flag]) -> String {
        flags.map { " <span class=\"flag\">" + e($0.rawValue) + "</span>" }.joined()
    }

    /// A row's status at compared date `index`: its badge, its flags then and,
    /// for a headline, the milestone then in force when it was another.
    static func then(_ row: Report.Row, _ index: Int) -> String {
        guard row.earlier.indices.contains(index), let status = row.earlier[index] else { return badge(nil as Status?) }
        var cell = badge(status)
        if row.earlierFlags.indices.contains(index) { cell += flags(row.earlierFlags[index]) }
        if row.earlierPart.indices.contains(index), let part = row.earlierPart[index] { cell += "<small>" + e(part + " in force") + "</small>" }
        return cell
    }

    /// A CSS string literal.
    static func cssString(_ s: String) -> String {
        var out = "\""
        out.appendEscaping(EvaluationTable.clean(s)) { byte in
            switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "<"): "\\3c "
            case UInt8(ascii: ">"): "\\3e "
            case UInt8(ascii: "&"): "\\26 "
            default: nil
            }
        }
        return out + "\""
    }

    func css() -> String {
        let r = report
        let margin = HTMLReport.printMarginMM
        let running = r.title + " · as of " + r.asOf.display
        var css = """
            @page { size: A4 portrait; margin: \(SVGChart.n(margin.top))mm \(SVGChart.n(margin.side))mm;
              @top-left { content: \(Self.cssString(running)); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #444444; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #444444; }
            }
            * { box-sizing: border-box; }
            html { font-size: 15px; -webkit-text-size-adjust: 100%; }
            body { font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 1rem; line-height: 1.4; color: #1a1a1a; background: #ffffff; margin: 0 auto; max-width: 1360px; padding: 12px 20px 32px; }
            h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .2rem; color: #1f3a5f; }
            h2 { font-size: 1.25rem; color: #1f3a5f; border-bottom: 2px solid #1f3a5f; padding-bottom: .1rem; margin: 1.4rem 0 .5rem; }
            h3 { font-size: 1.08rem; margin: 1.2rem 0 .3rem; }
            h4 { font-size: .95rem; margin: 0 0 .2rem; }
            p { margin: .3rem 0 .6rem; }
            .meta { margin: 0 0 .2rem; }
            .muted, small { color: #444444; }
            small { display: block; font-size: .82rem; margin-top: .1rem; }
            nav ul { list-style: none; padding: 0; margin: .3rem 0 0; display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; font-size: .9rem; }
            a { color: #1f3a5f; }
            .scroll { overflow-x: auto; margin: .3rem 0 .8rem; }
            table { border-collapse: collapse; width: 100%; font-size: .86rem; line-height: 1.3; }
            table.wide { min-width: 46rem; }
            caption { text-align: left; font-weight: bold; padding: .2rem 0 .3rem; }
            th, td { border: 1px solid #b3bac3; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: manual; }
            thead th { background: #e8edf3; }
            tbody th { font-weight: 600; }
            .id, .nw { white-space: nowrap; }
            td.why { min-width: 16rem; }
            td.title { min-width: 12rem; }
            tr.total th, tr.total td { font-weight: bold; background: #f3f5f8; }
            .n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .st { display: inline-block; padding: 0 .35em; font-size: .95em; border: 1px solid; border-radius: .25em; font-weight: 600; white-space: nowrap; }
            .new { display: inline-block; padding: 0 .3em; border: 1px solid #1a1a1a; border-radius: .25em; font-size: .85em; font-weight: bold; white-space: nowrap; }
            .flag { display: inline-block; padding: 0 .3em; border: 1px dashed #1a1a1a; border-radius: .25em; font-size: .85em; white-space: nowrap; }
            .key { font-weight: bold; white-space: nowrap; }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .5rem; margin: .5rem 0; }
            .tile { border: 1px solid #b3bac3; border-left: 6px solid #1f3a5f; border-radius: .2rem; padding: .3rem .6rem; background: #f3f5f8; }
            .tile b { display: block; font-size: 1.7rem; line-height: 1.2; }
            .tile span { font-size: .88rem; }
            .bar { display: flex; height: 1.9rem; border: 1px solid #555555; margin: .4rem 0; border-radius: .2rem; overflow: hidden; }
            .bar span { display: block; flex: 0 1 auto; min-width: 2.8em; overflow: hidden; white-space: nowrap; padding: 0 .35em; line-height: 1.85rem; font-weight: 700; border-right: 2px solid #ffffff; }
            .bar span:last-child { border-right: 0; }
            .bar span b { background: rgba(255,255,255,.85); padding: 0 .25em; border-radius: .2em; }
            .cols { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
            .cols > div { flex: 1 1 22rem; min-width: 0; }
            ul.brief { margin: .2rem 0 0; padding-left: 1.2rem; }
            ul.brief li { margin: .1rem 0; }
            .legend { display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; font-size: .82rem; margin: .4rem 0 .3rem; padding: 0; list-style: none; }
            .legend svg { width: 30px; height: 10px; vertical-align: middle; margin-right: .3rem; }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); gap: .6rem; margin: .3rem 0 1rem; }
            .card { border: 1px solid #b3bac3; border-radius: .2rem; padding: .4rem .5rem; break-inside: avoid; page-break-inside: avoid; scroll-margin-top: .5rem; }
            .card:target { outline: 3px solid #1f3a5f; }
            .card figure { margin: .2rem 0; }
            .card dl { margin: .2rem 0 0; font-size: .82rem; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .5rem; }
            .card dt { font-weight: bold; }
            .card dd { margin: 0; }
            .card .back { font-size: .8rem; margin: .2rem 0 0; }
            svg.chart { display: block; width: 100%; height: auto; }
            .vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
            footer { margin-top: 1.5rem; border-top: 1px solid #b3bac3; padding-top: .4rem; font-size: .85rem; color: #444444; }
            @media (max-width: 640px) {
              html { font-size: 14px; }
              body { padding: 8px; }
              h1 { font-size: 1.3rem; }
              .tiles { grid-template-columns: 1fr 1fr; }
              .tile b { font-size: 1.35rem; }
              .cards { grid-template-columns: 1fr; }
              td.why { min-width: 13rem; }
            }
            @media print {
              html { font-size: \(SVGChart.n(HTMLReport.printTextPX))px; }
              body { max-width: none; padding: 0; }
              nav, .back { display: none; }
              .scroll { overflow: visible; }
              table.wide { min-width: 0; }
              thead { display: table-header-group; }
              tr, .card, .tile { break-inside: avoid; page-break-inside: avoid; }
              h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
              table { font-size: 1rem; }
              small, .legend, .tile span, .st, .new, .flag, .card dl, .bar span, footer, h4 { font-size: \(SVGChart.n(HTMLReport.printTextPX))px; }
              td.why, td.title { min-width: 0; }
              .tiles { grid-template-columns: repeat(5, 1fr); }
              .cards { grid-template-columns: repeat(\(HTMLReport.printCardColumns), 1fr); gap: 2.5mm; }
              .card { padding: 1.5mm 2mm; }
              .card .body { display: flex; gap: 2.5mm; align-items: flex-start; }
              .card figure { flex: 0 0 \(SVGChart.n(HTMLReport.printChartWidthMM))mm; margin: 0; }
              .card dl { flex: 1 1 0; font-size: 1rem; margin: 0; }
              .plan-section .scroll { display: none; }
              a { color: #1a1a1a; text-decoration: none; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }

            """
        for (status, text, background) in HTMLReport.statusColors {
            css += "." + Self.cls(status) + " { color: " + text + "; background: " + background + "; border-color: " + text + "; }\n"
        }
        for (status, image, size) in HTMLReport.statusPatterns where image != "none" {
            css += ".bar ." + Self.cls(status) + " { background-image: " + image + ";" + (size.map { " background-size: " + $0 + ";" } ?? "") + " }\n"
        }
        return css
    }

    mutating func render() -> String {
        out.reserveCapacity(64 * 1024 + report.total * 2400)
        let r = report
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>" + Self.e(r.title + ": compliance summary as of " + r.asOf.display) + "</title>\n"
        out += "<style>\n" + css() + "</style>\n</head>\n<body>\n"
        header()
        out += "<main>\n"
        glance()
        attention()
        keyTargets()
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
        if let last = r.lastBoard { meta.append("last board <strong>" + Self.e(last.display) + "</strong>") }
        if let period = r.periodText { meta.append(Self.e(period)) }
        out += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>\n"
        if r.compareDates.count > 1 {
            out += "<p class=\"muted\">Also compared with " + Self.e(Self.list(r.compareDates.dropLast().map(\.display))) + ".</p>\n"
        }
        out += "<nav aria-label=\"Contents\"><ul>"
        var links = [("glance", "At a glance"), ("attention", "Needs attention"), ("key", "Key targets")]
        if r.changes != nil { links.append(("changes", "What changed")) }
        links += [("progress", "Progress by " + r.sectionNoun), ("rollups", "By workstream and lead"), ("gaps", "Data gaps")]
        for (id, text) in links { out += "<li><a href=\"#" + id + "\">" + Self.e(text) + "</a></li>" }
        out += "</ul></nav>\n</header>\n"
    }

    /// The first screen: off track, new since the last board (named, each a
    /// link), the direction of the plan as a whole, key targets, no data;
    /// the status bar. (The brief's sentences say the same in the Markdown.)
    mutating func glance() {
        let r = report
        func count(_ s: Status) -> Int { r.counts.first { $0.status == s }?.count ?? 0 }
        out += "<section id=\"glance\">\n<h2>At a glance</h2>\n<div class=\"tiles\">\n"
        let flagged = r.attention.count { $0.judgement.status != .missed && $0.judgement.status != .atRisk }
        var offDetail = "\(count(.missed)) missed · \(count(.atRisk)) at risk"
        if flagged > 0 { offDetail += " · \(flagged) flagged" }
        offDetail += " of \(r.total)"
        let cohort = r.smallCohortElsewhere
        if cohort > 0 { offDetail += "; " + (cohort == 1 ? "1 other target" : "\(cohort) other targets") + " flagged small cohort" }
        tile("off", "\(r.attention.count)", "off track or flagged", offDetail)
        if let c = r.changes {
            let new = r.attention.filter(\.isNew)
            // A row per target: an item with two new ones is named with each part.
            var links = new.prefix(8).map { Self.idLink($0) + ($0.part.map { " (" + Self.e($0) + ")" } ?? "") }
                .joined(separator: ", ")
            if new.count > 8 { links += " and \(new.count - 8) more" }
            tile("new", "\(new.count)", "new since the last board",
                 new.isEmpty ? "nothing newly missed, at risk or flagged since " + c.since.display : "", html: new.isEmpty ? nil : links)
            let word = c.verdictWord
            tile("trend", word, "overall since " + c.since.display, Self.overall(c))
        } else {
            tile("new", "–", "new since the last board", "no earlier board date given (--compare)")
        }
        if !r.keyTargets.isEmpty {
            // A key target met at its deadline but broken since is said here
            // too, as the Markdown's brief says it.
            let slipped = r.keyTargets.count { $0.judgement.status == .met && $0.judgement.flags.contains(.slipped) }
            tile("keys", "\(r.keyTargets.count { $0.judgement.status == .met }) of \(r.keyTargets.count)", "key targets met",
                 slipped == 0 ? "" : "\(slipped) of them slipped since")
        }
        if count(.noData) > 0 { tile("nodata", "\(count(.noData))", "no data", "never counted as met") }
        out += "</div>\n"
        if r.total > 0 {
            out += "<div class=\"bar\" role=\"img\" aria-label=\"" + Self.e(r.counts.map { "\($0.count) \($0.status.rawValue)" }.joined(separator: ", ")) + "\">"
            for (status, count) in r.counts where count > 0 {
                let width = Double(count) / Double(r.total) * 100
                out += "<span class=\"" + Self.cls(status) + "\" style=\"width:" + SVGChart.n(width) + "%\"><b>"
                    + Self.e(status.symbol + " \(count)") + "</b></span>"
            }
            out += "</div>\n"
        }
        // The brief's sentences, as the Markdown gives them under its table
        // (the first, what needs attention, is the first tile).
        let brief = r.brief.dropFirst()
        if !brief.isEmpty {
            out += "<ul class=\"brief\">" + brief.map { "<li>" + Self.e($0) + "</li>" }.joined() + "</ul>\n"
        }
        out += "</section>\n"
    }

    /// "8 improved, 12 worsened; 15 better in value, 0 worse; met 13 → 24, missed 0 → 13".
    /// Targets newly or no longer measured are named when there are any, and
    /// the counts met, at risk and missed then and now: a verdict of "mixed"
    /// shows both of its sides.
    static func overall(_ c: Report.Changes) -> String {
        var moved = "\(c.count(.improved)) improved, \(c.count(.worsened)) worsened"
        if c.count(.newlyMeasured) > 0 { moved += ", \(c.count(.newlyMeasured)) newly measured" }
        if c.count(.noLongerMeasured) > 0 { moved += ", \(c.count(.noLongerMeasured)) no longer measured" }
        func index(_ s: Status) -> Int { Status.allCases.firstIndex(of: s)! }
        let counts = [Status.met, .atRisk, .missed].map { s in
            s.rawValue + " \(c.then[index(s)]) → \(c.now[index(s)])"
        }
        return moved + " (\(c.count(.better)) better, \(c.count(.worse)) worse in value); " + counts.joined(separator: ", ")
    }

    /// A figure, its words, and a line of detail (text, or `html` as written).
    mutating func tile(_ cls: String, _ figure: String, _ words: String, _ detail: String, html: String? = nil) {
        out += "<div class=\"tile t-" + cls + "\"><b>" + Self.e(figure) + "</b> " + Self.e(words)
        if let html { out += "<br/><span>" + html + "</span>" } else if !detail.isEmpty { out += "<br/><span>" + Self.e(detail) + "</span>" }
        out += "</div>\n"
    }

    /// A target's id as a link to its card.
    static func idLink(_ row: Report.Row) -> String {
        "<a href=\"#" + e(row.anchor) + "\">" + e(row.judgement.id) + "</a>"
    }

    /// The compared dates as column headings, the last board first.
    var boardsLatestFirst: [(index: Int, date: CalendarDate)] {
        report.compareDates.enumerated().reversed().map { ($0.offset, $0.element) }
    }

    mutating func attention() {
        let r = report
        out += "<section id=\"attention\">\n<h2>Needs attention</h2>\n"
        guard !r.attention.isEmpty else {
            out += "<p>" + Self.e(r.nothingNeedsAttention) + "</p>\n</section>\n"
            return
        }
        let missed = r.attention.count { $0.judgement.status == .missed }
        let atRisk = r.attention.count { $0.judgement.status == .atRisk }
        var intro = "\(missed) missed, \(atRisk) at risk"
        let flagged = r.attention.count - missed - atRisk
        if flagged > 0 { intro += ", \(flagged) flagged (slipped, stale or a board rating that differs)" }
        intro += "; key targets first"
        if let last = r.lastBoard { intro += ". “New” marks a target that was not missed, at risk or flagged on " + last.display }
        out += "<p>" + Self.e(intro + ". Each id links to the target's chart, commentary and history.") + "</p>\n"
        var columns = [Column("ID"), Column("Now")]
        if let last = r.lastBoard { columns.append(Column(r.boardName(last))) }
        columns += [Column("Measure or action"), Column("Owner"), Column("Deadline"), Column("Why, and the latest commentary")]
        open(columns, caption: "Targets missed, at risk or flagged")
        for row in r.attention {
            out += "<tr><th scope=\"row\" class=\"id\">" + Self.idLink(row) + "</th><td>" + Self.now(row) + "</td>"
            if r.lastBoard != nil {
                out += "<td>" + Self.then(row, row.earlier.count - 1) + (row.isNew ? " <span class=\"new\">new</span>" : "") + "</td>"
            }
            out += "<td class=\"title\">" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "")
            if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
            out += "</td><td>" + Self.owner(row.owner) + "</td>"
            out += "<td class=\"nw\">" + Self.e(row.deadlineText)
            out += "</td><td class=\"why\">" + Self.e(row.explanation)
            if let note = row.ratingNote { out += "<small>" + Self.e(note) + "</small>" }
            if let c = row.commentary, !row.judgement.explanationQuotesCommentary { out += "<small>" + Self.e(c.date.display + ": " + c.text) + "</small>" }
            out += "</td></tr>\n"
        }
        close()
        out += "</section>\n"
    }

    mutating func keyTargets() {
        let r = report
        out += "<section id=\"key\">\n<h2>Key targets</h2>\n"
        if r.keyTargets.isEmpty {
            out += "<p>The plan marks no target as key.</p>\n</section>\n"
            return
        }
        var columns = [Column("ID"), Column("Now")]
        columns += boardsLatestFirst.map { Column(r.boardName($0.date)) }
        if r.lastBoard != nil { columns.append(Column("Travel")) }
        if let since = r.earliestCompared { columns.append(Column("Since " + r.boardName(since))) }
        columns += [Column("Measure or action"), Column("Required"), Column("Value"), Column("Owner")]
        open(columns, caption: "Key targets and their status")
        for row in r.keyTargets {
            out += "<tr><th scope=\"row\" class=\"id\">" + Self.idLink(row) + "</th><td>" + Self.now(row) + "</td>"
            for (index, _) in boardsLatestFirst { out += "<td>" + Self.then(row, index) + "</td>" }
            if r.lastBoard != nil { out += "<td class=\"nw\">" + Self.e(row.travel?.label ?? "–") + "</td>" }
            if r.earliestCompared != nil { out += "<td class=\"nw\">" + Self.e(row.travelSinceEarliest?.label ?? "–") + "</td>" }
            out += "<td class=\"title\">" + Self.e(row.itemTitle ?? "")
            if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
            out += "</td>"
            out += "<td>" + Self.e(row.requiredText) + "</td>"
            out += "<td>" + value(row) + "</td><td>" + Self.owner(row.owner) + "</td></tr>\n"
        }
        close()
        out += "</section>\n"
    }

    mutating func changes() {
        let r = report
        guard let c = r.changes else { return }
        out += "<section id=\"changes\">\n<h2>" + Self.e("What changed since " + c.since.display) + "</h2>\n"
        out += "<div class=\"cols\">\n<div>\n<div class=\"scroll\"><table class=\"counts\">\n<caption>Targets by status</caption>\n"
        out += "<thead><tr><th scope=\"col\">Status</th>"
        for (_, date) in boardsLatestFirst.reversed() { out += "<th scope=\"col\" class=\"n\">" + r.boardName(date) + "</th>" }
        out += "<th scope=\"col\" class=\"n\">Now</th><th scope=\"col\" class=\"n\">Change</th></tr></thead>\n<tbody>\n"
        for (column, item) in r.counts.enumerated() {
            out += "<tr><th scope=\"row\">" + Self.badge(item.status) + "</th>"
            for counts in r.compareCounts { out += "<td class=\"n\">\(counts[column])</td>" }
            let delta = item.count - c.then[column]
            out += "<td class=\"n\">\(item.count)</td><td class=\"n\">" + (delta > 0 ? "+" : delta < 0 ? "−" : "") + "\(abs(delta))</td></tr>\n"
        }
        out += "<tr class=\"total\"><th scope=\"row\">Total</th>"
        for counts in r.compareCounts { out += "<td class=\"n\">\(counts.reduce(0, +))</td>" }
        out += "<td class=\"n\">\(r.total)</td><td class=\"n\"></td></tr>\n</tbody></table></div>\n</div>\n<div>\n"
        out += "<p>" + Self.e("Against the last board: " + c.summary) + "</p>\n"
        if let moved = c.milestoneMovedText { out += "<p>" + Self.e(moved) + "</p>\n" }
        out += "<ul class=\"brief\">"
        for t in Travel.allCases { out += "<li>" + Self.e(t.label + ": " + t.meaning) + "</li>" }
        out += "</ul>\n</div>\n</div>\n"
        for (title, travel, rows) in [("Worsened", Travel.worsened, c.worsened), ("No longer measured", .noLongerMeasured, c.noLongerMeasured),
                                      ("Improved", .improved, c.improved), ("Newly measured", .newlyMeasured, c.newlyMeasured)] {
            let elsewhere = c.listedAbove(travel)
            if rows.isEmpty && elsewhere == 0 && (travel == .noLongerMeasured || travel == .newlyMeasured) { continue }
            out += "<h3>" + Self.e(title + " (\(rows.count + elsewhere))") + "</h3>\n"
            if let words = Self.elsewhere(elsewhere, rest: rows.count) { out += "<p>" + Self.e(words) + "</p>\n" }
            if rows.isEmpty {
                if elsewhere == 0 { out += "<p class=\"muted\">None.</p>\n" }
                continue
            }
            var columns = [Column("ID"), Column("Now")]
            columns.append(Column(r.boardName(c.since)))
            columns += [Column("Travel"), Column("Measure or action"), Column("Why")]
            open(columns, caption: title + " since " + c.since.display)
            for row in rows {
                out += "<tr><th scope=\"row\" class=\"id\">" + Self.idLink(row) + "</th><td>" + Self.now(row) + "</td>"
                out += "<td>" + Self.then(row, row.earlier.count - 1) + "</td><td class=\"nw\">" + Self.e(row.travel?.label ?? "–") + "</td>"
                out += "<td class=\"title\">" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "")
                if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
                out += "</td><td class=\"why\">" + Self.e(row.explanation) + "</td></tr>\n"
            }
            close()
        }
        out += "</section>\n"
    }

    /// "2 of them are under Needs attention above; the others:", or nil.
    static func elsewhere(_ count: Int, rest: Int) -> String? {
        guard count > 0 else { return nil }
        let lead = rest == 0 ? (count == 1 ? "It is" : count == 2 ? "Both are" : "All \(count) are")
            : "\(count) of them " + (count == 1 ? "is" : "are")
        return lead + " under Needs attention above" + (rest == 0 ? "." : "; the others:")
    }

    mutating func sections() {
        let r = report
        out += "<section id=\"progress\">\n<h2>" + Self.e("Progress by " + r.sectionNoun) + "</h2>\n"
        for block in r.sections { section(block) }
        if r.sections.isEmpty { out += "<p>The plan has no measures or actions.</p>\n" }
        out += "</section>\n"
    }

    /// The strokes the charts use, the average's only where a chart draws one.
    mutating func legend(average: Bool = false) {
        out += "<ul class=\"legend\" aria-label=\"How to read the charts\">"
        for (word, attributes) in SVGChart.legend + (average ? [SVGChart.averageLegend] : []) {
            out += "<li><svg viewBox=\"0 0 30 10\" aria-hidden=\"true\"><path " + attributes + " fill=\"none\" d=\"M0 5H30\"/></svg>" + word + "</li>"
        }
        out += "</ul>\n"
    }

    mutating func section(_ block: Report.SectionBlock) {
        let r = report
        out += "<section class=\"plan-section\">\n<h3>" + Self.e(block.label + (block.title.map { ": " + $0 } ?? "")) + "</h3>\n"
        if let parent = block.parent { out += "<p class=\"muted\">Part of " + Self.e(parent) + ".</p>\n" }
        for line in block.details { out += "<p class=\"muted\">" + Self.e(line) + "</p>\n" }
        guard !block.items.isEmpty else {
            out += "<p class=\"muted\">No measures or actions of its own.</p>\n</section>\n"
            return
        }
        let compared = r.lastBoard != nil
        let since = r.earliestCompared
        var columns = [Column("ID"), Column("Now")]
        columns += boardsLatestFirst.map { Column(r.boardName($0.date)) }
        if compared { columns.append(Column("Travel")) }
        if let since { columns.append(Column("Since " + r.boardName(since))) }
        columns += [Column("Measure or action"), Column("Required"), Column("Deadline"), Column("Value"), Column("Owner")]
        open(columns, caption: "Measures and actions: " + block.label)
        for item in block.items {
            if item.rows.isEmpty {
                out += "<tr><th scope=\"row\" class=\"id\"><a href=\"#" + Self.e(item.anchor) + "\">" + Self.e(item.id) + "</a></th>"
                out += "<td colspan=\"\(1 + r.compareDates.count + (compared ? 1 : 0) + (since != nil ? 1 : 0))\" class=\"muted\">No target to judge.</td>"
                out += "<td class=\"title\">" + Self.keyMark(item.key) + Self.e(item.title ?? "") + "</td><td>–</td><td>–</td><td>–</td>"
                out += "<td>" + Self.owner(item.owner) + "</td></tr>\n"
                continue
            }
            for row in item.rows {
                let first = row.first
                out += "<tr><th scope=\"row\" class=\"id\">" + Self.idLink(row) + "</th><td>" + Self.now(row) + "</td>"
                for (index, _) in boardsLatestFirst { out += "<td>" + Self.then(row, index) + "</td>" }
                if compared { out += "<td class=\"nw\">" + Self.e(row.travel?.label ?? "–") + "</td>" }
                if since != nil { out += "<td class=\"nw\">" + Self.e(row.travelSinceEarliest?.label ?? "–") + "</td>" }
                out += "<td class=\"title\">"
                if first {
                    out += Self.keyMark(item.key) + Self.e(item.title ?? "")
                    if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
                } else {
                    out += "<span class=\"muted\">" + Self.e(row.part ?? "") + "</span>"
                }
                out += "</td><td>" + Self.e(row.requirement) + "</td><td class=\"nw\">" + Self.e(row.deadlineText) + "</td><td>" + value(row) + "</td>"
                out += "<td>" + Self.owner(row.owner) + "</td></tr>\n"
            }
        }
        close()
        legend(average: block.items.contains { $0.chart?.average != nil })
        out += "<div class=\"cards\">\n"
        for item in block.items { card(item) }
        out += "</div>\n</section>\n"
    }

    /// One target's card: where every id links to.
    mutating func card(_ item: Report.ItemBlock) {
        let r = report
        out += "<article class=\"card\" id=\"" + Self.e(item.anchor) + "\">\n<h4><span class=\"id\">" + Self.e(item.id) + "</span> "
            + Self.keyMark(item.key) + Self.e(item.title ?? "") + "</h4>\n"
        if let headline = item.headline {
            out += "<p><span class=\"muted\">now</span> " + Self.badge(headline.judgement.status)
            if let note = headline.statusNote { out += " (" + Self.e(note) + ")" }
            out += Self.flags(headline.flags)
            if let part = headline.part { out += " <span class=\"muted\">" + Self.e(part) + "</span>" }
            if let last = r.lastBoard {
                out += " · <span class=\"muted\">" + Self.e(last.display) + "</span> " + Self.badge(headline.lastBoard)
                let index = headline.earlier.count - 1
                if headline.earlierFlags.indices.contains(index) { out += Self.flags(headline.earlierFlags[index]) }
                if headline.earlierPart.indices.contains(index), let part = headline.earlierPart[index] {
                    out += " <span class=\"muted\">" + Self.e(part + " in force") + "</span>"
                }
                if let travel = headline.travel { out += " · " + Self.e(travel.label) }
                if headline.isNew { out += " <span class=\"new\">new</span>" }
            }
            out += "</p>\n"
        }
        out += "<div class=\"body\">"
        if let chart = item.chart { out += "<figure>" + SVGChart.render(chart) + "</figure>\n" }
        out += "<dl>\n"
        for row in item.rows {
            let label = item.rows.count > 1 ? "Target" + (row.part.map { " (" + $0 + ")" } ?? "") : "Target"
            out += "<dt>" + Self.e(label) + "</dt><dd>" + Self.e(row.requiredText)
                + (item.rows.count > 1 ? " " + Self.badge(row.judgement.status) + (row.statusNote.map { " (" + Self.e($0) + ")" } ?? "")
                    + Self.flags(row.flags) : "")
                + "</dd>\n"
            out += "<dt>Why</dt><dd>" + Self.e(row.explanation) + "</dd>\n"
        }
        if item.rows.isEmpty { out += "<dt>Target</dt><dd>No target to judge.</dd>\n" }
        if let words = item.polarityWords { out += "<dt>Polarity</dt><dd>" + Self.e(words) + "</dd>\n" }
        out += "<dt>Owner</dt><dd>" + Self.owner(item.owner) + "</dd>\n"
        if let c = item.rows.compactMap(\.commentary).first {
            out += "<dt>Commentary</dt><dd>" + Self.e(c.date.display + ": " + c.text) + "</dd>\n"
        }
        for rating in item.ratingLines { out += "<dt>Board rating</dt><dd>" + Self.e(rating) + "</dd>\n" }
        for note in item.notes { out += "<dt>Note</dt><dd>" + Self.e(note) + "</dd>\n" }
        if let history = r.statusHistory(item) { out += "<dt>Status</dt><dd>" + Self.e(history) + "</dd>\n" }
        if let values = r.valuesText(item) { out += "<dt>Values</dt><dd>" + Self.e(values) + "</dd>\n" }
        if !item.evidence.isEmpty { out += "<dt>Evidence</dt><dd>" + Self.e(item.evidence.joined(separator: "; ")) + "</dd>\n" }
        // A sign-off the plan asks for is not evidence: it has its own line.
        if !item.signoffLines.isEmpty {
            out += "<dt>Sign-off</dt><dd>" + Self.e(item.signoffLines.joined(separator: "; ")) + "</dd>\n"
        }
        out += "</dl></div>\n<p class=\"back\"><a href=\"#attention\">Back to Needs attention</a></p>\n</article>\n"
    }

    /// The value judged, its date beneath, and the latest value when it is another.
    func value(_ row: Report.Row) -> String {
        guard let value = row.value else { return row.valueDate.map { Self.e($0.display) } ?? "–" }
        var cell = Self.e(value)
        if let date = row.valueDate, !value.contains(date.display) { cell += "<small>" + Self.e(date.display) + "</small>" }
        if let latest = row.latest { cell += "<small>" + Self.e("latest " + latest) + "</small>" }
        return cell
    }

    /// A table column's header.
    struct Column {
        var header: String
        init(_ header: String) { self.header = header }
    }

    /// Opens a wide table (scrolling sideways on a narrow screen).
    mutating func open(_ columns: [Column], caption: String) {
        out += "<div class=\"scroll\"><table class=\"wide\">\n<caption class=\"vh\">" + Self.e(caption) + "</caption>\n"
        out += "<thead><tr>"
        for column in columns { out += "<th scope=\"col\">" + Self.e(column.header) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
    }

    mutating func close() {
        out += "</tbody></table></div>\n"
    }

    mutating func rollUps() {
        let r = report
        out += "<section id=\"rollups\">\n<h2>By workstream and lead</h2>\n<div class=\"cols\">\n"
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
        out += "<section id=\"gaps\">\n<h2>Data gaps</h2>\n"
        out += "<p>" + Self.e(r.gapsIntro) + "</p>\n"
        guard !r.gaps.isEmpty else {
            out += "</section>\n"
            return
        }
        open([Column("ID"), Column("Measure or action"), Column("Required"), Column("Deadline"), Column("What is missing"),
              Column("Data held"), Column("Owner")], caption: "Targets with no data")
        for gap in r.gaps {
            let row = gap.row
            out += "<tr><th scope=\"row\" class=\"id\">" + Self.idLink(row) + "</th><td class=\"title\">" + Self.keyMark(row.key) + Self.e(row.itemTitle ?? "")
            if let part = row.part { out += "<small>" + Self.e(part) + "</small>" }
            out += "</td>"
            out += "<td>" + Self.e(row.requirement) + "</td><td class=\"nw\">" + Self.e(row.deadlineText) + "</td>"
            out += "<td>" + Self.e(row.explanation) + "</td><td>" + Self.e(gap.held) + "</td>"
            out += "<td>" + Self.owner(row.owner) + "</td></tr>\n"
        }
        close()
        out += "</section>\n"
    }

    mutating func footer() {
        let r = report
        out += "<footer>\n<p>Status key: " + Status.allCases.map(Self.badge).joined(separator: " ") + ". "
        out += "★ marks a key target." + (r.lastBoard.map {
            " “new”: missed, at risk or flagged now, and not on " + Self.e($0.display) + " (the last board)."
        } ?? "") + "</p>\n"
        if let last = r.lastBoard {
            out += "<p>" + Self.e("Travel compares each target now with the last board, " + last.display
                + ": " + Travel.allCases.map { $0.label + " (" + $0.meaning + ")" }.joined(separator: "; ") + ".") + "</p>\n"
        }
        if !r.comparators.isEmpty {
            out += "<p>" + Self.e("Comparators: " + r.comparators.map { $0.title + " (" + $0.id + ")" }.joined(separator: ", ") + ".") + "</p>\n"
        }
        out += "<p>" + Self.e("Judged by plancheck from the plan and its data as of " + r.asOf.display
            + "; observations dated later are not used. Sign-off dates are those the plan sets; the plan does not record whether a board has signed off.") + "</p>\n"
        if let generated = r.generatedAt { out += "<p>Generated " + Self.e(generated) + ".</p>\n" }
        out += "</footer>\n"
    }

    // MARK: Helpers

    /// The owner, or "none named" (kept on one line).
    static func owner(_ owner: String?) -> String {
        owner.map(e) ?? "<span class=\"nw muted\">none named</span>"
    }

    static func keyMark(_ key: Bool) -> String { key ? "<span class=\"key\">★ key</span> " : "" }

    /// Whole percentages that add up to 100 (largest remainders get the
    /// points rounding leaves over), so a table never totals 101%.
    static func shares(_ counts: [Int]) -> [String] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in "–" } }
        var percents = counts.map { $0 * 100 / total }
        let left = 100 - percents.reduce(0, +)
        let order = counts.indices.sorted { (counts[$0] * 100 % total, -$0) > (counts[$1] * 100 % total, -$1) }
        for index in order.prefix(left) { percents[index] += 1 }
        return percents.map { "\($0)%" }
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
