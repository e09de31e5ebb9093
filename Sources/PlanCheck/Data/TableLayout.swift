/// The records of one CSV file or one workbook sheet (as text), with how to
/// read a cell and name its place.
struct DataTable {
    let reader: CSVReader
    let records: [CSVRecord]
    let file: FileID
    /// A sheet's rows leave out trailing empty cells; a missing cell is empty.
    let isSheet: Bool
    /// A sheet's cells merged down a column (`A3:A4`), by row and column: the
    /// first cell's text, so a measure id merged over its actual and SN rows,
    /// or a header merged over two header rows, reads in every row.
    var fills: [Int: [Int: String]] = [:]
    /// The first cells of merges across columns (row << 16 | column): group
    /// headings such as a `2013/14` merged over its months, never a column's own header.
    var groupHeadings: Set<Int> = []
    /// The last column of each merge across columns, by its first cell
    /// (row << 16 | column): how far a group heading reaches.
    var groupEnds: [Int: Int] = [:]

    /// Reads the sheet's merges: a merge down one column fills its cells; a
    /// merge across columns is a group heading.
    mutating func apply(_ merges: [CellRange]) {
        var tops: [Int: [Int: Int]] = [:]  // row -> column -> rows below to fill
        for merge in merges {
            if merge.last.column > merge.first.column {
                groupHeadings.insert(merge.first.row << 16 | merge.first.column)
                groupEnds[merge.first.row << 16 | merge.first.column] = merge.last.column
            } else if merge.last.row > merge.first.row, merge.last.row - merge.first.row < 10_000 {
                tops[merge.first.row, default: [:]][merge.first.column] = merge.last.row
            }
        }
        guard !tops.isEmpty else { return }
        for record in records {
            guard let columns = tops[record.line] else { continue }
            for (column, lastRow) in columns {
                let value = text(record, column)
                guard !value.isEmpty, record.line < lastRow else { continue }
                for row in (record.line + 1)...lastRow { fills[row, default: [:]][column] = value }
            }
        }
    }

    func isGroupHeading(_ record: CSVRecord, _ column: Int) -> Bool {
        !groupHeadings.isEmpty && groupHeadings.contains(record.line << 16 | column)
    }

    /// The cell's text, trimmed; empty for a cell the row does not have.
    func text(_ record: CSVRecord, _ column: Int) -> String {
        if !fills.isEmpty, let filled = fills[record.line]?[column] { return filled }
        return column >= 0 && column < record.fields.count ? reader.text(of: record.fields[column]) : ""
    }

    func withValueBytes<R>(_ record: CSVRecord, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if !fills.isEmpty, let filled = fills[record.line]?[column] {
            return Array(filled.utf8).withUnsafeBufferPointer(body)
        }
        if column >= 0 && column < record.fields.count { return reader.withValueBytes(of: record.fields[column], body) }
        return body(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The cell's place; for a cell the row does not have, the end of the row
    /// (in a sheet, the comma count makes that the right column only if it
    /// exists, so the row's end is the honest place).
    func location(_ record: CSVRecord, _ column: Int) -> Location {
        if column >= 0 && column < record.fields.count { return Location(file: file, span: record.fields[column].span) }
        return Location(file: file, span: .at(record.span.end))
    }

    func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { reader.withValueBytes(of: $0) { $0.isEmpty } }
    }
}

/// How a performance book lays out its observations, found from its header.
///
/// - **long**: one observation a row, columns `measure` (or `id`, `action`),
///   `date`, `value` and optionally `series`, in any order;
/// - **wide**: one measure a row, as analysts keep a book: a first column of
///   ids, then columns headed by dates in any form the language reads
///   (`Apr-13`, `2013-04`, `April 2013`, `Q1 2013/14`, `2016/17`, a bare
///   month inside the plan's period), with optional `series`, `polarity` and
///   `unit` columns. Other columns (a description, "SN Average") are ignored.
///
/// The header is the first of the first ten non-blank rows that reads as
/// either, so a title row above it (often merged across the sheet) is passed over.
/// In a sheet, a heading merged across columns (`2013/14` over its months) is
/// a group heading, not a date column, and a cell merged down (`Measure` over
/// two header rows, an id over its actual and SN rows) reads in every row.
enum TableLayout {
    struct LongColumns {
        var id: Int
        var date: Int
        var value: Int
        var series: Int?
    }

