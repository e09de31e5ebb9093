/// Reads performance-book CSVs and inline `data` rows into a `DataSet`.
///
/// Long form, one observation a row: `measure,date,value,series`, header names
/// in any case and order, extra named columns ignored (a value in a column
/// past the header's last is an error). Every row that cannot be read
/// (unknown id, bad date or value, wrong unit, a duplicate) is a diagnostic at
/// the CSV's line and column, and is left out: no status is ever built on it.
///
///     let (data, diagnostics) = DataLoader.load(files: [("book.csv", nil)], provider: disk, model: model, sources: &sources)
public enum DataLoader {
    public struct FileRequest: Sendable {
        public var path: String
        /// Where the plan named it (`data "book.csv"`), or nil for `--data`.
        public var namedAt: Location?
        /// The plan's clauses for a tidy file (`area`, `measure ... column`, ...).
        public var mapping: [MappingClause]
        public init(path: String, namedAt: Location? = nil, mapping: [MappingClause] = []) {
            self.path = path
            self.namedAt = namedAt
            self.mapping = mapping
        }
    }

    /// `recordingReferences`: note in `DataSet.references` every cell that
    /// names an item or comparator (for the language server).
    public static func load(files: [FileRequest], provider: any FileProvider, model: PlanModel,
                            sources: inout SourceSet,
                            recordingReferences: Bool = false,
                            otherPlansIDs: Set<String> = []) -> (data: DataSet, diagnostics: [Diagnostic]) {
        // No data at all: nothing to index, read or sort.
        // (`DataSet.series` gives every item past the end an empty series.)
        if files.isEmpty && model.inlineRows.isEmpty { return (DataSet(itemCount: 0), []) }
        var loader = Loading(model: model)
        loader.recordsReferences = recordingReferences
        loader.otherPlansIDs = otherPlansIDs
        let planFiles = sources.files.count
        loader.addInline()
        for request in files {
            let (path, sheet) = WorkbookPath.split(request.path)
            switch provider.read(path) {
            case .success(let bytes):
                if WorkbookPath.isWorkbook(path: path, bytes: bytes) {
                    loader.readWorkbook(bytes: bytes, path: path, sheet: sheet, request: request, sources: &sources)
                } else {
                    let file = sources.add(SourceFile(name: request.path, dataBytes: bytes))
                    loader.readCSV(bytes: bytes, file: file, mapping: request.mapping)
                }
            case .failure(let failure):
                let location: Location
                if let namedAt = request.namedAt {
                    location = namedAt
                } else {
                    location = Location(file: sources.add(SourceFile(name: request.path, bytes: [])), span: .at(0))
                }
                loader.diagnostics.append(Diagnostic(.unreadableFile,
                                                     "cannot read data file \(path): \(failure.message)",
                                                     at: location))
            }
        }
        loader.flushIDCell()
        loader.sortAndRemoveDuplicates(planFiles: planFiles)
        loader.checkInferredPercentages()
        loader.warnOfFractions()
        // Inline rows are part of the plan; "data given" means a performance book.
        loader.data.given = !files.isEmpty
        return (loader.data, loader.diagnostics)
    }

    /// Which series an observation belongs to.
    enum SeriesKey: Hashable {
        case actual, baseline
        case comparator(String)
    }

    /// One measure's value on one date in one series, averaged over areas.
    struct AverageKey: Hashable {
        var item: Int
        var date: CalendarDate
        var series: SeriesKey
    }

    struct AverageCell {
        var sum = 0.0
        var count = 0
        var first: Location?
        var gap: (GapReason, Location)?

        mutating func add(_ value: Double, at location: Location) {
            sum += value
            count += 1
            first = first ?? location
        }
    }

    struct Loading {
        let model: PlanModel
        var averaging: [AverageKey: AverageCell] = [:]
        let itemIndex: [String: Int]
        /// A measure and an action that share an id, each to the other.
        let twins: [Int: Int]
        let comparatorIDs: Set<String>
        var data: DataSet
        var diagnostics: [Diagnostic] = []
        var suggestions: [String: String?] = [:]

        /// The id of the last long-form row read, and its item.
        var lastID: (bytes: [UInt8], item: Int)?
        /// The same id as a key, when short, for `readPlainLongRow`: two
        /// words to compare, and no array to retain.
        var lastIDKey = ShortBytes.none
        var lastIDItem = -1
        /// The last series named in a long-form row's series cell, as a key,
        /// and the series.
        var lastSeriesKey = ShortBytes.none
        var lastSeries = SeriesKey.actual
        /// The run of actual observations `store` is gathering for one item
        /// (-1: none), not yet in the item's series.
        var actualRunItem = -1
        var actualRun: [Observation] = []
        /// The run of one comparator's observations for one item that `store`
        /// has not yet added to the item's dictionary (-1: none).
        var pendingComparatorItem = -1
        var pendingComparatorName = ""
        var pendingComparatorRun: [Observation] = []
        /// Items whose actual series was not read in strictly increasing
        /// date order: only these need sorting and may hold repeats.
        var actualOutOfOrder = Set<Int>()
        /// The item last found written in percent (-1: none yet).
        var lastPercentItem = -1
        /// Dates already read in this load, by their bytes.
        var dateCache = DateCache()
        /// Whether to note references (`DataSet.references`).
        var recordsReferences = false
        /// Ids of the other plans judged with this one (`eval measures.plan
        /// actions.plan --data book.csv`): a book's row for one is theirs,
        /// passed over here rather than an unknown id.
        var otherPlansIDs: Set<String> = []
        /// Items with an actual value between 0 and 1 (`store`).
        var withFractions = Set<Int>()
        /// The id cell of the row being read, when its id is one a measure
        /// and an action share: it names the item(s) its values go to, noted
        /// by `readValue` in `routed`.
        var idCell: (location: Location, first: Int, routed: Set<Int>)?

