extension Workbook {
    /// Reads one worksheet part (`xl/worksheets/sheetN.xml`) into its text.
    /// A pure function of the bytes and the workbook's context, for fuzzing:
    /// it never traps, whatever the bytes.
    ///
    /// A cell that cannot be read (an unknown shared-string index, a number
    /// that is not one, a reference out of order) is left empty and reported
    /// as a `SheetProblem`; malformed XML stops the sheet there, reported at
    /// the last cell read.
    public static func readSheet(name: String, xml: [UInt8], context: WorkbookContext) -> WorkbookSheet {
        xml.withUnsafeBufferPointer { buffer in
            var reader = SheetReader(scanner: XMLScanner(buffer), context: context)
            reader.read()
            return WorkbookSheet(name: name, csv: reader.out, problems: reader.problems, merges: reader.merges)
        }
    }
}

/// Merged cells, `B1:M1`: the first cell holds the value, the others are empty.
public struct CellRange: Sendable, Hashable {
    public var first: CellReference
    public var last: CellReference
}

/// A cell reference such as `D14`: column from 0, row from 1.
public struct CellReference: Sendable, Hashable {
    public var column: Int
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// `A`, `Z`, `AA`, ..., `XFD`.
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            letters.append(UInt8(ascii: "A") + UInt8((n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public var name: String { Self.columnName(column) + String(row) }

    /// Excel's grid: 16,384 columns (XFD) by 1,048,576 rows.
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576

    /// Parses `D14` (letters then digits, within Excel's grid).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var column = 0
        while i < bytes.count, i < 3 {
            var b = bytes[i]
            if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { b -= 32 }
            guard b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "A")) + 1
            i += 1
        }
        var row = 0
        var digits = 0
        while i < bytes.count, digits < 8 {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
            digits += 1
        }
        guard i == bytes.count, column >= 1, column <= Self.maxColumns, row >= 1, row <= Self.maxRows else { return nil }
        self.column = column - 1
        self.row = row
    }
}

/// The state of reading one sheet: where the text is, which cell is open.
private struct SheetReader {
    var scanner: XMLScanner
    let context: WorkbookContext
    var out: [UInt8] = []
    var problems: [SheetProblem] = []
    var merges: [CellRange] = []
    /// The line being written (= the row), and the next field on it.
    var line = 1
    var field = 0
    var lineOpen = false
    var row = 0
    var column = -1
    var cells = 0
    var full = false

    init(scanner: XMLScanner, context: WorkbookContext) {
        self.scanner = scanner
        self.context = context
        out.reserveCapacity(scanner.bytes.count / 3)
    }

    /// Records a problem at `reference`'s place in the text (moving there
    /// first when it lies ahead), so its location names that cell.
    mutating func problem(_ message: String, at reference: CellReference, unsavedFormula: Bool = false) {
        guard problems.count < 1000 else { return }
        if !full, reference.row > line || (reference.row == line && (!lineOpen || reference.column >= field)) {
            _ = moveTo(reference, extra: 0)
        }
        let offset = out.count
        problems.append(SheetProblem(message: message, cell: reference.name, span: Span(start: offset, end: offset),
                                     reference: reference, unsavedFormula: unsavedFormula))
    }

    mutating func read() {
        var inSheetData = false
        while let event = scanner.next() {
            guard case .start(let name, let tag, let empty) = event else {
                if case .end(let name) = event, scanner.matches(name, "sheetData") { inSheetData = false }
                continue
            }
            if scanner.matches(name, "sheetData") {
                inSheetData = !empty
            } else if inSheetData && scanner.matches(name, "row") {
                startRow(tag)
                // Past Excel's last row the sheet is no book: stopped, said at
                // its last row, rather than read into gigabytes.
                if row > CellReference.maxRows {
                    problem("the sheet has more rows than Excel's \(CellReference.maxRows); it is not read past row \(CellReference.maxRows)",
                            at: CellReference(column: 0, row: CellReference.maxRows))
                    full = true
                    break
                }
            } else if inSheetData && scanner.matches(name, "c") {
                readCell(tag, empty: empty)
                if full { break }
            } else if !inSheetData && scanner.matches(name, "mergeCell"), merges.count < 10_000,
                      let ref = scanner.attribute("ref", in: tag) {
                let text = UnsafeBufferPointer(rebasing: scanner.bytes[ref])
                if let colon = text.firstIndex(of: UInt8(ascii: ":")),
                   let first = CellReference(UnsafeBufferPointer(rebasing: text[..<colon])),
                   let last = CellReference(UnsafeBufferPointer(rebasing: text[(colon + 1)...])),
                   first.row <= last.row, first.column <= last.column {
                    merges.append(CellRange(first: first, last: last))
                }
            }
        }
        if let problem = scanner.problem {
            problems.append(SheetProblem(message: "the sheet's XML is malformed: \(problem)",
                                         cell: CellReference(column: max(0, column), row: max(1, row)).name,
                                         span: Span(start: out.count, end: out.count)))
        }
        if lineOpen { out.append(UInt8(ascii: "\n")) }
    }

