import PlanCheck

// The `workbook` case: a performance book of 100,000 rows read from an .xlsx
// (ZIP, DEFLATE, shared XML, styles, date serials) against the same rows read
// from CSV. The goal (issue 14) is within 3x of the CSV.

extension Bench {
    func workbook() {
        let measures = 1_000 / divisor
        let made = Generate.evaluationInputs(count: measures, perMeasure: 100)
        let planBytes = Array(made.plan.utf8)
        let csvBytes = Array(made.csv.utf8)
        let rows = made.csv.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let xlsxBytes = ZipWriter.workbook([("Book", rows)])
        print("input: \(grouped(made.rows)) observations of \(grouped(measures)) measures: CSV \(fixed(megabytes(csvBytes.count), 1)) MB; "
            + ".xlsx \(fixed(megabytes(xlsxBytes.count), 1)) MB (numbers, percent- and date-styled cells, inline strings; plancheck's own ZIP writer)")
        let files = MemoryFiles(bytes: ["bench.plan": planBytes, "bench.csv": csvBytes, "bench.xlsx": xlsxBytes])
        let checked = Pipeline.check(path: "bench.plan", files: files)
        func load(_ path: String) -> (observations: Int, errors: Int) {
            var sources = SourceSet()
            let (data, diagnostics) = DataLoader.load(files: [DataLoader.FileRequest(path: path)], provider: files,
                                                      model: checked.model, sources: &sources)
            let observations = data.items.reduce(0) {
                $0 + $1.actual.count + $1.baseline.count + $1.comparators.values.reduce(0) { $0 + $1.count }
            }
            return (observations, diagnostics.count { $0.severity == .error })
        }
        let (csvTime, csv) = best(runs) { load("bench.csv") }
        let (xlsxTime, xlsx) = best(runs) { load("bench.xlsx") }
        let (unzipTime, sheetBytes) = best(runs) { () -> Int in
            guard case .success(let book) = Workbook.read(xlsxBytes) else { return -1 }
            return book.sheets.reduce(0) { $0 + $1.csv.count }
        }
        let zip = try? ZipArchive.read(xlsxBytes).get()
        let entry = zip?.entries.first { $0.name.hasPrefix("xl/worksheets/") }
        let (inflateTime, inflated) = best(runs) { () -> Int in
            guard let zip, let entry, case .success(let data) = zip.extract(entry) else { return -1 }
            return data.count
        }
        print("inflate: \(ms(inflateTime)) for the sheet's \(fixed(megabytes(inflated), 1)) MB of XML, \(rate(inflated, inflateTime)) (CRC-32 included)")
        print("csv: \(ms(csvTime)) to load \(grouped(csv.observations)) observations (\(csv.errors) errors)")
        print("xlsx: \(ms(xlsxTime)) to load \(grouped(xlsx.observations)) observations (\(xlsx.errors) errors); "
            + "of which \(ms(unzipTime)) to unzip, inflate and read the sheet (\(fixed(megabytes(sheetBytes), 1)) MB of text)")
        let ratio = xlsxTime / csvTime
        print("xlsx / csv: \(fixed(ratio, 2))x (goal: within 3x)\(xlsx.observations == csv.observations ? "" : "; OBSERVATIONS DIFFER")")
    }
}
