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

  @OptionGroup var output: ReportOutputOptions

  @OptionGroup var rates: RatesOptions

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
        result, context: context, formats: output.formats, directory: output.out,
        protectedPaths: [scenario] + rates.files,
        options: output.options(goals: loaded.scenario.goals.map { Goal($0, in: loaded.scenario) }))
      FileHandleOutput.standardOutput(SummaryTable.render(result))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
      try runFollowup(loaded.scenario, rates: book)
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }

  /// A scenario with `<followup>` also runs its follow-up study and writes that report beside
  /// the scenario's, in the same formats, language and CSV dialect.
  private func runFollowup(_ scenario: Scenario, rates book: RateBook) throws(DiagnosticError) {
    guard
      let followup = try FollowupStudy.run(scenario: scenario, rates: book, skipInvalid: false, progress: nil),
      let data = scenario.followup?.path
    else { return }
    DiagnosticPrinter.print(followup.skipped + followup.warnings)
    let options = output.options()
    let written = try FollowupReportWriter.write(
      followup, formats: output.formats, language: options.language, csvDialect: options.csvDialect,
      samkalkVersion: SamkalkVersion.current, title: scenario.title, directory: output.out,
      protectedPaths: [self.scenario, data] + rates.files)
    FileHandleOutput.standardOutput("\n" + FollowupReport.summary(followup))
    for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
  }
}
