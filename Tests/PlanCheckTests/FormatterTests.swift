import Foundation
import Testing
@testable import PlanCheck

// The formatter: table-driven input -> expected output, then for every case,
// every example plan and every `# must parse` block of the spec, the three
// properties fmt promises: it succeeds, it keeps the meaning (equal AST dumps)
// and it is idempotent.

/// The formatter's tests, one suite so `swift test --filter FormatterTests` runs them all.
@Suite struct FormatterTests {}

private func source(_ text: String, name: String = "test.plan") -> SourceFile {
    SourceFile(name: name, text: text)
}

private func dump(_ text: String) -> String {
    ASTDump.dump(Parser.parse(source(text), file: FileID(0)).tree)
}

/// One input and the canonical layout it must format to.
struct FormatCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let expected: String
    var testDescription: String { name }
}

let formatCases: [FormatCase] = [
    // Already canonical.
    FormatCase(
        name: "canonical input is unchanged",
        input: "plan \"P\"\n  authority \"A\"\n  period April 2013 to March 2014\n",
        expected: "plan \"P\"\n  authority \"A\"\n  period April 2013 to March 2014\n"),
    FormatCase(name: "empty file", input: "", expected: ""),
    FormatCase(name: "only whitespace", input: "\n  \n\t\n", expected: ""),

    // Clauses written on the header line.
    FormatCase(
        name: "header clause moves to its own line",
        input: "measure 2.3 target >= 90% by September\n",
        expected: "measure 2.3\n  target >= 90% by September\n"),
    FormatCase(
        name: "header with title and two clauses",
        input: "comparator sn \"Statistical neighbour average\" tolerance 5% key\n",
        expected: "comparator sn \"Statistical neighbour average\"\n  tolerance 5%\n  key\n"),
    FormatCase(
        name: "several clauses on one indented line",
        input: "measure 1.5\n  workstream EFD polarity higher key\n",
        expected: "measure 1.5\n  workstream EFD\n  polarity higher\n  key\n"),
    FormatCase(
        name: "header clause then indented clauses",
        input: "action 4.2 \"Define\" lead \"Cathy Smith\"\n  due within 3 months\n",
        expected: "action 4.2 \"Define\"\n  lead \"Cathy Smith\"\n  due within 3 months\n"),

    // Spacing inside a line.
    FormatCase(
        name: "space before percent removed, after comparison added",
        input: "measure 2.3\n  target >=80 % by September\n",
        expected: "measure 2.3\n  target >= 80% by September\n"),
    FormatCase(
        name: "percent as a unit word keeps its space",
        input: "measure 2.3\n  unit   %\n  target >= 90  % by September\n",
        expected: "measure 2.3\n  unit %\n  target >= 90% by September\n"),
    FormatCase(
        name: "comma hugs the item before it",
        input: "measure 2.3\n  lead \"A\" ,\"B\"\n",
        expected: "measure 2.3\n  lead \"A\", \"B\"\n"),
    FormatCase(
        name: "runs of spaces and tabs collapse to one",
        input: "measure   2.3\t\t\"T\"\n  target\t>=  90%   by  September ,  >= 95%  by\tMarch 2014\n",
        expected: "measure 2.3 \"T\"\n  target >= 90% by September, >= 95% by March 2014\n"),
    FormatCase(
        name: "thousands number kept whole",
        input: "measure 4.1\n  target >=  75 per 10,000 by November\n",
        expected: "measure 4.1\n  target >= 75 per 10,000 by November\n"),
    FormatCase(
        name: "list without spaces",
        input: "measure 2.3\n  links a,b,c\n  signoff EG by September,IB by September\n",
        expected: "measure 2.3\n  links a, b, c\n  signoff EG by September, IB by September\n"),
    FormatCase(
        name: "token text is copied as written",
        input: "measure b4\n  target increase by 10 points by Oct 2013 sustained three months\n  baseline 60 at 31.03.12\n",
        expected: "measure b4\n  target increase by 10 points by Oct 2013 sustained three months\n  baseline 60 at 31.03.12\n"),
    FormatCase(
        name: "string escapes and UTF-8 kept as written",
        input: "measure 2.3   \"Say \\\"hi\\\" \\\\ caf\u{E9} \u{2014} \u{1F600}\"\n",
        expected: "measure 2.3 \"Say \\\"hi\\\" \\\\ caf\u{E9} \u{2014} \u{1F600}\"\n"),

    // Indentation.
    FormatCase(
        name: "tabs as indentation become two spaces",
        input: "measure 2.3\n\ttarget >= 90% by September\n\t\tkey\n",
        expected: "measure 2.3\n  target >= 90% by September\n  key\n"),
    FormatCase(
        name: "deep and single-space indentation",
        input: "measure 2.3\n        key\n workstream EFD\n",
        expected: "measure 2.3\n  key\n  workstream EFD\n"),

    // Data rows.
    FormatCase(
        name: "data rows one a line, indented",
        input: "data 2.3\n      2013-07   82.5 %\n\t2013-08 86%\n  2013-09 398 sn\n",
        expected: "data 2.3\n  2013-07 82.5%\n  2013-08 86%\n  2013-09 398 sn\n"),
    FormatCase(
        name: "data rows with states",
        input: "data 1.7\n 2014-11 in  progress\n 2014-12   complete\n",
        expected: "data 1.7\n  2014-11 in progress\n  2014-12 complete\n"),
    FormatCase(
        name: "data file and include entries",
        input: "data \"figures.csv\"\ninclude   \"other.plan\"\n",
        expected: "data \"figures.csv\"\ninclude \"other.plan\"\n"),
    FormatCase(
        name: "blank lines inside data rows removed",
        input: "data 2.3\n  2013-07 82.5%\n\n  2013-08 86%\n",
        expected: "data 2.3\n  2013-07 82.5%\n  2013-08 86%\n"),

    // Comments.
    FormatCase(
        name: "own-line comment before an entry stays at column 1",
        input: "# The plan\nplan \"P\"\n",
        expected: "# The plan\nplan \"P\"\n"),
    FormatCase(
        name: "indented comment before an entry goes to column 1",
        input: "measure 1\n  key\n    # about measure 2\nmeasure 2\n",
        expected: "measure 1\n  key\n# about measure 2\nmeasure 2\n"),
    FormatCase(
        name: "comment among clauses is indented two spaces",
        input: "measure 1\n# why this target\n  target >= 90% by September\n      # and this\n\tkey\n",
        expected: "measure 1\n  # why this target\n  target >= 90% by September\n  # and this\n  key\n"),
    FormatCase(
        name: "comment among data rows is indented",
        input: "data 2.3\n  2013-07 82.5%\n# revised\n  2013-08 86%\n",
        expected: "data 2.3\n  2013-07 82.5%\n  # revised\n  2013-08 86%\n"),
    FormatCase(
        name: "trailing comment kept after its line, two spaces before",
        input: "measure 2.3 # the headline\n  key      # a key target\n",
        expected: "measure 2.3  # the headline\n  key  # a key target\n"),
    FormatCase(
        name: "trailing comment follows the clause it ended",
        input: "measure 2.3 \"T\" target >= 90% by September #note\n",
        expected: "measure 2.3 \"T\"\n  target >= 90% by September  #note\n"),
    FormatCase(
        name: "trailing comment with no space before it",
        input: "measure 2.3\n  target >=90%by September# tight\n",
        expected: "measure 2.3\n  target >= 90% by September  # tight\n"),
    FormatCase(
        name: "comment text kept exactly, trailing spaces trimmed",
        input: "#   odd  spacing\t# and # signs   \t\nplan \"P\"   #  x  \n",
        expected: "#   odd  spacing\t# and # signs\nplan \"P\"  #  x\n"),
    FormatCase(
        name: "comment between entries with blank lines around it",
        input: "measure 1\n  key\n\n\n# about 2\n\n\nmeasure 2\n",
        expected: "measure 1\n  key\n\n# about 2\n\nmeasure 2\n"),
    FormatCase(
        name: "comment block attached to the next entry",
        input: "measure 1\n  key\n\n# about 2\n# more\nmeasure 2\n",
        expected: "measure 1\n  key\n\n# about 2\n# more\nmeasure 2\n"),
    FormatCase(
        name: "comment at the end of the file",
        input: "measure 1\n  key\n\n\n  # the end\n\n\n",
        expected: "measure 1\n  key\n\n# the end\n"),
    FormatCase(
        name: "file of comments only",
        input: "\n\n# one\n\n\n# two\n# three\n\n",
        expected: "# one\n\n# two\n# three\n"),
    FormatCase(
        name: "empty comment",
        input: "#\nplan \"P\" #\n",
        expected: "#\nplan \"P\"  #\n"),
    FormatCase(
        name: "hash inside a string is not a comment",
        input: "measure 2.3 \"No # here\"   # but here\n",
        expected: "measure 2.3 \"No # here\"  # but here\n"),

    // Blank lines.
    FormatCase(
        name: "blank lines at start and end removed",
        input: "\n\n\nplan \"P\"\n\n\n",
        expected: "plan \"P\"\n"),
    FormatCase(
        name: "runs of blank lines between entries become one",
        input: "workstream A\n\n\n\nworkstream B\nworkstream C\n",
        expected: "workstream A\n\nworkstream B\nworkstream C\n"),
    FormatCase(
        name: "blank lines inside an entry removed",
        input: "measure 1\n\n  key\n\n\n  polarity higher\n\nmeasure 2\n",
        expected: "measure 1\n  key\n  polarity higher\n\nmeasure 2\n"),
    FormatCase(
        name: "whitespace-only lines count as blank",
        input: "workstream A\n   \t \nworkstream B\n",
        expected: "workstream A\n\nworkstream B\n"),
    FormatCase(
        name: "missing final newline added",
        input: "plan \"P\"\n  authority \"A\"",
        expected: "plan \"P\"\n  authority \"A\"\n"),
    FormatCase(
        name: "trailing spaces removed",
        input: "plan \"P\"   \n  authority \"A\"\t\n",
        expected: "plan \"P\"\n  authority \"A\"\n"),

    // Line ends.
    FormatCase(
        name: "CRLF becomes LF",
        input: "plan \"P\"\r\n  authority \"A\"  # c\r\n\r\n\r\nmeasure 1\r\n\tkey\r\n",
        expected: "plan \"P\"\n  authority \"A\"  # c\n\nmeasure 1\n  key\n"),
    FormatCase(
        name: "byte-order mark dropped",
        input: "\u{FEFF}plan \"P\"\n",
        expected: "plan \"P\"\n"),

    // A small plan touching most clauses.
    FormatCase(
        name: "a whole plan",
        input: """
            # Cheshire East
            plan "Ofsted" authority "CEC" period April 2013 to March 2014
            workstream EFD "Early help"   # front door
            comparator sn "SN" tolerance 5%


            recommendation A1 "Ensure"
            measure 3.7 "% repeat CP plans" workstream EFD
                evidence measure "Performance book"
                polarity lower
              target <=15 % by September
              signoff EG by September , IB by September
            action 1.7 "MASH"
              lead "Fiona", "Rebecca"
              due March 2015
              done 2014-11-10
              progress 2014-12-01 "60%"
              timescale 03.01.12 to 31.03.12
              part of A1
              links 3.7
            data 3.7
              2013-07 14%
            """,
        expected: """
            # Cheshire East
            plan "Ofsted"
              authority "CEC"
              period April 2013 to March 2014
            workstream EFD "Early help"  # front door
            comparator sn "SN"
              tolerance 5%

            recommendation A1 "Ensure"
            measure 3.7 "% repeat CP plans"
              workstream EFD
              evidence measure "Performance book"
              polarity lower
              target <= 15% by September
              signoff EG by September, IB by September
            action 1.7 "MASH"
              lead "Fiona", "Rebecca"
              due March 2015
              done 2014-11-10
              progress 2014-12-01 "60%"
              timescale 03.01.12 to 31.03.12
              part of A1
              links 3.7
            data 3.7
              2013-07 14%

            """),
]

