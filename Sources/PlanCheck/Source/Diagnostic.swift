/// How serious a finding is: an error rejects the plan, a warning does not
/// (unless the user asks for `--strict`).
public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A secondary span with a short label, e.g. "first declared here".
public struct Label: Sendable, Hashable {
    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
        self.location = location
        self.message = message
    }
}

/// One finding about the user's input, as a value.
///
/// Passes never throw: they append diagnostics and carry on, so one run reports
/// every problem. The renderer turns a diagnostic into
///
///     plan.plan:3:14: error[unknown-reference]: no workstream named "EDF"
///         3 |   workstream EDF
///           |              ^^^
///           = help: did you mean "EFD"?
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    /// Quoting, everywhere in messages and help: what the user wrote or
    /// named (ids, names, words, characters, a suggested name or month) in
    /// double quotes, `no workstream named "EDF"`, `did you mean "September"?`;
    /// syntax to type (keywords, clauses, commands) in backticks,
    /// `` a measure cannot have a `due` clause ``.
    public var message: String
    public var location: Location
    public var labels: [Label]
    public var notes: [String]
    /// What to do about it, e.g. `did you mean "EFD"?`.
    public var help: String?
    /// On the `too-many-errors` note that ends a capped list: how many
    /// findings of each severity were left out, when they were counted, so
    /// the count after the list says how many there were in all
    /// (`1200 errors (200 not shown)`). Empty on every other finding.
    public var leftOut: [Severity: Int] = [:]

    public init(
        _ code: DiagnosticCode, _ message: String, at location: Location,
        severity: Severity? = nil, labels: [Label] = [], notes: [String] = [], help: String? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        // Messages quote the input; a run of it past `Limits.longestQuote` is cut.
        self.message = Limits.clip(message)
        self.location = location
        self.labels = labels.map { Label($0.location, Limits.clip($0.message)) }
        self.notes = notes.map(Limits.clip)
        self.help = help.map(Limits.clip)
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file and position, then severity; exact repeats removed.
    public func sortedAndDeduplicated() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return self.enumerated()
            .sorted { a, b in
                if a.element.location != b.element.location { return a.element.location < b.element.location }
                if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
                // Two findings at one place (an unterminated include path: the
                // lexer's and the loader's) in an order of their own, not the
                // order of finding, which differs as a plan is read whole or
                // as a stream.
                if a.element.code != b.element.code { return a.element.code.rawValue < b.element.code.rawValue }
                return a.offset < b.offset
            }
            .map(\.element)
            .filter { seen.insert($0).inserted }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// At most `limit` diagnostics, and one more saying how many were left out,
    /// so a broken file never floods the screen.
    public func capped(at limit: Int = DiagnosticBag.limit) -> [Diagnostic] {
        guard count > limit else { return self }
        var kept = Array(prefix(limit))
        let last = kept[limit - 1]
        // A note that a reader already left findings out stands for an
        // unknown number: then the count is not given (it said "1 more"
        // for a thousand).
        let dropped = self[limit...]
        let uncounted = dropped.contains { $0.code == .tooManyErrors }
        let message = uncounted ? "more problems are not shown"
            : "\(Display.number(Double(dropped.count), grouping: true)) more problems are not shown"
        var note = Diagnostic(.tooManyErrors, message, at: last.location, severity: .note,
                              help: "fix the ones above and run again")
        if !uncounted {
            for finding in dropped { note.leftOut[finding.severity, default: 0] += 1 }
        }
        kept.append(note)
        return kept
    }
}

/// A sink that passes append to. Caps the count so a broken file never floods
/// the screen, and drops a second syntax error on a line that already has one.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []
    public static let limit = Limits.diagnostics
    private var syntaxErrorLines = Set<Int>()
    public private(set) var truncated = false
    /// Every finding offered, kept or not (past the limit, or a second
    /// syntax error on a line): a trial parse asks whether it found anything.
    public private(set) var offered = 0

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) {
        offered += 1
        guard items.count < Self.limit else {
            truncated = true
            return
        }
        items.append(diagnostic)
    }

    /// Counts a finding reported elsewhere (by the lexer) without keeping
    /// it again: `offered` still says the parse found something.
    public mutating func countUnreported() { offered += 1 }

    /// Adds a syntax error unless this line (by `lineKey`) already has one.
    public mutating func addSyntax(_ diagnostic: Diagnostic, lineKey: Int) {
        let key = diagnostic.location.file.index &* 1_000_003 &+ lineKey
        guard syntaxErrorLines.insert(key).inserted else {
            offered += 1
            return
        }
        add(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for d in other { add(d) }
    }
}
