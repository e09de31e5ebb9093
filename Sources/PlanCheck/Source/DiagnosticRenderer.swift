/// Turns diagnostics into text for people (with the source line underlined),
/// JSON for scripts, and SARIF 2.1.0 for code-scanning tools.
///
/// Rendering is a pure function of the diagnostics and the sources: the same
/// input always gives the same bytes, and escape codes appear only when
/// `color` is true.
///
///     let renderer = DiagnosticRenderer(sources: sources, color: false)
///     print(renderer.render(diagnostics))
///
/// prints
///
///     plan.plan:3:14: error[unknown-reference]: no workstream named "EDF"
///         3 |   workstream EDF
///           |              ^^^
///           = help: did you mean "EFD"?
///
///     1 error
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceSet
    public let color: Bool

    /// Source lines wider than this many columns show a window around the span.
    public static let maxLineWidth = Limits.shownLineWidth
    /// Tabs on a source line expand to the next multiple of this many columns.
    public static let tabWidth = 4

    public init(sources: SourceSet, color: Bool) {
        self.sources = sources
        self.color = color
    }

    // MARK: - Text for people

    /// One diagnostic: a header line, the source lines it points at with
    /// the span underlined, then help and notes. No trailing newline.
    public func render(_ d: Diagnostic) -> String {
        render(d, views: LineViews())
    }

    private func render(_ d: Diagnostic, views: LineViews) -> String {
        var rows: [String] = []
        var trailer: [(kind: String, text: String)] = []

        guard let file = file(d.location.file) else {
            rows.append(header(place: "<unknown file>", d))
            for label in d.labels { trailer.append(("note", describe(label))) }
            appendTrailer(d, extra: trailer, gutter: 5, to: &rows)
            return rows.joined(separator: "\n")
        }

        rows.append(header(place: file.place(of: d.location.span.start), d))

        var marks = [Mark(span: d.location.span, isPrimary: true, text: nil)]
        for label in d.labels {
            if label.location.file == d.location.file {
                marks.append(Mark(span: label.location.span, isPrimary: false, text: label.message))
            } else {
                trailer.append(("note", describe(label)))
            }
        }
        // An unreadable file (loaded as no bytes) has no line to show.
        if file.bytes.isEmpty {
            for label in d.labels where label.location.file == d.location.file { trailer.append(("note", describe(label))) }
            appendTrailer(d, extra: trailer, gutter: 5, to: &rows)
            return rows.joined(separator: "\n")
        }
        let lineIndices = marks.map { file.lineIndex(of: clamp($0.span.start, file)) }
        let gutter = max(4, digitCount(lineIndices.max()! + 1)) + 1
        let hidden = appendSnippet(file, d.location.file, marks, lineIndices, gutter: gutter, views: views, to: &rows)
        for mark in hidden {
            trailer.append(("note", "\(file.place(of: mark.span.start)): \(mark.text ?? "here")"))
        }
        appendTrailer(d, extra: trailer, gutter: gutter, to: &rows)
        return rows.joined(separator: "\n")
    }

    /// Every diagnostic, separated by blank lines, then a count such as
    /// `2 errors, 1 warning`. Empty for no diagnostics; no trailing newline.
    public func render(_ ds: [Diagnostic]) -> String {
        guard !ds.isEmpty else { return "" }
        // Diagnostics often share a line: each line is laid out once.
        let views = LineViews()
        var parts = ds.map { render($0, views: views) }
        parts.append(paint(summary(ds), Style.bold))
        return parts.joined(separator: "\n\n")
    }

    /// `1 error, 2 warnings`: the counts by severity, leaving out zeros.
    /// Findings a capped list left out (counted on its `too-many-errors`
    /// note) are in the counts and said: `1200 errors (200 not shown)`.
    public func summary(_ ds: [Diagnostic]) -> String {
        var leftOut: [Severity: Int] = [:]
        for d in ds where !d.leftOut.isEmpty { leftOut.merge(d.leftOut, uniquingKeysWith: +) }
        let counts: [(Severity, String)] = [(.error, "error"), (.warning, "warning"), (.note, "note")]
        return counts.compactMap { severity, noun in
            let hidden = leftOut[severity] ?? 0
            let n = ds.count(where: { $0.severity == severity }) + hidden
            guard n > 0 else { return nil }
            return "\(n) \(noun)\(n == 1 ? "" : "s")" + (hidden > 0 ? " (\(hidden) not shown)" : "")
        }.joined(separator: ", ")
    }

    private func header(place: String, _ d: Diagnostic) -> String {
        paint(place + ":", Style.bold) + " "
            + paint("\(d.severity.rawValue)[\(d.code.rawValue)]", style(for: d.severity))
            + paint(": " + d.message, Style.bold)
    }

    private func appendTrailer(
        _ d: Diagnostic, extra: [(kind: String, text: String)], gutter: Int, to rows: inout [String]
    ) {
        var items = extra
        if let help = d.help { items.append(("help", help)) }
        for note in d.notes { items.append(("note", note)) }
        let pad = String(repeating: " ", count: gutter)
        for (kind, text) in items {
            // A note that spans lines keeps its later lines under its first.
            let indent = pad + "   " + String(repeating: " ", count: kind.count + 2)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            rows.append(pad + " " + paint("=", Style.gutter) + " " + paint(kind, Style.bold) + ": " + lines[0])
            for line in lines.dropFirst() { rows.append(indent + line) }
        }
    }

    private func describe(_ label: Label) -> String {
        guard let file = file(label.location.file) else { return "<unknown file>: \(label.message)" }
        return "\(file.place(of: label.location.span.start)): \(label.message)"
    }

    // MARK: - The source snippet

    /// A span to underline: `^` for the diagnostic's own span, `-` and a text for a label.
    private struct Mark {
        var span: Span
        var isPrimary: Bool
        var text: String?
    }

    /// Appends each line that holds a mark, in line order, with one underline
    /// row per mark. Returns the marks that fell outside a long line's window.
    private func appendSnippet(
        _ file: SourceFile, _ id: FileID, _ marks: [Mark], _ lineIndices: [Int], gutter: Int, views: LineViews,
        to rows: inout [String]
    ) -> [Mark] {
        var hidden: [Mark] = []
        var previous: Int?
        for index in Set(lineIndices).sorted() {
            if let previous, index > previous + 1 {
                rows.append(paint(leftPad("...", gutter), Style.gutter))
            }
            previous = index
            let onLine = zip(marks, lineIndices).filter { $0.1 == index }.map(\.0)
            var line = file.lineSpan(index)
            // The first line is shown from after a byte order mark, as an editor shows it.
            if index == 0, line.end >= 3, file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                line = Span(start: 3, end: line.end)
            }
            let clipped = onLine.map { mark -> (mark: Mark, start: Int, end: Int) in
                let start = min(max(mark.span.start, line.start), line.end)
                return (mark, start, min(max(mark.span.end, start), line.end))
            }
            let focus = clipped.first { $0.mark.isPrimary } ?? clipped[0]
            let view = views.view(file, id, line: line, index: index, focus: focus.start)

            let number = paint(leftPad(String(index + 1), gutter), Style.gutter)
            let bar = paint("|", Style.gutter)
            rows.append(view.text.isEmpty ? "\(number) \(bar)" : "\(number) \(bar) \(view.text)")
            let blank = String(repeating: " ", count: gutter)
            for (mark, start, end) in clipped {
                guard let (column, width) = view.columns(start: start, end: end) else {
                    hidden.append(mark)
                    continue
                }
                var underline = String(repeating: mark.isPrimary ? "^" : "-", count: width)
                if let text = mark.text { underline += " " + text }
                let painted = paint(underline, mark.isPrimary ? Style.caret : Style.label)
                rows.append("\(blank) \(bar) " + String(repeating: " ", count: column) + painted)
            }
        }
        return hidden
    }

    /// The lines laid out so far in one rendering. A line short enough to be
    /// decoded whole is decoded once; when it also fits the width, its view
    /// does not depend on the focus and is kept whole.
    private final class LineViews {
        struct Key: Hashable {
            var file: FileID
            var line: Int
        }

        var fitting: [Key: LineView] = [:]
        var decoded: [Key: [LineView.Cell]] = [:]

        func view(_ file: SourceFile, _ id: FileID, line: Span, index: Int, focus: Int) -> LineView {
            let key = Key(file: id, line: index)
            if let view = fitting[key] { return view }
            guard LineView.decodesWhole(line) else { return LineView(file.bytes, line: line, focus: focus) }
            let cells: [LineView.Cell]
            if let known = decoded[key] {
                cells = known
            } else {
                cells = LineView.decode(file.bytes, line.start, line.end)
                decoded[key] = cells
            }
            let view = LineView(cells, line: line, decodeStart: line.start, decodeEnd: line.end, focus: focus)
            if view.fitsWhole { fitting[key] = view }
            return view
        }
    }

    /// One source line laid out in terminal columns: tabs expanded, control
    /// characters made visible, and a long line cut to a window around `focus`.
    private struct LineView {
        /// One displayed character and the bytes it came from. `shown` is
        /// what prints (a tab prints as `width` spaces); no String per cell,
        /// so a line costs one allocation, not one per character.
        struct Cell {
            var start: Int
            var end: Int
            var column: Int
            var width: Int
            var shown: Unicode.Scalar
        }

        var text = ""
        var cells: [Cell] = []
        /// Columns after the last visible cell, where a caret past the end goes.
        var endColumn = 0
        /// Bytes shown, as a half-open range.
        var shownStart = 0
        var shownEnd = 0
        /// Whether the window reaches the end of the line.
        var reachesLineEnd = true

        /// Whether the view shows the whole line with nothing cut, so it is
        /// the same whatever the focus.
        var fitsWhole = false

        /// Bytes decoded on each side of the focus of a long line: enough for
        /// a window of the widest line shown, even of combining marks.
        static let reach = 4 * DiagnosticRenderer.maxLineWidth

        /// Whether a line is decoded whole rather than around its focus.
        static func decodesWhole(_ line: Span) -> Bool { line.length <= 2 * reach }

        init(_ bytes: [UInt8], line: Span, focus: Int) {
            // Decode only a stretch of bytes around the focus, so a megabyte
            // line costs no more than a short one.
            let reach = LineView.reach
            var decodeStart = line.start
            var decodeEnd = line.end
            if !LineView.decodesWhole(line) {
                decodeStart = max(line.start, focus - reach / 2)
                decodeEnd = min(line.end, max(decodeStart, focus) + reach)
                while decodeStart < focus, bytes[decodeStart] & 0xC0 == 0x80 { decodeStart += 1 }
                while decodeEnd > decodeStart, decodeEnd < line.end, bytes[decodeEnd] & 0xC0 == 0x80 {
                    decodeEnd -= 1
                }
            }
            self.init(LineView.decode(bytes, decodeStart, decodeEnd), line: line,
                      decodeStart: decodeStart, decodeEnd: decodeEnd, focus: focus)
        }

        /// Lays out cells decoded from `decodeStart..<decodeEnd` of the line.
        init(_ all: [Cell], line: Span, decodeStart: Int, decodeEnd: Int, focus: Int) {
            let maxWidth = DiagnosticRenderer.maxLineWidth
            let total = all.last.map { $0.column + $0.width } ?? 0
            let cutLeft = decodeStart > line.start
            let cutRight = decodeEnd < line.end

            var first = 0
            var last = all.count
            if cutLeft || cutRight || total > maxWidth {
                let focusColumn = all.first { $0.end > focus }?.column ?? total
                var startColumn = max(0, focusColumn - 40)
                if !cutRight, total - startColumn < maxWidth { startColumn = max(0, total - maxWidth) }
                first = all.firstIndex { $0.column >= startColumn } ?? all.count
                let limit = (first < all.count ? all[first].column : total) + maxWidth
                last = all[first...].firstIndex { $0.column + $0.width > limit } ?? all.count
            }
            let prefix = first > 0 || cutLeft
            let suffix = last < all.count || cutRight

            let shift = (first < all.count ? all[first].column : total) - (prefix ? 3 : 0)
            cells = all[first..<last].map { cell in
                var cell = cell
                cell.column -= shift
                return cell
            }
            var shown = String.UnicodeScalarView()
            if prefix { shown.append(contentsOf: "...".unicodeScalars) }
            for cell in cells {
                if cell.shown == "\t" {
                    shown.append(contentsOf: repeatElement(" ", count: cell.width))
                } else {
                    shown.append(cell.shown)
                }
            }
            if suffix { shown.append(contentsOf: "...".unicodeScalars) }
            text = String(shown)
            endColumn = cells.last.map { $0.column + $0.width } ?? (prefix ? 3 : 0)
            shownStart = first < all.count ? all[first].start : decodeEnd
            shownEnd = last < all.count ? all[last].start : decodeEnd
            reachesLineEnd = last == all.count && !cutRight
            fitsWhole = !(cutLeft || cutRight || total > maxWidth)
        }

        /// The column and underline width for bytes `start..<end` of the line,
        /// or nil when they lie outside the window. An empty range gets one
        /// column, which may be just past the end of the line.
        func columns(start: Int, end: Int) -> (column: Int, width: Int)? {
            let visible = start >= shownStart && (start < shownEnd || (start == shownEnd && reachesLineEnd))
            guard visible else { return nil }
            // Cells are in byte order: the first ending after `start`, and the
            // last starting before `end`, are found by halving.
            let firstAfter = cells.partitionIndex(where: { $0.end > start })
            let column = firstAfter < cells.count ? cells[firstAfter].column : endColumn
            guard end > start else { return (column, 1) }
            let lastBefore = cells.partitionIndex(where: { $0.start >= end }) - 1
            let endColumn = lastBefore >= 0 ? cells[lastBefore].column + cells[lastBefore].width : self.endColumn
            return (column, max(1, endColumn - column))
        }

        static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [Cell] {
            var cells: [Cell] = []
            cells.reserveCapacity(end - start)
            var offset = start
            var column = 0
            while offset < end {
                let scalar: Unicode.Scalar
                let length: Int
                if bytes[offset] >= 0x20, bytes[offset] < 0x7F {
                    // Printable ASCII, nearly every byte of a plan: one column.
                    scalar = Unicode.Scalar(bytes[offset])
                    length = 1
                } else {
                    var parser = Unicode.UTF8.ForwardParser()
                    var iterator = bytes[offset..<end].makeIterator()
                    switch parser.parseScalar(from: &iterator) {
                    case .valid(let encoded):
                        scalar = Unicode.UTF8.decode(encoded)
                        length = encoded.count
                    case .error(let errorLength):
                        scalar = "\u{FFFD}"
                        length = errorLength
                    case .emptyInput:
                        return cells
                    }
                }
                let (shown, width) = display(scalar, column: column)
                cells.append(Cell(start: offset, end: offset + length, column: column, width: width, shown: shown))
                offset += length
                column += width
            }
            return cells
        }

        /// How a scalar is shown and how many terminal columns it takes.
        ///
        /// Control characters would move the cursor or start an escape
        /// sequence, and bidirectional overrides would reorder the line, so
        /// they show as visible stand-ins; everything else prints as written.
        /// A tab is returned as itself, with the columns to the next tab stop.
        static func display(_ scalar: Unicode.Scalar, column: Int) -> (Unicode.Scalar, Int) {
            let value = scalar.value
            switch value {
            case 0x09:
                return (scalar, DiagnosticRenderer.tabWidth - column % DiagnosticRenderer.tabWidth)
            case 0x00...0x1F:
                return (Unicode.Scalar(0x2400 + value)!, 1)
            case 0x7F:
                return ("\u{2421}", 1)
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                return ("\u{FFFD}", 1)
            default:
                return (scalar, width(scalar))
            }
        }

        /// Terminal columns for a printable scalar: 0 for combining marks and
        /// invisible formatting, 2 for emoji and East Asian wide characters.
        static func width(_ scalar: Unicode.Scalar) -> Int {
            let value = scalar.value
            if value < 0x300 { return 1 }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return 0
            default: break
            }
            if scalar.properties.isEmojiPresentation { return 2 }
            switch value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
                return 2
            default:
                return 1
            }
        }
    }

    // MARK: - JSON

    /// One object per diagnostic, for scripts and editors:
    ///
    ///     {"file": "plan.plan", "line": 3, "column": 14, "endLine": 3, "endColumn": 17,
    ///      "severity": "error", "code": "unknown-reference", "message": "...",
    ///      "notes": ["plan.plan:1:1: declared here", "help: did you mean \"EFD\"?"],
    ///      "help": "did you mean \"EFD\"?"}
    ///
    /// Columns count Unicode scalars; `endColumn` is just past the span.
    /// `notes` holds the labels, then the help, then the notes, so a reader
    /// that shows only `message` and `notes` loses nothing.
    public func json(_ ds: [Diagnostic]) -> JSON {
        .array(ds.map { d in
            let place = self.place(d.location)
            var notes = d.labels.map { JSON.string(describe($0)) }
            if let help = d.help { notes.append(.string("help: " + help)) }
            notes += d.notes.map { .string($0) }
            return .object([
                ("file", .string(place.file)),
                ("line", .int(place.line)),
                ("column", .int(place.column)),
                ("endLine", .int(place.endLine)),
                ("endColumn", .int(place.endColumn)),
                ("severity", .string(d.severity.rawValue)),
                ("code", .string(d.code.rawValue)),
                ("message", .string(d.message)),
                ("notes", .array(notes)),
                ("help", d.help.map { .string($0) } ?? .null),
            ])
        })
    }

    /// A location as file name and 1-based start and end; zeros for a file
    /// that is not in the source set.
    private func place(_ location: Location) -> (
        file: String, line: Int, column: Int, endLine: Int, endColumn: Int
    ) {
        guard let file = file(location.file) else { return ("<unknown file>", 0, 0, 0, 0) }
        let start = file.position(of: location.span.start)
        let end = file.position(of: max(location.span.start, location.span.end))
        return (file.name, start.line, start.column, end.line, end.column)
    }

    // MARK: - SARIF

    /// Where the files named in diagnostics are, for SARIF: file names are
    /// read from `workingDirectory`, and written relative to `root` (the
    /// repository's top directory) under the base id `%SRCROOT%`, as GitHub
    /// code scanning expects. Both are absolute paths.
    public struct SARIFPaths: Sendable {
        public var workingDirectory: String
        public var root: String
        public init(workingDirectory: String, root: String) {
            self.workingDirectory = workingDirectory
            self.root = root
        }
    }

    /// The name standard input goes by when no `--stdin-filename` is given.
    public static let standardInputName = "<stdin>"

    /// A SARIF 2.1.0 log with one run, for code-scanning services.
    ///
    /// The driver lists one rule per code used, in order of first use, each
    /// with its summary, the full rule and its example (`help`, as text and
    /// Markdown) from `plancheck explain`; each result points at its rule by
    /// id and index. A result's message carries the help and notes, so a
    /// viewer that shows only the message still shows the did-you-mean.
    /// Labels become related locations. Columns count Unicode scalars
    /// (`columnKind`). With `paths`, a file inside the root is a relative URI
    /// under `%SRCROOT%` (declared in `originalUriBaseIds`) and one outside
    /// it an absolute `file:` URI; standard input without a name has no URI,
    /// only a description. `helpURI`, when given, is followed by the code to
    /// make each rule's `helpUri`.
    public func sarif(_ ds: [Diagnostic], toolVersion: String, paths: SARIFPaths? = nil,
                      helpURI: String? = nil) -> JSON {
        var codes: [DiagnosticCode] = []
        var ruleIndex: [DiagnosticCode: Int] = [:]
        for d in ds where ruleIndex[d.code] == nil {
            ruleIndex[d.code] = codes.count
            codes.append(d.code)
        }
        let rules: [JSON] = codes.map { code in
            var rule: [(String, JSON)] = [
                ("id", .string(code.rawValue)),
                ("shortDescription", .object([("text", .string(code.summary))])),
                ("fullDescription", .object([("text", .string(code.explanation.rule))])),
            ]
            if let helpURI { rule.append(("helpUri", .string(helpURI + code.rawValue))) }
            rule.append(("help", .object([("text", .string(Self.helpText(code, markdown: false))),
                                          ("markdown", .string(Self.helpText(code, markdown: true)))])))
            rule.append(("defaultConfiguration", .object([("level", .string(sarifLevel(code.defaultSeverity)))])))
            return .object(rule)
        }
        let results: [JSON] = ds.map { d in
            var result: [(String, JSON)] = [
                ("ruleId", .string(d.code.rawValue)),
                ("ruleIndex", .int(ruleIndex[d.code]!)),
                ("level", .string(sarifLevel(d.severity))),
                ("message", .object([("text", .string(sarifMessage(d)))])),
            ]
            if let location = sarifLocation(d.location, paths) {
                result.append(("locations", .array([.object([("physicalLocation", location)])])))
            }
            let related: [JSON] = d.labels.enumerated().compactMap { i, label in
                sarifLocation(label.location, paths).map { location in
                    .object([
                        ("id", .int(i)),
                        ("physicalLocation", location),
                        ("message", .object([("text", .string(label.message))])),
                    ])
                }
            }
            if !related.isEmpty { result.append(("relatedLocations", .array(related))) }
            if let fix = sarifFix(d, paths) { result.append(("fixes", .array([fix]))) }
            return .object(result)
        }
        let driver: JSON = .object([
            ("name", .string("plancheck")),
            ("version", .string(toolVersion)),
            ("rules", .array(rules)),
        ])
        var run: [(String, JSON)] = [("tool", .object([("driver", driver)]))]
        if let paths {
            run.append(("originalUriBaseIds", .object([
                (Self.sourceRootID, .object([("uri", .string(fileURI(directory: paths.root)))])),
            ])))
        }
        run += [("columnKind", .string("unicodeCodePoints")), ("results", .array(results))]
        return .object([
            ("$schema", .string("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    static let sourceRootID = "%SRCROOT%"

    /// A did-you-mean as a SARIF fix: the misspelt word replaced by the word
    /// meant (`SuggestedFix`, as the language server's quick fix), for
    /// viewers that offer to apply it.
    private func sarifFix(_ d: Diagnostic, _ paths: SARIFPaths?) -> JSON? {
        guard let help = d.help, let file = file(d.location.file), file.name != Self.standardInputName,
              let fix = SuggestedFix.make(for: d, in: file) else { return nil }
        let replacements: [JSON] = fix.edits.map { edit in
            let place = self.place(Location(file: d.location.file, span: edit.span))
            let region: JSON = .object([
                ("startLine", .int(place.line)), ("startColumn", .int(place.column)),
                ("endLine", .int(place.endLine)), ("endColumn", .int(place.endColumn)),
            ])
            return .object([("deletedRegion", region), ("insertedContent", .object([("text", .string(edit.text))]))])
        }
        return .object([
            ("description", .object([("text", .string(help))])),
            ("artifactChanges", .array([.object([
                ("artifactLocation", artifactLocation(file.name, paths)),
                ("replacements", .array(replacements)),
            ])])),
        ])
    }

    /// "EFD" from `did you mean "EFD"?` (or `` did you mean `target`? ``): the
    /// whole help is one suggestion, in the messages' quoting convention.
    static func suggestion(in help: String) -> String? { SuggestedFix.suggestion(in: help) }

    /// The message, then the help and the notes on lines of their own.
    private func sarifMessage(_ d: Diagnostic) -> String {
        var text = d.message
        if let help = d.help { text += "\nhelp: " + help }
        for note in d.notes { text += "\nnote: " + note }
        return text
    }

    /// A rule's explanation and example in Markdown, as SARIF's help shows it.
    /// `findings`, when given, is shown after the wrong plan as what plancheck says.
    public static func helpMarkdown(_ code: DiagnosticCode, findings: String? = nil) -> String {
        helpText(code, markdown: true, findings: findings)
    }

    /// A rule's help: the explanation and its example, as plain text or Markdown.
    static func helpText(_ code: DiagnosticCode, markdown: Bool, findings: String? = nil) -> String {
        let explanation = code.explanation
        var out = explanation.rule
        func block(_ title: String, _ plan: String, _ files: [String: String]) {
            out += "\n\n" + title + "\n\n"
            var parts = [(DiagnosticCode.examplePlanName, plan)]
            for name in files.keys.sorted() { parts.append((name, files[name]!)) }
            out += parts.map { name, text in
                markdown ? "`" + name + "`:\n\n```\n" + text + "\n```"
                    : name + ":\n" + text.split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            }.joined(separator: "\n\n")
        }
        if let wrong = explanation.wrong { block(markdown ? "**Wrong:**" : "Wrong:", wrong, explanation.wrongFiles) }
        if let findings { out += "\n\nplancheck says:\n\n" + (markdown ? "```\n" + findings + "\n```" : findings) }
        if let right = explanation.right { block(markdown ? "**Right:**" : "Right:", right, explanation.rightFiles) }
        return out
    }

    private func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private func sarifLocation(_ location: Location, _ paths: SARIFPaths?) -> JSON? {
        guard let file = file(location.file) else { return nil }
        let place = self.place(location)
        return .object([
            ("artifactLocation", artifactLocation(file.name, paths)),
            ("region", .object([
                ("startLine", .int(place.line)),
                ("startColumn", .int(place.column)),
                ("endLine", .int(place.endLine)),
                ("endColumn", .int(place.endColumn)),
            ])),
        ])
    }

    /// Where a file is: relative to the root under `%SRCROOT%`, an absolute
    /// `file:` URI outside it, and only a description for unnamed standard input.
    func artifactLocation(_ name: String, _ paths: SARIFPaths?) -> JSON {
        if name == Self.standardInputName {
            return .object([("description", .object([("text", .string("standard input"))]))])
        }
        guard let paths else { return .object([("uri", .string(uriReference(name)))]) }
        let absolute = name.hasPrefix("/") ? Path.normalize(name) : Path.normalize(paths.workingDirectory + "/" + name)
        let root = Path.normalize(paths.root)
        let prefix = root == "/" ? "/" : root + "/"
        if absolute.hasPrefix(prefix) {
            return .object([("uri", .string(uriReference(String(absolute.dropFirst(prefix.count))))),
                            ("uriBaseId", .string(Self.sourceRootID))])
        }
        return .object([("uri", .string("file://" + uriReference(absolute)))])
    }

    /// `file:///abs/dir/`: a directory as an absolute URI, with the trailing
    /// slash a base URI needs.
    func fileURI(directory: String) -> String {
        let path = Path.normalize(directory)
        return "file://" + uriReference(path == "/" ? "/" : path + "/")
    }

    /// A file name as a relative URI reference: unchanged for ordinary
    /// names, with spaces, `%`, `#`, `?` and non-ASCII bytes percent-encoded.
    func uriReference(_ name: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~/!$&'()*+,;=:@".utf8.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    // MARK: - Helpers

    private func file(_ id: FileID) -> SourceFile? {
        sources.files.indices.contains(id.index) ? sources[id] : nil
    }

    private func clamp(_ offset: Int, _ file: SourceFile) -> Int {
        max(0, min(offset, file.bytes.count))
    }

    private func digitCount(_ n: Int) -> Int { String(n).count }

    private func leftPad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// ANSI styles: bold, severity colours, and the gutter and underline colours.
    private enum Style {
        static let bold = "1"
        static let error = "1;31"
        static let warning = "1;33"
        static let note = "1;32"
        static let gutter = "1;34"
        static let caret = "1;36"
        static let label = "1;34"
    }

    private func style(for severity: Severity) -> String {
        switch severity {
        case .error: Style.error
        case .warning: Style.warning
        case .note: Style.note
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        color ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }
}
