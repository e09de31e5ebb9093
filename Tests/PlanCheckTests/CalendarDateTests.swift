import Testing
@testable import PlanCheck

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test func epochAndKnownDayNumbers() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CalendarDate(year: 1969, month: 12, day: 31)?.dayNumber == -1)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.dayNumber == 11_017)
        #expect(CalendarDate(year: 1, month: 1, day: 1)?.dayNumber == -719_162)
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.dayNumber == 2_932_896)
    }

    /// Every day from 1900 to 2100 gets the next day number and converts back to itself.
    @Test func everyDayFrom1900To2100RoundTrips() {
        var expected = CalendarDate(year: 1900, month: 1, day: 1)!.dayNumber
        var failures = 0
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...CalendarDate.daysInMonth(year: year, month: month) {
                    let date = CalendarDate(year: year, month: month, day: day)!
                    let back = CalendarDate(dayNumber: expected)
                    if date.dayNumber != expected || back.year != year || back.month != month
                        || back.day != day
                    {
                        failures += 1
                    }
                    expected += 1
                }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: [-719_162, -500_000, -1, 0, 1, 11_016, 11_017, 15_613, 100_000, 2_932_896])
    func dayNumberRoundTrips(_ n: Int) {
        let date = CalendarDate(dayNumber: n)
        #expect(CalendarDate(year: date.year, month: date.month, day: date.day)?.dayNumber == n)
    }

    @Test(arguments: [(1900, false), (2000, true), (2012, true), (2013, false), (2100, false), (2400, true)])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(CalendarDate.isLeapYear(year) == leap)
    }

    @Test(arguments: [
        (2012, 11, 31), (2013, 2, 29), (2012, 2, 30), (2012, 0, 1), (2012, 13, 1),
        (2012, 1, 0), (2012, 4, 31), (0, 1, 1), (10_000, 1, 1), (2012, -1, 1),
    ])
    func impossibleDates(_ year: Int, _ month: Int, _ day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [(2012, 2, 29), (2000, 2, 29), (2013, 12, 31), (1, 1, 1), (9999, 12, 31)])
    func possibleEdgeDates(_ year: Int, _ month: Int, _ day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) != nil)
    }

    @Test(arguments: [
        (2012, 2, "2012-02-29"), (2013, 2, "2013-02-28"), (1900, 2, "1900-02-28"),
        (2000, 2, "2000-02-29"), (2013, 9, "2013-09-30"), (2013, 12, "2013-12-31"),
        (2013, 4, "2013-04-30"),
    ])
    func monthEnds(_ year: Int, _ month: Int, _ iso: String) {
        #expect(CalendarDate.endOfMonth(year: year, month: month).iso == iso)
    }

    @Test func monthStartsAndLengths() {
        #expect(CalendarDate.startOfMonth(year: 2013, month: 4).iso == "2013-04-01")
        #expect(CalendarDate.daysInMonth(year: 2013, month: 11) == 30)
        #expect(CalendarDate.daysInMonth(year: 2013, month: 1) == 31)
        #expect(CalendarDate.daysInMonth(year: 2016, month: 2) == 29)
    }

    @Test(arguments: [
        ("2012-01-31", 1, "2012-02-29"), ("2013-01-31", 1, "2013-02-28"),
        ("2012-01-31", 13, "2013-02-28"), ("2012-01-31", 11, "2012-12-31"),
        ("2012-01-31", 12, "2013-01-31"), ("2012-01-31", -2, "2011-11-30"),
        ("2012-08-31", 1, "2012-09-30"), ("2012-03-15", -3, "2011-12-15"),
        ("2013-04-01", 0, "2013-04-01"),
    ])
    func addingMonthsClampsToMonthEnd(_ start: String, _ months: Int, _ expected: String) {
        #expect(CalendarDate.parseISO(start)?.addingMonths(months).iso == expected)
    }

    @Test func addingYearsAndDays() {
        let leapDay = CalendarDate(year: 2012, month: 2, day: 29)!
        #expect(leapDay.addingYears(1).iso == "2013-02-28")
        #expect(leapDay.addingYears(4).iso == "2016-02-29")
        #expect(leapDay.addingDays(1).iso == "2012-03-01")
        #expect(leapDay.addingDays(-60).iso == "2011-12-31")
        #expect(leapDay.days(until: CalendarDate(year: 2012, month: 3, day: 31)!) == 31)
    }

    @Test(arguments: [
        (4, 2011, "2012-03-31"), (1, 2013, "2013-06-30"), (2, 2013, "2013-09-30"),
        (3, 2013, "2013-12-31"), (4, 2013, "2014-03-31"),
    ])
    func financialQuarters(_ quarter: Int, _ startYear: Int, _ iso: String) {
        #expect(CalendarDate.endOfFinancialQuarter(quarter, startYear: startYear).iso == iso)
    }

    @Test func financialYearEnds() {
        #expect(CalendarDate.endOfFinancialYear(startYear: 2011).iso == "2012-03-31")
        #expect(CalendarDate.endOfFinancialYear(startYear: 2013).iso == "2014-03-31")
    }

    @Test(arguments: [
        ("2013-09-30", "30 Sep 2013"), ("2013-09-01", "1 Sep 2013"), ("2012-02-29", "29 Feb 2012"),
        ("2018-04-30", "30 Apr 2018"),
    ])
    func display(_ iso: String, _ text: String) {
        #expect(CalendarDate.parseISO(iso)?.display == text)
    }

    @Test func textForms() {
        let date = CalendarDate(year: 2013, month: 9, day: 30)!
        #expect(date.iso == "2013-09-30")
        #expect(date.description == "2013-09-30")
        #expect(CalendarDate(year: 5, month: 3, day: 7)!.iso == "0005-03-07")
    }

    @Test(arguments: ["2013-9-30", "2013-09-31", "2013/09/30", " 2013-09-30", "2013-09-300", "", "0000-01-01", "2013-02-29", "30 Sep 2013"])
    func parseISORejects(_ text: String) {
        #expect(CalendarDate.parseISO(text) == nil)
    }

    @Test(arguments: [
        ("2017-07-31", "2018-04-30", 9), ("2017-07-31", "2018-04-29", 8), ("2013-01-15", "2013-02-14", 0),
        ("2013-01-15", "2013-02-15", 1), ("2013-01-31", "2013-02-28", 1), ("2013-04-01", "2013-04-01", 0),
        ("2018-04-30", "2017-07-31", -9), ("2013-02-15", "2013-01-15", -1),
    ])
    func wholeMonths(_ from: String, _ to: String, _ months: Int) {
        let a = CalendarDate.parseISO(from)!, b = CalendarDate.parseISO(to)!
        #expect(a.wholeMonths(until: b) == months)
    }

    @Test func fractionalMonthsUseTheAverageMonth() {
        let a = CalendarDate(year: 2012, month: 7, day: 1)!, b = CalendarDate(year: 2013, month: 4, day: 1)!
        #expect(abs(a.months(until: b) - 274 / 30.436875) < 1e-12)
        #expect(abs(b.months(until: a) + 274 / 30.436875) < 1e-12)
        #expect(a.months(until: a) == 0)
    }

    @Test func orderingAndEquality() {
        let a = CalendarDate(year: 2013, month: 3, day: 31)!, b = CalendarDate(year: 2013, month: 4, day: 1)!
        #expect(a < b)
        #expect(a.addingDays(1) == b)
        #expect(Set([a, b, a.addingDays(1)]).count == 2)
    }
}

