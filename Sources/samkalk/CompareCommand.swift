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

  @OptionGroup var output: ReportOutputOptions

  @Option(
    name: .long,
    help: ArgumentHelp("Rank by society's npv, payback or bcr.", valueName: "criterion"))
  var by: String = ComparisonCriterion.npv.rawValue

  @OptionGroup var rates: RatesOptions

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  func validate() throws {
    guard scenarios.count >= 2 else {
      throw ValidationError("give at least two scenario files to compare (got \(scenarios.count))")
    }
    try ReportOutputOptions.require(by, among: ComparisonCriterion.allCases.map(\.rawValue), what: "criterion")
  }

  func run() throws {
    do throws(DiagnosticError) {
      let book = try rates.load()
      let reader = try ScenarioReader(rates: book, fileReferences: scenarioFiles.fileReferences)
      let calculator = Calculator(rates: book)
      var inputs: [(result: ScenarioResult, context: ReportContext)] = []
      var inputPaths: [String] = []
      var failures: [Diagnostic] = []
      // Every scenario is tried, so one run reports the problems of all of them.
      for path in scenarios {
        do {
          let loaded = try reader.read(path: path)
          inputPaths += loaded.inputPaths
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
        comparison, samkalkVersion: SamkalkVersion.current, formats: output.formats, directory: output.out,
        protectedPaths: scenarios + inputPaths + rates.inputPaths, options: output.options())
      FileHandleOutput.standardOutput(ComparisonTable.render(comparison))
      for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
