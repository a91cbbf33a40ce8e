import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports

/// One scenario the app can show: the scenario as read, the engine's result and the rate book it
/// was computed with, so a changed assumption is recomputed against exactly the same rates.
public struct CatalogEntry: Sendable {
  /// The id in URLs: the file name without `.xml` (or `upload-…` for an upload).
  public var id: String
  public var loaded: LoadedScenario
  public var result: ScenarioResult
  public var context: ReportContext
  public var rates: RateBook

  public init(id: String, loaded: LoadedScenario, result: ScenarioResult, context: ReportContext, rates: RateBook) {
    self.id = id
    self.loaded = loaded
    self.result = result
    self.context = context
    self.rates = rates
  }
}

/// A scenario file of the folder that could not be read or computed; the start page lists it
/// with its diagnostics instead of hiding it.
public struct CatalogProblem: Sendable {
  public var fileName: String
  public var diagnostics: [Diagnostic]
}

/// The scenarios of the served folder, read and computed once at start-up.
///
/// Requests name scenarios by id and the id is looked up here; a request never builds a file
/// path, so nothing a browser sends can reach the file system.
public struct ScenarioCatalog: Sendable {
  public var entries: [CatalogEntry]
  /// Files that could not be read or computed, in name order.
  public var problems: [CatalogProblem]

  /// A catalog from entries computed elsewhere (tests, other front ends).
  public init(entries: [CatalogEntry], problems: [CatalogProblem] = []) {
    self.entries = entries
    self.problems = problems
  }

  /// The entry whose id is exactly `id`, if listed.
  public func entry(id: String) -> CatalogEntry? { entries.first { $0.id == id } }

  /// Reads every `*.xml` directly in `directory` (sorted by name) and computes it.
  public static func load(
    directory: String, rates: RateBook, samkalkVersion: String
  ) throws(DiagnosticError) -> ScenarioCatalog {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
    } catch {
      throw DiagnosticError(.error("cannot list the scenarios folder: \(error)", at: SourceLocation(file: directory)))
    }
    let reader = try ScenarioReader(rates: rates)
    let calculator = Calculator(rates: rates)
    var entries: [CatalogEntry] = []
    var problems: [CatalogProblem] = []
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    for name in names {
      let path = base + "/" + name
      do {
        let loaded = try reader.read(path: path)
        let result = try calculator.run(loaded.scenario)
        let context = ReportContext(scenarioPath: path, scenarioSHA256: loaded.sha256, samkalkVersion: samkalkVersion)
        entries.append(
          CatalogEntry(
            id: String(name.dropLast(".xml".count)), loaded: loaded, result: result, context: context, rates: rates))
      } catch {
        problems.append(CatalogProblem(fileName: name, diagnostics: error.diagnostics))
      }
    }
    return ScenarioCatalog(entries: entries, problems: problems)
  }
}
