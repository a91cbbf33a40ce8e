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

  func record(_ error: UnsafePointer<xmlError>) {
    let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    let message = rewrite(raw.trimmed)
    let line = Int(error.pointee.line)
    let column = Int(error.pointee.int2)
    let isParserError = error.pointee.domain == Int32(XML_FROM_PARSER.rawValue)
    let location = SourceLocation(
      file: file, line: line > 0 ? line : nil, column: isParserError && column > 0 && line > 0 ? column : nil)
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    diagnostics.append(Diagnostic(severity, at: location, message))
  }

  /// The C callback libxml2 calls; `context` is an unretained pointer to a box.
  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<LibXMLErrorBox>.fromOpaque(context).takeUnretainedValue().record(error)
  }

  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

import Foundation
