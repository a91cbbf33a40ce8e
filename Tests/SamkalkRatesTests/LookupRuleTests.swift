import Foundation
import SamkalkCore
import Testing

@testable import SamkalkRates

@Suite("The lookup rule")
struct LookupRuleTests {
  @Test func valueInForceIsTheLatestWithFromNotAfterTheDate() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    #expect(try book.resolve("test.indexerad", at: day("2024-01-01")).number == 1000)
    #expect(try book.resolve("test.indexerad", at: day("2024-06-30")).number == 1000)
    let later = try book.resolve("test.indexerad", at: day("2024-12-31"))
    #expect(later.number == 1200)
    #expect(later.value.status == .derived)
    #expect(later.extrapolation == nil)
    #expect(try book.resolve("basbelopp.prisbasbelopp", at: day("2025-07-01")).number == 58800)
  }

  @Test func beforeTheFirstValueIsAnErrorNamingKeyAndDate() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    #expect {
      try book.resolve("test.indexerad", at: day("2023-12-31"))
    } throws: { error in
      let error = error as! RateLookupError
      return error.key == "test.indexerad" && error.date == day("2023-12-31")
        && error.message.contains("'test.indexerad'") && error.message.contains("2023-12-31")
        && error.message.contains("first value starts 2024-01-01")
    }
  }

  @Test func aDateInAGapIsAnError() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    #expect {
      try book.resolve("test.indexerad", at: day("2024-07-15"))
    } throws: { error in
      let message = (error as! RateLookupError).message
      return message.contains("2024-07-15") && message.contains("ends 2024-06-30")
        && message.contains("next starts 2024-09-01")
    }
  }

  @Test func afterCoverageWithoutExtrapolationIsAnError() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    #expect(try book.resolve("test.fast", at: day("2024-12-31")).number == 7)
    #expect {
      try book.resolve("test.fast", at: day("2025-01-01"))
    } throws: { error in
      let message = (error as! RateLookupError).message
      return message.contains("test.fast") && message.contains("2025-01-01")
        && message.contains("covers through 2024-12-31") && message.contains("no extrapolation")
    }
    // The base amounts have no extrapolation either.
    #expect(throws: RateLookupError.self) { try book.resolve("basbelopp.prisbasbelopp", at: day("2026-01-01")) }
  }

  @Test func prisbasbeloppExtrapolationScalesByTheRatioOfBaseAmounts() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    let resolved = try book.resolve("test.indexerad", at: day("2025-03-01"))
    // The last value in coverage (1 200 from 2024-09-01) × PBB(2025-03-01) / PBB(2024-12-31)
    // = 1 200 × 58 800 / 57 300 = 1 231.413…
    #expect(resolved.value.from == day("2024-09-01"))
    #expect(resolved.extrapolation?.method == "prisbasbelopp")
    #expect(resolved.extrapolation?.baseDate == day("2024-12-31"))
    #expect(abs(resolved.extrapolation!.factor - 58800.0 / 57300.0) < 1e-12)
    #expect(abs(resolved.number! - 1231.413612565445) < 1e-9)
    // Past the base amount's own coverage the base cannot be extrapolated: an error.
    #expect {
      try book.resolve("test.indexerad", at: day("2026-01-01"))
    } throws: { error in
      let message = (error as! RateLookupError).message
      return message.contains("basbelopp.prisbasbelopp") && message.contains("test.indexerad")
    }
  }

  @Test func constantExtrapolationCarriesTheLastValue() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    let resolved = try book.resolve("test.konstant", at: day("2030-06-01"))
    #expect(resolved.number == 0.25)
    #expect(resolved.extrapolation == Extrapolation(method: "constant", baseDate: day("2024-12-31"), factor: 1))
  }

  @Test func aNewerBaseAmountFromAUserFileExtendsIndexedParameters() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let csv = dir.write(
      "pbb.csv", "key;value;unit;from;source\nbasbelopp.prisbasbelopp;59 200;kr/år;2026-01-01;Prop. 2026\n")
    let book = try RateBook.shipped(directory: dir.path).adding(userFiles: [csv])
    let resolved = try book.resolve("test.indexerad", at: day("2026-02-01"))
    #expect(abs(resolved.extrapolation!.factor - 59200.0 / 57300.0) < 1e-12)
  }

  @Test func unknownKeySuggestsAName() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let book = try RateBook.shipped(directory: dir.path)
    #expect {
      try book.resolve("test.konstnt", at: day("2024-06-01"))
    } throws: { error in
      (error as! RateLookupError).message.contains("did you mean 'test.konstant'?")
    }
    #expect(book.keys == ["basbelopp.prisbasbelopp", "test.fast", "test.indexerad", "test.konstant"])
    #expect(book.info(for: "test.konstant")?.unit == .andel)
    #expect(book.info(for: "test.konstant")?.coverageThrough == day("2024-12-31"))
  }
}