    mutating func startRow(_ tag: Range<Int>) {
        var next = row + 1
        if let r = scanner.attribute("r", in: tag) {
            if let number = Int(scanner.text(r)), number >= 1, number <= CellReference.maxRows {
                next = number
            } else {
                problem("the row number \"\(WorkbookLimits.quote(scanner.text(r)))\" cannot be read", at: CellReference(column: 0, row: next))
            }
        }
        if next <= row {
            problem("row \(next) comes after row \(row); rows must be in order",
                    at: CellReference(column: 0, row: row))
            next = row + 1
        }
        row = next
        column = -1
    }

    /// Ends the current line and moves to `target`, writing empty lines for
    /// rows the sheet leaves out.
    mutating func moveTo(row target: Int) -> Bool {
        if lineOpen {
            out.append(UInt8(ascii: "\n"))
            line += 1
            lineOpen = false
        }
        guard out.count + (target - line) <= WorkbookLimits.maxSheetTextBytes else { return false }
        while line < target {
            out.append(UInt8(ascii: "\n"))
            line += 1
        }
        field = 0
        lineOpen = true
        return true
    }

    mutating func readCell(_ tag: Range<Int>, empty: Bool) {
        if row == 0 { row = 1 }
        var reference = CellReference(column: column + 1, row: row)
        let attributes = cellAttributes(tag)
        if let r = attributes.r {
            if let parsed = CellReference(UnsafeBufferPointer(rebasing: scanner.bytes[r])) {
                if parsed.row != row || parsed.column <= column {
                    let previous = CellReference(column: max(0, column), row: row).name
                    problem("cell \(parsed.name) comes after \(column >= 0 ? previous : "row \(row)'s start"); cells must be in order",
                            at: parsed)
                    if !empty { scanner.skipElement() }
                    return
                }
                reference = parsed
            } else {
                problem("the cell reference \"\(WorkbookLimits.quote(scanner.text(r)))\" cannot be read", at: reference)
                if !empty { scanner.skipElement() }
                return
            }
        }
        guard reference.column < CellReference.maxColumns else {
            if !empty { scanner.skipElement() }
            return
        }
        column = reference.column
        cells += 1
        guard cells <= WorkbookLimits.maxCellsPerSheet else {
            problem("the sheet has more than \(WorkbookLimits.maxCellsPerSheet) cells; the rest are not read", at: reference)
            full = true
            return
        }
        if empty { return }
        let type = attributes.t
        let style = attributes.s.map { digitsValue($0) } ?? 0
        // The cell's children: <v> (a value or a formula's cached result), <f>
        // (the formula, ignored), <is> (an inline string).
        var value: String?
        var valueRange: Range<Int>?
        var inline: String?
        var inlineRange: Range<Int>?
        var inValue = false
        var inInlineText = false
        var hasFormula = false
        while let event = scanner.next() {
            switch event {
            case .start(let name, _, let childEmpty):
                if scanner.matches(name, "f") { hasFormula = true }
                if childEmpty { continue }
                if scanner.matches(name, "v") {
                    inValue = true
                } else if scanner.matches(name, "is") {
                    inline = inline ?? ""
                } else if scanner.matches(name, "t") && inline != nil {
                    inInlineText = true
                } else if scanner.matches(name, "r") && inline != nil {
                    continue  // a rich-text run: its <t> holds the text
                } else {
                    scanner.skipElement()
                }
            case .end(let name):
                if scanner.matches(name, "c") {
                    if hasFormula, value == nil, valueRange == nil, inline == nil,
                       type == nil || scanner.matches(type!, "n") {
                        // Written by a program that does not calculate (openpyxl,
                        // a script): the value is unknown, never silently blank.
                        // (A text formula's empty result, t="str", is a blank.)
                        problem("the formula in this cell has no saved result", at: reference, unsavedFormula: true)
                        return
                    }
                    if let inlineRange, inline?.isEmpty == true, type.map({ scanner.matches($0, "inlineStr") }) == true {
                        writeBytes(reference, inlineRange)
                        return
                    }
                    if value == nil, let valueRange, type == nil || scanner.matches(type!, "n"),
                       writeNumber(reference, valueRange, style: style) {
                        return
                    }
                    write(reference, type: type, style: style, value: value, valueRange: valueRange, inline: inline)
                    return
                }
                if scanner.matches(name, "v") { inValue = false }
                if scanner.matches(name, "t") { inInlineText = false }
            case .text(let range, let raw):
                if inValue {
                    if value == nil && valueRange == nil && !raw {
                        valueRange = range
                    } else {
                        value = (value ?? valueRange.map { scanner.text($0) } ?? "") + scanner.text(range, raw: raw)
                        valueRange = nil
                    }
                } else if inInlineText {
                    if inline!.isEmpty && inlineRange == nil && !raw {
                        inlineRange = range
                    } else {
                        inline! = inline! + (inlineRange.map { scanner.text($0) } ?? "") + scanner.text(range, raw: raw)
                        inlineRange = nil
                    }
                }
            }
        }
    }

