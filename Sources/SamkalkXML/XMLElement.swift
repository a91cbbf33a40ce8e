/// An attribute of a parsed element, with the line and column its name stands at (column 0:
/// not known).
public struct XMLAttribute: Sendable, Hashable {
  public var name: String
  public var value: String
  public var line: Int
  public var column: Int

  public init(name: String, value: String, line: Int, column: Int = 0) {
    self.name = name
    self.value = value
    self.line = line
    self.column = column
  }
}

/// A parsed element as a plain Swift value, so that readers walk a tree without touching libxml2.
///
/// Line numbers come from libxml2 (`xmlGetLineNo`), so every diagnostic a reader raises
/// points at the element or attribute that caused it.
public struct XMLElement: Sendable, Hashable {
  /// The local name, without a namespace prefix.
  public var name: String
  /// The namespace URI, when the element has one.
  public var namespace: String?
  /// Attributes in document order.
  public var attributes: [XMLAttribute]
  /// Element children in document order (text and comments are not children).
  public var children: [XMLElement]
  /// The element's own text and CDATA content, concatenated and not trimmed.
  public var text: String
  public var line: Int
  /// The column of the start tag's `<` on ``line`` (0: not known).
  public var column: Int

  public init(
    name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], children: [XMLElement] = [],
    text: String = "", line: Int = 0, column: Int = 0
  ) {
    self.name = name
    self.namespace = namespace
    self.attributes = attributes
    self.children = children
    self.text = text
    self.line = line
    self.column = column
  }

  /// The value of the attribute with this name, if present.
  public subscript(attribute name: String) -> String? { attribute(name)?.value }

  public func attribute(_ name: String) -> XMLAttribute? { attributes.first { $0.name == name } }

  public func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }

  public func child(named name: String) -> XMLElement? { children.first { $0.name == name } }

  /// The text content with leading and trailing white space removed.
  public var trimmedText: String {
    text.trimmed
  }
}

import Foundation