        /// Each item's declared and effective unit, by index.
        let itemUnits: [(declared: Unit?, effective: Unit, isAction: Bool)]

        init(model: PlanModel) {
            self.itemUnits = model.items.map { ($0.unit, $0.effectiveUnit, $0.kind == .action) }
            self.model = model
            self.itemIndex = model.makeItemIndex()
            self.twins = model.makeTwins(index: itemIndex)
            self.comparatorIDs = Set(model.comparators.map(\.id))
            self.data = DataSet(itemCount: model.items.count)
        }

        /// Notes that `location` names `item`'s id: at once, unless a
        /// measure and an action share it, when the row's values decide.
        mutating func noteIDCell(_ item: Int, at location: Location) {
            guard recordsReferences else { return }
            flushIDCell()
            if twins[item] == nil {
                data.references.append(DataReference(target: .item(item), location: location))
            } else {
                idCell = (location, item, [])
            }
        }

        /// The shared id cell read last: it names each item its values went
        /// to, or when none did (all blank or unreadable) the first with the id.
        mutating func flushIDCell() {
            guard let cell = idCell else { return }
            for item in cell.routed.isEmpty ? [cell.first] : cell.routed.sorted() {
                data.references.append(DataReference(target: .item(item), location: cell.location))
            }
            idCell = nil
        }

        /// A value of the row went to `item` (after routing).
        mutating func noteRouted(_ item: Int) {
            idCell?.routed.insert(item)
        }

        mutating func noteComparator(_ name: String, at location: Location) {
            guard recordsReferences else { return }
            data.references.append(DataReference(target: .comparator(name), location: location))
        }

        /// Adds an observation; duplicates are found once everything is read.
        mutating func store(_ item: Int, _ series: SeriesKey, _ observation: Observation) {
            switch series {
            case .actual:
                // A book grouped by measure gives a run of rows to each: the
                // run is gathered apart and handed to its item whole when it
                // ends, not appended row by row through the item's record.
                if item != actualRunItem {
                    flushActualRun()
                    actualRunItem = item
                }
                // Noted here, while the last date is at hand, so that a series
                // read in date order is not scanned again to find that out.
                if let last = actualRun.last ?? data.items[item].actual.last, last.date >= observation.date {
                    actualOutOfOrder.insert(item)
                }
                // A fraction (0.86) is rare; its measure is noted, so the
                // search for a stray one reads only those.
                if case .number(let v) = observation.reading, v > 0, v <= 1 { withFractions.insert(item) }
                actualRun.append(observation)
            case .baseline:
                data.items[item].baseline.append(observation)
                data.baselineIDs.insert(model.items[item].id)
            case .comparator(let c):
                // A comparator's rows come in runs for one measure: kept aside
                // and added to its dictionary once a run ends, not hashed per row.
                if item != pendingComparatorItem || c != pendingComparatorName {
                    flushComparatorRun()
                    pendingComparatorItem = item
                    pendingComparatorName = c
                }
                pendingComparatorRun.append(observation)
            }
        }

        /// Hands the run of actual observations gathered by `store` to its
        /// item: moved, when the item has none yet. The next run is sized as
        /// this one was, so a series is not grown (and copied) seven times
        /// over, and holds little spare capacity at the peak.
        mutating func flushActualRun() {
            if actualRunItem >= 0, !actualRun.isEmpty {
                let count = actualRun.count
                if data.items[actualRunItem].actual.isEmpty {
                    swap(&data.items[actualRunItem].actual, &actualRun)
                } else {
                    data.items[actualRunItem].actual.append(contentsOf: actualRun)
                    actualRun.removeAll()
                }
                actualRun.reserveCapacity(count)
            }
            actualRunItem = -1
        }

        /// Adds the run of comparator observations kept aside by `store`.
        mutating func flushComparatorRun() {
            if pendingComparatorItem >= 0, !pendingComparatorRun.isEmpty {
                data.items[pendingComparatorItem].comparators[pendingComparatorName, default: []]
                    .append(contentsOf: pendingComparatorRun)
                pendingComparatorRun.removeAll(keepingCapacity: true)
            }
            pendingComparatorItem = -1
        }

        /// Sorts every series by date and keeps one observation per date: the
        /// first read (the plan's inline rows come before any CSV). A CSV row
        /// that repeats one is reported; repeats within the plan were reported
        /// by the checker already.
        mutating func sortAndRemoveDuplicates(planFiles: Int) {
            flushActualRun()
            flushComparatorRun()
            for item in data.items.indices {
                let id = model.items[item].id
                data.items[item].gaps.sort { $0.date != $1.date ? $0.date < $1.date : $0.location < $1.location }
                if actualOutOfOrder.contains(item) {
                    data.items[item].actual = deduplicated(data.items[item].actual, id: id, series: nil,
                                                           planFiles: planFiles)
                }
                data.items[item].baseline = deduplicated(data.items[item].baseline, id: id, series: "baseline",
                                                         planFiles: planFiles)
                for key in data.items[item].comparators.keys.sorted() {
                    data.items[item].comparators[key] = deduplicated(data.items[item].comparators[key] ?? [], id: id,
                                                                     series: key, planFiles: planFiles)
                }
            }
        }

