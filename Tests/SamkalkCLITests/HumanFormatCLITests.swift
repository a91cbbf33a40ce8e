import Foundation
import Testing

/// `--format html,xlsx`, `--lang en` and `--csv-dialect excel-sv` on `run` and `compare`.
@Suite struct HumanFormatCLITests {
  let cli = CLITests()

  @Test func runWritesHTMLAndXLSX() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk(["run", "Scenarios/porten-2016-2018.xml", "--out", out, "--format", "html,xlsx"])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/porten-2016-2018.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\">"))
    #expect(html.contains("Sammanfattning"))
    let xlsx = try Data(contentsOf: URL(fileURLWithPath: out + "/porten-2016-2018.xlsx"))
    #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    #expect(!FileManager.default.fileExists(atPath: out + "/porten-2016-2018.xml"))
  }

  @Test func runInEnglish() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk([
      "run", "Scenarios/porten-2016-2018.xml", "--out", out, "--format", "html", "--lang", "en",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/porten-2016-2018.html", encoding: .utf8)
    #expect(html.contains("lang=\"en\""))
    #expect(html.contains("Summary"))
  }

  @Test func runWithTheSwedishExcelDialect() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk([
      "run", "Scenarios/porten-2016-2018.xml", "--out", out, "--format", "csv", "--csv-dialect", "excel-sv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/porten-2016-2018.csv"))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("actor;year;before;"))
  }

  @Test func unknownLanguageAndDialectAreRejected() throws {
    let language = try cli.samkalk(["run", "Scenarios/porten-2016-2018.xml", "--lang", "de"])
    #expect(language.status != 0)
    #expect(language.stderr.contains("unknown language 'de'"))
    let dialect = try cli.samkalk(["run", "Scenarios/porten-2016-2018.xml", "--csv-dialect", "excel"])
    #expect(dialect.status != 0)
    #expect(dialect.stderr.contains("unknown CSV dialect 'excel'"))
  }

  @Test func compareWritesHTMLXLSXAndExcelCSV() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk([
      "compare", "Scenarios/jamforelse-a-coachning.xml", "Scenarios/jamforelse-b-lonestod.xml", "--out", out,
      "--format", "html,xlsx,csv", "--lang", "en", "--csv-dialect", "excel-sv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/comparison.html", encoding: .utf8)
    #expect(html.contains("Comparison of measures"))
    #expect(html.components(separatedBy: "<svg").count == 2)
    let xlsx = try Data(contentsOf: URL(fileURLWithPath: out + "/comparison.xlsx"))
    #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    let csv = try Data(contentsOf: URL(fileURLWithPath: out + "/comparison.csv"))
    #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("metric;perspective;"))
  }

  @Test func followupWritesHTMLAndXLSXInEnglish() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk([
      "followup", "Scenarios/uppfoljning-exempel.xml", "--out", out, "--format", "html,xlsx", "--lang", "en",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/uppfoljning-exempel-followup.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
    #expect(html.contains("Follow-up with person-level data"))
    #expect(html.contains("<svg") && !html.contains("<script"))
    let xlsx = try Data(contentsOf: URL(fileURLWithPath: out + "/uppfoljning-exempel-followup.xlsx"))
    #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    #expect(!FileManager.default.fileExists(atPath: out + "/uppfoljning-exempel-followup.xml"))
    #expect(result.stdout.contains("wrote \(out)/uppfoljning-exempel-followup.html"))
  }

  @Test func followupCSVInTheSwedishExcelDialect() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk([
      "followup", "Scenarios/uppfoljning-exempel.xml", "--out", out, "--format", "csv", "--csv-dialect", "excel-sv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/uppfoljning-exempel-followup.csv"))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("subgroup;actor;persons;"))
  }

  @Test func runWritesTheFollowupReportInTheSameFormats() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk(["run", "Scenarios/uppfoljning-exempel.xml", "--out", out, "--format", "html"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/uppfoljning-exempel.html"))
    let html = try String(contentsOfFile: out + "/uppfoljning-exempel-followup.html", encoding: .utf8)
    #expect(html.contains("lang=\"sv\"") && html.contains("Uppföljning med persondata"))
    #expect(!FileManager.default.fileExists(atPath: out + "/uppfoljning-exempel-followup.xml"))
  }

  @Test func followupRejectsAnUnknownFormat() throws {
    let result = try cli.samkalk(["followup", "Scenarios/uppfoljning-exempel.xml", "--format", "pdf"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("unknown report format 'pdf'"))
  }
}
