import Foundation
import SamkalkCore
import SamkalkXML

/// The XML Schema of the sensitivity and uncertainty reports, shipped as
/// `Sources/SamkalkReports/Schemas/uncertainty.xsd`: one schema, two roots (`<sensitivity>`,
/// `<uncertainty>`), a namespace of its own so that it versions apart from the run report.
public enum UncertaintySchema {
  /// The version of both formats (the root element's `version` attribute).
  public static let version = "1"
  public static let namespace = "urn:samkalk:uncertainty:1"

  /// The path of the bundled `uncertainty.xsd`.
  public static var path: String {
    Bundle.module.path(forResource: "uncertainty", ofType: "xsd") ?? Bundle.module.bundlePath + "/uncertainty.xsd"
  }

  public static func load() throws(DiagnosticError) -> XMLSchema {
    try XMLSchema(path: path)
  }
}
