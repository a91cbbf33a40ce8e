import Foundation
import Testing

/// `samkalk sensitivity` and `samkalk uncertainty` run as a user would: the files they write,
/// the summary they print, the flags they refuse and the bytes they promise to repeat.
///
/// Monte Carlo draws are kept to a few thousand (two blocks of 1024, so that two threads both
/// get work) because the tests run a debug build.
@Suite struct AnalysisCLITests {
  let cli = CLITests()
  static let scenario = "Scenarios/porten-2016-2018-osakerhet.xml"
  static let id = "porten-2016-2018-osakerhet"

  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Runs `uncertainty` on the shipped scenario into a new folder and returns the folder.
  func uncertainty(_ arguments: [String]) throws -> String {
    let out = cli.temporaryDirectory()
    let result = try cli.samkalk(["uncertainty", Self.scenario, "--out", out] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return out
  }

  // MARK: sensitivity

  @Test func sensitivityWritesFourFormatsAndPrintsTheSummary() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk(["sensitivity", Self.scenario, "--out", out, "--format", "xml,csv,html,xlsx"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Porten 2016–2018 över tio år, med osäkerhetsanalys")
    // 89 parameters: the rates of studiebidrag per study week (share of PBB, weeks a year, PBB)
    // replace the one monthly rate, and statlig ålderspensionsavgift on aktivitetsstöd is new.
    #expect(
      lines.contains(
        "Känslighetsanalys: 89 parametrar, var för sig ±20 % (eller scenariots låg/hög), horisont 10 år, "
          + "kalkylränta 3,5 %"))
    #expect(lines.contains("Samhällets nuvärde i grundfallet: 31 548 275 kr"))
    // The largest swing first: drop-off, set by the scenario to 0.03–0.25.
    #expect(lines[6].hasPrefix("input:adjustments@dropOff ") && lines[6].hasSuffix("  25 224 064  inget i intervallet"))
    #expect(lines.contains("(74 parametrar till i rapporten)"))
    for ext in ["xml", "csv", "html", "xlsx"] {
      let path = "\(out)/\(Self.id)-sensitivity.\(ext)"
      #expect(FileManager.default.fileExists(atPath: path), "\(path)")
      #expect(lines.contains("wrote \(path)"))
    }
    let csv = try String(contentsOfFile: "\(out)/\(Self.id)-sensitivity.csv", encoding: .utf8)
    #expect(csv.contains("input:adjustments@deadweight,"))
    #expect(try bytes("\(out)/\(Self.id)-sensitivity.xlsx").starts(with: [0x50, 0x4B, 0x03, 0x04]))
  }

  @Test func sensitivityListPrintsOneTabSeparatedLinePerParameter() throws {
    let result = try cli.samkalk(["sensitivity", Self.scenario, "--list"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count > 20)
    for line in lines { #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 3, "\(line)") }
    #expect(lines.contains("input:adjustments@deadweight\t0.200000\tandel"))
    #expect(lines.contains { $0.hasPrefix("rate:kommunalskatt.kommunal\t") })
    #expect(Set(lines.map { $0.prefix { $0 != "\t" } }).count == lines.count)
  }

  @Test func sensitivityTwiceGivesTheSameBytes() throws {
    let first = cli.temporaryDirectory()
    let second = cli.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    for out in [first, second] {
      let result = try cli.samkalk(["sensitivity", Self.scenario, "--out", out, "--format", "xml,csv,html,xlsx"])
      #expect(result.status == 0, "\(result.stderr)")
    }
    for ext in ["xml", "csv", "html", "xlsx"] {
      let name = "/\(Self.id)-sensitivity.\(ext)"
      #expect(try bytes(first + name) == bytes(second + name), "\(name)")
    }
  }

  // MARK: flags

  @Test(arguments: [
    (["sensitivity", scenario, "--range", "150%"], "--range '150%' must be a share above 0 and below 100 %"),
    (["sensitivity", scenario, "--range", "abc"], "--range 'abc' must be a share above 0 and below 100 %"),
    (["uncertainty", scenario, "--draws", "0"], "--draws 0 must be from 1 to 2000000"),
    (["uncertainty", scenario, "--threads", "0"], "--threads 0 must be from 1 to 256"),
    (["sensitivity", scenario, "--format", "pdf"], "unknown report format 'pdf'"),
    (["uncertainty", scenario, "--format", "xml,pdf"], "unknown report format 'pdf'"),
  ])
  func badFlagsAreUsageErrors(arguments: [String], message: String) throws {
    let result = try cli.samkalk(arguments)
    #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  /// libxml2 gives an element the line where its start tag ends and keeps no column, so the
  /// diagnostic is `FILE:LINE: error:` with LINE somewhere in the `<vary …>` start tag.
  @Test func aBadVaryIsALocatedErrorAndExits1() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let text = try String(contentsOfFile: CLITests.repository.path + "/" + Self.scenario, encoding: .utf8)
    let good = #"<vary input="adjustments@deadweight""#
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = try #require(lines.firstIndex { $0.contains(good) })
    let last = try #require(lines[first...].firstIndex { $0.contains(">") })
    let path = directory + "/bad-vary.xml"
    try text.replacing(good, with: #"<vary input="adjustments@deadwieght""#)
      .write(toFile: path, atomically: true, encoding: .utf8)
    for command in ["sensitivity", "uncertainty"] {
      let result = try cli.samkalk([command, path, "--out", directory + "/out"])
      #expect(result.status == 1, "\(result.stderr)")
      let diagnostics = result.stderr.split(separator: "\n").map(String.init)
      #expect(diagnostics.count == 1, "\(result.stderr)")
      let parts = try #require(diagnostics.first).split(separator: ":", maxSplits: 4).map(String.init)
      #expect(parts.count == 5 && parts[0] == path && Int(parts[2]) != nil && parts[3] == " error", "\(result.stderr)")
      let line = try #require(Int(parts[1]), "\(result.stderr)")
      #expect((first + 1...last + 1).contains(line), "line \(line), <vary> on lines \(first + 1)–\(last + 1)")
      #expect(
        parts[4].hasPrefix(
          " 'adjustments@deadwieght' is not a numeric input of this scenario; did you mean 'adjustments@deadweight'?"),
        "\(result.stderr)")
      #expect(result.stdout.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }
  }

  // MARK: uncertainty

  @Test func uncertaintyGivesTheSameBytesWithOneAndTwoThreads() throws {
    let one = try uncertainty(["--draws", "2000", "--seed", "5", "--threads", "1"])
    let two = try uncertainty(["--draws", "2000", "--seed", "5", "--threads", "2"])
    let otherSeed = try uncertainty(["--draws", "2000", "--seed", "6", "--threads", "2"])
    defer { for out in [one, two, otherSeed] { try? FileManager.default.removeItem(atPath: out) } }
    for name in ["-uncertainty.xml", "-uncertainty.csv", "-uncertainty-distribution.csv"] {
      let path = "/\(Self.id)\(name)"
      #expect(try bytes(one + path) == bytes(two + path), "\(name)")
      #expect(try bytes(one + path) != bytes(otherSeed + path), "\(name)")
    }
    let xml = try String(contentsOfFile: "\(one)/\(Self.id)-uncertainty.xml", encoding: .utf8)
    #expect(xml.contains(#"draws="2000" seed="5""#))
  }

  @Test func uncertaintyTwiceGivesTheSameBytes() throws {
    let arguments = ["--draws", "1500", "--seed", "3", "--format", "xml,csv,html,xlsx"]
    let first = try uncertainty(arguments)
    let second = try uncertainty(arguments)
    defer { for out in [first, second] { try? FileManager.default.removeItem(atPath: out) } }
    for ext in ["xml", "csv", "html", "xlsx"] {
      let name = "/\(Self.id)-uncertainty.\(ext)"
      #expect(try bytes(first + name) == bytes(second + name), "\(name)")
    }
  }

  /// The bar is drawn from 10 000 draws on, so fewer would not show that it is left out.
  @Test func noProgressBarWhenStandardErrorIsNotATerminal() throws {
    let out = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let result = try cli.samkalk(["uncertainty", Self.scenario, "--out", out, "--draws", "10000", "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "Monte Carlo: 10 000 dragningar, frö 20161, 10 osäkra parametrar, horisont 10 år, mandatperiod 4 år"))
    #expect(lines.contains { $0.hasPrefix("Samhället ") })
    #expect(!result.stdout.contains("\r"))
  }
}
