/// Why a workbook could not be read at all (as opposed to a bad cell, which
/// is a `SheetProblem` and leaves the rest of the sheet readable).
public enum WorkbookError: Error, Sendable, Hashable {
    case zip(ZipError)
    /// A part the workbook needs is missing or is not well-formed XML.
    case part(String, String)
    /// A ZIP archive, but not of a workbook (no xl/workbook.xml).
    case notWorkbook(String)

    public var message: String {
        switch self {
        case .zip(let error): error.message
        case .part(let name, let why): "its part \(name) cannot be read: \(why)"
        case .notWorkbook(let name): "it has no \(name), so it is not an Excel workbook"
        }
    }
}

/// A cell that could not be read, named as Excel names it (`D14`), with the
/// span of the cell in its sheet's text.
public struct SheetProblem: Sendable, Hashable {
    public var message: String
    public var cell: String
    public var span: Span
    /// The cell, when the problem is one cell's (not the sheet's XML).
    public var reference: CellReference? = nil
    /// A formula with no saved result: a problem only in a cell the book's
    /// layout reads (a title's or a notes column's formula is never read).
    public var unsavedFormula = false
}

/// One worksheet as text: its rows as the CSV an analyst would export, so
/// the same readers serve a CSV file and a sheet.
///
/// Line `r` of `csv` is row `r` of the sheet and field `c` (from 0) is column
/// `c` (A = 0), so a location in the text names a cell exactly (`D14`). Cells
/// are written as Excel shows them to a reader of the book: numbers in full
/// precision, percent-styled numbers as `82.5%`, date-styled numbers as
/// `2013-09-30` (or `2013-09` when the format shows no day), booleans as
/// `TRUE`/`FALSE`, errors as `#N/A`. A line break inside a cell becomes a
/// space, so lines stay rows (or, read for a plan table, the line separator
/// U+2028: see `Workbook.read(_:keepingLineBreaks:)`).
///
///     let sheet = Workbook.readSheet(name: "Actuals", xml: bytes, context: .init())
///     sheet.grid()   // [["measure", "2013-04", ...], ["2.3", "82.5%", ...]]
public struct WorkbookSheet: Sendable {
    public var name: String
    public var csv: [UInt8]
    public var problems: [SheetProblem]
    /// Merged cells (`<mergeCell ref="B1:M1"/>`), as the sheet lists them.
    public var merges: [CellRange] = []
    /// Hidden in Excel (`state="hidden"` or `"veryHidden"`): not read unless chosen by name.
    public var hidden = false

    /// The sheet's cells as rows of strings (row 1 first; a missing row or
    /// cell is empty), for readers that want a plain grid (e.g. plan tables).
    public func grid() -> [[String]] {
        var reader = CSVReader(bytes: csv, file: FileID(0))
        let (records, _) = reader.readAll()
        var rows: [[String]] = []
        for record in records {
            while rows.count < record.line - 1 { rows.append([]) }
            rows.append(record.fields.map { reader.text(of: $0) })
        }
        return rows
    }

    /// True when no cell holds anything.
    public var isEmpty: Bool { !csv.contains { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: ",") } }
}

/// What every sheet of a workbook needs from the rest of it: the shared
/// strings, the cell styles' number formats, and the date system.
public struct WorkbookContext: Sendable {
    public var sharedStrings: [String] = []
    /// For each cell style (`s="3"`), how its number format shows a number.
    public var styles: [NumberFormatKind] = []
    /// `workbookPr date1904="1"`: serial 0 is 1 January 1904 (old Mac Excel).
    public var date1904 = false
    /// A line break inside a cell is written as U+2028 rather than a space:
    /// a plan table's cell keeps its lines; a performance book's do not matter.
    public var keepsLineBreaks = false
    public init() {}
}

/// How a cell style's number format shows a number, as far as a performance
/// book cares.
public enum NumberFormatKind: Sendable, Hashable {
    case plain
    /// A fixed number of decimals (`0.00`, `#,##0.0`): the number is padded
    /// to them, so an id kept as the number 1.1 in a `0.00` cell reads
    /// `1.10`, as the sheet shows it (a value keeps all its digits).
    case fixed(decimals: Int)
    /// A time (`h:mm`, `[h]:mm`): a fraction of a day, shown as hours and
    /// minutes; read as the hours it shows (0.7 is 16.8 hours, 16:48).
    case hours
    case percent
    /// A date with a day (`dd/mm/yyyy`), or only a month and year (`mmm-yy`).
    case date(hasDay: Bool)
}

