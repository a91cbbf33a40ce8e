import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkRates
import SamkalkReports
import SamkalkXML
import Testing

/// Parses an HTML report as XML: it is XHTML after the `<!DOCTYPE html>` line, which
/// `XMLDocument.parse` refuses (it refuses every DOCTYPE), so the line is dropped first.
func parseHTML(_ bytes: [UInt8]) throws -> SamkalkXML.XMLDocument {
  let doctype = Array("<!DOCTYPE html>\n".utf8)
  #expect(bytes.starts(with: doctype))
  return try SamkalkXML.XMLDocument.parse(bytes: Array(bytes.dropFirst(doctype.count)), file: "report.html")
}

/// Every element named `name` in the tree, depth first.
func descendants(_ element: SamkalkXML.XMLElement, named name: String) -> [SamkalkXML.XMLElement] {
  (element.name == name ? [element] : []) + element.children.flatMap { descendants($0, named: name) }
}

@Suite struct HTMLReportTests {
  func svgs(_ document: SamkalkXML.XMLDocument) -> [String: SamkalkXML.XMLElement] {
    Dictionary(uniqueKeysWithValues: descendants(document.root, named: "svg").map { ($0[attribute: "id"] ?? "", $0) })
  }

  @Test func runReportHasOneAccessibleSVGPerChart() throws {
    let result = Fixture.richResult()
    let document = try parseHTML(HTMLReport.render(result, context: Fixture.context))
    #expect(document.root.name == "html")
    #expect(document.root[attribute: "lang"] == "sv")
    let charts = svgs(document)
    #expect(Set(charts.keys) == ["chart-yearly", "chart-payback", "chart-adjustments"])
    for svg in charts.values {
      #expect(svg[attribute: "role"] == "img")
      let title = try #require(svg.child(named: "title"))
      let desc = try #require(svg.child(named: "desc"))
      #expect(!title.trimmedText.isEmpty && !desc.trimmedText.isEmpty)
      #expect(svg[attribute: "aria-labelledby"] == "\(title[attribute: "id"] ?? "") \(desc[attribute: "id"] ?? "")")
    }
    // One bar per actor and year: 7 actors × 2 years, each labelled.
    let yearly = try #require(charts["chart-yearly"])
    #expect(descendants(yearly, named: "rect").filter { $0[attribute: "class"] == "bar" }.count == 7 * 2)
    #expect(descendants(yearly, named: "text").filter { $0[attribute: "class"] == "barlabel" }.count == 7 * 2)
    // One curve per actor and society, one point per month plus the start.
    let payback = try #require(charts["chart-payback"])
    let curves = descendants(payback, named: "polyline")
    #expect(curves.count == 8)
    for curve in curves {
      #expect((curve[attribute: "points"] ?? "").split(separator: " ").count == 24 + 1)
    }
    #expect(descendants(payback, named: "rect").filter { $0[attribute: "class"] == "mandate" }.count == 1)
    // The adjustment steps: five effect steps and the investment before and after optimism bias.
    let adjustments = try #require(charts["chart-adjustments"])
    #expect(descendants(adjustments, named: "rect").filter { $0[attribute: "class"] == "bar" }.count == 7)
    // Every chart has a table with its numbers next to it.
    let tables = Set(descendants(document.root, named: "table").compactMap { $0[attribute: "id"] })
    #expect(tables.isSuperset(of: ["yearly-table", "payback-table", "adjustments-table", "subgroups-table"]))
    #expect(tables.isSuperset(of: ["break-even-table", "verkningsgrad-table", "rates-table", "assumptions-table"]))
  }

  @Test func withoutAdjustmentsThereIsNoAdjustmentChart() throws {
    let document = try parseHTML(HTMLReport.render(Fixture.result(), context: Fixture.context))
    #expect(Set(svgs(document).keys) == ["chart-yearly", "chart-payback"])
    #expect(!descendants(document.root, named: "section").contains { $0[attribute: "id"] == "subgroups" })
  }

  @Test func selfContainedWithoutScriptsOrExternalResources() throws {
    let text = String(decoding: HTMLReport.render(Fixture.richResult(), context: Fixture.context), as: UTF8.self)
    for forbidden in ["<script", "src=", "<link", "@import", "url(", "href="] {
      #expect(!text.contains(forbidden), "\(forbidden)")
    }
    #expect(text.contains("@media print"))
    #expect(text.contains("size: A4"))
  }

