import Foundation
import SamkalkCore
import SamkalkEngine
import Testing

@testable import SamkalkMicrodata
@testable import SamkalkRates

let header = "person,month,situation,extent,sex,birth_year,municipality,enrolment,exit,monthly_amount"

func book() throws -> RateBook { try RateBook.shipped() }

func study(
  _ text: String, before: Int = 12, after: Int = 12, keepPartial: Bool = false, skipInvalid: Bool = false,
  bootstrap: Int = 0, seed: UInt64 = 1, groupSize: Int? = nil, ratesDate: Day? = nil
) throws -> FollowupResult {
  try study(
    Array(text.utf8), before: before, after: after, keepPartial: keepPartial, skipInvalid: skipInvalid,
    bootstrap: bootstrap, seed: seed, groupSize: groupSize, ratesDate: ratesDate)
}

func study(
  _ bytes: [UInt8], before: Int = 12, after: Int = 12, keepPartial: Bool = false, skipInvalid: Bool = false,
  bootstrap: Int = 0, seed: UInt64 = 1, groupSize: Int? = nil, ratesDate: Day? = nil
) throws -> FollowupResult {
  var options = FollowupStudy.Options()
  options.monthsBefore = before
  options.monthsAfter = after
  options.keepPartial = keepPartial
  options.skipInvalid = skipInvalid
  options.bootstrapReplicates = bootstrap
  options.seed = seed
  options.groupSize = groupSize
  options.ratesDate = ratesDate
  options.chunkSize = 4096
  return try FollowupStudy(rates: try book(), options: options).run(bytes: bytes, file: "f.csv")
}

/// Rows for `person` in every month from `from` for `count` months.
func rows(
  _ person: String, from: String, count: Int, situation: String, amount: String = "", sex: String = "kvinna",
  birth: Int = 1990, enrolment: String, exit: String
) -> String {
  let start = YearMonth(from)!
  return (0..<count).map {
    "\(person),\(start.adding(months: $0)),\(situation),1,\(sex),\(birth),1780,\(enrolment),\(exit),\(amount)\n"
  }.joined()
}

@Suite struct WindowTests {
  @Test func januaryEnrolmentTakesTheBeforeWindowFromThePreviousYear() throws {
    // Enrolment 2024-01-15: before = 2023-01 … 2023-12; exit 2024-03-31: after = 2024-04 … 2025-03.
    // Rows 2022-12 … 2025-04: 2022-12, 2024-01 … 2024-03 and 2025-04 lie outside (5 rows).
    let text =
      header + "\n"
      + rows(
        "A", from: "2022-12", count: 29, situation: "ingen_ersattning", enrolment: "2024-01-15", exit: "2024-03-31")
    let result = try study(text)
    #expect(result.rowsRead == 29)
    #expect(result.rowsInWindows == 24)
    #expect(result.rowsOutsideWindows == 5)
    #expect(result.personsIncluded == 1)
  }

  @Test func midMonthEnrolmentLeavesTheWholeEnrolmentMonthOut() throws {
    // Before 2 months, enrolment 2024-03-15: the before window is 2024-01 and 2024-02; March is
    // the measure's month even though the person enrolled mid-month. Exit 2024-03-20: after is
    // 2024-04 and 2024-05. Person B lacks 2024-01, so is excluded (before incomplete).
    let text =
      header + "\n"
      + rows("A", from: "2024-01", count: 5, situation: "ingen_ersattning", enrolment: "2024-03-15", exit: "2024-03-20")
      + rows("B", from: "2024-02", count: 4, situation: "ingen_ersattning", enrolment: "2024-03-15", exit: "2024-03-20")
    let result = try study(text, before: 2, after: 2)
    #expect(result.rowsInWindows == 4 + 3)
    #expect(result.rowsOutsideWindows == 2)
    #expect(result.personsIncluded == 1)
    #expect(result.excluded == [.beforeIncomplete: 1])
    // Kept with --keep-partial: B then counts with its one before month.
    let partial = try study(text, before: 2, after: 2, keepPartial: true)
    #expect(partial.personsIncluded == 2)
    #expect(partial.personsPartial == 1)
  }

