import Foundation
import SamkalkCore
import SamkalkReports
import SamkalkXML
import Testing

/// Helpers shared by the sensitivity, uncertainty and follow-up report tests.
enum ReportChecks {
  /// The page through libxml2's HTML parser (as a browser-like consumer reads it).
  static func html(_ bytes: [UInt8]) throws -> SamkalkXML.XMLElement {
    try HTMLDocument.parse(bytes: bytes, file: "report.html")
  }

  /// The SVG charts by id.
  static func charts(_ root: SamkalkXML.XMLElement) -> [String: SamkalkXML.XMLElement] {
    Dictionary(uniqueKeysWithValues: descendants(root, named: "svg").map { ($0[attribute: "id"] ?? "", $0) })
  }

  static func bars(_ svg: SamkalkXML.XMLElement) -> [SamkalkXML.XMLElement] {
    descendants(svg, named: "rect").filter { $0[attribute: "class"] == "bar" }
  }

  /// The body rows of the table with this id, each as its cells' text.
  static func tableRows(_ root: SamkalkXML.XMLElement, id: String) -> [[String]] {
    guard let table = descendants(root, named: "table").first(where: { $0[attribute: "id"] == id }) else { return [] }
    return descendants(table, named: "tbody").flatMap { descendants($0, named: "tr") }.map {
      $0.children.map(\.trimmedText)
    }
  }

  /// Every chart is accessible: `role="img"`, labelled by its title and description.
  static func expectAccessible(_ charts: [String: SamkalkXML.XMLElement]) {
    for (id, svg) in charts {
      #expect(svg[attribute: "role"] == "img", "\(id)")
      #expect(svg[attribute: "aria-labelledby"] == "\(id)-title \(id)-desc", "\(id)")
      #expect(svg.child(named: "title").map { !$0.trimmedText.isEmpty } == true, "\(id)")
      #expect(svg.child(named: "desc").map { !$0.trimmedText.isEmpty } == true, "\(id)")
    }
  }

  /// The workbook's parts, each parsed (so each is well-formed XML), and its sheet names.
  static func workbook(_ bytes: [UInt8]) throws -> (parts: [String: SamkalkXML.XMLDocument], sheets: [String]) {
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    var parts: [String: SamkalkXML.XMLDocument] = [:]
    for entry in try XLSXWorkbook.unzip(bytes) {
      parts[entry.path] = try SamkalkXML.XMLDocument.parse(bytes: entry.bytes, file: entry.path)
    }
    let sheets = parts["xl/workbook.xml"].map {
      descendants($0.root, named: "sheet").compactMap { $0[attribute: "name"] }
    }
    return (parts, sheets ?? [])
  }

  /// Every inline text of every sheet.
  static func sheetTexts(_ parts: [String: SamkalkXML.XMLDocument]) -> [String] {
    parts.filter { $0.key.hasPrefix("xl/worksheets/") }.flatMap { descendants($0.value.root, named: "t").map(\.text) }
  }

  static func lines(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
  }

  static func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "samkalk-analysis-\(UUID().uuidString)"
  }
}
