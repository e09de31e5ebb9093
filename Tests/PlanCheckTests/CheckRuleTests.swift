import Testing
@testable import PlanCheck

// Every diagnostic a plan can produce (lexer, parser, loader, resolver and
// checker), each with one failing case (exact code, severity, line:column) and
// one near miss (a plan a step away from it, where the code must be absent and
// nothing else is an error). The CSV-only codes belong to the data loader's
// tests.

@Suite struct CheckRuleTests {}

/// `plan "P"` with the period most cases use: entries below start on line 3.
private let preamble = "plan \"P\"\n  period April 2013 to March 2014\n"

/// A plan that must report `code` at `line:column` (in `file`).
struct FailingRule: Sendable, CustomTestStringConvertible {
    let name: String
    let code: DiagnosticCode
    let severity: Severity
    let line: Int
    let column: Int
    /// The plan, `plan.plan`; `{0xHH}` stands for a raw byte.
    let plan: String
    var files: [String: String] = [:]
    /// The file the diagnostic is in, when not the plan itself.
    var file: String = testPlanName
    /// Text the help must contain, e.g. the "did you mean" suggestion.
    var help: String? = nil
    var testDescription: String { "\(code.rawValue): \(name)" }
}

/// A plan one step from a failing case, where `code` must not appear.
struct NearMiss: Sendable, CustomTestStringConvertible {
    let name: String
    let code: DiagnosticCode
    let plan: String
    var files: [String: String] = [:]
    var testDescription: String { "\(code.rawValue): \(name)" }
}

private func run(_ plan: String, _ files: [String: String]) -> Pipeline.CheckedPlan {
    checkRun(bytes: bytesWithMarkers(plan), files: files.mapValues { Array($0.utf8) })
}

/// `plan.plan` includes `a1.plan`, which includes `a2.plan`, ... down to `a<depth>.plan`.
private func includeChain(depth: Int) -> [String: String] {
    var files: [String: String] = [:]
    for i in 1...depth {
        files["a\(i).plan"] = i < depth ? "include \"a\(i + 1).plan\"\n" : "measure m\(i) \"M\"\n"
    }
    return files
}

