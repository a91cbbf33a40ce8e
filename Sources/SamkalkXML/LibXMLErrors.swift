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
  /// problem thousands of times (100 000 unknown attributes took minutes when each report was
  /// rewritten with a name hint). Past the limit a report is only counted, before any work, so
  /// the rest of the parse or validation costs libxml2's own time. (The parse is not stopped
  /// with `xmlStopParser` from here: libxml2 frees its input buffer then, while the function that
  /// raised the report may still point into it.)
  static let limit = 100
  /// The most attributes an element may have (``XMLLimits/maxAttributes``) while parsing.
  var maxAttributes = Int.max
  /// The most elements a file may have (``XMLLimits/maxElements``), and the count so far.
  var maxElements = Int.max
  var elementCount = 0
  /// Set when the parse was stopped for a limit; it replaces libxml2's reports.
  var refusal: Diagnostic?
  /// The place of a node a report names (a schema error names the element or attribute it is
  /// about; libxml2 gives it a line but no column).
  var locate: ((UnsafeMutableRawPointer) -> StartTagPositions.Place?)?
  private var seen = Set<Diagnostic>()
  private(set) var dropped = 0

  func record(_ error: UnsafePointer<xmlError>) {
    guard diagnostics.count < Self.limit else {
      dropped += 1
      return
    }
    let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
    let message = rewrite(LibXMLMessages.plain(raw.trimmed))
    let line = Int(error.pointee.line)
    let column = Int(error.pointee.int2)
    let isParserError = error.pointee.domain == Int32(XML_FROM_PARSER.rawValue)
    var location = SourceLocation(
      file: file, line: line > 0 ? line : nil, column: isParserError && column > 0 && line > 0 ? column : nil)
    if !isParserError, let node = error.pointee.node, let place = locate?(attribute(named: raw, of: node) ?? node) {
      location = SourceLocation(file: file, line: place.line, column: place.column)
    }
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    let diagnostic = Diagnostic(severity, at: location, message)
    guard seen.insert(diagnostic).inserted else { return }
    diagnostics.append(diagnostic)
  }

  /// The attribute node of element `node` that a schema message names (`…, attribute 'x': …`),
  /// so that the report points at the attribute rather than its element.
  private func attribute(named message: String, of node: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    guard let name = LibXMLMessages.quoted(after: "attribute '", in: message) else { return nil }
    let element = node.assumingMemoryBound(to: xmlNode.self)
    guard element.pointee.type == XML_ELEMENT_NODE else { return nil }
    var property = element.pointee.properties
    while let current = property {
      if let bytes = current.pointee.name, String(cString: bytes) == name { return UnsafeMutableRawPointer(current) }
      property = current.pointee.next
    }
    return nil
  }

  /// The diagnostics kept, with a closing note when more were left out.
  var reported: [Diagnostic] {
    guard dropped > 0 else { return diagnostics }
    return diagnostics + [
      Diagnostic(
        .note, at: SourceLocation(file: file),
        "stopped after \(Self.limit) problems (\(dropped) more reported, not shown); fix these and check again")
    ]
  }

  /// The C callback libxml2 calls; `context` is an unretained pointer to a box.
  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<LibXMLErrorBox>.fromOpaque(context).takeUnretainedValue().record(error)
  }

  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

import Foundation