@Suite("Month")
struct MonthTests {
    @Test(arguments: [
        ("January", 1), ("january", 1), ("JANUARY", 1), ("Jan", 1), ("feb", 2), ("March", 3),
        ("Apr", 4), ("May", 5), ("MAY", 5), ("June", 6), ("Jun", 6), ("July", 7), ("Aug", 8),
        ("September", 9), ("Sep", 9), ("Sept", 9), ("SEPT", 9), ("sEpTeMbEr", 9), ("Oct", 10),
        ("November", 11), ("Dec", 12), ("december", 12),
    ])
    func names(_ text: String, _ number: Int) {
        #expect(Month.number(text) == number)
        #expect(Month.number(Array(text.utf8)) == number)
    }

    @Test(arguments: ["", "S", "Se", "Septe", "Septmber", "Janu", "Marc", "Sep.", "sep ", "Decembers", "1", "Oktober", "J@n"])
    func rubbish(_ text: String) {
        #expect(Month.number(text) == nil)
    }

    @Test func nameTables() {
        #expect(Month.fullNames.count == 12)
        #expect(Month.shortNames == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
        #expect(Month.fullNames[8] == "September")
    }

    @Test(arguments: [
        ("Septmber", "September"), ("Octber", "October"), ("Febuary", "February"),
        ("Febraury", "February"), ("Augst", "August"), ("Spe", "September"),
    ])
    func suggestions(_ word: String, _ expected: String) {
        #expect(Month.suggestion(for: word) == expected)
    }

