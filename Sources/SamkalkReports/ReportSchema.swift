import Foundation
import SamkalkCore
import SamkalkXML

/// The XML report format's XML Schema, shipped as `Sources/SamkalkReports/Schemas/report.xsd`.
public enum ReportSchema {
  /// The current version of the report format (the root element's `version` attribute).
  public static let version = "2"
  /// The namespace of report files.
  public static let namespace = "urn:samkalk:report:2"

  /// The path of the bundled `report.xsd`.
  public static var path: String {
    Bundle.module.path(forResource: "report", ofType: "xsd")
      ?? Bundle.module.bundlePath + "/report.xsd"
  }

  public static func load() throws(DiagnosticError) -> XMLSchema {
    try XMLSchema(path: path)
  }
}
