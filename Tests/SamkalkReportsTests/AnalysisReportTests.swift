import Foundation
import SamkalkCore
@testable import SamkalkReports
import SamkalkUncertainty
import SamkalkXML
import Testing

extension ReportChecks {
  /// Validates XML bytes against `uncertainty.xsd`; the problems found.
  static func problems(_ bytes: [UInt8]) throws -> [Diagnostic] {
    try UncertaintySchema.load().validate(try SamkalkXML.XMLDocument.parse(bytes: bytes, file: "analysis.xml"))
  }
}

@Suite struct SensitivityReportTests {
  @Test func xmlValidatesAgainstItsSchema() throws {
    let bytes = SensitivityReport.xml(AnalysisFixture.sensitivity())
    #expect(try ReportChecks.problems(bytes).isEmpty)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("<sensitivity xmlns=\"urn:samkalk:uncertainty:1\" version=\"1\" scenario=\"porten-test\""))
    #expect(
      text.contains(
        "<perspective id=\"individ\" npvLow=\"-500.00\" npvHigh=\"2500.00\" swing=\"3000.00\" switchingValue=\"0.450000\"/>"
      ))
    // The schema can fail: a switching value that is neither a number nor none-in-range.
    let broken = Array(text.replacingOccurrences(of: "none-in-range", with: "none").utf8)
    #expect(!(try ReportChecks.problems(broken)).isEmpty)
  }

  @Test func csvHasOneRowPerParameterAndPerspective() {
    let lines = ReportChecks.lines(SensitivityReport.csv(AnalysisFixture.sensitivity()))
    #expect(lines.count == 1 + 3 * 9 + 1)
    #expect(lines.last == "")
    #expect(lines[0] == SensitivityReport.columns.joined(separator: ","))
    #expect(
      lines[1]
        == "input:outcomes/arbete@share,input,andel,relative,0.500000,0.400000,0.600000,individ,1000.00,-500.00,2500.00,3000.00,0.450000"
    )
    #expect(
      lines[9]
        == "input:outcomes/arbete@share,input,andel,relative,0.500000,0.400000,0.600000,samhallet,300000.00,200000.00,400000.00,200000.00,none-in-range"
    )
    let excel = SensitivityReport.csv(AnalysisFixture.sensitivity(), dialect: .excelSV)
    #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(
      ReportChecks.lines(Array(excel.dropFirst(3)))[1]
        == "input:outcomes/arbete@share;input;andel;relative;0,500000;0,400000;0,600000;individ;1000,00;-500,00;2500,00;3000,00;0,450000"
    )
  }

  @Test func tornadoHasTwoBarsPerParameterSortedBySwing() throws {
    let root = try ReportChecks.html(SensitivityReport.html(AnalysisFixture.sensitivity(), samkalkVersion: "test"))
    #expect(root.name == "html" && root[attribute: "lang"] == "sv")
    let charts = ReportChecks.charts(root)
    #expect(Array(charts.keys) == ["chart-tornado"])
    ReportChecks.expectAccessible(charts)
    let tornado = try #require(charts["chart-tornado"])
    #expect(ReportChecks.bars(tornado).count == 2 * 3)
    // Largest swing for society first: share (200 000), discount rate (20 000), försörjningsstöd (10 000).
    #expect(
      rowLabels(tornado) == [["outcomes/arbete@share"], ["kalkylranta.standard"], ["formaner.forsorjningsstod.manad"]])
    let rows = ReportChecks.tableRows(root, id: "tornado-table")
    #expect(rows.count == 3)
    #expect(
      rows[0] == [
        "input:outcomes/arbete@share", "andel", "0,5", "0,4", "0,6", "200\u{00A0}000", "400\u{00A0}000",
        "200\u{00A0}000",
        "–",
      ])
    #expect(
      descendants(root, named: "p").map(\.trimmedText).contains(
        "Intervall från scenariot: rate:kalkylranta.standard; övriga ±20\u{00A0}%."))
    // Every perspective's switching value: the parameter, its base value and nine perspectives.
    let switching = ReportChecks.tableRows(root, id: "switching-table")
    #expect(switching.count == 3)
    #expect(switching.allSatisfy { $0.count == 2 + 9 })
    #expect(switching[0][2] == "0,45")
    #expect(descendants(root, named: "script").isEmpty)
  }

  @Test func tornadoMarksZeroOnlyWhenTheAxisCrossesIt() throws {
    func zeroLines(_ analysis: SensitivityAnalysis) throws -> Int {
      let root = try ReportChecks.html(SensitivityReport.html(analysis, samkalkVersion: "test"))
      let tornado = try #require(ReportChecks.charts(root)["chart-tornado"])
      return descendants(tornado, named: "line").filter { $0[attribute: "class"] == "marker" }.count
    }
    #expect(try zeroLines(AnalysisFixture.sensitivity()) == 0)
    var crossing = AnalysisFixture.sensitivity()
    crossing.baseNPV[8] = 50000
    crossing.rows[0].npvLow[8] = -50000
    #expect(try zeroLines(crossing) == 1)
  }

  @Test func anAnalysisWithoutParametersStillGivesAValidPage() throws {
    var analysis = AnalysisFixture.sensitivity()
    analysis.rows = []
    let bytes = SensitivityReport.html(analysis, samkalkVersion: "test")
    #expect(!String(decoding: bytes, as: UTF8.self).contains("NaN"))
    let tornado = try #require(ReportChecks.charts(try ReportChecks.html(bytes))["chart-tornado"])
    #expect(ReportChecks.bars(tornado).isEmpty)
    #expect(try ReportChecks.problems(SensitivityReport.xml(analysis)).isEmpty)
    #expect(
      ReportChecks.lines(SensitivityReport.csv(analysis)) == [SensitivityReport.columns.joined(separator: ","), ""])
  }

  @Test func longParameterNamesAreSplitInTheChartButWholeInTheTable() throws {
    var analysis = AnalysisFixture.sensitivity()
    let long = "input:outcomes/osubventionerat_arbete/phase[2]/situation@wage"
    analysis.rows[0].id = long
    let root = try ReportChecks.html(SensitivityReport.html(analysis, samkalkVersion: "test"))
    let tornado = try #require(ReportChecks.charts(root)["chart-tornado"])
    #expect(rowLabels(tornado).first == ["outcomes/osubventionerat_arbete/phase[2]/", "situation@wage"])
    #expect(ReportChecks.tableRows(root, id: "tornado-table").first?.first == long)
  }

  /// Kronor-sized values are shown whole; shares and small counts keep up to four decimals.
  @Test func parameterValuesForPeople() {
    let sv = HumanNumber(.sv)
    #expect(sv.parameter(2_654_166.666_7) == "2\u{00A0}654\u{00A0}167")
    #expect(sv.parameter(11_287.958_115) == "11\u{00A0}288")
    #expect(sv.parameter(999.5) == "999,5")
    #expect(sv.parameter(0.212_7) == "0,2127")
    #expect(sv.parameter(-1_500.25) == "-1\u{00A0}500")
    #expect(HumanNumber(.en).parameter(24_333.333_3) == "24,333")
  }

  /// Two inputs of one outcome must stay apart in the chart: the ends of a label are kept.
  @Test func chartLabelsKeepTheEndsOfAnId() {
    let service = "input:outcome[subventionerat_arbete]/phase[1]/service[tjanster.primarvard_lakarbesok]@perMonth"
    #expect(
      SensitivityReport.chartLabel(service) == [
        "outcome[subventionerat_arbete]/phase[1]/", "service[tjanster.pri…_lakarbesok]@perMonth",
      ])
    #expect(
      SensitivityReport.chartLabel("rate:skatt.skattereduktion_forvarvsinkomst.nedre_grans") == [
        "skatt.skattereduktion_forvarvsinkomst.", "nedre_grans",
      ])
    #expect(SensitivityReport.chartLabel("input:adjustments@dropOff") == ["adjustments@dropOff"])
    let unbroken = String(repeating: "x", count: 50)
    #expect(
      SensitivityReport.chartLabel("rate:" + unbroken) == [
        String(repeating: "x", count: 20) + "…" + String(repeating: "x", count: 21)
      ])
    #expect(SensitivityReport.chartLabel(service).allSatisfy { $0.count <= SensitivityReport.labelLineLength })
  }

  @Test func tornadoShowsTheFifteenLargestSwings() throws {
    let analysis = AnalysisFixture.manyRows(17)
    let root = try ReportChecks.html(SensitivityReport.html(analysis, language: .en, samkalkVersion: "test"))
    let tornado = try #require(ReportChecks.charts(root)["chart-tornado"])
    #expect(ReportChecks.bars(tornado).count == 2 * 15)
    let labels = rowLabels(tornado)
    #expect(labels.first == ["parameter.16"] && labels.last == ["parameter.2"])
    // The tables still list every parameter.
    #expect(ReportChecks.tableRows(root, id: "tornado-table").count == 17)
    #expect(ReportChecks.tableRows(root, id: "switching-table").count == 17)
  }

  @Test func workbookHasItsSheetsAndNeutralisesFormulas() throws {
    let analysis = AnalysisFixture.sensitivity(title: "=HYPERLINK(\"http://x\")", unit: "@SUM(A1)")
    let (parts, sheets) = try ReportChecks.workbook(try SensitivityReport.workbook(analysis).render())
    #expect(sheets == ["Sammanfattning", "Tornado", "Parametrar"])
    let texts = ReportChecks.sheetTexts(parts)
    #expect(texts.contains("Känslighetsanalys: =HYPERLINK(\"http://x\")"))
    #expect(texts.contains("'@SUM(A1)"))
    for text in texts { #expect(!"=+-@".contains(text.first ?? " "), "\(text)") }
    // Numbers stay numbers: a negative NPV is a <v>, not text.
    let values = parts.filter { $0.key.hasPrefix("xl/worksheets/") }.flatMap {
      descendants($0.value.root, named: "v").map(\.text)
    }
    #expect(values.contains("-150000.00"))
    #expect(
      SensitivityReport.workbook(analysis, language: .en).sheets.map(\.name) == ["Summary", "Tornado", "Parameters"])
  }

  @Test func writerWritesEachFormatOnceAndRefusesAnInput() throws {
    let directory = ReportChecks.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let analysis = AnalysisFixture.sensitivity()
    let written = try SensitivityReportWriter.write(
      analysis, formats: [.xml, .csv, .html, .xlsx, .csv], samkalkVersion: "test", directory: directory)
    #expect(
      written.map { ($0 as NSString).lastPathComponent } == [
        "porten-test-sensitivity.xml", "porten-test-sensitivity.csv", "porten-test-sensitivity.html",
        "porten-test-sensitivity.xlsx",
      ])
    #expect(FileManager.default.contents(atPath: written[0]).map(Array.init) == SensitivityReport.xml(analysis))
    #expect(throws: DiagnosticError.self) {
      try SensitivityReportWriter.write(
        analysis, formats: [.csv], samkalkVersion: "test", directory: directory, protectedPaths: [written[1]])
    }
    var bad = analysis
    bad.scenarioID = "../x"
    #expect(throws: DiagnosticError.self) {
      try SensitivityReportWriter.write(bad, formats: [.xml], samkalkVersion: "test", directory: directory)
    }
  }

  @Test func sameAnalysisGivesTheSameBytes() throws {
    let analysis = AnalysisFixture.sensitivity()
    #expect(
      SensitivityReport.html(analysis, samkalkVersion: "t") == SensitivityReport.html(analysis, samkalkVersion: "t"))
    #expect(try SensitivityReport.workbook(analysis).render() == SensitivityReport.workbook(analysis).render())
  }
}

