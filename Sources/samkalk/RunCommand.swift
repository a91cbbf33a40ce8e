import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkMicrodata
import SamkalkRates
import SamkalkReports

/// `samkalk run SCENARIO.xml [--out DIR] [--format xml,csv,html,xlsx] [--lang sv|en] [--csv-dialect rfc4180|excel-sv]`
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Compute a scenario, write its reports and print a summary.",
    discussion:
      "Writes DIR/<scenario-id>.xml and .csv (and .html, .xlsx on request; atomically) and prints per-actor results.")

  @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario.xml"))
  var scenario: String

  @Option(name: .long, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
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

  func options(goals: [Goal]) -> ReportOptions {
    ReportOptions(
      language: ReportLanguage(rawValue: lang) ?? .sv, csvDialect: CSVDialect(rawValue: csvDialect) ?? .rfc4180,
      goals: goals)
  }

  @OptionGroup var rates: RatesOptions

  var formats: [ReportFormat] {
    format.split(separator: ",").compactMap { ReportFormat(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
  }

  func validate() throws {
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
    do {
      let book = try rates.load()
      let loaded = try ScenarioReader(rates: book).read(path: scenario)
      DiagnosticPrinter.print(loaded.warnings)
      let result = try Calculator(rates: book).run(loaded.scenario)
      DiagnosticPrinter.print(result.warnings)
      let context = ReportContext(
        scenarioPath: scenario, scenarioSHA256: loaded.sha256, samkalkVersion: SamkalkVersion.current)
      let written = try ReportWriter.write(
        result, context: context, formats: formats, directory: out,
        protectedPaths: [scenario] + rates.files,
        options: options(goals: loaded.scenario.goals.map { Goal($0, in: loaded.scenario) }))
      FileHandleOutput.standardOutput(SummaryTable.render(result))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
      try runFollowup(loaded.scenario, rates: book)
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }

  /// A scenario with `<followup>` also runs its follow-up study and writes that report beside
  /// the scenario's (XML and CSV; the follow-up report has no HTML or workbook form yet).
  private func runFollowup(_ scenario: Scenario, rates book: RateBook) throws(DiagnosticError) {
    guard
      let followup = try FollowupStudy.run(scenario: scenario, rates: book, skipInvalid: false, progress: nil),
      let data = scenario.followup?.path
    else { return }
    DiagnosticPrinter.print(followup.skipped + followup.warnings)
    let written = try FollowupReport.write(
      followup, formats: [.xml, .csv], directory: out, samkalkVersion: SamkalkVersion.current,
      protectedPaths: [self.scenario, data] + rates.files)
    FileHandleOutput.standardOutput("\n" + FollowupReport.summary(followup))
    for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
  }
}