        /// A percentage measure whose every value lies between 0 and 1, against
        /// targets of 5% or more, was almost surely written as fractions (0.86
        /// for 86%): said once, at its first value.
        mutating func warnOfFractions() {
            func isFraction(_ observation: Observation) -> Bool {
                (observation.reading.number.map { $0 >= 0 && $0 <= 1 }) ?? false
            }
            // One value a measure (a first month's book, a quarterly return)
            // is warned of when every percentage in the book is a fraction.
            var percentValues = 0
            var allFractions = true
            scan: for (index, item) in model.items.enumerated() where data.unit(of: item, at: index) == .percent {
                for observation in data.items[index].actual where observation.reading.number != nil {
                    percentValues += 1
                    // One percentage that is no fraction settles it.
                    if !isFraction(observation) {
                        allFractions = false
                        break scan
                    }
                }
            }
            // (A book of one value, a first month's, counts: 0.8 against a
            // target of 80% is a fraction, judged "0.8%, 79.2 points short".)
            let bookOfFractions = allFractions && percentValues >= 1
            for (index, item) in model.items.enumerated() where data.unit(of: item, at: index) == .percent {
                let values = data.items[index].actual
                if !values.allSatisfy(isFraction) {
                    if withFractions.contains(index) { warnOfStrayFraction(item, values) }
                    continue
                }
                guard values.count >= (bookOfFractions ? 1 : 2), let first = values.first else { continue }
                let levels = item.targets.flatMap(\.milestones).compactMap { milestone -> Double? in
                    switch milestone.requirement {
                    case .compare(_, let q), .level(let q): q.value
                    case .range(_, let to): to.value
                    default: nil
                    }
                }
                guard let highest = levels.max(), highest >= 5 else { continue }
                diagnostics.append(Diagnostic(
                    .dataFraction,
                    "every value of \(item.id) lies between 0 and 1, but its targets ask for percentages such as \(Display.number(highest))%",
                    at: first.location,
                    help: "a spreadsheet keeps 86% as 0.86: write the values as 86 or 86%"))
            }
        }

        /// A measure that names no unit is a percentage when its data writes
        /// one (`40%`): then a value of its outside 0-100, written without the
        /// sign (a count's `400`, a baseline's), is no percentage, as it would
        /// be on a measure declared one. Each series is said once.
        mutating func checkInferredPercentages() {
            for item in data.percentInData.sorted() where model.items[item].unit == nil {
                let series = data.items[item]
                let all = [series.actual, series.baseline] + series.comparators.keys.sorted().map { series.comparators[$0]! }
                for observations in all {
                    guard let bad = observations.first(where: { o in o.reading.number.map { $0 < 0 || $0 > 100 } ?? false }),
                          let value = bad.reading.number else { continue }
                    diagnostics.append(Diagnostic(
                        .percentRange,
                        "\(Display.number(value)) is not a percentage between 0 and 100, but \(model.items[item].id)'s data writes its values as percentages",
                        at: bad.location,
                        help: "a measure's values are all counts or all percentages; give the measure a `unit` to say which"))
                }
            }
        }

        /// A fraction among a measure's percentages (`0.86` beside 85% and
        /// 88%: one cell of a book left without the % format) reads as 0.86%:
        /// warned of when a hundred times it lies among the others.
        mutating func warnOfStrayFraction(_ item: Item, _ values: [Observation]) {
            // One pass, no copy: a million observations pass here.
            var others = 0, fractions = 0
            var low = Double.infinity, high = -Double.infinity
            for observation in values {
                guard case .number(let v) = observation.reading else { continue }
                if v > 1 {
                    others += 1
                    low = min(low, v)
                    high = max(high, v)
                } else if v > 0 {
                    fractions += 1
                }
            }
            guard fractions > 0, others >= 2 else { return }
            let margin = max(5, (high - low) / 2)
            for observation in values {
                guard let v = observation.reading.number, v > 0, v <= 1,
                      v * 100 >= low - margin, v * 100 <= high + margin else { continue }
                diagnostics.append(Diagnostic(
                    .dataFraction,
                    "\(Display.number(v)) is read as \(Display.number(v))%, but \(item.id)'s other values run from \(Display.number(low))% to \(Display.number(high))%",
                    at: observation.location,
                    help: "a spreadsheet keeps \(Display.number(v * 100))% as \(Display.number(v)): write it as \(Display.number(v * 100)) or \(Display.number(v * 100))%"))
                return
            }
        }

        mutating func deduplicated(_ observations: [Observation], id: String, series: String?,
                                   planFiles: Int) -> [Observation] {
            // Books are mostly written in date order: then there is nothing to do.
            if zip(observations, observations.dropFirst()).allSatisfy({ $0.date < $1.date }) { return observations }
            var sorted = observations
            sorted.sort { $0.date != $1.date ? $0.date < $1.date : $0.location < $1.location }
            var kept: [Observation] = []
            kept.reserveCapacity(sorted.count)
            for observation in sorted {
                // An action's figure and its status on one date are two
                // things said (a tracker gives both at a month's end): only
                // a second of the same kind is a duplicate.
                let isNumber = observation.reading.number != nil
                guard let first = kept.reversed().prefix(while: { $0.date == observation.date })
                    .last(where: { ($0.reading.number != nil) == isNumber }) else {
                    kept.append(observation)
                    continue
                }
                if observation.location.file.index >= planFiles {
                    diagnostics.append(Diagnostic(
                        .dataDuplicate,
                        "a second observation of \(id) for \(observation.date.display)\(series.map { " (series \($0))" } ?? "")",
                        at: observation.location, labels: [Label(first.location, "the first")],
                        help: "keep one row per id, date and series"))
                }
            }
            return kept
        }