@Suite struct UncertaintyReportTests {
  @Test func xmlValidatesAgainstItsSchema() throws {
    let bytes = UncertaintyReport.xml(AnalysisFixture.uncertainty())
    #expect(try ReportChecks.problems(bytes).isEmpty)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("probabilityPositiveNPV=\"1.000000\" probabilityPaybackWithinMandate=\"0.620000\""))
    #expect(text.contains("<bin lower=\"170000.00\" upper=\"240000.00\" draws=\"20\"/>"))
    #expect(text.contains("<payback notWithinHorizon=\"3\" monthP5=\"9\" monthP50=\"12\" monthP95=\"22\">"))
    // A probability above 1 does not validate.
    let broken = Array(
      text.replacingOccurrences(of: "probabilityPositiveNPV=\"1.000000\"", with: "probabilityPositiveNPV=\"1.500000\"")
        .utf8)
    #expect(!(try ReportChecks.problems(broken)).isEmpty)
  }

  @Test func csvHasOneRowPerPerspectiveAndTheBinsInASecondTable() {
    let analysis = AnalysisFixture.uncertainty()
    let lines = ReportChecks.lines(UncertaintyReport.csv(analysis))
    #expect(lines.count == 1 + 9 + 1)
    #expect(lines[0] == UncertaintyReport.columns.joined(separator: ","))
    #expect(
      lines[9]
        == "samhallet,300000.00,290000.00,60000.00,190000.00,295000.00,385000.00,100000.00,450000.00,1.000000,0.620000,0.970000,9,12,22"
    )
    #expect(lines[1].hasSuffix(",0.000000,0.000000,0.000000,,,"))
    let bins = ReportChecks.lines(UncertaintyReport.distributionCSV(analysis))
    // Per perspective: 5 bins, 3 payback years and the draws without payback.
    #expect(bins.count == 1 + 9 * (5 + 3 + 1) + 1)
    #expect(bins[0] == "perspective,kind,index,lower,upper,draws")
    let society = bins.filter { $0.hasPrefix("samhallet,") }
    #expect(society[0] == "samhallet,npv,0,100000.00,170000.00,5")
    #expect(society[5] == "samhallet,payback_year,0,0,0,0")
    #expect(society[7] == "samhallet,payback_year,2,13,24,35")
    #expect(society[8] == "samhallet,payback_year,,,,3")
  }

  @Test func htmlHasAHistogramPerActorAndSocietyAndAPaybackChart() throws {
    let analysis = AnalysisFixture.uncertainty()
    let root = try ReportChecks.html(UncertaintyReport.html(analysis, samkalkVersion: "test"))
    let charts = ReportChecks.charts(root)
    let histograms = ["samhallet"] + Actor.allCases.map(\.rawValue)
    #expect(Set(charts.keys) == Set(histograms.map { "chart-histogram-\($0)" } + ["chart-payback-probability"]))
    ReportChecks.expectAccessible(charts)
    for id in histograms {
      let svg = try #require(charts["chart-histogram-\(id)"])
      #expect(ReportChecks.bars(svg).count == 5, "\(id)")
      #expect(ReportChecks.tableRows(root, id: "histogram-table-\(id)").count == 5, "\(id)")
    }
    // P(payback within the mandate period): the seven actors and society.
    let chart = try #require(charts["chart-payback-probability"])
    #expect(ReportChecks.bars(chart).count == 8)
    let values = descendants(chart, named: "text").filter { $0[attribute: "class"] == "value" }.map(\.trimmedText)
    #expect(values.last == "62\u{00A0}%")
    let summary = ReportChecks.tableRows(root, id: "uncertainty-table")
    #expect(summary.count == 9)
    #expect(
      summary[8] == [
        "Samhället", "300\u{00A0}000", "290\u{00A0}000", "60\u{00A0}000", "190\u{00A0}000", "295\u{00A0}000",
        "385\u{00A0}000", "100\u{00A0}%",
      ])
    let payback = ReportChecks.tableRows(root, id: "payback-table")
    #expect(payback.count == 8)
    #expect(payback[7] == ["Samhället", "62\u{00A0}%", "97\u{00A0}%", "3", "9 / 12 / 22"])
    // Payback years run down, the seven actors and society across.
    let years = ReportChecks.tableRows(root, id: "payback-year-table")
    #expect(years.map(\.first) == ["direkt", "År 1", "År 2"])
    #expect(years.allSatisfy { $0.count == 1 + 8 })
    #expect(years.map(\.last) == ["0", "62", "35"])
    #expect(descendants(root, named: "p").map(\.trimmedText).contains { $0.hasSuffix("Sam = Samhället.") })
    #expect(ReportChecks.tableRows(root, id: "parameters-table").count == 2)
  }

  @Test func aDegenerateSampleHasOneBarAndFiniteCoordinates() throws {
    var analysis = AnalysisFixture.uncertainty()
    // Every draw the same NPV: one bin of width zero (Histogram's documented degenerate case).
    analysis.perspectives[8].npvHistogram = Histogram(lower: 300_000, upper: 300_000, counts: [100])
    let bytes = UncertaintyReport.html(analysis, samkalkVersion: "test")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.contains("NaN") && !text.contains("inf"))
    let svg = try #require(ReportChecks.charts(try ReportChecks.html(bytes))["chart-histogram-samhallet"])
    let bars = ReportChecks.bars(svg)
    #expect(bars.count == 1)
    #expect(Double(bars.first?[attribute: "width"] ?? "") ?? 0 > 100)
    #expect(try ReportChecks.problems(UncertaintyReport.xml(analysis)).isEmpty)
  }

  /// A seed above 2^53 would be rounded by a spreadsheet as a number: it is written as text.
  @Test func workbookKeepsEveryDigitOfTheSeed() throws {
    var analysis = AnalysisFixture.uncertainty()
    analysis.seed = UInt64.max
    let (parts, _) = try ReportChecks.workbook(try UncertaintyReport.workbook(analysis).render())
    #expect(ReportChecks.sheetTexts(parts).contains("18446744073709551615"))
  }

  @Test func workbookHasItsSheets() throws {
    let analysis = AnalysisFixture.uncertainty(title: "+cmd")
    let (parts, sheets) = try ReportChecks.workbook(try UncertaintyReport.workbook(analysis).render())
    #expect(sheets == ["Sammanfattning", "Fördelning", "Parametrar"])
    let texts = ReportChecks.sheetTexts(parts)
    for text in texts { #expect(!"=+-@".contains(text.first ?? " "), "\(text)") }
    #expect(texts.contains("Osäkerhetsanalys: +cmd"))
    let distribution = try #require(parts["xl/worksheets/sheet2.xml"])
    #expect(descendants(distribution.root, named: "row").count == 1 + 9 * (5 + 3 + 1))
    #expect(
      UncertaintyReport.workbook(analysis, language: .en).sheets.map(\.name) == [
        "Summary", "Distribution", "Parameters",
      ])
  }

  @Test func sameAnalysisGivesTheSameBytes() throws {
    let analysis = AnalysisFixture.uncertainty()
    #expect(
      UncertaintyReport.html(analysis, samkalkVersion: "t") == UncertaintyReport.html(analysis, samkalkVersion: "t"))
    #expect(try UncertaintyReport.workbook(analysis).render() == UncertaintyReport.workbook(analysis).render())
    #expect(UncertaintyReport.xml(analysis) == UncertaintyReport.xml(analysis))
  }

  @Test func writerWritesBothCSVTables() throws {
    let directory = ReportChecks.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let written = try UncertaintyReportWriter.write(
      AnalysisFixture.uncertainty(), formats: [.csv, .xlsx], csvDialect: .excelSV, samkalkVersion: "test",
      directory: directory)
    #expect(
      written.map { ($0 as NSString).lastPathComponent } == [
        "porten-test-uncertainty.csv", "porten-test-uncertainty-distribution.csv", "porten-test-uncertainty.xlsx",
      ])
    let csv = try #require(FileManager.default.contents(atPath: written[0]))
    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("perspective;deterministic_npv;"))
  }
}