extension FormatterTests {
    @Test(arguments: formatCases)
    func formatsToCanonicalLayout(_ testCase: FormatCase) {
        let formatted = Formatter.format(source(testCase.input))
        #expect(formatted == testCase.expected)
    }
}

extension FormatterTests {
    @Test(arguments: [
        "measure 2.3\n  target >= by September\n",
        "measure 2.3 \"unterminated\n",
        "  key\n",
        "mesure 2.3\n",
        "plan \"P\" \u{201C}curly\u{201D}\n",
    ])
    func syntaxErrorsGiveNil(_ input: String) {
        #expect(Formatter.format(source(input)) == nil)
    }
}

// MARK: Properties

/// A named source to check the formatter's promises on.
struct FormatSubject: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    var testDescription: String { name }
}

/// `Tests/PlanCheckTests/FormatterTests.swift` -> the package root.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func examplePlans() -> [FormatSubject] {
    let directory = packageRoot.appendingPathComponent("examples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".plan") }.sorted().compactMap { name in
        guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
            return nil
        }
        return FormatSubject(name: "examples/" + name, text: text)
    }
}

private func specBlocks() -> [FormatSubject] {
    mustParseFixtures().map { FormatSubject(name: $0.name, text: $0.text) }
}

private let propertySubjects: [FormatSubject] =
    formatCases.map { FormatSubject(name: "case: " + $0.name, text: $0.input) } + examplePlans() + specBlocks()

