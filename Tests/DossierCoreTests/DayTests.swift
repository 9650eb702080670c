import DossierCore
import Foundation
import Testing

private func day(_ text: String) -> Day { Day(text)! }

/// `Day`: strict `YYYY-MM-DD` parsing, calendar arithmetic across leap years and boundaries,
/// its JSON form and its order.
@Suite struct DayTests {
    @Test func parsesAValidDay() throws {
        let leap = try #require(Day("2028-02-29"))
        #expect((leap.year, leap.month, leap.day) == (2028, 2, 29))
        #expect(leap.description == "2028-02-29")
        #expect(Day("2026-12-31")?.description == "2026-12-31")
        #expect(Day("0001-01-01")?.description == "0001-01-01")
        #expect(Day(year: 2026, month: 4, day: 30) == Day("2026-04-30"))
    }

    @Test(arguments: [
        "2027-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "2026-01-32", "0000-01-01",
        "2026-1-01", "2026-01-1", "26-01-01", "02026-01-01", "2026-01-01 ", " 2026-01-01", "2026/01/01", "20260101",
        "2026-01-01-01", "2026--01", "", "2026-0a-01", "abcd-ef-gh", "+026-01-01", "2026-+1-01", "２０２６-01-01", "2026-01-0١",
    ])
    func rejects(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func rejectsImpossibleComponents() {
        #expect(Day(year: 2027, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 6, day: 31) == nil)
        #expect(Day(year: 10000, month: 1, day: 1) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func knowsLeapYears() {
        #expect(Day.isLeap(2028))
        #expect(Day.isLeap(2000))
        #expect(!Day.isLeap(2027))
        #expect(!Day.isLeap(1900))
        #expect(!Day.isLeap(2100))
    }

    @Test(arguments: [
        ("2028-02-29", 1, "2029-02-28"), ("2028-02-29", 3, "2031-02-28"), ("2028-02-29", 4, "2032-02-29"),
        ("2028-02-29", -1, "2027-02-28"), ("2027-03-01", 1, "2028-03-01"), ("2027-02-28", 1, "2028-02-28"),
        ("2026-12-31", 2, "2028-12-31"), ("2096-02-29", 4, "2100-02-28"), ("2026-06-15", 0, "2026-06-15"),
    ])
    func addsYears(_ from: String, _ years: Int, _ to: String) {
        #expect(day(from).adding(years: years) == day(to))
    }

    @Test(arguments: [
        ("2028-02-28", 1, "2028-02-29"), ("2028-02-28", 2, "2028-03-01"), ("2027-02-28", 1, "2027-03-01"),
        ("2100-02-28", 1, "2100-03-01"), ("2000-02-28", 1, "2000-02-29"), ("2026-12-31", 1, "2027-01-01"),
        ("2027-01-01", -1, "2026-12-31"), ("2028-03-01", -1, "2028-02-29"), ("2026-04-30", 1, "2026-05-01"),
        ("2028-01-01", 365, "2028-12-31"), ("2027-01-01", 365, "2028-01-01"), ("2026-01-10", 0, "2026-01-10"),
        ("2026-01-10", 1000, "2028-10-06"),
    ])
    func addsDays(_ from: String, _ days: Int, _ to: String) {
        #expect(day(from).adding(days: days) == day(to))
        #expect(day(from).days(until: day(to)) == days)
        #expect(day(to).days(until: day(from)) == -days)
    }

    @Test func countsDaysInYears() {
        #expect(day("2028-01-01").days(until: day("2029-01-01")) == 366)
        #expect(day("2027-01-01").days(until: day("2028-01-01")) == 365)
        #expect(day("2028-02-29").days(until: day("2029-02-28")) == 365)
        #expect(day("2000-01-01").days(until: day("2100-01-01")) == 36_525)
    }

    @Test func walksEveryDayOfTenYearsInOrder() {
        var current = day("2024-01-01")
        var count = 0
        var broken: [String] = []
        while current < day("2034-01-01") {
            let next = current.adding(days: 1)
            let followsInMonth = next.year == current.year && next.month == current.month && next.day == current.day + 1
            let startsMonth = next.day == 1 && (next.month == current.month + 1 && next.year == current.year
                                                || next.month == 1 && current.month == 12 && next.year == current.year + 1)
            if Day(current.description) != current || current.days(until: next) != 1 || !(current < next)
                || !(followsInMonth || startsMonth) {
                broken.append("\(current) → \(next)")
            }
            current = next
            count += 1
        }
        #expect(broken.isEmpty)
        #expect(count == 3653)  // 2024, 2028 and 2032 are leap years
    }

    @Test func encodesAsAPlainString() throws {
        struct Dates: Codable, Equatable { var from: Day; var until: Day? }
        let value = Dates(from: day("2028-02-29"), until: day("2031-02-28"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(json == #"{"from":"2028-02-29","until":"2031-02-28"}"#)
        #expect(try JSONDecoder().decode(Dates.self, from: Data(json.utf8)) == value)
        #expect(String(decoding: try JSONEncoder().encode([day("2026-01-05")]), as: UTF8.self) == #"["2026-01-05"]"#)
    }

    @Test(arguments: [#"{"from":"2027-02-29"}"#, #"{"from":"2026-1-01"}"#, #"{"from":20260101}"#, #"{"from":"2026-01-01T00:00:00Z"}"#])
    func refusesToDecodeAnythingElse(_ json: String) {
        struct Dates: Codable { var from: Day }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Dates.self, from: Data(json.utf8)) }
    }

    @Test func ordersByCalendar() {
        let days = ["2027-01-01", "2026-12-31", "2026-02-01", "2026-01-31", "2028-02-29", "2028-03-01", "2026-01-31"].map(day)
        #expect(days.sorted().map(\.description)
                == ["2026-01-31", "2026-01-31", "2026-02-01", "2026-12-31", "2027-01-01", "2028-02-29", "2028-03-01"])
        #expect(day("2026-01-31") < day("2026-02-01"))
        #expect(day("2026-12-31") < day("2027-01-01"))
        #expect(!(day("2026-05-05") < day("2026-05-05")))
        #expect(day("2026-05-05") <= day("2026-05-05"))
        #expect(Set(days).count == 6)
    }

    @Test func takesTheDayOfAMomentInNormandy() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date {
            calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
        }
        #expect(Day(utc(2026, 6, 30, 22, 30)) == day("2026-07-01"))   // summer time, UTC+2
        #expect(Day(utc(2026, 6, 30, 21, 30)) == day("2026-06-30"))
        #expect(Day(utc(2026, 12, 31, 23, 30)) == day("2027-01-01"))  // winter time, UTC+1
        #expect(Day(utc(2028, 2, 28, 23, 0)) == day("2028-02-29"))
        #expect(Day.today(environment: ["DOSSIER_TODAY": "2028-02-29"]) == day("2028-02-29"))
        // An invalid override is ignored: the day it is now.
        let before = Day(Date())
        let fallback = Day.today(environment: ["DOSSIER_TODAY": "2027-02-29"])
        #expect([before, Day(Date())].contains(fallback))
    }
}
