import Foundation
import SamkalkCore
import SamkalkXML
import Testing

@Suite struct XMLDocumentTests {
  private func parse(_ text: String, file: String = "t.xml") throws(DiagnosticError) -> XMLDocument {
    try XMLDocument.parse(bytes: Array(text.utf8), file: file)
  }

  @Test func buildsATreeWithLineNumbers() throws {
    let document = try parse(
      """
      <?xml version="1.0"?>
      <scenario xmlns="urn:x" id="a">
        <title>Porten &amp; co</title>
        <measure
          months="36"/>
      </scenario>
      """)
    #expect(document.root.name == "scenario")
    #expect(document.root.namespace == "urn:x")
    #expect(document.root[attribute: "id"] == "a")
    #expect(document.root.child(named: "title")?.text == "Porten & co")
    #expect(document.root.child(named: "title")?.line == 3)
    #expect(document.root.child(named: "measure")?[attribute: "months"] == "36")
    // An element is placed where its start tag begins (libxml2 alone gives the line where it ends).
    #expect(document.location(document.root.children[1]).description == "t.xml:4:3")
  }

  @Test func reportsMalformedXMLWithLineAndColumn() {
    #expect {
      try parse("<a>\n  <b>\n</a>\n")
    } throws: { error in
      let diagnostics = (error as! DiagnosticError).diagnostics
      return diagnostics.contains { $0.location.line == 3 && $0.location.column != nil && $0.severity == .error }
    }
  }

  @Test func refusesDoctypeAndEntities() {
    let billionLaughs = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      ]>
      <lolz>&lol2;</lolz>
      """
    #expect(throws: DiagnosticError.self) { try parse(billionLaughs) }
    let external = """
      <?xml version="1.0"?>
      <!DOCTYPE a [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
      <a>&xxe;</a>
      """
    #expect {
      try parse(external)
    } throws: { error in
      (error as! DiagnosticError).description.contains("DOCTYPE")
        || (error as! DiagnosticError).description.contains("ntity")
    }
  }

  @Test func refusesInvalidUTF8AndOversizedInput() {
    var bytes = Array("<a>".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("</a>".utf8)
    #expect(throws: DiagnosticError.self) { try XMLDocument.parse(bytes: bytes, file: "u.xml") }
    #expect {
      try XMLDocument.parse(bytes: Array("<a/>".utf8), file: "big.xml", limits: XMLLimits(maxBytes: 3))
    } throws: { error in
      (error as! DiagnosticError).description.contains("larger than the limit")
    }
  }

  @Test func missingFileIsADiagnostic() {
    #expect {
      try XMLDocument.load(path: "/nonexistent/x.xml")
    } throws: { error in
      (error as! DiagnosticError).description == "/nonexistent/x.xml: error: no such file"
    }
  }
}

@Suite struct XMLSchemaTests {
  static let schemaText = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t"
      elementFormDefault="qualified">
      <xs:element name="scenario">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="title" type="xs:string"/>
            <xs:element name="horizon" minOccurs="0">
              <xs:complexType><xs:attribute name="years" type="xs:positiveInteger" use="required"/></xs:complexType>
            </xs:element>
          </xs:sequence>
          <xs:attribute name="id" type="xs:string" use="required"/>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

  private func schema() throws -> XMLSchema {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("samkalk-test-\(UUID()).xsd").path
    try Self.schemaText.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try XMLSchema(path: path)
  }

  @Test func acceptsAValidDocument() throws {
    let document = try XMLDocument.parse(
      bytes: Array(#"<scenario xmlns="urn:t" id="a"><title>x</title><horizon years="5"/></scenario>"#.utf8),
      file: "ok.xml")
    #expect(try schema().validate(document).isEmpty)
  }

  @Test func reportsEveryProblemWithLinesAndHints() throws {
    let text = """
      <scenario xmlns="urn:t" id="a">
        <titel>x</titel>
        <horizon yeras="5"/>
      </scenario>
      """
    let document = try XMLDocument.parse(bytes: Array(text.utf8), file: "bad.xml")
    let diagnostics = try schema().validate(document)
    let first = try #require(diagnostics.first)
    #expect(first.location.line == 2)
    #expect(first.message.contains("did you mean 'title'?"))
    #expect(first.description.hasPrefix("bad.xml:2:3: error: unknown or misplaced element 'titel'"))
  }

  @Test func hintsForAttributes() {
    let message = XMLSchemaHintProbe.hint(
      "Element '{urn:t}horizon', attribute 'yeras': The attribute 'yeras' is not allowed.")
    #expect(message.contains("unknown attribute 'yeras'; did you mean 'years'?"))
  }
}

/// Exposes the hint rewriting for a direct test.
enum XMLSchemaHintProbe {
  static func hint(_ message: String) -> String {
    XMLSchema.hintedMessage(message, elements: ["horizon"], attributes: ["years", "id"])
  }
}

@Suite struct XMLWriterTests {
  @Test func writesIndentedEscapedUTF8() {
    let writer = XMLWriter()
    writer.start("report", namespace: "urn:r")
    writer.attribute("version", "1")
    writer.element("title", text: "Å & <ö>")
    writer.end()
    let text = String(decoding: writer.finish(), as: UTF8.self)
    #expect(
      text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <report xmlns="urn:r" version="1">
          <title>Å &amp; &lt;ö&gt;</title>
        </report>

        """)
  }
}

/// libxml2's wording translated for an evaluator (issue: "entity reference loop", "use
/// XML_PARSE_HUGE option"), and columns for elements and attributes.
@Suite struct XMLPlainMessageTests {
  func messages(_ text: String) -> [String] {
    do {
      _ = try XMLDocument.parse(bytes: Array(text.utf8), file: "m.xml")
      return []
    } catch {
      return error.diagnostics.map(\.message)
    }
  }

  @Test func deepNestingSaysWhatIsWrongNotWhichOptionToSet() {
    let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
    let found = messages(deep)
    #expect(found.contains { $0.hasPrefix("elements nested deeper than the XML reader allows") }, "\(found)")
    #expect(!found.contains { $0.contains("XML_PARSE_HUGE") }, "\(found)")
  }

  @Test func commonMistakesAreExplained() {
    #expect(messages("<a>fish & chips</a>").contains { $0.hasPrefix("a '&' that starts no entity") })
    #expect(messages("<a><b></b>").contains { $0.hasPrefix("the file ends before <a> (line 1) is closed") })
    #expect(messages("<a/><b/>").contains { $0.hasPrefix("something follows the root element's end tag") })
  }

  @Test func elementsAndAttributesHaveColumns() throws {
    let text = "<root>\n  <s type=\"a\"/><s  extent=\"0.5\"\n     wage='1'/>\n  <!-- <s x=\"1\"/> -->\n</root>"
    let document = try XMLDocument.parse(bytes: Array(text.utf8), file: "c.xml")
    let children = document.root.children
    #expect(document.location(document.root).description == "c.xml:1:1")
    #expect(document.location(children[0]).description == "c.xml:2:3")
    #expect(document.location(children[1]).description == "c.xml:2:16")
    #expect(document.location(children[0].attribute("type")!).description == "c.xml:2:6")
    #expect(document.location(children[1].attribute("extent")!).description == "c.xml:2:20")
    #expect(document.location(children[1].attribute("wage")!).description == "c.xml:3:6")
  }
}
