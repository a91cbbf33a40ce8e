import Foundation
import SamkalkCore
import Testing

@testable import SamkalkRates

@Suite("The shipped Rates/ folder")
struct ShippedRatesTests {
  @Test func loadsWithoutErrorsAndHasTheKnownFigures() throws {
    let book = try RateBook.shipped()
    #expect(book.notes.filter { $0.severity == .error }.isEmpty)
    #expect(try book.resolve("basbelopp.prisbasbelopp", at: day("2025-06-01")).number == 58800)
    #expect(try book.resolve("basbelopp.prisbasbelopp", at: day("2026-01-01")).number == 59200)
    #expect(try book.resolve("arbetsgivaravgift.full", at: day("2025-06-01")).number == 0.3142)
    #expect(try book.resolve("formaner.aktivitetsstod.dag", at: day("2025-09-30")).number == 223)
    #expect(try book.resolve("formaner.aktivitetsstod.dag", at: day("2025-10-01")).number == 365)
    #expect(try book.resolve("betalare.aktivitetsstod", at: day("2025-01-01")).actor == .arbetsformedlingen)
    #expect(try book.resolve("arbetsgivaravgift.ungdom.andel", at: day("2026-05-01")).number == 0.2081)
    #expect(try book.resolve("arbetsgivaravgift.aldre.fran_alder", at: day("2026-05-01")).number == 67)
    #expect(book.info(for: "tjanster.primarvard_lakarbesok")?.payer == .region)
    #expect(book.info(for: "basbelopp.prisbasbelopp")?.extrapolation == nil)
    #expect(book.info(for: "basbelopp.inkomstbasbelopp")?.extrapolation == nil)

    // Karlstad (1780), 2025: kommunal + regional equals the CSV's summa.
    let karlstad = try book.municipality("1780", year: 2025)
    #expect(karlstad.name == "Karlstad")
    #expect(karlstad == (try book.municipality("KARLSTAD", year: 2025)))
    let row = try csvRow(year: 2025, code: "1780")
    #expect(abs(karlstad.total - Double(row[4])! / 100) < 1e-12)
    #expect(abs(karlstad.kommunal - Double(row[2])! / 100) < 1e-12)
    #expect(karlstad.status == .seen)
    #expect(try book.municipality("Karlstad", year: 2024).status == .derived)
    #expect(try book.municipality("Gotland", year: 2026).regional == 0)
    #expect(book.municipalYears == [2024, 2025, 2026])
    #expect(book.files.count > 100)
    #expect(book.files.allSatisfy { $0.sha256.count == 64 })
  }

  /// Issue 19: no tax parameter is ever extrapolated. Every `skatt.*` parameter that has a value
  /// in a shipped year has its own value through 2026, and none declares extrapolation.
  @Test func taxParametersAreNeverExtrapolated() throws {
    let book = try RateBook.shipped()
    let taxKeys = book.keys.filter { $0.rawValue.hasPrefix("skatt.") }
    #expect(taxKeys.count > 30)
    for key in taxKeys {
      #expect(book.info(for: key)?.extrapolation == nil, "\(key) declares extrapolation")
      for date in ["2024-01-01", "2025-01-01", "2026-01-01", "2026-12-31"] {
        guard let resolved = try? book.resolve(key, at: day(date)) else { continue }
        #expect(resolved.extrapolation == nil, "\(key) is extrapolated to \(date)")
      }
      #expect((try? book.resolve(key, at: day("2027-01-01"))) == nil, "\(key) has a value past 2026")
    }
    #expect(try book.resolve("skatt.public_service.max", at: day("2026-06-01")).number == 1184)
    #expect(try book.resolve("skatt.public_service.max", at: day("2025-06-01")).number == 1249)
    #expect(try book.resolve("skatt.public_service.max", at: day("2024-06-01")).number == 1219)
  }

  @Test func everyTableRowAddsUp() throws {
    let book = try RateBook.shipped()
    for year in [2024, 2025, 2026] {
      for name in ["Österåker", "Stockholm", "Dorotea", "Ale"] {
        let rates = try book.municipality(name, year: year)
        #expect(rates.total > 0.28 && rates.total < 0.36)
      }
    }
    #expect(throws: RateLookupError.self) { try book.municipality("1780", year: 2023) }
    #expect {
      try book.municipality("Karlstadt", year: 2025)
    } throws: { error in
      (error as! RateLookupError).message.contains("did you mean 'Karlstad'?")
    }
  }

  @Test func everyParameterResolvesOnItsCoverageDateAndExtrapolationsAreMarked() throws {
    let book = try RateBook.shipped()
    for key in book.keys {
      let info = try #require(book.info(for: key))
      let resolved = try book.resolve(key, at: info.coverageThrough!)
      #expect(resolved.extrapolation == nil)
      #expect((resolved.number == nil) == (info.unit == .aktor))
    }
    // A parameter covered through an earlier year and indexed by PBB is extrapolated into 2026,
    // marked so (tax parameters never are: taxParametersAreNeverExtrapolated).
    let indexed = try #require(
      book.keys.first { key in
        guard let info = book.info(for: key), info.extrapolation == "prisbasbelopp" else { return false }
        return info.coverageThrough! < day("2026-03-01")
      })
    let through = try #require(book.info(for: indexed)?.coverageThrough)
    let extrapolated = try book.resolve(indexed, at: day("2026-03-01"))
    #expect(extrapolated.extrapolation?.method == "prisbasbelopp")
    let pbb = { (date: Day) in try book.resolve("basbelopp.prisbasbelopp", at: date).number! }
    let expected = try book.resolve(indexed, at: through).number! * (try pbb(day("2026-03-01"))) / (try pbb(through))
    #expect(abs(extrapolated.number! - expected) < 1e-9)
  }

  @Test func directoryFollowsTheEnvironmentOrTheRepository() {
    #expect(
      ShippedRates.directory.hasSuffix("/Rates") || ProcessInfo.processInfo.environment["SAMKALK_RATES_DIR"] != nil)
  }

  private func csvRow(year: Int, code: String) throws -> [String] {
    let text = try String(
      contentsOfFile: ShippedRates.directory + "/kommunalskatt/kommunalskatt-\(year).csv", encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(code + ";") })
    return line.split(separator: ";").map(String.init)
  }
}