        /// Inline rows were read and checked with the plan; add the sound ones.
        mutating func addInline() {
            for row in model.inlineRows {
                guard let first = itemIndex[row.id], let date = row.date else { continue }
                let item = model.route(first, row.row.value, twins: twins)
                guard DataRules.cohortProblem(row.row.value) == nil,
                      DataRules.unitProblem(row.row.value, for: model.items[item]) == nil,
                      let reading = Self.reading(row.row.value, period: model.period) else { continue }
                let series: SeriesKey
                switch row.row.series?.name {
                case nil: series = .actual
                case "baseline": series = .baseline
                case let name?:
                    guard comparatorIDs.contains(name) else { continue }
                    series = .comparator(name)
                }
                // A measure that names no unit takes a percentage from its
                // data, inline as in a CSV.
                if row.row.value.isPercentage, model.items[item].unit == nil { data.percentInData.insert(item) }
                store(item, series, Observation(date: date, reading: reading,
                                                location: Location(file: row.file, span: row.row.span),
                                                cohort: Self.cohort(row.row.value)))
            }
        }

        static func cohort(_ value: DataValue) -> Cohort? {
            guard case .fraction(let n, let d) = value else { return nil }
            return Cohort(numerator: n, denominator: d)
        }

        static func reading(_ value: DataValue, period: DateRange?) -> Reading? {
            switch value {
            case .number(let v, _): return .number(v)
            case .fraction(let n, let d): return d > 0 ? .number(n / d * 100) : nil
            case .state(let s): return .state(s)
            case .yes: return .yes
            case .no: return .no
            case .date(let expr):
                guard case .success(let day) = DateResolution.resolve(expr.form, written: "", period: period) else {
                    return nil
                }
                return .completed(day)
            }
        }

        // MARK: CSV

        mutating func readCSV(bytes: [UInt8], file: FileID, mapping: [MappingClause]) {
            var reader = CSVReader(bytes: bytes, file: file)
            if !mapping.isEmpty {
                let (records, csvDiagnostics) = reader.readAll()
                diagnostics += csvDiagnostics
                var table = DataTable(reader: reader, records: records, file: file, isSheet: false)
                readTidy(&table, mapping: mapping)
                return
            }
            // Records are kept only until the header is found. A long-form
            // file, a million rows, is then read a row at a time and never
            // held; a wide one (a row per measure) is kept and read whole.
            // The header is looked for as `TableLayout.detect` does: the first
            // of the first ten non-blank rows that reads as either layout.
            var kept: [CSVRecord] = []
            var nonBlank = 0
            var layout: TableLayout?
            var named = 0  // a long header's column count
            var stopped = false  // a misnamed long header was found: no row below is a header
            let emptyTable = DataTable(reader: reader, records: [], file: file, isSheet: false)
            let syntax = reader.forEachRecord(plain: { row in
                guard case .long(_, let columns)? = layout else { return false }
                return readPlainLongRow(row, columns: columns, named: named, file: file)
            }) { record in
                if case .long(_, let columns)? = layout {
                    readLongRow(record, table: emptyTable, columns: columns, named: named)
                    return
                }
                kept.append(record)
                guard layout == nil, !stopped, nonBlank < TableLayout.headerSearchRows, !emptyTable.isBlank(record) else { return }
                nonBlank += 1
                layout = TableLayout.read(header: record, index: kept.count - 1, table: emptyTable,
                                          isPlanID: { itemIndex[$0] != nil })
                if layout == nil, TableLayout.isMisnamedLongHeader(record, table: emptyTable) { stopped = true }
                if case .long? = layout {
                    named = record.fields.count
                    kept = []
                }
            }
            diagnostics += syntax
            let table = DataTable(reader: reader, records: kept, file: file, isSheet: false)
            switch layout {
            case .long?:
                break  // read row by row above
            case .wide(let header, let columns)?:
                readWide(table, header: header, columns: columns)
            case nil:
                reportNoLayout(table)
            }
        }

        /// The header says neither long nor wide: the long form's message, as before.
        mutating func reportNoLayout(_ table: DataTable) {
            // The header meant: a row naming long-form columns (below any
            // title rows), else the first row.
            let scored = table.records.lazy.filter { !table.isBlank($0) }.prefix(TableLayout.headerSearchRows)
                .map { (record: $0, names: TableLayout.longNamesIn($0, table: table)) }
            let named = scored.max { $0.names < $1.names }.flatMap { $0.names > 0 ? $0.record : nil }
            guard let header = named ?? table.records.first(where: { !table.isBlank($0) }) else {
                // An empty file (or only blank lines) is no book: a data
                // file emptied by accident must not pass as "no data yet".
                diagnostics.append(Diagnostic(
                    .dataMissingColumn, table.isSheet ? "the sheet is empty" : "the CSV is empty: it has no header and no rows",
                    at: Location(file: table.file, span: .at(0)),
                    notes: ["the header names its columns, in any order: measure,date,value,series"]))
                return
            }
            var names = Set<String>()
            for field in header.fields { names.insert(table.reader.text(of: field).lowercased()) }
            let hasID = names.contains("measure") || names.contains("id") || names.contains("action")
            let missing = [("measure", hasID), ("date", names.contains("date")), ("value", names.contains("value"))]
                .filter { !$0.1 }.map(\.0)
            let what = table.isSheet ? "the sheet" : "the CSV"
            diagnostics.append(Diagnostic(
                .dataMissingColumn,
                missing.isEmpty ? "\(what) has no header row" : "\(what) has no \(missing.joined(separator: ", ")) column",
                at: Location(file: table.file, span: header.span),
                notes: ["the header names its columns, in any order: measure,date,value,series",
                        "or, one row per measure: an id column, then a column per date (Apr-13, 2013-04, Q1 2013/14, ...)"],
                help: table.isSheet ? nil : Self.savedAsWhat(table.reader, header: header)))
        }