  @Test func nonVoidElementsAreNeverSelfClosingOutsideSVG() throws {
    let text = String(decoding: HTMLReport.render(Fixture.richResult(), context: Fixture.context), as: UTF8.self)
    let beforeSVG = text.components(separatedBy: "<svg").first ?? ""
    for element in ["td", "th", "p", "div", "section", "title", "style", "caption"] {
      #expect(!beforeSVG.contains("<\(element)/>"), "\(element)")
    }
  }

  @Test func summaryAnswersTheFourQuestionsInThreeSentences() {
    let result = Fixture.richResult()
    let swedish = HTMLReport.summarySentences(result, language: .sv)
    #expect(swedish.count == 3)
    #expect(swedish[0].hasPrefix("Insatsen kostar"))
    #expect(swedish[0].contains("betalas av"))
    #expect(swedish[1].contains("samhällets nettonuvärde är"))
    #expect(swedish[2].contains("mandatperioden"))
    let english = HTMLReport.summarySentences(result, language: .en)
    #expect(english.count == 3)
    #expect(english[0].hasPrefix("The measure costs"))
    // Swedish grouping with a no-break space.
    #expect(swedish[0].contains("\u{00A0}kr"))
  }

  @Test func englishReportUsesEnglishLabels() throws {
    let bytes = HTMLReport.render(Fixture.richResult(), context: Fixture.context, language: .en)
    let document = try parseHTML(bytes)
    #expect(document.root[attribute: "lang"] == "en")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("Society"))
    #expect(text.contains("Rates used"))
    #expect(!text.contains("Samhällsekonomisk kalkyl"))
  }

  @Test func comparisonReportHasARankingChart() throws {
    var other = Fixture.result()
    other.scenario.id = "andra"
    let comparison = try MeasureComparison(
      [(Fixture.result(), Fixture.context), (other, Fixture.context)], by: .npv)
    let document = try parseHTML(ComparisonHTML.render(comparison, samkalkVersion: "test"))
    let charts = svgs(document)
    #expect(Array(charts.keys) == ["chart-comparison"])
    let bars = descendants(try #require(charts["chart-comparison"]), named: "rect").filter {
      $0[attribute: "class"] == "bar"
    }
    #expect(bars.count == 2)
    let tables = Set(descendants(document.root, named: "table").compactMap { $0[attribute: "id"] })
    #expect(tables == ["ranking-table", "perspectives-table"])
  }

  @Test func goalTableShowsExpectedAgainstActualBySex() throws {
    let goal = Goal(
      id: "arbete_studier", label: "Arbete eller studier", targetShare: 0.7, actual: [.kvinna: 5, .man: 3],
      participants: [.kvinna: 6, .man: 6])
    let rows = goal.rows
    #expect(rows.count == 3)
    #expect(rows[0].sex == .kvinna && abs(rows[0].expected - 4.2) < 1e-9 && abs(rows[0].deviation - 0.8) < 1e-9)
    #expect(rows[1].sex == .man && abs(rows[1].deviation - -1.2) < 1e-9)
    #expect(rows[2].sex == nil && rows[2].participants == 12 && rows[2].actual == 8)
    let document = try parseHTML(HTMLReport.render(Fixture.result(), context: Fixture.context, goals: [goal]))
    let table = try #require(
      descendants(document.root, named: "table").first { $0[attribute: "id"] == "goal-arbete_studier" })
    let bodyRows = descendants(table, named: "tbody").flatMap { descendants($0, named: "tr") }
    #expect(bodyRows.count == 3)
    let cells = bodyRows[0].children.map(\.trimmedText)
    #expect(cells == ["Kvinnor", "6", "4,2", "5", "+0,8", "83,3\u{00A0}%", "+13,3\u{00A0}%"])
  }

  @Test func sameInputsGiveTheSameBytes() {
    let result = Fixture.richResult()
    #expect(HTMLReport.render(result, context: Fixture.context) == HTMLReport.render(result, context: Fixture.context))
  }
}

@Suite struct HumanTextTests {
  @Test func swedishNumbers() {
    let sv = HumanNumber(.sv)
    #expect(sv.kronor(Money(kronor: 1_234_567)) == "1\u{00A0}234\u{00A0}567\u{00A0}kr")
    #expect(sv.kronor(Money(ore: -123_456_750)) == "-1\u{00A0}234\u{00A0}568\u{00A0}kr")
    #expect(sv.percent(0.035) == "3,5\u{00A0}%")
    #expect(sv.decimal(2.345) == "2,35")
    #expect(sv.decimal(12345.5, decimals: 1) == "12\u{00A0}345,5")
    let en = HumanNumber(.en)
    #expect(en.kronor(Money(kronor: 1_234_567)) == "1,234,567\u{00A0}kr")
    #expect(en.percent(0.035) == "3.5\u{00A0}%")
  }

