import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkRates
import SamkalkXML

/// A scenario read from a file, with the warnings the reader raised and the file's hash.
public struct LoadedScenario: Sendable {
  public var scenario: Scenario
  /// Warnings (e.g. outcome persons that do not add up to the participants), in file order.
  public var warnings: [Diagnostic]
  /// SHA-256 of the file's bytes, 64 lowercase hex digits, for the report's provenance.
  public var sha256: String
  /// The path as given.
  public var path: String

  /// Every file this scenario makes a run read: the scenario itself and its follow-up data. No
  /// report may replace one of them.
  public var inputPaths: [String] { [path] + (scenario.followup.map { [$0.path] } ?? []) }

  public init(scenario: Scenario, warnings: [Diagnostic], sha256: String, path: String) {
    self.scenario = scenario
    self.warnings = warnings
    self.sha256 = sha256
    self.path = path
  }
}

/// Reads scenario files (format version 1, docs/SCENARIO-FORMAT.md) into the engine's model.
///
/// Reading goes in three steps, and a step runs only when the one before found no error:
///
/// 1. secure XML parsing (no DTD, no entities, no network; size limit);
/// 2. the root's namespace and `version`, then XSD validation against `scenario.xsd`
///    (every schema error, with "did you mean" hints for unknown elements and attributes);
/// 3. the semantic checks in Swift, which collect every problem with the line of the
///    offending element: known situation types, financiers, service items and rate keys
///    (with hints), ranges, shares that add up to 1, months within the horizon, and so on.
///
/// ```swift
/// let reader = try ScenarioReader(rates: try RateBook.shipped())
/// let loaded = try reader.read(path: "Scenarios/porten-2016-2018.xml")
/// ```
public struct ScenarioReader: Sendable {
  public let rates: RateBook
  let schema: XMLSchema
  /// Which files on this machine a scenario may name (`<followup file=…>`): by default only
  /// those in the scenario's own folder. A server reading an upload says ``FileReferences/refused``:
  /// the reader then refuses the element instead of looking for the file, so an upload cannot
  /// probe the server's disk.
  public let fileReferences: FileReferences

  /// Loads and compiles `scenario.xsd` once.
  public init(rates: RateBook, fileReferences: FileReferences = .withinScenarioFolder) throws(DiagnosticError) {
    self.rates = rates
    self.schema = try ScenarioSchema.load()
    self.fileReferences = fileReferences
  }

  /// Reads a scenario. Throws every error found (with the warnings) when there is any error.
  public func read(path: String) throws(DiagnosticError) -> LoadedScenario {
    let document = try XMLDocument.load(path: path)
    return try read(document: document)
  }

  /// Reads a scenario from bytes; `file` names it in diagnostics.
  public func read(bytes: [UInt8], file: String) throws(DiagnosticError) -> LoadedScenario {
    let document = try XMLDocument.parse(bytes: bytes, file: file)
    return try read(document: document)
  }

  /// For `samkalk validate`: every error and warning; empty when the file is clean.
  public func check(path: String) -> [Diagnostic] {
    do {
      let document = try XMLDocument.load(path: path)
      return analyse(document).diagnostics
    } catch {
      return error.diagnostics
    }
  }

  /// ``check(path:)`` for bytes in memory.
  public func check(bytes: [UInt8], file: String) -> [Diagnostic] {
    do {
      let document = try XMLDocument.parse(bytes: bytes, file: file)
      return analyse(document).diagnostics
    } catch {
      return error.diagnostics
    }
  }

  private func read(document: XMLDocument) throws(DiagnosticError) -> LoadedScenario {
    let (scenario, diagnostics) = analyse(document)
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty, let scenario else {
      throw DiagnosticError(
        diagnostics.isEmpty
          ? [.error("the scenario could not be read", at: SourceLocation(file: document.file))]
          : diagnostics)
    }
    return LoadedScenario(
      scenario: scenario, warnings: diagnostics, sha256: SHA256.hex(of: document.bytes),
      path: document.file)
  }

  /// Steps 2 and 3 on a parsed document.
  func analyse(_ document: XMLDocument) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
    let root = document.root
    let rootProblems = Self.checkRoot(root, document: document)
    guard rootProblems.isEmpty else { return (nil, rootProblems) }
    let schemaProblems = schema.validate(document)
    guard schemaProblems.isEmpty else { return (nil, schemaProblems) }
    var parser = ScenarioParser(document: document, rates: rates, fileReferences: fileReferences)
    let scenario = parser.parse()
    return (scenario, parser.sortedDiagnostics)
  }

  /// The root element, namespace and format version, checked before the schema so that a file
  /// of another version gets one clear message rather than a list of schema errors.
  static func checkRoot(_ root: XMLElement, document: XMLDocument) -> [Diagnostic] {
    let location = document.location(root)
    guard root.name == "scenario" else {
      return [
        .error(
          "the root element is '\(root.name)', expected 'scenario' (a samkalk scenario file)",
          at: location)
      ]
    }
    guard root.namespace == ScenarioSchema.namespace else {
      let found = root.namespace.map { "'\($0)'" } ?? "none"
      return [
        .error(
          "the scenario element must be in the namespace '\(ScenarioSchema.namespace)' "
            + "(xmlns=\"\(ScenarioSchema.namespace)\"); found \(found)", at: location)
      ]
    }
    if let version = root[attribute: "version"],
      version.trimmed != ScenarioSchema.version
    {
      return [
        .error(
          "unsupported scenario format version '\(version)'; this samkalk reads version "
            + "\(ScenarioSchema.supportedVersions.joined(separator: ", "))", at: location)
      ]
    }
    return []
  }
}
