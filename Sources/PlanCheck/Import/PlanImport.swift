/// `plancheck import`: a plan table (TSV, CSV, or any grid of cells) in, a plan
/// out, with every cell not read with confidence left as a `# TODO:`.
///
///     let result = PlanImport.run(bytes: Array(tsv.utf8), options: .init(name: "plan.tsv"))
///     switch result {
///     case .success(let imported): print(imported.text); print(imported.summary)
///     case .failure(let failure): print(failure.message)
///     }
///
/// The output is in `fmt` layout. What the table says is kept: every
/// criterion's words in a `note`, columns not recognised as comments.
public enum PlanImport {
    public struct Options: Sendable {
        /// The table's file name, for the first comment and the fallback title.
        public var name: String
        /// The plan's period (`April 2013 to March 2014`) when the caller knows it;
        /// otherwise it is inferred, when needed, from the dates the table names.
        public var period: String?
        /// For a workbook: the sheet to read (by its name); otherwise the first
        /// sheet that holds a plan table.
        public var sheet: String?

        public init(name: String, period: String? = nil, sheet: String? = nil) {
            self.name = name
            self.period = period
            self.sheet = sheet
        }
    }

    public struct Imported: Sendable {
        /// The plan, in `fmt` layout.
        public var text: String
        public var measures: Int
        public var actions: Int
        public var sections: Int
        /// Target clauses written.
        public var targets: Int
        /// `due` and `timescale` clauses written.
        public var deadlines: Int
        /// `# TODO:` comments left.
        public var todos: Int
        /// Other sheets of the workbook that hold a plan table too (when no
        /// sheet was named): only the first is imported.
        public var otherSheets: [String] = []
        /// Hidden sheets of the workbook that hold a plan table: passed over,
        /// as a hidden sheet is read only when named (`--sheet`).
        public var hiddenSheets: [String] = []

        /// One line for standard error.
        public var summary: String {
            func n(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
            var entries: [String] = []
            if measures > 0 || actions == 0 { entries.append(n(measures, "measure", "measures")) }
            if actions > 0 { entries.append(n(actions, "action", "actions")) }
            return "imported \(entries.joined(separator: " and "))"
                + (sections > 0 ? " in \(n(sections, "section", "sections"))" : "") + ": "
                + "\(n(targets, "target", "targets")) recognised, \(n(todos, "TODO", "TODOs")) left"
        }
    }

