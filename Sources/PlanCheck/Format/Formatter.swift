/// The canonical layout of a plan: what `plancheck fmt` writes.
///
/// The formatter never re-spells anything: every token's text is copied from the
/// source byte for byte; only the whitespace between tokens, the placement of
/// comments and blank lines change. That keeps it meaning-preserving by
/// construction (the tests check it: the AST dump of the output equals the
/// input's) and idempotent.
///
///     let file = SourceFile(name: "p.plan", text: "measure 2.3 \"X\" target >=90 % by September # key one\n")
///     Formatter.format(file)
///     // measure 2.3 "X"
///     //   target >= 90% by September  # key one
///
/// The layout:
/// - an entry's header (keyword, id, title) at column 1; each clause and each
///   data row on its own line, indented two spaces;
/// - tokens separated by one space, with none before `,` and before the `%`
///   of a number (`80%`, but `unit %`);
/// - a comment on its own line stays on its own line before what followed it,
///   indented when it sits among an entry's clauses; a comment after tokens
///   stays at the end of the line that prints the token before it;
/// - at most one blank line between column-1 lines (entries and comments), kept
///   only where the source had one; none inside an entry, at the start or end;
/// - LF line ends, no trailing whitespace, one final newline.
///
/// It works from the token stream and the spans of entries, clauses and rows
/// rather than from a printed AST, because the AST does not keep how a user
/// spelt a date or a comparison, and fmt must not change either.
public enum Formatter {
    /// The canonical layout of a file that parsed without errors; nil if it has
    /// syntax errors (the caller reports them). An empty file (or one with only
    /// whitespace) formats to the empty string.
    public static func format(_ source: SourceFile) -> String? {
        let output = Parser.parse(source, file: FileID(0))
        // A misspelt month is an error for `check`, but its tokens are all in
        // place, so the layout can still be fixed; any other error stops fmt.
        guard !output.diagnostics.contains(where: { $0.severity == .error && $0.code != .unknownMonth }) else {
            return nil
        }
        let lines = layout(source: source, tree: output.tree, tokens: output.tokens)
        return render(lines, source: source, tokens: output.tokens)
    }

    // MARK: Layout

    /// One line of output, before it is printed.
    private struct Line {
        enum Content {
            /// Tokens `range` of the token stream.
            case tokens(Range<Int>)
            /// An own-line comment.
            case comment(Span)
        }

        var content: Content
        /// Printed at column 1 (an entry header, or a comment outside an entry)
        /// rather than indented two spaces.
        var atColumnOne: Bool
        /// A comment that ended the source line, printed after the tokens.
        var trailingComment: Span?
        /// 0-based source lines of its first and last byte, for blank lines.
        var firstSourceLine: Int
        var lastSourceLine: Int
        /// Where it starts in the source, to merge tokens and comments in order.
        var start: Int
    }