        /// Why a CSV's header may have no columns plancheck knows: the file
        /// was saved as UTF-16 ("Unicode Text"), or with tabs or semicolons
        /// between its values rather than commas.
        static func savedAsWhat(_ reader: CSVReader, header: CSVRecord) -> String? {
            // Values, not the raw line: quoted or not, a header says the same.
            func anyValue(_ test: (UInt8) -> Bool) -> Bool {
                header.fields.contains { field in reader.withValueBytes(of: field) { $0.contains(where: test) } }
            }
            // UTF-16 starts with its byte order mark, and has a NUL beside
            // every ASCII letter; other NULs say the file is not text at all
            // (an old binary .xls, say).
            let marked = header.fields.first.map { field in
                reader.withValueBytes(of: field) { $0.count >= 2 && ($0[0] == 0xFF && $0[1] == 0xFE || $0[0] == 0xFE && $0[1] == 0xFF) }
            } ?? false
            if marked {
                return "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8 (Comma delimited)\""
            }
            if anyValue({ $0 == 0 }) {
                return "the header holds NUL bytes, so the file is not CSV text; from Excel, save it as \"CSV UTF-8 (Comma delimited)\""
            }
            guard header.fields.count == 1 else { return nil }
            if anyValue({ $0 == UInt8(ascii: "\t") }) {
                return "the header's columns are separated by tabs; plancheck reads comma-separated values: save it as \"CSV UTF-8 (Comma delimited)\""
            }
            if anyValue({ $0 == UInt8(ascii: ";") }) {
                return "the header's columns are separated by semicolons; plancheck reads comma-separated values: save it with commas"
            }
            return nil
        }

        mutating func readLong(_ table: DataTable, header: Int, columns: TableLayout.LongColumns) {
            let named = table.records[header].fields.count
            for record in table.records[(header + 1)...] {
                readLongRow(record, table: table, columns: columns, named: named)
            }
        }

        /// Most rows of a long-form CSV, read straight off the file's bytes:
        /// every cell as written (no quotes), the previous row's id, the actual
        /// series, a date read before, and a plain number the measure's unit
        /// takes. Such a row is stored exactly as `readLongRow` would store it,
        /// with no closure, String or hash on the way. Any other row returns
        /// false having done nothing, and `readLongRow` reads it (and says what
        /// is wrong with it).
        mutating func readPlainLongRow(_ row: PlainRow, columns: TableLayout.LongColumns, named: Int,
                                       file: FileID) -> Bool {
            let bytes = row.bytes
            guard row.count == named, lastIDKey != .none,
                  ShortBytes.of(bytes, row.value(columns.id)) == lastIDKey
            else { return false }
            let item = lastIDItem
            // An id a measure and an action share: the general reader routes it.
            guard twins.isEmpty || twins[item] == nil else { return false }
            var series = SeriesKey.actual
            if let column = columns.series {
                let range = row.value(column)
                if !range.isEmpty {
                    guard lastSeriesKey != .none,
                          ShortBytes.of(bytes, range) == lastSeriesKey else { return false }
                    series = lastSeries
                }
            }
            guard let key = ShortBytes.of(bytes, row.value(columns.date)),
                  let date = dateCache.value(for: key) else { return false }
            let valueRange = row.value(columns.value)
            guard !valueRange.isEmpty else { return false }
            // A number, or a percentage, as `Parser.dataValue` reads one; no
            // gap code starts with a digit or a minus.
            let first = bytes[valueRange.lowerBound]
            let percent = bytes[valueRange.upperBound - 1] == UInt8(ascii: "%")
            let digitsEnd = percent ? valueRange.upperBound - 1 : valueRange.upperBound
            guard Lexer.isDigit(first) || first == UInt8(ascii: "-"),
                  let value = Parser.plainDecimal(bytes, valueRange.lowerBound, digitsEnd)
            else { return false }
            // What `DataRules.unitProblem` and `rangeProblem` refuse is left
            // to `readLongRow`, which reports it. (A value from 0 to 100
            // within `Limits.isExact` is in range for every unit.)
            let units = itemUnits[item]
            guard units.effective != .done, !percent || units.effective == .percent || units.declared == nil,
                  value >= 0 && value <= 100
                    || DataRules.rangeProblem(value, effectiveUnit: percent ? .percent : units.effective) == nil
            else { return false }
            if percent, units.declared == nil, lastPercentItem != item {
                data.percentInData.insert(item)
                lastPercentItem = item
            }
            if recordsReferences {
                noteIDCell(item, at: Location(file: file, span: row.span(columns.id)))
                if case .comparator(let name) = series, let column = columns.series {
                    noteComparator(name, at: Location(file: file, span: row.span(column)))
                }
            }
            store(item, series, Observation(date: date, reading: .number(value),
                                                 location: Location(file: file, span: row.span(columns.value))))
            return true
        }

