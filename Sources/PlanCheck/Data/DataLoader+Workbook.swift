/// `book.xlsx#Sheet name`: a workbook path and, after the last `#`, a sheet.
enum WorkbookPath {
    static let extensions = [".xlsx", ".xlsm"]

    /// Splits at the first `#` after `.xlsx` or `.xlsm`, so a sheet name may
    /// itself hold a `#` (`book.xlsx#Q1 #2`) and a folder may too (`C#/book.xlsx`).
    static func split(_ path: String) -> (path: String, sheet: String?) {
        var index = path.startIndex
        while let hash = path[index...].firstIndex(of: "#") {
            let file = String(path[..<hash])
            if extensions.contains(where: { file.lowercased().hasSuffix($0) }) {
                return (file, String(path[path.index(after: hash)...]))
            }
            index = path.index(after: hash)
        }
        return (path, nil)
    }

    /// A workbook by its name, or by its first bytes (a ZIP, or an OLE
    /// compound file: an old .xls or an encrypted workbook, whatever its name).
    static func isWorkbook(path: String, bytes: [UInt8]) -> Bool {
        if extensions.contains(where: { path.lowercased().hasSuffix($0) }) || path.lowercased().hasSuffix(".xls") {
            return true
        }
        return bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: ZipArchive.compoundFileSignature)
    }
}

extension DataLoader {
    /// The file a data path names: `book.xlsx#Actuals` is `book.xlsx`.
    public static func fileOnDisk(_ path: String) -> String { WorkbookPath.split(path).path }
}

extension DataLoader.Loading {
    /// Reads the chosen sheet, or every sheet whose header looks like a
    /// performance book. Each sheet becomes a source of its own, named
    /// `book.xlsx[Sheet]`, whose places are cells (`book.xlsx[Actuals]!D14`).
    mutating func readWorkbook(bytes: [UInt8], path: String, sheet wanted: String?, request: DataLoader.FileRequest,
                               sources: inout SourceSet) {
        func fileLocation() -> Location {
            request.namedAt ?? Location(file: sources.add(SourceFile(name: path, bytes: [])), span: .at(0))
        }
        guard bytes.count <= WorkbookLimits.maxWorkbookBytes else {
            diagnostics.append(Diagnostic(.dataBadWorkbook,
                                          "cannot read \(path): it is larger than \(WorkbookLimits.maxWorkbookBytes) bytes",
                                          at: fileLocation()))
            return
        }
        let book: Workbook
        switch Workbook.read(bytes) {
        case .success(let read): book = read
        case .failure(let error):
            diagnostics.append(Diagnostic(.dataBadWorkbook, "cannot read \(path): \(error.message)", at: fileLocation()))
            return
        }
        var chosen = book.sheets
        if let wanted {
            let exact = book.sheets.filter { $0.name == wanted }
            chosen = exact.isEmpty ? book.sheets.filter { $0.name.lowercased() == wanted.lowercased() } : exact
            if chosen.isEmpty {
                let names = book.sheets.map(\.name)
                diagnostics.append(Diagnostic(
                    .dataBadWorkbook, "\(path) has no sheet named \"\(wanted)\"", at: fileLocation(),
                    notes: ["its sheets: " + names.map { "\"\($0)\"" }.joined(separator: ", ")],
                    help: Suggest.closest(to: wanted, among: names).map { "did you mean \"\($0)\"?" }))
                return
            }
        }
        var readAny = false
        for sheet in chosen {
            var source = SourceFile(name: "\(path)[\(sheet.name)]", bytes: sheet.csv)
            source.namesCells = true
            var reader = CSVReader(bytes: sheet.csv, file: FileID(sources.files.count))
            let (records, _) = reader.readAll()
            var table = DataTable(reader: reader, records: records, file: FileID(sources.files.count), isSheet: true)
            table.apply(sheet.merges)
            let layout = request.mapping.isEmpty ? TableLayout.detect(table, period: model.period, isPlanID: { itemIndex[$0] != nil }) : nil
            // By default, only the visible sheets that look like a book (a hidden
            // sheet is often last year's, or a look-up table); a chosen sheet is always read.
            guard wanted != nil || (!sheet.hidden && (layout != nil || !request.mapping.isEmpty)) else {
                // A visible sheet that names the plan's ids is most likely
                // data whose header was not read (`Jul 14` typed oddly, the
                // header below row ten): said, since its figures are lost.
                if !sheet.hidden, request.mapping.isEmpty, let cell = firstPlanID(in: table) {
                    let file = sources.add(source)
                    diagnostics.append(Diagnostic(
                        .dataIgnoredSheet,
                        "the sheet \"\(WorkbookLimits.quote(sheet.name))\" names \(WorkbookLimits.quote(cell.id)) but has no header plancheck reads, so none of it is read",
                        at: Location(file: file, span: cell.span),
                        help: "head it as a book (Measure,Jul-14,Aug-14 or measure,date,value, in its first ten rows), or read it alone as \(path)#\(sheet.name)"))
                }
                continue
            }
            let file = sources.add(source)
            readAny = true
            if wanted != nil, sheet.isEmpty {
                diagnostics.append(Diagnostic(.dataBadWorkbook, "the sheet \"\(sheet.name)\" of \(path) is empty",
                                              at: fileLocation()))
                continue
            }
            for problem in sheet.problems {
                // A formula with no saved result matters only where the book is read.
                if problem.unsavedFormula, request.mapping.isEmpty, let cell = problem.reference,
                   !TableLayout.reads(cell, layout, table) { continue }
                diagnostics.append(Diagnostic(.dataBadCell, problem.message, at: Location(file: file, span: problem.span)))
            }
            if !request.mapping.isEmpty {
                var tidy = table
                readTidy(&tidy, mapping: request.mapping)
                continue
            }
            switch layout {
            case .long(let header, let columns)?: readLong(table, header: header, columns: columns)
            case .wide(let header, let columns)?: readWide(table, header: header, columns: columns)
            case nil: reportNoLayout(table)
            }
        }
        if !readAny {
            diagnostics.append(Diagnostic(
                .dataBadWorkbook, "no sheet of \(path) looks like a performance book", at: fileLocation(),
                notes: ["its sheets: " + book.sheets.map { "\"\($0.name)\"" + ($0.hidden ? " (hidden)" : "") }.joined(separator: ", "),
                        "a book's header names measure,date,value (one observation a row), or an id column then a column per date"],
                help: "name the sheet to read as \(path)#Sheet"))
        }
    }

    /// The first cell of a sheet (its first ten columns) that is an id of the
    /// plan's measures or actions.
    func firstPlanID(in table: DataTable) -> (id: String, span: Span)? {
        for record in table.records {
            for column in 0..<min(record.fields.count, 10) {
                let text = table.text(record, column)
                if !text.isEmpty, itemIndex[text] != nil { return (text, record.fields[column].span) }
            }
        }
        return nil
    }
}
