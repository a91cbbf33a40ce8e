import ArgumentParser
import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports
import SamkalkUncertainty

/// `samkalk uncertainty SCENARIO.xml [--draws N] [--seed S] [--threads T] [--out DIR] [--format …] [--lang …]`
struct UncertaintyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uncertainty",
    abstract: "Monte Carlo: NPV and payback per actor over draws of the scenario's distributions.",
    discussion: """
      Draws every <vary distribution=…> of the scenario, evaluates the scenario for each draw and reports per \
      perspective the mean, the 5th, 50th and 95th percentiles of NPV, P(NPV > 0), P(payback within the \
      mandate period) and the distribution of payback months. The same seed gives the same figures whatever \
      the number of threads. Writes DIR/<id>-uncertainty.xml and .csv (and .html, .xlsx on request). A \
      progress bar is drawn on standard error when it is a terminal and the run has 10 000 draws or more.
      """)

  @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario.xml"))
  var scenario: String

  @Option(name: .long, help: "Draws (default: the scenario's <uncertainty draws>, else 10 000).")
  var draws: Int?

  @Option(name: .long, help: "Seed (default: the scenario's <uncertainty seed>, else 1).")
  var seed: UInt64?

  @Option(name: .long, help: "Threads (default: the number of cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @OptionGroup var output: ReportOutputOptions

  @OptionGroup var rates: RatesOptions

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  func validate() throws {
    if let draws, !(1...MonteCarlo.maximumDraws).contains(draws) {
      throw ValidationError("--draws \(draws) must be from 1 to \(MonteCarlo.maximumDraws)")
    }
    guard (1...256).contains(threads) else { throw ValidationError("--threads \(threads) must be from 1 to 256") }
  }

  func run() throws {
    do throws(DiagnosticError) {
      let book = try rates.load()
      let loaded = try ScenarioReader(rates: book, fileReferences: scenarioFiles.fileReferences).read(path: scenario)
      DiagnosticPrinter.print(loaded.warnings)
      let spec = loaded.scenario.uncertainty
      if !spec.parameters.contains(where: { $0.distribution != nil }) {
        DiagnosticPrinter.print([
          .warning(
            "no <vary> has a distribution: every draw is the deterministic result",
            at: SourceLocation(file: scenario))
        ])
      }
      let count = draws ?? spec.draws ?? 10_000
      guard count <= MonteCarlo.maximumDraws else {
        throw DiagnosticError(
          .error(
            "<uncertainty draws=\"\(count)\"> is above \(MonteCarlo.maximumDraws)", at: SourceLocation(file: scenario)))
      }
      let progress: (@Sendable (Int) -> Void)? =
        ProgressBar.isTerminal && count >= 10_000
        ? { @Sendable done in ProgressBar.draw(done: done, total: count) } : nil
      let analysis = try MonteCarlo(rates: book).run(
        loaded.scenario, draws: count, seed: seed ?? spec.seed ?? 1, threads: threads, progress: progress)
      let options = output.options()
      output.announce(
        AnalysisSummary.render(analysis),
        written: try UncertaintyReportWriter.write(
          analysis, formats: output.formats, language: options.language, csvDialect: options.csvDialect,
          samkalkVersion: SamkalkVersion.current, directory: output.out,
          protectedPaths: loaded.inputPaths + rates.inputPaths))
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
  }
}