        /// One row after a long-form header of `named` columns.
        mutating func readLongRow(_ record: CSVRecord, table: DataTable, columns: TableLayout.LongColumns, named: Int) {
            // In a CSV, a value past the header's columns would be dropped
            // without a word; most often it is the rest of an unquoted `1,234`.
            if !table.isSheet, record.fields.count > named, let extra = (named..<record.fields.count)
                .first(where: { column in table.withValueBytes(record, column) { !$0.isEmpty } }) {
                diagnostics.append(Diagnostic(
                    .dataExtraField,
                    "this row has \(record.fields.count) fields but the header names \(named) columns; \"\(table.text(record, extra))\" is in none of them",
                    at: table.location(record, extra),
                    help: "quote a value that holds a comma (\"1,234\"), or name the column in the header"))
                return
            }
            readRow(record, table: table, id: columns.id, date: columns.date, value: columns.value,
                    series: columns.series, needed: max(columns.id, columns.date, columns.value))
        }

        mutating func readRow(_ record: CSVRecord, table: DataTable, id idColumn: Int, date dateColumn: Int,
                              value valueColumn: Int, series seriesColumn: Int?, needed: Int) {
            let reader = table.reader
            let file = table.file
            // A row of nothing but empty cells is a blank line in a spreadsheet
            // export. (Most rows' first cell says otherwise at once.)
            if record.fields.first.map({ reader.withValueBytes(of: $0) { $0.isEmpty } }) ?? true,
               record.fields.allSatisfy({ reader.withValueBytes(of: $0) { $0.isEmpty } }) { return }
            // A sheet leaves out empty cells at a row's end; a CSV must have them.
            guard table.isSheet || record.fields.count > needed else {
                diagnostics.append(Diagnostic(
                    .dataBadValue, "this row has \(record.fields.count) fields, too few for the header's columns",
                    at: Location(file: file, span: record.span)))
                return
            }
            func at(_ column: Int) -> Location { table.location(record, column) }
            // Rows come grouped by id: most repeat the previous row's, which
            // then needs no String and no hashing.
            let item: Int
            if let last = lastID, table.withValueBytes(record, idColumn, { $0.elementsEqual(last.bytes) }) {
                item = last.item
            } else {
                let id = table.text(record, idColumn)
                guard let found = itemIndex[id] else {
                    if otherPlansIDs.contains(id) { return }
                    diagnostics.append(Diagnostic(
                        .dataUnknownID, "the plan has no measure or action \"\(WorkbookLimits.quote(id))\"", at: at(idColumn),
                        help: unknownIDHelp(id)))
                    return
                }
                let idBytes = Array(id.utf8)
                lastID = (idBytes, found)
                lastIDKey = idBytes.withUnsafeBufferPointer { ShortBytes($0) } ?? .none
                lastIDItem = found
                item = found
            }
            if recordsReferences { noteIDCell(item, at: at(idColumn)) }
            // Most rows are the actual series, an empty cell: no String for it.
            let series: SeriesKey
            if let seriesColumn, !table.withValueBytes(record, seriesColumn, { $0.isEmpty }) {
                let name = table.text(record, seriesColumn)
                guard let key = seriesKey(name, at: at(seriesColumn)) else { return }
                if case .comparator(let c) = key { noteComparator(c, at: at(seriesColumn)) }
                series = key
                lastSeriesKey = Array(name.utf8).withUnsafeBufferPointer { ShortBytes($0) } ?? .none
                lastSeries = key
            } else {
                series = .actual
            }
            // A book repeats a few dozen dates over and over: each is read once.
            let cacheKey = table.withValueBytes(record, dateColumn) { ShortBytes($0) }
            let date: CalendarDate
            if let cacheKey, let known = dateCache.value(for: cacheKey) {
                date = known
            } else {
                let dateForm = table.withValueBytes(record, dateColumn) { Parser.dataDateForm($0) }
                guard let dateForm else {
                    diagnostics.append(Diagnostic(
                        .dataBadDate, "cannot read \"\(WorkbookLimits.quote(table.text(record, dateColumn)))\" as a date",
                        at: at(dateColumn), help: "write dates as 2013-09-30, 2013-09 (the month's last day) or 30/09/2013"))
                    return
                }
                switch DateResolution.resolve(dateForm, written: table.text(record, dateColumn), period: model.period) {
                case .success(let day): date = day
                case .failure(let problem):
                    diagnostics.append(Diagnostic(.dataBadDate, problem.message, at: at(dateColumn), help: problem.help))
                    return
                }
                if let cacheKey { dateCache.insert(date, for: cacheKey) }
            }
            // A blank value is a month not yet filled in, as books are laid
            // out a year ahead: no observation, as in a wide row.
            readValue(table, record, valueColumn, item: item, series: series, date: date, blankIsGap: true)
        }

        /// "Did you mean" for an id the plan lacks. A spreadsheet that took
        /// the id `2.10` for a number shows it as `2.1`: that is said plainly.
        mutating func unknownIDHelp(_ id: String) -> String? {
            if let number = Double(id), id.first?.isNumber == true {
                let same = model.items.lazy.map(\.id).first { $0 != id && Double($0) == number }
                if let same {
                    return "did you mean \"\(same)\"? A spreadsheet reads \(same) as the number \(id): format the id column as text"
                }
            }
            if suggestions[id] == nil, suggestions.count < 1000 {
                suggestions[id] = Suggest.closest(to: id, among: model.items.map(\.id))
            }
            return (suggestions[id] ?? nil).map { "did you mean \"\($0)\"?" }
        }