@Suite("Shipped-format loader errors")
struct ShippedLoaderErrorTests {
  @Test func keyMustMatchThePath() {
    let dir = TempDir()
    defer { dir.remove() }
    dir.write(
      "a/b.xml", parameterXML(key: "a.c", coverage: "2024-12-31", values: [("2024-01-01", nil, "1", "SEEN")]))
    let found = diagnostics { _ = try RateBook.shipped(directory: dir.path) }
    #expect(found.count == 1)
    // Shipped files are named relative to the rates folder, whatever folder they come from.
    #expect(found.first?.location.file == "Rates/a/b.xml")
    #expect(found.first?.location.line == 2)
    #expect(found.first?.message.contains("'a.c' does not match the file's path, which gives 'a.b'") == true)
  }

  @Test func duplicateDateOverlapAndAmountProblemsAreReportedWithLines() {
    let dir = TempDir()
    defer { dir.remove() }
    dir.write(
      "x/dup.xml",
      parameterXML(
        key: "x.dup", coverage: "2025-12-31",
        values: [
          ("2024-01-01", nil, "1", "SEEN"),  // line 5
          ("2024-01-01", nil, "2", "SEEN"),  // line 8: duplicate date
          ("2025-01-01", "2025-08-31", "3", "SEEN"),  // line 11
          ("2025-06-01", nil, "4", "SEEN"),  // line 14: overlaps the previous
        ]))
    dir.write(
      "x/share.xml",
      parameterXML(key: "x.share", unit: "andel", coverage: "2025-12-31", values: [("2024-01-01", nil, "1.5", "SEEN")]))
    dir.write(
      "x/neg.xml",
      parameterXML(key: "x.neg", unit: "kr", coverage: "2024-12-31", values: [("2024-01-01", nil, "-3", "SEEN")]))
    dir.write(
      "x/late.xml",
      parameterXML(key: "x.late", coverage: "2024-12-31", values: [("2025-01-01", nil, "3", "SEEN")]))
    dir.write(
      "basbelopp/prisbasbelopp.xml",
      parameterXML(
        key: "basbelopp.prisbasbelopp", coverage: "2024-12-31", extrapolation: "constant",
        values: [("2024-01-01", nil, "57300", "SEEN")]))
    dir.write(
      "skatt/x/max.xml",
      parameterXML(
        key: "skatt.x.max", coverage: "2025-12-31", extrapolation: "prisbasbelopp",
        values: [("2025-01-01", nil, "1249", "SEEN")]))
    let found = diagnostics { _ = try RateBook.shipped(directory: dir.path) }
    func has(_ file: String, _ line: Int, _ text: String) -> Bool {
      found.contains {
        $0.location.file.hasSuffix(file) && $0.location.line == line && $0.message.contains(text)
      }
    }
    #expect(has("x/dup.xml", 8, "duplicate key and date: 'x.dup' already has a value from 2024-01-01 (line 5)"))
    #expect(has("x/dup.xml", 14, "values overlap"))
    #expect(has("x/share.xml", 5, "andel 1.5 is outside 0–1"))
    #expect(has("x/neg.xml", 5, "negative amount -3"))
    #expect(has("x/late.xml", 5, "past the parameter's coverage"))
    #expect(has("basbelopp/prisbasbelopp.xml", 5, "a base amount must not declare extrapolation"))
    // Issue 19: a tax parameter is the law of its year, never carried past its coverage.
    #expect(has("skatt/x/max.xml", 5, "a tax parameter (skatt.*) must not declare extrapolation"))
    #expect(found.count == 7, "\(found)")
  }

  @Test func schemaProblemsCarryTheirLine() {
    let dir = TempDir()
    defer { dir.remove() }
    dir.write(
      "x/bad.xml",
      parameterXML(key: "x.bad", unit: "kr/mån", coverage: "2024-12-31", values: [("2024-01-01", nil, "1", "SEEN")]))
    let found = diagnostics { _ = try RateBook.shipped(directory: dir.path) }
    #expect(!found.isEmpty)
    #expect(found.allSatisfy { $0.location.file.hasSuffix("x/bad.xml") && $0.location.line == 2 })
  }
}
