import Foundation
import MultipartKit

/// A `multipart/form-data` body (RFC 7578) split into its parts, for the upload form.
///
/// The framing (boundaries, part headers) is vapor/multipart-kit's `MultipartParser`, so the
/// edge cases of boundaries and headers are its tested code, not ours. Around it this type sets
/// the limits an upload form needs and refuses what the parser lets pass: a body that never
/// reaches its closing boundary (a truncated upload is refused, not half-read), a part without a
/// name. The body is untrusted and already size-limited by the caller (``AppState/uploadLimit``).
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

  /// The most parts a body may have; the upload form sends three (`scenario`, `rates`, `base`).
  public static let maxParts = 16
  /// The most header lines a part may have; a browser sends two (Content-Disposition, Content-Type).
  public static let maxHeadersPerPart = 16
  /// The longest header line value a part may have, in bytes.
  public static let maxHeaderBytes = 4096

  /// The first part named `name`.
  public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

  /// The boundary of a `multipart/form-data; boundary=…` content type, or nil for another type.
  public static func boundary(contentType: String) -> String? {
    let items = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let type = items.first, type.lowercased() == "multipart/form-data" else { return nil }
    for item in items.dropFirst() where item.lowercased().hasPrefix("boundary=") {
      var value = String(item.dropFirst("boundary=".count))
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      // RFC 2046: 1 to 70 characters (multipart-kit checks only that it is not empty).
      return (1...70).contains(value.utf8.count) ? value : nil
    }
    return nil
  }

  /// Why a body is not multipart as RFC 7578 writes it; the upload page shows the text.
  public struct FormatError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Parses `bytes` with multipart-kit; every part needs a Content-Disposition with a name, and
  /// the body must end with `--boundary--`.
  public init(bytes: [UInt8], boundary: String) throws(FormatError) {
    let parser = MultipartParser(boundary: boundary)
    var parts: [Part] = []
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    var pending = false
    var problem: String?
    parser.onHeader = { name, value in
      pending = true
      guard problem == nil else { return }
      if headers.count >= Self.maxHeadersPerPart {
        problem = "a multipart part has more than \(Self.maxHeadersPerPart) headers"
      } else if value.utf8.count > Self.maxHeaderBytes {
        problem = "a multipart header is longer than \(Self.maxHeaderBytes) bytes"
      } else {
        headers.add(name: name, value: value)
      }
    }
    parser.onBody = { buffer in
      pending = true
      body += buffer.readableBytesView
    }
    parser.onPartComplete = {
      defer {
        headers = HTTPHeaders()
        body = []
        pending = false
      }
      guard problem == nil else { return }
      guard parts.count < Self.maxParts else {
        problem = "the multipart body has more than \(Self.maxParts) parts"
        return
      }
      let disposition = headers.first(name: "Content-Disposition") ?? ""
      guard let name = Self.parameter("name", in: disposition) else {
        problem = "a multipart part has no Content-Disposition with a name"
        return
      }
      parts.append(Part(name: name, fileName: Self.parameter("filename", in: disposition), bytes: body))
    }
    do {
      try parser.execute(bytes)
    } catch {
      throw FormatError(
        description: "the multipart body is malformed (a boundary or a part header is not as RFC 7578 writes it)")
    }
    if let problem { throw FormatError(description: problem) }
    guard Self.contains(Array("--\(boundary)--".utf8), in: bytes) else {
      throw FormatError(
        description: Self.contains(Array("--\(boundary)".utf8), in: bytes)
          ? "the multipart body ends without its closing boundary"
          : "the multipart body has no part (boundary not found)")
    }
    guard !pending else {
      throw FormatError(description: "the multipart body ends without its closing boundary")
    }
    self.parts = parts
  }

  /// A parameter of a `Content-Disposition: form-data; name="…"; filename="…"` value: the
  /// exact key (so `filename` is not read as `name`), quotes removed, `;` inside quotes kept.
  static func parameter(_ key: String, in header: String) -> String? {
    var rest = Substring(header)
    while let equals = rest.firstIndex(of: "=") {
      let name = rest[..<equals].split(separator: ";").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      var value = rest[rest.index(after: equals)...].drop { $0 == " " }
      let text: Substring
      if value.first == "\"" {
        value = value.dropFirst()
        let end = value.firstIndex(of: "\"") ?? value.endIndex
        text = value[..<end]
        rest = end == value.endIndex ? "" : value[value.index(after: end)...]
      } else {
        let end = value.firstIndex(of: ";") ?? value.endIndex
        text = value[..<end]
        rest = value[end...]
      }
      if name.lowercased() == key { return String(text).trimmingCharacters(in: .whitespaces) }
    }
    return nil
  }

  static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let first = needle[0]
    for index in 0...(haystack.count - needle.count)
    where haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) {
      return true
    }
    return false
  }
}
