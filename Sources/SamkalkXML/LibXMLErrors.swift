import CLibXML2
import SamkalkCore

/// Collects libxml2's structured errors during one parse or validation.
///
/// libxml2 reports through a C callback; the callback gets this box through its user-data
/// pointer, so no global state is shared between threads.
final class LibXMLErrorBox {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Turns a libxml2 message into the message shown to the user (e.g. adds name hints).
  let rewrite: (String) -> String

  init(file: String, rewrite: @escaping (String) -> String = { $0 }) {
    self.file = file
    self.rewrite = rewrite
  }

  /// At most this many diagnostics are kept; a hostile file can make libxml2 report the same
  /// problem thousands of times.
  static let limit = 100
  private var seen = Set<Diagnostic>()
  private(set) var dropped = 0

  func record(_ error: UnsafePointer<xmlError>) {
    let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    let message = rewrite(LibXMLMessages.plain(raw.trimmed))
    let line = Int(error.pointee.line)
    let column = Int(error.pointee.int2)
    let isParserError = error.pointee.domain == Int32(XML_FROM_PARSER.rawValue)
    let location = SourceLocation(
      file: file, line: line > 0 ? line : nil, column: isParserError && column > 0 && line > 0 ? column : nil)
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    let diagnostic = Diagnostic(severity, at: location, message)
    guard seen.insert(diagnostic).inserted else { return }
    guard diagnostics.count < Self.limit else {
      dropped += 1
      return
    }
    diagnostics.append(diagnostic)
  }

  /// The diagnostics kept, with a closing note when more were left out.
  var reported: [Diagnostic] {
    guard dropped > 0 else { return diagnostics }
    return diagnostics + [Diagnostic(.note, at: SourceLocation(file: file), "\(dropped) more problems not shown")]
  }

  /// The C callback libxml2 calls; `context` is an unretained pointer to a box.
  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<LibXMLErrorBox>.fromOpaque(context).takeUnretainedValue().record(error)
  }

  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

import Foundation