  @Test func exitBeforeEnrolmentIsAnErrorWithItsLine() throws {
    let text =
      header + "\n" + "A,2024-01,ingen_ersattning,1,man,1980,1780,2024-03-15,2024-03-01,\n"
    let error = try #require(throws: DiagnosticError.self) { try study(text) }
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.message.contains("exit 2024-03-01 is before enrolment 2024-03-15"))
    // Column of the exit field: "A,2024-01,ingen_ersattning,1,man,1980,1780,2024-03-15," is 54 characters.
    #expect(diagnostic.location.description == "f.csv:2:55")
  }
}

@Suite struct AggregationTests {
  @Test func twelveMonthsOfForsorjningsstodByHand() throws {
    // Before: 12 months of försörjningsstöd at a stated 10 000 kr → kommun −120 000 kr, individ
    // +120 000 kr (tax-free, so no income tax). After: 12 months without income → 0 for everyone.
    // Change: kommun +120 000, individ −120 000, society 0 (a transfer).
    let text =
      header + "\n"
      + rows(
        "A", from: "2023-01", count: 12, situation: "forsorjningsstod", amount: "10000", enrolment: "2024-01-10",
        exit: "2024-01-31")
      + rows(
        "A", from: "2024-02", count: 12, situation: "ingen_ersattning", enrolment: "2024-01-10", exit: "2024-01-31")
    let result = try study(text)
    let total = result.total
    #expect(total.persons == 1)
    #expect(total.figure(.actor(.kommun))?.before == Money(kronor: -120_000))
    #expect(total.figure(.actor(.kommun))?.after == Money.zero)
    #expect(total.figure(.actor(.kommun))?.change == Money(kronor: 120_000))
    #expect(total.figure(.actor(.individ))?.change == Money(kronor: -120_000))
    #expect(total.figure(.samhallet)?.change == Money.zero)
    #expect(result.subgroups.first { $0.id == "30-49" }?.persons == 1)  // born 1990, enrolled 2024: 34
  }

  @Test func serviceCountsArePricedByTheirUnitCost() throws {
    // One primary-care visit a month for 12 before months at the 2024 unit cost 2 093 kr:
    // region −12 × 2 093 = −25 116 kr before; nothing after.
    var text = "person,month,situation,extent,sex,birth_year,municipality,enrolment,exit,primarvard_lakarbesok\n"
    for month in 1...12 {
      text += "A,2023-\(month < 10 ? "0" : "")\(month),ingen_ersattning,1,man,1970,1780,2024-01-01,2024-01-01,1\n"
    }
    for month in 2...12 {
      text += "A,2024-\(month < 10 ? "0" : "")\(month),ingen_ersattning,1,man,1970,1780,2024-01-01,2024-01-01,\n"
    }
    text += "A,2025-01,ingen_ersattning,1,man,1970,1780,2024-01-01,2024-01-01,\n"
    let result = try study(text, ratesDate: Day(year: 2024, month: 6, day: 1))
    #expect(result.total.figure(.actor(.region))?.before == Money(kronor: -25_116))
    #expect(result.total.figure(.actor(.region))?.change == Money(kronor: 25_116))
  }

  @Test func sexAndAgeSplitsSumExactlyToTheTotal() throws {
    let data = SyntheticFollowup.bytes(persons: 300, monthsPerPerson: 25, seed: 5)
    let result = try study(data, bootstrap: 0)
    #expect(result.personsIncluded == 300)
    for perspective in Perspective.all {
      let total = try #require(result.total.figure(perspective))
      for kind in [FollowupSubgroup.Kind.sex, .ageBand] {
        let parts = result.subgroups.filter { $0.kind == kind }.compactMap { $0.figure(perspective) }
        #expect(parts.reduce(Money.zero) { $0 + $1.before } == total.before)
        #expect(parts.reduce(Money.zero) { $0 + $1.after } == total.after)
        #expect(parts.reduce(Money.zero) { $0 + $1.change } == total.change)
      }
      let persons = result.subgroups.filter { $0.kind == .sex }.reduce(0) { $0 + $1.persons }
      #expect(persons == 300)
    }
  }

  @Test func scalingUsesPerParticipantTimesGroupSize() throws {
    let data = SyntheticFollowup.bytes(persons: 39, monthsPerPerson: 25, seed: 2)
    let result = try study(data, groupSize: 360)
    let kommun = try #require(result.total.figure(.actor(.kommun)))
    let expected = (Double(kommun.change.ore) * 360 / 39).rounded(.toNearestOrAwayFromZero)
    #expect(Double(kommun.scaledChange.ore) == expected)
  }
}

