/// A table as rows of cell strings: what `plancheck import` reads, whatever the
/// file was (TSV, CSV, or a workbook sheet once a reader for it gives cells).
///
/// Each row keeps where it came from, for messages ("line 7", "row 7").
///
///     let grid = try TableText.read(Array("Ref\tMeasure\n1\tX\n".utf8)).get()
///     grid.rows[1]    // ["1", "X"]
public struct TableGrid: Sendable, Hashable {
    /// The cells of each row as written, before any cleaning (HTML and line
    /// breaks are still in them). Rows may differ in length.
    public var rows: [[String]]
    /// For each row, the 1-based line (or sheet row) it starts on.
    public var lines: [Int]
    /// What the table was read as, for the output's first comment:
    /// "tab-separated text", "CSV (UTF-8 with a byte order mark)".
    public var format: String
    /// "line" for text files, "row" for a sheet.
    public var lineWord: String
    /// Cells the reader could not read (`D14: a formula with no saved result`):
    /// each becomes a `# TODO:` at the top of the plan.
    public var problems: [String]
    /// A sheet's merged ranges; nil for a text file, which cannot say.
    public var merges: [CellRange]?
    /// Cells the reader could not read (by sheet row from 1, column from 0).
    public var unreadable: Set<CellReference> = []
    /// The sheet's name, for a workbook: a cell is named `Plan!D9`.
    public var sheet: String?
    /// The workbook counts dates from 1904 (old Mac Excel).
    public var date1904 = false
    /// Lines of a text file that were blank, and so are no row (a sheet keeps
    /// its blank rows as rows of no cells): where a table's body ends and its
    /// closing notes begin.
    public var blankLines: [Int] = []

    public init(rows: [[String]], lines: [Int]? = nil, format: String, lineWord: String = "line", problems: [String] = [],
                merges: [CellRange]? = nil, unreadable: Set<CellReference> = [], blankLines: [Int] = []) {
        self.rows = rows
        self.blankLines = blankLines
        self.problems = problems
        self.merges = merges
        self.unreadable = unreadable
        self.lines = lines ?? rows.indices.map { $0 + 1 }
        self.format = format
        self.lineWord = lineWord
    }
}

extension TableGrid {
    /// Whether a blank cell (at a sheet row, or a text file's line, and a
    /// column from 0) may take the value of the entry above: in a text file,
    /// as a merged cell Word or Excel left blank; in a sheet, only inside a
    /// merged range that starts above it, and never a cell that could not
    /// be read (it is not blank: its value is unknown).
    /// A workbook's cell as Excel names it with its sheet (`Plan!D9`,
    /// `'Action plan'!G8`); nil for a text file, whose cells have no names.
    func cellName(column: Int, line: Int) -> String? {
        guard let sheet else { return nil }
        let scalars = sheet.unicodeScalars
        let plain = !scalars.isEmpty && !("0"..."9").contains(scalars.first!)
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        let name = plain ? sheet : "'" + String(String.UnicodeScalarView(scalars.flatMap { $0 == "'" ? ["'", "'"] : [$0] })) + "'"
        return name + "!" + CellReference(column: column, row: line).name
    }

    /// Whether a blank row or a blank line separates row `r` from the row above it.
    func blankBefore(_ r: Int) -> Bool {
        guard r > 0 else { return false }
        if rows[r - 1].allSatisfy({ CellCleaner.clean($0).isEmpty }) { return true }
        // The first blank line after the row above (`blankLines` ascends).
        var low = 0, high = blankLines.count
        while low < high {
            let mid = (low + high) / 2
            if blankLines[mid] <= lines[r - 1] { low = mid + 1 } else { high = mid }
        }
        return low < blankLines.count && blankLines[low] < lines[r]
    }

    func mayCarryDown(line: Int, column: Int) -> Bool {
        if unreadable.contains(CellReference(column: column, row: line)) { return false }
        guard let merges else { return true }
        return merges.contains { $0.first.row < line && line <= $0.last.row
            && $0.first.column <= column && column <= $0.last.column }
    }
}

/// Why a table could not be imported. Always a clear sentence; `line` is where,
/// when one place is to blame.
public struct ImportFailure: Error, Sendable, Hashable {
    public var message: String
    public var line: Int?
    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }
}

