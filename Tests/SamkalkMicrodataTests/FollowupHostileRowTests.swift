import Foundation
import SamkalkCore
import SamkalkEngine
import Testing

@testable import SamkalkMicrodata
@testable import SamkalkRates

/// Rows that used to be counted wrongly or let through: repeated rows, NUL bytes, settings
/// beyond what a study can hold.
@Suite struct FollowupHostileRowTests {
  /// One person's 24 window months on försörjningsstöd, half months (two rows a month would be
  /// needed for the whole month).
  func halfMonths(amount: String = "9000") -> String {
    var text = header + "\n"
    for (year, months) in [(2023, 1...12), (2025, 1...12)] {
      for month in months {
        let ym = "\(year)-\(month < 10 ? "0" : "")\(month)"
        text += "A,\(ym),forsorjningsstod,0.5,man,1970,1780,2024-01-01,2024-12-31,\(amount)\n"
      }
    }
    return text
  }

  @Test func aRepeatedPartMonthRowIsAnErrorNamingBothLines() throws {
    // Line 2 is A's 2023-01 half month; the same row again at the end (line 26).
    let text = halfMonths() + "A,2023-01,forsorjningsstod,0.5,man,1970,1780,2024-01-01,2024-12-31,9000\n"
    let error = #expect(throws: DiagnosticError.self) { try study(text) }
    #expect(
      error?.diagnostics.map(\.description) == [
        "f.csv:26:1: error: this row repeats line 2 (person 'A', 2023-01, the same situation, extent and amounts) "
          + "and would count twice: remove one, or give the month one row with the extents added"
      ])
    // Two different half-month rows of one month are a split month, not a repeat.
    let split = halfMonths() + "A,2023-01,forsorjningsstod,0.5,man,1970,1780,2024-01-01,2024-12-31,8000\n"
    #expect(throws: Never.self) { try study(split) }
  }

  @Test func aRepeatedFullMonthRowSaysItMayBeARepeat() throws {
    let text =
      rows(
        "A", from: "2023-01", count: 12, situation: "forsorjningsstod", amount: "9000",
        enrolment: "2024-01-01", exit: "2024-12-31")
      + rows(
        "A", from: "2025-01", count: 12, situation: "forsorjningsstod", amount: "9000",
        enrolment: "2024-01-01", exit: "2024-12-31")
      + "A,2023-05,forsorjningsstod,1,kvinna,1990,1780,2024-01-01,2024-12-31,9000\n"
    let error = #expect(throws: DiagnosticError.self) { try study(header + "\n" + text) }
    #expect(error?.diagnostics.first?.message.hasSuffix("(if this row repeats an earlier one, remove it)") == true)
    #expect(error?.diagnostics.first?.location.line == 26)
  }

  @Test func aNulByteIsAnErrorAtItsPositionNotAPhantomPerson() throws {
    var bytes = Array((header + "\n").utf8)
    bytes +=
      Array("A".utf8) + [0] + Array("B,2023-01,forsorjningsstod,1,man,1970,1780,2024-01-01,2024-12-31,9000\n".utf8)
    let error = #expect(throws: DiagnosticError.self) { try study(bytes) }
    #expect(
      error?.diagnostics.map(\.description) == ["f.csv:2:2: error: \(UntrustedText.nulMessage(in: "follow-up file"))"])
    var inHeader = Array("person,mon".utf8) + [0] + Array("th\n".utf8)
    inHeader += Array("A,2023-01\n".utf8)
    let headerError = #expect(throws: DiagnosticError.self) { try study(inHeader) }
    #expect(
      headerError?.diagnostics.map(\.description) == [
        "f.csv:1:11: error: \(UntrustedText.nulMessage(in: "follow-up file"))"
      ])
  }

  @Test(arguments: [
    (
      groupSize: 1_000_000_000_000, bootstrap: 10, message: "the group size 1000000000000 must be from 1 to 100 000 000"
    ),
    (
      groupSize: 10, bootstrap: 2_000_000_000,
      message: "the number of bootstrap replicates 2000000000 must be from 0 to 100 000"
    ),
  ])
  func settingsBeyondTheScenarioReadersCapsAreErrors(groupSize: Int, bootstrap: Int, message: String) throws {
    let error = #expect(throws: DiagnosticError.self) {
      try study(halfMonths(), bootstrap: bootstrap, groupSize: groupSize)
    }
    #expect(error?.diagnostics.map(\.message) == [message])
  }

  @Test func anAmountBeyondTheLedgersReachIsAnError() throws {
    let error = #expect(throws: DiagnosticError.self) {
      try study(halfMonths(amount: "1" + String(repeating: "0", count: 300)))
    }
    #expect(
      error?.diagnostics.first?.message.hasSuffix("is outside 0 to below 10^12") == true, "\(String(describing: error))"
    )
  }
}
