/// Turns a plan table into plan entries: finds the header, maps the columns,
/// groups the rows into sections and entries, and reads each cell.
///
/// The steps, each its own function below:
/// 1. `findHeader`: the row whose cells name the most known columns (title
///    rows above it become the plan's title and comments);
/// 2. `collectRows`: rows into sections and entries, undoing what page breaks
///    and merged cells did to the table (a header repeated at a page break, a
///    cell split across it, a merged cell left blank below its first row);
/// 3. `TableImporter.build`: each entry's clauses, and a `# TODO:` for every
///    cell not read with confidence.
struct TableImporter {
    struct Column {
        var index: Int
        var header: String
        var role: ColumnRole?
    }

    /// A cell's paragraphs, with the line it (first) came from.
    typealias Cell = [String]

    struct Row {
        var line: Int
        var cells: [Cell]
        func text(_ column: Int?) -> String {
            guard let column, column < cells.count else { return "" }
            return cells[column].joined(separator: " ")
        }
    }

    struct Section {
        var keyword: SectionKeyword
        var ref: String
        var title: [String]
        var line: Int
        var entries: [Int] = []
        /// The rows that made it had one non-empty cell: a footer note, if nothing follows.
        var singleCell: Bool
    }

    struct Entry {
        var isAction: Bool
        var line: Int
        var cells: [Cell]
        var section: Int?
        /// Columns whose blank cell took the value above (merged cells).
        var carried: Set<Int> = []
        /// For a carried cell, the line (sheet row) its value is written on.
        var origins: [Int: Int] = [:]
    }

    var grid: TableGrid
    var columns: [Column] = []
    /// The header's (last) row: entries start below it.
    var headerRow = 0
    /// Every row of the header: one, or two when a row of group headings
    /// ("Delivery" over "Lead officer | Timescale") goes with it.
    var headerRows: [Int] = []
    var titleRows: [String] = []
    var sections: [Section] = []
    var entries: [Entry] = []
    var footer: [String] = []
    /// Columns whose blank cells were filled from above, by header.
    var carriedColumns: [String] = []
    var pageBreaks = 0
    /// Most section (entry) cells start with a number, which is then their id.
    var sectionsNumbered = false
    var entriesNumbered = false

    init(grid: TableGrid) {
        self.grid = grid
    }

    func column(_ role: ColumnRole) -> Int? {
        columns.first { $0.role == role }?.index
    }

    func columns(where test: (ColumnRole) -> Bool) -> [Column] {
        columns.filter { $0.role.map(test) ?? false }
    }

    var sectionColumn: Int? { columns.first { if case .section = $0.role { true } else { false } }?.index }
    var entryColumn: Int? { columns.first { if case .entry = $0.role { true } else { false } }?.index }

    static func cleanRow(_ raw: [String]) -> [Cell] { raw.map(CellCleaner.paragraphs) }

    // MARK: 1. The header

