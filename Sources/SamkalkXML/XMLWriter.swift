import CLibXML2
import Foundation

/// Writes XML through libxml2's text writer: UTF-8, an XML declaration, two-space indentation.
///
/// The output depends only on the calls made, so the same report gives the same bytes.
///
/// ```swift
/// let writer = XMLWriter()
/// writer.start("report", namespace: "urn:samkalk:report:1")
/// writer.attribute("version", "1")
/// writer.element("title", text: "Porten")
/// writer.end()
/// let bytes = writer.finish()
/// ```
public final class XMLWriter {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr
  private var finished = false

  public init() {
    buffer = xmlBufferCreate()
    writer = xmlNewTextWriterMemory(buffer, 0)
    xmlTextWriterSetIndent(writer, 1)
    xmlTextWriterSetIndentString(writer, "  ")
    xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
  }

  deinit {
    xmlFreeTextWriter(writer)
    xmlBufferFree(buffer)
  }

  /// Opens an element; with a namespace, writes it as the default namespace (`xmlns="…"`).
  public func start(_ name: String, namespace: String? = nil) {
    xmlTextWriterStartElement(writer, name)
    if let namespace { xmlTextWriterWriteAttribute(writer, "xmlns", namespace) }
  }

  public func attribute(_ name: String, _ value: String) {
    xmlTextWriterWriteAttribute(writer, name, value)
  }

  /// Writes escaped text content.
  public func text(_ value: String) {
    xmlTextWriterWriteString(writer, value)
  }

  public func comment(_ value: String) {
    xmlTextWriterWriteComment(writer, value)
  }

  /// Closes the innermost open element.
  public func end() {
    xmlTextWriterEndElement(writer)
  }

  /// Writes `<name a="…">text</name>` in one call.
  public func element(_ name: String, text: String? = nil, attributes: KeyValuePairs<String, String> = [:]) {
    start(name)
    for (key, value) in attributes { attribute(key, value) }
    if let text { self.text(text) }
    end()
  }

  /// Closes every open element and returns the document's bytes.
  public func finish() -> [UInt8] {
    if !finished {
      xmlTextWriterEndDocument(writer)
      xmlTextWriterFlush(writer)
      finished = true
    }
    let count = Int(xmlBufferLength(buffer))
    guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
    return Array(UnsafeBufferPointer(start: content, count: count))
  }
}
