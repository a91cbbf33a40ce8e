import Foundation
import SamkalkCore
import Testing

@testable import SamkalkRates

@Suite("Precedence of layers")
struct PrecedenceTests {
  @Test func layersAreOrdered() {
    #expect(RateLayer.shipped < .userFile(0))
    #expect(RateLayer.userFile(0) < .userFile(1))
    #expect(RateLayer.userFile(7) < .scenario)
  }

  @Test func shippedThenFileOneThenFileTwoThenScenario() throws {
    let dir = smallRates()
    defer { dir.remove() }
    let first = dir.write(
      "first.csv",
      "key;value;unit;from;source;to\n"
        + "test.konstant;0,30;andel;2024-03-01;Budget 1;\n"
        + "test.fast;8;kr/dag;2024-02-01;Budget 1;2024-02-29\n")
    let second = dir.write("second.csv", "key;value;unit;from;source\ntest.konstant;40 %;andel;2024-06-01;Budget 2\n")
    let origin = RateOrigin(layer: .scenario, location: SourceLocation(file: "scenario.xml", line: 12))
    let scenario = RateValue(
      key: "test.konstant", amount: .number(0.5), unit: .andel, from: day("2024-09-01"),
      source: RateSource(title: "Scenario"), status: .unconfirmed, origin: origin)
    let book = try RateBook.shipped(directory: dir.path).adding(userFiles: [first, second])
      .adding(scenarioValues: [scenario])

    func konstant(_ date: String) throws -> ResolvedRate { try book.resolve("test.konstant", at: day(date)) }
    #expect(try konstant("2024-02-01").number == 0.25)
    #expect(try konstant("2024-02-01").value.origin.layer == .shipped)
    #expect(try konstant("2024-04-01").number == 0.30)
    #expect(try konstant("2024-04-01").value.origin.layer == .userFile(0))
    #expect(try konstant("2024-04-01").value.origin.location == SourceLocation(file: first, line: 2, column: 1))
    #expect(try konstant("2024-07-01").number == 0.40)
    #expect(try konstant("2024-07-01").value.origin.layer == .userFile(1))
    #expect(try konstant("2024-10-01").number == 0.5)
    #expect(try konstant("2024-10-01").value.origin.layer == .scenario)
    // A user value without `to` holds past the shipped coverage, without extrapolation.
    #expect(try konstant("2031-01-01").extrapolation == nil)
    // A user value with `to`: outside its period the shipped value applies again.
    #expect(try book.resolve("test.fast", at: day("2024-02-10")).number == 8)
    #expect(try book.resolve("test.fast", at: day("2024-03-01")).number == 7)
    #expect(try book.resolve("test.fast", at: day("2024-03-01")).value.origin.layer == .shipped)
    #expect(book.files.map(\.layer).suffix(2) == [.userFile(0), .userFile(1)])
    #expect(
      book.files.last?.sha256
        == SHA256.hex(of: Array("key;value;unit;from;source\ntest.konstant;40 %;andel;2024-06-01;Budget 2\n".utf8)))
  }
}

@Suite("Finance officers' CSV files")
struct UserFileTests {
  static let shippedBook: RateBook = try! RateBook.shipped()

  @Test func swedishExcelFileWithBOMSemicolonAndDecimalComma() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let text =
      "key;value;unit;from;source;status\r\n"
      + "formaner.forsorjningsstod.per_hushallsmanad;10 450,50;kr/månad;2025-01-01;\"Karlstads budget; bilaga 2\";SEEN\r\n"
    let path = dir.write("karlstad.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
    let book = try Self.shippedBook.adding(userFiles: [path])
    let resolved = try book.resolve("formaner.forsorjningsstod.per_hushallsmanad", at: day("2025-05-01"))
    #expect(resolved.number == 10450.5)
    #expect(resolved.value.source.title == "Karlstads budget; bilaga 2")
    #expect(book.files.last?.encoding == "UTF-8 with BOM")
    #expect(book.notes.contains { $0.location.file == path && $0.message.contains("UTF-8 with BOM") })
  }

  @Test func windows1252FileWithRawSwedishLetters() throws {
    let dir = TempDir()
    defer { dir.remove() }
    // "kommunkod;kommun;kommunalskatt;regionskatt;summa" then Malmö, Håbo and Älmhult by name,
    // with å (0xE5), ä (0xE4), ö (0xF6) and Ä (0xC4) as single Windows-1252 bytes.
    var bytes = Array("kommunkod;kommun;kommunalskatt;regionskatt;summa\r\n".utf8)
    bytes += Array(";Malm".utf8) + [0xF6] + Array(";21,50;11,18;32,68\r\n".utf8)
    bytes += Array(";H".utf8) + [0xE5] + Array("bo;20,00;11,55;31,55\r\n".utf8)
    bytes += Array(";".utf8) + [0xC4] + Array("lmhult;21,00;12,00;33,00\r\n".utf8)
    let path = dir.write("skattesatser-2025.csv", bytes: bytes)
    let csv = try SwedishCSV.load(path: path)
    #expect(csv.encoding == .windows1252)
    #expect(csv.rows[1].fields[1].text == "Håbo")
    let book = try Self.shippedBook.adding(userFiles: [path])
    #expect(book.files.last?.encoding == "Windows-1252")
    #expect(book.notes.contains { $0.message.contains("Windows-1252") })
    let malmo = try book.municipality("malmö", year: 2025)
    #expect(malmo.code == "1280")
    #expect(malmo.kommunal == 0.215)
    #expect(malmo.origin.layer == .userFile(0))
    #expect(try book.municipality("1280", year: 2025).regional == 0.1118)
    // Other municipalities keep the shipped rates.
    #expect(try book.municipality("Karlstad", year: 2025).origin.layer == .shipped)
    #expect(try book.municipality("Älmhult", year: 2025).kommunal == 0.21)
  }