let failingRules: [FailingRule] = [
    // Reading the bytes.
    FailingRule(name: "invalid UTF-8 byte in a string", code: .invalidUTF8, severity: .error, line: 3, column: 13,
                plan: preamble + "measure 1 \"M{0xFF}\"\n", help: "UTF-8"),
    FailingRule(name: "invalid UTF-8 byte outside a string", code: .invalidUTF8, severity: .error, line: 3, column: 11,
                plan: preamble + "measure 1 {0xC3}\"M\"\n"),
    FailingRule(name: "stray control byte", code: .unexpectedCharacter, severity: .error, line: 3, column: 14,
                plan: preamble + "measure 1 \"M\"{0x01}\n"),
    FailingRule(name: "control byte inside a string", code: .unexpectedCharacter, severity: .error, line: 3, column: 13,
                plan: preamble + "measure 1 \"M{0x07}\"\n"),
    FailingRule(name: "curly quotes", code: .unexpectedCharacter, severity: .error, line: 3, column: 11,
                plan: preamble + "measure 1 \u{201C}Referrals\u{201D}\n", help: "straight double quote"),
    FailingRule(name: "unterminated string", code: .unterminatedString, severity: .error, line: 3, column: 11,
                plan: preamble + "measure 1 \"Referrals\n  target >= 5% by September\n"),
    FailingRule(name: "unknown escape", code: .invalidEscape, severity: .error, line: 3, column: 13,
                plan: preamble + "measure 1 \"M\\n\"\n"),

    // Syntax.
    FailingRule(name: "comparison without a value", code: .syntax, severity: .error, line: 4, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target >= by September\n"),
    FailingRule(name: "misspelt clause keyword", code: .syntax, severity: .error, line: 4, column: 3,
                plan: preamble + "measure 1 \"M\"\n  trget >= 5% by September\n", help: "did you mean `target`?"),
    FailingRule(name: "misspelt entry keyword", code: .syntax, severity: .error, line: 3, column: 1,
                plan: preamble + "mesure 1 \"M\"\n", help: "did you mean `measure`?"),
    FailingRule(name: "target without a deadline", code: .syntax, severity: .error, line: 4, column: 15,
                plan: preamble + "measure 1 \"M\"\n  target >= 5%\n"),
    FailingRule(name: "words after a clause", code: .syntax, severity: .error, line: 4, column: 29,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September foo\n"),
    FailingRule(name: "sustained 0 months", code: .syntax, severity: .error, line: 4, column: 10,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September sustained 0 months\n"),
    FailingRule(name: "misspelt month", code: .unknownMonth, severity: .error, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by Septmber 2013\n", help: "September"),
    FailingRule(name: "misspelt bare month", code: .unknownMonth, severity: .error, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by Novmber\n", help: "November"),

    // Files.
    FailingRule(name: "include not found", code: .unreadableFile, severity: .error, line: 3, column: 9,
                plan: preamble + "include \"missing.plan\"\n"),
    FailingRule(name: "include cycle through another file", code: .includeCycle, severity: .error, line: 2, column: 9,
                plan: preamble + "include \"b.plan\"\n",
                files: ["b.plan": "measure 1 \"M\"\ninclude \"plan.plan\"\n"], file: "b.plan"),
    FailingRule(name: "a plan that includes itself", code: .includeCycle, severity: .error, line: 3, column: 9,
                plan: preamble + "include \"plan.plan\"\n"),
    FailingRule(name: "includes nested 70 deep", code: .includeDepth, severity: .error, line: 1, column: 9,
                plan: preamble + "include \"a1.plan\"\n", files: includeChain(depth: 70), file: "a63.plan"),

    FailingRule(name: "1,100 missing includes", code: .tooManyErrors, severity: .note, line: 1_001, column: 9,
                plan: "plan \"P\"\n" + (1...1_100).map { "include \"x\($0).plan\"\n" }.joined()),

    // Names.
    FailingRule(name: "unknown workstream", code: .unknownReference, severity: .error, line: 5, column: 14,
                plan: preamble + "workstream EFD \"Early help\"\nmeasure 1 \"M\"\n  workstream EDF\n",
                help: "did you mean \"EFD\"?"),
    FailingRule(name: "unknown comparator in `in line with`", code: .unknownReference, severity: .error, line: 5, column: 23,
                plan: preamble + "comparator sn \"SN\" tolerance 5%\nmeasure 1 \"M\"\n  target in line with sm by September\n",
                help: "did you mean \"sn\"?"),
    FailingRule(name: "unknown comparator in `within`", code: .unknownReference, severity: .error, line: 5, column: 29,
                plan: preamble + "comparator sn \"SN\"\nmeasure 1 \"M\"\n  target within 2 points of nn by September\n"),
    FailingRule(name: "sections part of each other", code: .sectionCycle, severity: .error, line: 3, column: 16,
                plan: preamble + "recommendation A1 \"R\"\n  part of A2\nrecommendation A2 \"S\"\n  part of A1\n"),
    FailingRule(name: "unknown `part of` section", code: .unknownReference, severity: .error, line: 5, column: 11,
                plan: preamble + "recommendation A1 \"R\"\nrecommendation A2 \"S\"\n  part of A3\n"),
    FailingRule(name: "unknown link", code: .unknownReference, severity: .error, line: 4, column: 12,
                plan: preamble + "measure 1 \"M\"\n  links 3, 2\nmeasure 3 \"N\"\n"),
    FailingRule(name: "unknown lead when leads are declared", code: .unknownReference, severity: .error, line: 5, column: 8,
                plan: preamble + "lead \"Paul Evans\"\naction 1 \"A\"\n  lead \"Paul Evens\"\n  due September\n",
                help: "did you mean \"Paul Evans\"?"),
    FailingRule(name: "duplicate measure id", code: .duplicateID, severity: .error, line: 4, column: 9,
                plan: preamble + "measure 1.1 \"M\"\nmeasure 1.1 \"N\"\n"),
    FailingRule(name: "two actions share an id", code: .duplicateID, severity: .error, line: 5, column: 8,
                plan: preamble + "action 2.3 \"A\"\n  due September\naction 2.3 \"B\"\n  due September\n"),
    FailingRule(name: "duplicate workstream", code: .duplicateID, severity: .error, line: 4, column: 12,
                plan: preamble + "workstream EFD\nworkstream EFD\n"),
    FailingRule(name: "duplicate id across an include", code: .duplicateID, severity: .error, line: 1, column: 9,
                plan: preamble + "measure 1 \"M\"\ninclude \"other.plan\"\n",
                files: ["other.plan": "measure 1 \"N\"\n"], file: "other.plan"),
    FailingRule(name: "two plan entries", code: .duplicatePlan, severity: .error, line: 3, column: 1,
                plan: preamble + "plan \"Q\"\n"),
    FailingRule(name: "no plan entry", code: .missingPlan, severity: .warning, line: 1, column: 1,
                plan: "measure 1 \"M\"\n  target >= 5 by 2013-09-30\n"),
    FailingRule(name: "polarity twice", code: .duplicateClause, severity: .error, line: 5, column: 3,
                plan: preamble + "measure 1 \"M\"\n  polarity higher\n  polarity lower\n"),
    FailingRule(name: "timescale and due", code: .duplicateClause, severity: .error, line: 5, column: 3,
                plan: preamble + "action 1 \"A\"\n  timescale 03.05.13 to 31.12.13\n  due December\n"),
    FailingRule(name: "`due` on a measure", code: .misplacedClause, severity: .error, line: 4, column: 3,
                plan: preamble + "measure 1 \"M\"\n  due September\n"),
    FailingRule(name: "`target` on a workstream", code: .misplacedClause, severity: .error, line: 4, column: 3,
                plan: preamble + "workstream EFD \"Early help\"\n  target >= 5% by September\n"),

    // Dates.
    FailingRule(name: "31.11.12", code: .impossibleDate, severity: .error, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by 31.11.12\n", help: "day first"),
    FailingRule(name: "29 February 2013", code: .impossibleDate, severity: .error, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by 29 February 2013\n"),
    FailingRule(name: "month 13", code: .impossibleDate, severity: .error, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by 2013-13-01\n"),
    FailingRule(name: "bare month, no period", code: .monthWithoutPeriod, severity: .error, line: 3, column: 19,
                plan: "plan \"P\"\nmeasure 1 \"M\"\n  target >= 5% by May\n"),
    FailingRule(name: "within 3 months, no period", code: .monthWithoutPeriod, severity: .error, line: 3, column: 16,
                plan: "plan \"P\"\nmeasure 1 \"M\"\n  target >= 5% within 3 months\n"),
    FailingRule(name: "May twice in the period", code: .ambiguousMonth, severity: .error, line: 4, column: 19,
                plan: "plan \"P\"\n  period April 2013 to September 2014\nmeasure 1 \"M\"\n  target >= 5% by May\n",
                help: "write the year"),
    FailingRule(name: "timescale 31.03.12 to 03.01.12", code: .reversedRange, severity: .error, line: 4, column: 3,
                plan: "plan \"P\"\n  period April 2011 to March 2012\naction 1 \"A\"\n  timescale 31.03.12 to 03.01.12\n",
                help: "day first"),
    FailingRule(name: "period ending before it starts", code: .reversedRange, severity: .error, line: 2, column: 3,
                plan: "plan \"P\"\n  period April 2014 to March 2013\n"),
    FailingRule(name: "deadline years outside the period", code: .outsidePeriod, severity: .warning, line: 4, column: 19,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September 2016\n"),
    FailingRule(name: "due date outside the period", code: .outsidePeriod, severity: .warning, line: 4, column: 7,
                plan: preamble + "action 1 \"A\"\n  due 2012-01-31\n"),
    FailingRule(name: "bare month not in the period", code: .notInPeriod, severity: .error, line: 4, column: 19,
                plan: "plan \"P\"\n  period April 2013 to June 2013\nmeasure 1 \"M\"\n  target >= 5% by September\n"),
    FailingRule(name: "bare quarter not in the period", code: .notInPeriod, severity: .error, line: 4, column: 19,
                plan: "plan \"P\"\n  period April 2013 to September 2013\nmeasure 1 \"M\"\n  target >= 5% by Q3\n",
                help: "`Q3 2013/14`"),
    FailingRule(name: "a deadline's month that reads as a financial year", code: .ambiguousDate, severity: .warning,
                line: 4, column: 19,
                plan: "plan \"P\"\n  period April 2011 to March 2012\nmeasure 1 \"M\"\n  target >= 5% by 2011-12\n",
                help: "write `2011/12`"),
    FailingRule(name: "a due month that reads as a financial year", code: .ambiguousDate, severity: .warning,
                line: 4, column: 7,
                plan: "plan \"P\"\n  period April 2010 to March 2011\naction 1 \"A\"\n  due 2010-11\n",
                help: "write `November 2010`"),

    // Units and values.
    FailingRule(name: "120%", code: .percentRange, severity: .error, line: 4, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target >= 120% by September\n"),
    FailingRule(name: "bare 120 on a percent measure", code: .percentRange, severity: .error, line: 5, column: 13,
                plan: preamble + "measure 1 \"M\"\n  unit %\n  target >= 120 by September\n"),
    FailingRule(name: "negative count", code: .negativeValue, severity: .error, line: 4, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target >= -5 by September\n"),
    FailingRule(name: "negative baseline", code: .negativeValue, severity: .error, line: 4, column: 3,
                plan: preamble + "measure 1 \"M\"\n  baseline -3 at April 2013\n  target increase by September\n"),
    FailingRule(name: "percent target, rate baseline", code: .unitMismatch, severity: .error, line: 5, column: 13,
                plan: preamble + "measure 1 \"M\"\n  baseline 30 per 10,000 at April 2013\n  target >= 5% by September\n"),
    FailingRule(name: "plain number on a percent measure", code: .unitMismatch, severity: .error, line: 5, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\n  target >= 6 by December\n",
                help: "one unit"),
    FailingRule(name: "working days and days", code: .unitMismatch, severity: .error, line: 5, column: 18,
                plan: preamble + "measure 1 \"M\"\n  target <= 10 working days by September\n  target at most 14 days by March 2014\n",
                help: "never converted"),
    FailingRule(name: "count and rate, with a relative target", code: .unitMismatch, severity: .error, line: 6, column: 13,
                plan: preamble + "measure 1 \"M\"\n  baseline 120 at April 2013\n  target increase by 25% by September\n  target >= 58.9 per 10,000 by March 2014\n"),
    FailingRule(name: "bare level, no polarity", code: .bareLevel, severity: .error, line: 4, column: 10,
                plan: preamble + "measure 1 \"M\"\n  target 90% by September\n", help: "polarity higher"),
    FailingRule(name: "bare level in a trajectory", code: .bareLevel, severity: .error, line: 4, column: 31,
                plan: preamble + "measure 1 \"M\"\n  target >= 80% by September, 90% by March 2014\n", help: ">= 90%"),
    FailingRule(name: "maintain, no polarity", code: .missingPolarity, severity: .error, line: 5, column: 10,
                plan: preamble + "measure 1 \"M\"\n  baseline 50% at April 2013\n  target maintain ongoing\n"),
    FailingRule(name: "due within 20 working days", code: .quantityDeadline, severity: .error, line: 4, column: 17,
                plan: preamble + "action 1 \"A\"\n  due within 20 working days\n"),
    FailingRule(name: "a cohort of 9 of 8", code: .invalidCohort, severity: .error, line: 6, column: 11,
                plan: preamble + "measure 1 \"M\"\n  target >= 50% by September\ndata 1\n  2013-07 9/8\n"),
    FailingRule(name: "a cohort of 0 of 0", code: .invalidCohort, severity: .error, line: 6, column: 11,
                plan: preamble + "measure 1 \"M\"\n  target >= 50% by September\ndata 1\n  2013-07 0/0\n"),
    FailingRule(name: "minimum cohort 2.5", code: .invalidCohort, severity: .error, line: 4, column: 18,
                plan: preamble + "measure 1 \"M\"\n  minimum cohort 2.5\n  target >= 50% by September\n"),
    FailingRule(name: "red rating, met data", code: .ragDiffers, severity: .warning, line: 5, column: 3,
                plan: preamble + "measure 1 \"M\"\n  target >= 50% by September\n  rag 2013-07-31 red \"Behind\"\ndata 1\n  2013-07 60%\n"),
    FailingRule(name: "days and percent", code: .unitMismatch, severity: .error, line: 5, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target <= 20 days by September\n  target >= 90% by December\n"),

    // Targets.
    FailingRule(name: "milestones out of order", code: .milestoneOrder, severity: .error, line: 4, column: 43,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by December 2013, >= 6% by September 2013\n"),
    FailingRule(name: "two milestones on one date", code: .milestoneOrder, severity: .error, line: 4, column: 43,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by December 2013, >= 6% by 31.12.13\n",
                help: "a different deadline"),
    FailingRule(name: "done without a date", code: .doneWithoutDate, severity: .error, line: 5, column: 3,
                plan: preamble + "action 1 \"A\"\n  due December 2013\n  done\n"),
    FailingRule(name: "trajectory relaxes", code: .trajectoryRelaxes, severity: .warning, line: 4, column: 35,
                plan: preamble + "measure 1 \"M\"\n  target >= 85% by December 2013, >= 80% by March 2014\n"),
    FailingRule(name: "bare levels relax against polarity higher", code: .trajectoryRelaxes, severity: .warning,
                line: 5, column: 32,
                plan: preamble + "measure 1 \"M\"\n  polarity higher\n  target 85% by December 2013, 80% by March 2014\n"),
    FailingRule(name: "trajectory relaxes against polarity lower", code: .trajectoryRelaxes, severity: .warning,
                line: 5, column: 35,
                plan: preamble + "measure 1 \"M\"\n  polarity lower\n  target <= 10% by December 2013, <= 12% by March 2014\n"),
    FailingRule(name: ">= 90% and <= 80% on one date", code: .contradictoryTargets, severity: .error, line: 5, column: 10,
                plan: preamble + "measure 1 \"M\"\n  target >= 90% by September\n  target <= 80% by September\n"),
    FailingRule(name: "relative target without a baseline", code: .missingBaseline, severity: .warning, line: 4, column: 10,
                plan: preamble + "measure 1 \"M\"\n  target increase by 25% by September\n"),
    FailingRule(name: "bare decrease without a baseline", code: .missingBaseline, severity: .warning, line: 4, column: 10,
                plan: preamble + "measure 1 \"M\"\n  target decrease by September\n"),
    FailingRule(name: "in line with a comparator without tolerance", code: .comparatorTolerance, severity: .error,
                line: 5, column: 23,
                plan: preamble + "comparator sn \"SN\"\nmeasure 1 \"M\"\n  target in line with sn by September\n",
                help: "tolerance"),
    FailingRule(name: "target against polarity", code: .polarityConflict, severity: .warning, line: 5, column: 10,
                plan: preamble + "measure 1 \"M\"\n  polarity lower\n  target >= 5% by September\n"),
    FailingRule(name: "by 10% on a percent measure", code: .ambiguousRelative, severity: .warning, line: 5, column: 22,
                plan: preamble + "measure 1 \"M\"\n  baseline 50% at April 2013\n  target increase by 10% by September\n",
                help: "points"),

    // Limits (issue 9).
    FailingRule(name: "2^53, which 2^53 + 1 would also read as", code: .numberTooLarge, severity: .error, line: 4, column: 13,
                plan: preamble + "measure 1 \"M\"\n  target >= 9007199254740992 by September\n", help: "digits"),
    FailingRule(name: "sections nested 33 deep", code: .sectionDepth, severity: .error, line: 66, column: 9,
                plan: preamble + nestedSections(Limits.sectionDepth + 1)),

    // Inline data.
    FailingRule(name: "data for an unknown id", code: .dataUnknownID, severity: .error, line: 5, column: 6,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 2\n  2013-07 5%\n"),
    FailingRule(name: "a status for a percent measure", code: .dataUnitMismatch, severity: .error, line: 6, column: 11,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 complete\n"),
    FailingRule(name: "two rows for one month", code: .dataDuplicate, severity: .error, line: 7, column: 3,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 5%\n  2013-07 6%\n"),
    FailingRule(name: "fractions for a percent measure", code: .dataFraction, severity: .warning, line: 6, column: 3,
                plan: preamble + "measure 1 \"M\"\n  target >= 85% by September\ndata 1\n  2013-07 0.82\n  2013-08 0.86\n"),
    FailingRule(name: "an undeclared series", code: .dataUnknownSeries, severity: .error, line: 6, column: 14,
                plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 5% sm\n"),
]

/// `count` sections, each `part of` the one before.
private func nestedSections(_ count: Int) -> String {
    (0..<count).map { "section s\($0) \"S\"\n" + ($0 > 0 ? "  part of s\($0 - 1)\n" : "") }.joined()
}

let nearMisses: [NearMiss] = [
    NearMiss(name: "2^53 - 1, with thousands commas", code: .numberTooLarge,
             plan: preamble + "measure 1 \"M\"\n  target >= 9,007,199,254,740,991 by September\n"),
    NearMiss(name: "sections nested 32 deep", code: .sectionDepth, plan: preamble + nestedSections(Limits.sectionDepth)),
    NearMiss(name: "valid UTF-8 in a string", code: .invalidUTF8, plan: preamble + "measure 1 \"M\u{E9}n\u{2019}s\"\n"),
    NearMiss(name: "tab and non-ASCII in a comment", code: .unexpectedCharacter,
             plan: preamble + "measure 1 \"M\"\t# caf\u{E9}\n"),
    NearMiss(name: "straight quotes", code: .unexpectedCharacter, plan: preamble + "measure 1 \"Referrals\"\n"),
    NearMiss(name: "closed string", code: .unterminatedString,
             plan: preamble + "measure 1 \"Referrals\"\n  target >= 5% by September\n"),
    NearMiss(name: "escaped quote and backslash", code: .invalidEscape,
             plan: preamble + "measure 1 \"M \\\"quoted\\\" a\\\\b\"\n"),
    NearMiss(name: "complete target", code: .syntax, plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\n"),
    NearMiss(name: "every English comparator", code: .syntax,
             plan: preamble + "measure 1 \"M\"\n  target at least 5% by September\n  target no less than 5% by September\n"
                 + "measure 2 \"N\"\n  target at most 9% by September\n  target no more than 9% by September\n"
                 + "  target below 10% by September\n  target less than 10% by September\n"
                 + "measure 3 \"O\"\n  target above 1% by September\n  target more than 1% by September\n"
                 + "measure 4 \"Q\"\n  target exactly 5% by September\n  target = 5% by September\n"),
    NearMiss(name: "month spelt right", code: .unknownMonth,
             plan: preamble + "measure 1 \"M\"\n  target >= 5% by September 2013\n  target >= 5% by November\n"),
    NearMiss(name: "include found", code: .unreadableFile, plan: preamble + "include \"other.plan\"\n",
             files: ["other.plan": "measure 1 \"M\"\n"]),
    NearMiss(name: "diamond include, no cycle", code: .includeCycle,
             plan: preamble + "include \"b.plan\"\ninclude \"c.plan\"\n",
             files: ["b.plan": "include \"d.plan\"\n", "c.plan": "include \"d.plan\"\n", "d.plan": "measure 1 \"M\"\n"]),
    NearMiss(name: "includes nested 10 deep", code: .includeDepth, plan: preamble + "include \"a1.plan\"\n",
             files: includeChain(depth: 10)),
    NearMiss(name: "1,100 includes, all there", code: .tooManyErrors,
             plan: "plan \"P\"\n" + (1...1_100).map { "include \"x\($0).plan\"\n" }.joined(),
             files: Dictionary(uniqueKeysWithValues: (1...1_100).map { ("x\($0).plan", "measure m\($0) \"M\"\n") })),
    NearMiss(name: "known workstream", code: .unknownReference,
             plan: preamble + "workstream EFD \"Early help\"\nmeasure 1 \"M\"\n  workstream EFD\n"),
    NearMiss(name: "known comparator", code: .unknownReference,
             plan: preamble + "comparator sn \"SN\" tolerance 5%\nmeasure 1 \"M\"\n  target in line with sn by September\n"
                 + "  target within 2 points of sn by December\n"),
    NearMiss(name: "sections nested without a cycle", code: .sectionCycle,
             plan: preamble + "recommendation A1 \"R\"\nrecommendation A2 \"S\"\n  part of A1\nrecommendation A3 \"T\"\n  part of A2\n"),
    NearMiss(name: "known `part of` section", code: .unknownReference,
             plan: preamble + "recommendation A1 \"R\"\nrecommendation A2 \"S\"\n  part of A1\n"),
    NearMiss(name: "links to a measure and a section", code: .unknownReference,
             plan: preamble + "recommendation A1 \"R\"\nmeasure 1 \"M\"\n  links 3, A1\nmeasure 3 \"N\"\n"),
    NearMiss(name: "leads not declared: any name goes", code: .unknownReference,
             plan: preamble + "action 1 \"A\"\n  lead \"Paul Evens\"\n  due September\n"),
    NearMiss(name: "declared lead", code: .unknownReference,
             plan: preamble + "lead \"Paul Evans\"\naction 1 \"A\"\n  lead \"Paul Evans\"\n  due September\n"),
    NearMiss(name: "distinct ids", code: .duplicateID,
             plan: preamble + "measure 1.1 \"M\"\nmeasure 1.2 \"N\"\naction 2.3 \"A\"\n  due September\n"),
    NearMiss(name: "same id in different kinds", code: .duplicateID,
             plan: preamble + "workstream A1\nrecommendation A1 \"R\"\nmeasure A1 \"M\"\n"),
    NearMiss(name: "one plan entry, with includes", code: .duplicatePlan, plan: preamble + "include \"other.plan\"\n",
             files: ["other.plan": "measure 1 \"M\"\n"]),
    NearMiss(name: "plan entry present", code: .missingPlan,
             plan: preamble + "measure 1 \"M\"\n  target >= 5 by 2013-09-30\n"),
    NearMiss(name: "clauses that may repeat", code: .duplicateClause,
             plan: preamble + "action 1 \"A\"\n  lead \"A\"\n  lead \"B\"\n  note \"x\"\n  note \"y\"\n"
                 + "  target >= 5% by September\n  target >= 6% by December\n  due December\n"),
    NearMiss(name: "`due` on an action", code: .misplacedClause, plan: preamble + "action 1 \"A\"\n  due September\n"),
    NearMiss(name: "30.11.12", code: .impossibleDate,
             plan: "plan \"P\"\n  period April 2012 to March 2013\nmeasure 1 \"M\"\n  target >= 5% by 30.11.12\n"
                 + "  target >= 6% by 28 February 2013\n"),
    NearMiss(name: "month with a year, no period", code: .monthWithoutPeriod,
             plan: "plan \"P\"\nmeasure 1 \"M\"\n  target >= 5% by May 2013\n"),
    NearMiss(name: "May with its year", code: .ambiguousMonth,
             plan: "plan \"P\"\n  period April 2013 to September 2014\nmeasure 1 \"M\"\n  target >= 5% by May 2014\n"),
    NearMiss(name: "timescale 03.01.12 to 31.03.12", code: .reversedRange,
             plan: "plan \"P\"\n  period April 2011 to March 2012\naction 1 \"A\"\n  timescale 03.01.12 to 31.03.12\n"),
    NearMiss(name: "bare month, day and quarter in the period", code: .notInPeriod,
             plan: "plan \"P\"\n  period April 2013 to December 2013\nmeasure 1 \"M\"\n  target >= 5% by September\n"
                 + "  target >= 6% by Q3\n  target >= 7% by 3 December\n"),
    NearMiss(name: "a month and a financial year each written one way", code: .ambiguousDate,
             plan: "plan \"P\"\n  period April 2011 to March 2012\nmeasure 1 \"M\"\n  target >= 5% by 2011/12\n"
                 + "  target >= 6% by December 2011\n  target >= 7% by 2011-09\ndata 1\n  2011-12 6\n"),
    NearMiss(name: "deadline inside the period", code: .outsidePeriod,
             plan: preamble + "measure 1 \"M\"\n  target >= 5% by September 2013\n  target >= 5% by 31.03.14\n"
                 + "action 2 \"A\"\n  due 2013-04-01\n"),
    NearMiss(name: "100% and 0%", code: .percentRange,
             plan: preamble + "measure 1 \"M\"\n  target >= 100% by September\n  target >= 0% by December\n"),
    NearMiss(name: "zero count", code: .negativeValue, plan: preamble + "measure 1 \"M\"\n  target >= 0 by September\n"),
    NearMiss(name: "rate target, rate baseline", code: .unitMismatch,
             plan: preamble + "measure 1 \"M\"\n  baseline 30 per 10,000 at April 2013\n  target >= 35 per 10,000 by September\n"),
    NearMiss(name: "bare number on a measure declared `unit %`", code: .unitMismatch,
             plan: preamble + "measure 1 \"M\"\n  unit %\n  target >= 5% by September\n  target >= 6 by December\n"),
    NearMiss(name: "bare level with polarity higher", code: .bareLevel,
             plan: preamble + "measure 1 \"M\"\n  polarity higher\n  target 90% by September, 95% by March 2014\n"),
    NearMiss(name: "maintain with polarity and baseline", code: .missingPolarity,
             plan: preamble + "measure 1 \"M\"\n  polarity lower\n  baseline 12% at April 2013\n  target maintain ongoing\n"),
    NearMiss(name: "working days as a quantity", code: .quantityDeadline,
             plan: preamble + "measure 1 \"M\"\n  target at most 20 working days by September\n"),
    NearMiss(name: "a cohort of 8 of 9", code: .invalidCohort,
             plan: preamble + "measure 1 \"M\"\n  minimum cohort 10\n  target >= 50% by September\ndata 1\n  2013-07 8/9\n"),
    NearMiss(name: "green rating, met data", code: .ragDiffers,
             plan: preamble + "measure 1 \"M\"\n  target >= 50% by September\n  rag 2013-07-31 green\ndata 1\n  2013-07 60%\n"),
    NearMiss(name: "milestones in order", code: .milestoneOrder,
             plan: preamble + "measure 1 \"M\"\n  target >= 5% by September 2013, >= 6% by December 2013\n"),
    NearMiss(name: "done with its date", code: .doneWithoutDate,
             plan: preamble + "action 1 \"A\"\n  due December 2013\n  done 2013-11-10\n"),
    NearMiss(name: "trajectory tightens", code: .trajectoryRelaxes,
             plan: preamble + "measure 1 \"M\"\n  target >= 80% by December 2013, >= 85% by March 2014\n"),
    NearMiss(name: ">= 90% and <= 95% on one date", code: .contradictoryTargets,
             plan: preamble + "measure 1 \"M\"\n  target >= 90% by September\n  target <= 95% by September\n"),
    NearMiss(name: "relative target with a baseline", code: .missingBaseline,
             plan: preamble + "measure 1 \"M\"\n  baseline 60 at April 2013\n  target increase by 25% by September\n"),
    NearMiss(name: "from X to Y carries its baseline", code: .missingBaseline,
             plan: preamble + "measure 1 \"M\"\n  target from 80% to 90% by September\n"),
    NearMiss(name: "baseline series inline", code: .missingBaseline,
             plan: preamble + "measure 1 \"M\"\n  target decrease by September\ndata 1\n  2013-04 60 baseline\n"),
    NearMiss(name: "comparator with a tolerance", code: .comparatorTolerance,
             plan: preamble + "comparator sn \"SN\"\n  tolerance 5%\nmeasure 1 \"M\"\n  target in line with sn by September\n"),
    NearMiss(name: "target with polarity", code: .polarityConflict,
             plan: preamble + "measure 1 \"M\"\n  polarity lower\n  target <= 5% by September\n"),
    NearMiss(name: "by 10 points on a percent measure", code: .ambiguousRelative,
             plan: preamble + "measure 1 \"M\"\n  baseline 50% at April 2013\n  target increase by 10 points by September\n"),
    NearMiss(name: "by 10% on a count", code: .ambiguousRelative,
             plan: preamble + "measure 1 \"M\"\n  baseline 50 at April 2013\n  target increase by 10% by September\n"),
    NearMiss(name: "data for a declared id", code: .dataUnknownID,
             plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 5%\n"),
    NearMiss(name: "a percentage for a percent measure", code: .dataUnitMismatch,
             plan: preamble + "measure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 5%\n  2013-08 6\n"),
    NearMiss(name: "one row per month and series", code: .dataDuplicate,
             plan: preamble + "comparator sn \"SN\"\nmeasure 1 \"M\"\n  target >= 5% by September\n"
                 + "data 1\n  2013-07 5%\n  2013-07 6% sn\n  2013-08 6%\n"),
    NearMiss(name: "a small percentage, targets of 1% or less", code: .dataFraction,
             plan: preamble + "measure 1 \"M\"\n  target <= 1% by September\ndata 1\n  2013-07 0.8%\n  2013-08 0.6\n"),
    NearMiss(name: "one value between 0 and 1, one above", code: .dataFraction,
             plan: preamble + "measure 1 \"M\"\n  target >= 85% by September\ndata 1\n  2013-07 0.9\n  2013-08 86\n"),
    NearMiss(name: "a declared series", code: .dataUnknownSeries,
             plan: preamble + "comparator sn \"SN\"\nmeasure 1 \"M\"\n  target >= 5% by September\ndata 1\n  2013-07 5% sn\n"),
]

extension CheckRuleTests {
    @Test(arguments: failingRules)
    func reports(_ rule: FailingRule) {
        let result = run(rule.plan, rule.files)
        let matches = result.found.filter { $0.code == rule.code }
        let here = matches.filter { $0.file == rule.file && $0.line == rule.line && $0.column == rule.column }
        #expect(!here.isEmpty,
                "expected \(rule.code.rawValue) at \(rule.file):\(rule.line):\(rule.column); got:\n\(result.listing)")
        for found in here {
            #expect(found.severity == rule.severity, "\(found)")
            if let help = rule.help {
                #expect(found.help?.contains(help) == true, "help should mention \(help): \(found)")
            }
        }
        if rule.severity == .error {
            #expect(result.diagnostics.hasErrors)
        }
    }

    @Test(arguments: nearMisses)
    func nearMissIsClean(_ miss: NearMiss) {
        let result = run(miss.plan, miss.files)
        #expect(!result.found.contains { $0.code == miss.code }, "\(miss.code.rawValue) should not appear:\n\(result.listing)")
        #expect(!result.diagnostics.hasErrors, "a near miss is a valid plan:\n\(result.listing)")
    }

    /// Codes a plan can produce; the CSV-only ones are the data loader's.
    static let planCodes: [DiagnosticCode] = DiagnosticCode.allCases.filter {
        ![.csvSyntax, .dataMissingColumn, .dataBadDate, .dataBadValue,
          // The book readers' (issue 14), tested in BookTests.
          .dataIgnoredColumn, .dataIgnoredSheet, .dataPlanMismatch, .dataBadWorkbook, .dataBadCell, .dataMapping,
          // A CSV row with a value past its header (issue 9), tested in ReliabilityTests.
          .dataExtraField].contains($0)
    }

    /// Codes no plan can produce today, left out of the coverage count:
    /// `invalid-number` is never emitted (every number-shaped atom has a value;
    /// a huge one reads as infinity).
    static let unreachable: Set<DiagnosticCode> = [.invalidNumber]

    @Test func everyPlanCodeHasAFailingCaseAndANearMiss() {
        for code in Self.planCodes where !Self.unreachable.contains(code) {
            #expect(failingRules.contains { $0.code == code }, "no failing case for \(code.rawValue)")
            #expect(nearMisses.contains { $0.code == code }, "no near miss for \(code.rawValue)")
        }
    }

    /// The code's default severity is what a case reports, except where the
    /// spec says otherwise (a missing baseline is a warning until data is
    /// given).
    @Test func defaultSeveritiesMatchTheSpec() {
        let warnings: Set<DiagnosticCode> = [.outsidePeriod, .trajectoryRelaxes, .polarityConflict, .ambiguousRelative, .ambiguousDate,
                                              .missingPlan, .ragDiffers, .dataIgnoredColumn, .dataIgnoredSheet,
                                              .dataPlanMismatch, .dataFraction]
        for code in DiagnosticCode.allCases {
            #expect((code.defaultSeverity == .warning) == warnings.contains(code), "\(code.rawValue)")
        }
    }

    /// A missing baseline is an error once data is given and has no
    /// `baseline` series for the measure.
    @Test func missingBaselineIsAnErrorWithData() {
        let text = preamble + "measure 1 \"M\"\n  target increase by 25% by September\n"
        let loaded = Loader.load(path: testPlanName, files: MemoryFiles([testPlanName: text]))
        let model = Resolver.resolve(loaded).model
        let without = Checker.check(loaded, model, baselineIDs: [])
        #expect(without.contains { $0.code == .missingBaseline && $0.severity == .error })
        let with = Checker.check(loaded, model, baselineIDs: ["1"])
        #expect(!with.contains { $0.code == .missingBaseline })
    }

    /// The parser caps its own diagnostics at `DiagnosticBag.limit`; that cap,
    /// like the pipeline's, should be said out loud with `too-many-errors`, so
    /// a user knows the list is not complete.
    @Test func tooManyErrorsIsReportedForSyntaxErrors() {
        let text = preamble + String(repeating: "mesure 1 \"M\"\n", count: 1_200)
        let result = checkRun(text)
        #expect(result.diagnostics.count <= DiagnosticBag.limit + 10)
        #expect(result.diagnostics.contains { $0.code == .tooManyErrors })
    }

    /// The reason given for an impossible date names what is wrong with it.
    @Test(arguments: [
        ("31.11.12", "November 2012 has 30 days"),
        ("29/02/2013", "February 2013 has 28 days"),
        ("2013-13-01", "no month 13"),
        ("01.01.0000", "year"),
    ])
    func impossibleDateReason(_ written: String, _ reason: String) throws {
        let result = checkRun(preamble + "measure 1 \"M\"\n  target >= 5% by \(written)\n")
        let found = try #require(result.found.first { $0.code == .impossibleDate }, "\(result.listing)")
        #expect(found.message.contains(reason), "\(found.message)")
    }

    /// The messages a user acts on most: the suggestion names the right thing.
    @Test func unknownWorkstreamMessage() throws {
        let result = checkRun(preamble + "workstream EFD \"Early help\"\nworkstream QOP\nmeasure 1 \"M\"\n  workstream EDF\n")
        let found = try #require(result.found.first { $0.code == .unknownReference })
        #expect(found.message == "no workstream named \"EDF\"")
        #expect(found.help == "did you mean \"EFD\"?")
        #expect(result.rendered.contains("help: did you mean \"EFD\"?"))
    }

    /// A name far from every candidate gets no suggestion.
    @Test func noSuggestionWhenNothingIsClose() throws {
        let result = checkRun(preamble + "workstream EFD \"Early help\"\nmeasure 1 \"M\"\n  workstream Safeguarding\n")
        let found = try #require(result.found.first { $0.code == .unknownReference })
        #expect(found.help?.contains("did you mean") != true)
    }
}
