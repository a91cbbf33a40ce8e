import Foundation
import SamkalkCore
import SamkalkInput
import Testing

/// What `validate` must refuse because `run` would refuse it (or compute something else) later.
@Suite struct ScenarioHostileInputTests {
  static let rate =
    #"<rate key="formaner.aktivitetsstod.dag" value="300" unit="kr/dag" from="2025-01-01" source="Budget"/>"#

  @Test func aRateGivenTwiceForOneDateIsAnErrorAtTheSecond() throws {
    let text = minimalScenario(extra: Self.rate + "\n  " + Self.rate.replacingOccurrences(of: "300", with: "310"))
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("310") }! + 1
    let errors = try check(text).errors
    #expect(
      errors.map(\.description) == [
        "t.xml:\(line):3: error: rate 'formaner.aktivitetsstod.dag' from 2025-01-01 is given twice (first on line "
          + "\(line - 1)): keep one value per key and date"
      ], "\(render(errors))")
    // Another date is another value.
    let later = minimalScenario(
      extra: Self.rate + "\n  " + Self.rate.replacingOccurrences(of: "2025-01-01", with: "2025-07-01"))
    #expect(try check(later).errors.isEmpty)
  }

  @Test func anIDThatCannotNameTheReportFilesIsRefused() throws {
    let long = String(repeating: "a", count: 300)
    let errors = try check(minimalScenario(root: #"xmlns="urn:samkalk:scenario:1" version="1" id="\#(long)""#)).errors
    #expect(errors.count == 1)
    #expect(errors.first?.message.contains("at most 100 characters") == true, "\(render(errors))")
    #expect(errors.first?.message.contains(long) == false, "the message quotes all 300 characters")
    let hundred = String(repeating: "a", count: 100)
    #expect(
      try check(minimalScenario(root: #"xmlns="urn:samkalk:scenario:1" version="1" id="\#(hundred)""#)).errors.isEmpty)
  }

  @Test func aRateValueBeyondTheLedgersReachIsRefused() throws {
    let errors = try check(minimalScenario(extra: Self.rate.replacingOccurrences(of: "300", with: "1e300"))).errors
    #expect(errors.count == 1, "\(render(errors))")
    let big = try check(
      minimalScenario(extra: Self.rate.replacingOccurrences(of: "\"300\"", with: "\"1000000000000\"")))
    #expect(big.errors.map(\.message) == ["value 1000000000000 must be 0 to below 10^12 for unit 'kr/dag'"])
  }

  @Test func contentAfterANulByteIsNotIgnored() throws {
    var bytes = Array(minimalScenario().utf8)
    let lines = minimalScenario().split(separator: "\n", omittingEmptySubsequences: false).count
    bytes += [0] + Array("<scenario/>".utf8)
    let found = try reader().check(bytes: bytes, file: "t.xml")
    #expect(found.map(\.description) == ["t.xml:\(lines):12: error: \(UntrustedText.nulMessage(in: "XML file"))"])
  }
}
