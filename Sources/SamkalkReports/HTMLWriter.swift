import SamkalkCore
import SamkalkXML

/// Writes XML-serialised HTML5 (XHTML) through ``XMLWriter``, the project's only XML writer.
///
/// The document starts with `<!DOCTYPE html>` instead of an XML declaration, so a browser
/// renders it in standards mode; apart from that line it is well-formed XML, which the tests
/// parse with `XMLDocument.parse`. A non-void HTML element is never written as `<x/>` (an HTML
/// parser would leave it open): ``element(_:_:text:)`` always writes its text, even empty.
public final class HTMLWriter {
  public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
  public static let svgNamespace = "http://www.w3.org/2000/svg"
  /// Elements that HTML allows (and requires) to be empty.
  static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "wbr"]

  let writer = XMLWriter()
  /// Whether the innermost open elements are SVG (where `<x/>` is fine).
  private var svgDepth = 0
  private var depth = 0

  public init() {}

  /// Opens an element with attributes in the given order.
  public func open(_ name: String, _ attributes: [(String, String)] = [], namespace: String? = nil) {
    writer.start(name, namespace: namespace)
    for (key, value) in attributes { writer.attribute(key, value) }
    depth += 1
    if name == "svg" || svgDepth > 0 { svgDepth += 1 }
  }

  public func close() {
    writer.end()
    depth -= 1
    if svgDepth > 0 { svgDepth -= 1 }
  }

  public func text(_ value: String) { writer.text(value) }

  /// `<name …>text</name>`; a non-void HTML element gets its (possibly empty) text so that it is
  /// written with an end tag.
  public func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
    open(name, attributes)
    if let text {
      writer.text(text)
    } else if svgDepth == 0 && !Self.voidElements.contains(name) {
      writer.text("")
    }
    close()
  }

  /// A table with a caption, a header row and body rows; cells in `numeric` columns are right-aligned.
  public func table(
    caption: String, header: [String], rows: [[String]], numeric: Set<Int> = [], id: String? = nil
  ) {
    open("table", id.map { [("id", $0)] } ?? [])
    element("caption", text: caption)
    open("thead")
    open("tr")
    for (index, cell) in header.enumerated() {
      element("th", [("scope", "col")] + (numeric.contains(index) ? [("class", "num")] : []), text: cell)
    }
    close()
    close()
    open("tbody")
    for row in rows {
      open("tr")
      for (index, cell) in row.enumerated() {
        if index == 0 {
          element("th", [("scope", "row")], text: cell)
        } else {
          element("td", numeric.contains(index) ? [("class", "num")] : [], text: cell)
        }
      }
      close()
    }
    close()
    close()
  }

  /// The document's bytes: `<!DOCTYPE html>` and the XHTML tree.
  public func finish() -> [UInt8] {
    while depth > 0 { close() }
    var bytes = writer.finish()
    // Replace the XML declaration (`<?xml …?>` and its line end) with the HTML5 doctype.
    if bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
      bytes.removeSubrange(0...end)
    }
    return Array("<!DOCTYPE html>\n".utf8) + bytes
  }
}
