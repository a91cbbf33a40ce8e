/// Where something stands in an input file: the file's path, and the line and column when known.
///
/// Lines and columns count from 1. A location without a line points at the whole file.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?

  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `FILE`, `FILE:LINE` or `FILE:LINE:COL`, as compilers print it.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}
