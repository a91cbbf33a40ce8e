import Foundation
import Testing

@testable import SamkalkCore

#if canImport(Glibc)
  import Glibc
#endif

/// A report set is written whole or not at all (issue: a full disk replaced the XML and CSV and
/// then failed on the workbook; kill -9 left temporaries and once a new XML beside old files).
@Suite struct AtomicFileSetTests {
  let files = AtomicFileTests()

  func item(_ path: String, _ text: String) -> AtomicFile.Item { AtomicFile.Item(path: path, bytes: Array(text.utf8)) }

  @Test func aSetReplacesEveryFile() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write([item(directory + "/r.xml", "old xml"), item(directory + "/r.csv", "old csv")])
    try AtomicFile.write([item(directory + "/r.xml", "new xml"), item(directory + "/r.csv", "new csv")])
    #expect(files.read(directory + "/r.xml") == Array("new xml".utf8))
    #expect(files.read(directory + "/r.csv") == Array("new csv".utf8))
    #expect(try files.leftovers(in: directory).isEmpty)
  }

  @Test func aFailureAtTheLastFileLeavesTheWholePreviousSet() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write([item(directory + "/r.xml", "old xml"), item(directory + "/r.csv", "old csv")])
    // The third file cannot be written (its folder would have to be where a file is), as a full
    // disk fails the workbook after the XML and CSV are complete.
    try AtomicFile.write(Array("x".utf8), to: directory + "/blocker")
    #expect(throws: DiagnosticError.self) {
      try AtomicFile.write([
        item(directory + "/r.xml", "new xml"), item(directory + "/r.csv", "new csv"),
        item(directory + "/blocker/r.xlsx", "new xlsx"),
      ])
    }
    #expect(files.read(directory + "/r.xml") == Array("old xml".utf8))
    #expect(files.read(directory + "/r.csv") == Array("old csv".utf8))
    #expect(try files.leftovers(in: directory).isEmpty)
  }

  @Test func aFailureBeforeTheRenamesRemovesEveryTemporary() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write([item(directory + "/r.xml", "old xml"), item(directory + "/r.csv", "old csv")])
    var sawTemporaries = 0
    #expect(throws: DiagnosticError.self) {
      try AtomicFile.write(
        [item(directory + "/r.xml", "new xml"), item(directory + "/r.csv", "new csv")], protectedPaths: [],
        beforeRename: { () throws(DiagnosticError) in
          sawTemporaries = (try? files.leftovers(in: directory).count) ?? -1
          throw DiagnosticError(.error("disk full", at: SourceLocation(file: directory)))
        })
    }
    #expect(sawTemporaries == 2)
    #expect(files.read(directory + "/r.xml") == Array("old xml".utf8))
    #expect(files.read(directory + "/r.csv") == Array("old csv".utf8))
    #expect(try files.leftovers(in: directory).isEmpty)
  }

  @Test func aProtectedTargetAnywhereInTheSetWritesNothing() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write(Array("person,month".utf8), to: directory + "/base.csv")
    let error = #expect(throws: DiagnosticError.self) {
      try AtomicFile.write(
        [item(directory + "/base.xml", "report"), item(directory + "/base.csv", "report")],
        protectedPaths: [directory + "/base.csv"])
    }
    #expect(error?.diagnostics.first?.message.hasPrefix("refusing to overwrite") == true)
    #expect(files.read(directory + "/base.csv") == Array("person,month".utf8))
    #expect(!FileManager.default.fileExists(atPath: directory + "/base.xml"))
  }

  @Test func aProtectedFolderProtectsEveryFileBelowIt() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try AtomicFile.write(Array("rate".utf8), to: directory + "/Rates/basbelopp/prisbasbelopp.xml")
    let error = #expect(throws: DiagnosticError.self) {
      try AtomicFile.write(
        [item(directory + "/Rates/basbelopp/prisbasbelopp.xml", "report")], protectedPaths: [directory + "/Rates"])
    }
    #expect(error?.diagnostics.first?.message.hasPrefix("refusing to write into") == true)
    #expect(files.read(directory + "/Rates/basbelopp/prisbasbelopp.xml") == Array("rate".utf8))
    // A sibling folder whose name starts the same is not inside.
    try AtomicFile.write([item(directory + "/Rates-out/r.xml", "report")], protectedPaths: [directory + "/Rates"])
  }

  @Test func twoItemsNamingOneFileAreRefused() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: DiagnosticError.self) {
      try AtomicFile.write([item(directory + "/r.xml", "a"), item(directory + "/./r.xml", "b")])
    }
    #expect(!FileManager.default.fileExists(atPath: directory + "/r.xml"))
  }

  @Test func temporariesOfAKilledRunAreRemovedByTheNextWrite() throws {
    let directory = try files.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A process id that runs no process (above the kernel's maximum), and one that does (ours).
    let dead = directory + "/.r.xml.tmp.2147483646.AbC123"
    let alive = directory + "/.r.xml.tmp.\(getpid()).XyZ789"
    let other = directory + "/.other.xml.tmp.2147483646.AbC123"
    for path in [dead, alive, other] { FileManager.default.createFile(atPath: path, contents: Data("half".utf8)) }
    try AtomicFile.write(Array("new".utf8), to: directory + "/r.xml")
    #expect(!FileManager.default.fileExists(atPath: dead))
    #expect(FileManager.default.fileExists(atPath: alive))
    #expect(FileManager.default.fileExists(atPath: other))
  }
}
