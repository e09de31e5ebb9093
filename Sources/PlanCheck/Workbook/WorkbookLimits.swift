/// The limits of the workbook reader under the names it uses; each is defined,
/// with its reason, in `Source/Limits.swift` with every other limit.
public enum WorkbookLimits {
    /// The largest workbook file read at all: `Limits.largestFile`.
    public static let maxWorkbookBytes = Limits.largestFile
    public static let maxInflatedEntry = Limits.largestInflatedEntry
    public static let maxZipEntries = Limits.zipEntries
    public static let maxSheets = Limits.sheets
    public static let maxWorkbookXML = Limits.workbookXML
    public static let maxCellsPerSheet = Limits.cellsPerSheet
    public static let maxSheetTextBytes = Limits.sheetText
    public static let maxXMLDepth = Limits.xmlDepth
    /// The most characters of a cell's text quoted in a message; a longer one is
    /// cut, with `…`, so a megabyte cell gives a short message.
    public static let longestQuote = Limits.longestQuote

    public static func quote(_ text: String) -> String {
        guard text.unicodeScalars.count > longestQuote else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(longestQuote))) + "…"
    }
}
