import CLibXML2
import SamkalkCore

/// An HTML file read as a browser-like consumer reads it: through libxml2's HTML parser, with
/// no network access, into the same Swift element tree as ``XMLDocument``.
///
/// samkalk writes its HTML reports itself; this reader lets tests (and anyone checking a report)
/// confirm that the output is HTML a browser's parser accepts, not only well-formed XML.
public enum HTMLDocument {
  /// Parses HTML bytes into an element tree; the result's root is normally `html`.
  public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> XMLElement {
    guard !bytes.isEmpty else { throw DiagnosticError(.error("file is empty", at: SourceLocation(file: file))) }
    let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        htmlReadMemory($0, Int32(buffer.count), file, "UTF-8", options)
      }
    }
    guard let document = parsed, let root = xmlDocGetRootElement(document) else {
      throw DiagnosticError(.error("not readable as HTML", at: SourceLocation(file: file)))
    }
    defer { xmlFreeDoc(document) }
    var noPositions = ArraySlice<StartTagPositions.Tag>()
    var places: [UnsafeMutableRawPointer: StartTagPositions.Place] = [:]
    return XMLDocument.makeElement(root, positions: &noPositions, places: &places)
  }
}
