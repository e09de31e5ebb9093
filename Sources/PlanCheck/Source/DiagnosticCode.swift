/// Every kind of finding plancheck reports, with a stable code users can look up.
///
/// The raw value is the code printed in `error[unknown-reference]` and in JSON
/// and SARIF output; never rename one. `summary` is the one-line description
/// listed by `plancheck explain`.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // Reading the bytes.
    case invalidUTF8 = "invalid-utf8"
    case unexpectedCharacter = "unexpected-character"
    case unterminatedString = "unterminated-string"
    case invalidEscape = "invalid-escape"
    // Syntax.
    case syntax = "syntax"
    case tooManyErrors = "too-many-errors"
    case unknownMonth = "unknown-month"
    case invalidNumber = "invalid-number"
    // Files.
    case unreadableFile = "unreadable-file"
    case includeCycle = "include-cycle"
    case includeDepth = "include-depth"
    // Names.
    case unknownReference = "unknown-reference"
    case duplicateID = "duplicate-id"
    case duplicatePlan = "duplicate-plan"
    case missingPlan = "missing-plan"
    case duplicateClause = "duplicate-clause"
    case misplacedClause = "misplaced-clause"
    case sectionCycle = "section-cycle"
    case sectionDepth = "section-depth"
    // Dates.
    case impossibleDate = "impossible-date"
    case monthWithoutPeriod = "month-without-period"
    case ambiguousMonth = "ambiguous-month"
    case notInPeriod = "not-in-period"
    case ambiguousDate = "ambiguous-date"
    case reversedRange = "reversed-range"
    case outsidePeriod = "outside-period"
    // Units and values.
    case percentRange = "percent-range"
    case negativeValue = "negative-value"
    case unitMismatch = "unit-mismatch"
    case numberTooLarge = "number-too-large"
    // Targets.
    case milestoneOrder = "milestone-order"
    case trajectoryRelaxes = "trajectory-relaxes"
    case contradictoryTargets = "contradictory-targets"
    case missingBaseline = "missing-baseline"
    case comparatorTolerance = "comparator-tolerance"
    case polarityConflict = "polarity-conflict"
    case ambiguousRelative = "ambiguous-relative"
    case bareLevel = "bare-level"
    case missingPolarity = "missing-polarity"
    case quantityDeadline = "quantity-deadline"
    case invalidCohort = "invalid-cohort"
    case ragDiffers = "rag-differs"
    // Actions.
    case doneWithoutDate = "done-without-date"
    // Data.
    case csvSyntax = "csv-syntax"
    case dataMissingColumn = "data-missing-column"
    case dataUnknownID = "data-unknown-id"
    case dataBadDate = "data-bad-date"
    case dataBadValue = "data-bad-value"
    case dataUnitMismatch = "data-unit-mismatch"
    case dataDuplicate = "data-duplicate"
    case dataExtraField = "data-extra-field"
    case dataUnknownSeries = "data-unknown-series"
    case dataIgnoredColumn = "data-ignored-column"
    case dataIgnoredSheet = "data-ignored-sheet"
    case dataPlanMismatch = "data-plan-mismatch"
    case dataBadWorkbook = "data-bad-workbook"
    case dataBadCell = "data-bad-cell"
    case dataMapping = "data-mapping"
    case dataFraction = "data-fraction"

    public var defaultSeverity: Severity {
        switch self {
        case .outsidePeriod, .trajectoryRelaxes, .polarityConflict, .ambiguousRelative, .missingPlan, .ragDiffers, .ambiguousDate,
             .dataIgnoredColumn, .dataIgnoredSheet, .dataPlanMismatch, .dataFraction:
            .warning
        case .tooManyErrors:
            .note  // says findings were left out; it is none itself
        default:
            .error
        }
    }

    public var summary: String {
        switch self {
        case .invalidUTF8: "the file is not valid UTF-8"
        case .unexpectedCharacter: "a character that has no meaning in a plan (outside strings and comments), or a control character anywhere"
        case .unterminatedString: "a string with no closing quote on its line"
        case .invalidEscape: "a backslash in a string followed by something other than \" or \\"
        case .syntax: "the line does not follow the grammar"
        case .tooManyErrors: "too many findings per plan, with its includes; the rest are not reported"
        case .unknownMonth: "a misspelt month name, read as the month it is close to"
        case .invalidNumber: "a number that cannot be read"
        case .unreadableFile: "an included plan or data file that cannot be read"
        case .includeCycle: "a plan includes itself, directly or through others"
        case .includeDepth: "includes nested too deeply"
        case .unknownReference: "a reference to a workstream, comparator, section, lead or entry that is not declared"
        case .duplicateID: "two entries of one kind share an id"
        case .duplicatePlan: "more than one `plan` entry in the files checked together"
        case .missingPlan: "no `plan` entry, so there is no period or title"
        case .duplicateClause: "a clause that may appear once is given twice"
        case .misplacedClause: "a clause that does not belong to this kind of entry"
        case .sectionCycle: "sections that are `part of` each other in a circle"
        case .sectionDepth: "sections nested through `part of` more deeply than plancheck follows (32)"
        case .impossibleDate: "a date that does not exist, such as 31.11.12"
        case .monthWithoutPeriod: "a bare month or quarter, `within 3 months` or `immediately`, but the plan has no period to place it in"
        case .ambiguousMonth: "a bare month, day or quarter that occurs more than once in the plan's period"
        case .notInPeriod: "a bare month, day or quarter that the plan's period does not hold, so it cannot be placed"
        case .ambiguousDate: "a deadline such as `2011-12` that is a month (December 2011) but reads as a financial year (2011/12)"
        case .reversedRange: "a period or timescale that ends before it starts"
        case .outsidePeriod: "a deadline, sign-off or recurring target's start outside the plan's period"
        case .percentRange: "a percentage outside 0 to 100, or a target that asks for one"
        case .negativeValue: "a count, rate, duration or tolerance below zero, or a target that asks for one"
        case .unitMismatch: "a measure's targets or baselines disagree about its unit"
        case .numberTooLarge: "a number past 2^53 - 1, beyond which a Double no longer holds every whole number"
        case .milestoneOrder: "a trajectory's deadlines are not in date order (or two share a date, or one has none)"
        case .trajectoryRelaxes: "a trajectory's later milestone asks for less than an earlier one"
        case .contradictoryTargets: "two targets in force on one date that no value can meet together"
        case .missingBaseline: "a relative or `maintain` target with no baseline in the plan or the data"
        case .comparatorTolerance: "`in line with` a comparator that declares no tolerance"
        case .polarityConflict: "a target's direction disagrees with the measure's declared polarity"
        case .ambiguousRelative: "`by N%` on a percent measure: read as relative, perhaps points were meant"
        case .bareLevel: "a target level with no comparator (`target 90%`) on a measure with no polarity to give it a direction"
        case .missingPolarity: "`maintain` on a measure with no polarity, so which way is worse is unknown"
        case .quantityDeadline: "hours or working days used as a deadline; they measure quantities only"
        case .invalidCohort: "a cohort value N/D that is not a share (N/0, or N above D), or a `minimum cohort` that is not a positive whole number"
        case .ragDiffers: "a recorded `rag` rating that disagrees with the status computed from the data at its date"
        case .doneWithoutDate: "`done` with no date: an action's completion needs the day it was done"
        case .csvSyntax: "a CSV file that does not follow RFC 4180"
        case .dataMissingColumn: "a data file or sheet that is empty, or has no header plancheck reads (no measure, date or value column)"
        case .dataUnknownID: "a data row for an id the plan does not declare"
        case .dataBadDate: "a date in the data (a row's, or a wide book's column header) that cannot be read or placed"
        case .dataBadValue: "a data row whose value cannot be read, or that has too few fields"
        case .dataUnitMismatch: "a data value in a different unit from its measure"
        case .dataDuplicate: "two observations for one id, date and series"
        case .dataExtraField: "a data row with a value in a column the header does not name (often an unquoted 1,234)"
        case .dataUnknownSeries: "a data series that is neither empty, `baseline` nor a declared comparator"
        case .dataIgnoredColumn: "a wide book's column whose header looks like a date but is not one, so it is not read"
        case .dataIgnoredSheet: "a workbook's sheet that names the plan's ids but has no header plancheck reads, so none of it is read"
        case .dataPlanMismatch: "a book's polarity or unit column that disagrees with the plan, or cannot be read; bare months that go back in the plan's period"
        case .dataFraction: "a percentage measure whose values in the book are fractions (0.86 for 86%)"
        case .dataBadWorkbook: "a workbook that cannot be read: not a ZIP, corrupt, encrypted, an old .xls, or no sheet of data"
        case .dataBadCell: "a workbook cell whose contents cannot be read"
        case .dataMapping: "a tidy file's mapping (area, measure column, ...) that does not fit the file or the plan"
        }
    }
}
