import Foundation

/// Where the shipped rate data lives.
public enum ShippedRates {
  /// `SAMKALK_RATES_DIR` when set, else the repository's `Rates/` folder, found from this
  /// source file's path (`<repo>/Sources/SamkalkRates/ShippedRates.swift`).
  public static var directory: String {
    if let override = ProcessInfo.processInfo.environment["SAMKALK_RATES_DIR"], !override.isEmpty {
      return override
    }
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // ShippedRates.swift, SamkalkRates, Sources
    return parts.joined(separator: "/") + "/Rates"
  }

  /// The path of the XML Schema for rate files, bundled as a resource.
  public static var schemaPath: String? {
    Bundle.module.path(forResource: "rates", ofType: "xsd")
  }
}