    /// Reads the bytes of a TSV or CSV file, or an .xlsx workbook, and imports it.
    public static func run(bytes: [UInt8], options: Options) -> Result<Imported, ImportFailure> {
        // A ZIP is an .xlsx; an OLE2 compound file an old .xls (or an
        // encrypted workbook), which the workbook reader names as such.
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return runWorkbook(bytes, options: options)
        }
        let lower = options.name.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
            return .failure(ImportFailure("it is named like an Excel workbook but is not one (an .xlsx is a ZIP archive): "
                                          + "open it in Excel and save it again as .xlsx or CSV"))
        }
        if let sheet = options.sheet {
            return .failure(ImportFailure("--sheet \"\(sheet)\" names a sheet of a workbook, but this is a table saved as text"))
        }
        switch TableText.read(bytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let grid): return run(grid: grid, options: options)
        }
    }

    /// A workbook: the sheet named by `options.sheet`, or else the first sheet
    /// that holds a plan table (a cover sheet or a notes sheet is passed over).
    static func runWorkbook(_ bytes: [UInt8], options: Options) -> Result<Imported, ImportFailure> {
        let book: Workbook
        // A cell's line breaks are kept (as U+2028, given back as line breaks
        // here): each line of a progress cell may be a dated note of its own.
        switch Workbook.read(bytes, keepingLineBreaks: true) {
        case .success(let b): book = b
        case .failure(let error):
            let what = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? "this is a ZIP file but not a workbook that can be read: " : ""
            return .failure(ImportFailure(what + error.message))
        }
        func grid(_ sheet: WorkbookSheet) -> TableGrid {
            let rows = sheet.grid().map { row in
                row.map { cell in
                    guard cell.unicodeScalars.contains("\u{2028}") else { return cell }
                    return String(String.UnicodeScalarView(cell.unicodeScalars.map { $0 == "\u{2028}" ? "\n" : $0 }))
                }
            }
            var grid = TableGrid(rows: rows, format: "Excel workbook, sheet \"\(sheet.name)\"", lineWord: "row",
                                 merges: sheet.merges, unreadable: Set(sheet.problems.compactMap(\.reference)))
            grid.sheet = sheet.name
            grid.date1904 = book.date1904
            grid.problems = sheet.problems.map { problem in
                let cell = problem.reference.flatMap { grid.cellName(column: $0.column, line: $0.row) } ?? problem.cell
                return "cell \(cell) could not be read: \(problem.message)"
            }
            return grid
        }
        if let name = options.sheet {
            guard let sheet = book.sheets.first(where: { $0.name == name }) else {
                let names = book.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                return .failure(ImportFailure("the workbook has no sheet \"\(name)\" (its sheets: \(names))"))
            }
            return run(grid: grid(sheet), options: options).mapError { failure in
                ImportFailure("sheet \"\(name)\": " + failure.message, line: failure.line)
            }
        }
        // A hidden sheet is read only when named (as `check --data` reads a
        // book): last year's plan, kept hidden, is not this year's. One that
        // holds a plan table is said, in the plan and on standard error.
        let hidden = book.sheets.filter { sheet in
            guard sheet.hidden, !sheet.isEmpty, case .success = run(grid: grid(sheet), options: options) else { return false }
            return true
        }.map(\.name)
        let notes = hidden.map { "The hidden sheet \"\($0)\" holds a plan table too; it is passed over (a hidden sheet is read only when named: --sheet \"\($0)\")." }
        var first: ImportFailure?
        for (index, sheet) in book.sheets.enumerated() where !sheet.isEmpty && !sheet.hidden {
            switch run(grid: grid(sheet), options: options, notes: notes) {
            case .success(var imported):
                // A second table ("Closed actions" beside "Open actions") is
                // named, so it is not passed over without a word.
                for other in book.sheets[(index + 1)...] where !other.isEmpty && !other.hidden {
                    if case .success = run(grid: grid(other), options: options) { imported.otherSheets.append(other.name) }
                }
                imported.hiddenSheets = hidden
                return .success(imported)
            case .failure(let failure):
                first = first ?? ImportFailure("sheet \"\(sheet.name)\": " + failure.message, line: failure.line)
            }
        }
        let named = hidden.map { "the hidden sheet \"\($0)\" holds one: import it with --sheet \"\($0)\"" }
        if first == nil, !hidden.isEmpty {
            return .failure(ImportFailure("no visible sheet holds a plan table; " + named.joined(separator: "; ")))
        }
        if var failure = first {
            if !named.isEmpty { failure.message += "; " + named.joined(separator: "; ") }
            return .failure(failure)
        }
        return .failure(ImportFailure("the workbook's sheets are all empty"))
    }

    /// Imports a table already split into cells (from a text file or a sheet).
    public static func run(grid: TableGrid, options: Options) -> Result<Imported, ImportFailure> {
        run(grid: grid, options: options, notes: [])
    }

    /// `notes`: sentences for the comment at the top (a hidden sheet passed over).
    static func run(grid: TableGrid, options: Options, notes: [String]) -> Result<Imported, ImportFailure> {
        if let period = options.period {
            // The period goes into the plan as written: it must read as one.
            let probe = "plan \"p\"\n  period \(period)\n"
            let checked = Pipeline.check(path: "period.plan", bytes: Array(probe.utf8), files: MemoryFiles([:]))
            let ok = !period.contains("\n") && !checked.diagnostics.contains { $0.severity == .error }
                && checked.model.period != nil && checked.loaded.entries.first?.entry.clauses.count == 1
            if !ok {
                let shown = period.unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
                return .failure(ImportFailure("the period \"\(shown)\" is not read as a period; write it as in \"April 2013 to March 2014\""))
            }
        }
        var importer = TableImporter(grid: grid)
        if let failure = importer.findHeader() { return .failure(failure) }
        if let failure = importer.collectRows() { return .failure(failure) }
        if importer.entries.isEmpty {
            return .failure(ImportFailure("no measures or actions under the header", line: grid.lines[importer.headerRow]))
        }
        return .success(importer.plan(options: options, notes: notes))
    }
}

