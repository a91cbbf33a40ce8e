import SamkalkCore
import SamkalkEngine

/// Renders and writes a run's reports.
public enum ReportWriter {
  /// Writes `DIR/<scenario-id>.<ext>` for each format (and `DIR/<scenario-id>-subgroups.csv`
  /// with the CSV when the scenario has subgroups); returns the paths written.
  ///
  /// Every target is checked against `protectedPaths` before the first file is written, so a
  /// refused run writes nothing; the files are written as one set (``AtomicFile``).
  public static func write(
    _ result: ScenarioResult, context: ReportContext, formats: [ReportFormat], directory: String,
    protectedPaths: [String], options: ReportOptions = ReportOptions()
  ) throws(DiagnosticError) -> [String] {
    try write(
      namedFiles(result, context: context, formats: formats, directory: directory, options: options),
      directory: directory, protectedPaths: protectedPaths)
  }

  /// ``files(_:context:formats:options:)`` named after the scenario id (`porten.xml`, …), for
  /// ``write(_:directory:protectedPaths:)``; refuses an id that cannot be a file name.
  public static func namedFiles(
    _ result: ScenarioResult, context: ReportContext, formats: [ReportFormat], directory: String,
    options: ReportOptions = ReportOptions()
  ) throws(DiagnosticError) -> [(name: String, render: () throws -> [UInt8])] {
    let id = try fileStem(result.scenario.id, directory: directory)
    return files(result, context: context, formats: formats, options: options).map { file in
      (name: id + file.suffix, render: file.render)
    }
  }

  /// The run's report files for the formats asked for (each once, in the order given): the file
  /// name after the scenario id (`.xml`, `-subgroups.csv`, …) and how to render it. The one list
  /// that ``write(_:context:formats:directory:protectedPaths:options:)`` writes and `samkalk serve`
  /// renders in memory.
  public static func files(
    _ result: ScenarioResult, context: ReportContext, formats: [ReportFormat], options: ReportOptions = ReportOptions()
  ) -> [(suffix: String, render: () throws -> [UInt8])] {
    var files: [(suffix: String, render: () throws -> [UInt8])] = []
    for format in unique(formats) {
      switch format {
      case .xml: files.append((".xml", { XMLReport.render(result, context: context) }))
      case .csv:
        files.append((".csv", { CSVReport.render(result, dialect: options.csvDialect) }))
        if let subgroups = CSVReport.renderSubgroups(result, dialect: options.csvDialect) {
          files.append(("-subgroups.csv", { subgroups }))
        }
      case .html:
        files.append(
          (".html", { HTMLReport.render(result, context: context, language: options.language, goals: options.goals) }))
      case .xlsx:
        files.append(
          (
            ".xlsx",
            { try XLSXReport.render(result, context: context, language: options.language, goals: options.goals) }
          ))
      }
    }
    return files
  }

  /// Writes `DIR/comparison.xml` and/or `DIR/comparison.csv`; returns the paths written.
  public static func write(
    _ comparison: MeasureComparison, samkalkVersion: String, formats: [ReportFormat], directory: String,
    protectedPaths: [String], options: ReportOptions = ReportOptions()
  ) throws(DiagnosticError) -> [String] {
    let files: [(String, () throws -> [UInt8])] = unique(formats).map { format in
      switch format {
      case .xml: ("comparison.xml", { ComparisonXML.render(comparison, samkalkVersion: samkalkVersion) })
      case .csv: ("comparison.csv", { ComparisonCSV.render(comparison, dialect: options.csvDialect) })
      case .html:
        (
          "comparison.html",
          { ComparisonHTML.render(comparison, samkalkVersion: samkalkVersion, language: options.language) }
        )
      case .xlsx: ("comparison.xlsx", { try ComparisonXLSX.workbook(comparison, language: options.language).render() })
      }
    }
    return try write(files, directory: directory, protectedPaths: protectedPaths)
  }

  /// The scenario id as the start of a file name; refuses one that cannot be (empty, `.`, `..`,
  /// containing `/` or NUL), so no report is written outside the directory.
  static func fileStem(_ id: String, directory: String) throws(DiagnosticError) -> String {
    guard !id.isEmpty, id != ".", id != "..", !id.contains("/"), !id.contains("\0") else {
      throw DiagnosticError(
        .error(
          "scenario id '\(id)' cannot be used as a file name", at: SourceLocation(file: directory)))
    }
    return id
  }

  static func unique(_ formats: [ReportFormat]) -> [ReportFormat] {
    var unique: [ReportFormat] = []
    for format in formats where !unique.contains(format) { unique.append(format) }
    return unique
  }

  /// Renders every file, then writes them as one set into `directory` (``AtomicFile``): each
  /// target is checked against the protected paths (the run's inputs) and a file that fails to
  /// render or write leaves every earlier report as it was. Returns the paths written.
  public static func write(
    _ files: [(name: String, render: () throws -> [UInt8])], directory: String, protectedPaths: [String]
  ) throws(DiagnosticError) -> [String] {
    let base =
      directory.isEmpty
      ? "." : (directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
    let paths = files.map { base + "/" + $0.name }
    // Checked before anything is rendered, so a refused run costs no rendering either.
    for path in paths { try AtomicFile.check(path, protectedPaths: protectedPaths) }
    var items: [AtomicFile.Item] = []
    for (path, file) in zip(paths, files) {
      do {
        items.append(AtomicFile.Item(path: path, bytes: try file.render()))
      } catch {
        throw DiagnosticError(.error("cannot render the report: \(error)", at: SourceLocation(file: path)))
      }
    }
    try AtomicFile.write(items, protectedPaths: protectedPaths)
    return paths
  }
}
