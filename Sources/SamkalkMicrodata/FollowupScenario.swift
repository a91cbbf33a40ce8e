import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates

extension FollowupStudy {
  /// The options a scenario's `<followup>` asks for: its windows, group size, bootstrap, seed
  /// and missing-data rule, on the scenario's rates date.
  public static func options(for spec: FollowupSpec, ratesDate: Day, skipInvalid: Bool = false) -> Options {
    var options = Options()
    options.monthsBefore = spec.monthsBefore
    options.monthsAfter = spec.monthsAfter
    options.groupSize = spec.groupSize
    options.bootstrapReplicates = spec.bootstrapReplicates
    options.seed = spec.seed
    options.keepPartial = spec.keepPartial
    options.skipInvalid = skipInvalid
    options.ratesDate = ratesDate
    return options
  }

  /// Runs the follow-up study of a scenario's `<followup>` (`nil` when it has none), with the
  /// scenario's own rate values added to `rates` and the scenario's rates date. The result's
  /// `file` is the data file relative to the working directory when it lies below it.
  ///
  /// ```swift
  /// let loaded = try ScenarioReader(rates: book).read(path: "Scenarios/uppfoljning-exempel.xml")
  /// if let result = try FollowupStudy.run(scenario: loaded.scenario, rates: book) {  // SamkalkReports writes it
  ///   _ = try FollowupReportWriter.write(result, formats: [.xml, .csv], samkalkVersion: v, directory: "reports")
  /// }
  /// ```
  public static func run(
    scenario: Scenario, rates: RateBook, skipInvalid: Bool = false,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(DiagnosticError) -> FollowupResult? {
    guard let spec = scenario.followup else { return nil }
    var options = options(for: spec, ratesDate: scenario.ratesDate, skipInvalid: skipInvalid)
    options.progress = progress
    let book = scenario.rateValues.isEmpty ? rates : rates.adding(scenarioValues: scenario.rateValues)
    var result = try FollowupStudy(rates: book, options: options).run(path: spec.path)
    result.file = displayPath(spec.path)
    return result
  }

  /// The path relative to the working directory when the file lies below it (so that reports do
  /// not depend on where the repository is checked out), else the path as it is.
  static func displayPath(_ path: String) -> String {
    let directory = FileManager.default.currentDirectoryPath
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}