    @Test(arguments: ["September", "sept", "banana", "target", ""])
    func noSuggestion(_ word: String) {
        #expect(Month.suggestion(for: word) == nil)
    }
}

@Suite("Suggest")
struct SuggestTests {
    @Test(arguments: [
        ("Octber", "October", 1), ("Febraury", "February", 1), ("ab", "ba", 1),
        ("kitten", "sitting", 3), ("", "abc", 3), ("ABC", "abc", 0), ("ca", "abc", 3),
        ("naïve", "naive", 1), ("Émile", "émile", 0),
    ])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(Suggest.editDistance(a, b) == distance)
        #expect(Suggest.editDistance(b, a) == distance)
    }

    @Test func closest() {
        #expect(Suggest.closest(to: "CP1", among: ["CP1", "CP2"]) == nil)
        #expect(Suggest.closest(to: "cp1", among: ["CP1", "CP2"]) == "CP1")
        #expect(Suggest.closest(to: "CP3", among: ["CP1", "CP2"]) == "CP1")
        #expect(Suggest.closest(to: "abcdef", among: ["uvwxyz"]) == nil)
        #expect(Suggest.closest(to: "abcdef", among: ["abcdxy", "abcdxf"]) == "abcdxf")
        #expect(Suggest.closest(to: "x", among: [String]()) == nil)
    }
}

/// A bare month is placed by the plan's period: the one such month in it, or
/// an error when there is none or more than one. Checked against a month-by-month
/// walk for every month and periods of 1 to 30 months starting in every month,
/// on the first, the middle and the last day, as a start and as an end.
@Test func bareMonthPlacementMatchesAWalkOfThePeriod() {
    for startMonth in 1...12 {
        for length in 1...30 {
            for startDay in [1, 15, 28] {
                let start = CalendarDate(year: 2013, month: startMonth, day: startDay)!
                let lastMonth = CalendarDate.startOfMonth(year: 2013, month: startMonth).addingMonths(length - 1)
                for endDay in [1, 28] {
                    let end = CalendarDate(year: lastMonth.year, month: lastMonth.month, day: endDay)!
                    guard start <= end else { continue }
                    let period = DateRange(start: start, end: end)
                    for month in 1...12 {
                        var years: [Int] = []
                        var cursor = CalendarDate.startOfMonth(year: start.year, month: start.month)
                        while cursor <= end {
                            if cursor.month == month { years.append(cursor.year) }
                            cursor = cursor.addingMonths(1)
                        }
                        for asStart in [false, true] {
                            let result = DateResolution.resolve(.bareMonth(month), written: "m", period: period, asStart: asStart)
                            switch result {
                            case .success(let date):
                                #expect(years.count == 1)
                                let expected = asStart ? CalendarDate.startOfMonth(year: years.first ?? 0, month: month)
                                                       : CalendarDate.endOfMonth(year: years.first ?? 0, month: month)
                                #expect(date == expected, "month \(month) in \(start)...\(end)")
                            case .failure(let problem):
                                #expect(years.count != 1, "month \(month) in \(start)...\(end)")
                                #expect(problem.code == (years.isEmpty ? .notInPeriod : .ambiguousMonth))
                            }
                        }
                    }
                }
            }
        }
    }
}
