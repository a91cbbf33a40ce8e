import Foundation
import Testing

/// `samkalk serve`: flags checked before anything starts, and a real start and stop.
@Suite struct ServeCLITests {
  let cli = CLITests()

  @Test(arguments: [
    (["serve", "--port", "70000"], "--port 70000 is not a port"),
    (["serve", "--port=-1"], "--port -1 is not a port"),
    (["serve", "--scenarios", "/no/such/folder"], "--scenarios '/no/such/folder' is not a folder"),
    (["serve", "--host", " "], "--host must name an address"),
  ])
  func badFlagsAreRefused(arguments: [String], message: String) throws {
    let output = try cli.samkalk(arguments)
    #expect(output.status == 64, "\(output.stderr)")
    #expect(output.stderr.contains(message), "\(output.stderr)")
  }

  /// Starts on a free loopback port, says where, and stops cleanly on SIGTERM.
  @Test func startsOnLoopbackAndStopsOnSigterm() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLITests.binary)
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = CLITests.repository
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    var text = ""
    let deadline = Date().addingTimeInterval(60)
    while !text.contains("\n") && Date() < deadline && process.isRunning {
      text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
    }
    let line = try #require(text.split(separator: "\n").first.map(String.init))
    #expect(
      line.range(
        of: #"^samkalk serve: http://127\.0\.0\.1:[1-9][0-9]*/ \([0-9]+ scenarios"#, options: .regularExpression)
        != nil, "\(line)")
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
