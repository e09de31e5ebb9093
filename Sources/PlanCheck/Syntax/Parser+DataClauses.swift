/// A clause of a `data "file"` entry: how to read a tidy file, such as the
/// DfE's open statistics, where one row holds a period, an area and many
/// measures' values.
///
///     data "cin.csv"
///       area "Cheshire East"                  # la_name (or region_name; "England": the national rows);
///                                             # several, comma-separated: their average (statistical neighbours)
///       series sn                             # the values are this comparator's (default: the actual)
///       measure 3.2 column "re_referral_rate" # a value column for one measure
///       measure column "indicator"            # or: a column holding the plan's ids ...
///       value column "percent"                # ... and the column holding their values
///       where "breakdown" = "Total"           # only rows where a column has this value
public enum DataClause: Sendable, Hashable {
    /// One area, or several whose values are averaged (statistical neighbours).
    case area([TextLiteral])
    case series(Identifier)
    case measureColumn(Identifier, column: TextLiteral)
    case idColumn(TextLiteral)
    case valueColumn(TextLiteral)
    case filter(column: TextLiteral, value: TextLiteral)

    /// The clause in `ast` dump form.
    var dump: String {
        func q(_ s: String) -> String { "\"" + s.replacingQuotes + "\"" }
        switch self {
        case .area(let names): return "(area \(names.map { q($0.value) }.joined(separator: " ")))"
        case .series(let id): return "(series \(q(id.name)))"
        case .measureColumn(let id, let column): return "(measure \(q(id.name)) column \(q(column.value)))"
        case .idColumn(let column): return "(measure column \(q(column.value)))"
        case .valueColumn(let column): return "(value column \(q(column.value)))"
        case .filter(let column, let value): return "(where \(q(column.value)) \(q(value.value)))"
        }
    }
}

private extension String {
    var replacingQuotes: String {
        var out = ""
        for c in self { out += c == "\"" || c == "\\" ? "\\" + String(c) : String(c) }
        return out
    }
}

extension Parser {
    /// The clauses a `data "file"` entry may have.
    static let dataClauseKeywords: KeywordSet = [.area, .series, .measure, .value, .where_]

    /// The clauses after `data "file"`, on its line and the indented lines
    /// below, as `parseClauses` reads an entry's clauses.
    mutating func parseDataClauses() -> [Clause] { parseClauses { $0.parseDataClause() } }

    mutating func parseDataClause() -> Clause? {
        let head = peek()
        guard head.kind == .atom, Self.dataClauseKeywords.contains(head.keyword) else {
            let help = head.kind == .atom
                ? Suggest.closest(to: text(head), among: Self.dataClauseKeywords.map(\.text).sorted()).map { "did you mean `\($0)`?" }
                : nil
            error("expected a data clause (area, series, measure, value, where), found \(describe(head))",
                  at: head.span, help: help ?? "a data file's clauses say how to read a tidy file; see grammar.md")
            return nil
        }
        advance()
        var kind: DataClause?
        switch head.keyword {
        case .area:
            kind = commaList { $0.expectString("the area's name in quotes, as in the file's la_name column") }.map { .area($0) }
        case .series:
            kind = expectIdentifier("a comparator id or `baseline`").map { .series($0) }
        case .measure:
            if match(.column) {
                kind = expectString("the name of the column holding the plan's ids, in quotes").map { .idColumn($0) }
            } else if let id = expectIdentifier("a measure id, or `column`"),
                      expectKeyword(.column, "`column` and the name of the measure's value column"),
                      let column = expectString("the name of the value column, in quotes") {
                kind = .measureColumn(id, column: column)
            }
        case .value:
            if expectKeyword(.column, "`column` after `value`") {
                kind = expectString("the name of the value column, in quotes").map { .valueColumn($0) }
            }
        default:  // where
            if let column = expectString("the column's name in quotes"),
               expectToken(.equal, "`=` between the column and its value"),
               let value = expectString("the value in quotes") {
                kind = .filter(column: column, value: value)
            }
        }
        guard let kind else { return nil }
        if !atLineEnd {
            let next = peek()
            if !(next.kind == .atom && Self.dataClauseKeywords.contains(next.keyword)) {
                error("unexpected \(describeUnexpected(next)) after the `\(head.keyword.text)` clause", at: next.span,
                      help: "put each clause on its own line, starting with its keyword")
                return nil
            }
        }
        return Clause(kind: .data(kind), keyword: head.keyword, span: spanFrom(head.span.start))
    }

    private mutating func expectToken(_ kind: TokenKind, _ what: String) -> Bool {
        if match(kind) { return true }
        expected(what)
        return false
    }
}
