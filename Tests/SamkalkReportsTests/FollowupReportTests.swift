import Foundation
import SamkalkCore
import SamkalkEngine
import SamkalkInput
import SamkalkMicrodata
import SamkalkRates
import SamkalkReports
import SamkalkXML
import Testing

/// The follow-up study's HTML page and workbook, from the shipped example
/// `Scenarios/uppfoljning-exempel.xml` (16 synthetic persons scaled to 360).
@Suite struct FollowupReportTests {
  static let scenarioPath = "Scenarios/uppfoljning-exempel.xml"

  /// The study as `samkalk followup Scenarios/uppfoljning-exempel.xml` runs it, with every path
  /// made relative to the repository so that golden files do not depend on the checkout.
  static func study() throws -> (result: FollowupResult, title: String) {
    let root = GoldenTests.root
    let rates = try RateBook.shipped(directory: root + "/Rates")
    let loaded = try ScenarioReader(rates: rates).read(path: root + "/" + scenarioPath)
    var result = try #require(try FollowupStudy.run(scenario: loaded.scenario, rates: rates))
    func relative(_ path: String) -> String {
      path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
    result.file = relative(result.file)
    result.ratesUsed = result.ratesUsed.map { used in
      var used = used
      used.file = relative(used.file)
      used.resolved.value.origin.location.file = relative(used.resolved.value.origin.location.file)
      return used
    }
    result.warnings = result.warnings.map { warning in
      var warning = warning
      warning.location.file = relative(warning.location.file)
      return warning
    }
    return (result, loaded.scenario.title)
  }

  @Test func htmlHasTheChartsAndTheirTables() throws {
    let (result, title) = try Self.study()
    let bytes = FollowupHTML.render(result, samkalkVersion: "test", title: title)
    let root = try ReportChecks.html(bytes)
    #expect(root.name == "html" && root[attribute: "lang"] == "sv")
    let charts = ReportChecks.charts(root)
    #expect(Set(charts.keys) == ["chart-followup", "chart-followup-subgroups"])
    ReportChecks.expectAccessible(charts)
    #expect(ReportChecks.bars(try #require(charts["chart-followup"])).count == 9)
    #expect(ReportChecks.bars(try #require(charts["chart-followup-subgroups"])).count == result.subgroups.count)
    let table = ReportChecks.tableRows(root, id: "followup-table")
    #expect(table.count == 9)
    let society = try #require(result.total.figure(.samhallet))
    #expect(table[8][0] == "Samhället")
    #expect(table[8][5] == HumanNumber(.sv).integer(society.scaledChange))
    #expect(ReportChecks.tableRows(root, id: "followup-subgroups-table").count == result.subgroups.count)
    #expect(ReportChecks.tableRows(root, id: "persons-table").first == ["Lästa", String(result.personsRead)])
    #expect(!ReportChecks.tableRows(root, id: "rates-table").isEmpty)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains(result.sha256))
    #expect(text.contains("@media print") && !text.contains("<script"))
    // Swedish grouping with a no-break space: 360 participants, 1 000 replicates.
    #expect(text.contains("uppräknat till 360 deltagare"))
    #expect(text.contains("1\u{00A0}000"))
  }

  @Test func englishPage() throws {
    let (result, _) = try Self.study()
    let bytes = FollowupHTML.render(result, language: .en, samkalkVersion: "test")
    let root = try ReportChecks.html(bytes)
    #expect(root[attribute: "lang"] == "en")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("Follow-up with person-level data: uppfoljning-exempel"))
    #expect(text.contains("Society") && !text.contains("Samhället"))
  }

  @Test func csvTableIsTheFollowupCSVInBothDialects() throws {
    let (result, _) = try Self.study()
    #expect(FollowupXLSX.csv(result, dialect: .rfc4180) == FollowupReport.csv(result))
    let excel = FollowupXLSX.csv(result, dialect: .excelSV)
    #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
    let lines = ReportChecks.lines(Array(excel.dropFirst(3)))
    #expect(lines[0] == FollowupReport.csvHeader.replacingOccurrences(of: ",", with: ";"))
    #expect(lines.count == 1 + result.subgroups.count * 9 + 1)
    #expect(lines[1].hasPrefix("total;individ;16;"))
    #expect(lines[1].contains(","))
  }

  @Test func workbookHasItsSheetsWithNumbersAsNumbers() throws {
    let (result, title) = try Self.study()
    let (parts, sheets) = try ReportChecks.workbook(
      try FollowupXLSX.workbook(result, samkalkVersion: "test", title: "=" + title).render())
    #expect(sheets == ["Sammanfattning", "Resultat", "Kalkylvärden"])
    let texts = ReportChecks.sheetTexts(parts)
    #expect(texts.contains("'=" + title))
    for text in texts { #expect(!"=+-@".contains(text.first ?? " "), "\(text)") }
    let results = try #require(parts["xl/worksheets/sheet2.xml"])
    let rows = descendants(results.root, named: "row")
    #expect(rows.count == 1 + result.subgroups.count * 9)
    // subgroup, actor (text), then persons and money as numbers.
    let cells = rows[1].children
    #expect(cells[0][attribute: "t"] == "inlineStr" && cells[2][attribute: "t"] == nil)
    #expect(cells[3].child(named: "v")?.trimmedText == result.total.figures[0].before.description)
    #expect(
      FollowupXLSX.workbook(result, language: .en, samkalkVersion: "t").sheets.map(\.name) == [
        "Summary", "Results", "Rates used",
      ])
  }

  @Test func writerWritesTheFourFormatsBesideTheData() throws {
    let (result, title) = try Self.study()
    let directory = ReportChecks.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let written = try FollowupReportWriter.write(
      result, formats: [.html, .xlsx, .xml, .csv], samkalkVersion: "test", title: title, directory: directory)
    #expect(
      written.map { ($0 as NSString).lastPathComponent } == [
        "uppfoljning-exempel-followup.html", "uppfoljning-exempel-followup.xlsx", "uppfoljning-exempel-followup.xml",
        "uppfoljning-exempel-followup.csv",
      ])
    let xml = try #require(FileManager.default.contents(atPath: written[2]))
    #expect(try FollowupReport.validate(Array(xml)).isEmpty)
  }

  /// `Golden/uppfoljning-exempel-followup.sv.html` and `.en.html`.
  @Test(arguments: ReportLanguage.allCases)
  func followupHTMLGolden(_ language: ReportLanguage) throws {
    let (result, title) = try Self.study()
    let bytes = FollowupHTML.render(result, language: language, samkalkVersion: "test", title: title)
    #expect(bytes == FollowupHTML.render(result, language: language, samkalkVersion: "test", title: title))
    try GoldenTests.compare(bytes, toGolden: "uppfoljning-exempel-followup.\(language.rawValue).html")
  }
}
