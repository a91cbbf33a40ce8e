import ArgumentParser
import SamkalkCore
import SamkalkEngine
import SamkalkRates

/// `samkalk tax --year Y --municipality KOD --wage KR [--benefits KR] [--birth-year YYYY] [--format text|csv]`
struct TaxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tax",
    abstract: "Show each component of one person's income tax for a year (SKV 433, any age).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

  @Option(help: "Income year (2024–2026 are shipped).") var year: Int
  @Option(help: ArgumentHelp("Kommunkod (e.g. 1780) or name (e.g. Karlstad).", valueName: "kod"))
  var municipality: String
  @Option(help: ArgumentHelp("Wage (arbetsinkomst) in kronor per year.", valueName: "kr")) var wage: Double
  @Option(
    help: ArgumentHelp(
      "Taxable benefits that are not arbetsinkomst (aktivitetsstöd, sjukersättning…), kronor per year.",
      valueName: "kr"))
  var benefits: Double = 0
  @Option(
    help: ArgumentHelp(
      "Birth year: past the age at the start of the year (66 in 2024–2026) the förhöjt grundavdrag and the older's jobbskatteavdrag apply; without it, below every age threshold.",
      valueName: "yyyy"))
  var birthYear: Int?
  @Option(help: "text or csv.") var format: Format = .text
  @OptionGroup var rates: RatesOptions

  func validate() throws {
    guard wage >= 0, wage < 1e10, wage.isFinite else {
      throw ValidationError("--wage must be between 0 and 10 000 000 000 kr")
    }
    guard benefits >= 0, benefits < 1e10, benefits.isFinite else {
      throw ValidationError("--benefits must be between 0 and 10 000 000 000 kr")
    }
    guard (1900...2200).contains(year) else { throw ValidationError("--year must be a year such as 2025") }
    if let birthYear, !((year - 130)...year).contains(birthYear) {
      throw ValidationError("--birth-year must be a year from \(year - 130) to \(year) for income year \(year)")
    }
  }

  func run() throws {
    do {
      let tax = try PersonTax.compute(
        rates: try rates.load(), year: year, municipality: municipality, wage: Money.rounding(kronor: wage)!,
        benefits: Money.rounding(kronor: benefits)!, birthYear: birthYear)
      FileHandleOutput.standardOutput(format == .csv ? TaxTable.csv(tax) : TaxTable.text(tax))
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
