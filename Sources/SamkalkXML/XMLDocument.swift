import CLibXML2
import Foundation
import SamkalkCore

#if canImport(Glibc)
  import Glibc
#endif

/// A parsed XML file: the Swift element tree plus the libxml2 document kept for XSD validation.
///
/// Parsing is secure by construction: no network access (`XML_PARSE_NONET`), no entity
/// substitution and no external DTD loading (the options that would enable them are never
/// set), and any DOCTYPE is refused, since no samkalk file needs one. Files larger than
/// ``XMLLimits/maxBytes`` are refused before libxml2 sees them.
public final class XMLDocument: @unchecked Sendable {
  /// The path as given, used in diagnostics.
  public let file: String
  public let root: XMLElement
  /// The file's bytes, for provenance hashes.
  public let bytes: [UInt8]
  let document: xmlDocPtr
  /// The place of each element and attribute node of `document` (by its libxml2 pointer), so
  /// that a schema error, which names a node, gets the node's line and column.
  let places: [UnsafeMutableRawPointer: StartTagPositions.Place]

  private init(
    file: String, root: XMLElement, bytes: [UInt8], document: xmlDocPtr,
    places: [UnsafeMutableRawPointer: StartTagPositions.Place]
  ) {
    self.file = file
    self.root = root
    self.bytes = bytes
    self.document = document
    self.places = places
  }

  deinit { xmlFreeDoc(document) }

  /// Reads and parses a file. A missing or unreadable file is a diagnostic, not a crash.
  public static func load(path: String, limits: XMLLimits = .default) throws(DiagnosticError) -> XMLDocument {
    let bytes = try FileBytes.read(path: path, maxBytes: limits.maxBytes)
    return try parse(bytes: bytes, file: path, limits: limits)
  }