/// An .xlsx workbook (ECMA-376 SpreadsheetML) read by hand: the ZIP
/// container, the workbook's sheet list and date system, the shared strings,
/// the styles' number formats, then each sheet's cells.
///
///     switch Workbook.read(bytes) {
///     case .success(let book): book.sheets.map(\.name)   // ["Actuals", "SN"]
///     case .failure(let error): error.message
///     }
public struct Workbook: Sendable {
    public var sheets: [WorkbookSheet]
    public var date1904: Bool

    /// Reads every sheet. A pure function of the bytes, for the data loader,
    /// plan-table import and fuzzing. `keepingLineBreaks` writes a line break
    /// inside a cell as U+2028 instead of a space, for a plan table, whose
    /// cells hold dated notes a line each.
    /// `xmlBudget`: the most XML all its sheets may inflate to together
    /// (`Limits.workbookXML`; smaller in tests).
    public static func read(_ bytes: [UInt8], keepingLineBreaks: Bool = false,
                            xmlBudget: Int = WorkbookLimits.maxWorkbookXML) -> Result<Workbook, WorkbookError> {
        let zip: ZipArchive
        switch ZipArchive.read(bytes) {
        case .success(let archive): zip = archive
        case .failure(let error): return .failure(.zip(error))
        }
        var workbookPath = "xl/workbook.xml"
        func part(_ name: String, required: Bool) -> Result<[UInt8]?, WorkbookError> {
            if zip.entry(name) == nil && !required { return .success(nil) }
            switch zip.extract(name) {
            case .success(let data): return .success(data)
            case .failure(.missingEntry) where !required: return .success(nil)
            case .failure(.missingEntry):
                return .failure(name == workbookPath ? .notWorkbook(name) : .part(name, "it is missing"))
            case .failure(let error): return .failure(.zip(error))
            }
        }
        // The workbook part is named by the package relationships; nearly always xl/workbook.xml.
        if case .success(let rels?) = part("_rels/.rels", required: false) {
            for relation in relationships(rels) where relation.type.hasSuffix("/officeDocument") {
                workbookPath = resolve(relation.target, from: "")
            }
        }
        var context = WorkbookContext()
        context.keepsLineBreaks = keepingLineBreaks
        let workbookXML: [UInt8]
        switch part(workbookPath, required: true) {
        case .success(let data): workbookXML = data ?? []
        case .failure(let error): return .failure(error)
        }
        guard let listed = sheetList(workbookXML, context: &context) else {
            return .failure(.part(workbookPath, "it is not well-formed XML"))
        }
        let folder = directory(of: workbookPath)
        let relsPath = folder + "_rels/" + String(workbookPath.dropFirst(folder.count)) + ".rels"
        var targets: [String: String] = [:]
        var sharedStringsPath = folder + "sharedStrings.xml"
        var stylesPath = folder + "styles.xml"
        switch part(relsPath, required: false) {
        case .success(let rels?):
            for relation in relationships(rels) {
                let target = resolve(relation.target, from: folder)
                targets[relation.id] = target
                if relation.type.hasSuffix("/sharedStrings") { sharedStringsPath = target }
                if relation.type.hasSuffix("/styles") { stylesPath = target }
            }
        case .success(nil): break
        case .failure(let error): return .failure(error)
        }
        switch part(sharedStringsPath, required: false) {
        case .success(let data?):
            guard let strings = sharedStrings(data) else {
                return .failure(.part(sharedStringsPath, "it is not well-formed XML"))
            }
            context.sharedStrings = strings
        case .success(nil): break
        case .failure(let error): return .failure(error)
        }
        switch part(stylesPath, required: false) {
        case .success(let data?):
            guard let styles = cellStyles(data) else { return .failure(.part(stylesPath, "it is not well-formed XML")) }
            context.styles = styles
        case .success(nil): break
        case .failure(let error): return .failure(error)
        }
        var sheets: [WorkbookSheet] = []
        var total = 0
        var xmlRead = 0
        for (name, relationID, index, hidden) in listed.prefix(WorkbookLimits.maxSheets) {
            let path = targets[relationID] ?? folder + "worksheets/sheet\(index + 1).xml"
            // The sheets' XML together is bounded, not only each part: each
            // sheet may inflate only as far as what the others left.
            let budget = xmlBudget - xmlRead
            let sheetXML: Result<[UInt8]?, WorkbookError>
            if let entry = zip.entry(path), entry.uncompressedSize <= WorkbookLimits.maxInflatedEntry {
                switch zip.extract(entry, limit: min(WorkbookLimits.maxInflatedEntry, budget)) {
                case .success(let data): sheetXML = .success(data)
                case .failure(.tooLarge):
                    return .failure(.part(path, "the sheets hold more than \(Display.number(Double(xmlBudget) / 1_048_576, decimals: xmlBudget < 1 << 20 ? 2 : 0)) MiB of XML together; save the sheet the plan reads on its own, or as CSV"))
                case .failure(let error): sheetXML = .failure(.zip(error))
                }
            } else {
                // Missing, or past any one part's limit: said as such.
                sheetXML = part(path, required: true)
            }
            switch sheetXML {
            case .success(let xml):
                xmlRead += xml?.count ?? 0
                var sheet = readSheet(name: name, xml: xml ?? [], context: context)
                sheet.hidden = hidden
                total += sheet.csv.count
                guard total <= WorkbookLimits.maxSheetTextBytes else {
                    return .failure(.part(path, "the sheets hold more than \(WorkbookLimits.maxSheetTextBytes) bytes of cells"))
                }
                sheets.append(sheet)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(Workbook(sheets: sheets, date1904: context.date1904))
    }

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    static func relationships(_ xml: [UInt8]) -> [Relationship] {
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var found: [Relationship] = []
            while let event = scanner.next() {
                guard case .start(let name, let tag, _) = event, scanner.matches(name, "Relationship") else { continue }
                if let id = scanner.attributeText("Id", in: tag), let target = scanner.attributeText("Target", in: tag) {
                    found.append(Relationship(id: id, type: scanner.attributeText("Type", in: tag) ?? "", target: target))
                }
            }
            return found
        }
    }

    /// A relationship target against the folder of its source; a leading `/`
    /// is from the package root.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The sheets in workbook order: name, relationship id, position, hidden
    /// (`state="hidden"` or `"veryHidden"`). Sets the date system. Nil when
    /// the XML is malformed.
    static func sheetList(_ xml: [UInt8], context: inout WorkbookContext) -> [(String, String, Int, Bool)]? {
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var sheets: [(String, String, Int, Bool)] = []
            while let event = scanner.next() {
                guard case .start(let name, let tag, _) = event else { continue }
                if scanner.matches(name, "sheet") {
                    let state = scanner.attributeText("state", in: tag) ?? "visible"
                    sheets.append((scanner.attributeText("name", in: tag) ?? "Sheet\(sheets.count + 1)",
                                   scanner.attributeText("id", in: tag) ?? "", sheets.count, state != "visible"))
                } else if scanner.matches(name, "workbookPr") {
                    let value = scanner.attributeText("date1904", in: tag)
                    context.date1904 = value == "1" || value == "true"
                }
            }
            return scanner.problem == nil ? sheets : nil
        }
    }