@Suite struct InvalidRowTests {
  let text =
    header + "\n"
    + "A,2024-01,ingen_ersattning,1,man,1980,1780,2024-03-15,2024-03-20,\n"
    + "A,2024-13,ingen_ersattning,1,man,1980,1780,2024-03-15,2024-03-20,\n"
    + "A,2024-02,ingen_ersattning,abc,man,1980,1780,2024-03-15,2024-03-20,\n"
    + "A,2024-04,forsorjningstod,1,man,1980,1780,2024-03-15,2024-03-20,\n"

  @Test func aKassaFromOctober2025ReadsPriorIncomeAndStep() throws {
    // 12 before months of a-kassa on 25 000 kr prior income, days 1–100: 0,8 × 25 000 = 20 000
    // kr a month paid by staten (taxable, so the income tax moves too); 12 after months without.
    var text = "person,month,situation,extent,sex,birth_year,municipality,enrolment,exit,prior_income,a_kassa_step\n"
    for month in 1...12 {
      text += "A,2025-\(month < 10 ? "0" : "")\(month),a_kassa,1,man,1970,1780,2026-01-01,2026-01-01,25000,1-100\n"
    }
    for month in 2...12 {
      text += "A,2026-\(month < 10 ? "0" : "")\(month),ingen_ersattning,1,man,1970,1780,2026-01-01,2026-01-01,,\n"
    }
    text += "A,2027-01,ingen_ersattning,1,man,1970,1780,2026-01-01,2026-01-01,,\n"
    let date = Day(year: 2025, month: 10, day: 1)
    let result = try study(text, ratesDate: date)
    // The same months with the amount stated give the same figures to the öre.
    let stated = text.replacingOccurrences(of: "prior_income,a_kassa_step", with: "monthly_amount,wage")
      .replacingOccurrences(of: ",25000,1-100\n", with: ",20000,\n")
    let expected = try study(stated, ratesDate: date)
    for actor in [Actor.individ, .staten, .kommun] {
      let figure = try #require(result.total.figure(.actor(actor))?.before)
      #expect(figure == expected.total.figure(.actor(actor))?.before, "\(actor)")
    }
    #expect(result.total.figure(.actor(.staten))?.before ?? .zero < Money(kronor: -12 * 20_000 / 2))
    #expect(result.total.figure(.samhallet)?.change == Money.zero)
    // A bad step is an error at its field: "A,2025-01,a_kassa,1,man,1970,1780,2026-01-01,2026-01-01,25000," is 62.
    let bad = text.replacingOccurrences(of: "25000,1-100\n", with: "25000,dag 1\n")
    let error = try #require(throws: DiagnosticError.self) {
      try study(bad, ratesDate: Day(year: 2025, month: 10, day: 1))
    }
    #expect(error.diagnostics.first?.location.description == "f.csv:2:63")
    #expect(error.diagnostics.first?.message.contains("a_kassa_step 'dag 1' is not 1-100, 101-200 or 201-") == true)
  }

  @Test func badRowsAreErrorsWithFileLineAndColumn() throws {
    let error = try #require(throws: DiagnosticError.self) { try study(text, before: 1, after: 1) }
    let places = error.diagnostics.map(\.location.description)
    // "A," is 2 characters: the month starts at column 3; "A,2024-02,ingen_ersattning," is 27.
    #expect(places == ["f.csv:3:3", "f.csv:4:28", "f.csv:5:11"])
    #expect(
      error.diagnostics[2].message.contains("did you mean 'forsorjningsstod'")
        || error.diagnostics[2].message.contains("forsorjningsstod"))
  }

  @Test func skippedLinesAreCountedAndListed() throws {
    let result = try study(text, before: 1, after: 1, skipInvalid: true)
    #expect(result.skippedLines == 3)
    #expect(result.skipped.compactMap(\.location.line) == [3, 4, 5])
    #expect(result.rowsRead == 4)
    #expect(result.warnings.contains { $0.message.contains("3 invalid lines skipped") })
  }
}

