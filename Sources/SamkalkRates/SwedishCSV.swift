import Foundation
import SamkalkCore
import SamkalkXML

/// A CSV file as Swedish Excel and other tools write it, read into rows of located fields.
///
/// - Encoding: a UTF-8 byte-order mark is skipped; bytes that are valid UTF-8 are read as
///   UTF-8; anything else is read as Windows-1252 (what Excel's "CSV (semikolonavgränsad)"
///   writes on a Swedish Windows). `encoding` tells which was used.
/// - Separator: detected from the header line. A `;` in it (outside quotes) means `;` with a
///   decimal comma (Swedish Excel); otherwise `,` with a decimal point. In a `;` file
///   ``number(_:)`` accepts both `,` and `.` as the decimal mark, since neither can be a field
///   separator there.
/// - Quoting follows RFC 4180: a field in double quotes may hold separators, line breaks and
///   `""` for a quote. Line ends may be LF or CRLF. Blank lines are skipped.
/// - Every field knows its line and column (1-based, counted in characters, at the field's
///   first character, the opening quote for a quoted field), so a reader reports
///   `FILE:LINE:COL: error: …`.
public struct SwedishCSV: Sendable {
  public enum Encoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case windows1252 = "Windows-1252"
  }

  /// One cell with its place in the file.
  public struct Field: Hashable, Sendable {
    /// The cell's text, unquoted, not trimmed.
    public var text: String
    public var line: Int
    public var column: Int

    public init(text: String, line: Int, column: Int) {
      self.text = text
      self.line = line
      self.column = column
    }

    /// The text with surrounding white space removed.
    public var trimmed: String { text.trimmed }
  }

  /// One record. `line` is the line the record starts on.
  public struct Row: Hashable, Sendable {
    public var line: Int
    public var fields: [Field]

    public init(line: Int, fields: [Field]) {
      self.line = line
      self.fields = fields
    }

    /// The field at `index`, or `nil` when the row is shorter.
    public subscript(index: Int) -> Field? { index < fields.count ? fields[index] : nil }
  }

  public let file: String
  public let encoding: Encoding
  public let separator: Character
  /// `,` for `;`-separated files, `.` otherwise.
  public let decimalMark: Character
  public let header: Row
  /// The records after the header, blank lines left out.
  public let rows: [Row]
  /// The file's bytes, for SHA-256.
  public let bytes: [UInt8]

  /// Reads a file (at most `maxBytes`) and parses it.
  public static func load(path: String, maxBytes: Int = 64 << 20) throws(DiagnosticError) -> SwedishCSV {
    try parse(bytes: try FileBytes.read(path: path, maxBytes: maxBytes), file: path)
  }

  /// Parses bytes; `file` names the input in diagnostics.
  public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> SwedishCSV {
    let (utf8, encoding) = decode(bytes)
    if let place = UntrustedText.firstNUL(in: utf8) {
      throw DiagnosticError(
        .error(
          UntrustedText.nulMessage(in: "CSV file"),
          at: SourceLocation(file: file, line: place.line, column: place.column)))
    }
    let separator = detectSeparator(utf8)
    let rows = try records(utf8, separator: separator, file: file)
    guard let header = rows.first else {
      throw DiagnosticError(.error("the file is empty: a header line is needed", at: SourceLocation(file: file)))
    }
    return SwedishCSV(
      file: file, encoding: encoding, separator: separator == UInt8(ascii: ";") ? ";" : ",",
      decimalMark: separator == UInt8(ascii: ";") ? "," : ".", header: header, rows: Array(rows.dropFirst()),
      bytes: bytes)
  }

  private init(
    file: String, encoding: Encoding, separator: Character, decimalMark: Character, header: Row, rows: [Row],
    bytes: [UInt8]
  ) {
    self.file = file
    self.encoding = encoding
    self.separator = separator
    self.decimalMark = decimalMark
    self.header = header
    self.rows = rows
    self.bytes = bytes
  }

  /// The header names, trimmed and lower-cased.
  public var columnNames: [String] { header.fields.map { $0.trimmed.lowercased() } }

  /// The index of the first column whose header equals one of `names` (case-insensitive).
  public func columnIndex(_ names: String...) -> Int? { columnIndex(names) }

  public func columnIndex(_ names: [String]) -> Int? {
    let wanted = Set(names.map { $0.lowercased() })
    return columnNames.firstIndex { wanted.contains($0) }
  }

  /// Errors for header columns that say the same thing twice: the same name (`value;value`) or
  /// two names of one group of synonyms (`value;belopp`), at the second. Which of two `value`
  /// columns a reader used would otherwise decide the figures unseen.
  public func repeatedColumns(_ synonyms: [[String]]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var firstColumn: [String: Int] = [:]
    for (index, name) in columnNames.enumerated() where !name.isEmpty {
      let group = synonyms.first { $0.contains(name) }
      let meaning = group?.first ?? name
      if let first = firstColumn[meaning] {
        let earlier = header.fields[first].trimmed
        diagnostics.append(
          .error(
            "column '\(header.fields[index].trimmed)' repeats column \(first + 1) ('\(earlier)'): "
              + "keep one column for each", at: location(header.fields[index])))
      } else {
        firstColumn[meaning] = index
      }
    }
    return diagnostics
  }

  /// The first non-empty field beyond the header's columns, if the row has one: a ragged row
  /// whose extra cells would otherwise be dropped unseen. (Empty trailing cells, which Excel
  /// writes, are allowed.)
  public func extraField(in row: Row) -> Field? {
    row.fields.dropFirst(header.fields.count).first { !$0.trimmed.isEmpty }
  }

  /// The message for ``extraField(in:)``.
  public func extraFieldMessage(_ field: Field) -> String {
    "the row has more fields than the header's \(header.fields.count) columns ('\(field.trimmed)' is not read); "
      + "check the separator or quoting"
  }

  /// The location of a field, for diagnostics.
  public func location(_ field: Field) -> SourceLocation {
    SourceLocation(file: file, line: field.line, column: field.column)
  }

  /// The location of a row's first character.
  public func location(_ row: Row) -> SourceLocation {
    SourceLocation(file: file, line: row.line, column: 1)
  }

  /// Parses a number as this file writes it, or `nil` for anything else.
  ///
  /// Accepts an optional sign (`-` or `−`), digits grouped by spaces (`58 800`, also no-break
  /// spaces), and one decimal mark: `,` or `.` in a `;` file, `.` in a `,` file. No exponents,
  /// no `inf`/`nan`. `58 800`, `0,3142`, `-12.5` → 58800, 0.3142, -12.5.
  public func number(_ field: Field) -> Double? { number(field.trimmed) }

  public func number(_ text: String) -> Double? {
    SwedishCSV.parseNumber(text, allowComma: separator == ";")
  }

  /// A number as a Swedish finance officer writes one (the rate tables' rule, also the web
  /// form's): optional sign, digits grouped by spaces, `,` (when `allowComma`) or `.` as the
  /// decimal mark; no exponent, no `inf`/`nan`. Where the comma is allowed, a dot followed by
  /// exactly three final digits is refused as ambiguous (``ambiguityHint(_:allowComma:)``):
  ///
  /// | text     | `;` file (decimal comma) | `,` file |
  /// |----------|--------------------------|----------|
  /// | `10,45`  | 10.45                    | refused  |
  /// | `10.45`  | 10.45                    | 10.45    |
  /// | `10.450` | refused (ambiguous)      | 10.45    |
  /// | `10 450` | 10450                    | 10450    |
  public static func parseNumber(_ text: String, allowComma: Bool) -> Double? {
    // Works on Unicode scalars (not Characters) and trims by hand: this runs for every
    // number of every table, so it avoids Foundation and grapheme breaking.
    var scalars = Array(text.unicodeScalars)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    func isDigit(_ index: Int) -> Bool {
      index >= 0 && index < scalars.count && ("0"..."9").contains(scalars[index])
    }
    var normalized = String.UnicodeScalarView()
    var sawDecimal = false
    var sawDigit = false
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "0"..."9":
        normalized.append(scalar)
        sawDigit = true
      case "-", "\u{2212}":
        guard index == 0 else { return nil }
        normalized.append("-")
      case "+":
        guard index == 0 else { return nil }
      case " ", "\u{00A0}", "\u{202F}":
        // A digit-group separator: digits on both sides, before any decimal mark.
        guard !sawDecimal, isDigit(index - 1), isDigit(index + 1) else { return nil }
      case ".", ",":
        guard !sawDecimal, scalar == "." || allowComma else { return nil }
        // Where the comma is the decimal mark, a dot before exactly three final digits is a
        // thousands separator as often as a decimal point (`10.450`): ambiguous, so refused.
        if allowComma && scalar == "." && sawDigit && index + 4 == scalars.count && isDigit(index + 1)
          && isDigit(index + 2) && isDigit(index + 3)
        {
          return nil
        }
        sawDecimal = true
        normalized.append(".")
      default:
        return nil
      }
    }
    guard sawDigit, let value = Double(String(normalized)), value.isFinite else { return nil }
    return value
  }

  /// Why `text` is not read as a number although it looks like one: a dot before three final
  /// digits where the comma is the decimal mark (`10.450` could be 10 450 or 10,45). Appended to
  /// the "not a number" messages; empty otherwise.
  public static func ambiguityHint(_ text: String, allowComma: Bool) -> String {
    guard allowComma, let dot = text.lastIndex(of: "."), text.filter({ $0 == "." }).count == 1 else { return "" }
    let before = text[..<dot]
    let after = text[text.index(after: dot)...]
    func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
    guard after.count == 3, after.allSatisfy(isDigit), before.contains(where: isDigit) else {
      return ""
    }
    return ": with a decimal comma, a dot before three digits may be a thousands separator; write "
      + "\(before.filter { $0 != " " })\(after) or \(before),\(after)"
  }

  // MARK: - Decoding

  /// The file's text as UTF-8 bytes, and the encoding it was read in.
  static func decode(_ bytes: [UInt8]) -> ([UInt8], Encoding) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let rest = Array(bytes.dropFirst(3))
      if String(validating: rest, as: UTF8.self) != nil { return (rest, .utf8WithBOM) }
      return (Array(windows1252(rest).utf8), .windows1252)
    }
    if String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
    return (Array(windows1252(bytes).utf8), .windows1252)
  }

  /// Code points for bytes 0x80–0x9F in Windows-1252; the five undefined bytes map to the C1
  /// control with the same number, as the WHATWG encoding standard does.
  private static let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
      scalars.append(Unicode.Scalar(value)!)
    }
    return String(scalars)
  }

  // MARK: - Splitting

  private static let quote = UInt8(ascii: "\"")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// `;` when the first line holds a `;` outside quotes, else `,`.
  static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
    var inQuotes = false
    for byte in bytes {
      if byte == quote {
        inQuotes.toggle()
      } else if !inQuotes && (byte == newline || byte == carriageReturn) {
        break
      } else if !inQuotes && byte == UInt8(ascii: ";") {
        return byte
      }
    }
    return UInt8(ascii: ",")
  }

  private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

  /// Splits UTF-8 text into rows of located fields in one pass over the bytes (RFC 4180).
  ///
  /// Columns count Unicode scalars (UTF-8 continuation bytes do not advance the column).
  /// Blank lines are skipped; an unterminated quote and text after a closing quote are errors.
  static func records(_ bytes: [UInt8], separator: UInt8, file: String) throws(DiagnosticError) -> [Row] {
    var rows: [Row] = []
    var diagnostics = DiagnosticCollector()
    var fields: [Field] = []
    var text: [UInt8] = []
    var line = 1
    var column = 1
    var rowLine = 1
    var fieldStart: (line: Int, column: Int)? = nil
    var quoted = false
    var closed = false
    var inQuotes = false
    var rowHasContent = false

    func finishField(atLine line: Int, column: Int) {
      let start = fieldStart ?? (line, column)
      fields.append(Field(text: String(decoding: text, as: UTF8.self), line: start.line, column: start.column))
      text.removeAll(keepingCapacity: true)
      fieldStart = nil
      quoted = false
      closed = false
    }
    func finishRow(atLine line: Int, column: Int) {
      if rowHasContent {
        finishField(atLine: line, column: column)
        rows.append(Row(line: rowLine, fields: fields))
      }
      fields.removeAll(keepingCapacity: true)
      text.removeAll(keepingCapacity: true)
      fieldStart = nil
      quoted = false
      closed = false
      rowHasContent = false
    }

    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let advancesColumn = byte & 0xC0 != 0x80
      if inQuotes {
        if byte == quote {
          if index + 1 < bytes.count && bytes[index + 1] == quote {
            text.append(quote)
            index += 2
            column += 2
            continue
          }
          inQuotes = false
          closed = true
        } else if byte == newline || byte == carriageReturn {
          text.append(newline)
          if byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline { index += 1 }
          line += 1
          column = 0
        } else {
          text.append(byte)
        }
      } else if byte == newline || byte == carriageReturn {
        finishRow(atLine: line, column: column)
        if byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline { index += 1 }
        line += 1
        column = 1
        rowLine = line
        index += 1
        continue
      } else if byte == separator {
        rowHasContent = true
        finishField(atLine: line, column: column)
        fieldStart = (line, column + 1)
      } else if closed {
        if !isBlank(byte) {
          diagnostics.error(
            "text after the closing quote of a field", at: SourceLocation(file: file, line: line, column: column))
        }
      } else if byte == quote && !quoted && text.allSatisfy(isBlank) {
        if fieldStart == nil { fieldStart = (line, column) }
        quoted = true
        inQuotes = true
        rowHasContent = true
        text.removeAll(keepingCapacity: true)
      } else {
        if fieldStart == nil { fieldStart = (line, column) }
        if !isBlank(byte) { rowHasContent = true }
        text.append(byte)
      }
      if advancesColumn { column += 1 }
      index += 1
    }
    if inQuotes {
      let start = fieldStart ?? (line, column)
      throw DiagnosticError(
        .error(
          "a quoted field is never closed", at: SourceLocation(file: file, line: start.line, column: start.column)))
    }
    finishRow(atLine: line, column: column)
    try diagnostics.throwIfErrors()
    return rows
  }
}
