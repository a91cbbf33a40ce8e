import Foundation
import SamkalkCore
import Testing

import SamkalkEngine
@testable import SamkalkReports

#if canImport(Glibc)
  import Glibc
#endif

/// ReportWriter's file handling (AtomicFile itself is tested in SamkalkCoreTests/AtomicFileTests.swift).
@Suite struct ReportWriterFileTests {
  /// A fresh directory under the system's temporary directory.
  func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "samkalk-reports-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func read(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
  }

  func leftovers(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp.") }
  }

  @Test func reportWriterWritesEachFormat() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = Fixture.result()
    let paths = try ReportWriter.write(
      result, context: Fixture.context, formats: [.xml, .csv], directory: directory + "/out",
      protectedPaths: [])
    #expect(paths == [directory + "/out/porten-test.xml", directory + "/out/porten-test.csv"])
    #expect(read(paths[0]) == XMLReport.render(result, context: Fixture.context))
    #expect(read(paths[1]) == CSVReport.render(result))
  }

  @Test func reportWriterRefusesBeforeWritingAnything() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let input = directory + "/porten-test.csv"
    try AtomicFile.write(Array("input".utf8), to: input)
    #expect(throws: DiagnosticError.self) {
      try ReportWriter.write(
        Fixture.result(), context: Fixture.context, formats: [.xml, .csv], directory: directory,
        protectedPaths: [input])
    }
    #expect(read(input) == Array("input".utf8))
    #expect(read(directory + "/porten-test.xml") == nil)
  }

  @Test(arguments: ["", "..", "a/b"])
  func reportWriterRefusesIdsThatAreNotFileNames(_ id: String) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var result = Fixture.result()
    result.scenario.id = id
    #expect(throws: DiagnosticError.self) {
      try ReportWriter.write(
        result, context: Fixture.context, formats: [.csv], directory: directory, protectedPaths: [])
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
  }
}
