import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports

/// `samkalk compare A.xml B.xml … [--out DIR] [--format xml,csv,html,xlsx] [--by npv|payback|bcr] [--lang sv|en]
/// [--csv-dialect rfc4180|excel-sv]`
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compute several scenarios and compare the measures side by side, ranked.",
    discussion: """
      Writes DIR/comparison.xml and DIR/comparison.csv (atomically) and prints the measures side by side,
      ranked by society's NPV (npv, highest first), payback month (payback, earliest first) or
      benefit-cost ratio (bcr, highest first); ties are broken by scenario id. Warns when the scenarios
      differ in horizon, discount rate, municipality or rates date.
      """)

  @Argument(help: ArgumentHelp("The scenario files (at least two).", valueName: "scenario.xml"))
  var scenarios: [String] = []

  @Option(name: .long, help: ArgumentHelp("Folder for the comparison reports.", valueName: "dir"))
  var out: String = "reports"

  @Option(
    name: .long,
    help: ArgumentHelp("Report formats, comma-separated: xml, csv, html, xlsx.", valueName: "formats"))
  var format: String = "xml,csv"

  @Option(
    name: .long,
    help: ArgumentHelp("Language of the html and xlsx reports: sv (default) or en.", valueName: "lang"))
  var lang: String = ReportLanguage.sv.rawValue

  @Option(
    name: .customLong("csv-dialect"),
    help: ArgumentHelp(
      "CSV dialect: rfc4180 (default: ',' and '.') or excel-sv (';', decimal comma, UTF-8 BOM).",
      valueName: "dialect"))
  var csvDialect: String = CSVDialect.rfc4180.rawValue

  var options: ReportOptions {
    ReportOptions(
      language: ReportLanguage(rawValue: lang) ?? .sv, csvDialect: CSVDialect(rawValue: csvDialect) ?? .rfc4180)
  }

  @Option(
    name: .long,
    help: ArgumentHelp("Rank by society's npv, payback or bcr.", valueName: "criterion"))
  var by: String = ComparisonCriterion.npv.rawValue

  @OptionGroup var rates: RatesOptions

  var formats: [ReportFormat] {
    format.split(separator: ",").compactMap { ReportFormat(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
  }

  func validate() throws {
    guard scenarios.count >= 2 else {
      throw ValidationError("give at least two scenario files to compare (got \(scenarios.count))")
    }
    guard ComparisonCriterion(rawValue: by) != nil else {
      let known = ComparisonCriterion.allCases.map(\.rawValue)
      throw ValidationError(
        "unknown criterion '\(by)'\(NameSuggestion.hint(for: by, among: known)); known: \(known.joined(separator: ", "))"
      )
    }
    let names = format.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    for name in names where ReportFormat(rawValue: name) == nil {
      let known = ReportFormat.allCases.map(\.rawValue)
      throw ValidationError(
        "unknown report format '\(name)'\(NameSuggestion.hint(for: name, among: known)); known: \(known.joined(separator: ", "))"
      )
    }
    if ReportLanguage(rawValue: lang) == nil {
      let known = ReportLanguage.allCases.map(\.rawValue)
      throw ValidationError(
        "unknown language '\(lang)'\(NameSuggestion.hint(for: lang, among: known)); known: \(known.joined(separator: ", "))"
      )
    }
    if CSVDialect(rawValue: csvDialect) == nil {
      let known = CSVDialect.allCases.map(\.rawValue)
      throw ValidationError(
        "unknown CSV dialect '\(csvDialect)'\(NameSuggestion.hint(for: csvDialect, among: known)); known: \(known.joined(separator: ", "))"
      )
    }
  }

  func run() throws {
    do throws(DiagnosticError) {
      let book = try rates.load()
      let reader = try ScenarioReader(rates: book)
      let calculator = Calculator(rates: book)
      var inputs: [(result: ScenarioResult, context: ReportContext)] = []
      var failures: [Diagnostic] = []
      // Every scenario is tried, so one run reports the problems of all of them.
      for path in scenarios {
        do {
          let loaded = try reader.read(path: path)
          DiagnosticPrinter.print(loaded.warnings)
          let result = try calculator.run(loaded.scenario)
          DiagnosticPrinter.print(result.warnings)
          let context = ReportContext(
            scenarioPath: path, scenarioSHA256: loaded.sha256, samkalkVersion: SamkalkVersion.current)
          inputs.append((result, context))
        } catch {
          failures += error.diagnostics
        }
      }
      if !failures.isEmpty { throw DiagnosticError(failures) }
      let comparison = try MeasureComparison(inputs, by: ComparisonCriterion(rawValue: by)!)
      DiagnosticPrinter.print(comparison.warnings)
      let written = try ReportWriter.write(
        comparison, samkalkVersion: SamkalkVersion.current, formats: formats, directory: out,
        protectedPaths: scenarios + rates.files, options: options)
      FileHandleOutput.standardOutput(ComparisonTable.render(comparison))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
