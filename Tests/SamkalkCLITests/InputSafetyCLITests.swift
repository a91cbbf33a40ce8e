import Foundation
import SamkalkCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// No run may replace one of its inputs, and a scenario may not make samkalk read (and print)
/// files outside its data folder: the hostile tester's cases, as a user would hit them.
@Suite struct InputSafetyCLITests {
  let cli = CLITests()

  func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  /// The shipped follow-up scenario with `id` and `<followup file="file"/>`, written to `path`;
  /// returns the line of the `<followup>` element.
  @discardableResult
  func scenario(at path: String, id: String, followup file: String) throws -> Int {
    var lines = try contents(CLITests.repository.path + "/" + FollowupCLITests.scenario)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let root = lines.firstIndex { $0.hasPrefix("<scenario ") }!
    lines[root] = lines[root].replacingOccurrences(
      of: #"id="[^"]*""#, with: "id=\"\(id)\"", options: .regularExpression)
    let start = lines.firstIndex { $0.contains("<followup file=") }!
    let end = lines[start...].firstIndex { $0.contains("/>") }!
    lines.replaceSubrange(start...end, with: ["  <followup file=\"\(file)\" groupSize=\"360\"/>"])
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return start + 1
  }

  func copySample(to path: String) throws {
    try FileManager.default.copyItem(atPath: CLITests.repository.path + "/" + FollowupCLITests.sample, toPath: path)
  }

  @Test func aReportNeverReplacesTheFollowupDataOrTheScenario() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try scenario(at: directory + "/base.xml", id: "base", followup: "base.csv")
    try copySample(to: directory + "/base.csv")
    let before = try [contents(directory + "/base.xml"), contents(directory + "/base.csv")]
    for format in ["xml,csv", "csv", "html,csv"] {
      let result = try cli.samkalk(["run", directory + "/base.xml", "--out", directory, "--format", format])
      #expect(result.status == 1)
      #expect(result.stderr.contains("refusing to overwrite"), "\(result.stderr)")
      #expect(try [contents(directory + "/base.xml"), contents(directory + "/base.csv")] == before)
    }
    // The scenario named otherwise, its id still 'base': the CSV report would be the data file.
    try FileManager.default.moveItem(atPath: directory + "/base.xml", toPath: directory + "/other.xml")
    let result = try cli.samkalk(["run", directory + "/other.xml", "--out", directory])
    #expect(result.status == 1)
    #expect(result.stderr.contains("base.csv': it is an input of this run"), "\(result.stderr)")
    #expect(try contents(directory + "/base.csv") == before[1])
    // Nothing of the refused set was written, not even the HTML that had no clash.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["base.csv", "other.xml"])
  }

  @Test func aReportNeverGoesIntoTheShippedRateTables() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let rates = directory + "/Rates"
    try FileManager.default.copyItem(atPath: CLITests.repository.path + "/Rates", toPath: rates)
    let original = try contents(rates + "/basbelopp/prisbasbelopp.xml")
    let porten = try contents(CLITests.repository.path + "/Scenarios/porten-2016-2018.xml")
      .replacingOccurrences(of: #"id="porten-2016-2018""#, with: #"id="prisbasbelopp""#)
    try porten.write(toFile: directory + "/s.xml", atomically: true, encoding: .utf8)
    let result = try cli.samkalk(["run", directory + "/s.xml", "--rates-dir", rates, "--out", rates + "/basbelopp"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("refusing to write into"), "\(result.stderr)")
    #expect(try contents(rates + "/basbelopp/prisbasbelopp.xml") == original)
  }

  @Test func aFollowupFileOutsideTheScenariosFolderIsRefusedWithoutReadingIt() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory + "/s", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: directory + "/s/link.csv", withDestinationPath: "/etc/passwd")
    for file in ["../../../../../../etc/passwd", "/etc/passwd", "/proc/self/environ", "link.csv", "../s/../../x.csv"] {
      let line = try scenario(at: directory + "/s/s.xml", id: "s", followup: file)
      for command in ["validate", "run", "followup"] {
        let path = directory + "/s/s.xml"
        let result = try cli.samkalk(
          command == "validate" ? [command, path] : [command, path, "--out", directory + "/out"])
        #expect(result.status == 1, "\(command) \(file)")
        #expect(
          result.stderr.contains("s.xml:\(line):") && result.stderr.contains("lies outside the data folder"),
          "\(command) \(file): \(result.stderr)")
        #expect(!result.stderr.contains("root:"), "\(result.stderr)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
  }