/// Reads a text table (TSV or CSV, as saved by Word, Excel or by hand) into a
/// `TableGrid`.
///
/// - Encoding: UTF-8 with or without a byte order mark; UTF-16 with a byte
///   order mark (Excel's "Unicode text"); otherwise, text that is not valid
///   UTF-8 is read as Windows-1252 (Excel's plain "CSV" on Windows) and said so.
/// - Binary files (NUL bytes without a UTF-16 mark, a ZIP or other binary
///   signature) are refused.
/// - The separator is a tab when at least as many of the first lines hold one
///   (outside quotes) as hold a comma or a semicolon, else a comma (a
///   semicolon when more lines hold those): a tab pasted into a CSV's cell is
///   text.
/// - Quoted fields may hold separators, doubled quotes and line breaks; a quote
///   that does not open a well-formed quoted field is kept as text (Word's
///   exports do not quote).
/// - LF, CRLF and lone CR end rows.
public enum TableText {
    /// A table copied out of Word as tab-separated text writes a line break
    /// inside a cell as the end of the row: the row comes out as two (or
    /// more) short lines, the cell's first part ending one and its rest
    /// starting the next. Word writes every tab of a row, so the header (and
    /// every whole row) has the table's full count of cells, the most any
    /// line has: a run of short lines whose cells, the broken ones counted
    /// once, come to exactly that count is one row, joined back with the
    /// break inside its cell. A run starts at a line of two cells or more
    /// and stops at a blank line, so a title or a heading line (one cell,
    /// a merged row) is never joined to what follows it.
    static func joinSplitRows(_ rows: [[String]], _ lines: [Int]) -> ([[String]], [Int]) {
        let width = rows.map(\.count).max() ?? 0
        guard width >= 4 else { return (rows, lines) }
        func isBlank(_ row: [String]) -> Bool { row.allSatisfy { $0.allSatisfy { $0 == " " } } }
        var outRows: [[String]] = []
        var outLines: [Int] = []
        var i = 0
        while i < rows.count {
            var joined = rows[i]
            var k = i + 1
            if joined.count >= 2, joined.count < width, !isBlank(joined) {
                while k < rows.count, joined.count < width, rows[k].count < width, !isBlank(rows[k]) {
                    joined[joined.count - 1] += "\n" + rows[k][0]
                    joined += rows[k].dropFirst()
                    k += 1
                }
            }
            if k > i + 1, joined.count == width {
                outRows.append(joined)
                outLines.append(lines[i])
                i = k
            } else {
                outRows.append(rows[i])
                outLines.append(lines[i])
                i += 1
            }
        }
        return (outRows, outLines)
    }