extension FormatterTests {
    @Test func specBlocksArePresent() {
        #expect(specBlocks().count >= 4)
    }
}

extension FormatterTests {
    @Test(arguments: propertySubjects)
    func formatKeepsMeaningAndIsIdempotent(_ subject: FormatSubject) throws {
        let formatted = try #require(Formatter.format(source(subject.text, name: subject.name)),
                                     "\(subject.name) does not parse")
        #expect(dump(formatted) == dump(subject.text), "fmt changed the meaning of \(subject.name)")
        let again = try #require(Formatter.format(source(formatted, name: subject.name)))
        #expect(again == formatted, "fmt is not idempotent on \(subject.name)")
        #expect(formatted.isEmpty || formatted.hasSuffix("\n") && !formatted.hasSuffix("\n\n"))
        for line in formatted.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.last != " " && line.last != "\t", "trailing whitespace in \(subject.name): \(line)")
        }
    }
}

// MARK: Re-spaced plans


/// `text` with its layout scrambled but not its meaning, nor its blank lines
/// between entries: other runs of whitespace between tokens and as indentation,
/// trailing whitespace, blank lines inside entries, a first clause pulled up
/// onto its header line, and CRLF line ends.
private func respace(_ text: String, seed: UInt64) -> String {
    var random = SeededGenerator(seed: seed)
    let gaps = [" ", "  ", "\t", " \t ", "   "]
    let indents = [" ", "\t", "    ", " \t", "\t\t"]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }

    func isIndented(_ line: String) -> Bool { line.first == " " || line.first == "\t" }
    func isCommentOrBlank(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.first == "#"
    }
    func hasComment(_ line: String) -> Bool {
        var inString = false
        var escaped = false
        for c in line {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "#" {
                return true
            }
        }
        return false
    }
    /// Each space between tokens (outside strings and comments) becomes another gap.
    func scramble(_ line: String, random: inout SeededGenerator) -> String {
        var out = ""
        var inString = false
        var escaped = false
        var inComment = false
        for c in line {
            if inComment {
                out.append(c)
            } else if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
                out.append(c)
            } else if c == "#" {
                inComment = true
                out.append(c)
            } else if c == " " {
                out += gaps.randomElement(using: &random)!
            } else {
                out.append(c)
            }
        }
        return out
    }

    var result: [String] = []
    var i = 0
    while i < lines.count {
        var line = lines[i]
        let next = i + 1 < lines.count ? lines[i + 1] : nil
        // Pull the first clause up onto its header line.
        if !isIndented(line), !isCommentOrBlank(line), !hasComment(line), !line.hasPrefix("data "),
           let clause = next, isIndented(clause), !isCommentOrBlank(clause), Bool.random(using: &random) {
            line += " " + clause.drop { $0 == " " || $0 == "\t" }
            i += 1
        }
        if isIndented(line) {
            let body = line.drop { $0 == " " || $0 == "\t" }
            if !isCommentOrBlank(line), Int.random(in: 0..<4, using: &random) == 0 { result.append(" ") }
            line = indents.randomElement(using: &random)! + scramble(String(body), random: &random)
        } else {
            line = scramble(line, random: &random)
        }
        if Bool.random(using: &random) { line += gaps.randomElement(using: &random)! }
        result.append(line)
        i += 1
    }
    let ending = seed % 2 == 0 ? "\r\n" : "\n"
    return result.joined(separator: ending) + ending
}

