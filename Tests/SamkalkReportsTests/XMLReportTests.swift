import Foundation
import SamkalkCore
import SamkalkXML
import Testing

import SamkalkEngine
@testable import SamkalkReports

@Suite struct XMLReportTests {
  func parse(_ bytes: [UInt8]) throws -> SamkalkXML.XMLDocument {
    try SamkalkXML.XMLDocument.parse(bytes: bytes, file: "report.xml")
  }

  @Test func validatesAgainstSchema() throws {
    let schema = try ReportSchema.load()
    let document = try parse(XMLReport.render(Fixture.result(), context: Fixture.context))
    let problems = schema.validate(document)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func validatesWithoutOptionalParts() throws {
    var result = Fixture.result(warnings: [], inputs: [])
    result.ratesUsed = []
    result.rateFiles = []
    result.taxes = []
    result.ledgers = [:]
    result.scenario.measure.participants = 0
    let schema = try ReportSchema.load()
    let document = try parse(XMLReport.render(result, context: Fixture.context))
    #expect(schema.validate(document).isEmpty)
    let text = String(decoding: document.bytes, as: UTF8.self)
    #expect(!text.contains("perParticipant"))
    #expect(text.contains("<warnings/>"))
  }

  @Test func schemaRejectsATamperedReport() throws {
    let schema = try ReportSchema.load()
    var text = String(
      decoding: XMLReport.render(Fixture.result(), context: Fixture.context), as: UTF8.self)
    text = text.replacingOccurrences(of: "before=\"-1000.00\"", with: "before=\"-1000\"")
    let document = try parse(Array(text.utf8))
    #expect(!schema.validate(document).isEmpty)
  }

  @Test func deterministicBytes() {
    let first = XMLReport.render(Fixture.result(), context: Fixture.context)
    let second = XMLReport.render(Fixture.result(), context: Fixture.context)
    #expect(first == second)
    #expect(!first.isEmpty)
  }

  @Test func content() throws {
    let document = try parse(XMLReport.render(Fixture.result(), context: Fixture.context))
    let root = document.root
    #expect(root.name == "report")
    #expect(root[attribute: "version"] == "1")
    let text = String(decoding: document.bytes, as: UTF8.self)
    #expect(text.contains("xmlns=\"urn:samkalk:report:1\""))
    // Payback forms and the mandate period.
    #expect(text.contains("<notWithinHorizon/>"))
    #expect(text.contains("<month>0</month>"))
    #expect(text.contains("<month>14</month>"))
    #expect(text.contains("<mandatePeriod years=\"1\" paysBackWithin=\"no\"/>"))
    #expect(text.contains("<mandatePeriod years=\"1\" paysBackWithin=\"yes\"/>"))
    // Per participant: individ's total net 1000.50 kr over 10 participants.
    #expect(text.contains("<perParticipant participants=\"10\" net=\"100.05\""))
    // Ledger invariant: production 20000 − resources 3000.50 = Σ nets 16999.50.
    #expect(text.contains("sumOfNets=\"16999.50\""))
    #expect(
      text.contains(
        "<invariant holds=\"true\">production − resources = Σ nets: 20000.00 − 3000.50 = 16999.50 = 16999.50; transfers balance 0.00</invariant>"
      ))
    #expect(
      text.contains(
        "<item name=\"ame\" payer=\"kommun\" payee=\"utanfor\" kind=\"resource\" amount=\"3000.50\"/>"
      ))
    // Rates: extrapolation, layer tokens, actor values, citations.
    #expect(
      text.contains(
        "<extrapolation method=\"prisbasbelopp\" baseDate=\"2015-12-31\" factor=\"1.004500\" value=\"44700.250000\"/>"
      ))
    #expect(text.contains("layer=\"user-file-1\""))
    #expect(text.contains("value=\"arbetsformedlingen\" unit=\"aktör\""))
    #expect(
      text.contains(
        "<source>Försäkringskassan, aktivitetsstöd, https://www.forsakringskassan.se, SFS 1996:1100</source>"
      ))
    // Provenance.
    #expect(text.contains("<samkalkVersion>test</samkalkVersion>"))
    #expect(text.contains("encoding=\"Windows-1252\""))
    // Facts and assumptions apart.
    #expect(
      text.contains(
        "<facts>\n      <input path=\"measure/participants\" value=\"10\" file=\"Scenarios/porten-test.xml\" line=\"12\" column=\"5\">slutrapport, avsnitt 3.1</input>\n    </facts>"
      ))
    #expect(
      text.contains(
        "<assumptions>\n      <input path=\"outcome[arbete]/wage\" value=\"22000\">antagande: typisk lön</input>"
      ))
    // Taxes.
    #expect(
      text.contains(
        "group=\"arbete\" year=\"2016\" persons=\"4\" faststalldForvarvsinkomst=\"264000.00\""))
    #expect(text.contains("slutligSkatt=\"31690.00\""))
    // No timestamp-like text anywhere.
    #expect(!text.contains("generated") && !text.contains("timestamp"))
  }

  @Test func escapesText() throws {
    let result = Fixture.result(title: "Porten & <Samspelet> \"2016\"")
    let bytes = XMLReport.render(result, context: Fixture.context)
    let document = try parse(bytes)
    let title = document.root.children.first { $0.name == "scenario" }?.children.first {
      $0.name == "title"
    }
    #expect(title?.text == "Porten & <Samspelet> \"2016\"")
  }
}
