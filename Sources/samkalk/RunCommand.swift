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

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  func run() throws {
    do {
      let book = try rates.load()
      let loaded = try ScenarioReader(rates: book, fileReferences: scenarioFiles.fileReferences).read(path: scenario)
      DiagnosticPrinter.print(loaded.warnings)
      let result = try Calculator(rates: book).run(loaded.scenario)
      DiagnosticPrinter.print(result.warnings)
      // A scenario with <followup> also gets its follow-up report: computed before anything is
      // written, so that both reports are written as one set or not at all.
      let followup = try FollowupStudy.run(scenario: loaded.scenario, rates: book, skipInvalid: false, progress: nil)
      if let followup { DiagnosticPrinter.print(followup.skipped + followup.warnings) }
      let context = ReportContext(
        scenarioPath: scenario, scenarioSHA256: loaded.sha256, samkalkVersion: SamkalkVersion.current)
      let options = output.options(goals: loaded.scenario.goals.map { Goal($0, in: loaded.scenario) })
      var files = try ReportWriter.namedFiles(
        result, context: context, formats: output.formats, directory: output.out, options: options)
      if let followup {
        files += try FollowupReportWriter.files(
          followup, formats: output.formats, language: options.language, csvDialect: options.csvDialect,
          samkalkVersion: SamkalkVersion.current, title: loaded.scenario.title, directory: output.out)
      }
      let written = try ReportWriter.write(
        files, directory: output.out, protectedPaths: loaded.inputPaths + rates.inputPaths)
      FileHandleOutput.standardOutput(SummaryTable.render(result))
      if let followup { FileHandleOutput.standardOutput("\n" + FollowupReport.summary(followup)) }
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
