import Foundation
import SamkalkCore
import SamkalkEngine
import Testing

@testable import SamkalkMicrodata

@Suite struct QuotedLineBreakTests {
  /// A quoted field may hold a line break (CRLF or LF): the record goes on, and later rows keep
  /// their physical line numbers in diagnostics.
  @Test func aQuotedFieldWithALineBreakIsOneFieldAndLinesStayPhysical() throws {
    let text =
      header + "\n"
      + "\"A\r\nB\",2024-01,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,\n"  // lines 2–3
      + "\"A\r\nB\",2024-03,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,\n"  // lines 4–5
      + "\"C\nD\",2024-01,ingen_ersattning,1,kvinna,1985,1780,2024-02-10,2024-02-11,\n"  // lines 6–7
      + "\"C\nD\",2024-03,ingen_ersattning,1,kvinna,1985,1780,2024-02-10,2024-02-11,\n"  // lines 8–9
    let result = try study(text, before: 1, after: 1)
    #expect(result.rowsRead == 4)
    #expect(result.personsRead == 2)
    #expect(result.personsIncluded == 2)
    #expect(result.rowsInWindows == 4)

    // A bad month on the row after a two-line record is reported on its physical line (line 4).
    let bad =
      header + "\n"
      + "\"A\nB\",2024-01,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,\n"
      + "X,2024-13,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,\n"
    let error = try #require(throws: DiagnosticError.self) { try study(bad, before: 1, after: 1) }
    #expect(error.diagnostics.map(\.location.description) == ["f.csv:4:3"])
  }
}

@Suite struct BootstrapSpeedPathTests {
  /// The straightforward bootstrap: replicate r draws n persons with its own generator and adds
  /// their changes. The fast path must give exactly these sums.
  func reference(
    changes: [Int64], cells: [UInt8], groups: [[Int]], perspectives: [[Int]], groupSize: Int, replicates: Int,
    seed: UInt64, confidence: Double
  ) -> [[ClosedRange<Money>]] {
    let n = cells.count
    let actors = Actor.allCases.count
    var statistics: [[Double]] = []  // replicate → statistic
    for replicate in 0..<replicates {
      var generator = Xoshiro256StarStar(seed: seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
      var sums = [[Int64]](repeating: [Int64](repeating: 0, count: actors), count: cellCount)
      for _ in 0..<n {
        let person = Int(generator.below(UInt64(n)))
        for actor in 0..<actors { sums[Int(cells[person])][actor] += changes[person * actors + actor] }
      }
      var row: [Double] = []
      for group in groups {
        for members in perspectives {
          var total: Int64 = 0
          for cell in group { for actor in members { total += sums[cell][actor] } }
          row.append(Double(total) * Double(groupSize) / Double(n))
        }
      }
      statistics.append(row)
    }
    let low = max(Int((Double(replicates) * (1 - confidence) / 2).rounded(.up)), 1)
    let high = min(Int((Double(replicates) * (1 + confidence) / 2).rounded(.up)), replicates)
    return groups.indices.map { group in
      perspectives.indices.map { perspective in
        let column = statistics.map { $0[group * perspectives.count + perspective] }.sorted()
        let lower = Money(ore: Int64(column[low - 1].rounded(.toNearestOrAwayFromZero)))
        let upper = Money(ore: Int64(column[high - 1].rounded(.toNearestOrAwayFromZero)))
        return lower...upper
      }
    }
  }

  func data(persons: Int, scale: Int64, seed: UInt64) -> ([Int64], [UInt8]) {
    var generator = Xoshiro256StarStar(seed: seed)
    let actors = Actor.allCases.count
    let changes = (0..<persons * actors).map { _ in Int64(generator.below(2_000_001)) * scale - 1_000_000 * scale }
    let cells = (0..<persons).map { _ in UInt8(generator.below(UInt64(cellCount))) }
    return (changes, cells)
  }

  @Test(arguments: [Int64(1), 10_000])  // 10 000: changes beyond Int32, the 64-bit path
  func theFastPathEqualsTheStraightforwardOne(scale: Int64) {
    let (changes, cells) = data(persons: 300, scale: scale, seed: 5)
    let groups = [Array(0..<cellCount), [0, 1, 2], [5]]
    let perspectives = [[0], [1, 2], Array(0..<Actor.allCases.count)]
    let fast = Bootstrap.intervals(
      changes: changes, cells: cells, groups: groups, perspectives: perspectives, groupSize: 1000, replicates: 120,
      seed: 9, confidence: 0.9)
    let slow = reference(
      changes: changes, cells: cells, groups: groups, perspectives: perspectives, groupSize: 1000, replicates: 120,
      seed: 9, confidence: 0.9)
    #expect(fast == slow)
  }

  @Test func theIntervalsDoNotDependOnTheNumberOfThreads() throws {
    let bytes = SyntheticFollowup.bytes(persons: 150, monthsPerPerson: 25, seed: 4)
    var results: [[ClosedRange<Money>?]] = []
    for threads in [1, 2, 3, 8] {
      var options = FollowupStudy.Options()
      options.bootstrapReplicates = 301
      options.seed = 17
      options.groupSize = 1000
      options.bootstrapThreads = threads
      let result = try FollowupStudy(rates: try book(), options: options).run(bytes: bytes, file: "f.csv")
      results.append(result.subgroups.flatMap { $0.figures.map(\.interval) })
    }
    #expect(results.allSatisfy { $0 == results[0] })
    #expect(results[0].allSatisfy { $0 != nil })
  }
}

@Suite struct ProvenanceAndSchemaTests {
  @Test func theReportCarriesTheInputsSHA256HashedWhileStreaming() throws {
    // 4 096-byte chunks (the test helper's): the file is hashed over many reads.
    let bytes = SyntheticFollowup.bytes(persons: 60, monthsPerPerson: 25, seed: 2)
    #expect(bytes.count > 10 * 4096)
    let result = try study(bytes)
    #expect(result.sha256 == SHA256.hex(of: bytes))
    let xml = String(decoding: FollowupReport.xml(result, samkalkVersion: "t"), as: UTF8.self)
    #expect(xml.contains("sha256=\"\(SHA256.hex(of: bytes))\""))
  }