    mutating func findHeader() -> ImportFailure? {
        let limit = min(grid.rows.count, 40)
        var best: (row: Int, score: Int)?
        var widest = 0
        for r in 0..<grid.rows.count {
            let cells = grid.rows[r].map(CellCleaner.clean)
            widest = max(widest, cells.filter { !$0.isEmpty }.count)
            guard r < limit else { continue }
            var roles = Set<ColumnRole>()
            for cell in cells where !cell.isEmpty {
                if let role = ColumnRole.recognise(cell) { roles.insert(role) }
            }
            let hasMain = roles.contains { role in
                switch role {
                case .entry, .section, .criteria: true
                default: false
                }
            }
            guard roles.count >= 2, hasMain else { continue }
            if best == nil || roles.count > best!.score { best = (r, roles.count) }
        }
        if widest <= 1 {
            return ImportFailure("the table has one column only: no row has two cells (is it a list rather than a table, "
                                 + "or saved with a separator other than a tab or a comma?)")
        }
        guard let best else {
            return ImportFailure("no header row found in the first \(limit) rows: expected column headings such as "
                                 + "Recommendation, Ref, Measure or Action, Target or Success criteria, Lead, Timescale, Progress, RAG")
        }
        var headerCells = grid.rows[best.row].map(CellCleaner.clean)
        headerRows = [best.row]
        if let partner = headerPartner(of: best.row, cells: headerCells) {
            // A column the chosen row leaves blank, or heads with words we do
            // not know (a group heading), takes the other row's heading.
            for (i, cell) in partner.cells.enumerated() where !cell.isEmpty {
                while headerCells.count <= i { headerCells.append("") }
                let own = headerCells[i]
                if own.isEmpty || ColumnRole.recognise(own) == nil && ColumnRole.recognise(cell) != nil {
                    headerCells[i] = cell
                }
            }
            headerRows = [best.row, partner.row].sorted()
        }
        headerRow = headerRows.last!
        var recognised = headerCells.map { $0.isEmpty ? nil : ColumnRole.recognise($0) }
        // "Success measure" and "Target" side by side: the Target column gives
        // the level, the other says what is measured (it is no target: its
        // "within 1 working day" is the standard counted against).
        let criteriaColumns = recognised.indices.filter { recognised[$0] == .criteria }
        if criteriaColumns.count >= 2,
           let target = criteriaColumns.first(where: { ColumnRole.HeaderWords(ColumnRole.words(headerCells[$0])).hasAny(["target", "targets"]) }),
           let described = criteriaColumns.first(where: { $0 != target }) {
            // A third such column is kept as a comment, as a second one was.
            for i in criteriaColumns where i != target { recognised[i] = nil }
            recognised[described] = .successMeasure
        }
        var seen = Set<ColumnRole>()
        for (i, header) in headerCells.enumerated() {
            var role = recognised[i]
            if let r = role {
                // One column per role, except those that may repeat (a board per sign-off column, a dated RAG per column).
                let repeatable: Bool
                switch r {
                case .progress, .rag, .comparator: repeatable = true
                default: repeatable = false
                }
                if !repeatable && seen.contains(r) { role = nil }
                if let role { seen.insert(role) }
            }
            columns.append(Column(index: i, header: header, role: role))
        }
        // One column holds the entries and one the sections. With both an action
        // and a measure column, the actions are the entries and the measure
        // column says how they are measured (criteria, unless there is such a column).
        let actionColumn = columns.first { $0.role == .entry(isAction: true) }?.index
        let hasCriteria = columns.contains { $0.role == .criteria }
        var seenSection = false
        for i in columns.indices {
            switch columns[i].role {
            case .entry(let isAction):
                if actionColumn != nil, !isAction {
                    columns[i].role = hasCriteria ? nil : .criteria
                } else if let first = columns.first(where: { if case .entry = $0.role { true } else { false } }), first.index != i,
                          actionColumn == nil || i != actionColumn {
                    columns[i].role = nil
                }
            case .section:
                if seenSection { columns[i].role = nil }
                seenSection = true
            default: break
            }
        }
        // A performance book (measure, date, value) is data for `check --data`, not a plan.
        let headerWords = Set(columns.map { $0.header.lowercased() })
        if headerWords.contains("value"), headerWords.contains("date") || headerWords.contains("month"),
           !columns.contains(where: { $0.role == .criteria || $0.role == .lead }) {
            return ImportFailure("this looks like a performance book (its columns include date and value), which is data "
                                 + "for `plancheck check --data`, not a plan table", line: grid.lines[best.row])
        }
        guard entryColumn != nil else {
            return ImportFailure("the header row has no column for the measures or actions themselves (a heading such as "
                                 + "Measure, Evidence, Indicator, Action or We will)", line: grid.lines[best.row])
        }
        takeSubLabels()
        for r in 0..<headerRows[0] {
            let text = grid.rows[r].map(CellCleaner.clean).filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty { titleRows.append(text) }
        }
        return nil
    }