extension TableImporter {
    mutating func plan(options: PlanImport.Options, notes: [String] = []) -> PlanImport.Imported {
        var context = assignIDs()
        // First pass: does anything need the plan's period?
        var scratchLeads: [TableImporter.LeadDeclaration] = []
        var scratchWorkstreams: [(String, String)] = []
        var scratchComparators: [(String, String)] = []
        context.periodKnown = true
        let needsPeriod = entries.indices.contains { i in
            write(entry: i, context: context, leads: &scratchLeads, workstreams: &scratchWorkstreams,
                  comparators: &scratchComparators).needsPeriod
        }
        var periodLine: String?
        var periodComment: String?
        if let period = options.period {
            periodLine = period
        } else if needsPeriod {
            if let (text, named) = inferredPeriod() {
                periodLine = text
                periodComment = "TODO: the period is inferred: the dates the table names (\(named.prefix(6).joined(separator: ", "))"
                    + "\(named.count > 6 ? ", ..." : "")) all fall in the financial year \(text); bare months are read inside it. Confirm it."
            }
        }
        context.periodKnown = periodLine != nil

        var leads: [TableImporter.LeadDeclaration] = []
        var workstreams: [(String, String)] = []
        var comparators: [(String, String)] = []
        var written: [Written] = []
        for i in entries.indices {
            written.append(write(entry: i, context: context, leads: &leads, workstreams: &workstreams, comparators: &comparators))
        }

        var counts = Counts()
        var lines: [String] = []
        func comment(_ text: String) { lines.append("# " + text) }
        func blank() { if let last = lines.last, !last.isEmpty { lines.append("") } }

        // What the import did, at the top.
        let headerPlace = headerRows.count == 2
            ? "\(grid.lineWord)s \(grid.lines[headerRows[0]]) and \(grid.lines[headerRows[1]])"
            : "\(grid.lineWord) \(grid.lines[headerRow])"
        comment("Imported by `plancheck import` from \(options.name) (\(grid.format)); the header is on \(headerPlace).")
        comment("Columns:")
        for c in columns where !c.header.isEmpty {
            comment("  \(c.header) -> " + (c.role?.meaning ?? "not recognised: kept as a comment above each entry"))
        }
        var deadlineSources: [String] = []
        for w in written { if let from = w.deadlineFrom, !deadlineSources.contains(from) { deadlineSources.append(from) } }
        for from in deadlineSources { comment("No timescale column: a target's deadline is \(from).") }
        if !carriedColumns.isEmpty {
            comment("Blank \(carriedColumns.joined(separator: ", ")) cells take the value of the entry above in the same section (merged cells).")
        }
        if pageBreaks > 0 {
            comment("The header is repeated \(pageBreaks) time\(pageBreaks == 1 ? "" : "s") (page breaks); a row that goes on with a cell split by the break is joined to it.")
        }
        if let example = context.restartedID, let refCol = column(.entryRef) {
            let keyword = sections.first?.keyword.rawValue ?? "section"
            comment("The \(columns[refCol].header) column starts again under each \(keyword): an id is the \(keyword)'s and the ref (\(example)).")
        }
        if context.madeUpIDs > 0 {
            let source = column(.entryRef).map { "no \(columns[$0].header)" } ?? "no number"
            comment("Rows with \(source) get an id from their section and place in it (\(context.madeUpIDs) of them).")
        }
        comment("Every criterion's words are kept in its entry's note; read each TODO.")
        for note in notes { comment(note) }
        for extra in titleRows.dropFirst() { comment("From the table's heading: \(extra)") }
        for problem in grid.problems {
            comment("TODO: " + problem)
            counts.todos += 1
        }

        // The plan's title: the first title row, else the file's name without its extension.
        let fileName = options.name.split(separator: "/").last.map(String.init) ?? options.name
        let stem = fileName.split(separator: ".").dropLast().joined(separator: ".")
        let title = titleRows.first ?? (options.name == "<stdin>" ? "Imported plan" : (stem.isEmpty ? fileName : stem))
        lines.append("plan \(Self.quoted(title))")
        if let periodComment {
            lines.append("  # " + periodComment)
            counts.todos += 1
        }
        if let periodLine { lines.append("  period \(periodLine)") }

        if !comparators.isEmpty {
            blank()
            for (id, title) in comparators { lines.append("comparator \(id) \(Self.quoted(title))") }
        }
        if !workstreams.isEmpty {
            blank()
            for (id, title) in workstreams { lines.append("workstream \(id) \(Self.quoted(title))") }
        }
        for lead in leads {
            blank()
            // A lead declares one role; the others the table gives are said.
            if !lead.otherRoles.isEmpty {
                comment("TODO: \(lead.name) is also named as " + lead.otherRoles.map { "\"\($0)\"" }.joined(separator: ", ")
                        + "; the role declared is the first given")
                counts.todos += 1
            }
            lines.append("lead \(Self.quoted(lead.name))")
            if let role = lead.role { lines.append("  role \(Self.quoted(role))") }
        }

        // Sections and entries in the table's order; entries above the first section first.
        func writeEntry(_ i: Int) {
            let w = written[i]
            blank()
            for c in w.comments { comment(c) }
            lines.append(w.header)
            for clause in w.clauses { lines.append("  " + clause) }
            if !w.data.isEmpty {
                lines.append("data \(context.entryIDs[i])")
                for row in w.data { lines.append("  " + row) }
            }
            counts.todos += w.todos
            counts.targets += w.targets
            counts.deadlines += w.deadlines
            if entries[i].isAction { counts.actions += 1 } else { counts.measures += 1 }
        }
        for i in entries.indices where entries[i].section == nil { writeEntry(i) }
        for (s, section) in sections.enumerated() {
            blank()
            lines.append("\(section.keyword.rawValue) \(context.sectionIDs[s]) \(Self.quoted(context.sectionTitles[s]))")
            for i in section.entries { writeEntry(i) }
        }
        if !footer.isEmpty {
            blank()
            comment("The table's closing notes:")
            for note in footer { comment(note) }
        }
        counts.sections = sections.count
        let raw = Self.withoutClausesThatFail(lines, counts: &counts).joined(separator: "\n") + "\n"
        // The canonical layout, when the plan parses (it may not, where it uses
        // language forms this build does not know yet); otherwise as written,
        // which is already laid out the same way.
        let text = Formatter.format(SourceFile(name: options.name, text: raw)) ?? raw
        return PlanImport.Imported(text: text, measures: counts.measures, actions: counts.actions, sections: counts.sections,
                                   targets: counts.targets, deadlines: counts.deadlines, todos: counts.todos)
    }

    /// The last guard: a clause the checker rejects (a percentage over 100, a
    /// baseline in another unit than the target) was not read with confidence
    /// after all. It is left as a `# TODO:` with the checker's reason, so the
    /// plan written always checks; the table's words are still in the note.
    static func withoutClausesThatFail(_ lines: [String], counts: inout Counts) -> [String] {
        var lines = lines
        for _ in 0..<4 {
            let text = lines.joined(separator: "\n") + "\n"
            let checked = Pipeline.check(path: "import.plan", bytes: Array(text.utf8), files: MemoryFiles([:]))
            let errors = checked.diagnostics.filter { $0.severity == .error }
            guard !errors.isEmpty else { break }
            var changed = false
            for error in errors {
                let source = checked.sources[error.location.file]
                let index = source.position(of: error.location.span.start).line - 1
                guard lines.indices.contains(index), lines[index].hasPrefix("  "), !lines[index].hasPrefix("  #") else { continue }
                let clause = String(lines[index].dropFirst(2))
                if clause.hasPrefix("target ") { counts.targets -= 1 }
                lines[index] = "  # TODO: not written, as the checker says \(error.message): \(clause)"
                counts.todos += 1
                changed = true
            }
            if !changed { break }
        }
        return lines
    }
}
