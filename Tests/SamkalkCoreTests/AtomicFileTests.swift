import Foundation
import Testing

@testable import SamkalkCore

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct AtomicFileTests {
  /// A fresh directory under the system's temporary directory.
  func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "samkalk-core-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func read(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
  }

  func leftovers(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp.") }
  }

  @Test func writesAndReplaces() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/a/b/report.xml"
    try AtomicFile.write(Array("first".utf8), to: path)
    #expect(read(path) == Array("first".utf8))
    try AtomicFile.write(Array("second".utf8), to: path)
    #expect(read(path) == Array("second".utf8))
    #expect(try leftovers(in: directory + "/a/b").isEmpty)
  }

  @Test func keepsTheOldFileWhenTheWriteFails() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/report.csv"
    try AtomicFile.write(Array("old".utf8), to: path)
    #expect(throws: DiagnosticError.self) {
      try AtomicFile.write(
        Array("new".utf8), to: path, protectedPaths: [],
        beforeRename: { () throws(DiagnosticError) in
          throw DiagnosticError(
            .error("simulated failure", at: SamkalkCore.SourceLocation(file: path)))
        })
    }
    #expect(read(path) == Array("old".utf8))
    #expect(try leftovers(in: directory).isEmpty)
  }

  @Test(.enabled(if: getuid() != 0, "root ignores directory permissions"))
  func keepsTheOldFileInAReadOnlyDirectory() throws {
    let directory = try temporaryDirectory()
    defer {
      chmod(directory, 0o755)
      try? FileManager.default.removeItem(atPath: directory)
    }
    let path = directory + "/report.csv"
    try AtomicFile.write(Array("old".utf8), to: path)
    chmod(directory, 0o555)
    #expect(throws: DiagnosticError.self) { try AtomicFile.write(Array("new".utf8), to: path) }
    chmod(directory, 0o755)
    #expect(read(path) == Array("old".utf8))
    #expect(try leftovers(in: directory).isEmpty)
  }

  @Test func failsWhenTheDirectoryCannotBeCreated() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let blocker = directory + "/file"
    try AtomicFile.write(Array("x".utf8), to: blocker)
    #expect(throws: DiagnosticError.self) {
      try AtomicFile.write(Array("y".utf8), to: blocker + "/report.xml")
    }
    #expect(read(blocker) == Array("x".utf8))
  }

  @Test func refusesProtectedPaths() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let input = directory + "/scenario.xml"
    try AtomicFile.write(Array("<scenario/>".utf8), to: input)
    // The same file by another spelling, by a symbolic link and by a hard link.
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/link.xml", withDestinationPath: input)
    #expect(link(input, directory + "/hard.xml") == 0)
    for target in [
      input, directory + "/./x/../scenario.xml", directory + "/link.xml", directory + "/hard.xml",
    ] {
      do {
        try AtomicFile.write(Array("overwritten".utf8), to: target, protectedPaths: [input])
        Issue.record("wrote over the protected input through \(target)")
      } catch {
        #expect(error.diagnostics[0].message.contains("refusing to overwrite"))
      }
    }
    #expect(read(input) == Array("<scenario/>".utf8))
    // Another file in the same directory is fine.
    try AtomicFile.write(Array("ok".utf8), to: directory + "/other.xml", protectedPaths: [input])
  }
}