  @Test func commaSeparatedFileWithDecimalPoint() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write(
      "rates.csv",
      "Key,Value,Unit,From,To,Source,Status\n"
        + "kalkylranta.standard,0.04,andel,2025-01-01,,\"Kommunens riktlinje, 2025\",UNCONFIRMED\n"
        + "betalare.aktivitetsstod,kommun,aktör,2025-01-01,2025-12-31,Lokal överenskommelse,\n")
    let book = try Self.shippedBook.adding(userFiles: [path])
    let rate = try book.resolve("kalkylranta.standard", at: day("2026-01-01"))
    #expect(rate.number == 0.04)
    #expect(rate.value.status == .unconfirmed)
    #expect(rate.value.source.title == "Kommunens riktlinje, 2025")
    #expect(try book.resolve("betalare.aktivitetsstod", at: day("2025-06-01")).actor == .kommun)
    #expect(try book.resolve("betalare.aktivitetsstod", at: day("2026-06-01")).actor == .arbetsformedlingen)
    #expect(book.files.last?.encoding == "UTF-8")
  }

  @Test func everyBadOverrideRowGivesItsErrorAtLineAndColumn() {
    let dir = TempDir()
    defer { dir.remove() }
    let lines = [
      "key;value;unit;from;source",
      "formaner.aktivitetsstod.dgg;365;kr/dag;2025-01-01;Budget",  // 2: unknown key
      "formaner.aktivitetsstod.dag;tre hundra;kr/dag;2025-01-01;Budget",  // 3: text for a number
      "formaner.aktivitetsstod.dag;-5;kr/dag;2025-02-01;Budget",  // 4: negative
      "arbetsgivaravgift.full;1,5;andel;2025-01-01;Budget",  // 5: andel outside 0–1
      "formaner.aktivitetsstod.dag;300;;2025-03-01;Budget",  // 6: missing unit
      "formaner.aktivitetsstod.dag;300;kr/dag;2025-04-01;",  // 7: missing source
      "formaner.aktivitetsstod.dag;300;kr/månad;2025-05-01;Budget",  // 8: wrong unit
      "formaner.etableringsersattning.dag;300;kr/dag;2025-01-01;Budget",  // 9
      "formaner.etableringsersattning.dag;310;kr/dag;2025-01-01;Budget",  // 10: duplicate key and date
      "formaner.etableringsersattning.dag;310;kr/dag;2025-13-01;Budget",  // 11: bad date
    ]
    let path = dir.write("fel.csv", lines.joined(separator: "\n") + "\n")
    let found = diagnostics { _ = try Self.shippedBook.adding(userFiles: [path]) }
    func expectError(line: Int, field: Int, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
      let col = column(of: field, in: lines[line - 1])
      let match = found.first { $0.location.line == line && $0.location.column == col && $0.message.contains(text) }
      #expect(match != nil, "no '\(text)' at \(line):\(col) in \(found)", sourceLocation: sourceLocation)
      #expect(match?.description.hasPrefix("\(path):\(line):\(col): error: ") ?? false, sourceLocation: sourceLocation)
    }
    expectError(
      line: 2, field: 0, "unknown key 'formaner.aktivitetsstod.dgg'; did you mean 'formaner.aktivitetsstod.dag'?")
    expectError(line: 3, field: 1, "'tre hundra' is not a number")
    expectError(line: 4, field: 1, "negative amount -5")
    expectError(line: 5, field: 1, "andel 1,5 is outside 0–1")
    expectError(line: 6, field: 2, "missing unit")
    expectError(line: 7, field: 4, "missing source")
    expectError(line: 8, field: 2, "wrong unit 'kr/månad': 'formaner.aktivitetsstod.dag' is in kr/dag")
    expectError(
      line: 10, field: 3,
      "duplicate key and date: 'formaner.etableringsersattning.dag' from 2025-01-01 is already given on line 9")
    expectError(line: 11, field: 3, "'2025-13-01' is not a date")
    #expect(found.filter { $0.severity == .error }.count == 9, "\(found)")
  }

  @Test func badMunicipalRowsGiveErrorsAtLineAndColumn() {
    let dir = TempDir()
    defer { dir.remove() }
    let lines = [
      "kommunkod;kommun;kommunalskatt;regionskatt;summa",
      "9999;;21,00;11,00;32,00",  // 2: unknown code
      ";Karlstadd;21,00;11,00;32,00",  // 3: unknown name, with a hint
      "1780;Karlstad;tjugo;12,28;33,55",  // 4: text for a number
      "1780;Karlstad;21,27;12,28;34,00",  // 5: summa does not add up
      "0180;Stockholm;-1;12,38;11,38",  // 6: negative percent
    ]
    let path = dir.write("kommuner-2025.csv", lines.joined(separator: "\r\n"))
    let found = diagnostics { _ = try Self.shippedBook.adding(userFiles: [path]) }
    func expectError(line: Int, field: Int, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
      let col = column(of: field, in: lines[line - 1])
      let match = found.first { $0.location.line == line && $0.location.column == col && $0.message.contains(text) }
      #expect(match != nil, "no '\(text)' at \(line):\(col) in \(found)", sourceLocation: sourceLocation)
    }
    expectError(line: 2, field: 0, "unknown municipality code '9999'")
    expectError(line: 3, field: 1, "unknown municipality 'Karlstadd'; did you mean 'Karlstad'?")
    expectError(line: 4, field: 2, "'tjugo' is not a number")
    expectError(line: 5, field: 4, "summa 34,00 is not kommunalskatt + regionskatt")
    expectError(line: 6, field: 2, "kommunalskatt -1 is outside 0–100")
  }

  @Test func municipalTableNeedsAYear() throws {
    let dir = TempDir()
    defer { dir.remove() }
    let undated = dir.write("kommuner.csv", "kommunkod;kommunalskatt;regionskatt\n1780;21,00;12,28\n")
    let found = diagnostics { _ = try Self.shippedBook.adding(userFiles: [undated]) }
    #expect(found.contains { $0.location.line == 1 && $0.message.contains("no income year") })
    let withColumn = dir.write("kommuner2.csv", "år;kommunkod;kommunalskatt;regionskatt\n2026;1780;21,00;12,28\n")
    let book = try Self.shippedBook.adding(userFiles: [withColumn])
    #expect(try book.municipality("Karlstad", year: 2026).kommunal == 0.21)
    #expect(UserRatesLoader.yearFromFileName("/x/kommunalskatt-2025.csv") == 2025)
    #expect(UserRatesLoader.yearFromFileName("/x/kommunalskatt2025.csv") == nil)
  }

  @Test func unknownHeaderIsAnError() {
    let dir = TempDir()
    defer { dir.remove() }
    let path = dir.write("x.csv", "namn;belopp\nA;1\n")
    let found = diagnostics { _ = try Self.shippedBook.adding(userFiles: [path]) }.filter { $0.severity == .error }
    #expect(found.count == 1)
    #expect(found.first?.description.hasPrefix("\(path):1:1: error: unknown CSV header") == true)
  }
}

