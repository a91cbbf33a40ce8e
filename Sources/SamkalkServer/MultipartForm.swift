import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts, for the upload form.
///
/// The body is untrusted and already size-limited by the caller; parsing only slices the bytes,
/// and a malformed body is an error with a message rather than a guess.
public struct MultipartForm: Sendable {
  public struct Part: Sendable {
    /// The form field's name (`name="…"` of Content-Disposition).
    public var name: String
    /// The browser's file name, if the part is a file; a label only, never a path.
    public var fileName: String?
    public var bytes: [UInt8]
  }

  /// The parts in body order.
  public var parts: [Part]

  /// The first part named `name`.
  public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

  /// The boundary of a `multipart/form-data; boundary=…` content type, or nil for another type.
  public static func boundary(contentType: String) -> String? {
    let items = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let type = items.first, type.lowercased() == "multipart/form-data" else { return nil }
    for item in items.dropFirst() where item.lowercased().hasPrefix("boundary=") {
      var value = String(item.dropFirst("boundary=".count))
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      // RFC 2046: 1 to 70 characters.
      return (1...70).contains(value.utf8.count) ? value : nil
    }
    return nil
  }

  /// Why a body is not multipart as RFC 7578 writes it; the upload page shows the text.
  public struct FormatError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Splits `bytes` at `--boundary` lines; every part needs a Content-Disposition with a name, and
  /// the body must end with `--boundary--` (a truncated upload is refused, not half-read).
  public init(bytes: [UInt8], boundary: String) throws(FormatError) {
    let delimiter = Array("--\(boundary)".utf8)
    let lineEnd: [UInt8] = [13, 10]
    guard var position = Self.find(delimiter, in: bytes, from: 0) else {
      throw FormatError(description: "the multipart body has no part (boundary not found)")
    }
    var parts: [Part] = []
    while true {
      position += delimiter.count
      // "--" after a delimiter closes the body.
      if bytes.count >= position + 2, bytes[position] == 45, bytes[position + 1] == 45 { break }
      guard bytes.count >= position + 2, Array(bytes[position..<position + 2]) == lineEnd else {
        throw FormatError(description: "the multipart body is malformed after a boundary")
      }
      position += 2
      guard let headerEnd = Self.find(lineEnd + lineEnd, in: bytes, from: position) else {
        throw FormatError(description: "a multipart part has no end of headers")
      }
      let header = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
      let contentStart = headerEnd + 4
      guard let next = Self.find(lineEnd + delimiter, in: bytes, from: contentStart) else {
        throw FormatError(description: "the multipart body ends without its closing boundary")
      }
      guard let (name, fileName) = Self.disposition(header) else {
        throw FormatError(description: "a multipart part has no Content-Disposition with a name")
      }
      parts.append(Part(name: name, fileName: fileName, bytes: Array(bytes[contentStart..<next])))
      position = next + 2
    }
    self.parts = parts
  }

  /// `name` and `filename` of the part's `Content-Disposition: form-data; …` header.
  static func disposition(_ header: String) -> (String, String?)? {
    for line in header.split(separator: "\r\n") {
      let pieces = line.split(separator: ":", maxSplits: 1)
      guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
      else { continue }
      var name: String?
      var fileName: String?
      for item in pieces[1].split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if let value = parameter(item, "name") { name = value }
        if let value = parameter(item, "filename") { fileName = value }
      }
      return name.map { ($0, fileName) }
    }
    return nil
  }

  static func parameter(_ item: String, _ key: String) -> String? {
    guard item.lowercased().hasPrefix(key + "=") else { return nil }
    var value = String(item.dropFirst(key.count + 1))
    if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
    return value
  }

  /// The first index of `needle` in `haystack` at or after `start`.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    let first = needle[0]
    var index = start
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }
}
