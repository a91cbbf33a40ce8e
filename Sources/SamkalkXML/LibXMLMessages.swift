/// libxml2's messages in the words an evaluator can act on.
///
/// libxml2 writes for programmers: "Detected an entity reference loop", "Excessive depth in
/// document: 256 use XML_PARSE_HUGE option", "xmlParseEntityRef: no name". An evaluator who
/// receives a scenario by mail needs to know what is wrong with the file and what to do. Each
/// message is matched by a fragment of libxml2's text; a message no rule matches is shown as
/// libxml2 wrote it.
///
/// | libxml2 says                                   | samkalk says                                         |
/// |------------------------------------------------|------------------------------------------------------|
/// | Detected an entity reference loop              | entities that refer to each other (an expansion attack such as "billion laughs") … |
/// | Excessive depth in document: 256 use XML_PARSE_HUGE option | elements nested deeper than the XML reader allows … |
/// | … use XML_PARSE_HUGE option (other)            | a name, value or text larger than the XML reader allows … |
/// | xmlParseEntityRef: no name                     | a '&' that starts no entity: write &amp; …           |
/// | Input is not proper UTF-8, indicate encoding ! | the file is not UTF-8 here: save it as UTF-8 …       |
/// | Premature end of data in tag T line N          | the file ends before <T> (line N) is closed …        |
/// | Extra content at the end of the document       | something after the root element's end tag …          |
enum LibXMLMessages {
  static func plain(_ message: String) -> String {
    if message.contains("entity reference loop") {
      return "an entity that refers to itself through others (an entity expansion attack such as "
        + "\"billion laughs\"): samkalk files use no entities; the file is refused"
    }
    if message.hasPrefix("Excessive depth in document") {
      return "elements nested deeper than the XML reader allows (\(digits(in: message) ?? "256") levels): "
        + "no samkalk file is nested like that; the file is damaged or hostile"
    }
    if message.contains("XML_PARSE_HUGE") || message.contains("Huge input lookup") || message.contains("huge text") {
      return "a name, value or text larger than the XML reader allows (10 MB in one piece): "
        + "no samkalk file needs that; the file is damaged or hostile"
    }
    if message.hasPrefix("xmlParseEntityRef: no name") {
      return "a '&' that starts no entity: write &amp; for an ampersand in text or a value"
    }
    if message.hasPrefix("Input is not proper UTF-8") {
      return "the file is not UTF-8 here: save it as UTF-8 (in Excel or a text editor: \"UTF-8\")"
    }
    if message.hasPrefix("Premature end of data in tag ") {
      let rest = message.dropFirst("Premature end of data in tag ".count).split(separator: " ")
      if rest.count >= 3, rest[1] == "line" {
        return "the file ends before <\(rest[0])> (line \(rest[2])) is closed: is the file cut short?"
      }
    }
    if message.hasPrefix("Extra content at the end of the document") {
      return "something follows the root element's end tag: a file holds exactly one root element"
    }
    if message.hasPrefix("Document is empty") || message.hasPrefix("Start tag expected") {
      return "no XML element here: is this an XML file?"
    }
    return message
  }

  /// The name in quotes after `marker` in a libxml2 message (`attribute 'x'` → `x`).
  static func quoted(after marker: String, in text: String) -> String? {
    guard let range = text.range(of: marker) else { return nil }
    let rest = text[range.upperBound...]
    guard let end = rest.firstIndex(of: "'") else { return nil }
    return String(rest[..<end])
  }

  private static func digits(in message: String) -> String? {
    let run = message.drop { !$0.isNumber }.prefix { $0.isNumber }
    return run.isEmpty ? nil : String(run)
  }
}