    /// A row of sub-labels just under a one-row header (`Nov-24` under "RAG
    /// status", the other headings merged down over it): no entry, ref or
    /// section in it, only short words under headed columns. It is part of
    /// the header, each label added to its column's heading (so "RAG status
    /// Nov-24" dates its ratings), not an entry with no title.
    mutating func takeSubLabels() {
        let below = headerRow + 1
        guard headerRows.count == 1, below < grid.rows.count else { return }
        let cells = grid.rows[below].map(CellCleaner.clean)
        let filled = cells.indices.filter { !cells[$0].isEmpty }
        let own = Set([entryColumn, column(.entryRef), sectionColumn, column(.sectionRef)].compactMap { $0 })
        guard !filled.isEmpty, filled != [0], filled.allSatisfy({ c in
            c < columns.count && !own.contains(c) && !columns[c].header.isEmpty && ColumnRole.words(cells[c]).count <= 4
        }) else { return }
        // The header's other cells merged down over the row (a sheet says so);
        // a text table cannot, so there its labels must be few: a row with
        // most of its cells filled is an entry, even with no title.
        if let merges = grid.merges {
            let top = grid.lines[headerRow], bottom = grid.lines[below]
            guard merges.contains(where: { $0.first.row == top && $0.last.row >= bottom }) else { return }
        } else if filled.count * 2 >= columns.filter({ !$0.header.isEmpty }).count {
            return
        }
        for c in filled {
            columns[c].header += " " + cells[c]
            // "Timescale" over "Start": when work starts, no deadline.
            if columns[c].role == .timescale, ColumnRole.recognise(columns[c].header) == nil { columns[c].role = nil }
            if columns[c].role == nil, let role = ColumnRole.recognise(columns[c].header),
               !columns.contains(where: { $0.role == role }) {
                columns[c].role = role
            }
        }
        headerRows.append(below)
        headerRow = below
    }

    /// The row above or below the header row `row` that is part of the
    /// header too: a row of sub-headings below it (every cell a heading we
    /// know, two at least), or a row of headings above it (two at least we
    /// know, the rest short group headings), that heads a column `row` does
    /// not. A row of plan text is never one: its cells are long, or not
    /// headings at all.
    func headerPartner(of row: Int, cells: [String]) -> (row: Int, cells: [String])? {
        func heads(_ i: Int) -> Bool { i < cells.count && !cells[i].isEmpty && ColumnRole.recognise(cells[i]) != nil }
        var best: (row: Int, cells: [String], fills: Int)?
        for (candidate, below) in [(row + 1, true), (row - 1, false)] where grid.rows.indices.contains(candidate) {
            let other = grid.rows[candidate].map(CellCleaner.clean)
            let filled = other.indices.filter { !other[$0].isEmpty }
            let known = filled.filter { ColumnRole.recognise(other[$0]) != nil }
            let short = filled.allSatisfy { ColumnRole.words(other[$0]).count <= 5 }
            guard known.count >= 2, short, below ? known.count == filled.count : true else { continue }
            let fills = known.filter { !heads($0) }.count
            guard fills > 0, fills > best?.fills ?? 0 else { continue }
            best = (candidate, other, fills)
        }
        return best.map { ($0.row, $0.cells) }
    }

    // MARK: 2. Rows into sections and entries