    /// The `r`, `t` and `s` attributes of a `<c>` tag, in one pass.
    func cellAttributes(_ tag: Range<Int>) -> (r: Range<Int>?, t: Range<Int>?, s: Range<Int>?) {
        let bytes = scanner.bytes
        var found: (r: Range<Int>?, t: Range<Int>?, s: Range<Int>?) = (nil, nil, nil)
        var i = tag.lowerBound + 1
        let end = tag.upperBound
        while i < end && !XMLScanner.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") && bytes[i] != UInt8(ascii: "/") { i += 1 }
        while i < end {
            while i < end && (XMLScanner.isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/")) { i += 1 }
            let nameStart = i
            while i < end && bytes[i] != UInt8(ascii: "=") && !XMLScanner.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") { i += 1 }
            let name = scanner.localName(nameStart..<i)
            while i < end && XMLScanner.isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "=") else { return found }
            i += 1
            while i < end && XMLScanner.isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return found }
            let quote = bytes[i]
            let valueStart = i + 1
            i = valueStart
            while i < end && bytes[i] != quote { i += 1 }
            guard i < end else { return found }
            if name.count == 1 {
                switch bytes[name.lowerBound] {
                case UInt8(ascii: "r"): found.r = valueStart..<i
                case UInt8(ascii: "t"): found.t = valueStart..<i
                case UInt8(ascii: "s"): found.s = valueStart..<i
                default: break
                }
            }
            i += 1
        }
        return found
    }

    /// A small non-negative integer written in `range`; 0 when it is not one.
    func digitsValue(_ range: Range<Int>) -> Int {
        var value = 0
        for i in range {
            let b = scanner.bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), value < 100_000_000 else { return 0 }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// Moves to the cell's line and field; false when the sheet is full.
    mutating func moveTo(_ reference: CellReference, extra: Int) -> Bool {
        guard !full else { return false }
        if !lineOpen || line != reference.row {
            guard moveTo(row: reference.row) else {
                full = true
                problem("the sheet's text would pass \(WorkbookLimits.maxSheetTextBytes) bytes", at: reference)
                return false
            }
        }
        guard out.count + (reference.column - field) + extra <= WorkbookLimits.maxSheetTextBytes else {
            full = true
            problem("the sheet's text would pass \(WorkbookLimits.maxSheetTextBytes) bytes", at: reference)
            return false
        }
        while field < reference.column {
            out.append(UInt8(ascii: ","))
            field += 1
        }
        return true
    }

    /// Plain text straight from the XML (no references to decode).
    mutating func writeBytes(_ reference: CellReference, _ range: Range<Int>) {
        let bytes = UnsafeBufferPointer(rebasing: scanner.bytes[range])
        if bytes.isEmpty { return }
        var special = false
        for b in bytes where b == UInt8(ascii: "&") || b == UInt8(ascii: "_") || b == UInt8(ascii: ",")
            || b == UInt8(ascii: "\"") || b < 0x20 {
            special = true
            break
        }
        if special || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ") {
            let text = scanner.text(range)
            guard !text.isEmpty, moveTo(reference, extra: text.utf8.count * 2 + 2) else { return }
            CellText.appendCSV(text, to: &out, keepingLineBreaks: context.keepsLineBreaks)
            return
        }
        guard moveTo(reference, extra: bytes.count) else { return }
        out.append(contentsOf: bytes)
    }

    /// The common number cells without making a `String`: a plain decimal of
    /// at most 15 digits is copied as written; a date serial is written as a
    /// date. False for anything else, which `write` handles.
    mutating func writeNumber(_ reference: CellReference, _ range: Range<Int>, style: Int) -> Bool {
        let kind = style >= 0 && style < context.styles.count ? context.styles[style] : .plain
        let bytes = UnsafeBufferPointer(rebasing: scanner.bytes[range])
        var digits = 0
        var dots = 0
        for (k, b) in bytes.enumerated() {
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
            } else if b == UInt8(ascii: ".") {
                dots += 1
            } else if !(b == UInt8(ascii: "-") && k == 0) {
                return false
            }
        }
        guard digits >= 1, digits <= 15, dots <= 1, bytes.last != UInt8(ascii: ".") else { return false }
        switch kind {
        case .plain:
            // "86.0" reads as 86 either way; copy only what needs no tidying.
            if dots == 1 && bytes.last == UInt8(ascii: "0") { return false }
            if bytes.first == UInt8(ascii: "0") && bytes.count > 1 && bytes[1] != UInt8(ascii: ".") { return false }
            guard moveTo(reference, extra: bytes.count) else { return true }
            out.append(contentsOf: bytes)
            return true
        case .date(let hasDay):
            guard let serial = Parser.parseDecimal(bytes, 0, bytes.count),
                  let (y, m, d) = CellText.serialDate(serial, date1904: context.date1904), y >= 1000 else { return false }
            guard moveTo(reference, extra: 10) else { return true }
            func two(_ n: Int) {
                out.append(UInt8(ascii: "0") + UInt8(n / 10))
                out.append(UInt8(ascii: "0") + UInt8(n % 10))
            }
            two(y / 100)
            two(y % 100)
            out.append(UInt8(ascii: "-"))
            two(m)
            if hasDay {
                out.append(UInt8(ascii: "-"))
                two(d)
            }
            return true
        case .percent:
            // 0.835 is 83.5%: move the decimal point two places, exactly.
            guard moveTo(reference, extra: bytes.count + 4) else { return true }
            CellText.appendPercent(bytes, to: &out)
            return true
        case .fixed, .hours:
            return false
        }
    }

    /// Writes the cell's text into its field of the current line.
    mutating func write(_ reference: CellReference, type: Range<Int>?, style: Int, value: String?,
                        valueRange: Range<Int>?, inline: String?) {
        func valueText() -> String? { value ?? valueRange.map { scanner.text($0) } }
        var text: String?
        if let type, scanner.matches(type, "s") {
            guard let index = valueText().flatMap({ Int($0.trimmingSpaces) }) else {
                problem("the shared-string index is missing or not a number", at: reference)
                return
            }
            guard index >= 0, index < context.sharedStrings.count else {
                problem("the shared-string index \(index) is outside the table of \(context.sharedStrings.count)",
                        at: reference)
                return
            }
            text = context.sharedStrings[index]
        } else if let type, scanner.matches(type, "inlineStr") {
            text = inline ?? valueText()
        } else if let type, scanner.matches(type, "str") || scanner.matches(type, "e") {
            text = valueText()
        } else if let type, scanner.matches(type, "b") {
            guard let v = valueText()?.trimmingSpaces, v == "0" || v == "1" else {
                problem("a boolean cell holds neither 0 nor 1", at: reference)
                return
            }
            text = v == "1" ? "TRUE" : "FALSE"
        } else if let type, scanner.matches(type, "d") {
            // An ISO 8601 date (strict OOXML); the day is all a book needs.
            text = valueText().map { String($0.prefix { $0 != "T" }) }
        } else if type == nil || scanner.matches(type!, "n") {
            guard let written = valueText() else { return }
            let kind = style >= 0 && style < context.styles.count ? context.styles[style] : .plain
            // A decimal, as SpreadsheetML writes numbers: Swift's `Double`
            // would also take hexadecimal (`0x50` is 80), which no book holds.
            let decimal = written.trimmingSpaces.utf8.allSatisfy { Lexer.isDigit($0) || ".eE+-".utf8.contains($0) }
            guard decimal, let number = Double(written.trimmingSpaces), number.isFinite else {
                problem("\"\(WorkbookLimits.quote(written))\" in a number cell is not a number", at: reference)
                return
            }
            text = CellText.number(number, kind: kind, date1904: context.date1904)
        } else {
            problem("the cell type \"\(WorkbookLimits.quote(scanner.text(type!)))\" is not one Excel writes", at: reference)
            return
        }
        guard let text, !text.isEmpty, moveTo(reference, extra: text.utf8.count * 2 + 2) else { return }
        CellText.appendCSV(text, to: &out, keepingLineBreaks: context.keepsLineBreaks)
    }
}

