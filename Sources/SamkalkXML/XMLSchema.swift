import CLibXML2
import Foundation
import SamkalkCore

/// A W3C XML Schema, compiled once by libxml2, that validates parsed documents.
///
/// Validation reports every problem libxml2 finds, each with the file and line of the
/// offending element. Where libxml2 says an element or attribute is not allowed, the message
/// gains a "did you mean" hint from the names the schema declares, so `<titel>` suggests
/// `title`.
public final class XMLSchema: @unchecked Sendable {
  private let schema: xmlSchemaPtr
  /// Every element name the schema declares.
  public let elementNames: Set<String>
  /// Every attribute name the schema declares.
  public let attributeNames: Set<String>

  public init(path: String) throws(DiagnosticError) {
    let schemaDocument = try XMLDocument.load(path: path)
    let box = LibXMLErrorBox(file: path)
    guard let context = xmlSchemaNewDocParserCtxt(schemaDocument.document) else {
      throw DiagnosticError(.error("cannot create a schema parser", at: SourceLocation(file: path)))
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    xmlSchemaSetParserStructuredErrors(context, LibXMLErrorBox.handler, box.opaque)
    guard let schema = xmlSchemaParse(context) else {
      throw DiagnosticError(
        box.diagnostics.isEmpty
          ? [.error("not a valid XML Schema", at: SourceLocation(file: path))] : box.diagnostics)
    }
    self.schema = schema
    var elements = Set<String>()
    var attributes = Set<String>()
    func collect(_ element: XMLElement) {
      if let name = element[attribute: "name"] {
        if element.name == "element" { elements.insert(name) }
        if element.name == "attribute" { attributes.insert(name) }
      }
      element.children.forEach(collect)
    }
    collect(schemaDocument.root)
    elementNames = elements
    attributeNames = attributes
  }

  deinit { xmlSchemaFree(schema) }

  /// Validates a document; returns all problems (empty when valid).
  public func validate(_ document: XMLDocument) -> [Diagnostic] {
    let box = LibXMLErrorBox(file: document.file) { [elementNames, attributeNames] message in
      XMLSchema.hintedMessage(message, elements: elementNames, attributes: attributeNames)
    }
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      return [.error("cannot create a schema validator", at: SourceLocation(file: document.file))]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    box.locate = { [places = document.places] node in places[node] }
    xmlSchemaSetValidStructuredErrors(context, LibXMLErrorBox.handler, box.opaque)
    let result = xmlSchemaValidateDoc(context, document.document)
    if result != 0 && box.diagnostics.isEmpty {
      return [.error("document is not valid against the schema", at: SourceLocation(file: document.file))]
    }
    return box.reported
  }

  /// Rewrites libxml2's "Element 'x': This element is not expected." and "The attribute 'x' is
  /// not allowed." messages with a close known name, and strips namespace braces for
  /// readability.
  public static func hintedMessage(_ message: String, elements: Set<String>, attributes: Set<String>) -> String {
    let readable = message.replacingOccurrences(
      of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
    if readable.contains("This element is not expected"),
      let name = LibXMLMessages.quoted(after: "Element '", in: readable)
    {
      let hint = NameSuggestion.hint(for: name, among: elements)
      return "unknown or misplaced element '\(name)'\(hint) (\(readable))"
    }
    if readable.contains("is not allowed"), let name = LibXMLMessages.quoted(after: "attribute '", in: readable) {
      let hint = NameSuggestion.hint(for: name, among: attributes)
      return "unknown attribute '\(name)'\(hint) (\(readable))"
    }
    return readable
  }
}