    /// The id a cell starts with (`1.5 Incorporate ...`, `2 Ensure ...`,
    /// `Recommendation 3: ...`) and the rest of its text.
    static func leadingID(_ text: String) -> (id: String, rest: String)? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        let lower = text.lowercased()
        for word in ["recommendation ", "rec ", "outcome ", "priority ", "area ", "objective ", "action ", "measure "]
        where lower.hasPrefix(word) {
            i = word.unicodeScalars.count
            break
        }
        let start = i
        func digit(_ k: Int) -> Bool { k < scalars.count && ("0"..."9").contains(scalars[k]) }
        guard digit(i) else { return nil }
        while digit(i) || (i < scalars.count && scalars[i] == "." && digit(i + 1)) { i += 1 }
        if i < scalars.count, ("a"..."z").contains(scalars[i]), !(i + 1 < scalars.count && scalars[i + 1].properties.isAlphabetic) { i += 1 }
        let id = String(String.UnicodeScalarView(scalars[start..<i]))
        if id.count == 4, !id.contains("."), let year = Int(id), (1900...2100).contains(year) { return nil }
        var j = i
        var marked = id.contains(".") || id.last.map { $0.isLetter } == true
        if j < scalars.count, [".", ")", ":"].contains(scalars[j]) {
            j += 1
            marked = true
        }
        guard j < scalars.count, scalars[j] == " " || j > i else { return nil }
        while j < scalars.count, scalars[j] == " " || scalars[j] == "-" || scalars[j] == "\u{2013}" { j += 1 }
        guard j < scalars.count else { return nil }
        // "2 Ensure ..." is numbered; "24 hour screening" is a title that starts with a number.
        if !marked, scalars[j].properties.isLowercase { return nil }
        return (id, String(String.UnicodeScalarView(scalars[j...])))
    }

    /// Most non-empty cells of `column` start with a number.
    func isNumbered(_ column: Int?, rows: [Row]) -> Bool {
        guard let column else { return false }
        let texts = rows.map { $0.text(column) }.filter { !$0.isEmpty }
        guard !texts.isEmpty else { return false }
        return texts.filter { Self.leadingID($0) != nil }.count * 2 >= texts.count
    }

    /// Adds a continuation row's cell: a cell split at a page break runs on
    /// (`joined`); a merged cell's next row is a paragraph of its own.
    static func append(_ more: Cell, to cell: inout Cell, joined: Bool = true) {
        guard !more.isEmpty else { return }
        if cell.isEmpty || !joined {
            cell.append(contentsOf: more)
            return
        }
        // A cell split at a page break: its last line runs on into the next page's first.
        cell[cell.count - 1] += " " + more[0]
        cell.append(contentsOf: more.dropFirst())
    }

    /// `Key:`, `Note:`, `Notes:`, `NB:`, `Source:` at the start of a row's first cell.
    static func startsAsNote(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["key:", "key -", "note:", "notes:", "nb:", "n.b.", "source:", "sources:"].contains { lower.hasPrefix($0) }
    }

    /// Where the table's closing notes start (the grid's row count when it has
    /// none): the rows after the table's last blank row when every one of
    /// them is a note (text in one cell, or a first cell starting `Key:`,
    /// `Note:`, ...), and rows at the very end that start so. They become comments, never
    /// entries nor part of the last entry's cells.
    func closingNotesStart() -> Int {
        let cleaned = grid.rows.map { $0.map(CellCleaner.clean) }
        func filled(_ r: Int) -> [String] { cleaned[r].filter { !$0.isEmpty } }
        // The row's first cell, not its first filled one (a progress cell may say "Note: ...").
        func startsAsNote(_ r: Int) -> Bool { cleaned[r].first.map(Self.startsAsNote) ?? false }
        var start = grid.rows.count
        var r = grid.rows.count - 1
        while r > headerRow, filled(r).isEmpty || startsAsNote(r) {
            if !filled(r).isEmpty { start = r }
            r -= 1
        }
        let body = ((headerRow + 1)..<grid.rows.count).filter { !filled($0).isEmpty }
        if let last = body.lastIndex(where: { grid.blankBefore($0) }), last > 0,
           body[last...].allSatisfy({ filled($0).count == 1 || startsAsNote($0) }) {
            start = min(start, body[last])
        }
        return start
    }

    mutating func collectRows() -> ImportFailure? {
        let notesStart = closingNotesStart()
        // Cells beyond the header's last column are kept, as comments, under a made-up heading.
        let widest = grid.rows[(headerRow + 1)..<max(headerRow + 1, notesStart)].map(\.count).max() ?? 0
        while columns.count < widest {
            columns.append(Column(index: columns.count, header: "column \(columns.count + 1)", role: nil))
        }
        for i in columns.indices where columns[i].header.isEmpty && columns[i].role == nil {
            columns[i].header = "column \(i + 1)"
        }
        let width = columns.count
        // A header repeated after a page break (each of its rows) is not an entry.
        let headerKeys = headerRows.map { r in grid.rows[r].map { CellCleaner.clean($0).lowercased() }.filter { !$0.isEmpty } }
        var rows: [Row] = []
        var breakBefore = Set<Int>()
        var pendingBreak = false
        for r in (headerRow + 1)..<max(headerRow + 1, notesStart) {
            var cells = Self.cleanRow(grid.rows[r])
            if cells.allSatisfy(\.isEmpty) { continue }
            if headerKeys.contains(cells.map({ $0.joined(separator: " ").lowercased() }).filter({ !$0.isEmpty })) {
                // Both rows of a two-row header are one page break.
                if !pendingBreak { pageBreaks += 1 }
                pendingBreak = true
                continue
            }
            while cells.count < width { cells.append([]) }
            cells = Array(cells.prefix(width))
            if pendingBreak { breakBefore.insert(rows.count) }
            pendingBreak = false
            rows.append(Row(line: grid.lines[r], cells: cells))
        }
        guard !rows.isEmpty else {
            return ImportFailure("the table has a header but no rows under it", line: grid.lines[headerRow])
        }
        let sectionCol = sectionColumn
        let sectionRefCol = column(.sectionRef)
        let entryCol = entryColumn!
        let entryRefCol = column(.entryRef)
        sectionsNumbered = isNumbered(sectionCol, rows: rows)
        entriesNumbered = isNumbered(entryCol, rows: rows)
        let keyword: SectionKeyword = columns.first { if case .section = $0.role { true } else { false } }
            .flatMap { if case .section(let k) = $0.role { k } else { nil } } ?? .section
        let ownColumns = Set([sectionCol, sectionRefCol].compactMap { $0 })

        for (index, row) in rows.enumerated() {
            let afterBreak = breakBefore.contains(index)
            let sectionText = row.text(sectionCol)
            let sectionRef = row.text(sectionRefCol)
            let entryText = row.text(entryCol)
            let others = row.cells.indices.filter { !ownColumns.contains($0) && !row.cells[$0].isEmpty }
            let filled = row.cells.filter { !$0.isEmpty }.count

            // A heading row across the table ("Priority 1: Keep children safe" in
            // the first cell, the rest blank) when no column holds the sections.
            if sectionCol == nil, sectionRefCol == nil, filled == 1, entryText.isEmpty, !row.cells[0].isEmpty {
                let heading = row.text(0)
                let first = ColumnRole.words(heading).first ?? ""
                let keyword = SectionKeyword.allCases.first { $0.rawValue == first } ?? (first == "recommendation" ? .recommendation : .section)
                var title = heading
                if let lead = Self.leadingID(heading) { title = lead.rest }
                var ref = Self.leadingID(heading)?.id ?? ""
                if ref.isEmpty, keyword != .section || first == "section" {
                    // "Priority 1: ..." names its number after the word.
                    let rest = String(heading.dropFirst(first.count)).trimmingPrefix(" ")
                    if let lead = Self.leadingID(String(rest)) {
                        ref = lead.id
                        title = lead.rest
                    }
                }
                sections.append(Section(keyword: keyword, ref: ref, title: [title], line: row.line, singleCell: true))
                continue
            }

            // A numbered heading in the entries' own column ("1 | Improve the
            // timeliness of assessments", the other cells blank) above rows
            // numbered under it (1.1, 1.2): a section, not an entry (it took
            // the lead and due date of the row above, as a merged cell would).
            if sectionCol == nil, sectionRefCol == nil, let heading = numberedHeading(row, next: rows.dropFirst(index + 1).first,
                                                                                 entryCol: entryCol, refCol: entryRefCol) {
                let words = ColumnRole.words(columns[entryCol].header)
                sections.append(Section(keyword: words.contains("recommendation") ? .recommendation : .section,
                                        ref: heading.ref, title: [heading.title], line: row.line, singleCell: false))
                continue
            }

            // Section cells: a new section, or the rest of one split by a page break.
            if !sectionText.isEmpty || !sectionRef.isEmpty {
                let current = sections.last
                let isSame = current.map { $0.title.joined(separator: " ") == sectionText && ($0.ref == sectionRef || sectionRef.isEmpty) } ?? false
                if afterBreak, sectionRef.isEmpty, sectionsNumbered, Self.leadingID(sectionText) == nil, !sections.isEmpty {
                    Self.append(sectionCol.map { row.cells[$0] } ?? [], to: &sections[sections.count - 1].title)
                } else if !isSame {
                    sections.append(Section(keyword: keyword, ref: sectionRef,
                                            title: sectionCol.map { row.cells[$0] } ?? [], line: row.line,
                                            singleCell: filled == 1))
                }
            }

            // The entry: a new one, or more of the one above.
            let isContinuation: Bool
            if entryText.isEmpty {
                isContinuation = true
            } else if afterBreak, entriesNumbered, Self.leadingID(entryText) == nil, row.text(entryRefCol).isEmpty {
                isContinuation = true
            } else {
                isContinuation = false
            }
            if isContinuation {
                let fields = others.filter { $0 != entryCol || !entryText.isEmpty }
                guard !fields.isEmpty else { continue }
                if let last = entries.indices.last, entries[last].section == (sections.isEmpty ? nil : sections.count - 1) {
                    for c in fields { Self.append(row.cells[c], to: &entries[last].cells[c], joined: afterBreak) }
                } else {
                    // Cells with no measure or action to belong to: an entry with no title, said so.
                    var cells = row.cells
                    for c in ownColumns { cells[c] = [] }
                    entries.append(Entry(isAction: isAction, line: row.line, cells: cells,
                                         section: sections.isEmpty ? nil : sections.count - 1))
                    if !sections.isEmpty { sections[sections.count - 1].entries.append(entries.count - 1) }
                }
                continue
            }
            var cells = row.cells
            for c in ownColumns { cells[c] = [] }
            entries.append(Entry(isAction: isAction, line: row.line, cells: cells,
                                 section: sections.isEmpty ? nil : sections.count - 1))
            if !sections.isEmpty { sections[sections.count - 1].entries.append(entries.count - 1) }
        }

        for r in notesStart..<grid.rows.count {
            let text = grid.rows[r].map(CellCleaner.clean).filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty { footer.append(text) }
        }
        // Footer notes: sections at the end with no entries, each from a one-cell row.
        while let last = sections.last, last.entries.isEmpty, last.singleCell {
            footer.insert(([last.ref] + last.title).filter { !$0.isEmpty }.joined(separator: " "), at: 0)
            sections.removeLast()
        }
        carryDown()
        return nil
    }

    var isAction: Bool {
        if let c = entryColumn, case .entry(let action) = columns[c].role { return action }
        return false
    }

    /// A row that is a numbered heading over the entries below it: its only
    /// cells the entry (and its ref), its number whole (`1`, `R2`), and the
    /// next row numbered under it (`1.1`).
    func numberedHeading(_ row: Row, next: Row?, entryCol: Int, refCol: Int?) -> (ref: String, title: String)? {
        guard let next else { return nil }
        let filled = row.cells.indices.filter { !row.cells[$0].isEmpty }
        guard filled.allSatisfy({ $0 == entryCol || $0 == refCol }) else { return nil }
        func number(_ r: Row) -> (id: String, rest: String)? {
            if let refCol, !r.text(refCol).isEmpty { return (r.text(refCol), r.text(entryCol)) }
            return Self.leadingID(r.text(entryCol))
        }
        guard let own = number(row), !own.id.contains("."), !own.rest.isEmpty,
              let under = number(next), under.id.hasPrefix(own.id + ".") else { return nil }
        return (own.id, own.rest)
    }

    /// Merged cells: a blank lead, timescale, workstream, evidence or sign-off
    /// cell below an entry of the same section takes that entry's value.
    mutating func carryDown() {
        let carried = columns.filter { col in
            switch col.role {
            case .lead, .timescale, .workstream, .evidenceKind, .evidenceSource, .signoff: true
            default: false
            }
        }.map(\.index)
        var used = Set<Int>()
        for i in entries.indices.dropFirst() {
            let previous = entries[i - 1]
            guard previous.section == entries[i].section else { continue }
            for c in carried where entries[i].cells[c].isEmpty && !previous.cells[c].isEmpty
                && grid.mayCarryDown(line: entries[i].line, column: c) {
                entries[i].cells[c] = previous.cells[c]
                entries[i].carried.insert(c)
                entries[i].origins[c] = previous.origins[c] ?? previous.line
                used.insert(c)
            }
        }
        carriedColumns = columns.filter { used.contains($0.index) }.map(\.header)
    }
}
