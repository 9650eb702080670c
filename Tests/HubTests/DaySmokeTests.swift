import DossierCore
import Testing

@Test func leapDayAwardEndsOnTheLastDayOfFebruary() {
    #expect(Day("2028-02-29")!.adding(years: 3).description == "2031-02-28")
}
