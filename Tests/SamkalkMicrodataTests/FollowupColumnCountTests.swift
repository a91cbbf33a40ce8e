import Foundation
import SamkalkCore
import SamkalkEngine
import Testing

@testable import SamkalkMicrodata
@testable import SamkalkRates

/// Any number of columns the format allows is read (issue: 19 or more columns read out of bounds,
/// 18 were refused with "column 18 has no name").
@Suite struct FollowupColumnCountTests {
  static let required = "person,month,situation,extent,sex,birth_year,municipality,enrolment,exit"
  static let optional = ["monthly_amount", "wage", "subsidy_factor", "subsidy_share", "annual_income"]

  /// The 24 months of one person on försörjningsstöd (12 before, 12 after), with `extra` columns
  /// after the required ones, every extra field empty except a count of 1 in `counted`.
  func file(extra: [String], counted: String? = nil) -> String {
    var text = ([Self.required] + extra).joined(separator: ",") + "\n"
    let fields = extra.map { $0 == counted ? "1" : "" }
    for (year, months) in [(2023, 1...12), (2025, 1...12)] {
      for month in months {
        let ym = "\(year)-\(month < 10 ? "0" : "")\(month)"
        text +=
          (["A", ym, "ingen_ersattning", "1", "man", "1970", "1780", "2024-01-01", "2024-12-31"] + fields)
          .joined(separator: ",") + "\n"
      }
    }
    return text
  }

  @Test func everyColumnCountFromNineToAllServicesIsRead() throws {
    let rates = try book()
    let services = rates.keys.map(\.rawValue).filter { $0.hasPrefix("tjanster.") }.sorted()
      .map { String($0.dropFirst("tjanster.".count)) }
    #expect(services.count >= 10)
    let all = Self.optional + services
    for count in 0...all.count {
      let result = try study(file(extra: Array(all.prefix(count))), ratesDate: Day(year: 2024, month: 6, day: 1))
      #expect(result.total.persons == 1, "\(9 + count) columns")
      #expect(result.total.figure(.actor(.region))?.before == .zero, "\(9 + count) columns")
    }
  }

  @Test func theLastOfManyServiceColumnsIsPriced() throws {
    let rates = try book()
    let services = rates.keys.map(\.rawValue).filter { $0.hasPrefix("tjanster.") }.sorted()
      .map { String($0.dropFirst("tjanster.".count)) }
    let extra = Self.optional + services
    let last = extra.last!
    // A count of 1 in each of the 24 window months of the last column (beyond 16 columns).
    let result = try study(file(extra: extra, counted: last), ratesDate: Day(year: 2024, month: 6, day: 1))
    let payer = result.total.figures.filter { $0.before != .zero }
    #expect(!payer.isEmpty, "the \(9 + extra.count)th column was not counted")
    #expect(9 + extra.count >= 19)
  }

  @Test func aHeaderWithAStrayQuoteStillSplitsSafely() throws {
    // A quote inside an unquoted header field makes the quote-aware count differ from the fields
    // the splitter finds; the header is split with room for every field either way.
    let header = Self.required + ",wa\"ge,monthly_amount,x,y,z,a,b,c,d,e,f,g,h,i,j,k"
    let error = #expect(throws: DiagnosticError.self) { try study(header + "\n") }
    #expect(error?.diagnostics.contains { $0.message.contains("unknown column") } == true)
  }
}
