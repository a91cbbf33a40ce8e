import SamkalkCore
import SamkalkEngine

/// Renders and writes a run's reports.
public enum ReportWriter {
  /// Writes `DIR/<scenario-id>.<ext>` for each format (and `DIR/<scenario-id>-subgroups.csv`
  /// with the CSV when the scenario has subgroups); returns the paths written.
  ///
  /// Every target is checked against `protectedPaths` before the first file is written, so a
  /// refused run writes nothing. Each file is written with ``AtomicFile``.
  public static func write(
    _ result: ScenarioResult, context: ReportContext, formats: [ReportFormat], directory: String,
    protectedPaths: [String], options: ReportOptions = ReportOptions()
  ) throws(DiagnosticError) -> [String] {
    let id = try fileStem(result.scenario.id, directory: directory)
    let files = Self.files(result, context: context, formats: formats, options: options).map { file in
      (name: id + file.suffix, render: file.render)
    }
    return try write(files, directory: directory, protectedPaths: protectedPaths)
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

  /// Checks every target against the protected paths, then writes each file atomically.
  static func write(
    _ files: [(name: String, render: () throws -> [UInt8])], directory: String, protectedPaths: [String]
  ) throws(DiagnosticError) -> [String] {
    let base =
      directory.isEmpty
      ? "." : (directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
    let targets = files.map { (base + "/" + $0.name, $0.render) }
    for (path, _) in targets {
      if let input = protectedPaths.first(where: { AtomicFile.sameFile(path, $0) }) {
        throw DiagnosticError(
          .error(
            "refusing to overwrite '\(input)': it is an input of this run; choose another output directory",
            at: SourceLocation(file: path)))
      }
    }
    var written: [String] = []
    for (path, render) in targets {
      let bytes: [UInt8]
      do {
        bytes = try render()
      } catch {
        throw DiagnosticError(.error("cannot render the report: \(error)", at: SourceLocation(file: path)))
      }
      try AtomicFile.write(bytes, to: path, protectedPaths: protectedPaths)
      written.append(path)
    }
    return written
  }
}