    struct WideColumns {
        var id: Int
        var series: Int?
        var polarity: Int?
        var unit: Int?
        /// Date columns, with the header's date form (resolved by the loader).
        var dates: [(column: Int, form: DateForm)]
        /// Columns whose header has a digit but is not a date: probably a
        /// misspelt date, so the loader warns that it is ignored.
        var suspicious: [Int]
    }

    case long(header: Int, LongColumns)
    case wide(header: Int, WideColumns)

    static let headerSearchRows = 10

    /// The layout, from the first of the first ten non-blank rows that reads
    /// as either. The search stops at a row that names two or more of the
    /// long form's columns but not all it needs (`measure,date,status`): that
    /// is the header, misnamed, and the rows below it are data, never a
    /// header (its first row would otherwise pass for a wide one, its date
    /// for a column, and every value be misread).
    static func detect(_ table: DataTable, period: DateRange?, isPlanID: (String) -> Bool = { _ in false }) -> TableLayout? {
        var looked = 0
        for (index, record) in table.records.enumerated() {
            if table.isBlank(record) { continue }
            looked += 1
            if looked > headerSearchRows { break }
            if let layout = read(header: record, index: index, table: table, isPlanID: isPlanID) { return layout }
            if isMisnamedLongHeader(record, table: table) { return nil }
        }
        return nil
    }

    /// The long form's column names, and the words books use for them.
    static let longNames: Set<String> = ["measure", "id", "action", "date", "value", "series"]

    /// A row naming two or more long-form columns, one of them `date` or
    /// `value` (`measure,date,status`), without the three it needs.
    static func isMisnamedLongHeader(_ record: CSVRecord, table: DataTable) -> Bool {
        // A wide header names `Measure` and `Series` too; only the long form
        // has a `date` or a `value` column.
        longNamesIn(record, table: table) >= 2
            && (0..<record.fields.count).contains { ["date", "value"].contains(table.text(record, $0).lowercased()) }
    }

    /// How many of the long form's columns a row names.
    static func longNamesIn(_ record: CSVRecord, table: DataTable) -> Int {
        var named = Set<String>()
        for column in 0..<record.fields.count {
            let name = table.text(record, column).lowercased()
            if longNames.contains(name) { named.insert(name == "id" || name == "action" ? "measure" : name) }
        }
        return named.count
    }

    static func read(header record: CSVRecord, index: Int, table: DataTable,
                     isPlanID: (String) -> Bool = { _ in false }) -> TableLayout? {
        let width = max(record.fields.count, (table.fills[record.line]?.keys.max() ?? -1) + 1)
        let names = (0..<width).map { table.text(record, $0).lowercased() }
        func column(_ wanted: String...) -> Int? {
            for name in wanted { if let i = names.firstIndex(of: name) { return i } }
            return nil
        }
        if let id = column("measure", "id", "action"), let date = column("date"), let value = column("value") {
            return .long(header: index, LongColumns(id: id, date: date, value: value, series: column("series")))
        }
        guard var id = names.firstIndex(where: { !$0.isEmpty }) else { return nil }
        func isDate(_ column: Int) -> Bool {
            column < names.count && !table.isGroupHeading(record, column)
                && table.withValueBytes(record, column, { Parser.dataDateForm($0) }) != nil
        }
        if isDate(id) {
            // A blank corner (`,Apr-24,May-24`): the ids are under the empty
            // header before the dates. Two dates side by side say so; a row
            // of year headings (`,2023/24,,,,2024/25`) has gaps between them.
            guard id > 0, isDate(id + 1) else { return nil }
            id -= 1
        }
        // A row that starts with one of the plan's ids is data, not a header.
        if isPlanID(table.text(record, id)) { return nil }
        var wide = WideColumns(id: id, series: nil, polarity: nil, unit: nil, dates: [], suspicious: [])
        for i in names.indices where i != id && !names[i].isEmpty && !table.isGroupHeading(record, i) {
            switch names[i] {
            case "series": wide.series = wide.series ?? i
            case "polarity": wide.polarity = wide.polarity ?? i
            case "unit", "units": wide.unit = wide.unit ?? i
            default:
                if let form = table.withValueBytes(record, i, { Parser.dataDateForm($0) }) {
                    wide.dates.append((i, form))
                } else if names[i].utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                    wide.suspicious.append(i)
                }
            }
        }
        return wide.dates.isEmpty ? nil : .wide(header: index, wide)
    }

