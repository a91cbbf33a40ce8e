import SamkalkCore

/// Provenance a report states that the engine does not know: which scenario file the result
/// was computed from and which samkalk built it.
public struct ReportContext: Sendable {
  /// The scenario file's path as the user gave it (reports print it as is).
  public var scenarioPath: String
  /// SHA-256 of the scenario file's bytes, 64 lowercase hex digits.
  public var scenarioSHA256: String
  /// The samkalk version that wrote the report.
  public var samkalkVersion: String

  public init(scenarioPath: String, scenarioSHA256: String, samkalkVersion: String) {
    self.scenarioPath = scenarioPath
    self.scenarioSHA256 = scenarioSHA256
    self.samkalkVersion = samkalkVersion
  }
}

/// The report formats; the raw value is the file extension. `xml` and `csv` are machine formats
/// (locale-free); `html` and `xlsx` are for people (labels in the report language).
public enum ReportFormat: String, CaseIterable, Sendable {
  case xml
  case csv
  case html
  case xlsx
}

/// How the files are written: the language of the human formats, the CSV dialect, and the ESF
/// goals to follow up (when the scenario states any).
public struct ReportOptions: Sendable {
  public var language: ReportLanguage
  public var csvDialect: CSVDialect
  public var goals: [Goal]

  public init(language: ReportLanguage = .sv, csvDialect: CSVDialect = .rfc4180, goals: [Goal] = []) {
    self.language = language
    self.csvDialect = csvDialect
    self.goals = goals
  }
}
