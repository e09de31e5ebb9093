/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Plans speak in days ("by 30 September 2013", "Q4 2011/12"), so a date is one integer:
/// days since 1970-01-01. That keeps comparison and subtraction trivial in the evaluator's
/// loops over observations; year, month and day are worked out only when asked for. Month
/// arithmetic, month ends and UK financial years are domain rules, kept here rather than in
/// a locale-dependent calendar.
///
///     let due = CalendarDate(year: 2013, month: 9, day: 30)!   // 2013-09-30
///     due.display                                              // "30 Sep 2013"
///     CalendarDate.endOfFinancialQuarter(4, startYear: 2011)   // 2012-03-31
///     CalendarDate(year: 2012, month: 1, day: 31)!.addingMonths(1)  // 2012-02-29
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01; negative before it.
    public var dayNumber: Int { Int(storedDay) }
    /// In 32 bits: a date is four bytes, not eight, and a dated field with
    /// its optional's tag fits in eight, not sixteen (a large plan's model
    /// holds hundreds of thousands). 2^31 days is 5.8 million years; dates
    /// written in plans and data are in the years 1...9999.
    private let storedDay: Int32

    /// The date `dayNumber` days after 1970-01-01. Any integer is accepted, so the year of
    /// the result may fall outside 1...9999 (it is then only good for arithmetic); one
    /// more than 2^31 days away is taken as 2^31 days away.
    public init(dayNumber: Int) {
        self.storedDay = Int32(clamping: dayNumber)
    }

    /// The date with this year, month and day, or nil when there is no such day
    /// (31 November, 29 February 2013, month 13, day 0) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.storedDay = Int32(clamping: CalendarDate.dayNumber(year: year, month: month, day: day))
    }

    /// Builds a date from parts already known to be valid (day clamped by the caller).
    init(validYear year: Int, month: Int, day: Int) {
        self.storedDay = Int32(clamping: CalendarDate.dayNumber(year: year, month: month, day: day))
    }

    // MARK: Parts

    /// Year, month (1...12) and day (1...31) in one conversion; prefer this over reading
    /// `year`, `month` and `day` separately when more than one is needed.
    public var components: (year: Int, month: Int, day: Int) {
        CalendarDate.civil(fromDayNumber: dayNumber)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    // MARK: Calendar rules

    /// Gregorian leap years: every fourth year, except centuries not divisible by 400.
    public static func isLeapYear(_ y: Int) -> Bool {
        y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default:
            precondition((1...12).contains(month), "month \(month) is not 1...12")
            return 31
        }
    }

    /// The last day of `month` (1...12) of `year`; "by September 2013" means 30 Sep 2013.
    public static func endOfMonth(year: Int, month: Int) -> CalendarDate {
        CalendarDate(validYear: year, month: month, day: daysInMonth(year: year, month: month))
    }

    /// The first day of `month` (1...12) of `year`.
    public static func startOfMonth(year: Int, month: Int) -> CalendarDate {
        precondition((1...12).contains(month), "month \(month) is not 1...12")
        return CalendarDate(validYear: year, month: month, day: 1)
    }

    /// The last day of `quarter` (1...4) of the UK financial year that starts in April of
    /// `startYear`: Q1 is April to June, Q2 July to September, Q3 October to December and
    /// Q4 January to March of `startYear + 1`. So Q4 2011/12 ends on 2012-03-31.
    public static func endOfFinancialQuarter(_ quarter: Int, startYear: Int) -> CalendarDate {
        precondition((1...4).contains(quarter), "quarter \(quarter) is not 1...4")
        let month = 3 + 3 * quarter  // 6, 9, 12, 15
        return month > 12
            ? endOfMonth(year: startYear + 1, month: month - 12)
            : endOfMonth(year: startYear, month: month)
    }

    /// The last day of the UK financial year starting in April of `startYear`: 31 March of
    /// `startYear + 1` ("2011/12" ends on 2012-03-31).
    public static func endOfFinancialYear(startYear: Int) -> CalendarDate {
        CalendarDate(validYear: startYear + 1, month: 3, day: 31)
    }

    // MARK: Arithmetic

    public func addingDays(_ n: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + n)
    }

    /// The same day `n` months later (earlier when negative), clamped to the end of the
    /// target month: 31 Jan 2012 + 1 month is 29 Feb 2012, 31 Aug + 1 month is 30 Sep.
    public func addingMonths(_ n: Int) -> CalendarDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let year = CalendarDate.floorDivide(total, 12)
        let month = total - year * 12 + 1
        let day = min(d, CalendarDate.daysInMonth(year: year, month: month))
        return CalendarDate(validYear: year, month: month, day: day)
    }

    /// `n` years later, clamped like `addingMonths`: 29 Feb 2012 + 1 year is 28 Feb 2013.
    public func addingYears(_ n: Int) -> CalendarDate {
        addingMonths(n * 12)
    }

    /// Days from `self` to `other`: positive when `other` is later.
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Mean length of a Gregorian month in days: 146097 days per 400 years / 4800 months.
    public static let averageMonthLength: Double = 30.436875

    /// Months from `self` to `other` as a fraction: the day difference divided by the
    /// average Gregorian month (30.436875 days), negative when `other` is earlier.
    ///
    /// This is linear in days on purpose: least-squares slopes "per month" and projections
    /// then agree with day counts, with no jumps at short months. It is not calendar-exact:
    /// 1 Feb to 1 Mar 2013 is 0.92 months. Use `wholeMonths(until:)` for calendar months.
    public func months(until other: CalendarDate) -> Double {
        Double(other.dayNumber - dayNumber) / CalendarDate.averageMonthLength
    }

    /// Whole calendar months from `self` to `other`, rounded toward zero: the largest `n`
    /// with `addingMonths(n) <= other`. Because `addingMonths` clamps to month ends,
    /// 31 Jul 2017 to 30 Apr 2018 is 9 and 31 Jan to 28 Feb 2013 is 1. When `other` is
    /// earlier the result is `-other.wholeMonths(until: self)`.
    public func wholeMonths(until other: CalendarDate) -> Int {
        if other.dayNumber < dayNumber { return -other.wholeMonths(until: self) }
        let (y, m, d) = components
        let (oy, om, od) = other.components
        let n = (oy * 12 + om) - (y * 12 + m)
        // Landing in `other`'s month on min(d, that month's length): past `od` means the
        // last month is not whole yet.
        let landed = min(d, CalendarDate.daysInMonth(year: oy, month: om))
        return landed > od ? n - 1 : n
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        a.dayNumber < b.dayNumber
    }

    // MARK: Text

    /// ISO 8601 calendar date, "2013-09-30"; the year is padded to four digits.
    public var iso: String {
        let (y, m, d) = components
        let sign = y < 0 ? "-" : ""
        return sign + CalendarDate.padded(abs(y), to: 4) + "-" + CalendarDate.padded(m, to: 2)
            + "-" + CalendarDate.padded(d, to: 2)
    }

    /// The form used in explanations, "30 Sep 2013" (day without a leading zero).
    public var display: String {
        let (y, m, d) = components
        return "\(d) \(Month.shortNames[m - 1]) \(y)"
    }

    public var description: String { iso }

    /// Parses exactly "YYYY-MM-DD" (as given to `--as-of`); nil for anything else,
    /// including impossible days such as "2013-02-29".
    public static func parseISO(_ text: String) -> CalendarDate? {
        parseISO(bytes: text.utf8)
    }

    static func parseISO(bytes: some Collection<UInt8>) -> CalendarDate? {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            switch i {
            case 0..<4: year = year * 10 + digit
            case 5..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func padded(_ n: Int, to width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: Conversion between day numbers and year-month-day
    //
    // Both directions count in "computational years" that start on 1 March, so the leap
    // day is the last day of its year and every month before it has a fixed offset. Those
    // years group into eras of 400 years (146097 days), which repeat exactly; within an era,
    // centuries are 36524 days except the last (36525, it holds the 400th-year leap day), and
    // within a century, four-year groups are 1461 days except the last (1460, no leap day in
    // the century year, unless it is the era's last century).
    //
    // Offsets of each month's first day from 1 March (Mar=0 ... Feb=11) fit a line:
    // 0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337 == (153 * m + 2) / 5.

    /// Days from 0000-03-01 (proleptic) to 1970-01-01.
    static let epochShift = 719_468

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year           // January and February end the year before
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400                   // 0...399
        let monthFromMarch = month <= 2 ? month + 9 : month - 3
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - epochShift
    }

    static func civil(fromDayNumber n: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = n + epochShift
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097                  // 0...146096
        let century = min(dayOfEra / 36_524, 3)
        let dayOfCentury = dayOfEra - century * 36_524          // 0...36524
        let group = dayOfCentury / 1_461                        // 0...24
        let dayOfGroup = dayOfCentury - group * 1_461
        let yearOfGroup = min(dayOfGroup / 365, 3)
        let dayOfYear = dayOfGroup - yearOfGroup * 365          // 0...365
        let monthFromMarch = (5 * dayOfYear + 2) / 153          // 0...11
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = era * 400 + century * 100 + group * 4 + yearOfGroup + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