    /// The years a wide book's header row sits under: the nearest non-blank
    /// row above it, when each of its cells over the date columns (from
    /// `first`) is a financial year (`2023/24`) or a year (`2024`). Each
    /// heading reaches to its merge's last column, or, unmerged (a CSV), up
    /// to the next heading.
    static func yearGroups(_ table: DataTable, header: Int, from first: Int) -> [(columns: ClosedRange<Int>, range: DateRange)] {
        guard let above = table.records[..<header].last(where: { !table.isBlank($0) }) else { return [] }
        var headings: [(column: Int, range: DateRange)] = []
        for column in first..<max(first, above.fields.count) {
            let text = table.text(above, column)
            guard !text.isEmpty else { continue }
            guard let range = yearRange(text) else { return [] }
            headings.append((column, range))
        }
        return headings.indices.map { i in
            let first = headings[i].column
            let end = table.groupEnds[above.line << 16 | first]
                ?? (i + 1 < headings.count ? headings[i + 1].column - 1 : Int(UInt16.max))
            return (first...max(first, end), headings[i].range)
        }
    }

    /// Whether the layout reads a sheet's cell: its header row and the rows
    /// below it, in the id, date, value and series (polarity, unit)
    /// columns. Without a layout, every cell.
    static func reads(_ cell: CellReference, _ layout: TableLayout?, _ table: DataTable) -> Bool {
        let header: Int
        let columns: [Int?]
        switch layout {
        case .long(let h, let c)?: (header, columns) = (h, [c.id, c.date, c.value, c.series])
        case .wide(let h, let c)?: (header, columns) = (h, [c.id, c.series, c.polarity, c.unit] + c.dates.map(\.column))
        case nil: return true
        }
        return cell.row >= table.records[header].line && columns.contains(cell.column)
    }

    /// `2023/24` (April 2023 to March 2024) or `2024` (the calendar year).
    static func yearRange(_ text: String) -> DateRange? {
        let bytes = Array(text.utf8)
        if bytes.count == 4, bytes.allSatisfy(Lexer.isDigit), let year = Int(text), year >= 1900,
           let start = CalendarDate(year: year, month: 1, day: 1), let end = CalendarDate(year: year, month: 12, day: 31) {
            return DateRange(start: start, end: end)
        }
        guard case .financialYear(let startYear)? = Parser.dataDateForm(bytes[...]),
              let start = CalendarDate(year: startYear, month: 4, day: 1),
              let end = CalendarDate(year: startYear + 1, month: 3, day: 31) else { return nil }
        return DateRange(start: start, end: end)
    }
}

