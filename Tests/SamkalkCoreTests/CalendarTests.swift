import SamkalkCore
import Testing

@Suite struct CalendarTests {
  @Test func parsesAndAddsMonths() throws {
    let start = try #require(YearMonth("2025-11"))
    #expect(start.adding(months: 2).description == "2026-01")
    #expect(start.adding(months: -11).description == "2024-12")
    #expect(start.months(to: try #require(YearMonth("2027-01"))) == 14)
    #expect(YearMonth("2025-13") == nil)
    #expect(YearMonth("25-01") == nil)
  }

  @Test func parsesDaysWithLeapYears() {
    #expect(Day("2024-02-29") != nil)
    #expect(Day("2025-02-29") == nil)
    #expect(Day("2100-02-29") == nil)
    #expect(Day("2000-02-29") != nil)
    #expect(Day("2025-04-31") == nil)
    #expect(Day("2025-10-01")! > Day("2025-09-30")!)
    #expect(Day("2025-10-01")!.description == "2025-10-01")
  }

  @Test func perspectivesHaveReportIds() {
    #expect(
      Perspective.all.map(\.id) == [
        "individ", "kommun", "region", "forsakringskassan", "arbetsformedlingen", "staten", "arbetsgivare",
        "offentlig_sektor", "samhallet",
      ])
    #expect(
      Perspective.offentligSektor.members == [
        .kommun, .region, .forsakringskassan, .arbetsformedlingen, .staten,
      ])
    #expect(Perspective(id: "samhallet") == .samhallet)
    #expect(Perspective(id: "kommunen") == nil)
  }
}

@Suite struct ActorOrdinalTests {
  @Test func ordinalsFollowAllCases() {
    #expect(Actor.allCases.map(\.ordinal) == Array(0..<7))
  }
}
