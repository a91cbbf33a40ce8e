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
    // public service max is covered through 2025 and extrapolated by PBB into 2026.
    let max = try book.resolve("skatt.public_service.max", at: day("2026-03-01"))
    #expect(max.extrapolation?.method == "prisbasbelopp")
    #expect(abs(max.number! - 1249 * 59200.0 / 58800.0) < 1e-9)
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