/// How a cell's value is written into a sheet's text.
enum CellText {
    /// A number as the book shows it: dates as ISO dates, percentages with
    /// `%`, others in the shortest form that reads back as the same number.
    static func number(_ value: Double, kind: NumberFormatKind, date1904: Bool) -> String {
        switch kind {
        case .plain:
            return plain(value)
        case .fixed(let decimals):
            // Padded to the format's decimals, never rounded to them: the
            // value keeps every digit it has (86.456 in a `0.0` cell).
            let text = plain(value)
            guard !text.contains("e") && !text.contains("E") else { return text }
            let have = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
            guard (have ?? 0) < decimals else { return text }
            return text + (have == nil ? "." : "") + String(repeating: "0", count: decimals - (have ?? 0))
        case .hours:
            // A fraction of a day: 0.7 shows as 16:48, 16.8 hours.
            return plain((value * 24 * 1e9).rounded() / 1e9)
        case .percent:
            // 0.825 shows as 82.5%; round off the binary noise of x100.
            return plain((value * 100 * 1e9).rounded() / 1e9) + "%"
        case .date(let hasDay):
            guard let date = serialDate(value, date1904: date1904) else { return plain(value) }
            let (y, m, d) = date
            let month = (m < 10 ? "0" : "") + String(m)
            let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
            if !hasDay { return "\(year)-\(month)" }
            return "\(year)-\(month)-\(d < 10 ? "0" : "")\(d)"
        }
    }

    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return positional(String(value))
    }

    /// `1.5e-09` as `0.0000000015`, `1.23e+21` as `1230000000000000000000`:
    /// the same digits with the exponent written out, since a book's numbers
    /// are read as written decimals (Excel stores a formula's tiny or huge
    /// result in E notation). Text with no exponent is returned as it is.
    static func positional(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard let e = utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let exponent = Int(String(decoding: utf8[(e + 1)...], as: UTF8.self)), abs(exponent) < 400 else { return text }
        var mantissa = utf8[..<e]
        let negative = mantissa.first == UInt8(ascii: "-")
        if negative { mantissa = mantissa.dropFirst() }
        let point = mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.endIndex
        let digits = mantissa.filter { $0 != UInt8(ascii: ".") }
        // Where the point falls among `digits` once the exponent is applied.
        let at = point - mantissa.startIndex + exponent
        var out = negative ? "-" : ""
        if at <= 0 {
            out += "0." + String(repeating: "0", count: -at) + String(decoding: digits, as: UTF8.self)
        } else if at >= digits.count {
            out += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: at - digits.count)
        } else {
            out += String(decoding: digits[..<at], as: UTF8.self) + "." + String(decoding: digits[at...], as: UTF8.self)
        }
        return out
    }

    /// A date serial number as year, month, day (the time of day dropped).
    ///
    /// The 1900 system counts 1 January 1900 as 1 and, as Lotus 1-2-3 did,
    /// has a 29 February 1900 that never was (serial 60): serials from 61 are
    /// one day ahead of a true count, and 60 itself is written as the
    /// impossible `1900-02-29` so the date reader reports it. The 1904 system
    /// counts from 1 January 1904 as 0, with no such day.
    static func serialDate(_ serial: Double, date1904: Bool) -> (Int, Int, Int)? {
        guard serial >= 0, serial < 2_958_466 else { return nil }  // 9999-12-31
        let whole = Int(serial.rounded(.down))
        let epoch1970: Int
        if date1904 {
            epoch1970 = whole - 24_107  // 1904-01-01 is 24,107 days before 1970-01-01
        } else {
            if whole == 60 { return (1900, 2, 29) }
            if whole == 0 { return nil }
            epoch1970 = (whole < 60 ? whole + 1 : whole) - 25_569  // 1899-12-30 + serial
        }
        let c = CalendarDate(dayNumber: epoch1970).components
        return (c.year, c.month, c.day)
    }

    /// A plain decimal (`-0.835`, `1`, `0.005`) times 100 with `%`, by moving
    /// its decimal point: `-83.5%`, `100%`, `0.5%`. No binary rounding.
    static func appendPercent(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var digits = bytes[...]
        if digits.first == UInt8(ascii: "-") {
            out.append(UInt8(ascii: "-"))
            digits = digits.dropFirst()
        }
        let dot = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.endIndex
        var whole = Array(digits[..<dot])
        var fraction = dot < digits.endIndex ? Array(digits[(dot + 1)...]) : []
        while fraction.count < 2 { fraction.append(UInt8(ascii: "0")) }
        whole += fraction[0..<2]
        fraction.removeFirst(2)
        while whole.count > 1 && whole.first == UInt8(ascii: "0") { whole.removeFirst() }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if whole.isEmpty { whole = [UInt8(ascii: "0")] }
        out += whole
        if !fraction.isEmpty {
            out.append(UInt8(ascii: "."))
            out += fraction
        }
        out.append(UInt8(ascii: "%"))
    }

    /// Appends `text` as one CSV field: quoted when it holds a comma, quote or
    /// spaces at its ends; line breaks become spaces so a line stays a row
    /// (a performance book), or with `keepingLineBreaks` the line separator
    /// U+2028, which no CSV reader takes for a row's end, so a plan table's
    /// cell keeps its lines ("Oct 2024: ...⏎Nov 2024: ...") and a line still
    /// stays a row. A CR LF is one break.
    static func appendCSV(_ text: String, to out: inout [UInt8], keepingLineBreaks: Bool = false) {
        // A cell's spaces at either end are none of its value (`1.3 ` is the
        // id 1.3, as in a CSV): Excel shows them to nobody.
        let text = text.trimmingSpaces
        var needsQuotes = false
        var hasBreak = false
        for b in text.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") { needsQuotes = true }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { hasBreak = true }
        }
        if let first = text.utf8.first, let last = text.utf8.last,
           first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: "\t") {
            needsQuotes = true
        }
        if !needsQuotes && !hasBreak {
            out.append(contentsOf: text.utf8)
            return
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        var afterCR = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\n") where keepingLineBreaks && afterCR: break
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if keepingLineBreaks { out.append(contentsOf: [0xE2, 0x80, 0xA8]) } else { out.append(UInt8(ascii: " ")) }
            case UInt8(ascii: "\""): out.append(contentsOf: [b, b])
            default: out.append(b)
            }
            afterCR = b == UInt8(ascii: "\r")
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
    }
}

extension String {
    /// Without spaces, tabs and line breaks at either end.
    var trimmingSpaces: String {
        let utf8 = self.utf8
        let isSpace = { (b: UInt8) in b == 32 || b == 9 || b == 10 || b == 13 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
