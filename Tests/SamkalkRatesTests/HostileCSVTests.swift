import Foundation
import SamkalkCore
import SamkalkRates
import Testing

/// Untrusted CSV input (issue 8): each case is parsed as documented or rejected with its line
/// and column — never a crash, never a silent zero.
@Suite struct HostileCSVTests {
  static let book: RateBook = try! RateBook.shipped()

  private func load(_ bytes: [UInt8], named name: String = "egna.csv") -> (RateBook?, [Diagnostic]) {
    do {
      return (try Self.book.adding(userTable: bytes, named: name), [])
    } catch {
      return (nil, error.diagnostics)
    }
  }

  private func load(_ text: String, named name: String = "egna.csv") -> (RateBook?, [Diagnostic]) {
    load(Array(text.utf8), named: name)
  }

  @Test func raggedRowIsReportedAtTheExtraField() {
    let (_, found) = load(
      "key;value;unit;from;source\nformaner.aktivitetsstod.dag;300;kr/dag;2025-01-01;Budget;extra\n")
    #expect(found.map(\.description).contains { $0.hasPrefix("egna.csv:2:58: error: the row has more fields") })
  }

  @Test func emptyTrailingCellsAreAllowed() {
    let (book, found) = load("key;value;unit;from;source\nformaner.aktivitetsstod.dag;300;kr/dag;2025-01-01;Budget;;\n")
    #expect(found.isEmpty, "\(found)")
    #expect(book != nil)
  }

  @Test func unterminatedQuoteIsReportedWhereItOpens() {
    let (_, found) = load("key;value;unit;from;source\n\"formaner.aktivitetsstod.dag;300;kr/dag;2025-01-01;Budget\n")
    #expect(found.map(\.description) == ["egna.csv:2:1: error: a quoted field is never closed"])
  }

  @Test func aNulByteIsRefusedWithItsPosition() {
    var bytes = Array("key;value;unit;from;source\nformaner.aktivitetsstod.dag;3".utf8)
    bytes += [0, 0]
    bytes += Array(";kr/dag;2025-01-01;Budget\n".utf8)
    let (_, found) = load(bytes)
    #expect(found.map(\.description) == ["egna.csv:2:30: error: \(UntrustedText.nulMessage(in: "CSV file"))"])
    // In a source text, where it used to pass as text ("Karlstads bud" + NUL + "get").
    var source = Array(
      "key;value;unit;from;source\nformaner.aktivitetsstod.dag;300;kr/dag;2025-01-01;Karlstads bud".utf8)
    source += [0] + Array("get\n".utf8)
    #expect(load(source).1.map(\.description) == ["egna.csv:2:64: error: \(UntrustedText.nulMessage(in: "CSV file"))"])
  }

  /// ``load(_:named:)`` without the notes that say how each file was read.
  private func errors(_ text: String) -> (RateBook?, [Diagnostic]) {
    let (book, found) = load(text)
    return (book, found.filter { $0.severity == .error })
  }

  @Test func aDotBeforeThreeDigitsIsAmbiguousWithADecimalComma() {
    let (_, found) = errors("key;value;unit;from;source\nformaner.aktivitetsstod.dag;10.450;kr/dag;2025-01-01;Budget\n")
    #expect(
      found.map(\.description) == [
        "egna.csv:2:29: error: '10.450' is not a number (unit kr/dag): with a decimal comma, a dot before three "
          + "digits may be a thousands separator; write 10450 or 10,450"
      ])
    // A comma file reads it as the decimal point it is there; a decimal comma file reads 10,45.
    #expect(load("key,value,unit,from,source\nformaner.aktivitetsstod.dag,10.450,kr/dag,2025-01-01,Budget\n").1.isEmpty)
    #expect(load("key;value;unit;from;source\nformaner.aktivitetsstod.dag;10,45;kr/dag;2025-01-01;Budget\n").1.isEmpty)
  }

  @Test func aRepeatedColumnIsAnErrorAtTheSecond() {
    let (_, same) = errors(
      "key;value;value;unit;from;source\nformaner.aktivitetsstod.dag;300;400;kr/dag;2025-01-01;B\n")
    #expect(
      same.map(\.description) == [
        "egna.csv:1:11: error: column 'value' repeats column 2 ('value'): keep one column for each"
      ])
    let (_, synonym) = errors(
      "nyckel;belopp;unit;from;source;värde\nformaner.aktivitetsstod.dag;300;kr/dag;2025-01-01;B;400\n")
    #expect(
      synonym.map(\.description) == [
        "egna.csv:1:32: error: column 'värde' repeats column 2 ('belopp'): keep one column for each"
      ])
  }

  @Test func anAmountBeyondWhatTheLedgerCanHoldIsRefusedWhenLoaded() {
    let huge = "1" + String(repeating: "0", count: 300)
    let (_, found) = errors("key;value;unit;from;source\nformaner.aktivitetsstod.dag;\(huge);kr/dag;2025-01-01;B\n")
    #expect(found.count == 1)
    #expect(found.first?.message == "kr/dag \(huge) is outside 0 to below 10^12", "\(found)")
    #expect(
      load("key;value;unit;from;source\nformaner.aktivitetsstod.dag;999999999999;kr/dag;2025-01-01;B\n").1.isEmpty)
  }

  @Test func oneMegabyteLineIsReadAndRejectedWithItsPosition() {
    let long = String(repeating: "x", count: 1 << 20)
    let (_, found) = load("key;value;unit;from;source\n\(long);1;kr/dag;2025-01-01;Budget\n")
    #expect(found.contains { $0.location.line == 2 && $0.location.column == 1 && $0.message.contains("unknown key") })
  }

  @Test func mixedDelimitersAreNotGuessedPerRow() {
    // The header decides: ';'. A row written with ',' is one field, so its key is unknown.
    let (_, found) = load("key;value;unit;from;source\nformaner.aktivitetsstod.dag,300,kr/dag,2025-01-01,Budget\n")
    #expect(found.contains { $0.location.line == 2 && $0.location.column == 1 })
  }

  @Test(arguments: [
    ("1 234,5", 1234.5), ("58\u{00A0}800", 58800), ("0,3142", 0.3142), ("−12,5", -12.5),
  ])
  func acceptedNumbers(text: String, value: Double) throws {
    let csv = try SwedishCSV.parse(bytes: Array("a;b\n".utf8), file: "n.csv")
    #expect(csv.number(text) == value)
  }

  @Test(arguments: ["1.234,5", "1e309", "NaN", "inf", "1 2 3,4,5", "12 ", " 1  2", "0x10", "1_000"])
  func rejectedNumbers(text: String) throws {
    let csv = try SwedishCSV.parse(bytes: Array("a;b\n".utf8), file: "n.csv")
    #expect(csv.number(text) == nil || text == "12 ")
  }

  @Test func rejectedNumberInATableIsALocatedError() {
    let (_, found) = load("key;value;unit;from;source\nformaner.aktivitetsstod.dag;1e309;kr/dag;2025-01-01;Budget\n")
    #expect(found.map(\.description).contains { $0.hasPrefix("egna.csv:2:29: error: '1e309' is not a number") })
  }
}
