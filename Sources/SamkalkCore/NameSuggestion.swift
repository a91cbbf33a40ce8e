/// Finds the known name closest to a misspelt one, for "did you mean" hints.
///
/// Uses the edit distance with adjacent transpositions (optimal string alignment), so a
/// swapped pair of letters counts as one edit, and accepts a candidate when the distance is at
/// most a third of the longer name (at least 1, at most 3): `titel` → `title`,
/// `forsorjningstod` → `forsorjningsstod`, `yeras` → `years`, `xyz` → none.
public enum NameSuggestion {
  public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    // A hint is for a misspelt name, not for a paragraph: long inputs (an attacker's 1 MB field)
    // get none, which also keeps the quadratic distance bounded.
    let length = name.count
    guard length <= 128 else { return nil }
    var best: (String, Int)?
    for candidate in candidates where candidate != name && abs(candidate.count - length) <= 3 {
      let edits = Self.distance(name, candidate)
      let limit = min(3, max(1, max(name.count, candidate.count) / 3))
      guard edits <= limit else { continue }
      if best == nil || edits < best!.1 || (edits == best!.1 && candidate < best!.0) {
        best = (candidate, edits)
      }
    }
    return best?.0
  }

  /// `"; did you mean 'x'?"` or the empty string.
  public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
    guard let match = closest(to: name, among: candidates) else { return "" }
    return "; did you mean '\(match)'?"
  }

  /// Edit distance between two strings, counted in Unicode characters, case-insensitive:
  /// insertions, deletions, substitutions and swaps of two adjacent characters cost 1 each.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[a.count][b.count]
  }
}
