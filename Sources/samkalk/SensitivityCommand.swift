import ArgumentParser
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports
import SamkalkUncertainty

/// `samkalk sensitivity SCENARIO.xml [--range 20%] [--list] [--out DIR] [--format …] [--lang …] [--csv-dialect …]`
struct SensitivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sensitivity",
    abstract: "One-way sensitivity of NPV to every input and rate, with switching values.",
    discussion: """
      Sets each numeric scenario input and each rate the result uses to its low and high (the scenario's \
      <vary low high> or the base ± the range) with everything else at its base, and reports every \
      perspective's NPV there, the swing (tornado data sorted by society's swing) and the value at which \
      each perspective's NPV crosses zero, or none in range. Writes DIR/<id>-sensitivity.xml and .csv (and \
      .html, .xlsx on request).
      """)

  @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario.xml"))
  var scenario: String

  @Option(name: .long, help: ArgumentHelp("The relative range, e.g. 20% or 0.2 (default 20%).", valueName: "range"))
  var range: String = "20%"

  @Flag(name: .long, help: "List the parameters that would be varied, with their base values, and stop.")
  var list = false

  @OptionGroup var output: ReportOutputOptions

  @OptionGroup var rates: RatesOptions

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  /// The range as a share: `20%`, `20 %` and `0.2` are all 0.2.
  var share: Double? {
    let text = range.trimmed
    if text.hasSuffix("%") {
      return Double(text.dropLast().trimmed).map { $0 / 100 }
    }
    return Double(text)
  }

  func validate() throws {
    guard let share, share > 0, share < 1 else {
      throw ValidationError("--range '\(range)' must be a share above 0 and below 100 %, e.g. 20% or 0.2")
    }
  }

  func run() throws {
    do {
      let book = try rates.load()
      let loaded = try ScenarioReader(rates: book, fileReferences: scenarioFiles.fileReferences).read(path: scenario)
      DiagnosticPrinter.print(loaded.warnings)
      let analyzer = SensitivityAnalyzer(rates: book)
      if list {
        for parameter in try analyzer.parameters(of: loaded.scenario) {
          FileHandleOutput.standardOutput(
            "\(parameter.id)\t\(DecimalText.format(parameter.base, decimals: 6))\t\(parameter.unit)\n")
        }
        return
      }
      let analysis = try analyzer.run(loaded.scenario, range: share!)
      let options = output.options()
      output.announce(
        AnalysisSummary.render(analysis),
        written: try SensitivityReportWriter.write(
          analysis, formats: output.formats, language: options.language, csvDialect: options.csvDialect,
          samkalkVersion: SamkalkVersion.current, directory: output.out,
          protectedPaths: loaded.inputPaths + rates.inputPaths))
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
