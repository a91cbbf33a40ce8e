import SamkalkCore
import SamkalkMicrodata

/// Writes a follow-up study's reports in any of the four formats.
public enum FollowupReportWriter {
  /// Writes `DIR/<data file stem>-followup.{xml,csv,html,xlsx}` for the formats asked for (each
  /// once) and returns the paths written. The XML is ``FollowupReport/xml(_:samkalkVersion:)``;
  /// the CSV is ``FollowupXLSX/csv(_:dialect:)`` in either dialect (in RFC 4180 the bytes of
  /// ``FollowupReport/csv(_:)``, which a test holds). Every target is checked against
  /// `protectedPaths` and the data file before the first file is written; the files are written
  /// as one set (``AtomicFile``).
  public static func write(
    _ result: FollowupResult, formats: [ReportFormat], language: ReportLanguage = .sv,
    csvDialect: CSVDialect = .rfc4180, samkalkVersion: String, title: String? = nil, directory: String,
    protectedPaths: [String] = []
  ) throws(DiagnosticError) -> [String] {
    let files = try files(
      result, formats: formats, language: language, csvDialect: csvDialect, samkalkVersion: samkalkVersion,
      title: title, directory: directory)
    return try ReportWriter.write(files, directory: directory, protectedPaths: protectedPaths + [result.file])
  }

  /// The follow-up report's files, named `<data file stem>-followup.<ext>`, for
  /// ``ReportWriter/write(_:directory:protectedPaths:)`` (alone, or in one set with a scenario's).
  public static func files(
    _ result: FollowupResult, formats: [ReportFormat], language: ReportLanguage = .sv,
    csvDialect: CSVDialect = .rfc4180, samkalkVersion: String, title: String? = nil, directory: String
  ) throws(DiagnosticError) -> [(name: String, render: () throws -> [UInt8])] {
    let stem = try ReportWriter.fileStem(FollowupHTML.stem(result), directory: directory) + "-followup"
    return ReportWriter.unique(formats).map { format in
      let render: () throws -> [UInt8] =
        switch format {
        case .xml: { FollowupReport.xml(result, samkalkVersion: samkalkVersion) }
        case .csv:
          { FollowupXLSX.csv(result, dialect: csvDialect) }
        case .html: { FollowupHTML.render(result, language: language, samkalkVersion: samkalkVersion, title: title) }
        case .xlsx:
          {
            try FollowupXLSX.workbook(result, language: language, samkalkVersion: samkalkVersion, title: title).render()
          }
        }
      return (name: "\(stem).\(format.rawValue)", render: render)
    }
  }
}