  /// Parses bytes that came from `file` (the name is used in diagnostics only).
  public static func parse(bytes: [UInt8], file: String, limits: XMLLimits = .default) throws(DiagnosticError)
    -> XMLDocument
  {
    guard bytes.count <= limits.maxBytes else {
      throw DiagnosticError(
        .error(
          "file is \(bytes.count) bytes, larger than the limit of \(limits.maxBytes) bytes",
          at: SourceLocation(file: file)))
    }
    guard !bytes.isEmpty else {
      throw DiagnosticError(.error("file is empty", at: SourceLocation(file: file)))
    }
    // libxml2 may stop at a NUL and ignore what follows it (even a second root after
    // `</scenario>`): refused with its position instead.
    if let place = UntrustedText.firstNUL(in: bytes) {
      throw DiagnosticError(
        .error(
          UntrustedText.nulMessage(in: "XML file"),
          at: SourceLocation(file: file, line: place.line, column: place.column)
        ))
    }
    let box = LibXMLErrorBox(file: file)
    box.maxAttributes = limits.maxAttributes
    box.maxElements = limits.maxElements
    xmlSetStructuredErrorFunc(box.opaque, LibXMLErrorBox.handler)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOBLANKS.rawValue)
    guard let parser = xmlNewParserCtxt() else {
      throw DiagnosticError(.error("cannot create an XML parser", at: SourceLocation(file: file)))
    }
    defer { xmlFreeParserCtxt(parser) }
    // Elements pass through ``startElement`` first, which stops the parse at too many attributes.
    parser.pointee._private = box.opaque
    parser.pointee.sax.pointee.startElementNs = Self.startElement
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
        xmlCtxtReadMemory(parser, pointer, Int32(buffer.count), file, nil, options)
      }
    }
    if let refusal = box.refusal {
      if let parsed { xmlFreeDoc(parsed) }
      throw DiagnosticError(refusal)
    }
    guard let document = parsed else {
      let diagnostics =
        box.diagnostics.isEmpty
        ? [Diagnostic.error("not well-formed XML", at: SourceLocation(file: file))] : box.reported
      throw DiagnosticError(diagnostics)
    }
    if box.diagnostics.contains(where: { $0.severity == .error }) {
      xmlFreeDoc(document)
      throw DiagnosticError(box.reported.filter { $0.severity != .warning })
    }
    if let subset = document.pointee.intSubset ?? document.pointee.extSubset {
      let line = Int(xmlGetLineNo(UnsafeMutableRawPointer(subset).assumingMemoryBound(to: xmlNode.self)))
      xmlFreeDoc(document)
      throw DiagnosticError(
        .error(
          "DOCTYPE declarations are not allowed (samkalk files never need a DTD or entities)",
          at: SourceLocation(file: file, line: line > 0 ? line : 1)))
    }
    guard let rootNode = xmlDocGetRootElement(document) else {
      xmlFreeDoc(document)
      throw DiagnosticError(.error("document has no root element", at: SourceLocation(file: file)))
    }
    var positions = StartTagPositions(bytes).tags[...]
    var places: [UnsafeMutableRawPointer: StartTagPositions.Place] = [:]
    let root = makeElement(rootNode, positions: &positions, places: &places)
    return XMLDocument(file: file, root: root, bytes: bytes, document: document, places: places)
  }

  /// libxml2's tree-building start of an element, after a check of the number of elements so
  /// far and of its attributes: past ``XMLLimits/maxElements`` or ``XMLLimits/maxAttributes``
  /// the parse stops (`xmlStopParser` from a SAX callback, as
  /// libxml2 intends it) before libxml2 builds or validates the attribute list.
  static let startElement: startElementNsSAX2Func = {
    context, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    if let opaque = parser.pointee._private {
      let box = Unmanaged<LibXMLErrorBox>.fromOpaque(opaque).takeUnretainedValue()
      box.elementCount += 1
      if box.elementCount > box.maxElements {
        box.refusal = .error(
          "the file has more than \(box.maxElements) elements, the limit (a samkalk scenario has a few hundred)",
          at: SourceLocation(file: box.file, line: Int(xmlSAX2GetLineNumber(context))))
        xmlStopParser(parser)
        return
      }
      if Int(attributeCount) > box.maxAttributes {
        let element = name.map { String(cString: $0) } ?? "?"
        box.refusal = .error(
          "element <\(element)> has \(attributeCount) attributes, more than the limit of \(box.maxAttributes) "
            + "(no samkalk element has more than 20)",
          at: SourceLocation(file: box.file, line: Int(xmlSAX2GetLineNumber(context))))
        xmlStopParser(parser)
        return
      }
    }
    xmlSAX2StartElementNs(
      context, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
  }

  /// The location of an element in this file: the line and column of its start tag.
  public func location(_ element: XMLElement) -> SourceLocation {
    SourceLocation(
      file: file, line: element.line > 0 ? element.line : nil,
      column: element.line > 0 && element.column > 0 ? element.column : nil)
  }

  /// The location of an attribute: the line and column of its name.
  public func location(_ attribute: XMLAttribute) -> SourceLocation {
    SourceLocation(
      file: file, line: attribute.line > 0 ? attribute.line : nil,
      column: attribute.line > 0 && attribute.column > 0 ? attribute.column : nil)
  }

  /// The element tree of `node`, with each start tag's place taken from `positions` (which
  /// lists the start tags in document order, the order this recursion visits them).
  /// `places` receives the place of every element and attribute node.
  static func makeElement(
    _ node: xmlNodePtr, positions: inout ArraySlice<StartTagPositions.Tag>,
    places: inout [UnsafeMutableRawPointer: StartTagPositions.Place]
  ) -> XMLElement {
    var line = Int(xmlGetLineNo(node))
    let name = String(cString: node.pointee.name)
    // The scan's place, when it names the same element (it always does for a document that
    // libxml2 parsed; the check keeps a wrong column out should they ever disagree). libxml2
    // gives the line where a start tag that spans lines ends; the scan, where it begins.
    let tag = positions.popFirst().flatMap { $0.name == name && $0.place.line <= max(line, 1) ? $0 : nil }
    if let tag {
      line = tag.place.line
      places[UnsafeMutableRawPointer(node)] = tag.place
    }
    var element = XMLElement(
      name: name,
      namespace: node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
      line: line, column: tag?.place.column ?? 0)
    var attribute = node.pointee.properties
    while let current = attribute {
      let name = String(cString: current.pointee.name)
      var value = ""
      var part = current.pointee.children
      while let textNode = part {
        if let content = textNode.pointee.content { value += String(cString: content) }
        part = textNode.pointee.next
      }
      let place = tag?.attributes.first { $0.name == name }?.place
      if let place { places[UnsafeMutableRawPointer(current)] = place }
      element.attributes.append(
        XMLAttribute(name: name, value: value, line: place?.line ?? line, column: place?.column ?? 0))
      attribute = current.pointee.next
    }
    var child = node.pointee.children
    var text = ""
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        element.children.append(makeElement(current, positions: &positions, places: &places))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { text += String(cString: content) }
      default:
        break
      }
      child = current.pointee.next
    }
    element.text = text
    return element
  }
}

/// Reads a whole file with a size limit checked before reading, reporting problems as diagnostics.
///
/// Uses `open`/`fstat`/`read` directly: samkalk reads a hundred small rate files per run, and
/// the POSIX calls cost a fraction of Foundation's file APIs.
public enum FileBytes {
  public static func read(path: String, maxBytes: Int) throws(DiagnosticError) -> [UInt8] {
    let location = SourceLocation(file: path)
    let (descriptor, size) = try InputFile.open(path: path)
    defer { close(descriptor) }
    if size > maxBytes {
      throw DiagnosticError(
        .error("file is \(size) bytes, larger than the limit of \(maxBytes) bytes", at: location))
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw DiagnosticError(.error("cannot read the file (\(String(cString: strerror(errno))))", at: location))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      guard bytes.count <= maxBytes else {
        throw DiagnosticError(.error("file is larger than the limit of \(maxBytes) bytes", at: location))
      }
    }
    return bytes
  }
}
