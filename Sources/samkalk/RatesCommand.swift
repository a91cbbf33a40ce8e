import ArgumentParser
import SamkalkCore
import SamkalkRates

/// `samkalk rates show|check`: see and check every number samkalk computes with.
struct RatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates",
    abstract: "Show the rates in force, or check rate files.",
    subcommands: [Show.self, Check.self])

  /// `samkalk rates show [--year Y] [--municipality KOD|NAME] [--key PREFIX] [--rates FILE...]`
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the values in force on 1 January of a year, with unit, status, source and file.")

    @Option(help: "The year (default: the latest year with a municipal tax table).") var year: Int?
    @Option(help: ArgumentHelp("Also show this municipality's tax rates.", valueName: "kod|namn"))
    var municipality: String?
    @Option(help: ArgumentHelp("Only keys starting with this prefix, e.g. formaner.", valueName: "prefix"))
    var key: String?
    @OptionGroup var rates: RatesOptions

    func validate() throws {
      if let year, !(1900...2200).contains(year) { throw ValidationError("--year must be a year such as 2025") }
    }

    func run() throws {
      do {
        let book = try rates.load()
        let year = year ?? book.municipalYears.last ?? 2026
        FileHandleOutput.standardOutput(
          try RatesListing.render(book: book, year: year, municipality: municipality, prefix: key))
      } catch {
        DiagnosticPrinter.print(error.diagnostics)
        throw ExitCode.failure
      }
    }
  }

  /// `samkalk rates check FILE...`: exit 0 when every file is valid, 1 with diagnostics otherwise.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check rate files (CSV tables or XML parameter files); exit 1 with diagnostics when any is bad.")

    @Argument(help: ArgumentHelp("Rate files.", valueName: "file")) var files: [String]
    @Option(
      name: .customLong("rates-dir"),
      help: ArgumentHelp("The shipped rate tables' folder (default: the repository's Rates/).", valueName: "dir"))
    var directory: String?

    func validate() throws {
      guard !files.isEmpty else { throw ValidationError("give at least one rate file") }
    }

    func run() throws {
      let book: RateBook
      do {
        book = try RateBook.shipped(directory: directory ?? ShippedRates.directory)
      } catch {
        DiagnosticPrinter.print(error.diagnostics)
        throw ExitCode.failure
      }
      let diagnostics = RateFileCheck.check(paths: files, against: book)
      DiagnosticPrinter.print(diagnostics)
      let failing = Set(diagnostics.filter { $0.severity == .error }.map(\.location.file))
      for file in files where !failing.contains(file) { FileHandleOutput.standardOutput("\(file): ok\n") }
      if !failing.isEmpty { throw ExitCode.failure }
    }
  }
}

/// The text of `samkalk rates show`.
enum RatesListing {
  static func render(book: RateBook, year: Int, municipality: String?, prefix: String?) throws(DiagnosticError)
    -> String
  {
    let date = Day(year: year, month: 1, day: 1)
    var text = "Rates in force on \(date)\n"
    if let municipality {
      do {
        let rates = try book.municipality(municipality, year: year)
        text += "\(rates.name) (\(rates.code)) \(year): kommunalskatt \(percent(rates.kommunal)) %, "
        text += "regionskatt \(percent(rates.regional)) %, total \(percent(rates.total)) % "
        text += "[\(rates.status.rawValue)] \(rates.source.citation) (\(rates.origin.location.file))\n"
      } catch {
        throw DiagnosticError(.error(error.description, at: SourceLocation(file: "--municipality")))
      }
    }
    let keys = book.keys.filter { prefix == nil || $0.rawValue.hasPrefix(prefix!) }
    guard !keys.isEmpty else {
      throw DiagnosticError(
        .error(
          "no rate key starts with '\(prefix ?? "")'\(NameSuggestion.hint(for: prefix ?? "", among: book.keys.map(\.rawValue)))",
          at: SourceLocation(file: "--key")))
    }
    for key in keys {
      let unit = book.info(for: key)?.unit.rawValue ?? ""
      do {
        let resolved = try book.resolve(key, at: date)
        let value = resolved.number.map { DecimalText.trimmed($0) } ?? resolved.actor?.rawValue ?? ""
        var line = "\(key) = \(value) \(unit) [\(resolved.value.status.rawValue)] from \(resolved.value.from)"
        if let extrapolation = resolved.extrapolation {
          line += ", extrapolated (\(extrapolation.method) from \(extrapolation.baseDate), factor "
          line += "\(DecimalText.format(extrapolation.factor, decimals: 6)))"
        }
        line += "; \(resolved.value.source.citation) (\(resolved.value.origin.location.file))"
        text += line + "\n"
      } catch {
        text += "\(key) = none: \(error.description)\n"
      }
    }
    return text
  }

  static func percent(_ share: Double) -> String { DecimalText.format(share * 100, decimals: 2) }
}
