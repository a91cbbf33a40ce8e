import SamkalkCore
import SamkalkEngine

/// Renders and writes a run's reports.
public enum ReportWriter {
  /// Writes `DIR/<scenario-id>.<ext>` for each format; returns the paths written.
  ///
  /// Every target is checked against `protectedPaths` before the first file is written, so a
  /// refused run writes nothing. Each file is written with ``AtomicFile``.
  public static func write(
    _ result: ScenarioResult, context: ReportContext, formats: [ReportFormat], directory: String,
    protectedPaths: [String]
  ) throws(DiagnosticError) -> [String] {
    let id = result.scenario.id
    guard !id.isEmpty, id != ".", id != "..", !id.contains("/"), !id.contains("\0") else {
      throw DiagnosticError(
        .error(
          "scenario id '\(id)' cannot be used as a file name", at: SourceLocation(file: directory)))
    }
    var unique: [ReportFormat] = []
    for format in formats where !unique.contains(format) { unique.append(format) }
    let base =
      directory.isEmpty
      ? "." : (directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
    let targets = unique.map { ($0, base + "/" + id + "." + $0.rawValue) }
    for (_, path) in targets {
      if let input = protectedPaths.first(where: { AtomicFile.sameFile(path, $0) }) {
        throw DiagnosticError(
          .error(
            "refusing to overwrite '\(input)': it is an input of this run; choose another output directory",
            at: SourceLocation(file: path)))
      }
    }
    var written: [String] = []
    for (format, path) in targets {
      let bytes: [UInt8]
      switch format {
      case .xml: bytes = XMLReport.render(result, context: context)
      case .csv: bytes = CSVReport.render(result)
      }
      try AtomicFile.write(bytes, to: path, protectedPaths: protectedPaths)
      written.append(path)
    }
    return written
  }
}
