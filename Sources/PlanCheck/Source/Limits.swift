/// Every limit plancheck enforces on its input, in one place.
///
/// Plans are checked automatically (pre-commit hooks, CI, a language server),
/// so no input, however large or strange, may crash plancheck, hang it or make
/// it use memory without bound. Each limit below is a policy: what happens past
/// it is a diagnostic with a location (or, for a file named on the command
/// line, a message with its path and exit status 2), never a crash. As SQLite
/// keeps its `SQLITE_MAX_*` limits together, these are the only numbers of the
/// kind; code that enforces one refers to it here by name (the workbook reader
/// and the language server through their own short names, `WorkbookLimits`
/// and `MessageFraming.maxBodyBytes`, which are these).
///
///     Limits.largestFile          // 256 MiB: a plan or data file past it is not read
///     Limits.largestExactInteger  // 2^53 - 1: a number past it is `number-too-large`
public enum Limits {
    /// The largest plan or data file read, in bytes (256 MiB). A real plan is
    /// tens of kilobytes and a ten-year performance book a few megabytes; past
    /// this, reading stops with `unreadable-file` at the `include` or `data`
    /// that names the file (or exit 2 for a file on the command line). The
    /// size is checked before reading, and standard input is cut off at it.
    ///
    /// Only regular files are read: a FIFO, a character or block device or a
    /// socket (`/dev/zero`, a named pipe) would never end or never answer, so
    /// it is refused before it is opened for reading, with the same diagnostic
    /// as an unreadable file. (Standard input, `-`, may be a pipe.)
    public static let largestFile = 256 << 20

    /// The largest number read (`number-too-large` past it, where the plan or
    /// a data row writes it): 2^53 - 1 = 9,007,199,254,740,991, the largest
    /// integer below which a `Double` holds every integer exactly (JavaScript's
    /// `MAX_SAFE_INTEGER`). Every value is a `Double`, so past it two numbers
    /// written differently read the same: 9007199254740993 reads as
    /// 9007199254740992. Values computed from allowed ones (`baseline * 2`) may
    /// still exceed it; the evaluator's number formatting handles any `Double`
    /// without trapping.
    public static let largestExactInteger: Double = 9_007_199_254_740_991

    /// The most characters of one run of input (a token, an id, a value) that a
    /// diagnostic's message, help or note quotes. A longer run is cut to this
    /// many characters and `…`, so a 50 MB atom gives a short message, not a
    /// 50 MB line. Long enough for any real id, date or file path.
    public static let longestQuote = 200

    /// The deepest chain of `include`s followed (`include-depth` past it).
    public static let includeDepth = 64

    /// The deepest chain of sections `part of` one another (`section-depth`
    /// past it). Real plans nest two or three deep; every output walks an
    /// item's sections upwards, so the chain must stay short.
    public static let sectionDepth = 32

    /// The most diagnostics kept for one plan (with its includes and its
    /// data; each plan checked has its own), and the most syntax errors kept
    /// for one file; one more note says how many were left out
    /// (`too-many-errors`), so a binary file never floods the screen.
    public static let diagnostics = 1000

    /// The most CSV syntax errors reported for one data file.
    public static let csvSyntaxErrors = 100

    /// Source lines wider than this many columns are shown in diagnostics as a
    /// window around the span, so a megabyte line prints as a short one.
    public static let shownLineWidth = 200

    /// The message of `number-too-large`, for the plan and the data alike.
    /// The number is named whole and grouped while it fits an `Int64`;
    /// past that, as "this number" (the caret shows it), never as `1e+23`
    /// or `∞`, which the reader did not write.
    public static func tooLargeMessage(_ value: Double) -> String {
        var named = "this number"
        if value.isFinite, value.magnitude < 9.2e18 {
            let digits = Array(String(Int64(value.magnitude)))
            named = value < 0 ? "-" : ""
            for (i, digit) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { named.append(",") }
                named.append(digit)
            }
        }
        return "\(named) is too large: plancheck reads numbers exactly only up to 9,007,199,254,740,991 (2^53 - 1)"
    }

    // MARK: Workbooks (.xlsx), read by `Workbook` through `WorkbookLimits`

    /// The most one ZIP entry may inflate to: 256 MiB. A 100,000-row sheet is
    /// about 10 MiB of XML; a ZIP bomb (a few KB that inflate to gigabytes)
    /// stops here, whatever size its directory claims.
    public static let largestInflatedEntry = 256 << 20
    /// Entries in one archive. A workbook has tens; a million-entry directory
    /// is an attack, not a book.
    public static let zipEntries = 10_000
    /// Sheets read from one workbook.
    public static let sheets = 1_000
    /// The XML of all the sheets of one workbook together, inflated: 128 MiB,
    /// a million rows of a performance book. Reading a sheet takes about
    /// seven times its XML, so six sheets of 250 MB each took 10 GB and nine
    /// minutes; past this the workbook is refused at the sheet that passes it.
    public static let workbookXML = 128 << 20
    /// Cells read from one sheet: Excel's own grid is 1,048,576 rows by 16,384
    /// columns, but a performance book is far smaller; this bounds memory.
    public static let cellsPerSheet = 20_000_000
    /// The text a sheet becomes (its rows as CSV), so a sheet of sparse cells at
    /// row 1,048,576, column XFD cannot expand to gigabytes of separators; also
    /// the most for all the sheets of one workbook together.
    public static let sheetText = 512 << 20
    /// Nesting of XML elements.
    public static let xmlDepth = 256

    // MARK: The language server's messages (`MessageFraming`, `JSON.parse`)

    /// A header block longer than this is malformed (no real header is near it).
    public static let messageHeader = 8 * 1024
    /// A message body longer than this is refused: 256 MiB is far past any plan.
    public static let messageBody = 256 << 20
    /// JSON arrays and objects nested deeper than this are an error.
    public static let jsonDepth = 512

    /// Whether `value` is within `largestExactInteger` (NaN and infinity are not).
    public static func isExact(_ value: Double) -> Bool {
        value.magnitude <= largestExactInteger
    }

    /// `text` with every run of non-blank characters longer than
    /// `longestQuote` cut to that many and `…`, keeping the run's closing
    /// punctuation (a quote, a colon) so the sentence still reads.
    ///
    ///     Limits.clip("'" + String(repeating: "x", count: 1_000) + "' is not a month")
    ///     // "'xxx…xxx…' is not a month", 200 characters of x
    public static func clip(_ text: String) -> String {
        // Fast path: nothing that long at all.
        if text.utf8.count <= longestQuote { return text }
        var out = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flush() {
            if run.count <= longestQuote {
                out.append(contentsOf: run)
            } else {
                var tail = run.count
                while tail > run.count - 3, !isWordLike(run[tail - 1]) { tail -= 1 }
                out.append(contentsOf: run[..<longestQuote])
                out.append("…")
                out.append(contentsOf: run[tail...])
            }
            run.removeAll(keepingCapacity: true)
        }
        var clipped = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" {
                if run.count > longestQuote { clipped = true }
                flush()
                out.append(scalar)
            } else {
                run.append(scalar)
            }
        }
        if run.count > longestQuote { clipped = true }
        flush()
        return clipped ? String(out) : text
    }

    private static func isWordLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