@Suite("SwedishCSV")
struct SwedishCSVTests {
  @Test func quotedFieldsFollowRFC4180() throws {
    let text = "a;b;c\r\n\"x;y\";\"two\nlines\";\"say \"\"hej\"\"\"\r\n1;;3\r\n"
    let csv = try SwedishCSV.parse(bytes: Array(text.utf8), file: "t.csv")
    #expect(csv.separator == ";")
    #expect(csv.decimalMark == ",")
    #expect(csv.rows.count == 2)
    #expect(csv.rows[0].fields.map(\.text) == ["x;y", "two\nlines", "say \"hej\""])
    #expect(csv.rows[0].line == 2)
    #expect(csv.rows[1].line == 4)
    #expect(csv.rows[1].fields.map(\.text) == ["1", "", "3"])
    #expect(csv.rows[1].fields.map(\.column) == [1, 3, 4])
  }

  @Test func numbers() throws {
    let semicolon = try SwedishCSV.parse(bytes: Array("a;b\n".utf8), file: "s.csv")
    #expect(semicolon.number("58 800") == 58800)
    #expect(semicolon.number("0,3142") == 0.3142)
    #expect(semicolon.number("−12,5") == -12.5)
    #expect(semicolon.number("12.5") == 12.5)
    #expect(semicolon.number("1e5") == nil)
    #expect(semicolon.number("12,5,1") == nil)
    #expect(semicolon.number("") == nil)
    let comma = try SwedishCSV.parse(bytes: Array("a,b\n".utf8), file: "c.csv")
    #expect(comma.separator == ",")
    #expect(comma.number("0.5") == 0.5)
    #expect(comma.number("0,5") == nil)
  }

  @Test func unterminatedQuoteIsReportedWhereItOpens() {
    let found = diagnostics { _ = try SwedishCSV.parse(bytes: Array("a;b\n1;\"open\n".utf8), file: "q.csv") }
    #expect(found.map(\.description) == ["q.csv:2:3: error: a quoted field is never closed"])
  }
}
