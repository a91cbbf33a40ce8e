import Foundation
import SamkalkCore
import SamkalkInput
import SamkalkRates
import Testing

/// Issue 19 item 14: a service's unit cost is used by its unit, and a unit that cannot be
/// counted per month is refused at the `<service>`, never multiplied as it stands.
@Suite struct ServiceUnitTests {
  /// The shipped rates plus `tjanster.test_per_dag` in kr/dag (a unit no service can count).
  static func ratesWithADailyUnitCost() throws -> (RateBook, URL) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-units-\(UUID())")
    try FileManager.default.copyItem(atPath: repositoryRoot + "/Rates", toPath: directory.path)
    let parameter = """
      <?xml version="1.0" encoding="UTF-8"?>
      <parameter xmlns="urn:samkalk:rates:1" version="1" key="tjanster.test_per_dag" unit="kr/dag" payer="kommun">
        <description>A unit cost per weekday, for the test.</description>
        <coverage through="2026-12-31"/>
        <value from="2024-01-01" amount="500" status="UNCONFIRMED">
          <source title="test" url="https://example.org"/>
        </value>
      </parameter>
      """
    try parameter.write(
      to: directory.appendingPathComponent("tjanster/test_per_dag.xml"), atomically: true, encoding: .utf8)
    return (try RateBook.shipped(directory: directory.path), directory)
  }

  @Test func aUnitCostPerWeekdayIsRefusedAtTheService() throws {
    let (rates, directory) = try Self.ratesWithADailyUnitCost()
    defer { try? FileManager.default.removeItem(at: directory) }
    let before = """
      <situation type="forsorjningsstod"/>
          <service item="tjanster.test_per_dag" perMonth="1"/>
          <service item="tjanster.daglig_verksamhet_ar" perMonth="1"/>
      """
    let diagnostics = try ScenarioReader(rates: rates).check(
      bytes: Array(minimalScenario(before: before).utf8), file: "u.xml")
    // Line 14 only: kr/år (line 15) is a place held for a year, a twelfth a month.
    #expect(diagnostics.errors.map(\.location.line) == [14], "\(render(diagnostics))")
    #expect(diagnostics.errors.first?.location.file == "u.xml")
    #expect(
      diagnostics.errors.first?.message
        == "unit cost 'tjanster.test_per_dag' is in 'kr/dag', which cannot be counted per month "
        + "(a service's unit cost must be in one of: kr/besök, kr/kontakt, kr/dygn, kr/timme, kr/månad, kr/år)")
  }
}