  @Test func dataDirNamesTheFolderAScenariosDataIsReadFrom() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory + "/s", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: directory + "/register", withIntermediateDirectories: true)
    try copySample(to: directory + "/register/extract.csv")
    try scenario(at: directory + "/s/s.xml", id: "s", followup: "extract.csv")
    let without = try cli.samkalk(["validate", directory + "/s/s.xml"])
    #expect(without.status == 1)
    #expect(without.stderr.contains("'extract.csv' does not exist"), "\(without.stderr)")
    let with = try cli.samkalk(["validate", directory + "/s/s.xml", "--data-dir", directory + "/register"])
    #expect(with.status == 0, "\(with.stderr)")
    let run = try cli.samkalk(
      ["run", directory + "/s/s.xml", "--data-dir", directory + "/register", "--out", directory + "/out"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: directory + "/out/extract-followup.xml"))
    let missing = try cli.samkalk(["validate", directory + "/s/s.xml", "--data-dir", directory + "/nowhere"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("--data-dir"), "\(missing.stderr)")
  }

  @Test func aFIFOAsFollowupDataIsRefusedNotWaitedOn() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    #expect(mkfifo(directory + "/pipe.csv", 0o600) == 0)
    let line = try scenario(at: directory + "/s.xml", id: "s", followup: "pipe.csv")
    let result = try cli.samkalk(["validate", directory + "/s.xml"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("s.xml:\(line):") && result.stderr.contains("is not a regular file"), "\(result.stderr)")
  }

  @Test func controlCharactersInATitleAreShownEscapedNotObeyed() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let porten = try contents(CLITests.repository.path + "/Scenarios/porten-2016-2018.xml")
    let title = porten.range(of: #"<title>[^<]*</title>"#, options: .regularExpression)!
    // The C1 control sequence introducer (CSI, which a terminal reads as ESC [), a C1 next line
    // and a right-to-left override (XML 1.0 allows these, not the C0 controls).
    let hostile = porten.replacingCharacters(
      in: title, with: "<title>Porten &#x9B;31mröd&#x85; &#x202E;txt.exe</title>")
    try hostile.write(toFile: directory + "/s.xml", atomically: true, encoding: .utf8)
    let result = try cli.samkalk(["run", directory + "/s.xml", "--out", directory + "/out"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#"Porten \u{9B}31mröd\u{85} \u{202E}txt.exe"#), "\(result.stdout.prefix(300))")
    for raw in ["\u{9B}", "\u{85}", "\u{202E}"] { #expect(!result.stdout.contains(raw)) }
  }
}

extension InputSafetyCLITests {
  @Test func aFIFOGivenAsAnInputIsRefusedNotWaitedOn() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in ["pipe.xml", "pipe.csv"] { #expect(mkfifo(directory + "/" + name, 0o600) == 0) }
    let commands = [
      ["run", directory + "/pipe.xml"], ["validate", directory + "/pipe.xml"], ["followup", directory + "/pipe.csv"],
      ["run", "Scenarios/porten-2016-2018.xml", "--rates", directory + "/pipe.csv", "--out", directory + "/out"],
    ]
    for arguments in commands {
      let result = try cli.samkalk(arguments)
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr.contains("pipe."), "\(result.stderr)")
      #expect(result.stderr.contains("is not a regular file (a FIFO, device or socket)"), "\(result.stderr)")
    }
  }
}

extension InputSafetyCLITests {
  /// `validate` refuses what `run` would: a scenario the reader accepts but whose amounts
  /// overflow the ledger's öre (a billion persons at 10^10 kr a month).
  @Test func validateRefusesWhatRunRefuses() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // The follow-up scenario's outcomes are shares of the participants; its <followup> goes.
    let text = try contents(CLITests.repository.path + "/" + FollowupCLITests.scenario)
    let huge = text.replacingOccurrences(of: #"participants="360""#, with: #"participants="1000000000""#)
      .replacingOccurrences(of: #"wage="25000""#, with: #"wage="900000000000""#)
      .replacingOccurrences(of: #"<followup [^>]*/>"#, with: "", options: .regularExpression)
    try huge.write(toFile: directory + "/s.xml", atomically: true, encoding: .utf8)
    let run = try cli.samkalk(["run", directory + "/s.xml", "--out", directory + "/out"])
    let validate = try cli.samkalk(["validate", directory + "/s.xml"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(validate.status == 1, "\(validate.stdout)")
    #expect(validate.stderr.contains("more than samkalk can count exactly"), "\(validate.stderr)")
  }

  /// A schema error is placed at the element or attribute it names, with a column.
  @Test func schemaErrorsHaveColumns() throws {
    let directory = cli.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let text = try contents(CLITests.repository.path + "/Scenarios/porten-2016-2018.xml")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = try #require(lines.firstIndex { $0.hasPrefix("  <horizon ") })
    var edited = lines
    edited[index] = lines[index].replacingOccurrences(of: "<horizon years=", with: "<horizon yeras=")
    try edited.joined(separator: "\n").write(toFile: directory + "/s.xml", atomically: true, encoding: .utf8)
    let result = try cli.samkalk(["validate", directory + "/s.xml"])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("s.xml:\(index + 1):12: error: unknown attribute 'yeras'; did you mean 'years'?"),
      "\(result.stderr)")
  }
}
