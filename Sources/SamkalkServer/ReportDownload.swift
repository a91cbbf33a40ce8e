import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// A report as a download, rendered in memory by the SamkalkReports writers (nothing is written
/// to disk): XML, CSV, the Excel workbook, or the HTML report on its own.
enum ReportDownload {
  enum Format: String, CaseIterable, Sendable {
    case xml, csv, xlsx, html

    var contentType: String {
      switch self {
      case .xml: "application/xml; charset=utf-8"
      case .csv: "text/csv; charset=utf-8"
      case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      case .html: "text/html; charset=utf-8"
      }
    }
  }

  /// The report's bytes; the workbook writer's errors are reported as a diagnostic.
  static func render(
    _ result: ScenarioResult, context: ReportContext, format: Format
  ) throws(DiagnosticError) -> [UInt8] {
    let goals = result.scenario.goals.map { Goal($0, in: result.scenario) }
    switch format {
    case .xml: return XMLReport.render(result, context: context)
    case .csv: return CSVReport.render(result)
    case .html: return HTMLReport.render(result, context: context, goals: goals)
    case .xlsx:
      do {
        return try XLSXReport.render(result, context: context, goals: goals)
      } catch {
        throw DiagnosticError(
          .error("cannot render the workbook: \(error)", at: SourceLocation(file: context.scenarioPath)))
      }
    }
  }

  /// `porten-2016-2018.xlsx`: the scenario id with anything but `[A-Za-z0-9._-]` replaced, so
  /// the Content-Disposition header cannot be broken by an uploaded scenario's id.
  static func fileName(_ id: String, _ format: Format) -> String {
    let safe = String(
      id.map { character in
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) ? character : "_"
      }.prefix(100))
    return (safe.isEmpty || safe.hasPrefix(".") ? "report" + safe : safe) + "." + format.rawValue
  }
}