extension FormatterTests {
    @Test(arguments: propertySubjects, [1, 2, 3, 4] as [UInt64])
    func respacedPlanFormatsTheSame(_ subject: FormatSubject, seed: UInt64) throws {
        let expected = try #require(Formatter.format(source(subject.text)))
        let scrambled = respace(subject.text, seed: seed)
        let formatted = try #require(Formatter.format(source(scrambled)), "re-spaced \(subject.name) does not parse")
        #expect(formatted == expected, "re-spaced (seed \(seed)):\n\(scrambled)")
    }
}

// MARK: The AST dump

extension FormatterTests {
    @Test func dumpShowsEveryField() {
        let text = """
            plan "P \\"q\\"" period April 2013 to March 2014
            recommendation A1 "Rec"
            measure 2.3 "M" target >= 90% by September, from 1 to 2 per 10,000 by Q4 2011/12 sustained 3 months
              tolerance 2 points
              baseline 60 days at 2013-09-30
              evidence audit
            action 4.2 due within six weeks
            data 2.3
              2013-07 82.5% sn
            """
        let expected = """
            (plan title="P \\"q\\""
              (period (month 2013 4) (month 2014 3)))
            (section recommendation "A1" title="Rec")
            (measure "2.3" title="M"
              (target (milestone (compare >= (quantity 90.0 percent)) (by (bareMonth 9))) \
            (milestone (range (quantity 1.0 (per 10000.0)) (quantity 2.0 (per 10000.0))) (by (quarter 4 fy=2011)) (sustained 3 months)))
              (tolerance (absolute 2.0))
              (baseline (quantity 60.0 days) (day 2013 9 30))
              (evidence audit))
            (action "4.2"
              (due (within 6 weeks)))
            (data "2.3"
              (row (month 2013 7) (number 82.5 percent) series="sn"))

            """
        #expect(dump(text) == expected)
    }
}