    public static func read(_ bytes: [UInt8]) -> Result<TableGrid, ImportFailure> {
        if bytes.isEmpty { return .failure(ImportFailure("the file is empty")) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return .failure(ImportFailure(
                "this is a ZIP file (an .xlsx workbook?): import reads tables saved as CSV or tab-separated text; "
                    + "save the sheet as CSV and import that"))
        }
        guard let (scalars, encoding) = decode(bytes) else {
            return .failure(ImportFailure("this is a binary file, not a table saved as text (CSV or tab-separated)"))
        }
        if scalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" }) {
            return .failure(ImportFailure("the file is empty (only blank lines)"))
        }
        let separator = sniffSeparator(scalars)
        let parts = split(scalars, separator: separator)
        var (rows, lines) = (parts.rows, parts.lines)
        if separator == "\t" { (rows, lines) = joinSplitRows(rows, lines) }
        // Trailing empty cells carry no meaning (Word's exports end rows with tabs).
        for i in rows.indices {
            while let last = rows[i].last, last.allSatisfy({ $0 == " " }) { rows[i].removeLast() }
        }
        let kind = separator == "\t" ? "tab-separated text" : (separator == ";" ? "CSV with semicolons" : "CSV")
        let format = kind + (encoding.isEmpty ? "" : " (\(encoding))")
        return .success(TableGrid(rows: rows, lines: lines, format: format, blankLines: parts.blankLines))
    }

    /// The text as Unicode scalars and a note on the encoding when it is not
    /// plain UTF-8; nil for binary data.
    static func decode(_ bytes: [UInt8]) -> ([Unicode.Scalar], String)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            guard !rest.contains(0), let text = validUTF8(rest) else { return nil }
            return (text, "UTF-8 with a byte order mark")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            var scalars: [Unicode.Scalar] = []
            var decoder = UTF16()
            var iterator = units.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalars.append(s)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            if scalars.contains("\0") { return nil }
            return (scalars, "UTF-16")
        }
        if bytes.contains(0) { return nil }
        if let text = validUTF8(bytes) {
            // Text with many control characters is not a table.
            let controls = text.lazy.filter { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" && $0 != "\u{0B}" && $0 != "\u{0C}" }.count
            return controls * 20 > text.count ? nil : (text, "")
        }
        // Windows-1252: bytes 0x80-0x9F are punctuation, the rest Latin-1.
        let controls = bytes.lazy.filter { $0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13 }.count
        if controls * 20 > bytes.count { return nil }
        return (bytes.map(windows1252), "Windows-1252, not UTF-8")
    }

    static func validUTF8(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte) { return Unicode.Scalar(cp1252High[Int(byte - 0x80)]) ?? "?" }
        return Unicode.Scalar(byte)
    }

    /// A tab outside quotes in the first 50 lines makes the file tab-separated;
    /// otherwise a comma, unless more lines hold semicolons than commas (Excel's
    /// CSV where the comma is the decimal mark).
    static func sniffSeparator(_ text: [Unicode.Scalar]) -> Unicode.Scalar {
        var inQuotes = false
        var atFieldStart = true
        var lines = 0
        var commaLines = 0, semicolonLines = 0, tabLines = 0
        var comma = false, semicolon = false, tab = false
        for c in text {
            if c == "\"" {
                if atFieldStart { inQuotes = true } else if inQuotes { inQuotes = false }
            } else if !inQuotes {
                if c == "\t" { tab = true }
                if c == "," { comma = true }
                if c == ";" { semicolon = true }
                if c == "\n" {
                    if comma { commaLines += 1 }
                    if semicolon { semicolonLines += 1 }
                    if tab { tabLines += 1 }
                    comma = false
                    semicolon = false
                    tab = false
                    lines += 1
                    if lines > 50 { break }
                }
            }
            atFieldStart = c == "," || c == ";" || c == "\t" || c == "\n" || c == "\r"
        }
        if comma { commaLines += 1 }
        if semicolon { semicolonLines += 1 }
        if tab { tabLines += 1 }
        // As many lines with tabs as with commas: tab-separated (a Word table's
        // cells hold commas). A tab pasted into one cell of a CSV is text.
        if tabLines > 0, tabLines >= commaLines, tabLines >= semicolonLines { return "\t" }
        return semicolonLines > commaLines ? ";" : ","
    }

    /// Splits into rows of cells. A field is quoted only when it starts with a
    /// quote and its closing quote is followed by the separator, a line end or
    /// the end of the text; otherwise its quotes are ordinary text.
    static func split(_ text: [Unicode.Scalar], separator: Unicode.Scalar) -> (rows: [[String]], lines: [Int], blankLines: [Int]) {
        var rows: [[String]] = []
        var lines: [Int] = []
        var blankLines: [Int] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var i = 0
        let n = text.count
        var fieldStart = true
        func endRow() {
            row.append(String(field))
            field = String.UnicodeScalarView()
            if !(row.count == 1 && row[0].isEmpty) {
                rows.append(row)
                lines.append(rowLine)
            } else {
                blankLines.append(rowLine)
            }
            row = []
        }
        while i < n {
            let c = text[i]
            if fieldStart && c == "\"", let (value, next, breaks) = quotedField(text, from: i, separator: separator) {
                field.append(contentsOf: value.unicodeScalars)
                line += breaks
                i = next
                fieldStart = false
                continue
            }
            fieldStart = false
            if c == separator {
                row.append(String(field))
                field = String.UnicodeScalarView()
                fieldStart = true
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < n, text[i + 1] == "\n" { i += 1 }
                endRow()
                line += 1
                rowLine = line
                fieldStart = true
            } else if c == "\u{FEFF}" && i == 0 {
                // a second mark, or one after UTF-16 decoding
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return (rows, lines, blankLines)
    }

    /// A well-formed quoted field at `start`: its value, the index after it, and
    /// the line breaks inside it. Nil when the quotes do not close properly.
    static func quotedField(_ text: [Unicode.Scalar], from start: Int, separator: Unicode.Scalar) -> (String, Int, Int)? {
        var value = String.UnicodeScalarView()
        var breaks = 0
        var i = start + 1
        while i < text.count {
            let c = text[i]
            if c == "\"" {
                if i + 1 < text.count, text[i + 1] == "\"" {
                    value.append("\"")
                    i += 2
                    continue
                }
                // The closing quote: what follows must end the field.
                var j = i + 1
                while j < text.count, text[j] == " " { j += 1 }
                if j == text.count || text[j] == separator || text[j] == "\n" || text[j] == "\r" {
                    return (String(value), j, breaks)
                }
                return nil
            }
            if c == "\n" || (c == "\r" && !(i + 1 < text.count && text[i + 1] == "\n")) { breaks += 1 }
            value.append(c)
            i += 1
        }
        return nil
    }
}