  @Test func everyLabelHasBothLanguages() {
    for label in ReportStrings.Label.allCases {
      let forms = ReportStrings.forms(label)
      #expect(forms != nil, "\(label) is missing from the table")
      #expect(forms?.sv.isEmpty == false && forms?.en.isEmpty == false, "\(label)")
    }
    for perspective in Perspective.all {
      #expect(ReportStrings(.en).name(perspective) != perspective.swedishName || perspective == .actor(.region))
    }
  }

  @Test func chartColoursHaveAtLeast3To1ContrastAgainstWhite() {
    for color in ChartPalette.colors {
      #expect(ChartPalette.contrastAgainstWhite(color) >= 3, "\(color)")
    }
    #expect(abs(ChartPalette.contrastAgainstWhite("#000000") - 21) < 0.01)
    #expect(abs(ChartPalette.contrastAgainstWhite("#767676") - 4.54) < 0.01)
  }
}

@Suite struct XLSXReportTests {
  static let expectedParts = [
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml",
  ]

  @Test func workbookUnzipsIntoWellFormedPartsWithTheExpectedSheets() throws {
    let bytes = try XLSXReport.render(Fixture.richResult(), context: Fixture.context)
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    let entries = try XLSXWorkbook.unzip(bytes)
    #expect(entries.map(\.path) == Self.expectedParts)
    var documents: [String: SamkalkXML.XMLDocument] = [:]
    for entry in entries {
      documents[entry.path] = try SamkalkXML.XMLDocument.parse(bytes: entry.bytes, file: entry.path)
    }
    let workbook = try #require(documents["xl/workbook.xml"])
    let names = descendants(workbook.root, named: "sheet").compactMap { $0[attribute: "name"] }
    #expect(names == ["Sammanfattning", "Aktörer per år", "Indata och antaganden", "Kalkylvärden"])
    // Actors by year: a header and 9 × 2 rows with every CSV column; money as numbers.
    let actors = try #require(documents["xl/worksheets/sheet2.xml"])
    let rows = descendants(actors.root, named: "row")
    #expect(rows.count == 1 + 9 * 2)
    #expect(rows[0].children.count == CSVReport.columns.count)
    let firstData = rows[1].children
    #expect(firstData[0][attribute: "t"] == "inlineStr")
    #expect(firstData[2][attribute: "t"] == nil)
    #expect(firstData[2].child(named: "v")?.trimmedText == "-1000.00")
  }

  @Test func englishSheetNames() throws {
    let workbook = XLSXReport.workbook(Fixture.result(), context: Fixture.context, language: .en)
    #expect(workbook.sheets.map(\.name) == ["Summary", "Actors by year", "Inputs and assumptions", "Rates used"])
  }

  @Test func sameInputsGiveTheSameBytes() throws {
    let result = Fixture.richResult()
    #expect(
      try XLSXReport.render(result, context: Fixture.context) == XLSXReport.render(result, context: Fixture.context))
  }

  @Test func formulaLikeTextIsNeutralisedAndNumbersAreNot() throws {
    let inputs = [
      ScenarioInput(path: "measure/participants", value: "=1+2", source: .assumption("@SUM(A1:A2)")),
      ScenarioInput(path: "+path", value: "-3", source: .report("ok")),
    ]
    let result = Fixture.result(title: "=HYPERLINK(\"http://x\")", inputs: inputs)
    let entries = try XLSXWorkbook.unzip(try XLSXReport.render(result, context: Fixture.context))
    var texts: [String] = []
    var numbers: [String] = []
    for entry in entries where entry.path.hasPrefix("xl/worksheets/") {
      let document = try SamkalkXML.XMLDocument.parse(bytes: entry.bytes, file: entry.path)
      texts += descendants(document.root, named: "t").map(\.text)
      numbers += descendants(document.root, named: "v").map(\.text)
      #expect(descendants(document.root, named: "f").isEmpty)
    }
    for text in texts {
      if let first = text.first { #expect(!"=+-@".contains(first), "\(text)") }
    }
    #expect(texts.contains("'=HYPERLINK(\"http://x\")"))
    #expect(
      texts.contains("'=1+2") && texts.contains("'@SUM(A1:A2)") && texts.contains("'+path") && texts.contains("'-3"))
    #expect(numbers.contains { $0.hasPrefix("-") })
  }
}

