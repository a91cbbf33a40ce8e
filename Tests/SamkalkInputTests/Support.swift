import Foundation
import SamkalkCore
import SamkalkInput
import SamkalkRates

/// The repository root, found from this file's path (`<repo>/Tests/SamkalkInputTests/Support.swift`).
let repositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

func scenarioPath(_ name: String) -> String { repositoryRoot + "/Scenarios/" + name }
func fixturePath(_ name: String) -> String {
  repositoryRoot + "/Tests/SamkalkInputTests/Fixtures/" + name
}

/// One reader for all tests: the shipped rates and the schema are loaded once.
let sharedReader: Result<ScenarioReader, DiagnosticError> = Result { () throws(DiagnosticError) in
  try ScenarioReader(rates: try RateBook.shipped())
}

func reader() throws -> ScenarioReader { try sharedReader.get() }

/// Checks scenario text held in the test; diagnostics name the file `file`.
func check(_ text: String, file: String = "t.xml") throws -> [Diagnostic] {
  try reader().check(bytes: Array(text.utf8), file: file)
}

/// `FILE:LINE: severity: message` lines, for readable failures.
func render(_ diagnostics: [Diagnostic]) -> String {
  diagnostics.map(\.description).joined(separator: "\n")
}

extension Array where Element == Diagnostic {
  /// The diagnostics on one line.
  func on(line: Int) -> [Diagnostic] { filter { $0.location.line == line } }
  var errors: [Diagnostic] { filter { $0.severity == .error } }
  var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// A minimal valid scenario with placeholders, for tests that change one part.
/// Line numbers: measure on line 8, before on 12–14, outcomes on 15–25.
func minimalScenario(
  root: String = #"xmlns="urn:samkalk:scenario:1" version="1" id="test""#,
  measure: String = #"<measure participants="10" months="12">"#,
  financing: String = #"<financing financier="kommun" share="1"/>"#,
  before: String = #"<situation type="forsorjningsstod" extent="1"/>"#,
  persons: (Int, Int) = (4, 6),
  extra: String = ""
) -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <scenario \(root)>
    <title>Test</title>
    <municipality code="1780"/>
    <rates date="2025-01-01"/>
    <start month="2025-01"/>
    <horizon years="3"/>
    \(measure)
      <cost id="budget" label="Budget" amount="100000"/>
      \(financing)
    </measure>
    <before>
      \(before)
    </before>
    <outcomes>
      <outcome id="arbete" persons="\(persons.0)" startMonth="12">
        <phase>
          <situation type="arbete" extent="1" wage="25000"/>
        </phase>
      </outcome>
      <outcome id="oforandrad" persons="\(persons.1)" startMonth="12">
        <phase>
          <situation type="forsorjningsstod"/>
        </phase>
      </outcome>
    </outcomes>
    \(extra)
  </scenario>
  """
}
