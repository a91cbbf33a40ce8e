import Foundation
import SamkalkCore
import SamkalkXML
import ZIPFoundation

/// A minimal Office Open XML workbook (SpreadsheetML): sheets of rows of number and text cells.
///
/// Every part is written with ``XMLWriter``; the package is zipped with ZIPFoundation in a fixed
/// entry order with a fixed modification date (1980-01-01 00:00 UTC), so the same workbook gives
/// the same bytes. Numbers are stored as numbers (`<c><v>…</v></c>`), text as inline strings
/// (`t="inlineStr"`); text that starts with `=`, `+`, `-` or `@` gets a leading `'` so that no
/// spreadsheet ever runs it as a formula (number cells are never changed).
public struct XLSXWorkbook {
  public enum Cell: Hashable, Sendable {
    case text(String)
    /// A locale-free decimal number as written in the machine formats (`-1234.50`).
    case number(String)
    case empty

    /// A number cell from a Double, with `decimals` decimals.
    public static func decimal(_ value: Double, decimals: Int) -> Cell {
      .number(DecimalText.format(value, decimals: decimals))
    }
  }

  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[Cell]]
    /// Rows (0-based) written in bold, e.g. headers.
    public var boldRows: Set<Int>
    /// Column widths in characters, by column index (0-based).
    public var widths: [Int: Double]

    public init(name: String, rows: [[Cell]] = [], boldRows: Set<Int> = [], widths: [Int: Double] = [:]) {
      self.name = name
      self.rows = rows
      self.boldRows = boldRows
      self.widths = widths
    }
  }

  public var sheets: [Sheet]

  public init(sheets: [Sheet]) { self.sheets = sheets }

  /// The fixed modification date of every entry: 1980-01-01 00:00:00 UTC, the DOS epoch.
  static let entryDate = Date(timeIntervalSince1970: 315_532_800)

  /// The characters that make a spreadsheet read a text cell as a formula.
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// Text with a leading `'` when it would start a formula.
  public static func neutralised(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
    return "'" + text
  }

  /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
  static func columnName(_ index: Int) -> String {
    var index = index + 1
    var name = ""
    while index > 0 {
      let remainder = (index - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      index = (index - 1) / 26
    }
    return name
  }

  /// The package parts in the order they are zipped.
  public func parts() -> [(path: String, bytes: [UInt8])] {
    var parts: [(String, [UInt8])] = [
      ("[Content_Types].xml", contentTypes()), ("_rels/.rels", rootRelationships()),
      ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbookRelationships()),
      ("xl/styles.xml", Self.styles()),
    ]
    for (index, sheet) in sheets.enumerated() {
      parts.append(("xl/worksheets/sheet\(index + 1).xml", Self.worksheet(sheet)))
    }
    return parts
  }

  /// The zipped workbook.
  public func render() throws -> [UInt8] {
    let archive = try Archive(accessMode: .create)
    for (path, bytes) in parts() {
      let data = Data(bytes)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
        permissions: 0o644, compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    return Array(archive.data ?? Data())
  }

  /// The entries of a zip archive in their stored order, uncompressed (for tests and checks).
  public static func unzip(_ bytes: [UInt8]) throws -> [(path: String, bytes: [UInt8])] {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    var entries: [(String, [UInt8])] = []
    for entry in archive {
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      entries.append((entry.path, Array(data)))
    }
    return entries
  }

  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

  func contentTypes() -> [UInt8] {
    let writer = XMLWriter()
    writer.start("Types", namespace: "http://schemas.openxmlformats.org/package/2006/content-types")
    writer.element(
      "Default",
      [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
    writer.element("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
    writer.element(
      "Override",
      [
        ("PartName", "/xl/workbook.xml"),
        ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
      ])
    writer.element(
      "Override",
      [
        ("PartName", "/xl/styles.xml"),
        ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
      ])
    for index in sheets.indices {
      writer.element(
        "Override",
        [
          ("PartName", "/xl/worksheets/sheet\(index + 1).xml"),
          ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
        ])
    }
    writer.end()
    return writer.finish()
  }

  func rootRelationships() -> [UInt8] {
    let writer = XMLWriter()
    writer.start("Relationships", namespace: Self.packageRelationshipNamespace)
    writer.element(
      "Relationship",
      [
        ("Id", "rId1"),
        ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"),
        ("Target", "xl/workbook.xml"),
      ])
    writer.end()
    return writer.finish()
  }

  func workbook() -> [UInt8] {
    let writer = XMLWriter()
    writer.start("workbook", namespace: Self.mainNamespace)
    writer.attribute("xmlns:r", Self.relationshipNamespace)
    writer.start("sheets")
    for (index, sheet) in sheets.enumerated() {
      writer.element(
        "sheet", [("name", Self.sheetName(sheet.name)), ("sheetId", String(index + 1)), ("r:id", "rId\(index + 1)")])
    }
    writer.end()
    writer.end()
    return writer.finish()
  }

  /// A valid sheet name: at most 31 characters, none of `[]:*?/\`.
  static func sheetName(_ name: String) -> String {
    let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    return String(name.filter { !forbidden.contains($0) }.prefix(31))
  }

  func workbookRelationships() -> [UInt8] {
    let writer = XMLWriter()
    writer.start("Relationships", namespace: Self.packageRelationshipNamespace)
    for index in sheets.indices {
      writer.element(
        "Relationship",
        [
          ("Id", "rId\(index + 1)"),
          ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"),
          ("Target", "worksheets/sheet\(index + 1).xml"),
        ])
    }
    writer.element(
      "Relationship",
      [
        ("Id", "rId\(sheets.count + 1)"),
        ("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"),
        ("Target", "styles.xml"),
      ])
    writer.end()
    return writer.finish()
  }

  /// Style 0: default; 1: bold.
  static func styles() -> [UInt8] {
    let writer = XMLWriter()
    writer.start("styleSheet", namespace: mainNamespace)
    writer.start("fonts")
    writer.attribute("count", "2")
    for bold in [false, true] {
      writer.start("font")
      if bold { writer.element("b", []) }
      writer.element("sz", [("val", "11")])
      writer.element("name", [("val", "Calibri")])
      writer.end()
    }
    writer.end()
    writer.start("fills")
    writer.attribute("count", "2")
    for pattern in ["none", "gray125"] {
      writer.start("fill")
      writer.element("patternFill", [("patternType", pattern)])
      writer.end()
    }
    writer.end()
    writer.start("borders")
    writer.attribute("count", "1")
    writer.start("border")
    for side in ["left", "right", "top", "bottom", "diagonal"] { writer.element(side, []) }
    writer.end()
    writer.end()
    writer.start("cellStyleXfs")
    writer.attribute("count", "1")
    writer.element("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")])
    writer.end()
    writer.start("cellXfs")
    writer.attribute("count", "2")
    writer.element("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0")])
    writer.element(
      "xf",
      [("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyFont", "1")])
    writer.end()
    writer.start("cellStyles")
    writer.attribute("count", "1")
    writer.element("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")])
    writer.end()
    writer.end()
    return writer.finish()
  }

  static func worksheet(_ sheet: Sheet) -> [UInt8] {
    let writer = XMLWriter()
    writer.start("worksheet", namespace: mainNamespace)
    if !sheet.widths.isEmpty {
      writer.start("cols")
      for (column, width) in sheet.widths.sorted(by: { $0.key < $1.key }) {
        writer.element(
          "col",
          [
            ("min", String(column + 1)), ("max", String(column + 1)), ("width", DecimalText.format(width, decimals: 1)),
            ("customWidth", "1"),
          ])
      }
      writer.end()
    }
    writer.start("sheetData")
    for (rowIndex, row) in sheet.rows.enumerated() {
      writer.start("row")
      writer.attribute("r", String(rowIndex + 1))
      let bold = sheet.boldRows.contains(rowIndex)
      for (columnIndex, cell) in row.enumerated() {
        let reference = columnName(columnIndex) + String(rowIndex + 1)
        switch cell {
        case .empty: continue
        case .number(let value):
          guard !value.isEmpty else { continue }
          writer.start("c")
          writer.attribute("r", reference)
          if bold { writer.attribute("s", "1") }
          writer.element("v", text: value)
          writer.end()
        case .text(let value):
          writer.start("c")
          writer.attribute("r", reference)
          if bold { writer.attribute("s", "1") }
          writer.attribute("t", "inlineStr")
          writer.start("is")
          let text = neutralised(value)
          writer.start("t")
          if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            writer.attribute("xml:space", "preserve")
          }
          writer.text(text)
          writer.end()
          writer.end()
          writer.end()
        }
      }
      writer.end()
    }
    writer.end()
    writer.end()
    return writer.finish()
  }
}
