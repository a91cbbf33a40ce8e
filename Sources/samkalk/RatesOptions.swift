import ArgumentParser
import SamkalkCore
import SamkalkRates

/// The options every command that computes shares: which rate files to load.
struct RatesOptions: ParsableArguments {
  @Option(
    name: .customLong("rates"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Rate tables (CSV) that override the shipped ones, in order of precedence.", valueName: "file"))
  var files: [String] = []

  @Option(
    name: .customLong("rates-dir"),
    help: ArgumentHelp("The shipped rate tables' folder (default: the repository's Rates/).", valueName: "dir"))
  var directory: String?

  /// The shipped tables plus the user's files; every problem of every file is reported.
  func load() throws(DiagnosticError) -> RateBook {
    let shipped = try RateBook.shipped(directory: directory ?? ShippedRates.directory)
    return files.isEmpty ? shipped : try shipped.adding(userFiles: files)
  }

  /// Every rate input of a run, for the reports' protected paths: the user's files and the
  /// shipped tables' folder (a folder protects every file below it: `--out Rates/basbelopp`
  /// with a scenario whose id is `prisbasbelopp` would otherwise overwrite a shipped rate file).
  var inputPaths: [String] { files + [directory ?? ShippedRates.directory] }
}
