import Foundation

/// The name–value pairs of a query string or an `application/x-www-form-urlencoded` body, in order.
///
/// Parsed by hand (`+` is a space, `%XX` a byte of UTF-8) so that repeated names (the compare
/// page's checkboxes) keep every value. Pairs that do not decode (`%ff%fe` is no UTF-8) are kept
/// apart in ``undecodable``, so that a submitted form can refuse them instead of silently
/// keeping the file's value; the values are only ever compared with known names and parsed as
/// numbers, never used as paths.
public struct FormFields: Sendable, Equatable {
  public var pairs: [(name: String, value: String)]
  /// The items that are not percent-encoded UTF-8, as sent (at most 100 characters each), with
  /// their name when the name alone decodes.
  public var undecodable: [(name: String?, text: String)] = []

  public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

  /// Parses `a=1&b=x+y&c=%C3%A5`; a missing `=` gives an empty value.
  public init(urlEncoded text: String?) {
    var pairs: [(name: String, value: String)] = []
    for item in (text ?? "").split(separator: "&", omittingEmptySubsequences: true) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      guard let name, let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
        undecodable.append((name, String(item.prefix(100))))
        continue
      }
      pairs.append((name, value))
    }
    self.pairs = pairs
  }

  /// Whether `name` was sent, readable or not.
  public func contains(_ name: String) -> Bool {
    self[name] != nil || undecodable.contains { $0.name == name }
  }

  /// The first value of `name`.
  public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

  /// Every value of `name`, in order.
  public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  public var isEmpty: Bool { pairs.isEmpty }

  /// `a=1&b=x%20y`: the pairs encoded again, for links that carry a form's state.
  public var encoded: String {
    pairs.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
  }

  static func decode(_ text: Substring) -> String? {
    String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  static let unreserved = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

  static func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }

  /// Equal when the same pairs and undecodable items come in the same order (tuples are not `Equatable`).
  public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
    lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
      && lhs.undecodable.elementsEqual(rhs.undecodable) { $0.name == $1.name && $0.text == $1.text }
  }
}
