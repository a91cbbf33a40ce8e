import Foundation
import Testing

/// `samkalk compare`, run as a user would (helpers in CLITests.swift).
extension CLITests {
  static let comparisonPair = ["Scenarios/jamforelse-a-coachning.xml", "Scenarios/jamforelse-b-lonestod.xml"]

  /// The shipped comparison pair when it is there, else two other shipped scenarios.
  static var twoScenarios: [String] {
    let pairExists = comparisonPair.allSatisfy {
      FileManager.default.fileExists(atPath: repository.path + "/" + $0)
    }
    return pairExists
      ? comparisonPair : ["Scenarios/porten-2016-2018.xml", "Scenarios/samverkan-utan-granser-hassleholm.xml"]
  }

  @Test func compareWritesBothFilesAndPrintsTheRanking() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try samkalk(["compare"] + Self.twoScenarios + ["--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("Jämförelse av 2 insatser, rangordnade efter nuvärde för samhället"))
    #expect(result.stdout.contains("wrote \(out)/comparison.xml"))
    let xml = try String(contentsOfFile: out + "/comparison.xml", encoding: .utf8)
    #expect(xml.contains("<comparison xmlns=\"urn:samkalk:report:2\" version=\"2\" criterion=\"npv\">"))
    let csv = try String(contentsOfFile: out + "/comparison.csv", encoding: .utf8)
    #expect(csv.hasPrefix("metric,perspective,"))
    #expect(csv.contains("\r\nrank,,1,2\r\n"))
  }

  @Test func compareRanksByTheCriterionAsked() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    for criterion in ["payback", "bcr"] {
      let result = try samkalk(["compare"] + Self.twoScenarios + ["--out", out, "--by", criterion, "--format", "xml"])
      #expect(result.status == 0, "\(result.stderr)")
      let xml = try String(contentsOfFile: out + "/comparison.xml", encoding: .utf8)
      #expect(xml.contains("criterion=\"\(criterion)\""))
    }
    #expect(!FileManager.default.fileExists(atPath: out + "/comparison.csv"))
  }

  @Test func compareWarnsWhenTheScenariosAreNotComparable() throws {
    let out = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    // Porten (Karlstad) and Samverkan utan gränser (Hässleholm) differ at least in municipality.
    let result = try samkalk(
      [
        "compare", "Scenarios/porten-2016-2018.xml", "Scenarios/samverkan-utan-granser-hassleholm.xml", "--out", out,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(": warning: not comparable as they stand: municipality differs ("))
    let xml = try String(contentsOfFile: out + "/comparison.xml", encoding: .utf8)
    #expect(xml.contains("not comparable as they stand: municipality differs"))
  }

  @Test func compareNeedsTwoScenarios() throws {
    let result = try samkalk(["compare", "Scenarios/porten-2016-2018.xml"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("give at least two scenario files to compare"))
  }

  @Test func compareRejectsAnUnknownCriterionWithAHint() throws {
    let result = try samkalk(["compare"] + Self.twoScenarios + ["--by", "foo"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("unknown criterion 'foo'"))
    #expect(result.stderr.contains("known: npv, payback, bcr"))
    let typo = try samkalk(["compare"] + Self.twoScenarios + ["--by", "pyback"])
    #expect(typo.stderr.contains("unknown criterion 'pyback'; did you mean 'payback'?"))
  }

  @Test func compareRefusesToOverwriteAnInput() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let a = directory + "/comparison.xml"
    try FileManager.default.copyItem(atPath: Self.repository.path + "/" + Self.twoScenarios[0], toPath: a)
    let before = try Data(contentsOf: URL(fileURLWithPath: a))
    let result = try samkalk(["compare", a, Self.twoScenarios[1], "--out", directory])
    #expect(result.status == 1)
    #expect(result.stderr.contains("refusing to overwrite"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == before)
    #expect(!FileManager.default.fileExists(atPath: directory + "/comparison.csv"))
  }

  @Test func helpListsCompare() throws {
    let help = try samkalk(["--help"])
    #expect(help.stdout.contains("compare"))
  }
}