extension FormatterTests {
    @Test(arguments: [
        // Same meaning, different spelling: equal dumps.
        ("measure 2.3\n  target >= 90% by September\n", "measure 2.3 target at least 90 % by September # c\n", true),
        ("measure 2.3\n  target <= 10% by 31.03.12\n", "measure 2.3\n  target no more than 10% by 31/03/2012\n", true),
        ("action 1\n  due within 3 months\n", "action 1\n  due within three months\n", true),
        // Different meaning: different dumps.
        ("measure 2.3\n  target >= 90% by September\n", "measure 2.3\n  target > 90% by September\n", false),
        ("measure 2.3\n  target >= 90% by September\n", "measure 2.3\n  target >= 90 by September\n", false),
        ("recommendation A1\n", "outcome A1\n", false),
        ("measure 2.3 \"a\"\n", "measure 2.3 \"b\"\n", false),
        ("measure 2.3\n  tolerance 2\n", "measure 2.3\n  tolerance 2%\n", false),
        ("measure 2.3\n  target increase by 2% by May\n", "measure 2.3\n  target increase by 2 points by May\n", false),
    ])
    func dumpComparesMeaning(_ a: String, _ b: String, _ same: Bool) {
        #expect((dump(a) == dump(b)) == same)
    }
}

extension FormatterTests {
    /// A misspelt month is reported by `check`, but every token is in place,
    /// so fmt still lays the file out, keeping the word as written.
    @Test func misspeltMonthStillFormats() {
        let formatted = Formatter.format(source("measure 2.3 target >= 90% by Septembre\n"))
        #expect(formatted == "measure 2.3\n  target >= 90% by Septembre\n")
    }
}