    /// The shared-string table: each `si`'s text, rich-text runs joined,
    /// phonetic runs (`rPh`) left out.
    static func sharedStrings(_ xml: [UInt8]) -> [String]? {
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var strings: [String] = []
            var current: String?
            var inText = false
            while let event = scanner.next() {
                switch event {
                case .start(let name, _, let empty):
                    if scanner.matches(name, "si") {
                        current = ""
                        if empty { strings.append("") ; current = nil }
                    } else if scanner.matches(name, "rPh") && !empty {
                        scanner.skipElement()
                    } else if scanner.matches(name, "t") && !empty {
                        inText = true
                    }
                case .end(let name):
                    if scanner.matches(name, "si"), let text = current {
                        strings.append(text)
                        current = nil
                    } else if scanner.matches(name, "t") {
                        inText = false
                    }
                case .text(let range, let raw):
                    if inText, current != nil { current! += scanner.text(range, raw: raw) }
                }
            }
            return scanner.problem == nil ? strings : nil
        }
    }

    /// For each `cellXfs/xf`, how its number format shows numbers.
    static func cellStyles(_ xml: [UInt8]) -> [NumberFormatKind]? {
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var custom: [Int: NumberFormatKind] = [:]
            var styles: [NumberFormatKind] = []
            var inCellXfs = false
            while let event = scanner.next() {
                switch event {
                case .start(let name, let tag, let empty):
                    if scanner.matches(name, "numFmt") {
                        if let id = scanner.attributeText("numFmtId", in: tag).flatMap({ Int($0) }),
                           let code = scanner.attributeText("formatCode", in: tag) {
                            custom[id] = NumberFormat.kind(of: code)
                        }
                    } else if scanner.matches(name, "cellXfs") {
                        inCellXfs = !empty
                    } else if inCellXfs && scanner.matches(name, "xf") {
                        let id = scanner.attributeText("numFmtId", in: tag).flatMap { Int($0) } ?? 0
                        styles.append(custom[id] ?? NumberFormat.builtIn(id))
                    }
                case .end(let name):
                    if scanner.matches(name, "cellXfs") { inCellXfs = false }
                case .text:
                    break
                }
            }
            return scanner.problem == nil ? styles : nil
        }
    }
}