        /// The series a `series` cell names: empty or `actual`, `baseline`, or a comparator.
        mutating func seriesKey(_ name: String, at location: Location) -> SeriesKey? {
            // The words as the language writes them, the usual case, without
            // folding (a million rows pass here).
            switch name {
            case "", "actual": return .actual
            case "baseline": return .baseline
            default: if comparatorIDs.contains(name) { return .comparator(name) }
            }
            // A book's words in any case, as its status words are read:
            // `Actual`, `Baseline`, and `SN` for the plan's `sn` when that
            // names one comparator only.
            switch name.lowercased() {
            case "actual": return .actual
            case "baseline": return .baseline
            default:
                if !comparatorIDs.contains(name) {
                    let folded = comparatorIDs.filter { $0.lowercased() == name.lowercased() }
                    if folded.count == 1 { return .comparator(folded.first!) }
                }
                guard comparatorIDs.contains(name) else {
                    let suggestion = Suggest.closest(to: name, among: Array(comparatorIDs).sorted() + ["baseline"])
                    diagnostics.append(Diagnostic(
                        .dataUnknownSeries, "no comparator named \"\(WorkbookLimits.quote(name))\"", at: location,
                        help: suggestion.map { "did you mean \"\($0)\"?" }
                            ?? "leave the series empty for the actual value, or name a comparator or `baseline`"))
                    return nil
                }
                return .comparator(name)
            }
        }

        /// Reads one value cell for `item` on `date`: a gap code is a gap, a
        /// blank is nothing when `blankIsGap` (a wide row's empty month), and
        /// anything that cannot be read is reported at the cell and left out.
        mutating func readValue(_ table: DataTable, _ record: CSVRecord, _ column: Int, item first: Int, series: SeriesKey,
                                date: CalendarDate, blankIsGap: Bool, averaged: Bool = false) {
            var item = first
            let location = table.location(record, column)
            // The cell's text, built only when it is needed: a gap code, an
            // error message, a sheet's TRUE; never for a plain number.
            var written: String { table.text(record, column) }
            let (isEmpty, gap, parsed) = table.withValueBytes(record, column) { bytes in
                let gap = GapReason(code: bytes)
                return (bytes.isEmpty, gap, gap == nil && !bytes.isEmpty ? Parser.dataValue(bytes) : nil)
            }
            if isEmpty && blankIsGap { return }
            // A gap in an id a measure and an action share is the measure's (a figure not given).
            if gap != nil, let twin = twins[item], model.items[item].kind == .action { item = twin }
            if gap != nil, idCell != nil { noteRouted(item) }
            if averaged, let reason = gap {
                let key = AverageKey(item: item, date: date, series: series)
                if averaging[key]?.gap == nil { averaging[key, default: AverageCell()].gap = (reason, location) }
                return
            }
            if let reason = gap {
                let name: String?
                switch series {
                case .actual: name = nil
                case .baseline: name = "baseline"
                case .comparator(let c): name = c
                }
                data.items[item].gaps.append(DataGap(date: date, series: name, reason: reason, location: location))
                return
            }
            var value = parsed
            if value == nil, table.isSheet, written == "TRUE" || written == "FALSE" { value = written == "TRUE" ? .yes : .no }
            // An id a measure and an action share: the value says which.
            if let value, !twins.isEmpty {
                item = model.route(item, value, twins: twins)
                if idCell != nil { noteRouted(item) }
            }
            // A cohort of none (`3/0`) is said as such, as in a plan's own rows.
            if let value, let problem = DataRules.cohortProblem(value) {
                diagnostics.append(Diagnostic(.invalidCohort, problem, at: location))
                return
            }
            guard let value, let reading = Self.reading(value, period: model.period) else {
                let written = written
                let isError = table.isSheet && written.hasPrefix("#")
                diagnostics.append(Diagnostic(
                    .dataBadValue,
                    written.isEmpty ? "the value is empty"
                        : isError ? "the cell holds the spreadsheet error \(WorkbookLimits.quote(written))" : "cannot read \"\(WorkbookLimits.quote(written))\" as a value",
                    at: location,
                    help: isError ? "fix the formula, or leave the cell empty (or #N/A) when there is no value"
                        : Self.isCommaMisplaced(written) ? "a comma separates thousands, in threes (1,234); a decimal takes a point (19.5, 0.86)"
                        : "a number (86 or 86%), complete, in progress, not started, yes, no or a completion date; c, :, z, u, x, n/a, .., *, -, TBC or <5 for no value"))
                return
            }
            // The item's units, not the item: passing `model.items[item]` copied
            // the whole Item for every row.
            let units = itemUnits[item]
            if let problem = DataRules.unitProblem(value, id: model.items[item].id, unit: units.declared,
                                                   effectiveUnit: units.effective, isAction: units.isAction) {
                diagnostics.append(Diagnostic(.dataUnitMismatch, problem, at: location))
                return
            }
            // A value written with % is a percentage whatever the plan says
            // of its measure (whose unit may come from this very data).
            var rangeUnit = units.effective
            if case .number(_, percent: true) = value { rangeUnit = .percent }
            if case .number(let v) = reading, let problem = DataRules.rangeProblem(v, effectiveUnit: rangeUnit) {
                diagnostics.append(Diagnostic(problem.code, problem.message, at: location))
                return
            }
            // Once per run of rows for one item, not a hash per row.
            if value.isPercentage, units.declared == nil, lastPercentItem != item {
                data.percentInData.insert(item)
                lastPercentItem = item
            }
            if averaged {
                guard case .number(let number) = reading else {
                    diagnostics.append(Diagnostic(.dataBadValue, "an average of areas needs numbers",
                                                  at: location, help: "name one area, or give numbers for each"))
                    return
                }
                let key = AverageKey(item: item, date: date, series: series)
                averaging[key, default: AverageCell()].add(number, at: location)
                return
            }
            store(item, series, Observation(date: date, reading: reading, location: location,
                                            cohort: Self.cohort(value)))
        }

