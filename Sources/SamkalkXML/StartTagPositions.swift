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
    func starts(_ text: String) -> Bool {
      let pattern = Array(text.utf8)
      return index + pattern.count <= count && Array(bytes[index..<index + pattern.count]) == pattern
    }
    func skip(past terminator: String) {
      while index < count && !starts(terminator) { advance() }
      for _ in terminator.utf8 where index < count { advance() }
    }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    while index < count {
      guard bytes[index] == UInt8(ascii: "<") else {
        advance()
        continue
      }
      if starts("<!--") {
        skip(past: "-->")
      } else if starts("<![CDATA[") {
        skip(past: "]]>")
      } else if starts("<?") {
        skip(past: "?>")
      } else if starts("<!") || starts("</") {
        skip(past: ">")
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
        skip(past: ">")
      }
    }
  }
}