extension DataLoader.Loading {
    /// One measure a row, a column per date.
    mutating func readWide(_ table: DataTable, header: Int, columns: TableLayout.WideColumns) {
        let headerRecord = table.records[header]
        var dates: [(column: Int, date: CalendarDate)] = []
        var seen: [CalendarDate: Int] = [:]
        let years = TableLayout.yearGroups(table, header: header, from: columns.dates.map(\.column).min() ?? 0)
        // Bare months placed by the plan's period, in column order: a run
        // that rises, falls and rises again is most likely a rolling year.
        var placedByPeriod: [(column: Int, date: CalendarDate)] = []
        for (column, form) in columns.dates {
            let written = table.text(headerRecord, column)
            // A bare month under a year's heading (`2023/24` over Oct to
            // Mar, `2024/25` over Apr to Sep: a rolling twelve months) is
            // that year's month, not the plan period's.
            let year = form.needsPeriod ? years.first { $0.columns.contains(column) }?.range : nil
            switch DateResolution.resolve(form, written: written, period: year ?? model.period) {
            case .success(let date):
                if let first = seen[date] {
                    diagnostics.append(Diagnostic(
                        .dataDuplicate, "a second column for \(date.display)", at: table.location(headerRecord, column),
                        labels: [Label(table.location(headerRecord, first), "the first")],
                        help: "keep one column per date"))
                    continue
                }
                seen[date] = column
                dates.append((column, date))
                if form.needsPeriod, year == nil { placedByPeriod.append((column, date)) }
            case .failure(let problem):
                diagnostics.append(Diagnostic(.dataBadDate, problem.message, at: table.location(headerRecord, column),
                                              help: problem.help))
            }
        }
        warnOfWrappedMonths(placedByPeriod.sorted { $0.column < $1.column }, table, headerRecord)
        for column in columns.suspicious {
            diagnostics.append(Diagnostic(
                .dataIgnoredColumn,
                "the column \"\(WorkbookLimits.quote(table.text(headerRecord, column)))\" is not a date, so its values are not read",
                at: table.location(headerRecord, column),
                help: "head each date column with a date: Apr-13, 2013-04, April 2013, Q1 2013/14 or 2013/14"))
        }
        // In a CSV, a value under no header right of the ids would be dropped
        // without a word: most often an unquoted `1,234` has shifted the row.
        let headed = (0..<headerRecord.fields.count).filter { !table.text(headerRecord, $0).isEmpty }
        let lastHeaded = headed.last ?? columns.id
        for record in table.records[(header + 1)...] where !table.isBlank(record) {
            if !table.isSheet, let extra = ((columns.id + 1)..<max(columns.id + 1, record.fields.count)).first(where: { column in
                (column > lastHeaded || table.text(headerRecord, column).isEmpty)
                    && table.withValueBytes(record, column) { !$0.isEmpty }
            }) {
                diagnostics.append(Diagnostic(
                    .dataExtraField,
                    extra > lastHeaded
                        ? "this row has \(record.fields.count) fields but the header names \(lastHeaded + 1) columns; \"\(WorkbookLimits.quote(table.text(record, extra)))\" is in none of them"
                        : "\"\(WorkbookLimits.quote(table.text(record, extra)))\" is in a column with no header",
                    at: table.location(record, extra),
                    help: "quote a value that holds a comma (\"1,234\"), or head the column with its date; the row is not read"))
                continue
            }
            let id = table.text(record, columns.id)
            let hasValues = dates.contains { !table.text(record, $0.column).isEmpty }
            guard let item = itemIndex[id] else {
                // A row with no values is a heading or a note, not data; a
                // row of another plan judged with this one is that plan's.
                guard hasValues, !otherPlansIDs.contains(id) else { continue }
                diagnostics.append(Diagnostic(
                    .dataUnknownID,
                    id.isEmpty ? "this row has values but no measure id" : "the plan has no measure or action \"\(WorkbookLimits.quote(id))\"",
                    at: id.isEmpty ? Location(file: table.file, span: record.span) : table.location(record, columns.id),
                    help: id.isEmpty ? nil : unknownIDHelp(id)))
                continue
            }
            if recordsReferences { noteIDCell(item, at: table.location(record, columns.id)) }
            let seriesName = columns.series.map { table.text(record, $0) } ?? ""
            guard let series = seriesKey(seriesName, at: table.location(record, columns.series ?? columns.id)) else { continue }
            if case .comparator(let name) = series, let column = columns.series {
                noteComparator(name, at: table.location(record, column))
            }
            if let column = columns.polarity { checkPolarity(table, record, column, item: item) }
            if let column = columns.unit { checkUnit(table, record, column, item: item) }
            for (column, date) in dates {
                readValue(table, record, column, item: item, series: series, date: date, blankIsGap: true)
            }
        }
    }

