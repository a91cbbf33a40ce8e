import Foundation
import SamkalkCore

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
    public var trimmed: String { text.trimmingCharacters(in: .whitespaces) }
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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DiagnosticError(.error("cannot read the file", at: SourceLocation(file: path)))
    }
    guard data.count <= maxBytes else {
      throw DiagnosticError(
        .error("the file is larger than the limit of \(maxBytes) bytes", at: SourceLocation(file: path)))
    }
    return try parse(bytes: [UInt8](data), file: path)
  }

  /// Parses bytes; `file` names the input in diagnostics.
  public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> SwedishCSV {
    let (text, encoding) = decode(bytes)
    let records = try split(text, file: file)
    guard let header = records.first else {
      throw DiagnosticError(.error("the file is empty: a header line is needed", at: SourceLocation(file: file)))
    }
    let separator = header.separator
    let rows = try fields(of: records, separator: separator, file: file)
    return SwedishCSV(
      file: file, encoding: encoding, separator: separator, decimalMark: separator == ";" ? "," : ".",
      header: rows[0], rows: Array(rows.dropFirst()), bytes: bytes)
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

  static func parseNumber(_ text: String, allowComma: Bool) -> Double? {
    var normalized = ""
    var sawDecimal = false
    var sawDigit = false
    let characters = Array(text.trimmingCharacters(in: .whitespaces))
    for (index, character) in characters.enumerated() {
      switch character {
      case "0"..."9":
        normalized.append(character)
        sawDigit = true
      case "-", "\u{2212}":
        guard index == 0 else { return nil }
        normalized.append("-")
      case "+":
        guard index == 0 else { return nil }
      case " ", "\u{00A0}", "\u{202F}":
        // A digit-group separator: digits on both sides, before any decimal mark.
        guard !sawDecimal, index > 0, characters[index - 1].isASCII, characters[index - 1].isNumber,
          index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber
        else { return nil }
      case ".", ",":
        guard !sawDecimal, character == "." || allowComma else { return nil }
        sawDecimal = true
        normalized.append(".")
      default:
        return nil
      }
    }
    guard sawDigit, let value = Double(normalized), value.isFinite else { return nil }
    return value
  }

  // MARK: - Decoding

  static func decode(_ bytes: [UInt8]) -> (String, Encoding) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let rest = Array(bytes.dropFirst(3))
      if let text = String(validating: rest, as: UTF8.self) { return (text, .utf8WithBOM) }
      return (windows1252(rest), .windows1252)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
    return (windows1252(bytes), .windows1252)
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

  /// A physical record before field splitting: its characters with their line and column.
  private struct RawRecord {
    var line: Int
    var characters: [(Character, Int, Int, Bool)]  // character, line, column, inside quotes

    /// `;` when the record holds a `;` outside quotes, else `,`.
    var separator: Character {
      characters.contains { $0.0 == ";" && !$0.3 } ? ";" : ","
    }
  }

  /// Splits text into records, keeping quoted line breaks inside their record.
  private static func split(_ text: String, file: String) throws(DiagnosticError) -> [RawRecord] {
    var records: [RawRecord] = []
    var current = RawRecord(line: 1, characters: [])
    var line = 1
    var column = 1
    var inQuotes = false
    var quoteStart = (1, 1)
    var previousWasQuote = false
    for character in text {
      let isNewline = character == "\n" || character == "\r\n" || character == "\r"
      if character == "\"" {
        if inQuotes {
          inQuotes = false
          previousWasQuote = true
        } else {
          if previousWasQuote {
            inQuotes = true  // "" inside a quoted field
          } else {
            inQuotes = true
            quoteStart = (line, column)
          }
          previousWasQuote = false
        }
        current.characters.append((character, line, column, true))
        column += 1
        continue
      }
      previousWasQuote = false
      if isNewline {
        if inQuotes {
          current.characters.append(("\n", line, column, true))
        } else {
          if !current.characters.allSatisfy({ $0.0.isWhitespace }) { records.append(current) }
          current = RawRecord(line: line + 1, characters: [])
        }
        line += 1
        column = 1
        continue
      }
      current.characters.append((character, line, column, inQuotes))
      column += 1
    }
    if inQuotes {
      throw DiagnosticError(
        .error(
          "a quoted field is never closed", at: SourceLocation(file: file, line: quoteStart.0, column: quoteStart.1)))
    }
    if !current.characters.allSatisfy({ $0.0.isWhitespace }) { records.append(current) }
    return records
  }

  /// Splits records into fields, undoing RFC 4180 quoting.
  private static func fields(of records: [RawRecord], separator: Character, file: String) throws(DiagnosticError)
    -> [Row]
  {
    var rows: [Row] = []
    var diagnostics = DiagnosticCollector()
    for record in records {
      var fields: [Field] = []
      var text = ""
      var start: (Int, Int)? = nil
      var quoted = false
      var closed = false
      var index = 0
      let characters = record.characters
      func finish() {
        let (line, column) = start ?? (characters.isEmpty ? (record.line, 1) : (characters[0].1, characters[0].2))
        fields.append(Field(text: text, line: line, column: column))
        text = ""
        start = nil
        quoted = false
        closed = false
      }
      var lastSeparator: (Int, Int) = (record.line, 0)
      while index < characters.count {
        let (character, line, column, _) = characters[index]
        if start == nil { start = (line, column) }
        if quoted && !closed {
          if character == "\"" {
            if index + 1 < characters.count && characters[index + 1].0 == "\"" {
              text.append("\"")
              index += 2
              continue
            }
            closed = true
          } else {
            text.append(character)
          }
        } else if character == separator {
          finish()
          lastSeparator = (line, column)
          index += 1
          continue
        } else if character == "\"" && text.allSatisfy({ $0 == " " }) && !quoted {
          quoted = true
          text = ""
        } else if closed {
          if !character.isWhitespace {
            diagnostics.error(
              "text after the closing quote of a field", at: SourceLocation(file: file, line: line, column: column))
          }
        } else {
          text.append(character)
        }
        index += 1
      }
      if start == nil { start = (lastSeparator.0, lastSeparator.1 + 1) }
      finish()
      rows.append(Row(line: record.line, fields: fields))
    }
    try diagnostics.throwIfErrors()
    return rows
  }
}