  @Test func theSHA256OfAFileReadFromDiskMatches() throws {
    let bytes = SyntheticFollowup.bytes(persons: 30, monthsPerPerson: 25, seed: 6)
    let path = NSTemporaryDirectory() + "followup-sha-\(getpid())-\(UUID().uuidString).csv"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = FollowupStudy.Options()
    options.bootstrapReplicates = 0
    options.chunkSize = 4096
    let result = try FollowupStudy(rates: try book(), options: options).run(path: path)
    #expect(result.sha256 == SHA256.hex(of: bytes))
  }

  @Test func theXMLReportValidatesAgainstFollowupXSD() throws {
    // With a bootstrap, exclusions, a skipped line and a stated group size: every optional part.
    var text = String(decoding: SyntheticFollowup.bytes(persons: 40, monthsPerPerson: 25, seed: 9), as: UTF8.self)
    text += "bad,2024-13,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,,,,,,\n"
    text += "short,2024-01,ingen_ersattning,1,man,1980,1780,2024-02-10,2024-02-11,,,,,,\n"
    let result = try study(text, skipInvalid: true, bootstrap: 50, groupSize: 360)
    #expect(result.skippedLines == 1)
    #expect(result.personsExcluded >= 1)
    let xml = FollowupReport.xml(result, samkalkVersion: "t")
    #expect(try FollowupReport.validate(xml).isEmpty)
    // And without a bootstrap, under keep-partial.
    let plain = try study(text, keepPartial: true, skipInvalid: true)
    #expect(try FollowupReport.validate(FollowupReport.xml(plain, samkalkVersion: "t")).isEmpty)
    // The schema does catch a broken report.
    let broken = String(decoding: xml, as: UTF8.self).replacingOccurrences(of: "sha256=\"", with: "sha256=\"x")
    #expect(try !FollowupReport.validate(Array(broken.utf8)).isEmpty)
  }

  @Test func aScenarioSpecGivesTheStudysOptions() {
    let spec = FollowupSpec(
      path: "/data/f.csv", monthsBefore: 6, monthsAfter: 9, groupSize: 360, bootstrapReplicates: 250, seed: 42,
      keepPartial: true)
    let options = FollowupStudy.options(for: spec, ratesDate: Day(year: 2025, month: 1, day: 1), skipInvalid: true)
    #expect(options.monthsBefore == 6)
    #expect(options.monthsAfter == 9)
    #expect(options.groupSize == 360)
    #expect(options.bootstrapReplicates == 250)
    #expect(options.seed == 42)
    #expect(options.keepPartial)
    #expect(options.skipInvalid)
    #expect(options.ratesDate == Day(year: 2025, month: 1, day: 1))
  }
}