        /// Stores the averages of several areas' values (a tidy file's `area
        /// "A", "B", ...`, as a statistical-neighbour average is made): the mean
        /// of the areas that have a value; none at all is a gap with the first
        /// area's reason.
        mutating func finishAverages() {
            for (key, cell) in averaging {
                if let first = cell.first, cell.count > 0 {
                    store(key.item, key.series, Observation(date: key.date, reading: .number(cell.sum / Double(cell.count)),
                                                            location: first, cohort: nil))
                } else if let (reason, location) = cell.gap {
                    let name: String?
                    switch key.series {
                    case .actual: name = nil
                    case .baseline: name = "baseline"
                    case .comparator(let c): name = c
                    }
                    data.items[key.item].gaps.append(DataGap(date: key.date, series: name, reason: reason, location: location))
                }
            }
            averaging = [:]
        }
    }
}

extension DataLoader.Loading {
    /// Digits and commas (and perhaps a point or a `%`) that are no number
    /// only because a comma is not a thousands comma: `0,86`, `19,5`, `1,,234`.
    static func isCommaMisplaced(_ written: String) -> Bool {
        let body = written.hasSuffix("%") ? written.dropLast() : written[...]
        return body.contains(",") && body.first.map { $0.isASCII && $0.isNumber || $0 == "-" } == true
            && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "-") }
    }
}

extension DataRules {
    /// Percentages outside 0-100 and negative counts, as a code and message.
    public static func rangeProblem(_ value: Double, for item: Item) -> (code: DiagnosticCode, message: String)? {
        rangeProblem(value, effectiveUnit: item.effectiveUnit)
    }

    /// The same from the measure's unit alone.
    public static func rangeProblem(_ value: Double, effectiveUnit: Unit) -> (code: DiagnosticCode, message: String)? {
        if !Limits.isExact(value) {
            return (.numberTooLarge, Limits.tooLargeMessage(value))
        }
        switch effectiveUnit {
        case .percent where value < 0 || value > 100:
            return (.percentRange, "\(Display.number(value))% is not a percentage between 0 and 100")
        case .percent, .done:
            return nil
        case let unit where value < 0:
            return (.negativeValue, "\(Display.nonzero(value)) is negative, but \(Resolver.describe(unit)) cannot be")
        default:
            return nil
        }
    }
}

/// Up to 15 bytes packed into two words with their count: a short cell's
/// bytes as a key (of `DateCache`) without building a String or an Array.
struct ShortBytes: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    /// No bytes at all: distinct from every key, even that of an empty cell.
    static let none = ShortBytes()

    private init() {}

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count <= 15 else { return nil }
        // Byte i of the cell is byte i of the pair, little end first.
        var shift: UInt64 = 0
        for i in 0..<min(count, 8) {
            low |= UInt64(bytes[i]) << shift
            shift &+= 8
        }
        shift = 0
        for i in min(count, 8)..<count {
            high |= UInt64(bytes[i]) << shift
            shift &+= 8
        }
        // The count, and a top bit that `none` lacks.
        high |= UInt64(count) << 56 | 1 << 63
    }

    /// The same key for `bytes[range]`, read as two words when sixteen bytes
    /// from the range's start are inside the buffer (every cell but the
    /// file's last few bytes).
    @inline(__always)
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ShortBytes? {
        let count = range.count
        guard count <= 15 else { return nil }
        #if _endian(little)
        if let base = bytes.baseAddress, range.lowerBound + 16 <= bytes.count {
            let first = UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self)
            let second = UnsafeRawPointer(base + range.lowerBound + 8).loadUnaligned(as: UInt64.self)
            var key = ShortBytes()
            key.low = count >= 8 ? first : first & ((1 << (8 * UInt64(count))) &- 1)
            key.high = count > 8 ? second & ((1 << (8 * UInt64(count - 8))) &- 1) : 0
            key.high |= UInt64(count) << 56 | 1 << 63
            return key
        }
        #endif
        return ShortBytes(UnsafeBufferPointer(rebasing: bytes[range]))
    }
}

/// The dates a long-form book has written, by their bytes: a small table with
/// open addressing, since hashing each row's date with `Hasher` cost more than
/// reading it. A slot holds its key and its date together, and the table
/// (48 KiB) stays in the processor's nearest cache. Holds up to 1,024 dates
/// (twenty years of weeks); past that, new ones are read every time.
struct DateCache {
    private struct Slot {
        var key = ShortBytes.none
        var day = 0
    }

    private static let capacity = 2048
    private var slots = [Slot](repeating: Slot(), count: capacity)
    private var count = 0

    private static func slot(_ key: ShortBytes) -> Int {
        let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 53)  // 11 bits: 0..<2048
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: ShortBytes) -> Int {
        var i = Self.slot(key)
        while slots[i].key != .none, slots[i].key != key { i = (i + 1) & (Self.capacity - 1) }
        return i
    }

    func value(for key: ShortBytes) -> CalendarDate? {
        let i = find(key)
        return slots[i].key == key ? CalendarDate(dayNumber: slots[i].day) : nil
    }

    mutating func insert(_ date: CalendarDate, for key: ShortBytes) {
        let i = find(key)
        guard slots[i].key != key, count < Self.capacity / 2 else { return }
        slots[i] = Slot(key: key, day: date.dayNumber)
        count += 1
    }
}
