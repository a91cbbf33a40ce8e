import Foundation
import SamkalkCore
import SamkalkXML
import Testing

/// The bounds on libxml2's work (issue 23, item 5): attributes per element, and the problems
/// collected from one parse or validation.
@Suite struct XMLLimitTests {
  static func element(attributes count: Int) -> String {
    "<?xml version=\"1.0\"?>\n<a " + (0..<count).map { "x\($0)=\"1\"" }.joined(separator: " ") + "/>\n"
  }

  @Test func anElementAtTheAttributeLimitIsRead() throws {
    let document = try XMLDocument.parse(bytes: Array(Self.element(attributes: 64).utf8), file: "a.xml")
    #expect(document.root.attributes.count == 64)
    #expect(XMLLimits.default.maxAttributes == 64)
  }

  /// 65 and 100 000 attributes (the file took 158 s in libxml2): refused at the element's
  /// line, with the limit, and nothing else reported.
  @Test(arguments: [65, 100_000])
  func anElementPastTheAttributeLimitIsRefused(count: Int) {
    #expect {
      try XMLDocument.parse(bytes: Array(Self.element(attributes: count).utf8), file: "a.xml")
    } throws: { error in
      let diagnostics = (error as! DiagnosticError).diagnostics
      return diagnostics.count == 1 && diagnostics[0].location.file == "a.xml" && diagnostics[0].location.line == 2
        && diagnostics[0].message == "element <a> has \(count) attributes, more than the limit of 64 "
          + "(no samkalk element has more than 20)"
    }
  }

  /// 20 000 elements are read; one more is refused at its line (libxml2 took minutes to report
  /// on 100 000 elements with an unknown attribute each).
  @Test func aFilePastTheElementLimitIsRefused() throws {
    func list(_ count: Int) -> [UInt8] {
      Array(("<?xml version=\"1.0\"?>\n<list>\n" + String(repeating: "<item/>\n", count: count - 1) + "</list>\n").utf8)
    }
    #expect(XMLLimits.default.maxElements == 20_000)
    let document = try XMLDocument.parse(bytes: list(20_000), file: "list.xml")
    #expect(document.root.children.count == 19_999)
    #expect {
      try XMLDocument.parse(bytes: list(20_001), file: "list.xml")
    } throws: { error in
      let diagnostics = (error as! DiagnosticError).diagnostics
      return diagnostics.count == 1 && diagnostics[0].location.line == 20_002
        && diagnostics[0].message
          == "the file has more than 20000 elements, the limit (a samkalk scenario has a few hundred)"
    }
  }

  /// 500 elements with an attribute the schema does not allow: the first 100 problems, then a
  /// note that says the listing stopped and how many more libxml2 reported.
  @Test func validationStopsListingAfter100Problems() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-xml-limit-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let schemaPath = directory.appendingPathComponent("list.xsd").path
    try """
    <?xml version="1.0"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="list">
        <xs:complexType><xs:sequence>
          <xs:element name="item" maxOccurs="unbounded"><xs:complexType/></xs:element>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
    """.write(toFile: schemaPath, atomically: true, encoding: .utf8)
    let schema = try XMLSchema(path: schemaPath)
    let text = "<?xml version=\"1.0\"?>\n<list>\n" + (0..<500).map { "<item y\($0)=\"1\"/>\n" }.joined() + "</list>\n"
    let document = try XMLDocument.parse(bytes: Array(text.utf8), file: "list.xml")
    let diagnostics = schema.validate(document)
    #expect(diagnostics.count == 101)
    #expect(diagnostics.prefix(100).allSatisfy { $0.severity == .error })
    #expect(diagnostics[0].location.line == 3 && diagnostics[0].message.contains("unknown attribute 'y0'"))
    #expect(diagnostics[99].location.line == 102 && diagnostics[99].message.contains("unknown attribute 'y99'"))
    let note = try #require(diagnostics.last)
    #expect(note.severity == .note)
    #expect(note.message == "stopped after 100 problems (400 more reported, not shown); fix these and check again")
  }
}
