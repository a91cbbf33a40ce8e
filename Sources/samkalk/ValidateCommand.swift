import ArgumentParser
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates

/// `samkalk validate FILE...`: exit 0 when every file is valid, 1 with diagnostics otherwise.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check scenario files against the schema and the rate tables.")

  @Argument(help: ArgumentHelp("Scenario files.", valueName: "file"))
  var files: [String]

  @OptionGroup var rates: RatesOptions

  @OptionGroup var scenarioFiles: ScenarioFileOptions

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
  }

  func run() throws {
    let reader: ScenarioReader
    do {
      reader = try ScenarioReader(rates: try rates.load(), fileReferences: scenarioFiles.fileReferences)
    } catch {
      DiagnosticPrinter.print(error.diagnostics)
      throw ExitCode.failure
    }
    var failed = false
    for file in files {
      var diagnostics = reader.check(path: file)
      // A file the reader accepts is also computed once, so that validate refuses what run would
      // (an amount that overflows the ledger's öre, a rate missing on the rates date, …).
      if !diagnostics.contains(where: { $0.severity == .error }) {
        do {
          _ = try Calculator(rates: reader.rates).run(try reader.read(path: file).scenario)
        } catch {
          diagnostics += error.diagnostics
        }
      }
      DiagnosticPrinter.print(diagnostics)
      if diagnostics.contains(where: { $0.severity == .error }) {
        failed = true
      } else {
        FileHandleOutput.standardOutput("\(file): ok\n")
      }
    }
    if failed { throw ExitCode.failure }
  }
}
