import SamkalkCore
import SamkalkUncertainty

/// Writes a sensitivity analysis's reports, like ``ReportWriter`` does a run's.
public enum SensitivityReportWriter {
  /// Writes `DIR/<scenario-id>-sensitivity.{xml,csv,html,xlsx}` for the formats asked for (each
  /// once, in the order given) and returns the paths written. Every target is checked against
  /// `protectedPaths` (the run's inputs) before the first file is written; each file is written
  /// atomically (``AtomicFile``). `language` applies to the HTML page and the workbook, `csvDialect`
  /// to the CSV file.
  public static func write(
    _ analysis: SensitivityAnalysis, formats: [ReportFormat], language: ReportLanguage = .sv,
    csvDialect: CSVDialect = .rfc4180, samkalkVersion: String, directory: String, protectedPaths: [String] = []
  ) throws(DiagnosticError) -> [String] {
    let stem = try ReportWriter.fileStem(analysis.scenarioID, directory: directory) + "-sensitivity"
    let files: [(String, () throws -> [UInt8])] = ReportWriter.unique(formats).map { format in
      let render: () throws -> [UInt8] =
        switch format {
        case .xml: { SensitivityReport.xml(analysis) }
        case .csv: { SensitivityReport.csv(analysis, dialect: csvDialect) }
        case .html: { SensitivityReport.html(analysis, language: language, samkalkVersion: samkalkVersion) }
        case .xlsx: { try SensitivityReport.workbook(analysis, language: language).render() }
        }
      return ("\(stem).\(format.rawValue)", render)
    }
    return try ReportWriter.write(files, directory: directory, protectedPaths: protectedPaths)
  }
}

/// Writes a Monte Carlo analysis's reports, like ``ReportWriter`` does a run's.
public enum UncertaintyReportWriter {
  /// Writes `DIR/<scenario-id>-uncertainty.{xml,csv,html,xlsx}` for the formats asked for, and
  /// with the CSV also `DIR/<scenario-id>-uncertainty-distribution.csv` (histogram bins and payback
  /// counts); returns the paths written. Same checks and atomic writes as
  /// ``SensitivityReportWriter/write(_:formats:language:csvDialect:samkalkVersion:directory:protectedPaths:)``.
  public static func write(
    _ analysis: UncertaintyAnalysis, formats: [ReportFormat], language: ReportLanguage = .sv,
    csvDialect: CSVDialect = .rfc4180, samkalkVersion: String, directory: String, protectedPaths: [String] = []
  ) throws(DiagnosticError) -> [String] {
    let stem = try ReportWriter.fileStem(analysis.scenarioID, directory: directory) + "-uncertainty"
    var files: [(String, () throws -> [UInt8])] = []
    for format in ReportWriter.unique(formats) {
      switch format {
      case .xml: files.append(("\(stem).xml", { UncertaintyReport.xml(analysis) }))
      case .csv:
        files.append(("\(stem).csv", { UncertaintyReport.csv(analysis, dialect: csvDialect) }))
        files.append(("\(stem)-distribution.csv", { UncertaintyReport.distributionCSV(analysis, dialect: csvDialect) }))
      case .html:
        files.append(
          ("\(stem).html", { UncertaintyReport.html(analysis, language: language, samkalkVersion: samkalkVersion) }))
      case .xlsx:
        files.append(("\(stem).xlsx", { try UncertaintyReport.workbook(analysis, language: language).render() }))
      }
    }
    return try ReportWriter.write(files, directory: directory, protectedPaths: protectedPaths)
  }
}
