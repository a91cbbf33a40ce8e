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
    #expect(root[attribute: "version"] == "2")
    let text = String(decoding: document.bytes, as: UTF8.self)
    #expect(text.contains("xmlns=\"urn:samkalk:report:2\""))
    // Payback forms and the mandate period.
    #expect(text.contains("<notWithinHorizon/>"))
    #expect(text.contains("<month>0</month>"))
    #expect(text.contains("<month>14</month>"))
    #expect(text.contains("<mandatePeriod years=\"1\" paysBackWithin=\"no\"/>"))
    #expect(text.contains("<mandatePeriod years=\"1\" paysBackWithin=\"yes\"/>"))
    // Per participant: individ's total net 1000.50 kr over 10 participants.
    #expect(
      text.contains(
        "<perParticipant participants=\"10\" effect=\"300.05\" investment=\"200.00\" net=\"100.05\""))
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

@Suite struct XMLReportVersion2Tests {
  func render(_ result: ScenarioResult) throws -> (SamkalkXML.XMLDocument, String) {
    let bytes = XMLReport.render(result, context: Fixture.context)
    let document = try SamkalkXML.XMLDocument.parse(bytes: bytes, file: "report.xml")
    return (document, String(decoding: bytes, as: UTF8.self))
  }

  @Test func richResultValidates() throws {
    let (document, _) = try render(Fixture.richResult())
    let problems = try ReportSchema.load().validate(document)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func adjustmentStepsPerYearAndInTotals() throws {
    let (_, text) = try render(Fixture.richResult())
    #expect(
      text.contains(
        "<adjustments deadweight=\"0.200000\" attribution=\"0.000000\" displacement=\"0.000000\" "
          + "dropOff=\"0.000000\" optimismBias=\"0.100000\" optimismBiasBenefits=\"0.000000\" "
          + "optimismBiasDelayMonths=\"0\"/>"))
    // Kommun, year 1: G 3000.50 → E 2400.40; I₀ 2000.00 → I 2200.00.
    #expect(
      text.contains(
        "change=\"3000.50\" afterDeadweight=\"2400.40\" afterAttribution=\"2400.40\" "
          + "afterDisplacement=\"2400.40\" effect=\"2400.40\" investmentBeforeUplift=\"2000.00\" "
          + "investment=\"2200.00\" net=\"200.40\" cumulative=\"200.40\""))
    // Totals over both years: G 6001.00, E 4800.80, I 2200.00, net 2600.80.
    #expect(
      text.contains(
        "<totals before=\"-4000.00\" after=\"2001.00\" change=\"6001.00\" afterDeadweight=\"4800.80\" "
          + "afterAttribution=\"4800.80\" afterDisplacement=\"4800.80\" effect=\"4800.80\" "
          + "investmentBeforeUplift=\"2000.00\" investment=\"2200.00\" net=\"2600.80\"/>"))
  }

  @Test func measuresPerPerspective() throws {
    let (_, text) = try render(Fixture.result())
    // Kommun: PV(E) = 3000.50/1.035 + 3000.50/1.035² = 5700.06; PV(I) = 2000/1.035 = 1932.37.
    let effects = 3000.50 / 1.035 + 3000.50 / (1.035 * 1.035)
    let investment = 2000 / 1.035
    #expect(
      text.contains(
        "<presentValues effects=\"\(DecimalText.format(effects, decimals: 2))\" investment=\"1932.37\"/>"))
    #expect(
      text.contains(
        "<benefitCostRatio>\(DecimalText.format(effects / investment, decimals: 6))</benefitCostRatio>"))
    #expect(
      text.contains(
        "<returnOnInvestment>\(DecimalText.format(effects / investment - 1, decimals: 6))</returnOnInvestment>"))
    // Individen has no investment in present value: no ratio, no ROI.
    let individ = try #require(text.range(of: "<perspective id=\"individ\"")).lowerBound
    let kommun = try #require(text.range(of: "<perspective id=\"kommun\"")).lowerBound
    #expect(!text[individ..<kommun].contains("benefitCostRatio"))
    #expect(!text[individ..<kommun].contains("returnOnInvestment"))
  }

  @Test func scenarioParts() throws {
    let (_, text) = try render(Fixture.richResult())
    #expect(text.contains("<population>typfall</population>"))
    #expect(text.contains("<cost id=\"personal\" label=\"Personal, 2 årsarbetare\" amount=\"60000.00\""))
    #expect(text.contains("startMonth=\"6\" months=\"12\" kind=\"ongoing\""))
    #expect(text.contains("<outcome id=\"arbete\" label=\"Arbete\" persons=\"2.5\" startMonth=\"6\">"))
    #expect(text.contains("<subgroup id=\"kvinna/18-29\" sex=\"kvinna\" ageBand=\"18-29\" persons=\"1.5\"/>"))
    #expect(
      text.contains(
        "<comparisonBasis kind=\"alternative\">\n      <outcome id=\"ordinarie\" label=\"Ordinarie insatser\" "
          + "persons=\"3.333333\" startMonth=\"0\"/>"))
    let (_, plain) = try render(Fixture.result())
    #expect(plain.contains("<comparisonBasis kind=\"before-persists\"/>"))
    #expect(plain.contains("<population>cohort</population>"))
    #expect(plain.contains("<subgroups/>"))
    #expect(!plain.contains("<breakEven") && !plain.contains("<verkningsgrad"))
  }

  @Test func subgroupsBreakEvenAndVerkningsgrad() throws {
    let (document, text) = try render(Fixture.richResult())
    let subgroups = try #require(document.root.children.first { $0.name == "subgroups" })
    #expect(subgroups.children.map { $0[attribute: "id"] } == ["kvinna/18-29", "man/18-29"])
    #expect(subgroups.children.map { $0.children.count } == [9, 9])
    #expect(text.contains("<subgroup id=\"man/18-29\" sex=\"man\" ageBand=\"18-29\" participants=\"4\">"))
    // Per participant within a subgroup divides by the subgroup's persons: 3000.50 / 4 = 750.125.
    #expect(text.contains("<perParticipant participants=\"4\" effect=\"750.13\""))
    #expect(text.contains("<breakEven outcome=\"arbete\" years=\"2\">"))
    #expect(
      text.contains(
        "<perspective id=\"individ\" name=\"Individen\">\n      <noInvestment/>\n    </perspective>"))
    #expect(
      text.contains(
        "<perspective id=\"kommun\" name=\"Kommunen\" successValue=\"1000.00\" investmentValue=\"1234.00\">\n"
          + "      <notReachable share=\"1.234000\"/>"))
    #expect(text.contains("<perspective id=\"region\" name=\"Regionen\" investmentValue=\"500.00\">\n      <never/>"))
    #expect(
      text.contains(
        "<perspective id=\"samhallet\" name=\"Samhället\" successValue=\"100000.00\" investmentValue=\"1500.00\">\n"
          + "      <share>0.015000</share>"))
    #expect(
      text.contains(
        "<verkningsgrad realisedPerYear=\"13500.00\" potentialPerYear=\"900000.00\" potentialWage=\"25000.00\" "
          + "potentialProductionPerYear=\"880000.00\" potentialResourceUsePerYear=\"20000.00\" ratio=\"0.015000\"/>"))
    // Perspectives without a break-even share are left out.
    let breakEven = try #require(document.root.children.first { $0.name == "breakEven" })
    #expect(breakEven.children.map { $0[attribute: "id"] } == ["individ", "kommun", "region", "samhallet"])
  }

  @Test func fractionalTaxPersons() throws {
    var result = Fixture.result()
    result.taxes[0].persons = 1.0 / 3
    result.taxes[0].group = "subventionerat_arbete/behaller"
    let (document, text) = try render(result)
    #expect(text.contains("group=\"subventionerat_arbete/behaller\" year=\"2016\" persons=\"0.333333\""))
    #expect(try ReportSchema.load().validate(document).isEmpty)
  }

  @Test func schemaRejectsVersion1() throws {
    var text = String(
      decoding: XMLReport.render(Fixture.result(), context: Fixture.context), as: UTF8.self)
    text = text.replacingOccurrences(of: "version=\"2\"", with: "version=\"1\"")
    let document = try SamkalkXML.XMLDocument.parse(bytes: Array(text.utf8), file: "report.xml")
    #expect(try !ReportSchema.load().validate(document).isEmpty)
  }
}
