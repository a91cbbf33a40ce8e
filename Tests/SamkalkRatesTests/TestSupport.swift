import Foundation
import SamkalkCore
import Testing

@testable import SamkalkRates

/// A temporary folder for rate files, removed by the caller with `remove()`.
struct TempDir {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "samkalk-rates-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes text (UTF-8) at a relative path, creating folders; returns the full path.
  @discardableResult
  func write(_ relative: String, _ text: String) -> String {
    write(relative, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ relative: String, bytes: [UInt8]) -> String {
    let full = path + "/" + relative
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    return full
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A parameter file in the shipped format. `values` are `(from, to, amount, status)`.
func parameterXML(
  key: String, unit: String = "kr/år", coverage: String, extrapolation: String? = nil,
  values: [(String, String?, String, String)]
) -> String {
  var lines = [
    #"<?xml version="1.0" encoding="UTF-8"?>"#,
    #"<parameter xmlns="urn:samkalk:rates:1" version="1" key="\#(key)" unit="\#(unit)">"#,
    "  <description>Test parameter.</description>",
    #"  <coverage through="\#(coverage)"/>"#,
  ]
  if let extrapolation { lines.append(#"  <extrapolation method="\#(extrapolation)"/>"#) }
  for (from, to, amount, status) in values {
    let toText = to.map { #" to="\#($0)""# } ?? ""
    lines.append(#"  <value from="\#(from)"\#(toText) amount="\#(amount)" status="\#(status)">"#)
    lines.append(#"    <source title="Test source" url="https://example.org/"/>"#)
    lines.append("  </value>")
  }
  lines.append("</parameter>")
  return lines.joined(separator: "\n") + "\n"
}

/// Writes a small rate folder:
/// - `basbelopp.prisbasbelopp` 57 300 (2024), 58 800 (2025), covered through 2025-12-31;
/// - `test.indexerad` 1 000 from 2024-01-01 to 2024-06-30 and 1 200 from 2024-09-01, covered
///   through 2024-12-31, extrapolated by prisbasbelopp;
/// - `test.fast` 7 from 2024-01-01, covered through 2024-12-31, no extrapolation;
/// - `test.konstant` 0.25 andel from 2024-01-01, covered through 2024-12-31, constant.
func smallRates() -> TempDir {
  let dir = TempDir()
  dir.write(
    "basbelopp/prisbasbelopp.xml",
    parameterXML(
      key: "basbelopp.prisbasbelopp", coverage: "2025-12-31",
      values: [("2024-01-01", nil, "57300", "SEEN"), ("2025-01-01", nil, "58800", "SEEN")]))
  dir.write(
    "test/indexerad.xml",
    parameterXML(
      key: "test.indexerad", unit: "kr/månad", coverage: "2024-12-31", extrapolation: "prisbasbelopp",
      values: [("2024-01-01", "2024-06-30", "1000", "SEEN"), ("2024-09-01", nil, "1200", "DERIVED")]))
  dir.write(
    "test/fast.xml",
    parameterXML(key: "test.fast", unit: "kr/dag", coverage: "2024-12-31", values: [("2024-01-01", nil, "7", "SEEN")]))
  dir.write(
    "test/konstant.xml",
    parameterXML(
      key: "test.konstant", unit: "andel", coverage: "2024-12-31", extrapolation: "constant",
      values: [("2024-01-01", nil, "0.25", "UNCONFIRMED")]))
  return dir
}

func day(_ text: String) -> Day { Day(text)! }

/// The 1-based column where field `index` (0-based) starts in a CSV line without quotes.
func column(of index: Int, in line: String, separator: Character = ";") -> Int {
  var column = 1
  var field = 0
  for character in line {
    if field == index { return column }
    if character == separator { field += 1 }
    column += 1
  }
  return column
}

/// Runs a throwing load and returns its diagnostics (empty when it succeeded).
func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
  do {
    try body()
    return []
  } catch let error as DiagnosticError {
    return error.diagnostics
  } catch {
    Issue.record("unexpected error \(error)")
    return []
  }
}
