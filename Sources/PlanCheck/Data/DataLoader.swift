/// Reads performance-book CSVs and inline `data` rows into a `DataSet`.
///
/// Long form, one observation a row: `measure,date,value,series`, header names
/// in any case and order, extra columns ignored. Every row that cannot be read
/// (unknown id, bad date or value, wrong unit, a duplicate) is a diagnostic at
/// the CSV's line and column, and is left out: no status is ever built on it.
///
///     let (data, diagnostics) = DataLoader.load(files: [("book.csv", nil)], provider: disk, model: model, sources: &sources)
public enum DataLoader {
    public struct FileRequest: Sendable {
        public var path: String
        /// Where the plan named it (`data "book.csv"`), or nil for `--data`.
        public var namedAt: Location?
        public init(path: String, namedAt: Location? = nil) {
            self.path = path
            self.namedAt = namedAt
        }
    }

    public static func load(files: [FileRequest], provider: any FileProvider, model: PlanModel,
                            sources: inout SourceSet) -> (data: DataSet, diagnostics: [Diagnostic]) {
        var loader = Loading(model: model)
        let planFiles = sources.files.count
        loader.addInline()
        for request in files {
            switch provider.read(request.path) {
            case .success(let bytes):
                let file = sources.add(SourceFile(name: request.path, bytes: bytes))
                loader.readCSV(bytes: bytes, file: file)
            case .failure(let failure):
                let location: Location
                if let namedAt = request.namedAt {
                    location = namedAt
                } else {
                    location = Location(file: sources.add(SourceFile(name: request.path, bytes: [])), span: .at(0))
                }
                loader.diagnostics.append(Diagnostic(.unreadableFile,
                                                     "cannot read data file \(request.path): \(failure.message)",
                                                     at: location))
            }
        }
        loader.sortAndRemoveDuplicates(planFiles: planFiles)
        // Inline rows are part of the plan; "data given" means a performance book.
        loader.data.given = !files.isEmpty
        return (loader.data, loader.diagnostics)
    }

    /// Which series an observation belongs to.
    enum SeriesKey: Hashable {
        case actual, baseline
        case comparator(String)
    }

    struct Loading {
        let model: PlanModel
        let itemIndex: [String: Int]
        let comparatorIDs: Set<String>
        var data: DataSet
        var diagnostics: [Diagnostic] = []
        var suggestions: [String: String?] = [:]

        init(model: PlanModel) {
            self.model = model
            self.itemIndex = model.makeItemIndex()
            self.comparatorIDs = Set(model.comparators.map(\.id))
            self.data = DataSet(itemCount: model.items.count)
        }

        /// Adds an observation; duplicates are found once everything is read.
        mutating func store(_ item: Int, _ series: SeriesKey, _ observation: Observation) {
            switch series {
            case .actual: data.items[item].actual.append(observation)
            case .baseline:
                data.items[item].baseline.append(observation)
                data.baselineIDs.insert(model.items[item].id)
            case .comparator(let c): data.items[item].comparators[c, default: []].append(observation)
            }
        }

        /// Sorts every series by date and keeps one observation per date: the
        /// first read (the plan's inline rows come before any CSV). A CSV row
        /// that repeats one is reported; repeats within the plan were reported
        /// by the checker already.
        mutating func sortAndRemoveDuplicates(planFiles: Int) {
            for item in data.items.indices {
                let id = model.items[item].id
                data.items[item].actual = deduplicated(data.items[item].actual, id: id, series: nil, planFiles: planFiles)
                data.items[item].baseline = deduplicated(data.items[item].baseline, id: id, series: "baseline",
                                                         planFiles: planFiles)
                for key in data.items[item].comparators.keys.sorted() {
                    data.items[item].comparators[key] = deduplicated(data.items[item].comparators[key] ?? [], id: id,
                                                                     series: key, planFiles: planFiles)
                }
            }
        }

        mutating func deduplicated(_ observations: [Observation], id: String, series: String?,
                                   planFiles: Int) -> [Observation] {
            var sorted = observations
            sorted.sort { $0.date != $1.date ? $0.date < $1.date : $0.location < $1.location }
            var kept: [Observation] = []
            kept.reserveCapacity(sorted.count)
            for observation in sorted {
                guard let last = kept.last, last.date == observation.date else {
                    kept.append(observation)
                    continue
                }
                if observation.location.file.index >= planFiles {
                    diagnostics.append(Diagnostic(
                        .dataDuplicate,
                        "a second observation of \(id) for \(observation.date.display)\(series.map { " (series \($0))" } ?? "")",
                        at: observation.location, labels: [Label(last.location, "the first")],
                        help: "keep one row per id, date and series"))
                }
            }
            return kept
        }

