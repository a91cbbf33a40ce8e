import Foundation

/// Checks and escapes for text that comes from users' files and is shown to other people.
///
/// A file with a NUL byte is damaged or not text: C code (libxml2, a terminal) stops at it, so
/// an id or a source cut there reads as something else ("Karlstads bud…"), and what follows it
/// is silently lost. And a title with U+202E (right-to-left override) or a C1 control reorders
/// or rewrites what a terminal shows after it. So readers refuse NULs with their position, and
/// the command-line tool shows such characters as visible escapes:
///
/// | character                          | shown as   |
/// |------------------------------------|------------|
/// | line feed, tab                     | as it is   |
/// | carriage return (progress bars)    | as it is   |
/// | other C0 controls, DEL (ESC, BEL …) | `\u{1B}` … |
/// | C1 controls U+0080–U+009F          | `\u{85}` … |
/// | bidi controls U+202A–E, U+2066–9, U+200E–F, U+061C | `\u{202E}` … |
public enum UntrustedText {
  /// The line and column (both from 1; the column counts characters, as the diagnostics do) of
  /// the first NUL byte in UTF-8 `bytes`, or `nil` when there is none.
  public static func firstNUL(in bytes: [UInt8]) -> (line: Int, column: Int)? {
    guard let offset = bytes.withUnsafeBufferPointer(nulOffset) else { return nil }
    var line = 1
    var column = 1
    for byte in bytes[..<offset] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  /// The offset of the first NUL byte in `bytes` (`memchr`: the follow-up reader asks this of
  /// every record), or `nil`.
  public static func nulOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress, let hit = memchr(base, 0, bytes.count) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
  }

  /// The message for a NUL byte in a file of `kind` (e.g. "rate table").
  public static func nulMessage(in kind: String) -> String {
    "a NUL byte (0x00): no \(kind) holds one, so the file is damaged or not text here"
  }

  /// `text` with every character that would act on a terminal instead of being shown written
  /// as a visible `\u{…}` escape (see the table above).
  public static func escapedForTerminal(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var escaped = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        escaped.append(scalar)
      }
    }
    return String(escaped)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09, 0x0D: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
    default: false
    }
  }
}