@Suite struct CSVDialectTests {
  @Test func excelSwedishUsesSemicolonsDecimalCommaAndABOM() throws {
    let bytes = CSVReport.render(Fixture.result(), dialect: .excelSV)
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines[0].hasPrefix("actor;year;before;after;change"))
    #expect(
      lines[1].hasPrefix("individ;1;-1000,00;500,25;1500,25;2000,00;-499,75;-499,75;-482,85;2016-03;2017-02;Individen"))
  }

  @Test func defaultStaysRFC4180() {
    let text = String(decoding: CSVReport.render(Fixture.result()), as: UTF8.self)
    #expect(text.hasPrefix("actor,year,before"))
  }

  @Test func textWithTheSeparatorIsQuotedAndFormulasNeutralised() {
    let result = Fixture.result(title: "=cmd; rm")
    var other = Fixture.result()
    other.scenario.id = "b"
    let comparison = try? MeasureComparison([(result, Fixture.context), (other, Fixture.context)], by: .npv)
    let text = String(decoding: ComparisonCSV.render(comparison!, dialect: .excelSV).dropFirst(3), as: UTF8.self)
    #expect(
      text.contains("title;;\"'=cmd; rm\";Porten, test\r\n") || text.contains("title;;Porten, test;\"'=cmd; rm\"\r\n"))
    #expect(text.contains("discount_rate;;0,035000;0,035000"))
  }
}

@Suite struct HumanGoldenTests {
  /// `Golden/porten-2016-2018.sv.html` and `.en.html`: the HTML report of the shipped Porten
  /// 2016–2018 scenario in both languages (re-record with `SAMKALK_RECORD_GOLDEN=1`).
  @Test(arguments: ReportLanguage.allCases)
  func portenHTML(_ language: ReportLanguage) throws {
    let scenarioPath = "Scenarios/porten-2016-2018.xml"
    let rates = try RateBook.shipped(directory: GoldenTests.root + "/Rates")
    let loaded = try ScenarioReader(rates: rates).read(path: GoldenTests.root + "/" + scenarioPath)
    let result = GoldenTests.relativized(try Calculator(rates: rates).run(loaded.scenario))
    let context = ReportContext(scenarioPath: scenarioPath, scenarioSHA256: loaded.sha256, samkalkVersion: "test")
    let bytes = HTMLReport.render(result, context: context, language: language)
    let document = try parseHTML(bytes)
    let charts = descendants(document.root, named: "svg")
    #expect(charts.count >= 2)
    let yearly = try #require(charts.first { $0[attribute: "id"] == "chart-yearly" })
    #expect(
      descendants(yearly, named: "rect").filter { $0[attribute: "class"] == "bar" }.count == 7
        * result.scenario.horizonYears)
    try GoldenTests.compare(bytes, toGolden: "porten-2016-2018.\(language.rawValue).html")
  }
}

@Suite struct GoalCountTests {
  @Test func aGoalCountsTheListedOutcomesBySex() throws {
    let scenario = Scenario(
      id: "g", title: "G", municipality: "1780", ratesDate: Day(year: 2025, month: 1, day: 1),
      start: YearMonth(year: 2025, month: 1), horizonYears: 1,
      measure: Measure(participants: 10, months: 1, costs: [], financing: []), before: Phase(situations: []),
      outcomes: [
        Outcome(
          id: "arbete", persons: 4, startMonth: 0, path: [],
          subgroups: [
            SubgroupShare(subgroup: Subgroup(sex: .kvinna), persons: 1),
            SubgroupShare(subgroup: Subgroup(sex: .man), persons: 3),
          ]),
        Outcome(id: "oforandrad", persons: 6, startMonth: 0, path: []),
      ])
    let goal = Goal(GoalSpec(id: "a", label: "A", targetShare: 0.5, outcomes: ["arbete"]), in: scenario)
    #expect(goal.actual == [.kvinna: 1, .man: 3])
    #expect(goal.participants == [.kvinna: 1, .man: 3])
    #expect(goal.unspecifiedParticipants == 6)
    // Total: 10 participants, 5 expected at 50 %, 4 reached: deviation −1 person, −10 points.
    let total = try #require(goal.rows.last)
    #expect(total.participants == 10)
    #expect(total.expected == 5)
    #expect(total.actual == 4)
    #expect(total.deviation == -1)
    #expect(abs(total.shareDeviation - -0.1) < 1e-12)
  }
}
