import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates

/// The repository root, found from this file's path (`<repo>/Tests/SamkalkUncertaintyTests/Support.swift`).
let repositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// The shipped rates and a scenario reader, loaded once for all tests.
let shared: Result<(RateBook, ScenarioReader), DiagnosticError> = Result { () throws(DiagnosticError) in
  let rates = try RateBook.shipped()
  return (rates, try ScenarioReader(rates: rates))
}

func shippedRates() throws -> RateBook { try shared.get().0 }

/// A scenario from `Scenarios/`.
func shippedScenario(_ name: String) throws -> Scenario {
  try shared.get().1.read(path: repositoryRoot + "/Scenarios/" + name).scenario
}

/// A scenario written in the test.
func scenario(_ text: String, file: String = "t.xml") throws -> Scenario {
  try shared.get().1.read(bytes: Array(text.utf8), file: file).scenario
}

/// Every scenario in `Scenarios/`.
func shippedScenarioNames() -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Scenarios")) ?? [])
    .filter { $0.hasSuffix(".xml") }.sorted()
}
