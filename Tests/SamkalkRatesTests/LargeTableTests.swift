import Foundation
import SamkalkCore
import Testing

@testable import SamkalkRates

/// A large table loads once-sorted (issue 23, item 5: 200 000 dated rows took 128 s when every
/// added value re-sorted its key's list). The tests check what the loading must give, on tables
/// large enough that the old way was slow and with rows in an order that needs the sort.
@Suite struct LargeTableTests {
  static let shippedBook: RateBook = try! RateBook.shipped()

  /// `count` consecutive days from `start`.
  static func days(from start: Day, count: Int) -> [Day] {
    var days: [Day] = []
    var (year, month, day) = (start.year, start.month, start.day)
    for _ in 0..<count {
      days.append(Day(year: year, month: month, day: day))
      day += 1
      if day > Day.daysIn(month: month, year: year) {
        day = 1
        month += 1
        if month > 12 { (month, year) = (1, year + 1) }
      }
    }
    return days
  }

  /// Two keys interleaved, dates descending: `a` from 2000 on, `b` from 1980 on, a value a day
  /// for 10 000 days each (20 000 rows). Every value is found on its own day and the layer's
  /// list is sorted by `from`.
  @Test func aLargeUnsortedTableResolvesEveryDay() throws {
    let days = Self.days(from: Day(year: 2000, month: 1, day: 1), count: 10_000)
    let otherDays = Self.days(from: Day(year: 1980, month: 1, day: 1), count: 10_000)
    var text = "key;value;unit;from;source\n"
    for offset in stride(from: 9_999, through: 0, by: -1) {
      text += "kalkylranta.standard;0,\(10_000 + offset);andel;\(days[offset]);Test\n"
      text += "kalkylranta.green_book_31_75;0,\(20_000 + offset);andel;\(otherDays[offset]);Test\n"
    }
    let book = try Self.shippedBook.adding(userTable: Array(text.utf8), named: "large.csv")
    let values = book.values(of: "kalkylranta.standard", layer: .userFile(0))
    #expect(values.count == 10_000)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0.from < $1.from })
    for offset in [0, 1, 4_999, 9_998, 9_999] {
      #expect(try book.resolve("kalkylranta.standard", at: days[offset]).number == Double("0.\(10_000 + offset)"))
      #expect(
        try book.resolve("kalkylranta.green_book_31_75", at: otherDays[offset]).number
          == Double("0.\(20_000 + offset)"))
    }
  }

  /// Overlapping values are reported per key in the order of the keys' first rows (the grouping
  /// that replaced a filter per key must not reorder the messages).
  @Test func overlapsAreReportedInTheOrderOfTheKeys() throws {
    let text = """
      key;value;unit;from;to;source
      kalkylranta.standard;0,01;andel;2020-01-01;2020-12-31;Test
      kalkylranta.green_book_31_75;0,02;andel;2020-01-01;2020-12-31;Test
      kalkylranta.standard;0,03;andel;2020-06-01;;Test
      kalkylranta.green_book_31_75;0,04;andel;2020-06-01;;Test

      """
    #expect {
      try Self.shippedBook.adding(userTable: Array(text.utf8), named: "overlap.csv")
    } throws: { error in
      let errors = (error as! DiagnosticError).diagnostics.filter { $0.severity == .error }
      return errors.map(\.location.line) == [4, 5] && errors.allSatisfy { $0.message.contains("values overlap") }
    }
  }
}