/// Number formats: Excel's built-in ids and the codes of custom formats.
enum NumberFormat {
    /// ECMA-376 Part 1, §18.8.30: 2 and 4 (`0.00`, `#,##0.00`) have two
    /// decimals; 9 and 10 are percentages; 18 to 21 and 46 times of day or
    /// elapsed (`h:mm`, `[h]:mm:ss`); 14 to 17, 22 and 45 to 47 dates and
    /// times (27 to 36 and 50 to 58 are East Asian dates).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 2, 4, 39, 40: .fixed(decimals: 2)
        case 9, 10: .percent
        case 17: .date(hasDay: false)  // mmm-yy
        case 18...21, 46: .hours
        case 14...16, 22, 27...36, 45, 47, 50...58: .date(hasDay: true)
        default: .plain
        }
    }

    /// A custom format code's kind: quoted text, escaped characters and
    /// `[...]` colours and conditions are ignored (but not `[h]`, `[m]` and
    /// `[s]`, elapsed time); then `d`/`y` (or `m` without `h`/`s`, which
    /// would make it minutes) make a date, `h` a time, `%` a percentage, and
    /// zeros after a decimal point a fixed number of decimals.
    static func kind(of code: String) -> NumberFormatKind {
        // Only the first section (positive numbers) matters.
        var letters = Set<Character>()
        var inQuote = false
        var bracket: String?
        var escaped = false
        var decimals: Int?
        for c in code {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if let inside = bracket {
                if c == "]" {
                    let elapsed = inside.lowercased()
                    if !elapsed.isEmpty, elapsed.allSatisfy({ $0 == elapsed.first }), "hms".contains(elapsed.first!) {
                        letters.insert(elapsed.first!)
                    }
                    bracket = nil
                } else {
                    bracket = inside + String(c)
                }
                continue
            }
            switch c {
            case "\\": escaped = true
            case "\"": inQuote = true
            case "[": bracket = ""
            case ";": return classify(letters, decimals: decimals)
            case ".": decimals = decimals ?? 0
            case "0" where decimals != nil: decimals! += 1
            default: letters.insert(Character(c.lowercased()))
            }
        }
        return classify(letters, decimals: decimals)
    }

    private static func classify(_ letters: Set<Character>, decimals: Int?) -> NumberFormatKind {
        let hasDay = letters.contains("d")
        if hasDay || letters.contains("y") || (letters.contains("m") && !letters.contains("h") && !letters.contains("s")) {
            return .date(hasDay: hasDay)
        }
        if letters.contains("h") { return .hours }
        if letters.contains("%") { return .percent }
        // Only digits, grouping and a point: `0.00`, `#,##0.0`.
        if let decimals, decimals > 0, letters.isSubset(of: ["0", "#", ",", "."]) { return .fixed(decimals: decimals) }
        return .plain
    }
}
