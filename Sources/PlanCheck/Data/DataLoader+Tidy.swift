extension DataLoader.Loading {
    /// A tidy file, as the DfE publishes its statistics (Explore Education
    /// Statistics): a row per period and area, `time_period` (`201314`,
    /// `2013`) and `time_identifier` (`Financial year`, `Academic year`,
    /// `Calendar year`, `Reporting year`, `Q1`, a month ...), the area in
    /// `geographic_level` / `la_name` / `region_name`, and value columns that
    /// hold the published codes (`c`, `:`, `z`, `u`, `x`) where a number is
    /// withheld. The plan's `data "file"` clauses say which rows and columns
    /// are which measure (see `DataClause`).
    mutating func readTidy(_ table: inout DataTable, mapping: [MappingClause]) {
        guard let header = table.records.first else { return }
        var columns: [String: Int] = [:]
        for i in header.fields.indices {
            let name = table.text(header, i).lowercased()
            if columns[name] == nil { columns[name] = i }
        }
        func column(_ name: TextLiteral, _ at: Location) -> Int? {
            if let i = columns[name.value.lowercased()] { return i }
            let suggestion = Suggest.closest(to: name.value.lowercased(), among: columns.keys.sorted())
            diagnostics.append(Diagnostic(.dataMapping, "the file has no column \"\(name.value)\"", at: at,
                                          help: suggestion.map { "did you mean \"\($0)\"?" }))
            return nil
        }
        var areas: [String] = []
        // `measure ID column`: where each names its item, and the items its
        // values went to (for an id a measure and an action share).
        var idClauses: [(location: Location, item: Int)] = []
        var routed: [Int: Set<Int>] = [:]
        defer {
            if recordsReferences {
                for (i, clause) in idClauses.enumerated() {
                    for item in routed[i].map({ $0.sorted() }) ?? [clause.item] {
                        data.references.append(DataReference(target: .item(item), location: clause.location))
                    }
                }
            }
        }
        var series = DataLoader.SeriesKey.actual
        var idColumn: Int?
        var valueColumn: Int?
        var measures: [(item: Int, column: Int)] = []
        var filters: [(column: Int, value: String, location: Location)] = []
        var ok = true
        for clause in mapping {
            switch clause.clause {
            case .area(let names):
                // An area named twice is read once (and said so), not reported as having no rows.
                areas = []
                for name in names {
                    if areas.contains(name.value) {
                        diagnostics.append(Diagnostic(.dataMapping, "\"\(WorkbookLimits.quote(name.value))\" is listed twice",
                                                      at: Location(file: clause.location.file, span: name.span), severity: .warning,
                                                      help: "list each area once; its rows are read once"))
                    } else {
                        areas.append(name.value)
                    }
                }
            case .series(let id):
                let idAt = Location(file: clause.location.file, span: id.span)
                guard let key = seriesKey(id.name, at: idAt) else { ok = false; continue }
                if case .comparator(let name) = key { noteComparator(name, at: idAt) }
                series = key
            case .measureColumn(let id, let name):
                let idAt = Location(file: clause.location.file, span: id.span)
                guard let item = itemIndex[id.name] else {
                    diagnostics.append(Diagnostic(
                        .dataUnknownID, "the plan has no measure or action \"\(id.name)\"", at: idAt,
                        help: Suggest.closest(to: id.name, among: model.items.map(\.id)).map { "did you mean \"\($0)\"?" }))
                    ok = false
                    continue
                }
                idClauses.append((idAt, item))
                guard let c = column(name, Location(file: clause.location.file, span: name.span)) else { ok = false; continue }
                measures.append((item, c))
            case .idColumn(let name):
                guard let c = column(name, Location(file: clause.location.file, span: name.span)) else { ok = false; continue }
                idColumn = c
            case .valueColumn(let name):
                guard let c = column(name, Location(file: clause.location.file, span: name.span)) else { ok = false; continue }
                valueColumn = c
            case .filter(let name, let value):
                guard let c = column(name, Location(file: clause.location.file, span: name.span)) else { ok = false; continue }
                filters.append((c, value.value, clause.location))
            }
        }
        let at = mapping[0].location
        if (idColumn == nil) != (valueColumn == nil) {
            diagnostics.append(Diagnostic(.dataMapping, "`measure column` and `value column` go together", at: at,
                                          help: "name both: the column of the plan's ids and the column of their values"))
            return
        }
        if measures.isEmpty && idColumn == nil {
            diagnostics.append(Diagnostic(.dataMapping, "the mapping names no measure", at: at,
                                          help: "add `measure ID column \"NAME\"`, or `measure column` and `value column`"))
            return
        }
        guard ok else { return }
        guard let period = columns["time_period"], let identifier = columns["time_identifier"] else {
            diagnostics.append(Diagnostic(
                .dataMissingColumn, "a tidy file needs time_period and time_identifier columns",
                at: Location(file: table.file, span: header.span),
                notes: ["as the DfE's open data has them: time_period 201314, time_identifier Financial year"]))
            return
        }
        let areaColumns = ["la_name", "region_name", "country_name"].compactMap { columns[$0] }
        if !areas.isEmpty && areaColumns.isEmpty {
            diagnostics.append(Diagnostic(.dataMapping, "the file has no la_name, region_name or country_name column",
                                          at: at))
            return
        }
        if areas.isEmpty, !areaColumns.isEmpty {
            // Without `area`, every row would be read: fine for a file of one
            // area, a flood of duplicates for the DfE's files of all of them.
            var areas = Set<String>()
            for record in table.records.dropFirst() where !table.isBlank(record) {
                areas.insert(areaColumns.map { table.text(record, $0) }.joined(separator: "\u{1F}"))
                if areas.count > 1 { break }
            }
            if areas.count > 1 {
                diagnostics.append(Diagnostic(
                    .dataMapping, "the file holds rows for several areas; say which to read", at: at,
                    help: "add `area \"NAME\"` as the file's la_name or region_name has it, or `area \"England\"`"))
                return
            }
        }
        // Several areas are averaged, one row per area, date and measure.
        let averaged = areas.count > 1
        var matched = Set<Int>()
        var areaFound = Set<Int>()
        // Each filter's values seen in the rows it was asked of, for the
        // message when it matches none (the first few, in file order).
        var filterValues = [[String]](repeating: [], count: filters.count)
        var seen: [String: Location] = [:]
        for record in table.records.dropFirst() where !table.isBlank(record) {
            var areaIndex = 0
            if !areas.isEmpty {
                guard let index = areas.firstIndex(where: { rowIsArea(table, record, area: $0, columns: columns) }) else { continue }
                areaIndex = index
            }
            areaFound.insert(areaIndex)
            if let failed = filters.firstIndex(where: { table.text(record, $0.column) != $0.value }) {
                let value = table.text(record, filters[failed].column)
                if filterValues[failed].count < 6, !filterValues[failed].contains(value) { filterValues[failed].append(value) }
                continue
            }
            matched.insert(areaIndex)
            guard let date = tidyDate(table, record, period: period, identifier: identifier) else { continue }
            if averaged {
                // The same area twice on a date would count twice in the average.
                let key = "\(areaIndex)|\(date.dayNumber)|" + (idColumn.map { table.text(record, $0) } ?? "")
                if let first = seen[key] {
                    diagnostics.append(Diagnostic(
                        .dataDuplicate, "a second row for \(WorkbookLimits.quote(areas[areaIndex])) on \(date.display)",
                        at: Location(file: table.file, span: record.span), labels: [Label(first, "the first")],
                        help: "add a `where` clause to pick one row (e.g. where \"breakdown\" = \"Total\")"))
                    continue
                }
                seen[key] = Location(file: table.file, span: record.span)
            }
            if let idColumn, let valueColumn {
                // An indicator the plan does not measure is simply not read.
                guard let item = itemIndex[table.text(record, idColumn)] else { continue }
                noteIDCell(item, at: table.location(record, idColumn))
                readValue(table, record, valueColumn, item: item, series: series, date: date, blankIsGap: true,
                          averaged: averaged)
                flushIDCell()
            }
            for (i, (item, column)) in measures.enumerated() {
                let shared = recordsReferences && twins[item] != nil
                if shared {
                    flushIDCell()
                    idCell = (idClauses[i].location, item, [])
                }
                readValue(table, record, column, item: item, series: series, date: date, blankIsGap: true,
                          averaged: averaged)
                if shared {
                    if let went = idCell?.routed, !went.isEmpty { routed[i, default: []].formUnion(went) }
                    idCell = nil
                }
            }
        }
        if averaged { finishAverages() }
        for (index, area) in areas.enumerated() where !matched.contains(index) && !areaFound.contains(index) {
            diagnostics.append(Diagnostic(.dataMapping, "no row of the file is for \"\(WorkbookLimits.quote(area))\"", at: at,
                                          help: "write the area as the file's la_name or region_name has it, or \"England\""))
        }
        // Rows there were, but a `where` left none: said at the `where`,
        // with the values the column holds (a case slip, "TOTAL" for
        // "Total", read nothing in silence).
        let filteredOut = areas.isEmpty ? matched.isEmpty && !areaFound.isEmpty
            : areas.indices.contains { areaFound.contains($0) && !matched.contains($0) }
        if filteredOut, let failed = filterValues.indices.first(where: { !filterValues[$0].isEmpty }) {
            let filter = filters[failed]
            let name = table.text(table.records[0], filter.column)
            let held = filterValues[failed].map { "\"\(WorkbookLimits.quote($0))\"" }.joined(separator: ", ")
            diagnostics.append(Diagnostic(
                .dataMapping, "no row of the file has \(WorkbookLimits.quote(name)) = \"\(WorkbookLimits.quote(filter.value))\", so nothing is read",
                at: filter.location,
                help: Suggest.closest(to: filter.value, among: filterValues[failed]).map { "did you mean \"\($0)\"? " }.map { $0 + "the column holds \(held)" }
                    ?? "the column holds \(held)"))
        }
    }

    /// `England` is the national rows; otherwise the local authority or region
    /// of that name, as the row's own `geographic_level` says which name it is about.
    func rowIsArea(_ table: DataTable, _ record: CSVRecord, area: String, columns: [String: Int]) -> Bool {
        let wanted = area.lowercased()
        let level = columns["geographic_level"].map { table.text(record, $0).lowercased() }
        func name(_ column: String) -> String? { columns[column].map { table.text(record, $0).lowercased() } }
        switch level {
        case "national"?: return wanted == "england" || name("country_name") == wanted
        case "regional"?: return name("region_name") == wanted
        case "local authority"?: return name("la_name") == wanted
        case nil: return [name("la_name"), name("region_name"), name("country_name")].contains(wanted)
        default: return false
        }
    }

    /// The last day of the row's period, from `time_period` and `time_identifier`.
    mutating func tidyDate(_ table: DataTable, _ record: CSVRecord, period: Int, identifier: Int) -> CalendarDate? {
        let written = table.text(record, period)
        let kind = table.text(record, identifier).lowercased()
        let digits = written.allSatisfy { $0.isASCII && $0.isNumber }
        var year = digits && written.count >= 4 ? Int(written.prefix(4)) : nil
        // 201314: the second year follows the first (201399 is no period).
        if let first = year, !(written.count == 4 || written.count == 6 && Int(written.suffix(2)) == (first + 1) % 100) {
            year = nil
        }
        var date: CalendarDate?
        if let year, (1...9998).contains(year) {
            let spansTwo = written.count == 6
            switch kind {
            case "financial year":
                date = CalendarDate.endOfFinancialYear(startYear: year)
            case "academic year":
                date = CalendarDate.endOfMonth(year: year + 1, month: 8)
            case "calendar year":
                date = spansTwo ? nil : CalendarDate.endOfMonth(year: year, month: 12)
            case "reporting year":
                // Children's social care statistics: the year to 31 March.
                date = spansTwo ? nil : CalendarDate.endOfMonth(year: year, month: 3)
            case "q1", "q2", "q3", "q4", "calendar year q1", "calendar year q2", "calendar year q3", "calendar year q4":
                date = spansTwo ? nil : CalendarDate.endOfMonth(year: year, month: 3 * Int(String(kind.last!))!)
            case "financial year q1", "financial year q2", "financial year q3", "financial year q4":
                date = CalendarDate.endOfFinancialQuarter(Int(String(kind.last!))!, startYear: year)
            case "academic year q1", "academic year q2", "academic year q3", "academic year q4":
                // Academic quarters from September: Sep-Nov, Dec-Feb, Mar-May, Jun-Aug.
                let q = Int(String(kind.last!))!
                let end = CalendarDate.endOfMonth(year: year, month: 8).addingMonths(3 * q)
                date = CalendarDate.endOfMonth(year: end.year, month: end.month)
            default:
                if let month = Month.fullNames.firstIndex(where: { $0.lowercased() == kind }), !spansTwo {
                    date = CalendarDate.endOfMonth(year: year, month: month + 1)
                }
            }
        }
        guard let date else {
            diagnostics.append(Diagnostic(
                .dataBadDate, "cannot read time_period \"\(WorkbookLimits.quote(written))\" with time_identifier \"\(WorkbookLimits.quote(table.text(record, identifier)))\"",
                at: table.location(record, period),
                help: "time_period is a year (2013) or two (201314); time_identifier Financial year, Academic year, Calendar year, Reporting year, a quarter (Q1, Financial year Q1) or a month"))
            return nil
        }
        return date
    }
}