    /// Bare month headings placed in the plan's period run forward, then back,
    /// then forward (`Oct … Mar, Apr … Sep` in a plan of April to March):
    /// the book most likely shows a rolling twelve months across two years,
    /// and its first months are last year's. Read as the plan's period says,
    /// and warned of at the column where the dates go back. A book that runs
    /// backwards throughout (latest first) is not warned.
    mutating func warnOfWrappedMonths(_ placed: [(column: Int, date: CalendarDate)], _ table: DataTable, _ header: CSVRecord) {
        guard placed.count >= 3 else { return }
        var rises = false
        for (a, b) in zip(placed, placed.dropFirst()) {
            if b.date > a.date { rises = true; continue }
            // A fall before any rise: a book that runs backwards, latest first.
            guard rises else { return }
            diagnostics.append(Diagnostic(
                .dataPlanMismatch,
                "the book's months, placed in the plan's period, go back here: \"\(WorkbookLimits.quote(table.text(header, b.column)))\" is \(b.date.display), after \(a.date.display)",
                at: table.location(header, b.column), labels: [Label(table.location(header, a.column), "the column before")],
                help: "if the book runs over two years (a rolling twelve months), head its columns with their years (Apr-24), or put year headings (2023/24, 2024/25) above them"))
            return
        }
    }

    /// A book's `polarity` cell against the plan's: a disagreement is a warning
    /// (the plan decides how a measure is judged).
    mutating func checkPolarity(_ table: DataTable, _ record: CSVRecord, _ column: Int, item: Int) {
        let written = table.text(record, column)
        let said: Polarity?
        switch written.lowercased() {
        case "": return
        case "higher", "high", "higher is better", "up", "increase": said = .higher
        case "lower", "low", "lower is better", "down", "decrease": said = .lower
        default: said = nil
        }
        let measure = model.items[item]
        guard let said else {
            diagnostics.append(Diagnostic(.dataPlanMismatch, "cannot read \"\(WorkbookLimits.quote(written))\" as a polarity",
                                          at: table.location(record, column), severity: .warning,
                                          help: "write higher or lower, or leave it empty"))
            return
        }
        if let planned = measure.polarity, planned != said {
            diagnostics.append(Diagnostic(
                .dataPlanMismatch,
                "the book says \(said.rawValue) is better for \(measure.id), the plan says \(planned.rawValue)",
                at: table.location(record, column), labels: [Label(measure.location, "the plan's measure")],
                help: "the plan's polarity is used; correct whichever is wrong"))
        }
    }

    /// A book's `unit` cell against the plan's.
    mutating func checkUnit(_ table: DataTable, _ record: CSVRecord, _ column: Int, item: Int) {
        let written = table.text(record, column)
        let said: Unit?
        // The plan's own unit words, singular or plural, in any case.
        switch written.lowercased().split(separator: " ").joined(separator: " ") {
        case "": return
        case "%", "percent", "per cent", "percentage": said = .percent
        case "count", "number", "no", "no.", "n": said = .count
        case "days", "day", "calendar days", "calendar day": said = .days
        case "working days", "working day": said = .workingDays
        case "hours", "hour": said = .hours
        case "weeks", "week": said = .weeks
        case "months", "month": said = .months
        default:
            if written.lowercased().hasPrefix("per "),
               let base = Double(written.dropFirst(4).filter { $0 != "," }),
               written.dropFirst(4).allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) {
                said = .rate(per: base)
            } else {
                said = nil
            }
        }
        let measure = model.items[item]
        guard let said else {
            diagnostics.append(Diagnostic(.dataPlanMismatch, "cannot read \"\(WorkbookLimits.quote(written))\" as a unit",
                                          at: table.location(record, column), severity: .warning,
                                          help: "write %, count, per 10,000, days, working days, hours, weeks or months, or leave it empty"))
            return
        }
        // A measure the plan gives no unit is a percentage when its book's
        // unit column says so, as when its cells write `40%`: shown as one,
        // and a value outside 0-100 is `percent-range`.
        if measure.unit == nil, said == .percent, measure.kind == .measure {
            data.percentInData.insert(item)
        }
        if measure.unit != nil, measure.effectiveUnit != said {
            diagnostics.append(Diagnostic(
                .dataPlanMismatch,
                "the book gives \(measure.id) in \(Resolver.describe(said)), the plan in \(Resolver.describe(measure.effectiveUnit))",
                at: table.location(record, column), labels: [Label(measure.location, "the plan's measure")],
                help: "the plan's unit is used; correct whichever is wrong"))
        }
    }
}
