/// The limits of the workbook reader, in one place, each with its reason.
///
/// TODO: move these into `Source/Limits.swift` (issue 9 gathers every limit
/// there) once it is on main.
public enum WorkbookLimits {
    /// The largest workbook file read at all: 256 MiB.
    public static let maxWorkbookBytes = 256 << 20
    /// The most one ZIP entry may inflate to: 256 MiB. A 100,000-row sheet is
    /// about 10 MiB of XML; a ZIP bomb (a few KB that inflate to gigabytes)
    /// stops here, whatever size its directory claims.
    public static let maxInflatedEntry = 256 << 20
    /// Entries in one archive. A workbook has tens; a million-entry directory
    /// is an attack, not a book.
    public static let maxZipEntries = 10_000
    /// Sheets read from one workbook.
    public static let maxSheets = 1_000
    /// Cells read from one sheet: Excel's own grid is 1,048,576 rows by 16,384
    /// columns, but a performance book is far smaller; this bounds memory.
    public static let maxCellsPerSheet = 20_000_000
    /// The text a sheet becomes (its rows as CSV), so a sheet of sparse cells at
    /// row 1,048,576, column XFD cannot expand to gigabytes of separators; also
    /// the most for all the sheets of one workbook together.
    public static let maxSheetTextBytes = 512 << 20
    /// Nesting of XML elements.
    public static let maxXMLDepth = 256
    /// The most characters of a cell's text quoted in a message; a longer one is
    /// cut, with `…`, so a megabyte cell gives a short message.
    /// TODO: use `Limits.longestQuote` and `Limits.clip` (issue 9) once on main.
    public static let longestQuote = 200

    public static func quote(_ text: String) -> String {
        guard text.unicodeScalars.count > longestQuote else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(longestQuote))) + "…"
    }
}
