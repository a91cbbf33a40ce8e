import Foundation
import SamkalkCore
import SamkalkXML
import Testing

/// Untrusted XML (issue 8): the hostile files in `Fixtures/` and a few generated ones. Each is
/// refused with a located diagnostic; none reads a file, opens a connection, expands an entity
/// or crashes.
@Suite struct HostileXMLTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  private func refusal(_ name: String) -> [Diagnostic] {
    do {
      _ = try XMLDocument.load(path: Self.fixtures.appendingPathComponent(name).path)
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test(arguments: ["xxe-file.xml", "xxe-network.xml", "external-dtd.xml", "billion-laughs.xml"])
  func doctypeAndEntitiesAreRefused(name: String) {
    let found = refusal(name)
    #expect(!found.isEmpty, "\(name) was accepted")
    #expect(found.allSatisfy { $0.location.file.hasSuffix(name) && $0.location.line != nil })
    // Refused as a DOCTYPE, or earlier by libxml2's own entity-loop guard; each message once.
    #expect(found.contains { $0.message.contains("DOCTYPE") || $0.message.contains("entity") })
    #expect(Set(found).count == found.count)
    // Nothing from /etc/passwd leaks into a message.
    #expect(!found.contains { $0.message.contains("root:") })
  }

  @Test func invalidUTF8IsAnErrorWithItsLine() {
    let found = refusal("invalid-utf8.xml")
    #expect(found.contains { $0.location.line == 3 && $0.severity == .error }, "\(found)")
  }

  @Test func truncatedFileIsAnErrorNotACrash() {
    let found = refusal("truncated.xml")
    #expect(found.contains { $0.location.line == 3 && $0.severity == .error }, "\(found)")
  }

  @Test func quadraticBlowupIsRefusedBeforeExpansion() {
    let big = String(repeating: "A", count: 50_000)
    let text =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE q [ <!ENTITY a \"\(big)\"> ]>\n<q>"
      + String(repeating: "&a;", count: 50_000) + "</q>\n"
    #expect {
      try XMLDocument.parse(bytes: Array(text.utf8), file: "q.xml")
    } throws: { error in
      (error as! DiagnosticError).description.contains("DOCTYPE")
    }
  }

  @Test func deepNestingIsRefusedByTheParsersDepthLimit() {
    let depth = 100_000
    let text =
      "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    #expect(throws: DiagnosticError.self) { try XMLDocument.parse(bytes: Array(text.utf8), file: "deep.xml") }
  }
}