@Suite struct GeneratorAndBootstrapTests {
  @Test func theGeneratorIsDeterministic() {
    let first = SyntheticFollowup.bytes(persons: 50, monthsPerPerson: 25, seed: 7)
    let second = SyntheticFollowup.bytes(persons: 50, monthsPerPerson: 25, seed: 7)
    let other = SyntheticFollowup.bytes(persons: 50, monthsPerPerson: 25, seed: 8)
    #expect(first == second)
    #expect(first != other)
    #expect(first.filter { $0 == 10 }.count == 50 * 25 + 1)
  }

  @Test func theBootstrapIsReproducibleForASeed() throws {
    let data = SyntheticFollowup.bytes(persons: 120, monthsPerPerson: 25, seed: 3)
    let a = try study(data, bootstrap: 200, seed: 11, groupSize: 360)
    let b = try study(data, bootstrap: 200, seed: 11, groupSize: 360)
    let c = try study(data, bootstrap: 200, seed: 12, groupSize: 360)
    let intervals = { (result: FollowupResult) in result.subgroups.flatMap { $0.figures.map(\.interval) } }
    #expect(intervals(a) == intervals(b))
    #expect(intervals(a) != intervals(c))
    let kommun = try #require(a.total.figure(.actor(.kommun)))
    let interval = try #require(kommun.interval)
    #expect(interval.contains(kommun.scaledChange))
    #expect(FollowupReport.xml(a, samkalkVersion: "t") == FollowupReport.xml(b, samkalkVersion: "t"))
  }
}

@Suite struct DialectTests {
  @Test func aWindows1252SemicolonFileWithDecimalCommaReads() throws {
    // Österåker by name in Windows-1252 (Ö = 0xD6, å = 0xE5); extent 0,5 and a grouped amount
    // "10 000,50": kommun pays 0.5 × 10 000.50 = 5 000.25 kr a month, 2 before months = 10 000.50 kr.
    var lines = ["person;month;situation;extent;sex;birth_year;municipality;enrolment;exit;monthly_amount"]
    for month in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"] {
      lines.append("A;\(month);forsorjningsstod;0,5;K;1985;\u{D6}ster\u{E5}ker;2024-03-15;2024-03-20;10 000,50")
    }
    let bytes = (lines.joined(separator: "\r\n") + "\r\n").unicodeScalars.map { UInt8($0.value) }
    let result = try study(bytes, before: 2, after: 2)
    #expect(result.encoding == .windows1252)
    #expect(result.separator == ";")
    #expect(result.total.figure(.actor(.kommun))?.before == Money(ore: -1_000_050))
    #expect(result.subgroups.first { $0.id == "kvinna" }?.persons == 1)
  }

  @Test func numbersParseAsSwedishCSVParsesThem() {
    let samples = [
      "58 800", "0,3142", "-12.5", "1\u{00A0}000", "\u{2212}3", "+4", "1,2,3", "1 000,5", "12 ", "abc", ".5",
      "5.", "1e5", "1 ,5", "123456789012345678901234", "0,000001", "10.450", "10.45", "10.4500", "1 000.450",
      "-1.000", ".450", "12345678901234567890.123",
    ]
    for comma in [true, false] {
      for sample in samples {
        let trimmed = sample.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        let ours = bytes.withUnsafeBufferPointer { ByteParse.number($0, allowComma: comma) }
        #expect(ours == SwedishCSV.parseNumber(sample, allowComma: comma), "\(sample) comma \(comma)")
      }
    }
  }

  @Test func quotedFieldsAndCRLFRead() throws {
    let text =
      header + "\r\n"
      + "\"A\",2024-01,\"ingen_ersattning\",\"1\",man,1980,1780,2024-02-10,2024-02-11,\r\n"
      + "\"A\",2024-03,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,\r\n"
    let result = try study(text, before: 1, after: 1)
    #expect(result.personsIncluded == 1)
    #expect(result.rowsInWindows == 2)
  }
}

@Suite struct ReportTests {
  @Test func theCSVReportHasTheDocumentedColumns() throws {
    let data = SyntheticFollowup.bytes(persons: 40, monthsPerPerson: 25, seed: 9)
    let result = try study(data, bootstrap: 50)
    let csv = String(decoding: FollowupReport.csv(result), as: UTF8.self)
    #expect(csv.hasPrefix(FollowupReport.csvHeader + "\r\n"))
    #expect(csv.contains("\r\ntotal,kommun,40,"))
  }
}
