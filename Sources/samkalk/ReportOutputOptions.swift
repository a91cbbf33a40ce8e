import ArgumentParser
import SamkalkCore
import SamkalkReports

/// The options of every command that writes reports: where, in which formats, which language
/// and CSV dialect. Bad values are rejected in `validate()` with a hint.
struct ReportOutputOptions: ParsableArguments {
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

  var formats: [ReportFormat] {
    format.split(separator: ",").compactMap { ReportFormat(rawValue: $0.trimmed) }
  }

  func options(goals: [Goal] = []) -> ReportOptions {
    ReportOptions(
      language: ReportLanguage(rawValue: lang) ?? .sv, csvDialect: CSVDialect(rawValue: csvDialect) ?? .rfc4180,
      goals: goals)
  }

  /// Prints a command's summary, then the path of every report it wrote.
  func announce(_ summary: String, written: [String]) {
    FileHandleOutput.standardOutput(summary)
    for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
  }

  func validate() throws {
    for name in format.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmed }) {
      try Self.require(name, among: ReportFormat.allCases.map(\.rawValue), what: "report format")
    }
    try Self.require(lang, among: ReportLanguage.allCases.map(\.rawValue), what: "language")
    try Self.require(csvDialect, among: CSVDialect.allCases.map(\.rawValue), what: "CSV dialect")
  }

  /// Throws "unknown WHAT 'x'; did you mean 'y'?; known: …" unless `value` is one of `known`.
  static func require(_ value: String, among known: [String], what: String) throws {
    guard !known.contains(value) else { return }
    throw ValidationError(
      "unknown \(what) '\(value)'\(NameSuggestion.hint(for: value, among: known)); known: \(known.joined(separator: ", "))"
    )
  }
}