        /// Inline rows were read and checked with the plan; add the sound ones.
        mutating func addInline() {
            for row in model.inlineRows {
                guard let item = itemIndex[row.id], let date = row.date else { continue }
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
                if case .fraction = row.row.value, model.items[item].unit == nil { data.percentInData.insert(item) }
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

        mutating func readCSV(bytes: [UInt8], file: FileID) {
            var reader = CSVReader(bytes: bytes, file: file)
            let (records, csvDiagnostics) = reader.readAll()
            diagnostics += csvDiagnostics
            guard let header = records.first else { return }
            var columns: [String: Int] = [:]
            for (i, field) in header.fields.enumerated() {
                let name = reader.text(of: field).lowercased()
                if columns[name] == nil { columns[name] = i }
            }
            let idColumn = columns["measure"] ?? columns["id"] ?? columns["action"]
            let missing = [("measure", idColumn), ("date", columns["date"]), ("value", columns["value"])]
                .filter { $0.1 == nil }.map(\.0)
            guard let idColumn, let dateColumn = columns["date"], let valueColumn = columns["value"] else {
                diagnostics.append(Diagnostic(
                    .dataMissingColumn, "the CSV has no \(missing.joined(separator: ", ")) column",
                    at: Location(file: file, span: header.span),
                    notes: ["the header names its columns, in any order: measure,date,value,series"]))
                return
            }
            let seriesColumn = columns["series"]
            let needed = max(idColumn, dateColumn, valueColumn)
            for record in records.dropFirst() {
                readRow(record, reader: reader, file: file, id: idColumn, date: dateColumn, value: valueColumn,
                        series: seriesColumn, needed: needed)
            }
        }

        mutating func readRow(_ record: CSVRecord, reader: CSVReader, file: FileID, id idColumn: Int, date dateColumn: Int,
                              value valueColumn: Int, series seriesColumn: Int?, needed: Int) {
            // A row of nothing but empty cells is a blank line in a spreadsheet export.
            if record.fields.allSatisfy({ reader.withValueBytes(of: $0) { $0.isEmpty } }) { return }
            guard record.fields.count > needed else {
                diagnostics.append(Diagnostic(
                    .dataBadValue, "this row has \(record.fields.count) fields, too few for the header's columns",
                    at: Location(file: file, span: record.span)))
                return
            }
            func at(_ column: Int) -> Location { Location(file: file, span: record.fields[column].span) }
            let id = reader.text(of: record.fields[idColumn])
            guard let item = itemIndex[id] else {
                if suggestions[id] == nil, suggestions.count < 1000 {
                    suggestions[id] = Suggest.closest(to: id, among: model.items.map(\.id))
                }
                let suggestion = suggestions[id] ?? nil
                diagnostics.append(Diagnostic(
                    .dataUnknownID, "the plan has no measure or action \"\(id)\"", at: at(idColumn),
                    help: suggestion.map { "did you mean \"\($0)\"?" }))
                return
            }
            let series: SeriesKey
            let seriesName = seriesColumn.flatMap { $0 < record.fields.count ? reader.text(of: record.fields[$0]) : nil } ?? ""
            switch seriesName {
            case "", "actual": series = .actual
            case "baseline": series = .baseline
            default:
                guard comparatorIDs.contains(seriesName) else {
                    let suggestion = Suggest.closest(to: seriesName, among: Array(comparatorIDs).sorted() + ["baseline"])
                    diagnostics.append(Diagnostic(
                        .dataUnknownSeries, "no comparator named \"\(seriesName)\"", at: at(seriesColumn ?? 0),
                        help: suggestion.map { "did you mean \"\($0)\"?" }
                            ?? "leave the series empty for the actual value, or name a comparator or `baseline`"))
                    return
                }
                series = .comparator(seriesName)
            }
            let dateForm = reader.withValueBytes(of: record.fields[dateColumn]) { Parser.dateForm($0) }
            guard let dateForm else {
                diagnostics.append(Diagnostic(
                    .dataBadDate, "cannot read \"\(reader.text(of: record.fields[dateColumn]))\" as a date",
                    at: at(dateColumn), help: "write dates as 2013-09-30, 2013-09 (the month's last day) or 30/09/2013"))
                return
            }
            let date: CalendarDate
            switch DateResolution.resolve(dateForm, written: reader.text(of: record.fields[dateColumn]), period: model.period) {
            case .success(let day): date = day
            case .failure(let problem):
                diagnostics.append(Diagnostic(.dataBadDate, problem.message, at: at(dateColumn), help: problem.help))
                return
            }
            let value = reader.withValueBytes(of: record.fields[valueColumn]) { Parser.dataValue($0) }
            guard let value, let reading = Self.reading(value, period: model.period) else {
                let written = reader.text(of: record.fields[valueColumn])
                diagnostics.append(Diagnostic(
                    .dataBadValue, written.isEmpty ? "the value is empty" : "cannot read \"\(written)\" as a value",
                    at: at(valueColumn),
                    help: "a number (86 or 86%), complete, in progress, not started, yes, no or a completion date"))
                return
            }
            if let problem = DataRules.cohortProblem(value) {
                diagnostics.append(Diagnostic(.invalidCohort, problem, at: at(valueColumn)))
                return
            }
            if let problem = DataRules.unitProblem(value, for: model.items[item]) {
                diagnostics.append(Diagnostic(.dataUnitMismatch, problem, at: at(valueColumn)))
                return
            }
            if case .number(let v) = reading, let problem = DataRules.rangeProblem(v, for: model.items[item]) {
                diagnostics.append(Diagnostic(problem.code, problem.message, at: at(valueColumn)))
                return
            }
            switch value {
            case .number(_, percent: true), .fraction:
                if model.items[item].unit == nil { data.percentInData.insert(item) }
            default: break
            }
            store(item, series, Observation(date: date, reading: reading, location: at(valueColumn),
                                            cohort: Self.cohort(value)))
        }
    }
}

extension DataRules {
    /// Percentages outside 0-100 and negative counts, as a code and message.
    public static func rangeProblem(_ value: Double, for item: Item) -> (code: DiagnosticCode, message: String)? {
        switch item.effectiveUnit {
        case .percent where value < 0 || value > 100:
            return (.percentRange, "\(Display.number(value))% is not a percentage between 0 and 100")
        case .percent, .done:
            return nil
        case let unit where value < 0:
            return (.negativeValue, "\(Display.number(value)) is negative, but \(Resolver.describe(unit)) cannot be")
        default:
            return nil
        }
    }
}
