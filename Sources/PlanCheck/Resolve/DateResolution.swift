/// Places a written date on the calendar. Shared by the resolver (dates in the
/// plan) and the data loader (dates in CSV cells), so both read `September`,
/// `31.03.12` or `Q4 2011/12` the same way and say the same when they can't.
///
///     DateResolution.resolve(.bareMonth(9), written: "September", period: aprilToMarch2014)
///     // .success(2013-09-30)
public enum DateResolution {
    /// Why a date cannot be placed: a diagnostic without its location.
    public struct Problem: Error, Sendable, Hashable {
        public var code: DiagnosticCode
        public var message: String
        public var help: String?
    }

    /// `asStart` reads a month or quarter as its first day (a period's or
    /// timescale's start); otherwise a month means its last day.
    public static func resolve(_ form: DateForm, written: @autoclosure () -> String, period: DateRange?,
                               asStart: Bool = false) -> Result<CalendarDate, Problem> {
        switch form {
        case .day(let year, let month, let day):
            if let date = CalendarDate(year: year, month: month, day: day) { return .success(date) }
            let why: String
            if !(1...9999).contains(year) {
                why = "the year \(year) is out of range"
            } else if (1...12).contains(month), day < 1 {
                why = "there is no day \(day) of a month"
            } else if (1...12).contains(month) {
                why = "\(Month.fullNames[month - 1]) \(year) has \(CalendarDate.daysInMonth(year: year, month: month)) days"
            } else {
                why = "there is no month \(month)"
            }
            // The day-first reminder only where the order could be in doubt:
            // `31.03.12`, `3/4/14`, `30-09-2013`, not `31 September 2013` or ISO.
            let text = written()
            let dayFirst = text.contains(".") || text.contains("/") || text.first.map { $0.isNumber } == true
                && text.split(separator: "-").first.map { $0.count <= 2 } == true && text.contains("-")
            return .failure(Problem(code: .impossibleDate, message: "\(text) is not a date: \(why)",
                                    help: dayFirst ? "dates with dots, slashes or dashes are day first: 31.03.12 is 31 March 2012" : nil))
        case .month(let year, let month):
            guard (1...9999).contains(year), (1...12).contains(month) else {
                return .failure(Problem(code: .impossibleDate, message: "\(written()) is not a date", help: nil))
            }
            return .success(asStart ? CalendarDate.startOfMonth(year: year, month: month)
                                    : CalendarDate.endOfMonth(year: year, month: month))
        case .quarter(let quarter, let startYear):
            guard (1...9998).contains(startYear) else {
                return .failure(Problem(code: .impossibleDate, message: "\(written()) is not a date", help: nil))
            }
            let end = CalendarDate.endOfFinancialQuarter(quarter, startYear: startYear)
            return .success(asStart ? CalendarDate.startOfMonth(year: end.year, month: end.month).addingMonths(-2) : end)
        case .financialYear(let startYear):
            guard (1...9998).contains(startYear) else {
                return .failure(Problem(code: .impossibleDate, message: "\(written()) is not a date", help: nil))
            }
            return .success(asStart ? CalendarDate.startOfMonth(year: startYear, month: 4)
                                    : CalendarDate.endOfFinancialYear(startYear: startYear))
        case .bareMonth(let month):
            guard let period else {
                return .failure(Problem(
                    code: .monthWithoutPeriod,
                    message: "\(written()) has no year, and the plan has no period to place it in",
                    help: "give the plan a period (`period April 2013 to March 2014`) or write the year"))
            }
            // The common case, one such month in the period, in a few integer
            // steps; the loop below finds and words every other case.
            let first = period.start.components, last = period.end.components
            let firstIndex = first.year * 12 + first.month - 1, lastIndex = last.year * 12 + last.month - 1
            if lastIndex - firstIndex < 12 {
                let year = first.month <= month ? first.year : first.year + 1
                let index = year * 12 + month - 1
                if index <= lastIndex, (1...9999).contains(year) {
                    return .success(asStart ? CalendarDate.startOfMonth(year: year, month: month)
                                            : CalendarDate.endOfMonth(year: year, month: month))
                }
            }
            var matches: [CalendarDate] = []
            var cursor = CalendarDate.startOfMonth(year: period.start.year, month: period.start.month)
            while cursor <= period.end {
                if cursor.month == month {
                    matches.append(asStart ? cursor : CalendarDate.endOfMonth(year: cursor.year, month: month))
                }
                cursor = cursor.addingMonths(1)
            }
            let name = Month.fullNames[month - 1]
            let periodText = "\(period.start.display) to \(period.end.display)"
            if matches.count == 1 { return .success(matches[0]) }
            if matches.isEmpty {
                return .failure(Problem(code: .notInPeriod,
                                        message: "there is no \(name) in the plan's period (\(periodText))",
                                        help: "write the year, as in `\(name) \(period.end.year)`"))
            }
            return .failure(Problem(code: .ambiguousMonth,
                                    message: "\(name) comes \(matches.count) times in the plan's period (\(periodText))",
                                    help: longPeriodHint(period) + "write the year, as in `\(name) \(matches[0].year)`"))
        case .bareDay(let month, let day):
            // The one such day inside the period, when there is one: a period
            // from 15 April 2013 holds April twice but 10 April once.
            if let period, (1...12).contains(month), period.end.year - period.start.year < 100 {
                let inside = (period.start.year...period.end.year).compactMap { year in
                    CalendarDate(year: year, month: month, day: day).flatMap { period.contains($0) ? $0 : nil }
                }
                if inside.count == 1 { return .success(inside[0]) }
                if inside.count > 1 {
                    let name = "\(day) \(Month.fullNames[month - 1])"
                    return .failure(Problem(code: .ambiguousMonth,
                                            message: "\(name) comes \(inside.count) times in the plan's period (\(period.start.display) to \(period.end.display))",
                                            help: longPeriodHint(period) + "write the year, as in `\(name) \(inside[0].year)`"))
                }
            }
            // Else the month placed as a bare month is, then the day in it.
            switch resolve(.bareMonth(month), written: written(), period: period) {
            case .failure(let problem): return .failure(problem)
            case .success(let end):
                guard let date = CalendarDate(year: end.year, month: month, day: day) else {
                    return .failure(Problem(code: .impossibleDate,
                                            message: "\(written()) is not a date: \(Month.fullNames[month - 1]) \(end.year) has \(CalendarDate.daysInMonth(year: end.year, month: month)) days",
                                            help: nil))
                }
                return .success(date)
            }
        case .bareQuarter(let quarter):
            guard (1...4).contains(quarter) else {
                return .failure(Problem(code: .impossibleDate, message: "\(written()) is not a date", help: nil))
            }
            guard let period else {
                return .failure(Problem(
                    code: .monthWithoutPeriod,
                    message: "\(written()) has no year, and the plan has no period to place it in",
                    help: "give the plan a period (`period April 2013 to March 2014`) or write the year, as in `Q\(quarter) 2013/14`"))
            }
            // Every financial quarter Q<quarter> with a month inside the period.
            var matches: [(end: CalendarDate, startYear: Int)] = []
            let firstYear = period.start.month >= 4 ? period.start.year : period.start.year - 1
            var startYear = firstYear
            while startYear <= period.end.year {
                let end = CalendarDate.endOfFinancialQuarter(quarter, startYear: startYear)
                let start = CalendarDate.startOfMonth(year: end.year, month: end.month).addingMonths(-2)
                if end >= period.start && start <= period.end { matches.append((end, startYear)) }
                startYear += 1
            }
            let periodText = "\(period.start.display) to \(period.end.display)"
            let financialYear = CalendarPeriod.financialYear
            if matches.count == 1 {
                let end = matches[0].end
                return .success(asStart ? CalendarDate.startOfMonth(year: end.year, month: end.month).addingMonths(-2) : end)
            }
            if matches.isEmpty {
                return .failure(Problem(code: .notInPeriod,
                                        message: "there is no Q\(quarter) in the plan's period (\(periodText))",
                                        help: "write the financial year, as in `Q\(quarter) \(financialYear(firstYear))`"))
            }
            return .failure(Problem(code: .ambiguousMonth,
                                    message: "Q\(quarter) comes \(matches.count) times in the plan's period (\(periodText))",
                                    help: longPeriodHint(period) + "write the financial year, as in `Q\(quarter) \(financialYear(matches[0].startYear))`"))
        }
    }

    /// A period of more than ten years is most likely a mistyped year
    /// (`March 2104`): said first in the help of each date it makes ambiguous,
    /// since the period is where the mending is.
    private static func longPeriodHint(_ period: DateRange) -> String {
        let years = period.end.year - period.start.year
        guard years > 10 else { return "" }
        return "the period runs \(years) years: if a year in it is mistyped, mend the `period`; else "
    }
}
