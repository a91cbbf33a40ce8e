import SamkalkReports
import SamkalkXML
import Testing

/// The HTML report through libxml2's HTML parser (as a browser-like consumer reads it, not as XML).
@Suite struct HTMLParserTests {
  /// Element names in document order, from libxml2's HTML parser (through SamkalkXML).
  static func htmlElements(_ bytes: [UInt8]) -> [String] {
    guard let root = try? HTMLDocument.parse(bytes: bytes, file: "report.html") else { return [] }
    var names: [String] = []
    func walk(_ element: XMLElement) {
      names.append(element.name)
      element.children.forEach(walk)
    }
    walk(root)
    return names
  }

  @Test func theRunReportParsesAsHTML() {
    let names = Self.htmlElements(HTMLReport.render(Fixture.richResult(), context: Fixture.context))
    #expect(names.first == "html")
    #expect(names.filter { $0 == "svg" }.count == 3)
    #expect(names.filter { $0 == "polyline" }.count == 8)
    #expect(names.contains("table") && names.contains("body") && !names.contains("script"))
  }
}
