import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports

/// `samkalk run SCENARIO.xml [--out DIR] [--format xml,csv]`
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Compute a scenario, write its reports and print a summary.",
    discussion: "Writes DIR/<scenario-id>.xml and .csv (atomically) and prints per-actor results.")

  @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario.xml"))
  var scenario: String

  @Option(name: .long, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
  var out: String = "reports"

  @Option(
    name: .long,
    help: ArgumentHelp("Report formats, comma-separated: xml, csv.", valueName: "formats"))
  var format: String = "xml,csv"

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
        protectedPaths: [scenario] + rates.files)
      FileHandleOutput.standardOutput(SummaryTable.render(result))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
