/// The line and column of every start tag, and of each of its attributes, in a well-formed
/// document, in document order.
///
/// libxml2 keeps a line for each element but no column, so a reader's diagnostics would say
/// `FILE:LINE` where an evaluator with three `<situation>` elements on one line needs
/// `FILE:LINE:COL`. The document has already been parsed by libxml2 when this runs, so a plain
/// scan suffices: in well-formed XML a `<` outside comments, CDATA sections and processing
/// instructions always opens a tag, and attribute values hold no `<`. Columns count characters
/// (not bytes), from 1, as every diagnostic does.
///
/// | source (line 7)                                  | element `situation` | attribute `extent` |
/// |--------------------------------------------------|---------------------|--------------------|
/// | `    <situation type="arbete" extent="0.5"/>`    | 7:5                 | 7:30               |
struct StartTagPositions {
  struct Place: Hashable {
    var line: Int
    var column: Int
  }

  struct Tag {
    /// The element's local name (without a prefix), to check that the scan and libxml2's tree
    /// agree before a place is used.
    var name: String
    var place: Place
    var attributes: [(name: String, place: Place)]
  }

  private(set) var tags: [Tag] = []

  private static let commentOpen = Array("<!--".utf8)
  private static let commentClose = Array("-->".utf8)
  private static let cdataOpen = Array("<![CDATA[".utf8)
  private static let cdataClose = Array("]]>".utf8)
  private static let instructionOpen = Array("<?".utf8)
  private static let instructionClose = Array("?>".utf8)
  private static let declarationOpen = Array("<!".utf8)
  private static let endTagOpen = Array("</".utf8)
  private static let tagClose = Array(">".utf8)

  init(_ bytes: [UInt8]) {
    var index = 0
    var line = 1
    var column = 1
    let count = bytes.count
    func advance() {
      if bytes[index] == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if bytes[index] & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    // Compared in place: the scan runs on every XML file read (a run reads a hundred rate
    // files), and `skip(past:)` tests at every byte of a tag or comment.
    func starts(_ pattern: [UInt8]) -> Bool {
      guard index + pattern.count <= count else { return false }
      for offset in pattern.indices where bytes[index + offset] != pattern[offset] { return false }
      return true
    }
    func skip(past terminator: [UInt8]) {
      while index < count && !starts(terminator) { advance() }
      for _ in terminator where index < count { advance() }
    }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    while index < count {
      guard bytes[index] == UInt8(ascii: "<") else {
        advance()
        continue
      }
      if starts(Self.commentOpen) {
        skip(past: Self.commentClose)
      } else if starts(Self.cdataOpen) {
        skip(past: Self.cdataClose)
      } else if starts(Self.instructionOpen) {
        skip(past: Self.instructionClose)
      } else if starts(Self.declarationOpen) || starts(Self.endTagOpen) {
        skip(past: Self.tagClose)
      } else {
        let place = Place(line: line, column: column)
        advance()
        let nameStart = index
        while index < count && !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">")
          && bytes[index] != UInt8(ascii: "/")
        {
          advance()
        }
        let qualified = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        var tag = Tag(
          name: qualified.split(separator: ":").last.map(String.init) ?? qualified, place: place, attributes: [])
        while index < count {
          while index < count && isSpace(bytes[index]) { advance() }
          guard index < count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") else { break }
          let place = Place(line: line, column: column)
          let nameStart = index
          while index < count && !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "=") { advance() }
          let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
          while index < count && bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "'") { advance() }
          guard index < count else { break }
          let quote = bytes[index]
          advance()
          while index < count && bytes[index] != quote { advance() }
          if index < count { advance() }
          // A prefixed name (`xsi:schemaLocation`) is kept by its local part, as libxml2 names it.
          let local = name.split(separator: ":").last.map(String.init) ?? name
          tag.attributes.append((local, place))
        }
        tags.append(tag)
        skip(past: Self.tagClose)
      }
    }
  }
}
