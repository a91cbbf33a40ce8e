extension SensitivityReport {
  /// The most characters of one line of a tornado row's label.
  static let labelLineLength = 42

  /// A parameter id as the tornado diagram labels it: at most two lines of at most
  /// ``labelLineLength`` characters, without the `input:` / `rate:` prefix (the table beside the
  /// chart and each bar's title keep the whole id).
  ///
  /// Cutting an id from the end, as a single line did, left only `outcome[subventionerat_arbete]/pha…`
  /// for every input of that outcome, so that rows could not be told apart: the end of a path (the
  /// situation and attribute) is what distinguishes them. So a long id is split after its last `/`
  /// (a rate key after its last `.`), and a line that is still too long loses its middle, never
  /// its ends.
  static func chartLabel(_ id: String) -> [String] {
    var text = Substring(id)
    for prefix in ["input:", "rate:"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
    guard text.count > labelLineLength else { return [String(text)] }
    let separator: Character = text.contains("/") ? "/" : "."
    guard let cut = text.lastIndex(of: separator) else { return [middleCut(text)] }
    let head = text[...cut]
    let tail = text[text.index(after: cut)...]
    return tail.isEmpty ? [middleCut(text)] : [middleCut(head), middleCut(tail)]
  }

  /// `text` with its middle replaced by `…` so that it has at most ``labelLineLength`` characters.
  static func middleCut(_ text: Substring) -> String {
    guard text.count > labelLineLength else { return String(text) }
    let keep = labelLineLength - 1
    return String(text.prefix(keep / 2)) + "…" + String(text.suffix(keep - keep / 2))
  }
}
