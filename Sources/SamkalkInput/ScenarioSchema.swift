import Foundation
import SamkalkCore
import SamkalkXML

/// The scenario file format's XML Schema, shipped as `Sources/SamkalkInput/Schemas/scenario.xsd`.
///
/// Users can validate scenario files with any XSD tool against that file; samkalk validates
/// every scenario against it through libxml2 before reading it.
public enum ScenarioSchema {
  /// The current version of the scenario format (the root element's `version` attribute).
  public static let version = "1"
  /// Every format version this samkalk reads.
  public static let supportedVersions = ["1"]
  /// The namespace of scenario files.
  public static let namespace = "urn:samkalk:scenario:1"

  /// The path of the bundled `scenario.xsd`.
  public static var path: String {
    Bundle.module.path(forResource: "scenario", ofType: "xsd")
      ?? Bundle.module.bundlePath + "/scenario.xsd"
  }

  /// The compiled schema, loaded once.
  public static func load() throws(DiagnosticError) -> XMLSchema {
    try XMLSchema(path: path)
  }
}
