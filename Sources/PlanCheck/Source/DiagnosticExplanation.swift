/// What `plancheck explain CODE` says about each diagnostic code: the rule in
/// a paragraph, a plan that breaks it and the same plan fixed (rustc's and
/// ruff's explain pages are the model). SARIF rules take their full
/// description and help from here.
///
/// Every example is a whole plan, checked as `plan.plan` with its `files`
/// beside it: a test checks that each `wrong` plan gives its code and each
/// `right` plan is clean, and `plancheck explain` prints the findings the
/// checker gives for `wrong` as it runs, so the page cannot fall out of date.
/// A code with no `wrong` plan cannot be shown in a few lines (invalid bytes,
/// a thousand errors, 65 nested files); its rule says what it looks like.
public struct DiagnosticExplanation: Sendable {
    /// The rule, in a paragraph.
    public var rule: String
    /// A plan that breaks the rule, and the other files it needs (included
    /// plans, CSV data) by name.
    public var wrong: String?
    public var wrongFiles: [String: String]
    /// The same plan with the mistake fixed: it checks clean.
    public var right: String?
    public var rightFiles: [String: String]
}

extension DiagnosticCode {
    /// The name the examples are checked under.
    public static let examplePlanName = "plan.plan"

    public var explanation: DiagnosticExplanation {
        switch self {
        case .invalidUTF8:
            DiagnosticExplanation(
                rule: #"""
                A plan is UTF-8 text. Bytes that are not UTF-8 (often a file saved as Windows-1252 or Latin-1, where £ or an en dash is one byte) are reported where they stand and skipped; a run of them is one error. A plan saved as UTF-16 (Notepad's "Unicode", with its byte order mark or a NUL beside every letter) is one error for the whole file, and nothing in it is read. Save the file as UTF-8; most editors offer it under "Save with encoding".
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Spend per child (£)"
                  target <= 500 by March 2014
                """#,
                rightFiles: [:])
        case .unexpectedCharacter:
            DiagnosticExplanation(
                rule: #"""
                Outside strings and comments a plan uses ASCII letters, digits and a little punctuation. A curly quote, an en dash or a non-breaking space pasted from a word processor is reported and skipped. A control character (other than a tab or a line end) is reported wherever it stands, in a string or a comment too; a run of one, such as the NUL bytes of a damaged file, is one error. Type the plain character, or put the text in a string.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 “Referrals seen in time”
                  target >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .unterminatedString:
            DiagnosticExplanation(
                rule: #"""
                A string starts and ends with a double quote on the same line. A missing closing quote would swallow the rest of the line.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time
                  target >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .invalidEscape:
            DiagnosticExplanation(
                rule: #"""
                Inside a string a backslash starts an escape: `\"` for a double quote and `\\` for a backslash. Anything else after a backslash is a mistake, often a Windows path.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals \(all teams\)"
                  target >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals (all teams)"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .syntax:
            DiagnosticExplanation(
                rule: #"""
                The line does not follow the grammar (grammar.md): a clause keyword is missing or misspelt, a value is missing, or words are in the wrong order. The message says what was expected where, and a word near one that fits there gets a "did you mean". A misspelt entry or clause keyword near a real one (`workstrem`, `perod`) is read as the word meant, and a clause that fails still counts as written (a broken `period` is still the plan's period), so one mistake is one finding, not one for every line that depends on it. A `workstream` or `lead` line left at column 1 above indented clauses is read as a clause of the entry above. An `include` of a data file (`include "book.csv"`) is a syntax error too: data is named with `data`.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .tooManyErrors:
            DiagnosticExplanation(
                rule: #"""
                After 1000 findings per plan, with its includes and its data, plancheck stops listing them, so a file that is not a plan at all (a spreadsheet saved under the wrong name, say) does not flood the screen. A note on the last finding shown says how many more there are, and the count after the list says how many there were in all (`1200 errors (200 not shown)`). Each plan checked has its own 1000: two plans of 600 errors each show all 1,200, one plan including two files of 600 each shows 1,000. The same note ends one file's syntax errors after 1000 and one CSV file's syntax errors after 100; then how many more is not counted. Fix the first findings, since one mistake often causes many, and run again.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .unknownMonth:
            DiagnosticExplanation(
                rule: #"""
                A word stands where a month is expected and is not a month name (January to December, or Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec, in any case), but is close to one: a misspelling. The hint names the month meant and the date is read as that month, so the other checks still run. A word like no month (`by Foo`) is a `syntax` error instead.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by Septmber
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September
                """#,
                rightFiles: [:])
        case .invalidNumber:
            DiagnosticExplanation(
                rule: #"""
                A number plancheck cannot read. A malformed number is reported today as a syntax error where it stands (a number is digits with an optional minus sign, thousands in threes after commas, 10,000, and an optional decimal point); this code is kept for it so that it never changes meaning.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .unreadableFile:
            DiagnosticExplanation(
                rule: #"""
                A plan includes another (`include "other.plan"`) or names a data file (`data "book.csv"`, or `--data book.csv` on the command line) that cannot be read: it does not exist, is not a regular file (a directory, a pipe), may not be read, or is larger than plancheck reads (256 MiB). Paths in a plan are relative to the file that names them.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                include "actions.plan"
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                include "action.plan"
                """#,
                rightFiles: ["action.plan": #"""
                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  due March 2014
                """#])
        case .includeCycle:
            DiagnosticExplanation(
                rule: #"""
                A plan includes itself, directly or through other plans. Every file is read once, so a cycle is never needed: include each part from one top-level plan, and include the top-level plan from none.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                include "plan.plan"
                """#,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .sectionDepth:
            DiagnosticExplanation(
                rule: #"""
                Sections nest more than 32 deep through `part of` (a recommendation part of an outcome, part of a priority, and so on). Real plans nest two or three deep; so deep a chain is almost always generated by mistake. Nest the sections less deeply.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .numberTooLarge:
            DiagnosticExplanation(
                rule: #"""
                A number is larger than 9,007,199,254,740,991 (2^53 - 1), past which not every whole number can be held exactly, so it could not be judged truthfully. Such a number is almost always a typo or a pasted cell; write the value meant.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 4.1 "Number of CAFs"
                  target >= 10000000000000000000 by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 4.1 "Number of CAFs"
                  target >= 1000 by March 2014
                """#,
                rightFiles: [:])
        case .dataExtraField:
            DiagnosticExplanation(
                rule: #"""
                A CSV row has a value past the last column its header names, or (in a wide book) under a column whose header is empty, so the value has no meaning and the row is left out. Often a comma inside a value that was not quoted: quote the value, or name the column in the header.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%,checked by the team
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value,note
                2.3,2013-09,86%,checked by the team
                """#])
        case .includeDepth:
            DiagnosticExplanation(
                rule: #"""
                Includes nest more than 64 deep (a.plan includes b.plan, which includes c.plan, and so on). Include the parts from one top-level plan instead of chaining them.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .unknownReference:
            DiagnosticExplanation(
                rule: #"""
                A clause refers to a workstream, comparator, section, lead or entry by an id or name that is not declared in the plan or the plans it includes. Ids are case-sensitive. The hint names the nearest declared one.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                workstream EFD "Early help and front door"

                measure 2.3 "Referrals seen in time"
                  workstream EDF
                  target >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                workstream EFD "Early help and front door"

                measure 2.3 "Referrals seen in time"
                  workstream EFD
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .duplicateID:
            DiagnosticExplanation(
                rule: #"""
                Two entries of one kind share an id, so a reference to it (and a row of data for it) would be ambiguous. Give each its own id.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                measure 2.3 "Assessments on time"
                  target >= 80% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                measure 2.4 "Assessments on time"
                  target >= 80% by March 2014
                """#,
                rightFiles: [:])
        case .duplicatePlan:
            DiagnosticExplanation(
                rule: #"""
                The files checked together have more than one plan entry, so the title and period are ambiguous. Keep the plan entry in the top-level file only, and leave it out of the files it includes.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                plan "Second plan"
                  period April 2014 to March 2015
                """#,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .missingPlan:
            DiagnosticExplanation(
                rule: #"""
                No `plan` entry: the plan has no title, and bare months (`by September`) and durations (`within 3 months`) have no period to count from. Start the top-level file with `plan "TITLE"` and its `period`. A file with no entries at all (empty, or only comments) is reported the same way, so a plan emptied by accident does not pass unseen.
                """#,
                wrong: #"""
                measure 2.3 "Referrals seen in time"
                  target >= 85% by 31 March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by 31 March 2014
                """#,
                rightFiles: [:])
        case .duplicateClause:
            DiagnosticExplanation(
                rule: #"""
                A clause that may appear only once on an entry (`period`, `workstream`, `polarity`, `unit`, `tolerance`, `baseline`, `due` or `timescale`, `done`, `part of`, ...) is given twice, so one of the two would be ignored. Keep the one that is right. `target`, `lead` and `progress` may repeat.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  polarity lower
                  target >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .misplacedClause:
            DiagnosticExplanation(
                rule: #"""
                A clause that does not belong to this kind of entry: a `due` date on a measure, a `period` outside the `plan` entry. The message names the entries it belongs to.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                  due March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .sectionCycle:
            DiagnosticExplanation(
                rule: #"""
                Sections that are `part of` each other in a circle, so none is at the top. A section's `part of` names the section it sits in; the chain must end at a section that is part of none. A section `part of` itself is the smallest circle, reported at that clause.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                recommendation A1 "Timely referrals"
                  part of A2

                recommendation A2 "Timely assessments"
                  part of A1
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                recommendation A1 "Timely referrals"

                recommendation A2 "Timely assessments"
                  part of A1
                """#,
                rightFiles: [:])
        case .impossibleDate:
            DiagnosticExplanation(
                rule: #"""
                A date that does not exist, such as 31 November or 29 February in a year that is not a leap year. Dates with dots, slashes or dashes are day first: `03.04.13` is 3 April 2013.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by 31.11.13
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by 30.11.13
                """#,
                rightFiles: [:])
        case .monthWithoutPeriod:
            DiagnosticExplanation(
                rule: #"""
                A date that needs the plan's period, but the plan has none. A bare month (`by September`) means the last day of that month inside the period, as a day and month (`by 30 September`) and a bare quarter (`by Q3`) are placed in it; `within 3 months` and `immediately` count from the period's start. Add `period START to END` to the `plan` entry, or give the year (`by September 2013`) or a date. The period's own dates need their years: `period April to March 2014` is this error too.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September
                """#,
                rightFiles: [:])
        case .ambiguousMonth:
            DiagnosticExplanation(
                rule: #"""
                A bare month occurs more than once in the plan's period (a period longer than a year), so `by September` could mean either; so can a day and month (`by 30 September`) or a bare quarter (`by Q2`). Give the year (`September 2014`, `Q2 2014/15`).
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2015

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2015

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September 2014
                """#,
                rightFiles: [:])
        case .notInPeriod:
            DiagnosticExplanation(
                rule: #"""
                A date without a year is placed inside the plan's period: a bare month (`by December`) or a day and month (`by 3 December`) in the one year of the period that holds it, a bare quarter (`by Q3`) in the one financial year whose quarter the period touches. Here the period holds no such month, day or quarter, so the date cannot be placed at all: an error, unlike `outside-period`, a warning about a date whose year is written. Usually the period is shorter than meant or the date belongs to another year: correct the period, or write the year (`December 2013`, `Q3 2013/14`).
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to September 2013

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December
                """#,
                rightFiles: [:])
        case .ambiguousDate:
            DiagnosticExplanation(
                rule: #"""
                With a dash, a year is followed by its month: `2011-12` is December 2011, and a deadline written so is read as that month. But councils write the financial year April 2011 to March 2012 as `2011-12` too, and the two differ by three months. When a deadline's month is the year's next two digits (`2010-11`, `2011-12`), plancheck reads the month and warns. Write the financial year as `2011/12` (its end, 31 March 2012), or the month in words (`December 2011`); either says one thing.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2011 to March 2012

                measure 2.3 "Referrals seen in time"
                  target >= 85% by 2011-12
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2011 to March 2012

                measure 2.3 "Referrals seen in time"
                  target >= 85% by 2011/12
                """#,
                rightFiles: [:])
        case .reversedRange:
            DiagnosticExplanation(
                rule: #"""
                A period or timescale ends before it starts, usually a date written month first. Dates with dots or slashes are day first: `03.01.14` is 3 January 2014.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  timescale 03.01.14 to 31.12.13
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  timescale 03.01.14 to 31.03.14
                """#,
                rightFiles: [:])
        case .outsidePeriod:
            DiagnosticExplanation(
                rule: #"""
                A warning: a deadline, a sign-off date or the start of a recurring target (`each month from January 2015`) falls outside the plan's period. It may be meant (a target for the year after), or a year typed wrongly. A deadline counted from the period's start (`within 18 months`) has no year to check: it is outside when it runs past the period's end. A bare month or quarter the period does not hold (`by December` in a period from April to September) cannot be placed at all: that is the error `not-in-period`.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2041
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014
                """#,
                rightFiles: [:])
        case .percentRange:
            DiagnosticExplanation(
                rule: #"""
                A percentage is between 0 and 100. A value above 100 is usually a typo, or a count or rate written with `%`. A target that asks for a level outside that range can never be met: `above 100%`, `below 0%`, or a change that takes the baseline past 100 or below 0 (`increase by 50 points` from 60%, `decrease by 120%`).
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 105% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 95% by March 2014
                """#,
                rightFiles: [:])
        case .negativeValue:
            DiagnosticExplanation(
                rule: #"""
                Counts, rates and durations are never below zero. For a fall, use `decrease by N`, or a target below a level (`<= 30`). A target that asks for a level below zero (`decrease by 70` from 50) can never be met. A tolerance is a width, how far on the wrong side of the line a value may be: zero or more, never negative.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 5.1 "Agency social workers"
                  target <= -10 by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 5.1 "Agency social workers"
                  baseline 60 at April 2013
                  target decrease by 10 by March 2014
                """#,
                rightFiles: [:])
        case .unitMismatch:
            DiagnosticExplanation(
                rule: #"""
                A measure's targets, baselines and `unit` clause disagree about what it counts: a percentage in one target and a count in another, days against weeks, or a number on a measure of `unit done`. Use one unit for the measure.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December 2013
                  target <= 20 days by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December 2013, >= 90% by March 2014
                """#,
                rightFiles: [:])
        case .milestoneOrder:
            DiagnosticExplanation(
                rule: #"""
                A trajectory's milestones are listed in date order, each on a date of its own, so each is judged against the one before it. List them from the earliest deadline to the latest; two levels asked for on one date are two `target` clauses. An `ongoing` or recurring (`each month`) milestone has no date to take its place in the order: write it as a `target` clause of its own.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 90% by March 2014, >= 85% by December 2013
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December 2013, >= 90% by March 2014
                """#,
                rightFiles: [:])
        case .trajectoryRelaxes:
            DiagnosticExplanation(
                rule: #"""
                A warning: a later milestone of a trajectory asks for less than an earlier one (`>= 90% by December`, then `>= 85% by March`). Usually the numbers or the dates are swapped.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 90% by December 2013, >= 85% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by December 2013, >= 90% by March 2014
                """#,
                rightFiles: [:])
        case .contradictoryTargets:
            DiagnosticExplanation(
                rule: #"""
                Two targets in force on the same date that no value can meet together, such as `>= 90%` and `<= 80%` by March. A standing target (`ongoing`, or recurring: `each month`) is in force on every date it covers, so it contradicts a dated target, or another standing one, that asks for a level no value can share with it. One of them is wrong.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 90% by March 2014
                  target <= 80% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 90% by March 2014
                """#,
                rightFiles: [:])
        case .missingBaseline:
            DiagnosticExplanation(
                rule: #"""
                A relative target (`increase by 25%`, `decrease by 10 points`, `increase`) needs a baseline to measure from, and so does `maintain` (no worse than the baseline): a `baseline` clause, a `from X to Y` target, or a `baseline` series in the data (a data file, or the plan's own `data` rows). Without data it is a warning (the data may hold one); with data and none there, an error.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 5.1 "Agency social workers"
                  target decrease by 30% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 5.1 "Agency social workers"
                  baseline 60 at April 2013
                  target decrease by 30% by March 2014
                """#,
                rightFiles: [:])
        case .comparatorTolerance:
            DiagnosticExplanation(
                rule: #"""
                `in line with` a comparator needs a tolerance to say how close is in line: declare one on the comparator (`tolerance 5%`), or write the target as `within 2 points of ID`.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                comparator sn "Statistical neighbour average"

                measure 3.1a "Referrals received"
                  target in line with sn by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                comparator sn "Statistical neighbour average"
                  tolerance 5%

                measure 3.1a "Referrals received"
                  target in line with sn by March 2014
                """#,
                rightFiles: [:])
        case .polarityConflict:
            DiagnosticExplanation(
                rule: #"""
                A warning: a target's direction disagrees with the measure's declared polarity (a `polarity higher` measure with a target of `at most N`). One of them is probably wrong.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 3.2 "Repeat referrals"
                  polarity higher
                  target <= 10% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 3.2 "Repeat referrals"
                  polarity lower
                  target <= 10% by March 2014
                """#,
                rightFiles: [:])
        case .ambiguousRelative:
            DiagnosticExplanation(
                rule: #"""
                A warning: on a percentage measure, `increase by 5%` is read as relative (80% becomes 84%), though 5 percentage points (85%) may have been meant. Write `by 5 points` for points, or keep `%` and accept the relative reading. No warning is given when points would make no percentage (more than 100 points, or past 0 or 100 from the plan's baseline): then `%` can only be relative.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  baseline 80% at April 2013
                  target increase by 5% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  baseline 80% at April 2013
                  target increase by 5 points by March 2014
                """#,
                rightFiles: [:])
        case .csvSyntax:
            DiagnosticExplanation(
                rule: #"""
                A data file does not follow RFC 4180 CSV: a quoted field is not closed, a quote appears inside an unquoted field, or text follows a field's closing quote before the next comma. The row is left out; after 100 such errors in one file the rest are not reported (`too-many-errors`). Spreadsheet programs write valid CSV; hand edits are the usual cause. A well-formed row with more fields than the header names is `data-extra-field`, one with fewer `data-bad-value`.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,"86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataMissingColumn:
            DiagnosticExplanation(
                rule: #"""
                A data file needs a header row that says what its columns are: in long form `measure` (or `id`), `date` and `value`, with `series` optional, in any order; in wide form an id column, then a column per date. A file that starts with its data has no header to read. An empty file or sheet is this error too, so a book emptied by accident does not pass as no data yet; and a tidy file (read with a mapping) needs its `time_period` and `time_identifier` columns.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                2013-09,2.3,86%
                2013-10,2.3,87%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                date,measure,value
                2013-09,2.3,86%
                2013-10,2.3,87%
                """#])
        case .dataUnknownID:
            DiagnosticExplanation(
                rule: #"""
                A data row is for an id the plan does not declare as a measure or action: a typo, or a measure not yet added to the plan. The same goes for the plan's own `data ID` rows, a tidy file's `measure ID column`, and a wide book's row that has values but no id.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.4,2013-09,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataBadDate:
            DiagnosticExplanation(
                rule: #"""
                A date in the data cannot be read, or cannot be placed: a row's date, a wide book's date column header, or a tidy file's `time_period` with its `time_identifier`. Dates in data are ISO (2013-09-30, or 2013-09 for a month) or any date the plan language accepts. A date without a year is placed in the plan's period as in the plan, and is this error when there is no period, or the period holds it more than once or not at all.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-13,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataBadValue:
            DiagnosticExplanation(
                rule: #"""
                A data row's value cannot be read. Values are numbers (`86`, `86%`, `10,000`), `complete`, `in progress`, `not started`, `yes`, `no` or a completion date. A cell holding a spreadsheet error (`#DIV/0!`), a CSV row with fewer fields than its header names, and a value that is not a number where a tidy file's areas are averaged are this error too.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,eighty-six
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataUnitMismatch:
            DiagnosticExplanation(
                rule: #"""
                A data value does not fit its measure or action: a percentage for a measure of days, a status for a measure, or a number for an action with no numeric target, whose data says `complete`, `in progress`, `not started` or a completion date. An action with a numeric target takes both from the same id: its numbers for the target, its statuses for its completion.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  due March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                1.7,2013-09,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  due March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                1.7,2013-09,complete
                """#])
        case .dataDuplicate:
            DiagnosticExplanation(
                rule: #"""
                Two observations for one id, date and series, in one file or across files: which one counts would be a guess. Keep one. In a wide book, two columns headed with the same date are this error; in a tidy file whose areas are averaged, so is a second row for one area and date.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                2.3,2013-09,84%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataUnknownSeries:
            DiagnosticExplanation(
                rule: #"""
                A data row's series is neither empty (the measure's own value), `baseline`, nor a declared comparator's id.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value,series
                2.3,2013-09,86%,
                2.3,2013-09,82%,neighbours
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value,series
                2.3,2013-09,86%,
                2.3,2013-09,82%,baseline
                """#])
        case .bareLevel:
            DiagnosticExplanation(
                rule: #"""
                A target with a level but no comparator (`target 90%`) takes its direction from the measure's polarity: at least 90% for `polarity higher`, at most for `polarity lower`. With no polarity it could be either. Give the measure a polarity, or write the comparator.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target 90% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target 90% by March 2014
                """#,
                rightFiles: [:])
        case .missingPolarity:
            DiagnosticExplanation(
                rule: #"""
                `maintain` means no worse than the baseline, and which way is worse comes from the measure's polarity. Add `polarity higher` (not below the baseline) or `polarity lower` (not above it).
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.5 "% of contacts converted to referrals"
                  baseline 23% at April 2013
                  target maintain ongoing
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.5 "% of contacts converted to referrals"
                  polarity higher
                  baseline 23% at April 2013
                  target maintain ongoing
                """#,
                rightFiles: [:])
        case .quantityDeadline:
            DiagnosticExplanation(
                rule: #"""
                Hours and working days measure quantities (`target <= 24 hours`), not deadlines: `within 10 working days` cannot be placed on the calendar. Put the time in the target's value, and give the deadline as a date or in days, weeks or months.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.7 "Working days from referral to assessment"
                  target <= 10 within 10 working days
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.7 "Working days from referral to assessment"
                  target <= 10 working days by March 2014
                """#,
                rightFiles: [:])
        case .invalidCohort:
            DiagnosticExplanation(
                rule: #"""
                A cohort value N/D (`34/45`: 34 of 45), in the plan's own data rows or in a data file, is a share: D is above zero and N is no more than D. A `minimum cohort` clause is a positive whole number. A value from a smaller cohort (its D below the minimum) is still judged, and the judgement is flagged `small cohort`, so a reader knows how few cases it rests on.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.10 "% children seen alone at assessment"
                  minimum cohort 0
                  target >= 75% by March 2014
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 6.10 "% children seen alone at assessment"
                  minimum cohort 10
                  target >= 75% by March 2014
                """#,
                rightFiles: [:])
        case .ragDiffers:
            DiagnosticExplanation(
                rule: #"""
                A warning: a `rag` rating recorded in the plan disagrees with the status the data gives at that date (green agrees with met or pending, amber with at risk or pending, red with missed; no data at that date agrees with none). Either the rating or the data is out of date. Ratings are compared only when the plan has data (a data file, or its own `data` rows) and no errors.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September 2013
                  rag 2013-10-31 green

                data 2.3
                  2013-09 70%
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by September 2013
                  rag 2013-10-31 red

                data 2.3
                  2013-09 70%
                """#,
                rightFiles: [:])
        case .doneWithoutDate:
            DiagnosticExplanation(
                rule: #"""
                An action's `done` clause needs the day it was done: whether it was done on time, and what the board saw at an earlier date, both depend on it. Without a date the action is judged not done.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  due March 2014
                  done
                """#,
                wrongFiles: [:],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                action 1.7 "Open a Multi-agency Safeguarding Hub"
                  due March 2014
                  done 2013-09-20
                """#,
                rightFiles: [:])
        case .dataIgnoredColumn:
            DiagnosticExplanation(
                rule: #"""
                A warning: a wide book (an id column, then a column per date) has a column whose header has digits but is not a date, so its values are not read. Head each date column with a date: Apr-13, 2013-04, April 2013, Q1 2013/14 or 2013/14.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                Measure,Aug-13,Spet 13
                2.3,84%,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                Measure,Aug-13,Sep-13
                2.3,84%,86%
                """#])
        case .dataPlanMismatch:
            DiagnosticExplanation(
                rule: #"""
                A warning: a book's polarity or unit column disagrees with the plan (the book says lower is better, the plan says higher). The plan's word is used; correct whichever is wrong. A polarity or unit cell plancheck cannot read (`sideways`) is warned of the same way, and left out. So is a wide book whose bare month headings, placed in the plan's period, go forward and then back (`Oct` to `Mar`, then `Apr` to `Sep`, in a plan of April to March): most likely a rolling twelve months whose first months are last year's; head the columns with their years (`Apr-24`) or put year headings (`2023/24`, `2024/25`) above them.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                Measure,Polarity,Aug-13,Sep-13
                2.3,lower,84%,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  polarity higher
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                Measure,Polarity,Aug-13,Sep-13
                2.3,higher,84%,86%
                """#])
        case .dataFraction:
            DiagnosticExplanation(
                rule: #"""
                A warning: every value a book gives a percentage measure lies between 0 and 1, while its targets ask for percentages such as 85%. A spreadsheet keeps 86% as the fraction 0.86, and a CSV saved from a cell without its percent format writes 0.86; read as a percentage, that is less than 1%, and every judgement is wrong. With one value a measure, the warning is given when every percentage in the book is such a fraction. It is also given for one fraction among a measure's percentages when a hundred times it lies among the others (0.86 beside 85% and 88%: one cell left without its format). Write the values as 86 or 86%.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                wrongFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-08,0.84
                2.3,2013-09,0.86
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-08,84%
                2.3,2013-09,86%
                """#])
        case .dataBadWorkbook:
            DiagnosticExplanation(
                rule: #"""
                A workbook named as data cannot be read: it is not a ZIP file (a CSV renamed .xlsx, or an old .xls), it is corrupt or encrypted, the sheet named after # does not exist or is empty, or no sheet looks like a performance book. Save it again from Excel as .xlsx, or as CSV.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.xlsx"
                """#,
                wrongFiles: ["book.xlsx": #"""
                measure,date,value
                2.3,2013-09,86%
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 2.3 "Referrals seen in time"
                  target >= 85% by March 2014

                data "book.csv"
                """#,
                rightFiles: ["book.csv": #"""
                measure,date,value
                2.3,2013-09,86%
                """#])
        case .dataIgnoredSheet:
            DiagnosticExplanation(
                rule: #"""
                A warning: a workbook read whole (`data "book.xlsx"`, no #Sheet) has a visible sheet whose cells name ids of the plan, but whose header is not one plancheck reads (measure,date,value, or an id column then a column per date, in its first ten rows), so none of that sheet is read and its figures play no part in any judgement. Head the sheet as a book (for example Measure,Jul-14,Aug-14), name the sheet to read with book.xlsx#Sheet, or move what is not data off the sheet.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .dataBadCell:
            DiagnosticExplanation(
                rule: #"""
                A cell of a workbook cannot be read: a formula whose result was never saved (files written by a program rather than Excel), text in a number cell, a cell type or shared string that Excel does not write, cells out of order, a sheet whose XML is malformed, or a sheet past the size plancheck reads. The message names the cell, as book.xlsx[Actuals]!D14. Open the book in Excel and save it, or type the value. A cell holding a spreadsheet error (`#DIV/0!`) is read, and is `data-bad-value`.
                """#,
                wrong: nil,
                wrongFiles: [:],
                right: nil,
                rightFiles: [:])
        case .dataMapping:
            DiagnosticExplanation(
                rule: #"""
                A tidy file's mapping does not fit the file or the plan: a column it names does not exist, `measure column` without `value column`, no measure named, a file with rows for several areas and no `area` clause to choose one, an area no row is for, a `where` no row matches, or areas named in a file with no la_name, region_name or country_name column. An area listed twice is only a warning: its rows are read once.
                """#,
                wrong: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 3.2 "% of referrals that are repeat referrals"
                  polarity lower
                  target <= 20% by March 2014

                data "cin.csv"
                  area "Cheshire East"
                  measure 3.2 column "re_referal_rate"
                """#,
                wrongFiles: ["cin.csv": #"""
                time_period,time_identifier,geographic_level,la_name,re_referral_rate
                201314,Financial year,Local authority,Cheshire East,22.1
                """#],
                right: #"""
                plan "Children's services improvement plan"
                  period April 2013 to March 2014

                measure 3.2 "% of referrals that are repeat referrals"
                  polarity lower
                  target <= 20% by March 2014

                data "cin.csv"
                  area "Cheshire East"
                  measure 3.2 column "re_referral_rate"
                """#,
                rightFiles: ["cin.csv": #"""
                time_period,time_identifier,geographic_level,la_name,re_referral_rate
                201314,Financial year,Local authority,Cheshire East,19.1
                """#])
        }
    }
}
