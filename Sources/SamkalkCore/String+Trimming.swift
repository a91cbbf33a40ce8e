extension StringProtocol {
  /// The text without leading and trailing white space (Unicode `White_Space`, which includes
  /// tabs, newlines and no-break spaces).
  ///
  /// A pure-Swift replacement for Foundation's `trimmingCharacters(in:)`, which goes through
  /// `NSString` and costs tens of microseconds per call; loaders trim every field they read.
  public var trimmed: String {
    // Fast path: most fields begin and end with a visible ASCII character.
    let text = String(self)
    if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
      return text
    }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
    return String(self[first...last])
  }
}
