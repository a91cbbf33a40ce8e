import SamkalkCore
import SamkalkEngine
import SamkalkReports

/// A report as a download, rendered in memory by the SamkalkReports writers (nothing is written
/// to disk): XML, CSV, the Excel workbook, or the HTML report on its own.
enum ReportDownload {
  /// A download as computed on ``ComputeQueue``: the file, the page of a form that cannot be
  /// used (422), or a renderer's failure.
  enum Rendered: Sendable {
    case file(ScenarioResult, [UInt8])
    case page(status: Int, bytes: [UInt8])
    case failed(String)
  }

  /// The entry's report in `format`, or with a submitted form's changes, the changed report's.
  static func render(_ entry: CatalogEntry, fields: FormFields, format: ReportFormat) -> Rendered {
    var result = entry.result
    var reportContext = entry.context
    if let recalculation = Recalculation(entry, fields: fields) {
      guard let changed = recalculation.result else {
        let page = AppPages.scenario(entry, fields: fields)
        return .page(status: page.status, bytes: page.bytes)
      }
      result = changed
      reportContext = recalculation.context
    }
    do {
      return .file(result, try render(result, context: reportContext, format: format))
    } catch {
      return .failed(error.description)
    }
  }

  /// The report's main file in `format`, as `samkalk run` would write it (``ReportWriter/files``),
  /// with the scenario's goals; a renderer's error becomes a diagnostic.
  static func render(
    _ result: ScenarioResult, context: ReportContext, format: ReportFormat
  ) throws(DiagnosticError) -> [UInt8] {
    let options = ReportOptions(goals: result.scenario.goals.map { Goal($0, in: result.scenario) })
    let file = ReportWriter.files(result, context: context, formats: [format], options: options)[0]
    do {
      return try file.render()
    } catch {
      throw DiagnosticError(
        .error("cannot render the report: \(error)", at: SourceLocation(file: context.scenarioPath)))
    }
  }

  /// `porten-2016-2018.xlsx`: the scenario id with anything but `[A-Za-z0-9._-]` replaced, so
  /// the Content-Disposition header cannot be broken by an uploaded scenario's id.
  static func fileName(_ id: String, _ format: ReportFormat) -> String {
    let safe = String(
      id.map { character in
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) ? character : "_"
      }.prefix(100))
    return (safe.isEmpty || safe.hasPrefix(".") ? "report" + safe : safe) + "." + format.rawValue
  }
}

extension ReportFormat {
  /// The Content-Type of a download in this format.
  var contentType: String {
    switch self {
    case .xml: "application/xml; charset=utf-8"
    case .csv: "text/csv; charset=utf-8"
    case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case .html: "text/html; charset=utf-8"
    }
  }
}