    private static func layout(source: SourceFile, tree: SyntaxTree, tokens: [Token]) -> [Line] {
        // Which tokens start an output line: entry keywords at column 1, clause
        // keywords and the first token of a data row indented.
        var headerStarts = Set<Int>()
        var indentedStarts = Set<Int>()
        for entry in tree.entries {
            headerStarts.insert(entry.span.start)
            for clause in entry.clauses { indentedStarts.insert(clause.span.start) }
            for row in entry.rows { indentedStarts.insert(row.span.start) }
        }

        // Group the tokens into output lines. A token that starts neither an
        // entry, a clause nor a row joins the line before it: after a clean parse
        // that is exactly the header's or the clause's own tokens.
        var groups: [Line] = []
        var groupOfToken: [Int] = []
        let count = tokens.last?.kind == .endOfFile ? tokens.count - 1 : tokens.count
        groupOfToken.reserveCapacity(count)
        for i in 0..<count {
            let span = tokens[i].span
            let line = source.lineIndex(of: span.start)
            let startsHeader = headerStarts.contains(span.start)
            if groups.isEmpty || startsHeader || indentedStarts.contains(span.start) {
                groups.append(Line(content: .tokens(i..<(i + 1)), atColumnOne: startsHeader || groups.isEmpty,
                                   trailingComment: nil, firstSourceLine: line, lastSourceLine: line,
                                   start: span.start))
            } else if case .tokens(let range) = groups[groups.count - 1].content {
                groups[groups.count - 1].content = .tokens(range.lowerBound..<(i + 1))
                groups[groups.count - 1].lastSourceLine = line
            }
            groupOfToken.append(groups.count - 1)
        }

        // Sort the comments: one that ends a line after the last token of a group
        // trails that group; any other goes on its own line.
        var ownLine: [Line] = []
        var nextToken = 0
        for comment in tree.comments {
            while nextToken < count, tokens[nextToken].span.start < comment.start { nextToken += 1 }
            let line = source.lineIndex(of: comment.start)
            let before = nextToken - 1
            if before >= 0, source.lineIndex(of: tokens[before].span.start) == line {
                let g = groupOfToken[before]
                if case .tokens(let range) = groups[g].content, range.upperBound - 1 == before,
                   groups[g].trailingComment == nil {
                    groups[g].trailingComment = comment
                    continue
                }
            }
            // Inside a clause wrapped over lines (`links A1, # c1` then `2.3`):
            // printed just before that clause, so comments keep their order.
            var start = comment.start
            if before >= 0, nextToken < count, groupOfToken[before] == groupOfToken[nextToken] {
                start = groups[groupOfToken[before]].start
            }
            ownLine.append(Line(content: .comment(comment), atColumnOne: true, trailingComment: nil,
                                firstSourceLine: line, lastSourceLine: line, start: start))
        }

        // Merge in source order (both lists are already sorted).
        var lines: [Line] = []
        lines.reserveCapacity(groups.count + ownLine.count)
        var g = 0
        var c = 0
        while g < groups.count || c < ownLine.count {
            if c == ownLine.count || (g < groups.count && groups[g].start < ownLine[c].start) {
                lines.append(groups[g])
                g += 1
            } else {
                lines.append(ownLine[c])
                c += 1
            }
        }

        // An own-line comment is indented when the next line of tokens after it
        // continues an entry, i.e. it sits among that entry's clauses or rows.
        var nextIsIndented = false
        for i in lines.indices.reversed() {
            switch lines[i].content {
            case .tokens:
                nextIsIndented = !lines[i].atColumnOne
            case .comment:
                lines[i].atColumnOne = !nextIsIndented
            }
        }
        return lines
    }

    // MARK: Printing

    private static func render(_ lines: [Line], source: SourceFile, tokens: [Token]) -> String {
        let bytes = source.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 1)

        func appendComment(_ span: Span) {
            var end = span.end
            while end > span.start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
                end -= 1
            }
            out.append(contentsOf: bytes[span.start..<end])
        }

        for (n, line) in lines.enumerated() {
            if n > 0 {
                // Keep one blank line before a column-1 line where the source had
                // any; nothing stands on the source lines between two output lines
                // but whitespace.
                if line.atColumnOne, line.firstSourceLine - lines[n - 1].lastSourceLine > 1 {
                    out.append(UInt8(ascii: "\n"))
                }
            }
            if !line.atColumnOne { out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")]) }
            switch line.content {
            case .comment(let span):
                appendComment(span)
            case .tokens(let range):
                for i in range {
                    let token = tokens[i]
                    if i > range.lowerBound, !hugsPrevious(token, after: tokens[i - 1]) {
                        out.append(UInt8(ascii: " "))
                    }
                    out.append(contentsOf: bytes[token.span.start..<token.span.end])
                }
                if let comment = line.trailingComment {
                    out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
                    appendComment(comment)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// No space before a list's comma, nor before a `%` that is a number's unit
    /// (`80 %` is `80%`); `unit %` keeps its space, as `%` there is a word.
    private static func hugsPrevious(_ token: Token, after previous: Token) -> Bool {
        switch token.kind {
        case .comma: true
        case .percent: previous.kind == .number
        default: false
        }
    }
}