@Suite struct AnalysisGoldenTests {
  /// `Golden/sensitivity-test.{xml,csv,sv.html,en.html}` and `Golden/uncertainty-test.*`: the
  /// hand-built analyses (re-record with `SAMKALK_RECORD_GOLDEN=1`).
  @Test func sensitivityGolden() throws {
    let analysis = AnalysisFixture.sensitivity()
    try GoldenTests.compare(SensitivityReport.xml(analysis), toGolden: "sensitivity-test.xml")
    try GoldenTests.compare(SensitivityReport.csv(analysis), toGolden: "sensitivity-test.csv")
    for language in ReportLanguage.allCases {
      try GoldenTests.compare(
        SensitivityReport.html(analysis, language: language, samkalkVersion: "test"),
        toGolden: "sensitivity-test.\(language.rawValue).html")
    }
  }

  @Test func uncertaintyGolden() throws {
    let analysis = AnalysisFixture.uncertainty()
    try GoldenTests.compare(UncertaintyReport.xml(analysis), toGolden: "uncertainty-test.xml")
    try GoldenTests.compare(UncertaintyReport.csv(analysis), toGolden: "uncertainty-test.csv")
    try GoldenTests.compare(UncertaintyReport.distributionCSV(analysis), toGolden: "uncertainty-test-distribution.csv")
    for language in ReportLanguage.allCases {
      try GoldenTests.compare(
        UncertaintyReport.html(analysis, language: language, samkalkVersion: "test"),
        toGolden: "uncertainty-test.\(language.rawValue).html")
    }
  }
}

/// The tornado's row labels, each as its lines (`<tspan>`s).
func rowLabels(_ tornado: SamkalkXML.XMLElement) -> [[String]] {
  descendants(tornado, named: "text").filter { $0[attribute: "class"] == "rowlabel" }.map {
    $0.children(named: "tspan").map(\.trimmedText)
  }
}
